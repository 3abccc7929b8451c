"""Naming a client's credential arguments and environment variables stays linear in the number of schemes.

Every bearer scheme's credential is called ``access_token`` before it is made unique: naming them one at a
time tried ``access_token``, ``access_token_2``, ... again for each (5,000 bearer schemes took over a minute).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from generator.core.package import package_skeleton
from generator.core.style import PackageSpec
from generator.diagnostics import Diagnostics
from generator.ir import Api
from generator.pipeline import build_api

SPEC = PackageSpec(package="many", title=None, base_url=None, env_prefix="MANY", header="generated")


def _api(tmp_path: Path, count: int) -> Api:
    """One operation whose requirement names ``count`` bearer schemes, each writing the Authorization header."""
    schemes = {f"s{i}": {"type": "http", "scheme": "bearer"} for i in range(count)}
    operation = {
        "operationId": "call",
        "security": [{name: [] for name in schemes}],
        "responses": {"204": {"description": "done"}},
    }
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Many", "version": "1"},
        "servers": [{"url": "https://api.example.test"}],
        "paths": {"/a": {"get": operation}},
        "components": {"securitySchemes": schemes},
    }
    path = tmp_path / f"many-{count}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    diagnostics = Diagnostics()
    api = build_api([path], diagnostics=diagnostics)
    assert api is not None, [str(d) for d in diagnostics][:3]
    return api


def _seconds(api: Api) -> float:
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        skeleton = package_skeleton(
            api, SPEC, Diagnostics(), case=lambda name, fallback: name, client_args=(), otherwise="."
        )
        runs.append(time.perf_counter() - start)
    args = [arg for credential in skeleton.credentials for arg in credential.args]
    assert len({arg.name for arg in args}) == len({arg.env for arg in args}) == len(api.security_schemes)
    return min(runs)  # the least disturbed by other work on the machine


def test_credential_names_of_many_bearer_schemes_take_linear_time(tmp_path: Path) -> None:
    small, large = _api(tmp_path, 500), _api(tmp_path, 4000)  # eight times the schemes
    ratio = _seconds(large) / _seconds(small)
    assert ratio < 24, ratio  # linear: about 8; one name at a time: about 64
