"""An OpenAPI-driven client generator for image-download APIs.

The pipeline, one module per step: ``sources`` (read), ``overlay`` (patch),
``loaders`` (validate and normalise into the ``ir``), ``passes`` (derive),
``styles`` (view-models), ``render`` (templates, formatting, writing), and
``drift`` (check and diff).
"""

from .cache import SHIPPED as _SHIPPED
from .dataclass_code import install as _install_dataclass_code
from .regex_code import install as _install_regex_code

__version__ = "0.1.0"

_install_dataclass_code(_SHIPPED)  # before any module of the generator declares a dataclass
_install_regex_code(_SHIPPED)  # and before any compiles a pattern
