"""What ``dataclass_code`` keeps in a process that declares dataclasses of its own.

``import generator`` gives ``dataclasses`` an ``exec`` that remembers the code it compiled (for the
precompile step to store): a program that uses the generator as a library and declares classes by the
thousand must not keep the code of every method alive, and its classes behave as without it.
"""

from __future__ import annotations

import dataclasses

import pytest

from generator import dataclass_code


def _declare(index: int) -> type:
    return dataclasses.make_dataclass(f"Made{index}", [(f"field_{index}", int)], frozen=True)


def test_a_program_declaring_many_dataclasses_does_not_keep_every_methods_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dataclasses, "exec", dataclass_code._exec, raising=False)
    monkeypatch.setattr(dataclass_code, "used", {})
    monkeypatch.setattr(dataclass_code, "MAX_USED", 50)
    made = [_declare(index) for index in range(200)]
    assert len(dataclass_code.used) == 50
    last = made[-1](field_199=3)
    assert (repr(last), last == made[-1](3), hash(last) == hash(made[-1](3))) == ("Made199(field_199=3)", True, True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        last.field_199 = 4  # type: ignore[attr-defined]


def test_code_remembered_is_reused_not_compiled_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataclasses, "exec", dataclass_code._exec, raising=False)
    monkeypatch.setattr(dataclass_code, "used", {})
    first = _declare(1)
    monkeypatch.setattr(dataclass_code, "compile", lambda *args, **kwargs: pytest.fail("compiled"), raising=False)
    again = _declare(1)
    assert again(field_1=2) == again(2) and first.__init__.__code__ is again.__init__.__code__  # type: ignore[misc]
