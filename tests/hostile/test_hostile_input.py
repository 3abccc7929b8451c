"""Hostile values inside otherwise valid documents: never exit 3, always a located message, bounded cost.

Each case writes one small document and runs the generator on it in a child
process (``hostile.harness.generator``), in every style where a style is
involved: numbers no client can hold, ``NaN`` literals, lone surrogates,
repeated keys, a ``multipleOf`` of the smallest double, and discriminators
that point nowhere.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from hostile.harness import GENERATION_STYLES, STYLES, Outcome, generator

LOCATED = re.compile(
    r"^(?P<file>[^#\s]+)#(?P<pointer>.*?):(?P<line>\d+): (?P<severity>error|warning)\[(?P<code>[EW]\d{3})\]: "
)


def document(schema: dict[str, Any], *, description: str = "A test API.") -> dict[str, Any]:
    """A 3.0 document with one operation: a query parameter ``q`` and a JSON body of model ``M`` with ``schema``."""
    return {
        "openapi": "3.0.3",
        "info": {"title": "Hostile", "version": "1", "description": description},
        "paths": {
            "/things": {
                "post": {
                    "operationId": "makeThing",
                    "parameters": [{"name": "q", "in": "query", "required": True, "schema": schema}],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/M"}}},
                    },
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
        "components": {
            "schemas": {"M": {"type": "object", "required": ["n"], "properties": {"n": schema}}},
        },
    }


def located(outcome: Outcome, code: str, pointer: str) -> str:
    """The one message of ``code`` at ``pointer`` (with a line); fails unless there is exactly one."""
    found = [
        line
        for line in outcome.stderr.splitlines()
        if (m := LOCATED.match(line)) and m["code"] == code and m["pointer"] == pointer
    ]
    assert len(found) == 1, outcome.stderr
    return found[0]


def run(tmp_path: Path, name: str, text: str, style: str, *extra: str) -> Outcome:
    spec = tmp_path / name
    spec.write_text(text, encoding="utf-8")
    outcome = generator(
        "generate", "--spec", str(spec), "--name", "hostile", "--out", str(tmp_path / f"out-{style}"), "--style", style,
        *extra,
    )  # fmt: skip
    outcome.check_bounds()
    assert outcome.returncode != 3 and "Traceback" not in outcome.stderr, outcome.stderr
    return outcome


NUMBER_AT = "/paths/~1things/post/parameters/0/schema/minimum"


@pytest.mark.parametrize("style", GENERATION_STYLES)
@pytest.mark.parametrize(
    ("name", "literal", "code"),
    [
        ("nan.json", "NaN", "E002"),
        ("infinity.json", "-Infinity", "E002"),
        ("exp400.json", "1e400", "E005"),
        ("exp999999.json", "1e999999", "E005"),
        ("digits4000.json", "9" * 4000, "E005"),
        ("digits5000.json", "9" * 5000, "E005"),
        ("hex4000.yaml", "0x" + "f" * 4000, "E005"),
    ],
)
def test_a_number_no_client_can_hold_exits_2_located(
    tmp_path: Path, style: str, name: str, literal: str, code: str
) -> None:
    spec = document({"type": "integer", "minimum": 7})
    if name.endswith(".yaml"):
        text = json.dumps(spec, indent=1).replace('"minimum": 7', f'"minimum": {literal}')  # JSON is YAML
        text = "# yaml\n" + text
    else:
        text = json.dumps(spec).replace('"minimum": 7', f'"minimum": {literal}', 1)
    outcome = run(tmp_path, name, text, style)
    assert outcome.returncode == 2, outcome.stderr
    assert located(outcome, code, NUMBER_AT).split("#")[0].endswith(f"/{name}")
    assert not (tmp_path / f"out-{style}").exists()


@pytest.mark.parametrize("style", GENERATION_STYLES)
def test_lone_surrogates_in_every_kind_of_string_are_located_warnings_and_generation_goes_on(
    tmp_path: Path, style: str
) -> None:
    spec = document({"type": "string", "enum": ["ok", "X-ENUM"], "example": "X-EXAMPLE"}, description="X-DESC")
    spec["components"]["schemas"]["M"]["properties"]["X-KEY"] = {"type": "string", "description": "X-DESC"}
    text = json.dumps(spec)
    for mark in ("X-ENUM", "X-EXAMPLE", "X-DESC", "X-KEY"):
        text = text.replace(mark, "bad \\udfff " + mark.lower())
    outcome = run(tmp_path, "surrogate.json", text, style)
    assert outcome.returncode == 0, outcome.stderr
    for pointer in (
        "/info/description",
        "/paths/~1things/post/parameters/0/schema/enum/1",
        "/paths/~1things/post/parameters/0/schema/example",
        "/components/schemas/M/properties/n/enum/1",
        "/components/schemas/M/properties/bad \ufffd x-key",
    ):
        assert "U+FFFD" in located(outcome, "W006", pointer)
    for path in (tmp_path / f"out-{style}").rglob("*"):
        if path.is_file():
            path.read_bytes().decode("utf-8")  # every file is UTF-8 (a surrogate could not be written)


@pytest.mark.parametrize("command", ["ir", "export"])
def test_lone_surrogates_print_through_ir_and_export(tmp_path: Path, command: str) -> None:
    spec = tmp_path / "surrogate.json"
    spec.write_text(json.dumps(document({"type": "string"}, description="X")).replace('"X"', '"bad \\udfff"'))
    outcome = generator(command, "--spec", str(spec))
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stderr
    located(outcome, "W006", "/info/description")
    assert "bad \ufffd" in outcome.stdout


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("kind", ["integer", "number"])
def test_multiple_of_the_smallest_double_generates(tmp_path: Path, style: str, kind: str) -> None:
    text = json.dumps(document({"type": kind, "multipleOf": 5e-324}))
    outcome = run(tmp_path, "tiny.json", text, style)
    assert outcome.returncode == 0, outcome.stderr
    tests = tmp_path / f"out-{style}" / ("tests" if style == "python" else "test")
    generated = "\n".join(p.read_text() for p in tests.rglob("*") if p.is_file())
    # an example argument was made for the required parameter (the smallest multiple from 1), not inf or None
    assert ('query=[("q", "1' if style == "python" else "q: 1") in generated


@pytest.mark.parametrize("style", GENERATION_STYLES)
@pytest.mark.parametrize("value", [0, -2])
def test_multiple_of_zero_or_negative_is_a_located_error(tmp_path: Path, style: str, value: int) -> None:
    text = json.dumps(document({"type": "number", "multipleOf": value}))
    outcome = run(tmp_path, "zero.json", text, style)
    assert outcome.returncode == 2, outcome.stderr
    located(outcome, "E020", "/components/schemas/M/properties/n/multipleOf")
    outcome = run(tmp_path, "zero.json", text, style, "--validation", "off")
    assert outcome.returncode == 0, outcome.stderr
    located(outcome, "W005", "/components/schemas/M/properties/n/multipleOf")


@pytest.mark.parametrize("style", GENERATION_STYLES)
@pytest.mark.parametrize("name", ["repeated.json", "repeated.yaml"])
def test_a_repeated_key_is_a_located_warning(tmp_path: Path, style: str, name: str) -> None:
    text = json.dumps(document({"type": "string"}), indent=1).replace(
        '"title": "Hostile"', '"title": "A", "title": "B"'
    )
    outcome = run(tmp_path, name, text if name.endswith(".json") else "# yaml\n" + text, style)
    assert outcome.returncode == 0, outcome.stderr
    assert "'title' appears more than once" in located(outcome, "W007", "/info/title")


@pytest.mark.parametrize("style", GENERATION_STYLES)
def test_a_discriminator_mapping_to_nowhere_is_a_located_warning(tmp_path: Path, style: str) -> None:
    spec = document({"type": "string"})
    spec["components"]["schemas"]["Pet"] = {
        "oneOf": [{"$ref": "#/components/schemas/M"}, {"type": "object", "properties": {"n": {"type": "string"}}}],
        "discriminator": {"propertyName": "n", "mapping": {"m": "M", "gone": "#/components/schemas/Gone"}},
    }
    spec["paths"]["/things"]["post"]["responses"]["200"]["content"] = {
        "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
    }
    outcome = run(tmp_path, "disc.json", json.dumps(spec, indent=1), style)
    assert outcome.returncode == 0, outcome.stderr
    located(outcome, "W008", "/components/schemas/Pet/discriminator/mapping/gone")
