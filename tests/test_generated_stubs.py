"""The tests generated into each Python package: they pass, cover every operation on both clients, and can fail.

Each package's ``tests/`` runs in a subprocess with the package folder on
``PYTHONPATH``, offline (every request goes to ``httpx.MockTransport``). The
mutation tests copy a package, break one generated behaviour, and check that
the generated tests notice.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.core.style import PackageSpec
from generator.diagnostics import Diagnostics
from generator.pipeline import provider_api
from generator.providers import load_provider, provider_names
from generator.styles.python.package import build_package

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "specs"
GENERATED = ROOT / "generated" / "python"


def _methods_by_package() -> dict[str, list[tuple[str, bool]]]:
    """(method, documents an error status) for every operation of every provider's package, from its view-models."""
    result: dict[str, list[tuple[str, bool]]] = {}
    for name in provider_names(SPECS):
        diagnostics = Diagnostics()
        provider = load_provider(SPECS, name, diagnostics)
        assert provider is not None
        api = provider_api(provider, diagnostics)
        assert api is not None
        spec = PackageSpec(
            package=provider.package,
            title=provider.title,
            base_url=provider.base_url,
            env_prefix=name.upper(),
            header="",
        )
        pkg = build_package(api, spec, diagnostics)
        result[provider.package] = [
            (op.name, bool(op.errors)) for resource in pkg.resources for op in resource.operations
        ]
    return result


METHODS = _methods_by_package()
PACKAGES = sorted(METHODS)


def run_tests(package: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package / "tests"), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("name", PACKAGES)
def test_generated_tests_pass(name: str) -> None:
    result = run_tests(GENERATED / name)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout)
    assert "skipped" not in result.stdout


def collected(package: Path) -> list[str]:
    """The package's tests, as ``names_of`` gives them."""
    result = run_tests(package, "--collect-only")
    assert result.returncode == 0, result.stdout[-3000:]
    return names_of(result.stdout)


def names_of(listing: str) -> list[str]:
    """Collected tests as ``<mode>_<case>``: a table's row ``test_x[<case>-<mode>]``, else ``test_<mode>_<case>``."""
    names = []
    for line in listing.splitlines():
        test = line.partition("::")[2]
        row = re.fullmatch(r"test_\w+\[(\w+)-(sync|async)\]", test)
        if row is not None:
            names.append(f"{row[2]}_{row[1]}")
        elif test.startswith("test_"):
            names.append(test.removeprefix("test_"))
    return names


def test_rows_and_own_tests_are_named_alike() -> None:
    listing = "t.py::test_sends_request[get_sends_request-async]\nt.py::test_sync_get_saves_file\n2 tests collected\n"
    assert names_of(listing) == ["async_get_sends_request", "sync_get_saves_file"]


@pytest.mark.parametrize("name", PACKAGES)
def test_generated_tests_cover_every_operation_on_both_clients(name: str) -> None:
    names = "\n".join(collected(GENERATED / name))
    for method, documents_errors in METHODS[name]:
        for mode in ("sync", "async"):
            for kind in ("sends_request", "raises_") if documents_errors else ("sends_request",):
                assert re.search(rf"^{mode}_{method}_\w*{kind}", names, re.MULTILINE), (method, mode, kind)


MUTATIONS = [
    pytest.param(
        "topaz_images",
        "topaz_images/resources/download.py",
        '"/download/{process_id}",',
        '"/download/{process_id}/",',
        "get_download_output",
        "test_sends_request[get_download_output_sends_request-sync]",
        id="path-template",
    ),
    pytest.param(
        "topaz_images",
        "topaz_images/resources/download.py",
        '_rt.check_uuid("process_id", process_id)',
        "pass",
        "get_download_input",
        "test_refuses_argument[get_download_input_refuses_process_id_not_uuid-async]",
        id="dropped-check",
    ),
    pytest.param(
        "scenario_assets",
        "scenario_assets/_client.py",
        "_rt.BasicAuth(api_key, api_secret)",
        "_rt.BasicAuth(api_secret, api_key)",
        "get_batch_download_status",
        "test_sends_request[get_batch_download_status_sends_request-sync]",
        id="credentials",
    ),
    pytest.param(
        "toolkit_images",
        "toolkit_images/_runtime/_client.py",
        "follow_redirects=follow_redirects and not security,\n            read_body=False,",
        "follow_redirects=follow_redirects and not security,\n            read_body=True,",
        "download_image",
        "test_decodes_response[download_image_streams_body-async]",
        id="stream-read-whole",
    ),
]


@pytest.mark.parametrize(("name", "module", "old", "new", "selected", "expected_failure"), MUTATIONS)
def test_generated_tests_fail_when_the_client_is_broken(
    tmp_path: Path, name: str, module: str, old: str, new: str, selected: str, expected_failure: str
) -> None:
    package = tmp_path / name
    shutil.copytree(GENERATED / name, package, ignore=shutil.ignore_patterns("__pycache__"))
    target = package / module
    source = target.read_text("utf-8")
    assert old in source, f"the mutation no longer applies to {module}"
    target.write_text(source.replace(old, new), "utf-8")
    result = run_tests(package, "-k", selected)
    assert result.returncode == 1, result.stdout[-3000:]
    assert expected_failure in result.stdout, result.stdout[-3000:]
