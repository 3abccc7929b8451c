"""The Go style: one Go module per API, rendered from ``templates/go``, formatted by ``gofmt``.

Standard library only. The hand-written runtime (``templates/go/runtime``, package
``apicore``) is copied into each module as ``internal/apicore``; the rest is rendered
from the view-models in this package, and every ``.go`` file goes through ``gofmt``
(the lock file records the Go version as the style's formatter).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from ... import forked
from ...core.builtin import BuiltinStyle
from ...core.package import RUNTIME_ERRORS
from ...core.style import OutputProblem, PackageSpec, RenderedFile, StyleContext
from ...core.templating import Templates
from ...core.test_files import FORK_OPERATIONS
from ...ir import Api, Operation
from . import naming
from .exports import ExportsVM
from .gofmt import formatted_marks, go_problems, go_version, gofmt_all, remember_marks
from .literals import render
from .operations import method_name
from .package import build_package, public_methods
from .servers import server_options
from .stubs import test_files
from .testing import FILE_URL, TestingVM, testing_package

_CODE_NOISE = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|`[^`]*`|//[^\n]*|\'[^\'\\\n]*(?:\\.[^\'\\\n]*)*\'')
"""Strings, raw strings, comments and runes; a literal's plain characters taken as a run (not one alternation
per character, which took seconds on a big test file's JSON strings)."""
_PACKAGES = ("apicore", "context", "errors", "json", "strconv", "strings", "testing", "time", "fmt", "io", "os")
"""The packages a generated file may use, by the name it calls them (``apicore.``, ``json.``, ...)."""
_IMPORT_PATHS = {"json": "encoding/json"}
_GO_ERRORS = {
    "APIStatusError": "APIError",
    "APIConnectionError": "ConnectionError",
    "APITimeoutError": "ConnectionError",
    "RequestValidationError": "ArgumentError",
    "ResponseDecodeError": "DecodeError",
}
ERROR_TYPES = {name: "*" + _GO_ERRORS.get(name, name) for name in RUNTIME_ERRORS}
"""Each error class of the runtimes as the Go package names it in its docs: its re-export (``exports.go``)."""


IMPORTS = "package/imports.go.j2"
"""The import block of a Go file that imports what its text uses (``with_imports``)."""
_MARKED = [["generator-marks-the-import-block"]]
"""What stands for the imports while a file is rendered the first time: a string, so ``imports_of`` skips it."""


def imports_of(text: str, module: str) -> list[list[str]]:
    """The packages a rendered Go file uses, by their import paths (strings and comments not read), in groups."""
    code = _CODE_NOISE.sub("", text)
    used = {name for name in _PACKAGES if _uses(code, name)}
    groups = [sorted(_IMPORT_PATHS.get(name, name) for name in used if name != "apicore")]
    if "apicore" in used:
        groups.append([f"{module}/internal/apicore"])
    return [group for group in groups if group]


def _uses(code: str, name: str) -> bool:
    """Whether ``name.`` stands in ``code`` after no word character (a word boundary before it), found by
    ``str.find``: one regex of every name tried at each character of GitHub's Go files cost twice the time."""
    needle = name + "."
    at = code.find(needle)
    while at > 0 and (code[at - 1].isalnum() or code[at - 1] == "_"):
        at = code.find(needle, at + 1)
    return at >= 0


def with_imports(templates: Templates, template: str, module: str, **values: object) -> str:
    """``template`` rendered with the ``imports`` its own text uses (``imports_of``).

    The style's own templates use ``imports`` only by including ``IMPORTS`` (or not at all): rendered once
    with a marker in that block, the block is then replaced by the one of the packages found. A user's
    template (or import block) may use ``imports`` anywhere: it is rendered twice, the second time with them.
    """
    if all(templates.path_of(name) == str(templates.folder / name) for name in (template, IMPORTS)):
        text = render(templates, template, **{**values, "imports": _MARKED})
        marked = render(templates, IMPORTS, imports=_MARKED)
        found = text.count(marked)
        if found == 1:
            return text.replace(marked, render(templates, IMPORTS, imports=imports_of(text, module)))
        if found == 0 and _MARKED[0][0] not in text:  # it does not use them (the support test file)
            return text
    text = render(templates, template, **{**values, "imports": []})
    return render(templates, template, **{**values, "imports": imports_of(text, module)})


class GoStyle(BuiltinStyle, name="go", runtime_suffix=".go", comment_prefix="//"):
    """A Go module per API: a ``Client`` with functional options, a service per tag, ``go test`` tests."""

    formatter = go_version()

    def render_package(self, api: Api, spec: PackageSpec, context: StyleContext) -> list[RenderedFile]:
        templates = context.templates
        pkg = build_package(api, spec, context.diagnostics)
        files: list[RenderedFile] = []

        def made(path: str, template: str, **values: object) -> RenderedFile:
            if "imports" not in values:
                text = render(templates, template, pkg=pkg, error_types=ERROR_TYPES, **values)
            else:
                text = with_imports(templates, template, pkg.module, pkg=pkg, error_types=ERROR_TYPES, **values)
            return RenderedFile(path=path, text=text, template=template)

        def add(path: str, template: str, **values: object) -> None:
            files.append(made(path, template, **values))

        # The test doubles and suite are as big as the package: on a big spec a second process makes them
        # (and runs gofmt on them) meanwhile, and this one formats the package's files before it waits.
        fork = len(api.operations) >= FORK_OPERATIONS
        ready: set[str] = set()
        """Files gofmt has already formatted."""

        def tests() -> tuple[TestingVM, list[RenderedFile], list[bytes]]:
            """The test doubles, then the test suite's files and those of the ``<package>test`` package."""
            doubles = testing_package(api, pkg)  # first: the answers of its example table serve the suite's too
            made_files = [made(path, template, **values) for path, template, values in test_files(api, pkg)]
            made_files.append(made(f"{doubles.folder}/fake.go", "testing/fake.go.j2", testing=doubles))
            made_files.append(
                made(f"{doubles.folder}/fake_test.go", "testing/fake_test.go.j2", testing=doubles, file_url=FILE_URL)
            )
            if not fork:  # formatted with the package's files, in one gofmt run
                return doubles, made_files, []
            made_files = _formatted(made_files)
            return doubles, made_files, formatted_marks(file.text for file in made_files)

        suite = forked.start(tests, worth_it=fork)
        try:
            add("go.mod", "package/go.mod.j2")
            add(".gitignore", "package/gitignore.j2")
            servers = server_options(pkg.server, pkg.server_args)
            readme_at = len(files)
            base_url = _default_url(pkg.server.template, pkg.server_args)
            add("client.go", "package/client.go.j2", base_url=base_url, servers=servers)
            add("exports.go", "package/exports.go.j2", exports=ExportsVM())
            add("checks.go", "package/checks.go.j2")
            add("hooks.go", "package/hooks.go.j2")
            custom = render(templates, "package/custom.go.j2", pkg=pkg)
            files.append(RenderedFile(path="custom.go", text=custom, template="package/custom.go.j2", once=True))
            add("models.go", "package/models.go.j2")
            for service in pkg.services:
                add(f"{service.module}.go", "package/service.go.j2", service=service, imports=[])
            # the copied runtime goes through gofmt with the package's files, to be checked: in gofmt's form (as the
            # built-in one is) it comes back as it is and ``check_files`` has nothing of it left to read (a third
            # gofmt run); an override gofmt would change is copied as written, for ``check_files`` to report
            runtime = self.runtime_files(templates, "internal/apicore")
            files.extend(runtime)
            if fork:
                files[:] = _formatted(files)
                ready.update(file.path for file in files)
            doubles, test_side, marks = suite.result()
            remember_marks(marks)
            if fork:
                ready.update(file.path for file in test_side)
            files.insert(readme_at, made("README.md", "package/README.md.j2", servers=servers, testing=doubles))
            files.extend(test_side)
        finally:
            suite.cancel()
        copied = {file.path: file for file in runtime}
        return [copied.get(file.path, file) for file in _formatted(files, ready)]

    def check_files(self, files: Sequence[RenderedFile]) -> list[OutputProblem]:
        """Every ``.go`` file, copied runtime included, parsed and in gofmt's form: one gofmt run."""
        by_path = {file.path: file for file in files if file.path.endswith(".go")}
        return [
            OutputProblem(path=path, line=line, message=message, template=by_path[path].template if path else None)
            for path, line, message in go_problems({path: file.text for path, file in by_path.items()})
        ]

    def package_name(self, name: str) -> str:
        return naming.package_name(name)

    def operation_name(self, operation: Operation) -> str:
        return method_name(operation)

    def public_names(self, api: Api) -> dict[str, str]:
        return public_methods(api)

    def member_name(self, name: str) -> str:
        return naming.exported(name, fallback="Param")


def _formatted(files: list[RenderedFile], ready: Collection[str] = ()) -> list[RenderedFile]:
    """``files`` with every ``.go`` file not in ``ready`` as gofmt writes it (one gofmt run)."""
    formatted = gofmt_all({f.path: f.text for f in files if f.path.endswith(".go") and f.path not in ready})
    return [replace(file, text=formatted[file.path]) if file.path in formatted else file for file in files]


def _default_url(template: str, args: object) -> str:
    from ...core.servers import _VARIABLE

    defaults = {a.key: a.default_text for a in args}  # type: ignore[attr-defined]
    return _VARIABLE.sub(lambda m: defaults.get(m.group(1), m.group(0)), template)


STYLE = GoStyle()
"""The style ``generator.core.registry`` finds as ``go``."""
