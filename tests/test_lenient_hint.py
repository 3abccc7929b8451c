"""The default mode's hint that ``--validation warn`` generates anyway is decided by a second, lenient reading.

That reading only decides a hint: when it fails itself, the default mode's errors are reported as they are
(exit 2, no hint), never as an internal error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.diagnostics import Diagnostics
from generator.ir import Api, Origin
from generator.loaders import lenient
from generator.loaders.validate import HINT

MISSING_REF = """\
openapi: 3.0.3
info: {title: Missing, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Missing"}}}
"""


def _refused() -> Diagnostics:
    diagnostics = Diagnostics()
    diagnostics.error("E010", "$ref not found", Origin(file="spec.yaml", pointer="/paths"))
    return diagnostics


def test_a_lenient_reading_that_fails_leaves_the_errors_without_a_hint() -> None:
    def failing(found: Diagnostics) -> Api | None:
        raise RuntimeError("a failure of the lenient reading")

    diagnostics = _refused()
    lenient.hint_read_past(diagnostics, 0, failing)
    assert [d.message for d in diagnostics.errors] == ["$ref not found"]


def test_a_run_whose_lenient_reading_fails_exits_2_with_its_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(MISSING_REF, "utf-8")
    args = ["generate", "--spec", str(spec), "--name", "missing", "--out", str(tmp_path / "out")]
    assert main(args) == 2
    assert HINT in capsys.readouterr().err  # warn mode reads past it
    original = lenient.hint_read_past

    def lenient_reading_fails(diagnostics: Diagnostics, start: int, load: object) -> None:
        def failing(found: Diagnostics) -> Api | None:
            raise RuntimeError("a failure of the lenient reading")

        original(diagnostics, start, failing)

    monkeypatch.setattr("generator.loaders.hint_read_past", lenient_reading_fails)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "points at nothing" in err and HINT not in err and "internal error" not in err
    assert not (tmp_path / "out").exists()


def test_the_reading_behind_the_hint_does_not_run_the_validator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Warn mode makes the validator's findings warnings, so they cannot decide the hint; on a big refused
    document the validator is most of the run, and the second reading must not pay it again."""
    import generator.loaders as loaders

    modes: list[str] = []
    original = loaders.validate_document

    def recording(checked: object, dialect: object, diagnostics: Diagnostics, validation: str, **kw: object) -> bool:
        modes.append(validation)
        return original(checked, dialect, diagnostics, validation, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(loaders, "validate_document", recording)
    spec = tmp_path / "spec.yaml"
    spec.write_text(MISSING_REF, "utf-8")
    args = ["generate", "--spec", str(spec), "--name", "missing", "--out", str(tmp_path / "out")]
    assert main(args) == 2
    assert HINT in capsys.readouterr().err
    assert "warn" not in modes, modes
