"""A field of an operation's Go result struct, as the helpers (saves, pagers, jobs) read it.

Shared by ``helpers.py`` and ``follow.py``: which Go expression reads a property of the
success body decoded into a variable, and the type the field holds.
"""

from __future__ import annotations

from ...core.operations import success_schema
from ...ir import ObjectSchema
from .models import field_name
from .operations import OperationVM
from .types import GoTypes


def result_field(types: GoTypes, vm: OperationVM, key: str | None, var: str) -> tuple[str, str] | None:
    """(Go expression of the field ``key`` of ``var``, its type as held) in ``vm``'s result struct."""
    if key is None or not vm.struct_result:
        return None
    schema = success_schema(vm.source)
    assert schema is not None
    resolved = types.resolve(schema)
    if not isinstance(resolved, ObjectSchema):
        return None
    prop = next((p for p in resolved.properties if p.name == key), None)
    if prop is None:
        return None
    held, _ = types.field(prop.schema, required=prop.required)
    return f"{var}.{field_name(resolved, key)}", held
