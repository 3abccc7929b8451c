"""``core.operations.Documented``: what every style's operation view-model says of the IR operation it calls."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import pytest

from generator.core.operations import Documented
from generator.ir import Operation, Origin, Response
from generator.styles.go.operations import OperationVM as GoOperation
from generator.styles.python.operations import OperationVM as PythonOperation
from generator.styles.typescript.operations import OperationVM as TypeScriptOperation

HERE = Origin(file="api.yaml")


@dataclass(frozen=True, slots=True)
class _Method(Documented):
    name: str
    source: Operation


def _operation(**fields: Any) -> Operation:
    responses = (
        Response(status="200", description="the image", origin=HERE),
        Response(status="404", description="no such image", origin=HERE),
        Response(status="503", origin=HERE),
        Response(status="500", description="broken", origin=HERE),
    )
    return Operation(operation_id="getImage", method="get", path="/images", responses=responses, origin=HERE, **fields)


def test_it_shows_the_operation_s_id_texts_deprecation_and_errors() -> None:
    method = _Method("get_image", _operation(summary="Get an image", description="By its id.", deprecated=True))
    assert (method.operation_id, method.summary, method.description) == ("getImage", "Get an image", "By its id.")
    assert (method.title, method.details) == ("Get an image", "By its id.")
    assert method.deprecated
    # each error class once, with the first status's description (a 5xx without one: its status)
    assert method.errors == (("NotFoundError", "no such image"), ("InternalServerError", "HTTP 503"))


def test_the_heading_is_the_id_without_a_summary_and_a_description_repeating_it_adds_nothing() -> None:
    assert (_Method("m", _operation()).title, _Method("m", _operation()).details) == ("getImage", None)
    same = _Method("m", _operation(summary="Get an image", description="Get an image"))
    assert (same.title, same.details) == ("Get an image", None)
    assert not same.deprecated


@pytest.mark.parametrize("vm", [PythonOperation, TypeScriptOperation, GoOperation])
def test_every_style_s_operation_takes_them_from_its_source_not_from_fields_of_its_own(vm: type) -> None:
    assert issubclass(vm, Documented)
    own = {f.name for f in dataclasses.fields(vm)}
    shown = {"operation_id", "summary", "description", "title", "details", "deprecated", "errors"}
    assert "source" in own and not own & shown
