"""The resources of a package: one class per tag of the spec, its operations and their helpers."""

from __future__ import annotations

from ...ir import Api, Operation
from . import naming
from .helpers import add_helpers
from .models import ModelSet
from .operations import ResourceVM, build_operation, method_name


def build_resources(api: Api, models: ModelSet, taken: set[str]) -> list[ResourceVM]:
    """The resources (one class per tag); ``taken`` holds type names already used (and gets new ones)."""
    groups: dict[str, list[Operation]] = {}
    for op in api.operations:
        groups.setdefault(op.tags[0] if op.tags else "default", []).append(op)
    attrs = naming.unique((naming.camel(tag, fallback="api") for tag in groups), {"baseUrl"})
    modules = naming.unique(naming.camel(tag, fallback="api").rstrip("_") or "api" for tag in groups)
    classes = naming.unique((naming.pascal(tag, fallback="Api") + "Resource" for tag in groups), taken)
    taken.update(classes)
    descriptions = {t.name: t.description for t in api.tags}
    resources: list[ResourceVM] = []
    for attr, module, class_name, (tag, ops) in zip(attrs, modules, classes, groups.items(), strict=True):
        names = naming.unique(method_name(op) for op in ops)
        built = [build_operation(models, op, name, taken) for op, name in zip(ops, names, strict=True)]
        members = set(names)
        with_helpers = [add_helpers(models, vm, members, {b.operation_id: b for b in built}) for vm in built]
        resources.append(
            ResourceVM(
                attr=attr,
                class_name=class_name,
                module=module,
                description=descriptions.get(tag),
                operations=tuple(with_helpers),
            )
        )
    return resources
