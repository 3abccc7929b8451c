"""The generated Go client against a hostile server and hostile arguments, each case a bounded child.

The Go twin of ``test_hostile_clients.py``: the same small API (plus a download that
answers 303 with a Location) is generated in the go style once per module, a driver
module uses it through a ``go.work`` and is built once, and each case runs that binary
in a child process (``run_bounded``: under 60 s and 2 GiB) against the same loopback
routes. The driver prints one JSON line: the typed errors the error matches (the
package's exported aliases, with ``errors.As``), the message, the argument named, the
time taken and what is left in the download folder.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hostile.harness import ROOT, Outcome, generator, run_bounded
from hostile.test_hostile_clients import DEEP, NAMES, SPEC, routes

sys.path.insert(0, str(ROOT / "tests" / "flows"))
sys.path.insert(0, str(ROOT / "tests" / "go"))
from flow_support import FlowServer, Reply, json_reply
from go_support import go, go_missing, workspace

REDIRECTS = """\
  /downloads/{name}:
    post:
      operationId: startDownload
      tags: [items]
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: auto_download, in: query, schema: {type: boolean}}
      responses:
        "303":
          description: the file is elsewhere
          headers:
            Location: {schema: {type: string, format: uri}}
          x-redirect-trigger: {parameter: auto_download, value: true}
"""

DRIVER = r"""
package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	hostileapi "hostile_api"
)

func is[T error](err error) bool {
	var target T
	return errors.As(err, &target)
}

func main() {
	name, url, folder := os.Args[1], os.Args[2], os.Args[3]
	arg := map[string]any{}
	if len(os.Args) > 4 {
		if err := json.Unmarshal([]byte(os.Args[4]), &arg); err != nil {
			panic(err)
		}
	}
	text := func(key, fallback string) string {
		if value, ok := arg[key].(string); ok {
			return value
		}
		return fallback
	}
	options := []hostileapi.Option{hostileapi.WithBaseURL(url), hostileapi.WithTimeout(10 * time.Second)}
	retry := hostileapi.DefaultRetryPolicy()
	retry.MaxRetries = 1
	retry.MaxElapsed = 30 * time.Second
	if delay, ok := arg["max_delay"].(float64); ok {
		retry.MaxDelay = time.Duration(delay * float64(time.Second))
	}
	options = append(options, hostileapi.WithRetryPolicy(retry))
	if limit, ok := arg["cap"].(float64); ok {
		options = append(options, hostileapi.WithMaxBodySize(int64(limit)))
	}
	if stall, ok := arg["stall"].(float64); ok {
		options = append(options, hostileapi.WithStallTimeout(time.Duration(stall*float64(time.Second))))
	}
	overwrite := hostileapi.SaveOptions{Overwrite: true}
	value := map[string]any{}
	started := time.Now()
	client, err := hostileapi.New(options...)
	if err == nil {
		ctx := context.Background()
		switch name {
		case "item":
			params := &hostileapi.GetItemParams{}
			if q, ok := arg["q"].(string); ok {
				params.Q = &q
			}
			if trace, ok := arg["trace"].(string); ok {
				params.XTrace = &trace
			}
			var item *hostileapi.GetItemResponse
			id := text("id", "1")
			if raw, ok := arg["id_hex"].(string); ok {
				decoded, _ := hex.DecodeString(raw) // bytes no JSON string holds: not UTF-8
				id = string(decoded)
			}
			item, err = client.Items.GetItem(ctx, id, params)
			if err == nil {
				value["ok"] = item.Name
			}
		case "save":
			var saved string
			saved, err = client.Items.GetFileToFile(ctx, text("name", ""), folder, overwrite)
			value["ok"] = saved
		case "redirect":
			var saved string
			saved, err = client.Items.StartDownloadToFile(ctx, text("name", ""), folder, overwrite, nil)
			value["ok"] = saved
		default:
			err = fmt.Errorf("unknown case %s", name)
		}
	}
	value["seconds"] = time.Since(started).Seconds()
	if err != nil {
		delete(value, "ok")
		value["message"] = err.Error()
		kinds := []string{}
		for kind, match := range map[string]func(error) bool{
			"APIError":              is[*hostileapi.APIError],
			"RateLimitError":        is[*hostileapi.RateLimitError],
			"DecodeError":           is[*hostileapi.DecodeError],
			"ResponseTooLargeError": is[*hostileapi.ResponseTooLargeError],
			"ArgumentError":         is[*hostileapi.ArgumentError],
			"DownloadError":         is[*hostileapi.DownloadError],
			"ConnectionError":       is[*hostileapi.ConnectionError],
		} {
			if match(err) {
				kinds = append(kinds, kind)
			}
		}
		sort.Strings(kinds)
		value["errors"] = kinds
		var argument *hostileapi.ArgumentError
		if errors.As(err, &argument) {
			value["parameter"] = argument.Parameter
		}
	}
	left := []string{}
	if entries, err := os.ReadDir(folder); err == nil {
		for _, entry := range entries {
			left = append(left, entry.Name())
		}
	}
	value["left"] = left
	out, _ := json.Marshal(value)
	fmt.Println(string(out))
}
"""

pytestmark = pytest.mark.skipif(go_missing() is not None, reason=go_missing() or "")


@dataclass
class GoClient:
    binary: Path
    server: FlowServer
    storage: FlowServer

    def run(self, case: str, folder: Path, arg: dict[str, Any], env: dict[str, str] | None = None) -> dict[str, Any]:
        outcome = run_bounded(
            [str(self.binary), case, self.server.url, str(folder), json.dumps(arg)],
            env={"HOSTILE_API_API_KEY": "k", **(env or {})},
        )
        return _result(outcome)


def _result(outcome: Outcome) -> dict[str, Any]:
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    result: dict[str, Any] = json.loads(outcome.stdout.strip().splitlines()[-1])
    return result


def redirect_routes(server: FlowServer, storage: FlowServer) -> None:
    """303s: to the storage host (which refuses credentials), endlessly to itself, and an API call answered 307."""
    server.route("POST", "/downloads/stored", Reply(303, {"Location": f"{storage.url}/stored/file.png?sig=1"}))
    storage.route("GET", "/stored/file.png", Reply(200, {"Content-Type": "image/png"}, b"\x89PNG stored"))
    server.route("POST", "/downloads/loop", Reply(303, {"Location": f"{storage.url}/loop"}))
    storage.route("GET", "/loop", Reply(302, {"Location": f"{storage.url}/loop"}))
    server.route("GET", "/items/moved", Reply(307, {"Location": f"{storage.url}/stolen"}))
    storage.route("GET", "/stolen", json_reply({"name": "stolen"}))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GoClient]:
    root = tmp_path_factory.mktemp("hostile-go-clients")
    (root / "openapi.yaml").write_text(SPEC + REDIRECTS, encoding="utf-8")
    package = root / "hostile_api"
    made = generator(
        "generate",
        "--spec",
        str(root / "openapi.yaml"),
        "--name",
        "hostile_api",
        "--out",
        str(package),
        "--style",
        "go",
    )
    assert made.returncode == 0, made.stderr
    driver = root / "driver"
    driver.mkdir()
    (driver / "go.mod").write_text("module driver\n\ngo 1.19\n", encoding="utf-8")
    (driver / "main.go").write_text(DRIVER, encoding="utf-8")
    binary = root / "driver.bin"
    built = go(["go", "build", "-o", str(binary), "."], driver, work=workspace([package, driver], root / "go.work"))
    assert built.returncode == 0, built.stderr
    stop = threading.Event()
    with FlowServer() as server, FlowServer(refuse_credentials=True) as storage:
        routes(server, stop)
        redirect_routes(server, storage)
        yield GoClient(binary, server, storage)
        stop.set()


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "go"
    folder.mkdir()
    return folder


def test_json_nested_100000_deep_is_a_decode_error(client: GoClient, tmp_path: Path) -> None:
    assert len(DEEP) == 200_000
    result = client.run("item", _folder(tmp_path), {"id": "deep"})
    assert "DecodeError" in result["errors"], result
    assert "nested deeper than 256 levels" in result["message"]


def test_a_declared_body_past_64_mib_is_refused_before_reading(client: GoClient, tmp_path: Path) -> None:
    result = client.run("item", _folder(tmp_path), {"id": "declared"})
    assert "ResponseTooLargeError" in result["errors"], result
    assert str(70 * 1024 * 1024) in result["message"] and str(64 * 1024 * 1024) in result["message"]


def test_a_body_without_length_stops_at_the_configured_cap(client: GoClient, tmp_path: Path) -> None:
    outcome = run_bounded(
        [
            str(client.binary),
            "item",
            client.server.url,
            str(_folder(tmp_path)),
            json.dumps({"id": "endless", "cap": 100_000}),
        ],
        env={"HOSTILE_API_API_KEY": "k"},
    )
    result = _result(outcome)
    assert "ResponseTooLargeError" in result["errors"], result
    assert "100000" in result["message"]
    assert outcome.peak_rss < 512 * 1024**2


def test_retry_after_1e9_gives_up_with_the_rate_limit_error_at_once(client: GoClient, tmp_path: Path) -> None:
    before = len(client.server.seen("/items/huge-retry-after"))
    result = client.run("item", _folder(tmp_path), {"id": "huge-retry-after"})
    assert "RateLimitError" in result["errors"], result
    assert len(client.server.seen("/items/huge-retry-after")) - before == 1
    assert result["seconds"] < 5


def test_an_unreadable_retry_after_waits_the_longest_backoff(client: GoClient, tmp_path: Path) -> None:
    # The route answers 429 "soon" once per style name it was registered for; "python" is the one Go takes over.
    result = client.run("item", _folder(tmp_path), {"id": "garbage-retry-after-python", "max_delay": 1.0})
    assert result.get("ok") == "ok", result
    assert result["seconds"] >= 0.9, result


@pytest.mark.parametrize(
    ("arg", "label", "problem"),
    [
        ({"trace": "a\r\nX-Injected: 1"}, "X-Trace", "control character U+000D"),
        ({"trace": "caf\u00e9"}, "X-Trace", "U+00E9; a header value must be ASCII"),
        ({"id_hex": "61ff62"}, "item_id", "the byte 0xFF, which is not UTF-8 text"),
    ],
    ids=["header-crlf", "header-non-ascii", "path-not-utf8"],
)
def test_unsendable_arguments_are_refused_before_sending(
    client: GoClient, tmp_path: Path, arg: dict[str, str], label: str, problem: str
) -> None:
    before = len(client.server.requests)
    result = client.run("item", _folder(tmp_path), arg)
    assert ("ArgumentError" in result["errors"], result.get("parameter")) == (True, label), result
    assert problem in result["message"], result
    assert len(client.server.requests) == before


def test_a_credential_from_the_environment_with_crlf_is_refused(client: GoClient, tmp_path: Path) -> None:
    before = len(client.server.requests)
    result = client.run("item", _folder(tmp_path), {}, env={"HOSTILE_API_API_KEY": "secret\r\nX-Injected: 1"})
    assert "ArgumentError" in result["errors"] and result.get("parameter") == "X-API-Key", result
    assert "secret" not in result["message"]
    assert len(client.server.requests) == before


def test_a_server_chosen_name_that_is_a_folder_is_never_replaced(client: GoClient, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "photos").mkdir()
    (folder / "photos" / "keep.txt").write_text("mine")
    result = client.run("save", folder, {"name": "folder"})
    assert "DownloadError" in result["errors"], result
    assert result["left"] == ["photos"]
    assert (folder / "photos" / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("key", sorted(NAMES))
def test_server_chosen_names_stay_in_the_target_folder(client: GoClient, tmp_path: Path, key: str) -> None:
    folder = _folder(tmp_path)
    result = client.run("save", folder, {"name": f"named-{key}"})
    assert "ok" in result, result
    assert Path(result["ok"]).parent == folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["go"]


def test_a_stalled_body_is_cut_at_the_stall_timeout_leaving_nothing(client: GoClient, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = client.run("save", folder, {"name": "stall", "stall": 0.5})
    assert "ConnectionError" in result["errors"] or "DownloadError" in result["errors"], result
    assert result["left"] == []
    assert result["seconds"] < 5, result


def test_a_303_to_the_storage_host_is_fetched_without_credentials(client: GoClient, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = client.run("redirect", folder, {"name": "stored"})
    assert "errors" not in result, result
    assert Path(result["ok"]).read_bytes() == b"\x89PNG stored"
    [fetch] = client.storage.seen("/stored/file.png")
    assert not {"x-api-key", "authorization", "cookie"} & fetch.headers.keys()


def test_endless_redirects_stop_after_ten_leaving_no_file(client: GoClient, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    before = len(client.storage.seen("/loop"))
    result = client.run("redirect", folder, {"name": "loop"})
    assert result.get("errors"), result
    assert "redirects" in result["message"], result
    assert result["left"] == []
    assert len(client.storage.seen("/loop")) - before == 10  # one chain of ten, not retried


def test_an_api_call_redirected_to_another_host_is_not_followed_with_credentials(
    client: GoClient, tmp_path: Path
) -> None:
    before = len(client.storage.seen("/stolen"))
    result = client.run("item", _folder(tmp_path), {"id": "moved"})
    assert "APIError" in result["errors"], result
    assert "307" in result["message"] and " k" not in result["message"]
    assert len(client.storage.seen("/stolen")) == before
