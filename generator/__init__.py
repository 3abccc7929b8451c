"""An OpenAPI-driven client generator for image-download APIs.

The pipeline, one module per step: ``sources`` (read), ``overlay`` (patch),
``loaders`` (validate and normalise into the ``ir``), ``passes`` (derive),
``styles`` (view-models), ``render`` (templates, formatting, writing), and
``drift`` (check and diff).
"""

__version__ = "0.1.0"
