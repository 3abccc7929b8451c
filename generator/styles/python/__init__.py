"""The Python style: one pip-installable package per API, rendered from ``templates/python``.

The hand-written runtime (``templates/python/runtime``) is copied into each
package as ``_runtime``; the rest is rendered from the view-models in this
package, written in the form the pinned black leaves as it is (``pycode.py``).
Every ``.py`` file is compiled before anything is written (``check_files``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ...core.builtin import BuiltinStyle
from ...core.style import OutputProblem, PackageSpec, RenderedFile, StyleContext
from ...core.templating import Templates
from ...core.test_files import suite_modules
from ...core.text import comment
from ...ir import Api, Operation
from .calls import request_items
from .formatting import BLACK_VERSION
from .imports import export_order, from_import, member_key, module_key, resolve_imports
from .naming import package_name, snake
from .operations import method_name
from .package import PackageVM, build_package
from .pycode import fit
from .render import pystr, render
from .resources import ResourceVM
from .selfcheck import FORK_SIZE, prove_while, proven, remember, syntax_errors
from .stubs import SuiteWriter
from .testing import fake_count, fake_example, fake_table, fake_tests

FORMATTER = f"black {BLACK_VERSION}"
"""What the lock file records as this style's formatter: the output is what black leaves as it is."""


class PythonStyle(BuiltinStyle, name="python", runtime_suffix=".py", comment_prefix="#"):
    """Sync and async clients on httpx, dataclass models, the runtime as ``_runtime``, a pytest suite."""

    formatter = FORMATTER

    def render_package(self, api: Api, spec: PackageSpec, context: StyleContext) -> list[RenderedFile]:
        templates = context.templates
        pkg = build_package(api, spec, context.diagnostics)
        # The test suite is as big as the package: on a big spec a second process renders it meanwhile, its
        # modules biggest first; this process renders its own modules, then takes the suite's next module too.
        # While the child is at work, it proves its own modules compile, smallest first (``check_files`` then finds
        # them proven): before taking suite modules when they are few enough for ``check_files`` to compile them in
        # one process, else after (what is left, ``check_files`` compiles in two).
        writer = SuiteWriter(api, pkg, templates)
        suite = suite_modules(
            api, [len(resource.operations) for resource in pkg.resources], lambda index: _checked(writer.file(index))
        )
        try:
            files = _package_files(pkg, spec, templates)
            modules = sorted(((f.text, f.path) for f in files if f.path.endswith(".py")), key=lambda m: len(m[0]))
            if sum(len(text) for text, _ in modules) >= FORK_SIZE:
                suite.help()
            prove_while(modules, lambda: not suite.done())
            made = suite.results()
        finally:
            suite.cancel()
        for file, proofs in made:
            files.append(file)
            remember(proofs)
        return files + self.runtime_files(templates, f"{spec.package}/_runtime")

    def check_files(self, files: Sequence[RenderedFile]) -> list[OutputProblem]:
        """Every ``.py`` file compiled (``selfcheck``): a syntax error is a bug of a template or view-model."""
        python = [file for file in files if file.path.endswith(".py")]
        errors = syntax_errors([(file.text, file.path) for file in python])
        return [
            OutputProblem(path=file.path, line=error[0], message=error[1], template=file.template)
            for file, error in zip(python, errors, strict=True)
            if error is not None
        ]

    def package_name(self, name: str) -> str:
        return package_name(name)

    def operation_name(self, operation: Operation) -> str:
        return method_name(operation)

    def member_name(self, name: str) -> str:
        return snake(name)


def _checked(file: RenderedFile) -> tuple[RenderedFile, list[str]]:
    """A test module and the proof that it compiles, made where it was rendered: a forked child's go to the
    parent's ``remember``, so ``check_files`` does not compile it again."""
    return file, proven([(file.text, file.path)])


def _package_files(pkg: PackageVM, spec: PackageSpec, templates: Templates) -> list[RenderedFile]:
    """The package's own modules, README and pyproject.toml (not its tests, not the copied runtime)."""
    name = spec.package
    model_names = pkg.models.exported
    files: list[RenderedFile] = []

    def python(path: str, template: str, local: dict[str, list[str]], **context: object) -> None:
        text = render(templates, template, pkg=pkg, **context)
        text = resolve_imports(text, local, depth=path.count("/"))
        files.append(RenderedFile(path=path, text=text, template=template))

    def other(path: str, template: str, **context: object) -> None:
        text = render(templates, template, pkg=pkg, **context)
        files.append(RenderedFile(path=path, text=text, template=template))

    python(f"{name}/models.py", "package/models.py.j2", {})
    for resource in pkg.resources:
        module = f"{name}/resources/{resource.attr}.py"
        python(
            module,
            "package/resource.py.j2",
            {"..models": model_names},
            resource=resource,
            request_items=request_items,
        )
    resource_classes = [f"{p}{r.class_name}" for r in pkg.resources for p in ("", "Async")]
    files.append(RenderedFile(path=f"{name}/resources/__init__.py", text=_resources_init(pkg.resources, spec.header)))
    python(f"{name}/_client.py", "package/_client.py.j2", {".resources": resource_classes, "._custom": ["customize"]})
    custom = render(templates, "package/_custom.py.j2", pkg=pkg)
    files.append(RenderedFile(path=f"{name}/_custom.py", text=custom, template="package/_custom.py.j2", once=True))
    python(f"{name}/__init__.py", "package/__init__.py.j2", {})
    files.append(RenderedFile(path=f"{name}/py.typed", text=f"# {comment(spec.header)}\n"))
    other(f"{name}/testing.py", "package/testing.py.j2", fake_table=fake_table(pkg))
    text = render(
        templates, "tests/test_testing.py.j2", pkg=pkg, tests=fake_tests(pkg), operation_count=fake_count(pkg)
    )
    text = resolve_imports(
        text, {f"{name}.testing": ["FakeAPI", "Reply", "fake_client"], f"{name}.models": model_names}, depth=1
    )
    files.append(RenderedFile(path=f"tests/test_{name}_testing.py", text=text, template="tests/test_testing.py.j2"))
    other("README.md", "package/README.md.j2", fake_example=fake_example(pkg))
    other("pyproject.toml", "package/pyproject.toml.j2", version=spec.version)
    other(".gitignore", "package/gitignore.j2")
    return files


def _resources_init(resources: tuple[ResourceVM, ...], header: str) -> str:
    lines = [f"# {comment(header)}", '"""Operations, one module per tag of the spec."""', ""]
    names: list[str] = []
    for resource in sorted(resources, key=lambda resource: module_key(resource.attr)):
        pair = [resource.class_name, f"Async{resource.class_name}"]
        names.extend(pair)
        lines.append(from_import(f".{resource.attr}", sorted(pair, key=member_key)))
    lines += [""] if resources else []  # black: one blank line after the docstring, one after the imports
    lines += [fit("__all__ = [" + ", ".join(pystr(n) for n in export_order(names)) + "]", 0), ""]
    return "\n".join(lines)


STYLE = PythonStyle()
"""The style ``generator.core.registry`` finds as ``python``."""
