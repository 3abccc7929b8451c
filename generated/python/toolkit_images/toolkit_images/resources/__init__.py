"""Operations, one module per tag of the spec."""

from .download import AsyncDownloadResource, DownloadResource

__all__ = ["AsyncDownloadResource", "DownloadResource"]
