"""Copies of a document with one operation changed: what "warm with one operation changed" regenerates.

The change is to the description of the first operation in document order
(``variant`` makes each copy differ from the last, so no run finds its package
already fresh). Variant None writes the document unchanged, in the same form the
changed copies are written in, so the cold run and the changed runs parse alike.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml

from .context import HTTP_METHODS, load_document


def changed(document: Any, variant: int) -> Any:
    """A copy of ``document`` whose first operation's description ends with ``(changed <variant>)``."""
    result = copy.copy(document)
    paths = dict(result.get("paths") or {})
    for name, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                text = str(operation.get("description") or operation.get("summary") or "")
                paths[name] = {**item, method: {**operation, "description": f"{text} (changed {variant})".strip()}}
                return {**result, "paths": paths}
    raise ValueError("the document has no operation to change")


def write_variant(source: Path, target: Path, variant: int | None) -> Path:
    """``source`` as it is (variant None) or changed, written to ``target`` (JSON for .json, else YAML)."""
    document = load_document(source)
    if variant is not None:
        document = changed(document, variant)
    if target.suffix == ".json":
        target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    else:
        target.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target
