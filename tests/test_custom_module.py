"""The user's own module in each package (``_custom.py``, ``src/custom.ts``, ``custom.go``): created once, kept.

``generate`` writes it only where it is missing, carries an edited one over byte for
byte, and ``check`` does not compare it (only its absence is drift); a second run
with nothing changed still skips the package.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CUSTOM = {"python": "toolkit_images/_custom.py", "typescript": "src/custom.ts", "go": "custom.go"}
EDITED = {
    "python": b"# mine\ndef customize(client: object) -> None:\n    pass\n",
    "typescript": b"// mine\nexport function customize(client: object): void {\n  void client;\n}\n",
    "go": b"// mine\npackage toolkitimages\n\nfunc customize(options []Option) []Option { return options }\n",
}


def generator(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", "--specs-dir", str(project / "specs")]
    command += ["--generated-dir", str(project / "generated"), *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("custom")
    shutil.copytree(ROOT / "specs" / "toolkit", root / "specs" / "toolkit")
    for style in CUSTOM:
        result = generator(root, "generate", "-q", "--style", style)
        assert result.returncode == 0, result.stderr
    return root


@pytest.mark.parametrize("style", sorted(CUSTOM))
def test_custom_module_is_created_once_and_kept(project: Path, style: str) -> None:
    package = project / "generated" / style / "toolkit_images"
    custom = package / CUSTOM[style]
    created = custom.read_bytes()
    assert b"customize" in created
    lock = json.loads((package / "generator.lock.json").read_text())
    assert lock["created_once"] == [CUSTOM[style]] and CUSTOM[style] not in lock["files"]

    custom.write_bytes(EDITED[style])
    checked = generator(project, "check", "--style", style)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    forced = generator(project, "generate", "-q", "--force", "--style", style)
    assert forced.returncode == 0, forced.stderr
    assert custom.read_bytes() == EDITED[style]
    again = generator(project, "generate", "--style", style)
    assert "unchanged" in again.stdout and custom.read_bytes() == EDITED[style]

    custom.unlink()
    missing = generator(project, "check", "--style", style)
    assert missing.returncode != 0 and CUSTOM[style] in missing.stdout + missing.stderr
    regenerated = generator(project, "generate", "-q", "--style", style)
    assert regenerated.returncode == 0, regenerated.stderr
    assert custom.read_bytes() == created


def test_python_custom_module_of_a_long_package_name_is_in_black_s_form(tmp_path: Path) -> None:
    """Class names grow with the package name: the import and customize's signature wrapped as black does."""
    import black

    name = "corpus_oas30_readme_response_multiple_mediatypes_images"
    command = [sys.executable, "-m", "generator", "generate", "--spec", str(ROOT / "specs/toolkit/openapi.yaml")]
    command += ["--name", name, "--out", str(tmp_path / "out"), "--style", "python", "-q"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "out" / name / "_custom.py").read_text(encoding="utf-8")
    assert "def customize(\n" in text
    assert black.format_str(text, mode=black.Mode(line_length=120)) == text
