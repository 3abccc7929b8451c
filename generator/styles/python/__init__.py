"""The Python style: one pip-installable package per API, rendered from ``templates/python``.

The hand-written runtime (``templates/python/runtime``) is copied into each
package as ``_runtime``; the rest is rendered from the view-models in this
package, written in the form the pinned black leaves as it is (``generator/pycode.py``).
"""

from __future__ import annotations

from ... import __version__, forked
from ...diagnostics import Diagnostics
from ...formatting import BLACK_VERSION
from ...ir import Api
from ...pycode import fit
from ...render import TEMPLATES, comment, pystr, render
from ..base import PackageSpec, RenderedFile
from .calls import parameters, request_items
from .imports import from_import, resolve_imports
from .operations import ResourceVM
from .package import PackageVM, build_package
from .stubs import suite_files

RUNTIME = TEMPLATES / "python" / "runtime"
FORK_OPERATIONS = 20
"""From this many operations, the test suite is rendered in a second process (``generator.forked``)."""
FORMATTER = f"black {BLACK_VERSION}"
"""What the lock file records as this style's formatter: the output is what black leaves as it is."""


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
    # The test suite is as big as the package: on a big spec a second process renders it meanwhile.
    suite = forked.start(lambda: suite_files(api, pkg), worth_it=len(api.operations) >= FORK_OPERATIONS)
    try:
        files = _package_files(pkg, spec)
        files.extend(suite.result())
    finally:
        suite.cancel()
    for source in sorted(RUNTIME.glob("*.py")):
        header = f"# Copied by generator {__version__} from templates/python/runtime/{source.name}. Do not edit.\n"
        files.append(
            RenderedFile(
                path=f"{spec.package}/_runtime/{source.name}",
                text=header + source.read_text("utf-8"),
                python=True,
                verbatim=True,
            )
        )
    return files


def _package_files(pkg: PackageVM, spec: PackageSpec) -> list[RenderedFile]:
    """The package's own modules, README and pyproject.toml (not its tests, not the copied runtime)."""
    name = spec.package
    model_names = pkg.models.exported
    files: list[RenderedFile] = []

    def python(path: str, template: str, local: dict[str, list[str]], **context: object) -> None:
        text = render("python", template, pkg=pkg, **context)
        files.append(RenderedFile(path=path, text=resolve_imports(text, local, depth=path.count("/")), python=True))

    python(f"{name}/models.py", "package/models.py.j2", {})
    for resource in pkg.resources:
        module = f"{name}/resources/{resource.attr}.py"
        python(
            module,
            "package/resource.py.j2",
            {"..models": model_names},
            resource=resource,
            parameters=parameters,
            request_items=request_items,
        )
    resource_classes = [f"{p}{r.class_name}" for r in pkg.resources for p in ("", "Async")]
    files.append(
        RenderedFile(
            path=f"{name}/resources/__init__.py", python=True, text=_resources_init(pkg.resources, spec.header)
        )
    )
    python(f"{name}/_client.py", "package/_client.py.j2", {".resources": resource_classes})
    python(f"{name}/__init__.py", "package/__init__.py.j2", {})
    files.append(RenderedFile(path=f"{name}/py.typed", text=f"# {comment(spec.header)}\n"))
    files.append(RenderedFile(path="README.md", text=render("python", "package/README.md.j2", pkg=pkg)))
    files.append(RenderedFile(path="pyproject.toml", text=render("python", "package/pyproject.toml.j2", pkg=pkg)))
    files.append(RenderedFile(path=".gitignore", text=render("python", "package/gitignore.j2", pkg=pkg)))
    return files


def _resources_init(resources: tuple[ResourceVM, ...], header: str) -> str:
    lines = [f"# {comment(header)}", '"""Operations, one module per tag of the spec."""', ""]
    names: list[str] = []
    for resource in resources:
        pair = [resource.class_name, f"Async{resource.class_name}"]
        names.extend(pair)
        lines.append(from_import(f".{resource.attr}", sorted(pair)))
    lines += [""] if resources else []  # black: one blank line after the docstring, one after the imports
    lines += [fit("__all__ = [" + ", ".join(pystr(n) for n in sorted(names)) + "]", 0), ""]
    return "\n".join(lines)


def format_files(files: list[RenderedFile]) -> list[str]:
    """Every file's final text: rendered Python is already in black's form, so it is kept as it is."""
    return [f.text for f in files]
