# Created once by generator (style python): your own code. Regenerating the package never overwrites this file.
"""Your own additions to the Topaz Labs Image API clients, kept across regeneration.

The generator writes this module once, when the package is first generated (or
when the file is missing), and never again: ``generate`` carries it over as it
is and ``check`` does not compare it. ``customize`` is called at the end of
every client's construction, so what it registers applies to every client.

Example (a logging hook and an extra header)::

    import logging

    def customize(client: TopazImages | AsyncTopazImages) -> None:
        log = logging.getLogger("topaz_images")
        client.hooks.before_request.append(lambda request: log.info("%s %s", request.method, request.url.path))
        client.hooks.before_request.append(lambda request: request.headers.update({"X-Team": "imaging"}))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._client import AsyncTopazImages, TopazImages


def customize(client: TopazImages | AsyncTopazImages) -> None:
    """Called by every new client once it is built: register hooks on ``client.hooks`` here."""
