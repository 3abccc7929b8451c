"""``python -m generator``: see ``generator.cli``."""

import gc
import os
import signal
import sys
import threading


def leave(code: int) -> None:
    """End the program with ``code`` as Python would, less tearing the interpreter down.

    Python's exit runs the ``atexit`` functions, flushes the standard streams, waits for other threads, then
    collects every object and empties every module: the last part is an eighth of a small document's run,
    for memory the system takes back anyway. The first parts are done here, and the process ends at once
    (``os._exit``). With another thread running, or a standard stream that cannot be flushed (a closed
    pipe), Python's own exit is taken, with what it says and the status it gives.
    """
    if threading.active_count() > 1:
        raise SystemExit(code)
    import atexit

    atexit._run_exitfuncs()
    from .cli import standard_output_error

    failed = standard_output_error()
    if failed is not None:
        print(f"standard output: error: cannot write: {failed}", file=sys.stderr)
        code = code or 2
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code)


def run() -> None:
    """The program: ``python -m generator`` and the ``generator`` command."""
    # No cycle collection in a program's run (see ``cli.main``), from before its modules load.
    gc.disable()
    if getattr(signal.getsignal(signal.SIGINT), "__module__", None) == __package__:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # the package's quiet exit ends here
    try:
        from .cli import main
    except KeyboardInterrupt:  # Ctrl-C while the modules load: nothing was read or written yet
        raise SystemExit(130) from None
    leave(main())


if __name__ == "__main__":
    run()
