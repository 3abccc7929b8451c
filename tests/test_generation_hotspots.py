"""Work that must not grow with how often a document repeats itself: found by profiling big documents.

Each test counts the calls of the step that used to be repeated, so it fails where the cost
comes back, however fast the machine is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator import readcheck
from generator.core.templating import Templates
from generator.diagnostics import Diagnostics
from generator.ir import Api
from generator.loaders import schemas, validate
from generator.pipeline import build_api
from generator.styles.python import selfcheck


def _diamond(tmp_path: Path, depth: int, leaf: dict[str, Any]) -> Path:
    """A document whose one response schema refers to ``l1`` twice, which refers to ``l2`` twice, ...

    The schemas outside ``components`` are inlined and built once, so the IR holds ``depth`` objects
    reached by 2**depth paths.
    """
    defs: dict[str, Any] = {
        f"l{i}": {
            "type": "object",
            "properties": {"a": {"$ref": f"#/x-defs/l{i + 1}"}, "b": {"$ref": f"#/x-defs/l{i + 1}"}},
        }
        for i in range(depth)
    }
    defs[f"l{depth}"] = leaf
    schema = {"$ref": "#/x-defs/l0"}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Diamond", "version": "1"},
        "x-defs": defs,
        "paths": {
            "/x": {
                "get": {
                    "operationId": "getX",
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}},
                }
            }
        },
    }
    path = tmp_path / "diamond.json"
    path.write_text(json.dumps(document))
    return path


def _api(path: Path) -> Api:
    diagnostics = Diagnostics()
    api = build_api([path], diagnostics=diagnostics, validation="off")
    assert api is not None, diagnostics.items
    return api


def test_unportable_values_are_looked_for_once_per_shared_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    original = schemas.portable_json

    def counted(text: str) -> bool:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(schemas, "portable_json", counted)
    diagnostics = Diagnostics()
    assert build_api([_diamond(tmp_path, 16, {"type": "string", "example": "leaf"})], diagnostics=diagnostics)
    assert not [d for d in diagnostics.items if d.code == "W005"]
    assert calls == ['"leaf"']  # the leaf's example, as the loader builds it: not once for each of its 65,536 paths


def test_an_unportable_value_in_a_shared_schema_is_still_reported(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    assert build_api([_diamond(tmp_path, 3, {"type": "integer", "example": 2**60})], diagnostics=diagnostics)
    found = [d for d in diagnostics.items if d.code == "W005"]
    assert len(found) == 1 and str(2**60) in found[0].message
    assert found[0].origin is not None and found[0].origin.pointer == "/x-defs/l3"


def test_refs_are_checked_without_spelling_a_pointer_for_every_node(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _diamond(tmp_path, 4, {"type": "string"})
    spelled: list[str] = []
    original = validate.escape_pointer

    def counted(part: str) -> str:
        spelled.append(part)
        return original(part)

    monkeypatch.setattr(validate, "escape_pointer", counted)
    _api(path)
    assert not spelled  # every ref stays inside the folder: no node needed a pointer


TRICKY_JSON = [
    '{"a": [1, 2.5, true, null, "x"], "b": {"c": {}}}',
    '{"a": 1e400}',
    '{"a": NaN, "b": -Infinity}',
    '{"a": 1, "a": 2}',
    '{"a": "\\ud800"}',
    '{"n": 1' + "0" * 400 + "}",
    '{"deep": ' + "[" * 70 + "]" * 70 + "}",
    '{"wide": [' + ", ".join(["{}"] * 3000) + "]}",
]


@pytest.mark.parametrize("text", TRICKY_JSON)
def test_json_read_without_a_copy_reads_as_the_copy_does(text: str) -> None:
    marks = readcheck.marks_for(text)
    pairs, constant = readcheck.json_hooks(marks)
    parsed = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_int=readcheck.long_integer)
    limits = {"max_nodes": 2000, "max_depth": 64}
    try:
        copied: Any = readcheck.normalise(parsed, marks, **limits)
    except readcheck.LimitExceededError as exc:
        copied = str(exc)
    try:
        plain: Any = readcheck.normalise(parsed, marks, unshared=True, **limits)
    except readcheck.LimitExceededError as exc:
        plain = str(exc)
    assert plain == copied


def test_plain_json_is_not_copied() -> None:
    data = {"a": [1, 2.5, True, None, "x"], "b": {"c": {}}}
    result, problems = readcheck.normalise(data, readcheck.Marks(), max_nodes=100, max_depth=10, unshared=True)
    assert result is data and not problems


def test_a_module_proven_to_compile_is_not_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, selfcheck_compiles: list[str]
) -> None:
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))
    compiled = selfcheck_compiles
    text = "x = 1\n\n\ndef f() -> int:\n    return x\n"
    assert selfcheck.syntax_error(text, "m.py") is None
    first = len(compiled)
    assert selfcheck.syntax_error(text, "m.py") is None
    assert first and len(compiled) == first
    assert selfcheck.syntax_error("x = (\n", "m.py") == (1, "'(' was never closed")
    assert selfcheck.syntax_error("x = (\n", "m.py") == (1, "'(' was never closed")  # an error is never remembered


def _render_fresh(folder: Path) -> str:
    return Templates(folder).render({}, "t.j2", name="x")


def test_templates_are_compiled_once_across_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.j2").write_text("hello {{ name }}\n")
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, *args: Any, **kwargs: Any) -> Any:
        compiled.append(source)
        return real(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    assert _render_fresh(folder) == "hello x\n"
    assert _render_fresh(folder) == "hello x\n"  # a new environment, as in the next run
    assert len(compiled) == 1
    (folder / "t.j2").write_text("bye {{ name }}\n")
    assert _render_fresh(folder) == "bye x\n"  # a changed template is compiled again
    assert len(compiled) == 2


def test_a_cache_that_cannot_be_written_does_not_stop_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(blocked))
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.j2").write_text("hello {{ name }}\n")
    assert _render_fresh(folder) == "hello x\n"
    assert _render_fresh(folder) == "hello x\n"


@pytest.mark.parametrize(
    "value",
    [2**53 + 1, -(2**53) - 1, float("inf"), float("-inf"), float("nan"), [1, {"a": 2**60}], {"n": float("nan")}],
)
def test_a_text_skipped_unparsed_never_holds_an_unportable_number(value: object) -> None:
    """``portable_json`` reads only texts its quick search finds something in: every unportable value is found."""
    from generator.core.examples import portable_json

    for text in (json.dumps(value), json.dumps(value).replace("Infinity", "1e400")):
        assert not portable_json(text), text


@pytest.mark.parametrize("value", [2**53, -(2**53), 1.5, 1e300, "NaN text", "1234567890123456", {"a": [1, 2]}])
def test_portable_values_stay_portable(value: object) -> None:
    from generator.core.examples import portable_json

    assert portable_json(json.dumps(value))
