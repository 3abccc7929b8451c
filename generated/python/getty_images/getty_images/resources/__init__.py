"""Operations, one module per tag of the spec."""

from .images import AsyncImagesResource, ImagesResource

__all__ = ["AsyncImagesResource", "ImagesResource"]
