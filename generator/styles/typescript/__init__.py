"""The TypeScript style: one npm package per API, rendered from ``templates/typescript``.

ES modules with no runtime dependencies (the global ``fetch``). The hand-written runtime
(``templates/typescript/runtime``) is copied into each package as ``src/runtime``; the
rest is rendered from the view-models in this package. Templates emit finished code, so
no formatter runs: the text is written as rendered.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ... import __version__
from ...core.style import OutputProblem, PackageSpec, RenderedFile, Style, StyleContext
from ...ir import Api
from .escaping import render
from .examples import readme_examples
from .naming import camel
from .naming import package_name as npm_package_name
from .operations import method_name
from .package import PUBLIC_TYPES, build_package
from .stubs import test_files

TEMPLATES = Path(__file__).resolve().parents[3] / "templates" / "typescript"
RUNTIME = "runtime"
TYPESCRIPT_VERSION = "5.9.3"
TYPES_NODE_VERSION = "20.19.43"
PACKAGE_VERSION = "0.1.0"
FORMATTER = "none (templates emit finished code)"
"""What the lock file records as this style's formatter."""


class TypeScriptStyle(Style):
    """ES modules on the global ``fetch``, typed interfaces, the runtime in ``src/runtime``, ``node:test`` tests."""

    name = "typescript"
    version = __version__
    formatter = FORMATTER
    templates = TEMPLATES

    def render_package(self, api: Api, spec: PackageSpec, context: StyleContext) -> list[RenderedFile]:
        return _render_package(api, spec, context)

    def check_files(self, files: Sequence[RenderedFile]) -> list[OutputProblem]:
        """None: no check of TypeScript is both cheap and sound in Python.

        A bracket and string balance scan would have to tell a regular-expression literal
        from a division and follow template literals' nesting, which takes a parser; only
        ``tsc`` (node) proves the output, and ``make test`` runs ``tsc --strict`` on every package.
        """
        return []

    def package_name(self, name: str) -> str:
        return npm_package_name(name)

    def public_names(self, api: Api) -> dict[str, str]:
        return {op.operation_id: method_name(op) for op in api.operations}

    def member_name(self, name: str) -> str:
        return camel(name, fallback="param")


def _render_package(api: Api, spec: PackageSpec, context: StyleContext) -> list[RenderedFile]:
    templates = context.templates
    diagnostics = context.diagnostics
    pkg = build_package(
        api,
        package=spec.package,
        title=spec.title,
        base_url=spec.base_url,
        env_prefix=spec.env_prefix,
        header=spec.header,
        diagnostics=diagnostics,
    )
    files: list[RenderedFile] = []

    def add(path: str, template: str, **context: object) -> None:
        files.append(RenderedFile(path=path, text=render(templates, template, pkg=pkg, **context), template=template))

    add(
        "package.json",
        "package/package.json.j2",
        version=spec.version,
        typescript=TYPESCRIPT_VERSION,
        types_node=TYPES_NODE_VERSION,
    )
    add("tsconfig.json", "package/tsconfig.json.j2")
    add(".gitignore", "package/gitignore.j2")
    examples, helper_examples = readme_examples(api, pkg)
    add("README.md", "package/README.md.j2", examples=examples, helper_examples=helper_examples)
    add("src/index.ts", "package/index.ts.j2", public_types=sorted(PUBLIC_TYPES))
    add("src/client.ts", "package/client.ts.j2")
    add("src/models.ts", "package/models.ts.j2")
    for resource in pkg.resources:
        add(f"src/resources/{resource.module}.ts", "package/resource.ts.j2", resource=resource)
    files.extend(test_files(api, pkg, templates))
    for source in sorted((TEMPLATES / RUNTIME).glob("*.ts")):
        header = f"// Copied by generator {__version__} from templates/typescript/runtime/{source.name}. Do not edit.\n"
        template = f"{RUNTIME}/{source.name}"
        text = header + templates.source(template)
        files.append(RenderedFile(path=f"src/runtime/{source.name}", text=text, template=template))
    return files


STYLE = TypeScriptStyle()
"""The style ``generator.core.registry`` finds as ``typescript``."""
