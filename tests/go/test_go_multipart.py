"""A multipart form sent by the generated Go client, as a server reads it: one part per field, per file, per item.

The twin of ``tests/test_multipart_loopback.py``: the same API in the go style, called by a
program in another module (a ``go.work``) against a loopback server that parses the raw body
with Python's MIME parser under the request's own Content-Type. A file name carrying CR LF
would start a header of its own in the part: it is refused before anything is sent.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from go_support import ROOT, go, go_missing, workspace

sys.path.insert(0, str(ROOT / "tests"))
from hostile import harness
from test_multipart_loopback import SERVER, SPEC

DRIVER = """
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"forms"
)

func main() {
	client, err := forms.New(forms.WithBaseURL(os.Args[1]))
	if err != nil {
		panic(err)
	}
	public, title, width := true, "Holiday", int64(3)
	coverName := ""
	if len(os.Args) > 2 {
		coverName = os.Args[2]
	}
	err = client.Default.Upload(context.Background(), &forms.UploadParams{
		Photos: []forms.FormFile{
			{Content: strings.NewReader("first")},
			{Name: "second.png", ContentType: "image/png", Content: strings.NewReader("second")},
		},
		Cover:  &forms.FormFile{Name: coverName, Content: strings.NewReader("cover")},
		Title:  &title,
		Tags:   []string{"a", "b"},
		Public: &public,
		Meta:   &forms.UploadBodyMeta{Width: &width},
	})
	var argument *forms.ArgumentError
	if errors.As(err, &argument) {
		fmt.Println("refused:", argument.Parameter)
		return
	}
	if err != nil {
		panic(err)
	}
}
"""

CLIENT = """
import subprocess
import sys

done = subprocess.run([sys.argv[1], BASE, *sys.argv[2:]], capture_output=True, text=True, check=True)
print(json.dumps({**received, "driver": done.stdout}))
"""


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reason = go_missing()
    if reason is not None:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("go-forms")
    (root / "forms.yaml").write_text(SPEC, encoding="utf-8")
    package = root / "forms"
    made = harness.generator(
        "generate", "--spec", str(root / "forms.yaml"), "--name", "forms", "--out", str(package), "--style", "go"
    )
    assert made.returncode == 0, made.stderr[-3000:]
    program = root / "driver"
    program.mkdir()
    (program / "go.mod").write_text("module driver\n\ngo 1.19\n", encoding="utf-8")
    (program / "main.go").write_text(DRIVER, encoding="utf-8")
    work = workspace([package, program], root / "go.work")
    vetted = go(["go", "vet", "./..."], package, work=work)
    assert vetted.returncode == 0, vetted.stderr
    binary = root / "driver.bin"
    built = go(["go", "build", "-o", str(binary), "."], program, work=work)
    assert built.returncode == 0, built.stderr
    return binary


def _received(driver: Path, *args: str) -> dict[str, Any]:
    script = textwrap.dedent(SERVER) + textwrap.dedent(CLIENT)
    outcome = harness.run_bounded([sys.executable, "-c", script, str(driver), *args])
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    received: dict[str, Any] = json.loads(outcome.stdout.strip().splitlines()[-1])
    return received


def test_go_form_sends_each_file_and_item_as_its_own_part(driver: Path) -> None:
    received = _received(driver)
    assert received["content_type"] == "multipart/form-data"
    assert received["parts"] == [
        ["photos", "upload", "application/octet-stream", "first"],
        ["photos", "second.png", "image/png", "second"],
        ["cover", "upload", "application/octet-stream", "cover"],
        ["title", None, "text/plain", "Holiday"],
        ["tags", None, "text/plain", "a"],
        ["tags", None, "text/plain", "b"],
        ["public", None, "text/plain", "true"],
        ["meta", None, "application/json", '{"width":3}'],
    ]


def test_go_a_file_name_with_a_line_break_is_refused_before_sending(driver: Path) -> None:
    received = _received(driver, 'cover.png"\r\nContent-Type: text/html')
    assert received["driver"].strip() == "refused: cover (its Name)"
    assert "parts" not in received
