"""Loads ``templates/python/runtime`` as the package ``imgrt_runtime``, as generation would copy it, and serves HTTP.

Test modules then simply ``import imgrt_runtime``. The server fixtures are
real HTTP/1.1 servers on 127.0.0.1, one pair per test module; routes and the
record of requests are reset before each test.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from runtime_helpers import LocalServer

RUNTIME_DIR = Path(__file__).resolve().parents[2] / "templates" / "python" / "runtime"
PACKAGE = "imgrt_runtime"


def _load_runtime() -> None:
    if PACKAGE in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(
        PACKAGE, RUNTIME_DIR / "__init__.py", submodule_search_locations=[str(RUNTIME_DIR)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[PACKAGE] = module
    spec.loader.exec_module(module)


_load_runtime()


@pytest.fixture(scope="module")
def _api_server() -> Iterator[LocalServer]:
    with LocalServer() as server:
        yield server


@pytest.fixture(scope="module")
def _storage_server() -> Iterator[LocalServer]:
    with LocalServer(refuse_credentials=True) as server:
        yield server


@pytest.fixture
def api_server(_api_server: LocalServer) -> LocalServer:
    """The API's server: routes registered by the test."""
    _api_server.reset()
    return _api_server


@pytest.fixture
def storage_server(_storage_server: LocalServer) -> LocalServer:
    """A second server (another port) like a storage host: 403 to any request carrying credentials."""
    _storage_server.reset()
    return _storage_server
