"""The IR as JSON, for review (``generator ir``) and for tests.

Each dataclass becomes an object; a schema also gets ``"$kind"`` (its class
name) so the closed unions read unambiguously. Origins print as
``file#/pointer`` strings. Field order is the dataclass's, so output is stable.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from typing import Any

from .ir import Api, Origin


def to_data(value: Any) -> Any:
    if isinstance(value, Origin):
        return str(value)
    if is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {"$kind": type(value).__name__}
        for f in fields(value):
            item = getattr(value, f.name)
            if (
                item is None
                or item == ()
                or (f.name == "info" and not any(getattr(item, g.name) for g in fields(item)))
            ):
                continue
            data[f.name] = to_data(item)
        return data
    if isinstance(value, tuple):
        return [to_data(v) for v in value]
    return value


def api_to_json(api: Api) -> str:
    return json.dumps(to_data(api), indent=2, ensure_ascii=False) + "\n"
