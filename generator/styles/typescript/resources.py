"""The resources of a package: one class per tag of the spec, its operations and their helpers."""

from __future__ import annotations

from ...core.naming import unique_file_names
from ...core.operations import operation_groups
from ...core.security import security_plan
from ...ir import Api
from . import naming
from .helpers import add_helpers
from .models import ModelSet
from .operations import ResourceVM, build_operation, method_name

CLIENT_MEMBERS = frozenset({"hooks", "baseUrl", "toString"})
"""Names the client class (``client.ts.j2``) gives its own members: a tag making one gets ``_`` added
(``client.hooks_``). ``#core`` is private, so no tag can reach it."""
OBJECT_MEMBERS = frozenset(
    {"constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "valueOf"}
)
"""What every object has from ``Object.prototype``: a resource attribute must not hide it either."""


def build_resources(api: Api, models: ModelSet, taken: set[str]) -> list[ResourceVM]:
    """The resources (one class per tag); ``taken`` holds type names already used (and gets new ones)."""
    groups = operation_groups(api)
    security = security_plan(api)
    tags = [tag for tag, _, _ in groups]
    natural = [naming.camel(tag, fallback="api") for tag in tags]
    attrs = naming.unique(f"{name}_" if name in CLIENT_MEMBERS | OBJECT_MEMBERS else name for name in natural)
    modules = unique_file_names(naming.camel(tag, fallback="api").rstrip("_") or "api" for tag in tags)
    classes = naming.unique((naming.pascal(tag, fallback="Api") + "Resource" for tag in tags), taken)
    taken.update(classes)
    resources: list[ResourceVM] = []
    for attr, plain, module, class_name, (_, ops, description) in zip(
        attrs, natural, modules, classes, groups, strict=True
    ):
        names = naming.unique(method_name(op) for op in ops)
        built = [build_operation(models, op, name, taken, security) for op, name in zip(ops, names, strict=True)]
        members = set(names)
        by_id = {b.operation_id: b for b in built}
        with_helpers = [add_helpers(models, vm, members, by_id) for vm in built]
        resources.append(
            ResourceVM(
                attr=attr,
                class_name=class_name,
                module=module,
                description=description,
                operations=tuple(with_helpers),
                clashes=plain if plain in CLIENT_MEMBERS else "",
            )
        )
    return resources
