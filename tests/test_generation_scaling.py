"""Generation time stays linear in the number of operations.

A per-operation step must not cost time linear in the whole API: no cache keyed by the
hash of the frozen ``Api`` (hashing walks every operation), no linear lookup repeated
for each operation.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from unittest import mock

import pytest

from generator.core import naming
from generator.core.identity import KEPT, by_identity
from generator.core.operations import HelperKind
from generator.core.style import PackageSpec
from generator.diagnostics import Diagnostics
from generator.ir import Api, AsyncJob, Origin
from generator.passes.behaviours import detect_behaviours
from generator.styles.python import operations as py_operations
from generator.styles.python.package import build_package as python_package
from generator.styles.python.stubs import build_stubs
from generator.styles.typescript import examples as ts_examples
from generator.styles.typescript import operations as ts_operations
from generator.styles.typescript.package import build_package as typescript_package


@pytest.fixture
def api_unhashable() -> Iterator[None]:
    """Any hash of an Api fails the test: it would walk the whole API."""

    def refuse(self: Api) -> int:
        raise AssertionError("an Api was hashed")

    with mock.patch.object(Api, "__hash__", refuse):
        yield


def _api(title: str = "T") -> Api:
    return Api(title=title, version="1", origin=Origin(file="spec.yaml"))


def test_by_identity_computes_once_per_object_without_hashing() -> None:
    calls: list[object] = []

    class Unhashable:
        def __hash__(self) -> int:
            raise AssertionError("hashed")

    @by_identity
    def compute(obj: Unhashable) -> list[object]:
        calls.append(obj)
        return [obj]

    first, second = Unhashable(), Unhashable()
    assert compute(first) is compute(first)
    assert compute(second) is not compute(first)
    assert calls == [first, second]


def test_by_identity_keeps_only_the_recent_objects() -> None:
    calls: list[int] = []

    @by_identity
    def compute(obj: list[int]) -> int:
        calls.append(len(obj))
        return len(obj)

    objects = [[0] * n for n in range(KEPT + 1)]
    for obj in objects:
        compute(obj)
    compute(objects[-1])
    assert len(calls) == KEPT + 1
    compute(objects[0])
    assert len(calls) == KEPT + 2


def test_typescript_schema_index_is_not_keyed_by_the_api_hash(api_unhashable: None) -> None:
    api = _api()
    assert ts_examples.schema_mapper(api) is ts_examples.schema_mapper(api)
    other = _api()
    assert other == api
    assert ts_examples.schema_mapper(other) is not ts_examples.schema_mapper(api)


def _unique_reference(names: list[str], family: Callable[[str], Iterable[str]], taken: set[str]) -> list[str]:
    """The plain definition: try ``name``, ``name_2``, ``name_3``... until no derived name is used."""
    seen, result = set(taken), []
    for name in names:
        candidate, counter = name, 2
        while any(derived in seen for derived in family(candidate)):
            candidate, counter = f"{name}_{counter}", counter + 1
        seen.update(family(candidate))
        result.append(candidate)
    return result


def test_unique_names_match_the_plain_definition() -> None:
    rng = random.Random(7)
    alphabet = ["a", "b", "a_2", "a_3", "b_2", "x"]

    def family(name: str) -> tuple[str, ...]:
        return (name, f"Async{name}")

    for _ in range(300):
        names = [rng.choice(alphabet) for _ in range(rng.randrange(12))]
        taken = {rng.choice([*alphabet, "Asynca_2", "a_4"]) for _ in range(rng.randrange(4))}
        assert naming.unique_families(names, family, taken, joint="_") == _unique_reference(names, family, taken)
        assert naming.unique(names, taken) == _unique_reference(names, lambda n: (n,), taken)


def test_unique_names_cost_linear_time_in_repeats() -> None:
    """2,000 operations whose names all read ``get_item``: each name is tried a bounded number of times."""
    tried: list[str] = []

    def family(name: str) -> tuple[str]:
        tried.append(name)
        return (name,)

    names = naming.unique_families(["get_item"] * 2000, family, {"get_item_5"}, joint="_")
    assert names[:5] == ["get_item", "get_item_2", "get_item_3", "get_item_4", "get_item_6"]
    assert len(set(names)) == 2000
    assert len(tried) < 3 * 2000 + 10


class _CountedReads:
    """A slot's descriptor that counts how often the slot is read."""

    def __init__(self, slot: Any) -> None:
        self.slot, self.reads = slot, 0

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return self
        self.reads += 1
        return self.slot.__get__(obj, owner)

    def __set__(self, obj: object, value: Any) -> None:
        self.slot.__set__(obj, value)


def _one_resource(n: int) -> dict[str, Any]:
    ok = {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/M"}}}}}
    paths = {
        f"/items{i}/{{id}}": {
            "get": {
                "operationId": f"getItem{i}",
                "tags": ["items"],
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": ok,
            }
        }
        for i in range(n)
    }
    model = {"type": "object", "properties": {"a": {"type": "string"}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": {"M": model}},
    }


@pytest.mark.parametrize("style", ["python", "typescript"])
def test_a_resource_reads_its_operations_linearly_often(load_spec: Any, style: str) -> None:
    """Each operation's helpers look its siblings up by operationId, without a pass over the resource."""
    vm_class = {"python": py_operations.OperationVM, "typescript": ts_operations.OperationVM}[style]
    build = {"python": python_package, "typescript": typescript_package}[style]
    spec = PackageSpec(package="t", title=None, base_url=None, env_prefix="T", header="")
    reads = []
    for n in (40, 160):
        api, _ = load_spec(_one_resource(n))
        assert api is not None
        # ``operation_id`` is the core's property reading ``source`` where a style does not keep its own
        slots = [name for name in ("source", "operation_id") if name in vm_class.__dict__]
        counters = {name: _CountedReads(vm_class.__dict__[name]) for name in slots}
        with contextlib.ExitStack() as stack:
            for name, counter in counters.items():
                stack.enter_context(mock.patch.object(vm_class, name, counter))
            build(api, spec, Diagnostics())
        reads.append(sum(counter.reads for counter in counters.values()))
    assert reads[1] < 6 * reads[0], reads


def _linked_jobs(n: int) -> dict[str, Any]:
    """``n`` operations starting a job, each linking to its status operation, bodies by ``$ref``."""
    paths: dict[str, Any] = {}
    for i in range(n):
        link = {"operationId": f"getJob{i}", "parameters": {"id": "$response.body#/jobId"}}
        started = {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}
        status = {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}
        paths[f"/jobs{i}"] = {
            "post": {
                "operationId": f"startJob{i}",
                "responses": {"202": {"description": "accepted", "content": started, "links": {"Poll": link}}},
            }
        }
        paths[f"/jobs{i}/{{id}}"] = {
            "get": {
                "operationId": f"getJob{i}",
                "parameters": [{"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": status,
                        "x-job-status": {"status": "state", "succeeded": ["done"], "result-url": "url"},
                    }
                },
            }
        }
    schemas = {
        "Job": {"type": "object", "properties": {"jobId": {"type": "string"}}},
        "Status": {"type": "object", "properties": {"state": {"type": "string"}, "url": {"type": "string"}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def test_behaviours_look_operations_and_schemas_up_without_a_scan(load_spec: Any) -> None:
    """Each link and each ``$ref`` a behaviour reads is one lookup, not a pass over the API."""
    api, _ = load_spec(_linked_jobs(3), passes=False)
    assert api is not None

    def scan(self: Api, key: str) -> Any:
        raise AssertionError(f"a pass over the API for {key!r}")

    diagnostics = Diagnostics()
    with mock.patch.object(Api, "operation", scan), mock.patch.object(Api, "schema", scan):
        found = detect_behaviours(api, diagnostics)
    jobs = [b for op in found.operations for b in op.behaviours if isinstance(b, AsyncJob)]
    assert [job.poll_operation_id for job in jobs] == ["getJob0", "getJob1", "getJob2"]


def test_python_job_helpers_and_their_tests_find_the_status_operation_without_a_scan(load_spec: Any) -> None:
    api, _ = load_spec(_linked_jobs(3))
    assert api is not None

    def scan(self: Api, key: str) -> Any:
        raise AssertionError(f"a pass over the API for {key!r}")

    spec = PackageSpec(package="t", title=None, base_url=None, env_prefix="T", header="")
    with mock.patch.object(Api, "operation", scan):
        pkg = python_package(api, spec, Diagnostics())
        suite = build_stubs(api, pkg)
    helpers = [h.kind for r in pkg.resources for vm in r.operations for h in vm.helpers]
    assert helpers.count(HelperKind.JOB) == 3
    assert any("job" in test.name for module in suite.modules for test in module.tests)
