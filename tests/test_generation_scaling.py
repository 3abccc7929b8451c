"""Generation time stays linear in the number of operations.

A per-operation step must not cost time linear in the whole API: no cache keyed by the
hash of the frozen ``Api`` (hashing walks every operation), no linear lookup repeated
for each operation.
"""

from __future__ import annotations

from collections.abc import Iterator
from unittest import mock

import pytest

from generator.core.identity import KEPT, by_identity
from generator.ir import Api, Origin
from generator.styles.typescript import examples as ts_examples


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
