"""Work of the TypeScript style that must not be redone for what a big document repeats: found by profiling
cold runs on the largest documents (ec2's 1,188 operations, GitHub's API, loket, pay-passes' models).

Each test counts the calls of the step that was repeated, or holds the shared work to the answers made afresh.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from shared_models import shared_models

from generator.core import test_exchange
from generator.core.style import PackageSpec
from generator.core.templating import Templates
from generator.diagnostics import Diagnostics
from generator.ir import Api
from generator.styles.typescript import STYLE as TYPESCRIPT
from generator.styles.typescript import escaping, stub_cases, stubs
from generator.styles.typescript.checks import TsChecks
from generator.styles.typescript.package import build_package

ROOT = Path(__file__).resolve().parent.parent
SPEC = PackageSpec(package="t", title=None, base_url=None, env_prefix="T", header="")


def _suite(api: Api) -> str:
    pkg = build_package(api, SPEC, Diagnostics())
    return "\n".join(f"// {f.path}\n{f.text}" for f in stubs.test_files(api, pkg, Templates(TYPESCRIPT.templates)))


@pytest.fixture
def counted(count_calls: Callable[..., Counter[str]]) -> Counter[str]:
    """Calls of the steps the test cases make values and code with, as ``stub_cases`` makes them."""
    count_calls(stub_cases, "violations", "fits", "ts_value")
    return count_calls(test_exchange, "argument_value")


def test_a_model_many_operations_share_is_written_once_for_the_suite(load_spec: Any, counted: Counter[str]) -> None:
    """Arguments, their code, the values refused, the answer and the body sent: made for the first operations
    only, however many operations take and answer with the same schemas."""
    found = []
    for count in (2, 8):
        api, _ = load_spec(shared_models(count))
        assert api is not None
        counted.clear()
        suite = _suite(api)
        for i in range(count):  # every operation is still tested: its request, and the values it refuses
            assert f'name: "update{i}: sends the request the spec describes",' in suite
            assert f'name: "addAll{i}: refuses body (too_many_items) before sending",' in suite
            assert f'name: "update{i}: refuses limit (above_maximum) before sending",' in suite
        found.append(dict(counted))
    assert found[0] == found[1], found
    assert found[0]["violations"] >= 3  # the limit's, the path id's, the body's: made, once each


def _afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every value and code made again where it is asked for, as each operation made its own before."""

    def once(self: stub_cases.Spelled, kind: str, schema: Any, values: Any, make: Callable[[], Any], *_: Any) -> Any:
        return make()

    monkeypatch.setattr(stub_cases.Spelled, "once", once)


@pytest.mark.parametrize("document", ["shared", "scenario", "toolkit"])
def test_the_suite_made_once_per_schema_is_the_suite_made_per_operation(
    load_spec: Any, monkeypatch: pytest.MonkeyPatch, document: str
) -> None:
    """Same bytes: what is shared is what each operation would have made for itself."""
    if document == "shared":
        spec = shared_models(3)
    else:
        spec = yaml.safe_load((ROOT / "specs" / document / "openapi.yaml").read_text(encoding="utf-8"))
    api, diagnostics = load_spec(spec)
    assert api is not None, diagnostics.errors
    shared = _suite(api)
    _afresh(monkeypatch)
    assert _suite(api) == shared


def test_a_parameter_many_operations_share_is_checked_once(load_spec: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check lines of a shared parameter and body: made for the first operation only."""
    calls: Counter[str] = Counter()
    lines = TsChecks.lines

    def counting(self: TsChecks, *args: Any, **kwargs: Any) -> list[str]:
        calls["lines"] += 1
        return lines(self, *args, **kwargs)

    monkeypatch.setattr(TsChecks, "lines", counting)
    found = []
    for count in (2, 8):
        api, _ = load_spec(shared_models(count))
        assert api is not None
        calls.clear()
        pkg = build_package(api, SPEC, Diagnostics())
        methods = [vm for resource in pkg.resources for vm in resource.operations]
        assert len(methods) == 2 * count
        for vm in methods:  # every method still checks its limit and its path id
            assert any("params.limit" in line for line in vm.checks), vm.checks
            assert any(", id)" in line for line in vm.checks), vm.checks
        found.append(calls["lines"])
    assert found[0] == found[1] > 0, found


def _reference_jsdoc(value: object, indent: int = 0) -> str:
    """``jsdoc`` as it was defined before it was made once per text."""
    text = re.sub(r"[\ud800-\udfff]", "\ufffd", str(value or "")).replace("\r\n", "\n").replace("\r", "\n").strip()
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]", " ", text).replace("\t", "    ")
    text = text.replace("*/", "*\\/").replace("/*", "/\\*").replace("@", "\\@")
    pad = " " * indent
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines[:1] + [f"{pad} *" + (" " + line if line else "") for line in lines[1:]])


def test_a_description_is_escaped_once_and_as_before() -> None:
    """The same answers as the plain definition, for every text and indent; a text repeated is escaped once."""
    rng = random.Random(5)
    pieces = ["a", " ", "\n", "\r\n", "\r", "\t", "*/", "/*", "@", "\x00", "\u2028", "\ud800", "é", "  \n", "*", "/"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        indent = rng.choice([0, 2, 4])
        assert escaping.jsdoc(text, indent) == _reference_jsdoc(text, indent), repr(text)
    for value in (None, "", 0, 12, "x"):
        assert escaping.jsdoc(value) == _reference_jsdoc(value)
    escaping._jsdoc_text.cache_clear()
    description = "Checks whether you have the required permissions.\nReturns DryRunOperation."
    for _ in range(50):
        escaping.jsdoc("".join(description), 4)  # an equal text, not the same object: as a document's loader gives
    assert escaping._jsdoc_text.cache_info().misses == 1


def _one_off(count: int) -> dict[str, Any]:
    """``count`` operations, each with its own inline schemas (a bounded query parameter, a body, an answer)."""
    paths = {
        f"/things{i}": {
            "post": {
                "operationId": f"add{i}",
                "parameters": [{"name": "n", "in": "query", "schema": {"type": "integer", "maximum": 9}}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"type": "array", "items": {"type": "string"}}}},
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"type": "object", "properties": {}}}},
                    }
                },
            }
        }
        for i in range(count)
    }
    return {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": paths}


def test_what_no_other_operation_asks_for_again_is_not_kept(load_spec: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Values, code and refusals of a schema one argument alone has are made and let go, as each operation made
    its own (a big suite would otherwise hold them all to its end); those of shared schemas are kept."""
    made: list[stub_cases.Spelled] = []
    of = stub_cases.Spelled.of.__func__  # type: ignore[attr-defined]

    def recording(cls: type[stub_cases.Spelled], schemas: Any) -> stub_cases.Spelled:
        made.append(of(cls, schemas))
        return made[-1]

    monkeypatch.setattr(stub_cases.Spelled, "of", classmethod(recording))
    for spec, kept in ((_one_off(4), False), (shared_models(4), True)):
        api, _ = load_spec(spec)
        assert api is not None
        suite = _suite(api)
        assert 'name: "add3: refuses n (above_maximum) before sending",' in suite or kept
        assert bool(made[-1].made) is kept, made[-1].made.keys()
