"""Work of the TypeScript and Go styles that must not grow with a document's size: found by profiling big documents.

Each test counts the calls of a step that used to be repeated, so it fails where the cost
comes back, however fast the machine is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.core import naming as core_naming
from generator.core import test_files, test_values
from generator.core.registry import find_style
from generator.core.style import PackageSpec, RenderedFile, StyleContext
from generator.core.templating import Templates
from generator.diagnostics import Diagnostics
from generator.ir import Api
from generator.pipeline import build_api
from generator.styles import go as go_style
from generator.styles.typescript import checks as ts_checks
from generator.styles.typescript import naming as ts_naming
from generator.styles.typescript import stub_cases
from generator.styles.typescript.types import TsTypes

PARAMETERS = 12
"""Query parameters of the operation below, each with two bounds a test refuses."""


def _document(tmp_path: Path) -> Path:
    parameters = [
        {"name": f"p{i}", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 9}}
        for i in range(PARAMETERS)
    ]
    answer = {
        "type": "object",
        "properties": {f"f{i}": {"type": "string", "example": f"v{i}"} for i in range(20)},
    }
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Wide", "version": "1"},
        "paths": {
            "/items": {
                "get": {
                    "operationId": "listItems",
                    "parameters": parameters,
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": answer}}},
                        "404": {"description": "missing"},
                        "500": {"description": "broken"},
                    },
                }
            }
        },
    }
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(document))
    return path


def _api(path: Path) -> Api:
    diagnostics = Diagnostics()
    api = build_api([path], diagnostics=diagnostics, validation="off")
    assert api is not None, diagnostics.items
    return api


def _render(api: Api, style_name: str) -> list[RenderedFile]:
    style = find_style(style_name)
    spec = PackageSpec(package="wide", title=None, base_url=None, env_prefix="WIDE", header="header")
    return style.render_package(api, spec, StyleContext(Diagnostics(), Templates(style.templates)))


def test_typescript_tests_write_each_example_once_per_operation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = _api(_document(tmp_path))
    written: list[Any] = []
    original = stub_cases.ts_value

    def counted(value: Any) -> str:
        written.append(value)
        return original(value)

    monkeypatch.setattr(stub_cases, "ts_value", counted)
    files = {f.path: f.text for f in _render(api, "typescript")}
    suite = next(text for path, text in files.items() if path.startswith("test/") and path.endswith(".test.ts"))
    refusals = suite.count("before sending")
    assert refusals >= 2 * PARAMETERS
    # each argument's example and the answer once; a refused value once per refusal
    assert len(written) <= PARAMETERS + 1 + refusals
    answers = [value for value in written if isinstance(value, dict)]
    assert len(answers) == 1  # the answer is the reply of the request row and the body of the decoding row
    text = original(answers[0])
    assert len(text) > test_files.INLINE_LIMIT and suite.count(text) == 1  # written once, as a constant
    name = suite.split(f": unknown = {text};")[0].rsplit("const ", 1)[1]
    assert suite.count(f"json({name}, 200)") == 1 and suite.count(f"body: {name},") == 1


def test_go_doubles_and_tests_make_each_answer_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_JOBS", "1")  # counted in this process
    api = _api(_document(tmp_path))
    answer = api.operations[0].responses[0].contents[0].schema
    made: list[bool] = []
    original = test_values.example_json

    def counted(index: Any, schema: Any, **options: Any) -> Any:
        if schema is answer:
            made.append(options.get("reading", False))
        return original(index, schema, **options)

    monkeypatch.setattr(test_values, "example_json", counted)
    files = {f.path: f.text for f in _render(api, "go")}
    assert any(path.endswith("fake.go") for path in files)
    assert made == [True]  # the example table's answer, then the tests' from the same index


def test_typescript_finds_the_models_needing_checks_without_writing_their_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chain = {
        f"M{i}": {"type": "object", "properties": {"next": {"$ref": f"#/components/schemas/M{i + 1}"}}}
        for i in range(6)
    }
    chain["M6"] = {"type": "object", "properties": {"n": {"type": "integer", "minimum": 1}}}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Chain", "version": "1"},
        "paths": {},
        "components": {"schemas": chain},
    }
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(document))
    api = _api(path)
    names = {named.name: named.name for named in api.schemas}
    types = TsTypes(names, {named.name: named for named in api.schemas})
    written: list[object] = []
    original = ts_checks._call

    def counted(check: Any, var: str, label: str) -> str:
        written.append(check)
        return original(check, var, label)

    monkeypatch.setattr(ts_checks, "_call", counted)
    found = ts_checks.needing_checks(types, names)
    assert sorted(found) == [f"M{i}" for i in range(7)]  # each model leads to the bounded integer
    assert not written  # before: every model's lines, once per round of the search


def test_typescript_writes_a_schemas_type_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    api = _api(_document(tmp_path))
    schema = api.operations[0].responses[0].contents[0].schema
    assert schema is not None
    types = TsTypes({}, {})
    calls: list[object] = []
    original = types._type

    def counted(*args: Any) -> str:
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(types, "_type", counted)
    first = types.type(schema)
    assert [types.type(schema) for _ in range(3)] == [first] * 3
    assert types.type(schema, argument=True) == first
    assert [args[1:] for args in calls if args[0] is schema] == [(False, 0), (True, 0)]  # a response, an argument


def test_typescript_names_a_repeated_spec_name_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = core_naming.camel

    def counted(name: str, **options: Any) -> str:
        calls.append(name)
        return original(name, **options)

    monkeypatch.setattr(core_naming, "camel", counted)
    ts_naming._camel.cache_clear()
    assert [ts_naming.camel("max-results", fallback="param") for _ in range(5)] == ["maxResults"] * 5
    assert ts_naming.camel("max-results") == "maxResults"
    assert calls == ["max-results", "max-results"]  # once per fallback given


GO_TEXTS = [
    'package p\n\nfunc f() { _ = json.Marshal; _ = "fmt.x"; _ = `os.y` }\n',
    'package p\n\n// strings.Split in a comment\nvar s = "a\\"strconv.Itoa\\" b" + time.Now().String()\n',
    "package p\n\nvar r = '\"'\nvar t = errors.New\n",
    "package p\n\nvar r = '\\''\nvar t = io.EOF // fmt.Println\n",
    'package p\n\nvar u = "unterminated\nvar v = context.Background\n',
    'package p\n\nvar w = "' + "x" * 50_000 + '\\n" + apicore.Name\n',
    "json.Marshal\nvar a = xjson.A + _fmt.B + ios.C + \u00e9time.D + strings_.E + 2os.F + (io.G)\n",
]
_PACKAGE_USE = re.compile(r"\b(apicore|context|errors|json|strconv|strings|testing|time|fmt|io|os)\.")
"""What ``imports_of`` finds, as one regex: a package's name after a word boundary, then a dot."""


@pytest.mark.parametrize("text", GO_TEXTS)
def test_go_imports_read_past_strings_comments_and_runes(text: str) -> None:
    per_character = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`|//[^\n]*|\'(?:[^\'\\\n]|\\.)*\'')
    expected = set(_PACKAGE_USE.findall(per_character.sub("", text)))
    found = {path.rsplit("/", 1)[-1] for group in go_style.imports_of(text, "example.test/m") for path in group}
    assert found == expected


def test_go_imports_read_a_long_string_as_one_run() -> None:
    """A 3.4 MB string literal full of escapes is one match, and the code after it is read (how fast the pattern
    reads it, its plain characters a run at a time, is the benchmark's to measure, not a test's)."""
    literal = '"' + '{\\"k\\": \\"v\\"}, ' * 200_000 + '"'
    text = f"package p\n\nvar data = {literal}\nvar t = json.Marshal\n"
    assert [match.group(0) for match in go_style._CODE_NOISE.finditer(text)] == [literal]
    assert go_style.imports_of(text, "example.test/m") == [["encoding/json"]]


def test_go_suite_is_formatted_where_it_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    api = _api(_document(tmp_path))
    monkeypatch.setenv("GENERATOR_JOBS", "1")
    alone = {f.path: f.text for f in _render(api, "go")}
    monkeypatch.setenv("GENERATOR_JOBS", "2")
    monkeypatch.setattr(go_style, "FORK_OPERATIONS", 1)
    formatted_here: list[str] = []
    original = go_style.gofmt_all

    def counted(texts: dict[str, str]) -> dict[str, str]:
        formatted_here.extend(texts)
        return original(texts)

    monkeypatch.setattr(go_style, "gofmt_all", counted)
    files = _render(api, "go")
    assert {f.path: f.text for f in files} == alone  # the same bytes, made in one process or two
    suite = [path for path in alone if path.endswith("_test.go") and "/" not in path]
    assert suite and not set(suite) & set(formatted_here)  # the other process formatted them
    assert "client.go" in formatted_here
    assert not go_style.STYLE.check_files(files)


def _go_templates_rendered(api: Api, templates: Templates, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("GENERATOR_JOBS", "1")  # every render in this process, where it is counted
    rendered: list[str] = []
    original = go_style.render

    def counted(templates: Templates, template: str, **values: object) -> str:
        rendered.append(template)
        return original(templates, template, **values)

    monkeypatch.setattr(go_style, "render", counted)
    style = find_style("go")
    spec = PackageSpec(package="wide", title=None, base_url=None, env_prefix="WIDE", header="header")
    files = style.render_package(api, spec, StyleContext(Diagnostics(), templates))
    assert not style.check_files(files)
    return rendered


def test_go_files_that_import_what_they_use_are_rendered_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The style's own service and test templates write their import block by including ``IMPORTS``: rendered once
    with a marker there, the marked block replaced (ec2's 5.6 MB service file was rendered twice)."""
    api = _api(_document(tmp_path))
    rendered = _go_templates_rendered(api, Templates(find_style("go").templates), monkeypatch)
    assert rendered.count("package/service.go.j2") == 1
    assert rendered.count("tests/service_test.go.j2") == 1
    assert rendered.count("tests/support_test.go.j2") == 1  # it uses no imports: the one rendering is the file


def test_a_user_s_go_template_may_use_its_imports_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An override of the service template, or of the import block, is rendered twice as before: it may use
    ``imports`` outside the block, so only the second rendering has what the text uses."""
    api = _api(_document(tmp_path))
    style = find_style("go")
    overrides = tmp_path / "overrides"
    (overrides / "package").mkdir(parents=True)
    service = (style.templates / "package/service.go.j2").read_text("utf-8")
    (overrides / "package/service.go.j2").write_text(
        service.replace(
            "package {{ pkg.go_package }}\n", "package {{ pkg.go_package }}\n\n// imports: {{ imports }}\n"
        ),
        "utf-8",
    )
    (overrides / go_style.IMPORTS).write_text(
        "{% if imports %}\n\nimport (\n{% for group in imports %}\n"
        '{% for name in group %}\n\t"{{ name }}" // used\n{% endfor %}\n{% endfor %}\n)\n{% endif %}\n',
        "utf-8",
    )
    (overrides / "tests").mkdir()
    support = (style.templates / "tests/support_test.go.j2").read_text("utf-8")
    (overrides / "tests/support_test.go.j2").write_text(
        support.replace("package {{ pkg.go_package }}\n", "package {{ pkg.go_package }}\n\n// uses: {{ imports }}\n"),
        "utf-8",
    )
    rendered = _go_templates_rendered(api, Templates(style.templates, overrides), monkeypatch)
    assert rendered.count("package/service.go.j2") == 2
    assert rendered.count("tests/service_test.go.j2") == 2
    monkeypatch.setattr(go_style, "render", go_style.literals.render)
    files = {
        f.path: f.text
        for f in find_style("go").render_package(
            api,
            PackageSpec(package="wide", title=None, base_url=None, env_prefix="WIDE", header="header"),
            StyleContext(Diagnostics(), Templates(style.templates, overrides)),
        )
    }
    service_file = next(text for path, text in files.items() if path.startswith("service_") and "_test" not in path)
    assert "// imports: [['context'" in service_file
    assert "// uses: [['" in files["support_test.go"]  # the support file's override is given them too
    assert re.search(r'"context" +// used', service_file)  # gofmt lines the comments up
