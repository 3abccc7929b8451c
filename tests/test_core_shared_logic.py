"""Decisions every style's clients and tests share, made once in the core.

The Go and TypeScript test suites expect the same success status, the same typed
errors and the same scalars on the wire; reading a provider's YAML files reports
an unreadable one the same way wherever it is read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.core.operations import (
    method_parameters,
    pinned_trigger,
    raised_errors,
    sorted_parameters,
    success_status,
)
from generator.core.query import json_scalar_text
from generator.diagnostics import Diagnostics
from generator.ir import Operation
from generator.pipeline import build_api
from generator.sources import read_reported
from generator.spec_files import SpecFiles


def _operation(tmp_path: Path, responses: dict[str, Any]) -> Operation:
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.example.test"}],
        "paths": {"/things": {"get": {"operationId": "getThings", "responses": responses}}},
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), "utf-8")
    diagnostics = Diagnostics()
    api = build_api([path], diagnostics=diagnostics)
    assert api is not None, [d.format() for d in diagnostics]
    return api.operations[0]


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [(["201", "404"], 201), (["2XX"], 200), (["default"], 200), (["404"], 200), (["204", "200"], 200)],
)
def test_success_status_is_the_lowest_numbered_success_else_200(
    tmp_path: Path, statuses: list[str], expected: int
) -> None:
    op = _operation(tmp_path, {s: {"description": s} for s in statuses})
    assert success_status(op) == expected


def test_raised_errors_are_the_documented_statuses_from_400_with_their_class(tmp_path: Path) -> None:
    statuses = ["200", "303", "404", "418", "429", "503", "4XX", "default"]
    op = _operation(tmp_path, {s: {"description": s} for s in statuses})
    found = [(response.status, cls) for response, cls in raised_errors(op)]
    assert found == [("404", "NotFoundError"), ("429", "RateLimitError"), ("503", "InternalServerError")]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (False, "false"),
        (None, "null"),
        (2.0, "2"),
        (2.5, "2.5"),
        (7, "7"),
        (2.0**60, "1.152921504606847e+18"),
        ("a b", "a b"),
    ],
)
def test_json_scalar_text_writes_numbers_as_json_does(value: Any, text: str) -> None:
    assert json_scalar_text(value) == text


def test_read_reported_gives_none_and_one_error_at_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("key: [unclosed\n", "utf-8")
    diagnostics = Diagnostics()
    assert read_reported(path, "broken.yaml", diagnostics) is None
    assert len(diagnostics.errors) == 1
    assert diagnostics.errors[0].origin is not None and diagnostics.errors[0].origin.file == "broken.yaml"


def test_read_reported_gives_the_document_when_it_reads(tmp_path: Path) -> None:
    path = tmp_path / "fine.yaml"
    path.write_text("key: 1\n", "utf-8")
    diagnostics = Diagnostics()
    document = read_reported(path, "fine.yaml", diagnostics)
    assert document is not None and document.data == {"key": 1}
    assert not diagnostics.errors


def _provider_api(provider: str) -> Any:
    import yaml

    specs = Path(__file__).resolve().parent.parent / "specs" / provider
    config = yaml.safe_load((specs / "provider.yaml").read_text("utf-8"))
    documents = [specs / doc for doc in config["documents"]]
    repairs = [specs / doc for doc in config.get("repairs", [])]
    overlays = [specs / doc for doc in config.get("overlays", [])]
    api = build_api(SpecFiles.of(documents, repairs, overlays), diagnostics=Diagnostics())
    assert api is not None
    return api


def test_method_parameters_leave_the_pinned_trigger_out_and_say_what_it_sends() -> None:
    api = _provider_api("getty")
    pinned = [(op, method_parameters(op)) for op in api.operations if pinned_trigger(op) is not None]
    assert pinned, "getty's redirecting download pins its trigger"
    for op, (path, others, trigger) in pinned:
        name, value = pinned_trigger(op) or ("", False)
        assert trigger is not None and (trigger[0].name, trigger[1]) == (name, value)
        assert all(p.location == "path" for p in path)
        assert name not in {p.name for p in others}
        assert len(path) + len(others) + 1 == len(sorted_parameters(op))


def test_a_path_template_s_own_characters_a_url_cannot_hold_are_expected_percent_encoded() -> None:
    """loket.nl writes a path ending in ``dossier"``: httpx sends ``%22``, which Python's tests read as sent;
    placeholders, sub-delimiters and escapes already written stay as they are."""
    from generator.core.test_exchange import literal_path

    assert literal_path('/employees/{id}/dossier"') == "/employees/{id}/dossier%22"
    assert literal_path("/a b/<x>/`q`/é") == "/a%20b/%3Cx%3E/%60q%60/%C3%A9"
    assert literal_path("/v1/{name}:cancel;x=1,2/%7E@!$&'()*+") == "/v1/{name}:cancel;x=1,2/%7E@!$&'()*+"
