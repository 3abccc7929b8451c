"""Random valid OpenAPI 3.1 specs: generation succeeds, every file compiles, and regenerating gives the same bytes.

Hypothesis builds schema trees (objects with odd property names, arrays, enums of
random strings, nullable types, references to components), parameters with
constraints, and operations with random ids, tags and path parameters. A few of
the generated packages are type-checked with ``mypy --strict`` once at the end.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.cli import main

BIN = Path(sys.executable).parent
NAME_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
names = st.text(NAME_CHARS, min_size=1, max_size=12)
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
component_names = st.from_regex(r"[A-Za-z][A-Za-z0-9_.-]{0,10}", fullmatch=True)
SCHEMA_NAMES = ("Alpha", "beta-model", "Gamma.v2", "class", "Any")

leaf_primitives = st.one_of(
    st.builds(
        lambda f: {"type": "string", **({"format": f} if f else {})}, st.sampled_from([None, "date-time", "date"])
    ),
    st.builds(lambda lo: {"type": "integer", "minimum": lo}, st.integers(-5, 5)),
    st.just({"type": "number"}),
    st.just({"type": "boolean"}),
    st.builds(lambda vs: {"type": "string", "enum": vs}, st.lists(texts, min_size=1, max_size=5, unique=True)),
)
refs = st.sampled_from([{"$ref": f"#/components/schemas/{n}"} for n in SCHEMA_NAMES])
primitives = st.one_of(leaf_primitives, refs)


def extend(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.builds(lambda items: {"type": "array", "items": items}, children),
        st.builds(
            lambda props, req: {
                "type": "object",
                "properties": props,
                **({"required": sorted(props)[:1]} if req and props else {}),
            },
            st.dictionaries(names, children, max_size=4),
            st.booleans(),
        ),
        st.builds(lambda s: {**s, "type": [s["type"], "null"]} if isinstance(s.get("type"), str) else s, children),
        st.builds(lambda s, d: {**s, "description": d}, children, texts),
    )


schemas = st.recursive(primitives, extend, max_leaves=6)
# Components refer to nothing, so no drawn spec has a $ref cycle (that is E012, tested elsewhere).
component_schemas = st.recursive(leaf_primitives, extend, max_leaves=6)


@st.composite
def parameters(draw: st.DrawFn) -> dict[str, Any]:
    schema = draw(
        st.one_of(
            st.builds(lambda n: {"type": "string", "maxLength": n}, st.integers(1, 9)),
            st.builds(lambda lo: {"type": "integer", "minimum": lo, "maximum": lo + 10}, st.integers(-3, 3)),
            st.builds(lambda vs: {"type": "string", "enum": vs}, st.lists(texts, min_size=1, max_size=3, unique=True)),
            st.just({"type": "array", "items": {"type": "string"}}),
        )
    )
    where = draw(st.sampled_from(["query", "header"]))
    name = draw(names if where == "query" else st.from_regex(r"X-[A-Za-z0-9-]{1,8}", fullmatch=True))
    return {"name": name, "in": where, "required": draw(st.booleans()), "schema": schema, "description": draw(texts)}


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    components = {name: draw(component_schemas) for name in SCHEMA_NAMES}
    components["Alpha"] = {"type": "object", "properties": {"x": draw(component_schemas)}}  # a model to refer to
    paths: dict[str, Any] = {}
    for _ in range(draw(st.integers(1, 3))):
        segments = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_-]{0,6}", fullmatch=True), min_size=1, max_size=3))
        path_params = draw(
            st.lists(st.from_regex(r"[a-zA-Z_][a-zA-Z0-9_]{0,6}", fullmatch=True), max_size=2, unique=True)
        )
        path = "/" + "/".join(segments + [f"{{{p}}}" for p in path_params])
        method = draw(st.sampled_from(["get", "post", "put", "delete"]))
        query = draw(st.lists(parameters(), max_size=3, unique_by=lambda p: (p["name"].lower(), p["in"])))
        params = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}} for p in path_params]
        operation: dict[str, Any] = {
            "operationId": draw(names),
            "tags": [draw(names)],
            "summary": draw(texts),
            "parameters": params + [q for q in query if q["name"] not in path_params],
            "responses": {
                "200": {"description": draw(texts), "content": {"application/json": {"schema": draw(schemas)}}}
            },
        }
        if method != "get" and draw(st.booleans()):
            operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": draw(schemas)}}}
        paths.setdefault(path, {})[method] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": draw(texts) or "t", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
        },
        "security": [{"key": []}],
    }


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


KEPT: list[Path] = []


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure prints its spec as drawn
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(spec=specs())
def test_random_specs_generate_compile_and_are_deterministic(
    spec: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("prop")
    source = root / "spec.json"
    source.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    args = ["generate", "-q", "--validation", "warn", "--spec", str(source), "--name", "prop"]
    assert main([*args, "--out", str(root / "a")]) == 0
    assert main([*args, "--out", str(root / "b")]) == 0
    first = tree(root / "a")
    assert first == tree(root / "b")
    for rel, data in first.items():
        if rel.endswith(".py"):
            compile(data, rel, "exec")
    if len(KEPT) < 3:
        KEPT.append(root / "a")


def test_a_few_random_packages_pass_mypy_strict() -> None:
    if not KEPT:
        pytest.skip("the property test did not run first")
    for package in KEPT:
        result = subprocess.run(
            [str(BIN / "mypy"), "--strict", "--no-incremental", "prop"],
            cwd=package,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stdout[-3000:]
