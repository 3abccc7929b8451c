"""Regexes and numbers from a document: no pattern runs in more than linear time where the generator
evaluates it, and no length or count makes the generator build something huge."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from . import harness

ALMOST = "a" * 40 + "!"
"""Takes a backtracking engine about 2^40 steps against ``^(a+)+$``."""

CATASTROPHIC = f"""
openapi: 3.1.0
info: {{title: Cat, version: "1"}}
servers: [{{url: "https://api.example.com"}}]
paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - name: code
          in: query
          required: true
          schema: {{type: string, pattern: '^(a+)+$', {{field}}: "{ALMOST}"}}
        - name: word
          in: query
          required: true
          schema: {{type: string, pattern: '^(?=[a-z]*\\d)[a-z0-9]+$'}}
      responses:
        "200": {{description: ok}}
"""

HUGE = """
openapi: 3.1.0
info: {title: Huge, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /items:
    post:
      operationId: makeItem
      parameters:
        - {name: code, in: query, required: true, schema: {type: string, minLength: 3000000000}}
        - {name: tags, in: query, required: true, schema: {type: array, minItems: 2000000000, items: {type: string}}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [a, b, c]
              properties:
                a: {type: string, minLength: 3000000000}
                b: {type: array, minItems: 2000000000, items: {type: integer}}
                c: {type: string, maxLength: 3000000000}
      responses:
        "200": {description: ok}
  /other:
    get:
      operationId: other
      parameters:
        - {name: note, in: query, required: true, schema: {type: string, maxLength: 3000000000}}
        - {name: many, in: query, schema: {type: array, maxItems: 3000000000, items: {type: string}}}
      responses:
        "200": {description: ok}
  /nested:
    get:
      operationId: nested
      parameters:
        - name: n
          in: query
          required: true
          schema: {type: array, minItems: 60000, items: {type: string, minLength: 60000}}
      responses:
        "200": {description: ok}
"""


def _generate(tmp_path: Path, text: str, style: str, *extra: str) -> tuple[harness.Outcome, Path]:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    out = tmp_path / f"out-{style}"
    args = ("generate", "--spec", str(spec), "--name", "hostile", "--out", str(out), "--style", style, *extra)
    outcome = harness.generator(*args)
    outcome.check_bounds()
    return outcome, out


def _code(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*")) if p.suffix in (".py", ".ts"))


@pytest.mark.parametrize("validation", ["error", "off"])
@pytest.mark.parametrize("style", harness.STYLES)
def test_catastrophic_pattern_with_an_almost_matching_example(tmp_path: Path, style: str, validation: str) -> None:
    outcome, out = _generate(tmp_path, CATASTROPHIC.replace("{field}", "example"), style, "--validation", validation)
    assert outcome.returncode == 0, outcome.stderr
    located = re.compile(r"spec\.yaml#/paths/~1items/get/parameters/(\d)/schema/pattern:\d+: warning\[W009\]: (.*)")
    found = {m.group(1): m.group(2) for m in located.finditer(outcome.stderr)}
    assert "exponential time" in found["0"]
    assert "lookahead" in found["1"]
    code = _code(out)
    assert "^(a+)+$" not in code and "(?=[a-z]" not in code  # neither pattern is checked by the client


@pytest.mark.parametrize("style", harness.STYLES)
def test_catastrophic_pattern_on_a_default_is_a_located_finding(tmp_path: Path, style: str) -> None:
    outcome, _ = _generate(tmp_path, CATASTROPHIC.replace("{field}", "default"), style)
    assert outcome.returncode == 2, outcome.stderr
    assert f"error[E020]: '{ALMOST}' does not match '^(a+)+$'" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    outcome, _ = _generate(tmp_path, CATASTROPHIC.replace("{field}", "default"), style, "--validation", "off")
    assert outcome.returncode == 0, outcome.stderr


@pytest.mark.parametrize("style", harness.STYLES)
def test_catastrophic_overlay_filter(tmp_path: Path, style: str) -> None:
    spec = CATASTROPHIC.replace("{field}", "example").replace(
        "  /items:\n", f'  /items:\n    x-note: "{ALMOST}"\n    summary: "{ALMOST}"\n'
    )
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(
        "overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions:\n"
        "  - target: \"$.paths[?match(@.summary, '(a+)+!')]\"\n    update: {description: whole}\n"
        "  - target: \"$.paths[?search(@['x-note'], '(a+)+$')]\"\n    update: {description: found}\n",
        encoding="utf-8",
    )
    outcome, _ = _generate(tmp_path, spec, style, "--overlay", str(overlay))
    assert outcome.returncode == 0, outcome.stderr
    # match() holds the whole text; in I-Regexp `$` is a character, so search() finds nothing
    assert "overlay.yaml#/actions/0" not in outcome.stderr
    assert "overlay.yaml#/actions/1/target" in outcome.stderr and "W002" in outcome.stderr


@pytest.mark.parametrize("style", harness.STYLES)
def test_huge_lengths_and_counts_build_nothing_huge(tmp_path: Path, style: str) -> None:
    outcome, out = _generate(tmp_path, HUGE, style)
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.peak_rss < 512 * 1024**2, f"peak RSS {outcome.peak_rss / 1024**2:.0f} MiB"
    for index, key in enumerate(("minLength", "minItems")):
        where = rf"spec\.yaml#/paths/~1items/post/parameters/{index}/schema/{key}:\d+: warning\[W010\]"
        assert re.search(where, outcome.stderr), outcome.stderr
    assert sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) < 2 * 1024**2
    code = _code(out)
    assert "3000000001" not in code and "1999999999" not in code  # no "one too long/short" case at that size
    assert re.search(r"\"other_sends_request\"|\"other: sends", code)  # the other operation keeps its tests
    if style == "python":
        compiled = harness.run_bounded([sys.executable, "-m", "compileall", "-q", str(out)])
    else:
        if shutil.which("node") is None or not (harness.ROOT / "node_modules/.bin/tsc").exists():
            pytest.skip("TypeScript is not installed")
        tsc = str(harness.ROOT / "node_modules/.bin/tsc")
        types = str(harness.ROOT / "node_modules/@types")
        compiled = harness.run_bounded([tsc, "--strict", "--noEmit", "-p", str(out), "--typeRoots", types])
    compiled.check_bounds()
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
