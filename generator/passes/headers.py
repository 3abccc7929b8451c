"""Header parameters whose default or example no client can send.

A header value is one line of ASCII text: both runtimes refuse anything else before
sending (a CR or LF would end the header and start another). A default that is not
such text would make every call that leaves the argument out fail, and an example
that is not would make the generated tests send what the client refuses; each is a
located warning and is dropped, so the argument has no default and tests make up a
value.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from ..diagnostics import Diagnostics
from ..ir import Api, Operation, Parameter, Schema

_HEADER_TEXT = re.compile(r"[\t\x20-\x7e]*")


def drop_unsendable_header_values(api: Api, diagnostics: Diagnostics) -> Api:
    operations = tuple(_operation(op, diagnostics) for op in api.operations)
    return api if operations == api.operations else replace(api, operations=operations)


def _operation(op: Operation, diagnostics: Diagnostics) -> Operation:
    parameters = tuple(_parameter(p, diagnostics) if p.location == "header" else p for p in op.parameters)
    return op if parameters == op.parameters else replace(op, parameters=parameters)


def _parameter(parameter: Parameter, diagnostics: Diagnostics) -> Parameter:
    schema: Schema = parameter.schema
    info = schema.info
    changes: dict[str, None] = {}
    for field, key in (("default_json", "default"), ("example_json", "example")):
        text = getattr(info, field)
        if text is None:
            continue
        value = json.loads(text)
        if isinstance(value, str) and not _HEADER_TEXT.fullmatch(value):
            diagnostics.warning(
                "W014",
                f"the {key} of header {parameter.name!r} is not one line of ASCII text, which no client sends; ignored",
                schema.origin.child(key),
            )
            changes[field] = None
    if not changes:
        return parameter
    return replace(parameter, schema=replace(schema, info=replace(info, **changes)))  # type: ignore[arg-type]
