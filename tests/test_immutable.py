"""``generator.immutable``: value classes equal and hashed as frozen dataclasses are, frozen to mypy."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path

import pytest

from generator.immutable import immutable
from generator.ir import Origin, PrimitiveSchema

ROOT = Path(__file__).resolve().parent.parent


@immutable(kw_only=True)
class Point:
    x: int
    y: int = 0
    where: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class FrozenPoint:
    x: int
    y: int = 0
    where: str = field(default="", compare=False)


def test_equal_and_hashed_as_a_frozen_dataclass_is() -> None:
    a, b = Point(x=1, y=2, where="a"), Point(x=1, y=2, where="b")
    assert a == b and hash(a) == hash(b)  # a field left out of comparison is left out of the hash too
    assert a != Point(x=1, y=3)
    assert hash(a) == hash(FrozenPoint(x=1, y=2))
    assert {a: 1}[b] == 1
    assert not hasattr(a, "__dict__")


def test_the_ir_round_trips_through_pickle() -> None:
    """Forked children send their results to the parent pickled."""
    schema = PrimitiveSchema(kind="string", format="uuid", origin=Origin(file="spec.yaml", pointer="/a"))
    copy = pickle.loads(pickle.dumps(schema, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == schema and copy.origin == schema.origin and hash(copy) == hash(schema)


def test_positional_and_keyword_only_as_declared() -> None:
    @immutable
    class Pair:
        left: int
        right: int

    assert Pair(1, 2) == Pair(left=1, right=2)
    with pytest.raises(TypeError):
        Point(1)  # type: ignore[call-arg]


def test_an_assignment_to_a_field_is_a_type_error(tmp_path: Path) -> None:
    """What a frozen dataclass refuses at run time, mypy --strict refuses in the source."""
    probe = tmp_path / "probe.py"
    probe.write_text(textwrap.dedent("""
            from generator.immutable import immutable

            @immutable(kw_only=True)
            class Named:
                name: str

            value = Named(name="a")
            value.name = "b"
            Named("positional")
            """))
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", str(probe)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Property "name" defined in "Named" is read-only' in result.stdout
    assert 'Too many positional arguments for "Named"' in result.stdout


def test_a_frozen_dataclass_refuses_what_immutable_leaves_to_the_type_checker() -> None:
    """The one difference, stated: the run-time refusal is the frozen dataclass's alone."""
    with pytest.raises(FrozenInstanceError):
        FrozenPoint(x=1).x = 2  # type: ignore[misc]
    point = Point(x=1)
    point.x = 2  # type: ignore[misc]
    assert point.x == 2
