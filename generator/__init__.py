"""An OpenAPI-driven client generator for image-download APIs.

The pipeline, one module per step: ``sources`` (read), ``overlay`` (patch),
``loaders`` (validate and normalise into the ``ir``), ``passes`` (derive),
``styles`` (view-models), ``render`` (templates, formatting, writing), and
``drift`` (check and diff).
"""

import sys as _sys

if _sys.argv[:1] == ["-m"] or (_sys.argv[:1] or [""])[0].endswith(("/generator", "\\generator.exe")):
    # Started as the program (``python -m generator`` imports this package before ``-m`` knows its path; the
    # ``generator`` command imports it from its script): Ctrl-C before the program's own handling is in place
    # ends it quietly with 130, as later, rather than with Python's traceback. ``__main__.run`` puts Python's
    # handler back once this import is done. A program started with Ctrl-C ignored (``nohup``, ``&`` in a
    # script) keeps ignoring it.
    import signal as _signal

    def _leave_quietly(signum: int, frame: object) -> None:
        raise SystemExit(130)

    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, _leave_quietly)

from .cache import SHIPPED as _SHIPPED
from .dataclass_code import install as _install_dataclass_code
from .regex_code import install as _install_regex_code

__version__ = "0.1.0"

_install_dataclass_code(_SHIPPED)  # before any module of the generator declares a dataclass
_install_regex_code(_SHIPPED)  # and before any compiles a pattern
