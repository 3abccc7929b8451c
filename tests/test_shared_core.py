"""What the built-in styles share through generator/core: one decision, each style only spelling it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.checks import ValueCheck, value_checks
from generator.core.package import Literals, ServerArgument, server_arg_vms
from generator.core.servers import ServerVariableVM
from generator.core.templating import Templates
from generator.core.test_values import Bad, Code, Repeat
from generator.ir import ArraySchema, Constraints, Origin, PrimitiveSchema
from generator.styles.python import STYLE as PYTHON
from generator.styles.python.checks import _call as python_call
from generator.styles.python.test_values import render
from generator.styles.typescript import STYLE as TYPESCRIPT
from generator.styles.typescript.checks import _call as typescript_call
from generator.styles.typescript.test_values import ts_value

AT = Origin(file="t.yaml")


def test_value_checks_are_planned_in_the_runtimes_order() -> None:
    text = PrimitiveSchema(
        kind="string", format="uuid", constraints=Constraints(pattern="^[a-f0-9-]+$", max_length=36), origin=AT
    )
    assert value_checks(text) == [
        ValueCheck("uuid"),
        ValueCheck("pattern", pattern="^[a-f0-9-]+$"),
        ValueCheck("length", bounds=(("max_length", 36),)),
    ]
    dated = PrimitiveSchema(kind="string", format="date", constraints=Constraints(min_length=1), origin=AT)
    assert value_checks(dated) == []  # dates arrive as date objects
    number = PrimitiveSchema(kind="number", constraints=Constraints(minimum=0, exclusive_maximum=1), origin=AT)
    assert value_checks(number) == [ValueCheck("range", bounds=(("minimum", 0), ("exclusive_maximum", 1)))]
    items = ArraySchema(items=text, max_items=3, unique_items=True, origin=AT)
    assert value_checks(items) == [ValueCheck("items", bounds=(("max_items", 3), ("unique", True)))]
    assert value_checks(ArraySchema(items=text, origin=AT)) == []


@pytest.mark.parametrize(
    ("check", "python", "typescript"),
    [
        (ValueCheck("uuid"), '_rt.check_uuid("id", v)', 'rt.checkUuid("id", v);'),
        (ValueCheck("pattern", pattern="^a$"), '_rt.check_pattern("id", v, "^a$")', 'rt.checkPattern("id", v, "^a$");'),
        (
            ValueCheck("range", bounds=(("exclusive_minimum", 0.5),)),
            '_rt.check_range("id", v, exclusive_minimum=0.5)',
            'rt.checkRange("id", v, { exclusiveMinimum: 0.5 });',
        ),
        (
            ValueCheck("items", bounds=(("min_items", 1), ("unique", True))),
            '_rt.check_items("id", v, min_items=1, unique=True)',
            'rt.checkItems("id", v, { minItems: 1, unique: true });',
        ),
        (ValueCheck("enum", values=("a", 2)), '_rt.check_enum("id", v, ("a", 2))', 'rt.checkEnum("id", v, ["a", 2]);'),
    ],
)
def test_each_style_spells_the_same_check(check: ValueCheck, python: str, typescript: str) -> None:
    assert python_call(check, "v", '"id"') == python
    assert typescript_call(check, "v", '"id"') == typescript


def test_test_values_with_markers_in_both_styles() -> None:
    value = {"a": [Repeat(1, 3)], "b": Bad("x"), "c": Code("local"), "d": {}}
    assert render(value) == '{"a": [[1] * 3], "b": "x", "c": local, "d": {}}'
    assert ts_value(value) == '{ a: [Array.from({ length: 3 }, () => 1)], b: "x", c: local, d: {} }'


def test_server_variables_in_each_styles_literals() -> None:
    region = ServerArgument(
        "region", ServerVariableVM(key="region", default="us", enum=("us", "eu"), description=None), "Region."
    )
    port = ServerArgument("port", ServerVariableVM(key="port", default="443", enum=(), description=None), "Port.")
    literals = Literals(
        text=repr, plain="str", union=lambda v: f"Literal[{', '.join(v)}]", array=lambda v: "(" + ", ".join(v) + ")"
    )
    python = server_arg_vms([region, port], literals)
    assert [(a.type, a.default, a.choices) for a in python] == [
        ("Literal['us', 'eu']", "'us'", "('us', 'eu')"),
        ("str", "'443'", ""),
    ]


@pytest.mark.parametrize(
    ("style", "into", "header"), [(PYTHON, "pkg/_runtime", "# Copied"), (TYPESCRIPT, "src/runtime", "// Copied")]
)
def test_runtime_copied_with_the_styles_comment(style: object, into: str, header: str, tmp_path: Path) -> None:
    from generator.core.builtin import BuiltinStyle

    assert isinstance(style, BuiltinStyle)
    override = tmp_path / "runtime"
    override.mkdir()
    shipped = sorted((style.templates / "runtime").glob(f"*{style.runtime_suffix}"))
    (override / shipped[0].name).write_text("overridden\n", "utf-8")
    files = style.runtime_files(Templates(style.templates, tmp_path), into)
    assert [f.path for f in files] == [f"{into}/{p.name}" for p in shipped]
    assert all(f.text.startswith(header) and f.template == f"runtime/{f.path.rsplit('/', 1)[1]}" for f in files)
    assert files[0].text.endswith("Do not edit.\noverridden\n")
