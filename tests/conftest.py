"""Fixtures for the loader, pass, CLI and corpus tests.

Tests write their specs into ``tmp_path`` (as YAML, JSON, raw text or bytes) and
load them with the ``load_spec`` fixture; ``cli`` runs ``python -m generator`` in
the repository root exactly as a user would. Helpers are fixtures rather than
imports so this file never competes with ``tests/runtime/conftest.py`` for the
module name ``conftest``.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.ir import Api
from generator.loaders import Validation, load_api
from generator.loaders.validate import use_jsonschema_in_validator
from generator.pipeline import build_api

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "large_corpus: multi-megabyte corpus documents (exclude with -m 'not large_corpus')"
    )
    # As the generator does before it validates: openapi-spec-validator's meta-schema validators are
    # built once, on first use, with jsonschema-rs when it is installed; a test that calls the validator
    # directly first would otherwise leave later tests with findings worded by the other engine.
    use_jsonschema_in_validator()
    # A suite started with Ctrl-C ignored (``nohup make test``, ``&`` in a script) still tests how programs
    # take Ctrl-C: the processes it starts (pytest-xdist's workers too) begin with the system's default.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own, which makes an unset --dist "load"
def pytest_cmdline_main(config: pytest.Config) -> None:
    """``pytest -n N`` (``make test`` runs ``-n 2``) distributes by the units of work below, in the order given.

    Unless ``--dist`` says otherwise.
    """
    if getattr(config.option, "numprocesses", None) and config.option.dist == "no":
        config.option.dist = "loadfile"
        config.option.loadscopereorder = False


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: without the plugin (``TEST_WORKERS=0``), never called
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadfile`` by our units of work: a test module, or a large corpus document of the Python style.

    A module is one unit so that its module fixtures are computed once, by one worker; Stripe and Kubernetes
    are a unit each, generated in the foreground by whichever worker takes them (see ``test_corpus_python.py``).
    """
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Units(LoadFileScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return unit_of_work(nodeid)

    return Units(config, log)


def distributed(config: pytest.Config) -> bool:
    """Whether this process is one of pytest-xdist's workers (``make test`` runs ``pytest -n 2``)."""
    return hasattr(config, "workerinput")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Alone: large corpus documents go last (they are generated in the background meanwhile, see below).

    In a worker of ``pytest -n N``: the units of work that take longest go first (``SLOW_FIRST``; the units are
    handed out in this order), so that no worker is left with one of them at the end.
    """
    if not distributed(config):
        items.sort(key=lambda item: item.get_closest_marker("large_corpus") is not None)
        return
    items.sort(key=lambda item: slow_rank(unit_of_work(item.nodeid)))


SLOW_FIRST = (
    "tests/test_corpus_python.py::",  # each large document alone
    "tests/test_corpus_python.py",
    "tests/test_sweep_sample.py",
)
"""Units of work that take a minute or more (the first entry matched by prefix), in the order they start."""

LARGE_PYTHON_CORPUS = "tests/test_corpus_python.py::test_corpus_document_generates["


def unit_of_work(nodeid: str) -> str:
    if nodeid.startswith(LARGE_PYTHON_CORPUS) and nodeid[len(LARGE_PYTHON_CORPUS) : -1] in large_corpus_files():
        return nodeid
    return nodeid.split("::", 1)[0]


@functools.cache
def large_corpus_files() -> frozenset[str]:
    from corpus_report import MANIFEST, entries

    return frozenset(e.file for e in entries() if e.large) if MANIFEST.is_file() else frozenset()


def slow_rank(unit: str) -> int:
    return next((rank for rank, prefix in enumerate(SLOW_FIRST) if unit.startswith(prefix)), len(SLOW_FIRST))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start generating the selected large corpus documents on one core while the other tests run (alone only)."""
    module = sys.modules.get("test_corpus_python")
    if module is None or session.config.option.collectonly or distributed(session.config):
        return
    large = module.large_entries(session.items)
    if large:
        scratch = Path(tempfile.mkdtemp(prefix="corpus-python-large-"))
        LARGE_SCRATCH.append(scratch)
        module.LARGE_RESULTS.append(module.start_large(scratch, large))


def pytest_sessionfinish(session: pytest.Session) -> None:
    module = sys.modules.get("test_corpus_python")
    for future in getattr(module, "LARGE_RESULTS", []):
        future.exception()  # the work is under way either way: let it end before its folder goes
    for scratch in LARGE_SCRATCH:
        shutil.rmtree(scratch, ignore_errors=True)


LARGE_SCRATCH: list[Path] = []


def write_file(path: Path, data: Any) -> Path:
    """Write ``data``: bytes and str as they are, otherwise JSON for ``.json`` and YAML for anything else."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    elif isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    elif path.suffix == ".json":
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


class LoadSpec(Protocol):
    def __call__(
        self,
        spec: Any,
        *,
        name: str = ...,
        extra: dict[str, Any] | None = ...,
        validation: Validation = ...,
        passes: bool = ...,
    ) -> tuple[Api | None, Diagnostics]: ...


@pytest.fixture
def load_spec(tmp_path: Path) -> LoadSpec:
    """Write ``spec`` as ``tmp_path/name`` (plus ``extra`` files by relative path) and load it.

    With ``passes`` (the default) this is ``build_api``, so behaviours found by
    the passes are present; without, it is the loader alone. Validation is off
    unless a test asks for it, so tests can describe broken documents.
    """

    def load(
        spec: Any,
        *,
        name: str = "spec.yaml",
        extra: dict[str, Any] | None = None,
        validation: Validation = "off",
        passes: bool = True,
    ) -> tuple[Api | None, Diagnostics]:
        for rel, data in (extra or {}).items():
            write_file(tmp_path / rel, data)
        path = write_file(tmp_path / name, spec)
        diagnostics = Diagnostics()
        run: Callable[..., Api | None] = build_api if passes else load_api
        return run([path], diagnostics=diagnostics, validation=validation), diagnostics

    return load


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m generator ARGS`` with cwd at the repository root; ``env`` adds variables."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {})},
            timeout=timeout,
            check=False,
        )

    return run


@pytest.fixture
def count_calls(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Counter[str]]:
    """``count_calls(module, *names)``: each named function of ``module`` replaced, for the test, by one that counts
    its calls by name into the test's one ``Counter``, which it returns."""
    calls: Counter[str] = Counter()

    def counting(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return function(*args, **kwargs)

        return call

    def count(module: object, *names: str) -> Counter[str]:
        for name in names:
            monkeypatch.setattr(module, name, counting(name, getattr(module, name)))
        return calls

    return count


@pytest.fixture
def selfcheck_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the Python style's self-check hands to ``compile`` during the test, in order."""
    from generator.styles.python import selfcheck

    compiled: list[str] = []
    real = compile

    def recorded(source: str, *args: Any, **kwargs: Any) -> Any:
        compiled.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(selfcheck, "compile", recorded, raising=False)
    return compiled
