"""The resources of a package: one class per tag of the spec (sync and async), its operations and their helpers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ...core.operations import operation_groups
from ...core.security import security_plan
from ...immutable import immutable
from ...ir import Api
from . import naming
from .helpers import build_helpers
from .models import ModelSet
from .operations import OperationVM, build_operation, method_name

RESOURCE_MEMBERS = frozenset({"with_raw_response", "close"})
"""Names a resource class already has: operation methods must not take them."""
CLIENT_MEMBERS = frozenset({"hooks", "close"})
"""Names the client classes (``_client.py.j2``) give their own members: a tag making one gets ``_`` added
(``client.hooks_``). ``_core`` and the dunder methods need no entry: ``naming.snake`` starts no name with ``_``."""


@immutable
class ResourceVM:
    attr: str
    class_name: str
    description: str | None
    operations: tuple[OperationVM, ...]
    clashes: str = ""
    """The client's own member the tag's name would have taken (``hooks``), else empty."""


def build_resources(api: Api, models: ModelSet, taken: Iterable[str] = ()) -> list[ResourceVM]:
    """One resource per tag; its classes (sync and async) named apart from models and ``taken`` (the clients)."""
    groups = operation_groups(api)
    security = security_plan(api)
    natural = [naming.snake(tag, fallback="api") for tag, _, _ in groups]
    attrs = naming.unique(f"{name}_" if name in CLIENT_MEMBERS else name for name in natural)
    bases = naming.unique_families(
        (naming.pascal(tag, fallback="Api") for tag, _, _ in groups),
        lambda base: (f"{base}Resource", f"Async{base}Resource"),
        [*models.exported, *taken],
    )
    resources: list[ResourceVM] = []
    for attr, plain, base, (_, ops, description) in zip(attrs, natural, bases, groups, strict=True):
        names = naming.unique((method_name(op) for op in ops), RESOURCE_MEMBERS)
        built = [build_operation(models.mapper, op, name, security) for op, name in zip(ops, names, strict=True)]
        members = set(names) | RESOURCE_MEMBERS
        by_id = {vm.operation_id: vm for vm in built}
        operations = tuple(replace(vm, helpers=build_helpers(models.mapper, vm, members, by_id)) for vm in built)
        clashes = plain if plain in CLIENT_MEMBERS else ""
        resources.append(ResourceVM(attr, f"{base}Resource", description, operations, clashes))
    return resources
