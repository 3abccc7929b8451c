"""A schema without ``type`` gets the type its keywords imply, in every dialect (``loaders/implied.py``).

``{format: date-time}`` is a string, ``{minimum: 0}`` a number, ``{minProperties: 1}`` an object;
``{}`` and annotation-only schemas stay any value (the document's word, counted as free-form);
keywords of both strings and numbers are ambiguous: any value with ``W016`` at the schema, counted
as unreadable. Then a generated package of such schemas type-checks in Python and TypeScript.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile import harness

from generator.core.coverage import coverage
from generator.diagnostics import Diagnostics
from generator.ir import AnySchema, Api, ArraySchema, EnumSchema, ObjectSchema, PrimitiveSchema, Schema

SECONDS = 300.0


def _described(schema: Schema) -> str:
    """``schema`` as one short word: its IR class and what it says of its values."""
    if isinstance(schema, PrimitiveSchema):
        return f"{schema.kind}:{schema.format}" if schema.format else schema.kind
    if isinstance(schema, EnumSchema):
        return f"enum {schema.kind}"
    if isinstance(schema, ArraySchema):
        return f"array of {_described(schema.items)}"
    if isinstance(schema, ObjectSchema):
        return "object"
    assert isinstance(schema, AnySchema)
    return "any"


TABLE: list[tuple[dict[str, Any], str]] = [
    ({}, "any"),
    ({"description": "anything"}, "any"),
    ({"description": "anything", "example": "x", "readOnly": True}, "any"),
    ({"x-vendor": 1}, "any"),
    ({"format": "date-time"}, "string:date-time"),
    ({"format": "uuid", "description": "an id"}, "string:uuid"),
    ({"format": "binary"}, "string:binary"),
    ({"format": "int64"}, "integer:int64"),
    ({"format": "int32", "minimum": 1}, "integer:int32"),
    ({"format": "double"}, "number:double"),
    ({"format": "some-vendor-format"}, "any"),
    ({"format": ["date-time"]}, "any"),
    ({"minLength": "3"}, "string"),
    ({"pattern": "^[a-z]+$"}, "string"),
    ({"minLength": 1}, "string"),
    ({"maxLength": 10}, "string"),
    ({"minimum": 0}, "number"),
    ({"maximum": 10}, "number"),
    ({"multipleOf": 2}, "number"),
    ({"enum": ["a", "b"]}, "enum string"),
    ({"enum": [1, 2], "minimum": 0}, "enum integer"),
    ({"enum": ["a", "b"], "maxLength": 3}, "enum string"),
    ({"type": "object"}, "object"),
    ({"minProperties": 1}, "object"),
    ({"properties": {"a": {"type": "string"}}}, "object"),
    ({"additionalProperties": {"type": "string"}}, "object"),
    ({"required": ["a"]}, "object"),
    ({"items": {"format": "date"}}, "array of string:date"),
    ({"minItems": 1}, "array of any"),
    ({"allOf": [{"format": "uuid"}]}, "string:uuid"),
    ({"allOf": [{"minimum": 1}, {"description": "one part"}]}, "number"),
    ({"minimum": 1, "minLength": 1}, "any"),
    ({"format": "date-time", "maximum": 3}, "any"),
    ({"format": "int64", "pattern": "^[0-9]+$"}, "any"),
]


def _document(version: str, schemas: dict[str, Any]) -> dict[str, Any]:
    """One operation answering an object whose property ``p<i>`` is the ``i``-th schema."""
    root = {"type": "object", "properties": {name: schema for name, schema in schemas.items()}}
    if version == "2.0":
        ok: dict[str, Any] = {"description": "ok", "schema": root}
        return {"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/r": {"get": _op(ok)}}}
    ok = {"description": "ok", "content": {"application/json": {"schema": root}}}
    return {"openapi": version, "info": {"title": "T", "version": "1"}, "paths": {"/r": {"get": _op(ok)}}}


def _op(ok: dict[str, Any]) -> dict[str, Any]:
    return {"operationId": "r", "responses": {"200": ok}}


def _loaded(load_spec: Any, version: str) -> tuple[Api, Diagnostics]:
    schemas = {f"p{i}": schema for i, (schema, _) in enumerate(TABLE)}
    api, diagnostics = load_spec(_document(version, schemas), validation="warn")
    assert api is not None, [d.format() for d in diagnostics]
    return api, diagnostics


def _root(api: Api) -> ObjectSchema:
    content = api.operations[0].responses[0].contents[0]
    assert isinstance(content.schema, ObjectSchema)
    return content.schema


@pytest.mark.parametrize("version", ["2.0", "3.0.3", "3.1.0"])
def test_a_schema_without_type_gets_the_type_its_keywords_imply(load_spec: Any, version: str) -> None:
    api, _ = _loaded(load_spec, version)
    got = {prop.name: _described(prop.schema) for prop in _root(api).properties}
    want = {f"p{i}": described for i, (_, described) in enumerate(TABLE)}
    assert got == want


@pytest.mark.parametrize("version", ["2.0", "3.0.3", "3.1.0"])
def test_only_ambiguous_schemas_are_warned_about_each_at_its_own_place(load_spec: Any, version: str) -> None:
    api, diagnostics = _loaded(load_spec, version)
    ambiguous = [f"p{i}" for i, (schema, _) in enumerate(TABLE) if schema in AMBIGUOUS]
    warned = [d for d in diagnostics if d.code == "W016"]
    assert sorted(d.origin.pointer.rsplit("/", 1)[-1] for d in warned if d.origin) == sorted(ambiguous)
    assert all(d.severity == "warning" for d in warned)
    # the ambiguous ones are counted as unreadable; the document's own `{}` and annotations stay free-form
    counted = coverage(api, diagnostics.warnings)
    assert (counted.unread, counted.free_form) == (len(ambiguous), _free_form_in_table())


AMBIGUOUS = [
    {"minimum": 1, "minLength": 1},
    {"format": "date-time", "maximum": 3},
    {"format": "int64", "pattern": "^[0-9]+$"},
]
"""The rows of ``TABLE`` whose keywords belong to strings and to numbers."""


def _free_form_in_table() -> int:
    """Any values of the table the document itself asks for: annotations only, a format of no one type, no items."""
    return sum(1 for schema, described in TABLE if "any" in described and schema not in AMBIGUOUS)


def test_a_type_that_is_written_is_never_second_guessed(load_spec: Any) -> None:
    """Inference reads only schemas without ``type``: a written one wins over what keywords suggest."""
    written = {"a": {"type": "string", "minimum": 1}, "b": {"type": "integer", "format": "date-time"}}
    api, diagnostics = load_spec(_document("3.0.3", written), validation="warn")
    assert api is not None
    assert [_described(p.schema) for p in _root(api).properties] == ["string", "integer:date-time"]
    assert not [d for d in diagnostics if d.code == "W016"]


# --------------------------------------------------------------------- end to end, type-checked

DOCUMENT: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Inferred", "version": "1"},
    "servers": [{"url": "https://api.example.test"}],
    "paths": {
        "/things/{id}": {
            "get": {
                "operationId": "getThing",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"format": "uuid"}},
                    {"name": "limit", "in": "query", "schema": {"minimum": 1, "maximum": 50, "format": "int32"}},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Thing": {
                "required": ["id", "created"],
                "properties": {
                    "id": {"format": "uuid", "description": "The thing's id."},
                    "created": {"format": "date-time"},
                    "code": {"pattern": "^[A-Z]{3}$", "maxLength": 3},
                    "size": {"minimum": 0, "format": "int64"},
                    "ratio": {"minimum": 0, "maximum": 1},
                    "tags": {"items": {"minLength": 1}},
                    "labels": {"additionalProperties": {"maxLength": 20}},
                    "anything": {},
                    "either": {"minimum": 1, "minLength": 1},
                },
            }
        }
    },
}


def _generate(root: Path, style: str) -> tuple[Path, str]:
    spec = root / "inferred.yaml"
    spec.write_text(yaml.safe_dump(DOCUMENT, sort_keys=False), encoding="utf-8")
    out = root / f"inferred-{style}"
    done = harness.generator("generate", "--spec", str(spec), "--name", "inferred", "--out", str(out), "--style", style)
    done.check_bounds()
    assert done.returncode == 0, done.stderr[-3000:]
    assert "1 of 14 schemas free-form (typed as any), 1 of 14 schemas unreadable" in done.stdout
    assert "inferred.yaml#/components/schemas/Thing/properties/either:" in done.stderr
    assert "warning[W016]" in done.stderr
    return out, done.stdout


def test_python_types_the_inferred_schemas_and_passes_mypy_strict(tmp_path: Path) -> None:
    out, _ = _generate(tmp_path, "python")
    models = (out / "inferred" / "models.py").read_text(encoding="utf-8")
    for field in (
        "id_: str",
        "created: datetime.datetime",
        "code: str | None",
        "size: int | None",
        "ratio: float | None",
        "tags: list[str] | None",
        "labels: dict[str, str] | None",
        "anything: Any",
        "either: Any",
    ):
        assert f"    {field}" in models, field
    cache = ["--cache-dir", str(tmp_path / ".mypy")]
    mypy = harness.run_bounded([sys.executable, "-m", "mypy", "--strict", *cache, "inferred"], cwd=out, timeout=SECONDS)
    assert mypy.returncode == 0, mypy.stdout[-3000:]


def test_typescript_types_the_inferred_schemas_and_passes_tsc_strict(tmp_path: Path) -> None:
    if shutil.which("node") is None or not (harness.ROOT / "node_modules/.bin/tsc").exists():
        pytest.skip("TypeScript is not installed")
    out, _ = _generate(tmp_path, "typescript")
    models = (out / "src" / "models.ts").read_text(encoding="utf-8")
    for field in (
        "id: string;",
        "created: string;",
        "code?: string;",
        "size?: number;",
        "ratio?: number;",
        "tags?: string[];",
        "labels?: { [key: string]: string };",
        "anything?: unknown;",
        "either?: unknown;",
    ):
        assert f"  {field}" in models, field
    (out / "node_modules").symlink_to(harness.ROOT / "node_modules", target_is_directory=True)
    tsc = harness.run_bounded(
        [str(harness.ROOT / "node_modules/.bin/tsc"), "--strict", "--noEmit", "-p", str(out)], cwd=out, timeout=SECONDS
    )
    assert tsc.returncode == 0, tsc.stdout[-3000:]
