"""Run a command from a fresh, small process and report its time and peak memory: ``launch.py LIMIT RESULT ARGV...``.

``ru_maxrss`` survives ``execve``: a child forked from the benchmark starts with the
benchmark's own peak (which grows with the documents it reads), whatever it runs.
So the benchmark starts this script (``python -I -S``, a few MiB), which forks the
measured command; the command's ``wait4`` figures are written to RESULT as JSON
(``seconds``, ``peak_kib``, and ``exitcode`` as ``subprocess`` gives it: negative for a
signal), and this script exits with the command's exit code. The hostile-input harness
(``tests/hostile/harness.py``) starts its children through it for the same reason.
LIMIT, when not 0, caps the command's address space (``RLIMIT_AS``, bytes).
"""

import json
import os
import resource
import sys
import time


def main() -> int:
    limit, result, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            if limit:
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    with open(result, "w", encoding="utf-8") as handle:
        json.dump({"seconds": seconds, "peak_kib": usage.ru_maxrss, "exitcode": code}, handle)
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main())
