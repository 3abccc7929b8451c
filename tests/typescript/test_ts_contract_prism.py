"""Contract tests: every JSON operation of every TypeScript client against Prism mocking its exported spec.

Prism validates each request (parameters, bodies, credentials) and answers an invalid
one with an error, so a call that succeeds sent what the spec asks for, and its answer,
made by Prism from the spec, passed the client's decoding. The calls run in one Node
process (``node/contract.mjs``); this module starts Prism, hands over the URLs, and
checks that every JSON operation was covered and passed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import pytest
from ts_support import NODE_SCRIPTS, PACKAGES, ROOT, Compiled, node, node_missing

from generator.diagnostics import Diagnostics
from generator.export import export_json
from generator.ir import Api
from generator.passes.behaviours import is_binary
from generator.pipeline import provider_api
from generator.providers import load_provider

sys.path.insert(0, str(ROOT / "tests" / "contract"))
from prism_support import PrismServer, prism_missing, prism_servers

pytestmark = pytest.mark.skipif(
    (node_missing() or prism_missing()) is not None, reason=node_missing() or prism_missing() or ""
)


def api_of(provider: str) -> Api:
    diagnostics = Diagnostics()
    loaded = load_provider(ROOT / "specs", provider, diagnostics)
    api = provider_api(loaded, diagnostics) if loaded else None
    assert api is not None, [d.format() for d in diagnostics]
    return api


def json_operations(api: Api) -> set[str]:
    """Operations with a JSON success response and no binary one: what the contract calls must cover."""
    found = set()
    for op in api.operations:
        contents = [c for r in op.responses if r.is_success for c in r.contents]
        if any(c.is_json for c in contents) and not any(is_binary(c) for c in contents):
            found.add(op.operation_id)
    return found


@pytest.fixture(scope="module")
def apis() -> dict[str, Api]:
    return {provider: api_of(provider) for provider in PACKAGES}


@pytest.fixture(scope="module")
def prism(apis: dict[str, Api], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, PrismServer]]:
    folder = tmp_path_factory.mktemp("ts-prism")
    specs = {}
    for provider, api in apis.items():
        specs[provider] = folder / f"{provider}.openapi.json"
        specs[provider].write_text(export_json(api), encoding="utf-8")
    with prism_servers(specs, folder) as servers:
        yield servers


@pytest.fixture(scope="module")
def results(compiled: dict[str, Compiled], prism: dict[str, PrismServer]) -> list[dict[str, object]]:
    for package in compiled.values():
        assert package.returncode == 0, package.output
    env = {
        "TS_PACKAGES": json.dumps({p: str(c.index) for p, c in compiled.items()}),
        "PRISM_URLS": json.dumps({p: s.url for p, s in prism.items()}),
    }
    run = node([str(NODE_SCRIPTS / "contract.mjs")], env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    found: list[dict[str, object]] = report["results"]
    return found


@pytest.mark.parametrize("provider", PACKAGES)
def test_every_json_operation_is_called(provider: str, apis: dict[str, Api], results: list[dict[str, object]]) -> None:
    covered = {r["operationId"] for r in results if r["provider"] == provider}
    assert covered == json_operations(apis[provider])


@pytest.mark.parametrize("provider", PACKAGES)
def test_calls_pass_prism_validation(
    provider: str, results: list[dict[str, object]], prism: dict[str, PrismServer]
) -> None:
    mine = [r for r in results if r["provider"] == provider]
    failed = [r for r in mine if not r["ok"]]
    assert not failed, json.dumps(failed, indent=2) + "\n" + prism[provider].log_tail()
