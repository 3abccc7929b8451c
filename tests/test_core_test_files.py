"""``core.test_files.SuiteFile``: a generated test file's tests, as rows of its tables or tests of their own."""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.test_files import SuiteFile
from generator.styles.python.stubs import StubModule
from generator.styles.typescript import stubs as typescript_stubs


@dataclass(frozen=True, slots=True)
class _Case:
    name: str
    table: str = ""


def test_a_table_s_rows_keep_their_order_and_the_others_are_tests_of_their_own() -> None:
    tests = (_Case("a", "REQUESTS"), _Case("save"), _Case("b", "REFUSALS"), _Case("c", "REQUESTS"), _Case("wait"))
    suite = SuiteFile("test_images.py", "images", tests)
    assert [t.name for t in suite.rows("REQUESTS")] == ["a", "c"]
    assert [t.name for t in suite.rows("REFUSALS")] == ["b"]
    assert suite.rows("DECODES") == ()
    assert [t.name for t in suite.own_tests] == ["save", "wait"]


def test_the_styles_test_modules_are_suite_files() -> None:
    assert issubclass(StubModule, SuiteFile) and issubclass(typescript_stubs.TestModule, SuiteFile)
