"""How the Python style holds a string of a date format: one table gives its type, its codec and its parser."""

from __future__ import annotations

import pytest

from generator.ir import Api, Origin, PrimitiveSchema
from generator.styles.python.models import build_models

AT = Origin(file="t.yaml")


@pytest.mark.parametrize(
    ("kind", "format_", "hint", "codec", "decoded", "encoded"),
    [
        ("string", "date-time", "datetime.datetime", "_rt.DATETIME", "_rt.parse_datetime(x)", "x.isoformat()"),
        ("string", "date", "datetime.date", "_rt.DATE", "_rt.parse_date(x)", "x.isoformat()"),
        ("string", "uuid", "str", "_rt.Value(uuid=True)", "x", "x"),
        ("integer", "date", "int", "_rt.ANY", "x", "x"),
    ],
)
def test_a_dated_string_has_a_python_type_codec_and_parser_and_nothing_else_does(
    kind: str, format_: str, hint: str, codec: str, decoded: str, encoded: str
) -> None:
    mapper = build_models(Api(title="t", version="1", origin=AT), []).mapper
    schema = PrimitiveSchema(kind=kind, format=format_, origin=AT)  # type: ignore[arg-type]
    assert (mapper.hint(schema), mapper.codec(schema), mapper.decode(schema, "x"), mapper.encode(schema, "x")) == (
        hint,
        codec,
        decoded,
        encoded,
    )
