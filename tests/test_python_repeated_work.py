"""Work of the Python style that must not be redone for what a big document repeats: found by profiling
cold runs on the largest documents (ec2's 1,188 operations, loket's 6 MB, GitHub's API, pay-passes' models).

Each test counts the calls of the step that was repeated, or holds a faster reading to its plain definition.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from generator.core.style import PackageSpec
from generator.diagnostics import Diagnostics
from generator.styles.python import imports, stub_cases
from generator.styles.python.package import build_package
from generator.styles.python.stubs import build_stubs


def _shared_models(count: int) -> dict[str, Any]:
    """``count`` operations in two tags, each sending a ``Pass`` with a bounded field and a bounded query
    parameter, and answering with a ``Pass``: what a big API does for many of its operations."""
    model = {"$ref": "#/components/schemas/Pass"}
    paths = {
        f"/passes{i}": {
            "put": {
                "operationId": f"update{i}",
                "tags": [f"tag{i % 2}"],
                "requestBody": {"required": True, "content": {"application/json": {"schema": model}}},
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": model}}}},
            }
        }
        for i in range(count)
    }
    pass_model = {
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": "string", "maxLength": 8},
            "issued": {"type": "string", "format": "date-time"},
            "lines": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": paths,
        "components": {"schemas": {"Pass": pass_model}},
    }


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Calls of the steps the test cases spell values with, as ``stub_cases`` makes them."""
    calls: Counter[str] = Counter()

    def counting(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return function(*args, **kwargs)

        return call

    for name in ("render", "canonical", "violations", "arg_code"):
        monkeypatch.setattr(stub_cases, name, counting(name, getattr(stub_cases, name)))
    yield calls


def test_a_model_many_operations_share_is_spelled_once_for_the_suite(load_spec: Any, counted: Counter[str]) -> None:
    """The body, what it decodes to, the argument and the values refused: made for the first operation only."""
    spec = PackageSpec(package="t", title=None, base_url=None, env_prefix="T", header="")
    found = []
    for count in (2, 8):
        api, _ = load_spec(_shared_models(count))
        assert api is not None
        pkg = build_package(api, spec, Diagnostics())
        counted.clear()
        suite = build_stubs(api, pkg)
        assert sum(len(module.tests) for module in suite.modules) >= 4 * count  # every operation is still tested
        found.append(dict(counted))
    assert found[0] == found[1], found
    assert found[0]["violations"] >= 2  # the body's and the query parameter's: made, once each


_DEFINITION_PIECES = (
    *("x", "A1", "_y", "async ", "def ", "class ", "f", "1", "é", " ", "\t", "\n", "\n\n", ":", "=", "==", "(", ")"),
    *("if x == y:", "name: int = 1", "  z = 2", "def g(", "class C:", "# c = 3", "\r\n", "async def h", "=="),
)
_REFERENCE_DEFINED = re.compile(
    r"^(?:(?:async )?def |class )([A-Za-z_][A-Za-z0-9_]*)|^([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?::|=(?!=))", re.MULTILINE
)


def test_top_level_names_are_those_a_line_start_anchored_pattern_finds() -> None:
    """Found from each line break (fast), they are the names ``^`` at every line start finds: the first line's
    too, an ``==`` defining nothing, an indented line defining nothing."""
    rng = random.Random(20261206)
    for _ in range(3000):
        source = "".join(rng.choice(_DEFINITION_PIECES) for _ in range(rng.randint(1, 25)))
        expected = {d or a for d, a in _REFERENCE_DEFINED.findall(source)}
        assert imports.defined_names(source) == expected, source


def test_the_runs_of_an_ascii_text_are_the_identifiers_a_pattern_finds() -> None:
    """Split at C speed when the text is ASCII: runs that start with a digit name nothing, ``_`` is a word
    character, every other ASCII character (controls included) separates."""
    rng = random.Random(7)
    alphabet = [chr(code) for code in range(128)] + ["ab", "_9", "9a", "é", "x"] * 20
    for _ in range(2000):
        code = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        expected = set(re.findall(r"\b[A-Za-z_][A-Za-z0-9_]*", code))
        assert imports._identifiers(code) == expected, repr(code)
