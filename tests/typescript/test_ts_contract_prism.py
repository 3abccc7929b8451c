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

from generator.ir import Api

sys.path.insert(0, str(ROOT / "tests" / "contract"))
from prism_support import PrismServer, api_of, exported_prisms, json_operations, prism_missing

pytestmark = pytest.mark.skipif(
    (node_missing() or prism_missing()) is not None, reason=node_missing() or prism_missing() or ""
)


@pytest.fixture(scope="module")
def apis() -> dict[str, Api]:
    return {provider: api_of(provider) for provider in PACKAGES}


@pytest.fixture(scope="module")
def prism(apis: dict[str, Api], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, PrismServer]]:
    with exported_prisms(apis, tmp_path_factory.mktemp("ts-prism")) as servers:
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
