"""A style outside the generator: a Markdown API reference of each provider, from the same IR.

It uses only the public interface (``generator.core.style``, ``generator.ir``) and
shows the whole path of a style of one's own: a ``Style`` subclass with a name, a
version and a template folder; view-models decided in Python; templates that print;
one escaping filter per context. Use it from this folder or install it:

```sh
python -m generator generate --style reference --style-path contrib/styles
pip install ./contrib/styles   # entry point "reference" in the group generator.styles
python -m generator generate --style reference
```
"""

from __future__ import annotations

from pathlib import Path

from generator.core.style import PackageSpec, RenderedFile, Style, StyleContext
from generator.ir import Api

from .escaping import FILTERS
from .pages import build_reference

__version__ = "1.0.0"


class Reference(Style):
    name = "reference"
    version = __version__
    formatter = "none (Markdown written as rendered)"
    templates = Path(__file__).resolve().parent / "templates"

    def render_package(self, api: Api, spec: PackageSpec, context: StyleContext) -> list[RenderedFile]:
        reference = build_reference(api, spec)
        files = [RenderedFile(path="README.md", text="", template="index.md.j2")]
        files += [RenderedFile(path=f"{page.file}", text="", template="tag.md.j2") for page in reference.pages]
        files.append(RenderedFile(path="models.md", text="", template="models.md.j2"))
        rendered = []
        for file in files:
            page = next((p for p in reference.pages if p.file == file.path), None)
            assert file.template is not None
            text = context.templates.render(FILTERS, file.template, ref=reference, page=page)
            rendered.append(RenderedFile(path=file.path, text=text, template=file.template))
        return rendered


STYLE = Reference()
