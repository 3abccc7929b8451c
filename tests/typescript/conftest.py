"""Session fixtures of the TypeScript tests: the four generated packages, compiled once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from ts_support import GENERATED, PACKAGES, Compiled, compile_package, node_missing


@pytest.fixture(scope="session")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Compiled]:
    """provider -> the compiled package (tsc errors in ``output`` when ``returncode`` is not 0)."""
    reason = node_missing()
    if reason is not None:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("typescript-build")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            provider: pool.submit(compile_package, GENERATED / package, root / package)
            for provider, (package, _) in PACKAGES.items()
        }
        return {provider: future.result() for provider, future in futures.items()}
