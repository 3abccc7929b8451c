"""`python -m generator ir` as a user runs it: bad input exits 2 with located messages, good input prints the IR.

Every run is a subprocess in the repository root, so these tests see exactly
what a terminal or a CI log shows: the exit code, stdout and stderr.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diagnostics import CODES, Diagnostic, Diagnostics
from generator.ir import Origin

Cli = Callable[..., subprocess.CompletedProcess[str]]

# file#/pointer[:line]: severity[CODE]: message
MESSAGE = re.compile(
    r"^(?P<file>[^#\s]+)#(?P<pointer>(?:/[^:\s]*)*)(?::(?P<line>\d+))?: "
    r"(?P<severity>error|warning)\[(?P<code>[EW]\d{3})\]: (?P<message>\S.*)$"
)


def diagnostics_of(stderr: str) -> list[re.Match[str]]:
    """The located diagnostic lines of ``stderr``; any other line must be the closing summary."""
    found = []
    for line in stderr.splitlines():
        match = MESSAGE.match(line)
        if match:
            found.append(match)
        else:
            assert re.fullmatch(r"\d+ error\(s\); nothing was written", line), f"unexpected stderr line: {line!r}"
    return found


def assert_clean_failure(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert result.stdout == ""


# --------------------------------------------------------------------------- invalid documents


BAD_DOCUMENTS: list[tuple[str, str, bytes, str, str | None, str]] = [
    # (id, file name, content, code, pointer, words in the message)
    ("empty", "empty.yaml", b"", "E002", "", "empty"),
    ("whitespace", "blank.yaml", b"  \n\n# only a comment\n", "E002", "", "empty"),
    ("list-root", "list.yaml", b"- openapi: 3.0.3\n- paths: {}\n", "E003", "", "list"),
    ("scalar-root", "scalar.yaml", b"just text\n", "E003", "", "str"),
    (
        "invalid-yaml",
        "broken.yaml",
        b"openapi: 3.0.3\ninfo:\n  title: x\n   version: 1\npaths: {}\n",
        "E002",
        "",
        "line 4",
    ),
    ("invalid-json", "broken.json", b'{\n  "openapi": "3.0.3",\n  "info": {,}\n}\n', "E002", "", "line 3"),
    (
        "not-utf8",
        "latin1.yaml",
        b"openapi: 3.0.3\ninfo: {title: caf\xe9, version: '1'}\npaths: {}\n",
        "E002",
        "",
        "UTF-8",
    ),
    ("swagger-1.2", "old.json", b'{"swaggerVersion": "1.2", "apis": []}', "E003", "/swaggerVersion", "Swagger 1"),
    ("swagger-3", "sw3.yaml", b"swagger: '3.0'\ninfo: {title: t, version: '1'}\n", "E003", "/swagger", "Swagger 3.0"),
    (
        "openapi-4",
        "four.yaml",
        b"openapi: 4.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
        "E003",
        "/openapi",
        "4.0.0",
    ),
    (
        "openapi-number",
        "num.yaml",
        b"openapi: 3.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
        "E003",
        "/openapi",
        "string",
    ),
    ("no-version", "none.yaml", b"info: {title: t, version: '1'}\npaths: {}\n", "E003", "", "neither"),
    (
        "alias-bomb",
        "bomb.yaml",
        b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + b"".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n".encode() for p, c in zip("abcdefg", "bcdefgh", strict=True)
        ),
        "E004",
        "",
        "nodes",
    ),
    ("python-tag", "tag.yaml", b"openapi: !!python/object:os.system {}\n", "E002", "", "invalid YAML"),
]


@pytest.mark.parametrize(
    ("name", "content", "code", "pointer", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_DOCUMENTS],
)
def test_bad_document_exits_2_with_a_located_message(
    cli: Cli, tmp_path: Path, name: str, content: bytes, code: str, pointer: str, words: str
) -> None:
    (tmp_path / name).write_bytes(content)
    result = cli("ir", "--spec", str(tmp_path / name))
    assert_clean_failure(result)
    (diag,) = diagnostics_of(result.stderr)
    assert diag["file"].endswith(name)
    assert (diag["severity"], diag["code"]) == ("error", code)
    assert diag["pointer"] == pointer
    assert words in diag["message"]
    assert result.stderr.rstrip().endswith("1 error(s); nothing was written")


def test_a_problem_inside_the_document_carries_its_line(cli: Cli, tmp_path: Path) -> None:
    spec = "\n".join(
        [
            "openapi: 4.0.0",  # line 1
            "info: {title: t, version: '1'}",
            "paths: {}",
        ]
    )
    (tmp_path / "s.yaml").write_text(spec)
    (diag,) = diagnostics_of(cli("ir", "--spec", str(tmp_path / "s.yaml")).stderr)
    assert diag["line"] == "1"
    spec = (
        "openapi: 3.0.3\n"
        "info: {title: t, version: '1'}\n"
        "paths:\n"
        "  /a:\n"
        "    get:\n"
        "      responses:\n"
        "        '200':\n"
        "          description: ok\n"
        "          content:\n"
        "            application/json:\n"
        "              schema:\n"
        "                $ref: '#/components/schemas/Missing'\n"
    )
    (tmp_path / "m.yaml").write_text(spec)
    result = cli("ir", "--spec", str(tmp_path / "m.yaml"))
    assert_clean_failure(result)
    (diag,) = diagnostics_of(result.stderr)
    assert diag["code"] == "E020"
    assert diag["pointer"] == "/paths/~1a/get/responses/200/content/application~1json/schema/$ref"
    assert diag["line"] == "12"


def test_all_problems_are_reported_at_once(cli: Cli, tmp_path: Path) -> None:
    ok = {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/a": {"get": {"x-pagination": {"style": "scroll", "page-parameter": "p", "items": "i"}, "responses": ok}},
            "/b": {"get": {"responses": {**ok, "200": {**ok["200"], "x-presigned-url": {"link": "u"}}}}},
            "/c": {"get": {"responses": {"200": {"$ref": "#/components/responses/Nope"}}}},
        },
    }
    (tmp_path / "many.yaml").write_text(yaml.safe_dump(spec))
    result = cli("ir", "--spec", str(tmp_path / "many.yaml"), "--validation", "off")
    assert_clean_failure(result)
    found = diagnostics_of(result.stderr)
    assert sorted(d["code"] for d in found if d["severity"] == "error") == ["E070", "E070", "E070"]
    assert [d["code"] for d in found if d["severity"] == "warning"] == ["E010"]  # read past, as warn mode does
    assert all(d["line"] is not None for d in found)
    assert "3 error(s); nothing was written" in result.stderr


def test_missing_file_exits_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("ir", "--spec", str(tmp_path / "nope.yaml"))
    assert_clean_failure(result)
    (diag,) = diagnostics_of(result.stderr)
    assert diag["code"] == "E001" and diag["file"].endswith("nope.yaml")


def test_unknown_provider_exits_2(cli: Cli) -> None:
    result = cli("ir", "no-such-provider")
    assert_clean_failure(result)
    assert "error[E061]" in result.stderr and "topaz" in result.stderr


# --------------------------------------------------------------------------- warnings and --strict


WARNING_ONLY = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/subscribe": {
            "post": {
                "operationId": "subscribe",
                "callbacks": {
                    "done": {"{$request.body#/url}": {"post": {"responses": {"200": {"description": "ok"}}}}}
                },
                "responses": {"200": {"description": "ok"}},
            }
        }
    },
}


def test_warnings_alone_exit_0_and_print_the_ir(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "w.yaml").write_text(yaml.safe_dump(WARNING_ONLY))
    result = cli("ir", "--spec", str(tmp_path / "w.yaml"))
    assert result.returncode == 0, result.stderr
    (diag,) = diagnostics_of(result.stderr)
    assert (diag["severity"], diag["code"], diag["pointer"]) == ("warning", "W001", "/paths/~1subscribe/post/callbacks")
    assert json.loads(result.stdout)["operations"][0]["operation_id"] == "subscribe"


def test_strict_turns_warnings_into_exit_2(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "w.yaml").write_text(yaml.safe_dump(WARNING_ONLY))
    result = cli("ir", "--spec", str(tmp_path / "w.yaml"), "--strict")
    assert_clean_failure(result)
    (diag,) = diagnostics_of(result.stderr)
    assert diag["code"] == "W001"
    assert "1 error(s); nothing was written" in result.stderr


def test_validation_warn_lets_an_invalid_but_readable_document_through(cli: Cli, tmp_path: Path) -> None:
    spec = {"openapi": "3.0.3", "info": {"title": "t"}, "paths": {}}  # info.version is missing
    (tmp_path / "v.yaml").write_text(yaml.safe_dump(spec))
    strict = cli("ir", "--spec", str(tmp_path / "v.yaml"))
    assert_clean_failure(strict)
    assert "error[E020]" in strict.stderr
    lenient = cli("ir", "--spec", str(tmp_path / "v.yaml"), "--validation", "warn")
    assert lenient.returncode == 0, lenient.stderr
    assert "warning[E020]" in lenient.stderr


def test_diagnostic_format_matches_the_documented_shape() -> None:
    diag = Diagnostic(
        severity="error",
        code="E070",
        message="bad",
        origin=Origin(file="specs/getty/swagger.yaml", pointer="/paths/~1v3~1downloads/get/parameters/3"),
        line=57,
    )
    assert diag.format() == "specs/getty/swagger.yaml#/paths/~1v3~1downloads/get/parameters/3:57: error[E070]: bad"
    assert MESSAGE.match(diag.format())
    diagnostics = Diagnostics()
    diagnostics.warning("W001", "skipped")
    assert diagnostics.has_errors() is False and diagnostics.has_errors(strict=True) is True
    with pytest.raises(ValueError):
        Diagnostic(severity="error", code="E999", message="no such code")
    assert all(re.fullmatch(r"[EW]\d{3}", code) for code in CODES)


# --------------------------------------------------------------------------- the four providers


@pytest.fixture(scope="module")
def provider_ir() -> Callable[[str], dict[str, Any]]:
    cache: dict[str, dict[str, Any]] = {}

    def get(name: str) -> dict[str, Any]:
        if name not in cache:
            result = subprocess.run(
                [sys.executable, "-m", "generator", "ir", name],
                cwd=Path(__file__).resolve().parents[1],
                capture_output=True,
                text=True,
                check=False,
                timeout=300,
            )
            assert result.returncode == 0, result.stderr
            assert "Traceback" not in result.stderr
            cache[name] = json.loads(result.stdout)
        return cache[name]

    return get


def kinds(op: dict[str, Any]) -> list[str]:
    return [b["$kind"] for b in op.get("behaviours", [])]


def schemes(ir: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["name"]: s for s in ir.get("security_schemes", [])}


def requirement_names(op: dict[str, Any]) -> list[list[str]]:
    return [[name for name, _scopes in req["schemes"]] for req in op.get("security", [])]


def test_ir_topaz(provider_ir: Callable[[str], dict[str, Any]]) -> None:
    ir = provider_ir("topaz")
    ops = {op["operation_id"]: op for op in ir["operations"]}
    assert len(ops) == 2
    for op in ops.values():
        (presigned,) = op["behaviours"]
        assert presigned["$kind"] == "PresignedDownload"
        assert presigned["url_field"] == "download_url"
        assert presigned["expires_field"] == "expiry"
        assert presigned["origin"].startswith("specs/topaz/overlay.yaml#/actions/")  # the overlay declared it
        assert requirement_names(op) == [["apiKeyAuth"]]
    key = schemes(ir)["apiKeyAuth"]
    assert (key["kind"], key["location"], key["parameter_name"]) == ("apiKey", "header", "X-API-Key")


def test_ir_getty(provider_ir: Callable[[str], dict[str, Any]]) -> None:
    ir = provider_ir("getty")
    ops = {op["operation_id"]: op for op in ir["operations"]}
    assert len(ops) == 2
    assert [s["url"] for s in ir["servers"]] == ["https://api.gettyimages.com"]
    listing = next(op for op in ops.values() if op["method"] == "get")
    (page,) = listing["behaviours"]
    assert page["$kind"] == "Pagination"
    assert (page["page_parameter"], page["size_parameter"], page["items_field"]) == ("page", "page_size", "downloads")
    download = next(op for op in ops.values() if op["method"] == "post")
    redirect = next(b for b in download["behaviours"] if b["$kind"] == "RedirectDownload")
    assert (redirect["status"], redirect["trigger_parameter"], redirect["trigger_value_json"]) == (
        "303",
        "auto_download",
        "true",
    )
    assert redirect["origin"].startswith("specs/getty/overlay.yaml#/actions/")  # the overlay declared it
    assert "PresignedDownload" in kinds(download)
    by_name = schemes(ir)
    api_key = by_name["Api-Key"]
    assert (api_key["kind"], api_key["location"], api_key["parameter_name"]) == ("apiKey", "header", "Api-Key")
    bearer = [s for s in by_name.values() if s["kind"] == "oauth2"]  # a Bearer token from Getty's token endpoint
    assert len(bearer) == 1
    flows = {(f["kind"], f["token_url"]) for f in bearer[0]["flows"]}
    token_url = "https://authentication.gettyimages.com/oauth2/token"
    assert flows == {("clientCredentials", token_url), ("password", token_url)}
    for op in ops.values():
        assert requirement_names(op) == [["Api-Key", bearer[0]["name"]]]
        assert all(p["name"].lower() != "authorization" for p in op.get("parameters", []))


def test_ir_toolkit(provider_ir: Callable[[str], dict[str, Any]]) -> None:
    ir = provider_ir("toolkit")
    (op,) = ir["operations"]
    (streamed,) = op["behaviours"]
    assert streamed["$kind"] == "StreamedDownload" and streamed["status"] == "200"
    assert "image/png" in streamed["media_types"]
    ((name,),) = requirement_names(op)
    key = schemes(ir)[name]
    assert (key["kind"], key["location"]) == ("apiKey", "header")


def test_ir_scenario(provider_ir: Callable[[str], dict[str, Any]]) -> None:
    ir = provider_ir("scenario")
    ops = {op["operation_id"]: op for op in ir["operations"]}
    assert len(ops) == 3
    found = sorted(k for op in ops.values() for k in kinds(op))
    assert found == ["AsyncJob", "JobStatus", "PresignedDownload"]
    job = next(b for op in ops.values() for b in op["behaviours"] if b["$kind"] == "AsyncJob")
    assert job["poll_operation_id"] in ops
    assert "JobStatus" in kinds(ops[job["poll_operation_id"]])
    ((basic,),) = {tuple(tuple(r) for r in requirement_names(op)) for op in ops.values()}
    scheme = schemes(ir)[basic[0]]
    assert (scheme["kind"], scheme["http_scheme"]) == ("http", "basic")


def test_ir_is_deterministic_across_hash_seeds(cli: Cli) -> None:
    first = cli("ir", "getty", env={"PYTHONHASHSEED": "1"})
    second = cli("ir", "getty", env={"PYTHONHASHSEED": "2"})
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout
    assert first.stdout.startswith("{")


# ---------------------------------------------------------------- wrong types at every position


_TINY_3 = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "servers": [{"url": "https://x"}],
    "tags": [{"name": "t"}],
    "paths": {
        "/a/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {
                "operationId": "getA",
                "tags": ["t"],
                "security": [{"key": []}],
                "parameters": [
                    {"name": "q", "in": "query", "schema": {"type": "integer", "enum": [1, 2], "minimum": 0}}
                ],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/M"}}}},
                "responses": {
                    "200": {
                        "description": "ok",
                        "headers": {"X": {"schema": {"type": "string"}}},
                        "content": {"application/json": {"schema": {"type": "array", "items": {"type": "string"}}}},
                    }
                },
            },
        }
    },
    "components": {
        "schemas": {
            "M": {
                "type": "object",
                "required": ["a"],
                "properties": {
                    "a": {"type": "string", "maxLength": 3},
                    "u": {"oneOf": [{"type": "string"}, {"type": "integer"}], "discriminator": {"propertyName": "a"}},
                    "b": {"allOf": [{"$ref": "#/components/schemas/N"}]},
                },
            },
            "N": {"type": "object", "additionalProperties": {"type": "string"}},
        },
        "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "K"}},
    },
}
_TINY_2 = {
    "swagger": "2.0",
    "info": {"title": "T", "version": "1"},
    "host": "x",
    "basePath": "/v",
    "consumes": ["application/json"],
    "paths": {
        "/a/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True, "type": "string"}],
            "post": {
                "operationId": "postA",
                "security": [{"key": []}],
                "parameters": [
                    {"name": "q", "in": "query", "type": "array", "items": {"type": "integer"}},
                    {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/M"}},
                ],
                "responses": {"200": {"description": "ok", "schema": {"type": "array", "items": {"type": "file"}}}},
            },
        }
    },
    "definitions": {
        "M": {"type": "object", "required": ["a"], "discriminator": "a", "properties": {"a": {"type": "string"}}}
    },
    "securityDefinitions": {"key": {"type": "apiKey", "in": "header", "name": "K"}},
}


def _positions(value: Any, at: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [at] if at else []
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        found.extend(_positions(child, (*at, key)))
    return found


def _replaced(document: Any, at: tuple[str | int, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(document))
    parent = copy
    for part in at[:-1]:
        parent = parent[part]
    parent[at[-1]] = value
    return copy


@pytest.mark.parametrize(
    "wrong", [[], {}, 5, "yes", None, 10**400], ids=["list", "object", "number", "string", "null", "huge-number"]
)
@pytest.mark.parametrize("tiny", [_TINY_3, _TINY_2], ids=["3.0", "2.0"])
def test_a_wrong_type_anywhere_never_ends_in_an_internal_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tiny: dict[str, Any], wrong: Any
) -> None:
    from generator.cli import main

    spec = tmp_path / "spec.json"
    crashed = []
    for at in _positions(tiny):
        spec.write_text(json.dumps(_replaced(tiny, at, wrong)))
        code = main(["ir", "--spec", str(spec), "--validation", "off"])
        err = capsys.readouterr().err
        if code == 3 or "Traceback" in err:
            crashed.append(f"{'/'.join(map(str, at))}: {err.strip().splitlines()[-2:]}")
        elif code == 2:  # refused: every error located in the file
            errors = [line for line in err.splitlines() if "error[" in line]
            assert errors and all(line.startswith(f"{spec.name}#") or "/spec.json#" in line for line in errors), err
    assert crashed == []


FINDING = re.compile(r"#(?P<pointer>(?:/[^:\s]*)*)(?::\d+)?: error\[E020\]: (?P<message>.*)$")


@pytest.mark.parametrize("wrong", [[], 5, {"x": 1}], ids=["list", "number", "object"])
@pytest.mark.parametrize("tiny", [_TINY_3, _TINY_2], ids=["3.0", "2.0"])
def test_a_wrong_type_anywhere_is_a_readable_validation_finding(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tiny: dict[str, Any],
    wrong: Any,
) -> None:
    """Validated: every finding is one short line, nothing dumped, placed below the root."""
    from generator.cli import main

    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))

    spec = tmp_path / "spec.json"
    unreadable = []
    for at in _positions(tiny):
        spec.write_text(json.dumps(_replaced(tiny, at, wrong)))
        code = main(["ir", "--spec", str(spec)])
        err = capsys.readouterr().err
        findings = [m for m in map(FINDING.search, err.splitlines()) if m]
        assert code != 3 and "Traceback" not in err, err
        for found in findings:
            message = found["message"]
            if len(message) > 200 or re.search(r"[{\[]'", message) or found["pointer"] == "":
                unreadable.append(f"{'/'.join(map(str, at))}: {found.group(0)}")
    assert unreadable == []
