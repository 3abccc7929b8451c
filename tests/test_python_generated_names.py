"""Python view-models: argument lists the templates print as they are, and names generated code introduces."""

from __future__ import annotations

from generator.core.operations import HelperKind
from generator.styles.python.operations import ArgVM, HelperVM


def _arg(name: str) -> ArgVM:
    return ArgVM(name=name, hint="str", default=None, description=None)


def test_a_helper_without_arguments_passes_only_the_request_options() -> None:
    helper = HelperVM(HelperKind.SAVE_STREAM, "get_spec_to_file", ())
    assert helper.call_args == "request_options=request_options"


def test_a_helper_passes_each_argument_by_name_then_the_request_options() -> None:
    helper = HelperVM(HelperKind.SAVE_STREAM, "get_to_file", (_arg("id"), _arg("size")))
    assert helper.call_args == "id=id, size=size, request_options=request_options"


def test_a_page_call_without_other_arguments() -> None:
    helper = HelperVM(HelperKind.PAGINATE, "iter_items", (), page_arg="page")
    assert helper.page_call_args == "page=_page, request_options=request_options"


def test_a_status_call_that_takes_nothing_from_the_started_job() -> None:
    assert HelperVM(HelperKind.JOB, "run_job", (), forwards=()).poll_call_args == "request_options=request_options"
    forwards = ("job_id=_started.id",)
    assert HelperVM(HelperKind.JOB, "run_job", (), forwards=forwards).poll_call_args == (
        "job_id=_started.id, request_options=request_options"
    )
