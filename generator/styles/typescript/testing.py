"""The table of the package's ``src/testing.ts``: each operation's default answer, by its TypeScript name."""

from __future__ import annotations

from ...core.fakes import fake_plans
from ...ir import Api
from .examples import schema_mapper
from .package import PackageVM


def fake_table(api: Api, pkg: PackageVM) -> list[str]:
    """One JSON line per operation (``core.fakes``), named ``<resource>.<method>`` as the client calls it."""
    operations = [(op.source, f"{resource.attr}.{op.name}") for resource in pkg.resources for op in resource.operations]
    return [plan.as_json() for plan in fake_plans(schema_mapper(api), operations)]
