"""Server variables of a Go client: ``WithServerVariable``, checked at ``New``, built into the URL as in Python.

One document whose server URL has three variables (one with an enum holding a quote, one
with a two-line description), generated in the go style and in the python style. A program
in another module (a ``go.work``) builds clients with the package's own options and names
(``WithServerVariable``, ``ArgumentError``: ``internal/apicore`` cannot be imported there),
sends a call through a recording ``http.Client`` and prints where it went, or what ``New``
refused. Hostile values (``/``, ``..``, ``?``, ``#``, CR LF, non-ASCII) must land in the URL
exactly as the generated Python client's ``_server_url`` puts them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from go_support import ROOT, go, go_missing, workspace

sys.path.insert(0, str(ROOT / "tests"))
from hostile import harness

SPEC = """
openapi: 3.1.0
info: {title: Regions, version: "1"}
servers:
  - url: "https://{region}.example.com:{port}/{base}"
    variables:
      region: {default: us, enum: [us, eu, 'x"y'], description: "Region\\nof the API */"}
      port: {default: "443"}
      base: {default: v1}
paths:
  /ping:
    get:
      operationId: ping
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: object, properties: {ok: {type: boolean}}}}}
"""

DRIVER = """
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"

	"regions"
)

type recorder struct{ url string }

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.url = req.URL.String()
	return &http.Response{
		StatusCode: 200,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(bytes.NewReader([]byte(`{"ok":true}`))),
		Request:    req,
	}, nil
}

// Each case is a list of [name, value] pairs (name "" is WithBaseURL); the answer
// per case is the URL the call went to, or the variable New refused and why.
func main() {
	var cases [][][2]string
	if err := json.Unmarshal([]byte(os.Args[1]), &cases); err != nil {
		panic(err)
	}
	answers := []map[string]string{}
	for _, pairs := range cases {
		seen := &recorder{}
		options := []regions.Option{regions.WithHTTPClient(&http.Client{Transport: seen})}
		for _, pair := range pairs {
			if pair[0] == "" {
				options = append(options, regions.WithBaseURL(pair[1]))
			} else {
				options = append(options, regions.WithServerVariable(pair[0], pair[1]))
			}
		}
		client, err := regions.New(options...)
		var refused *regions.ArgumentError
		if errors.As(err, &refused) {
			answers = append(answers, map[string]string{"refused": refused.Parameter, "error": err.Error()})
			continue
		}
		if err != nil {
			panic(err)
		}
		if _, err := client.Default.Ping(context.Background()); err != nil {
			panic(err)
		}
		answers = append(answers, map[string]string{"url": seen.url})
	}
	out, _ := json.Marshal(answers)
	os.Stdout.Write(out)
}
"""

HOSTILE = ["/", "..", "a/../b", "?x=1#f", "v1\r\nX-Evil: 1", "é@!*()'~"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The driver program, and the folder of the same document's python-style package."""
    reason = go_missing()
    if reason is not None:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("go-servers")
    (root / "regions.yaml").write_text(SPEC, encoding="utf-8")
    for style in ("go", "python"):
        args = ["--spec", str(root / "regions.yaml"), "--name", "regions", "--out", str(root / style)]
        made = harness.generator("generate", *args, "--style", style)
        made.check_bounds()
        assert made.returncode == 0, made.stderr[-3000:]
    program = root / "driver"
    program.mkdir()
    (program / "go.mod").write_text("module driver\n\ngo 1.19\n", encoding="utf-8")
    (program / "main.go").write_text(DRIVER, encoding="utf-8")
    work = workspace([root / "go", program], root / "go.work")
    vetted = go(["go", "vet", "./..."], root / "go", work=work)
    assert vetted.returncode == 0, vetted.stderr
    binary = root / "driver.bin"
    compiled = go(["go", "build", "-o", str(binary), "."], program, work=work)
    assert compiled.returncode == 0, compiled.stderr
    return binary, root / "python"


def _answers(driver: Path, cases: list[list[tuple[str, str]]]) -> list[dict[str, str]]:
    done = harness.run_bounded([str(driver), json.dumps(cases)])
    done.check_bounds()
    assert done.returncode == 0, done.stderr[-3000:]
    answers: list[dict[str, str]] = json.loads(done.stdout)
    return answers


def _python_urls(package: Path, values: list[str]) -> list[str]:
    """What the generated Python client's ``_server_url`` builds for each value of ``base``."""
    script = (
        "import json, sys\n"
        "from regions._client import _server_url\n"
        "print(json.dumps([_server_url('us', '443', v) for v in json.loads(sys.argv[1])]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(values)], cwd=package, capture_output=True, text=True, check=True
    )
    urls: list[str] = json.loads(done.stdout)
    return urls


def test_go_server_variables_build_the_url_of_each_call(built: tuple[Path, Path]) -> None:
    driver, _ = built
    answers = _answers(
        driver, [[], [("region", "eu"), ("port", "8443")], [("", "http://127.0.0.1:9/api"), ("region", "no")]]
    )
    assert answers == [
        {"url": "https://us.example.com:443/v1/ping"},
        {"url": "https://eu.example.com:8443/v1/ping"},
        {"url": "http://127.0.0.1:9/api/ping"},  # WithBaseURL wins: the variables are not read
    ]


def test_go_a_value_outside_the_enum_or_an_unknown_variable_is_refused_by_new(built: tuple[Path, Path]) -> None:
    driver, _ = built
    answers = _answers(driver, [[("region", "EU")], [("zone", "a")], [("region", 'x"y')]])
    assert answers[0] == {
        "refused": "region",
        "error": 'invalid value for "region": must be one of "us", "eu", "x\\"y", got "EU"',
    }
    assert answers[1]["refused"] == "zone" and "is not a variable of the API's server URL" in answers[1]["error"]
    # in the enum, escaped, but no host: the URL check of New refuses it, showing what it built
    assert answers[2]["refused"] == "BaseURL" and '"https://x%22y.example.com:443/v1"' in answers[2]["error"]


@pytest.mark.parametrize("value", HOSTILE, ids=["slash", "dotdot", "traversal", "query-fragment", "crlf", "non-ascii"])
def test_go_a_hostile_value_is_escaped_as_the_python_client_escapes_it(built: tuple[Path, Path], value: str) -> None:
    driver, python_package = built
    [answer] = _answers(driver, [[("base", value)]])
    [python_url] = _python_urls(python_package, [value])
    assert answer == {"url": python_url.rstrip("/") + "/ping"}
    assert "\r" not in answer["url"] and "\n" not in answer["url"] and "?" not in answer["url"]


def test_go_readme_lists_the_server_variables_with_the_package_s_option(built: tuple[Path, Path]) -> None:
    readme = (built[0].parent / "go" / "README.md").read_text(encoding="utf-8")
    assert '\n- region: Region of the API */. One of "us", "eu", "x\\"y"; "us" by default.\n' in readme, readme
    assert 'client, err := regions.New(regions.WithServerVariable("region", "us"))' in readme
    assert "`*regions.ArgumentError` naming the variable" in readme
