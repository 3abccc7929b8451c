"""The TypeScript style: one npm package per API, rendered from ``templates/typescript``.

ES modules with no runtime dependencies (the global ``fetch``). The hand-written runtime
(``templates/typescript/runtime``) is copied into each package as ``src/runtime``; the
rest is rendered from the view-models in this package. Templates emit finished code, so
no formatter runs: the text is written as rendered.
"""

from __future__ import annotations

from ... import __version__
from ...diagnostics import Diagnostics
from ...ir import Api
from ...render import TEMPLATES
from ..base import PackageSpec, RenderedFile
from .escaping import render
from .examples import readme_examples
from .package import PUBLIC_TYPES, build_package
from .stubs import test_files

RUNTIME = TEMPLATES / "typescript" / "runtime"
TYPESCRIPT_VERSION = "5.9.3"
TYPES_NODE_VERSION = "20.19.43"
PACKAGE_VERSION = "0.1.0"


def render_package(api: Api, spec: PackageSpec, diagnostics: Diagnostics) -> list[RenderedFile]:
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
        files.append(RenderedFile(path=path, text=render(template, pkg=pkg, **context)))

    add(
        "package.json",
        "package/package.json.j2",
        version=PACKAGE_VERSION,
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
    files.extend(test_files(api, pkg))
    for source in sorted(RUNTIME.glob("*.ts")):
        header = f"// Copied by generator {__version__} from templates/typescript/runtime/{source.name}. Do not edit.\n"
        files.append(
            RenderedFile(path=f"src/runtime/{source.name}", text=header + source.read_text("utf-8"), verbatim=True)
        )
    return files


FORMATTER = "none (templates emit finished code)"
"""What the lock file records as this style's formatter."""


def format_files(files: list[RenderedFile]) -> list[str]:
    """Every file's final text, which is the rendered one."""
    return [f.text for f in files]
