"""The ``apicore.Follow`` literal of a Go pager: the paths a plan names, in the order the runtime declares them."""

from __future__ import annotations

import re

import pytest
from go_support import ROOT

from generator.core.operations import FollowPlan
from generator.styles.go.follow import _follow_literal

RUNTIME = ROOT / "templates" / "go" / "runtime" / "follow.go"


def _declared_paths() -> list[str]:
    """The ``[]string`` fields of ``apicore.Follow``, in the order the runtime declares them."""
    struct = re.search(r"type Follow struct \{(.*?)\n\}", RUNTIME.read_text(encoding="utf-8"), re.S)
    assert struct is not None
    return re.findall(r"^\t(\w+) \[\]string$", struct[1], re.M)


def _plan(style: str, **paths: tuple[str, ...]) -> FollowPlan:
    empty: tuple[str, ...] = ()
    return FollowPlan(
        style=style,
        items_field="results",
        cursor="after" if style == "cursor" else None,
        next_cursor=paths.get("next_cursor", empty),
        last_item=None,
        has_more=paths.get("has_more", empty),
        next_url=paths.get("next_url", empty),
        item=None,
    )


@pytest.mark.parametrize(
    "plan",
    [
        _plan("next-url", next_url=("links", "next"), has_more=("more",)),
        _plan("cursor", next_cursor=("meta", "next"), has_more=("more",)),
        _plan("cursor", next_cursor=("next",), has_more=("more",), next_url=("links", "next")),
    ],
    ids=["next-url and has-more", "cursor and has-more", "every path"],
)
def test_the_paths_stand_in_the_order_the_runtime_declares_them(plan: FollowPlan) -> None:
    written = re.findall(r"(\w+): \[\]string\{", _follow_literal(plan))
    declared = _declared_paths()
    assert set(written) <= set(declared)
    assert written == sorted(written, key=declared.index)
    assert len(written) == 1 + sum(bool(p) for p in (plan.next_cursor, plan.has_more, plan.next_url))


def test_a_next_url_pager_that_also_reads_has_more() -> None:
    assert _follow_literal(_plan("next-url", next_url=("links", "next"), has_more=("more",))) == (
        'apicore.Follow{Kind: apicore.FollowNextURL, Items: []string{"results"}, HasMore: []string{"more"}, '
        'NextURL: []string{"links", "next"}}'
    )
