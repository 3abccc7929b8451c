"""Two local servers for the download flows: ``api`` (the provider's API) and ``files`` (a storage host).

Both live for the whole module and are reset before each test. ``files`` is on
another port and answers 403 to any request that carries an API key header,
an Authorization header or a cookie, so a client that forwarded credentials to
it fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flow_support import FlowServer


@pytest.fixture(scope="module")
def _api_server() -> Iterator[FlowServer]:
    with FlowServer() as server:
        yield server


@pytest.fixture(scope="module")
def _files_server() -> Iterator[FlowServer]:
    with FlowServer(refuse_credentials=True) as server:
        yield server


@pytest.fixture
def api(_api_server: FlowServer) -> FlowServer:
    _api_server.reset()
    return _api_server


@pytest.fixture
def files(_files_server: FlowServer) -> FlowServer:
    _files_server.reset()
    return _files_server


@pytest.fixture(scope="session")
def go_driver(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Go flow driver (``go_flow_support.build_driver``), built once per session."""
    from go_flow_support import build_driver

    return build_driver(tmp_path_factory.mktemp("go-flows"))
