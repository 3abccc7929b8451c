"""The TypeScript style: one npm package per API, rendered from ``templates/typescript``.

ES modules with no runtime dependencies (the global ``fetch``). The hand-written runtime
(``templates/typescript/runtime``) is copied into each package as ``src/runtime``; the
rest is rendered from the view-models in this package. Templates emit finished code, so
no formatter runs: the text is written as rendered.
"""

from __future__ import annotations

from ...core.builtin import BuiltinStyle
from ...core.style import PackageSpec, RenderedFile, StyleContext
from ...core.templating import Templates
from ...core.test_files import suite_modules
from ...ir import Api, Operation
from .escaping import render
from .examples import readme_examples
from .naming import camel
from .naming import package_name as npm_package_name
from .operations import method_name
from .package import PUBLIC_TYPES, PackageVM, build_package
from .stubs import SuiteWriter
from .testing import fake_table, fake_tests

TYPESCRIPT_VERSION = "5.9.3"
TYPES_NODE_VERSION = "20.19.43"
FORMATTER = "none (templates emit finished code)"
"""What the lock file records as this style's formatter."""


class TypeScriptStyle(BuiltinStyle, name="typescript", runtime_suffix=".ts", comment_prefix="//"):
    """ES modules on the global ``fetch``, typed interfaces, the runtime in ``src/runtime``, ``node:test`` tests.

    ``check_files`` is the default (none): no check of TypeScript is both cheap and sound in
    Python. A bracket and string balance scan would have to tell a regular-expression literal
    from a division and follow template literals' nesting, which takes a parser; only ``tsc``
    (node) proves the output, and ``make test`` runs ``tsc --strict`` on every package.
    """

    formatter = FORMATTER

    def render_package(self, api: Api, spec: PackageSpec, context: StyleContext) -> list[RenderedFile]:
        templates = context.templates
        pkg = build_package(api, spec, context.diagnostics)
        # The test modules are as big as the package: on a big spec a second process renders them meanwhile,
        # biggest first; this process, once the package's own files are rendered, takes the next one too.
        writer = SuiteWriter(api, pkg, templates)
        suite = suite_modules(api, [len(resource.operations) for resource in pkg.resources], writer.file)
        try:
            files = _package_files(api, spec, pkg, templates)
            files.append(writer.support())
            files.extend(suite.results())
        finally:
            suite.cancel()
        count = sum(len(resource.operations) for resource in pkg.resources)
        fake = render(templates, "tests/testing.test.ts.j2", pkg=pkg, tests=fake_tests(api, pkg), operation_count=count)
        files.append(RenderedFile(path="test/testing.test.ts", text=fake, template="tests/testing.test.ts.j2"))
        return files + self.runtime_files(templates, "src/runtime")

    def package_name(self, name: str) -> str:
        return npm_package_name(name)

    def operation_name(self, operation: Operation) -> str:
        return method_name(operation)

    def member_name(self, name: str) -> str:
        return camel(name, fallback="param")


def _package_files(api: Api, spec: PackageSpec, pkg: PackageVM, templates: Templates) -> list[RenderedFile]:
    """The package's own files (not its tests, not the copied runtime)."""
    files: list[RenderedFile] = []

    def add(path: str, template: str, **values: object) -> None:
        text = render(templates, template, pkg=pkg, **values)
        files.append(RenderedFile(path=path, text=text, template=template))

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
    add(
        "README.md",
        "package/README.md.j2",
        examples=examples,
        helper_examples=helper_examples,
        fake_example=next((f"{r.attr}.{op.name}" for r in pkg.resources for op in r.operations), "resource.method"),
    )
    add("src/index.ts", "package/index.ts.j2", public_types=sorted(PUBLIC_TYPES))
    add("src/client.ts", "package/client.ts.j2")
    custom = render(templates, "package/custom.ts.j2", pkg=pkg)
    files.append(RenderedFile(path="src/custom.ts", text=custom, template="package/custom.ts.j2", once=True))
    add("src/models.ts", "package/models.ts.j2")
    add("src/testing.ts", "package/testing.ts.j2", fake_table=fake_table(api, pkg))
    for resource in pkg.resources:
        add(f"src/resources/{resource.module}.ts", "package/resource.ts.j2", resource=resource)
    return files


STYLE = TypeScriptStyle()
"""The style ``generator.core.registry`` finds as ``typescript``."""
