"""Applying an OpenAPI Overlay 1.0 document to a parsed spec document.

An overlay (https://spec.openapis.org/overlay/v1.0.0.html) is an ordered list
of actions. Each action selects nodes with an RFC 9535 JSONPath ``target``
(evaluated strictly, without python-jsonpath's extensions) and either merges
``update`` into them or removes them (``remove: true``). Actions run in order,
each on the result of the ones before it.

Merging follows the rules Overlay 1.1 spells out for what 1.0 calls a recursive
merge: a property only in the update is added, a primitive replaces a
primitive, objects merge recursively, arrays are concatenated, and any other
pair of values is an error. An object update on a selected array is appended
to it; an array update is concatenated with it.

Nothing is raised: problems go to ``Diagnostics`` with the overlay pointer of
the field at fault (E050 invalid overlay, E051 invalid JSONPath, W002 target
matched nothing), and the remaining actions still run so every problem is
reported at once. The input document and the overlay are never modified.

With a ``Trace``, each action leaves a record: the nodes its target matched
(for the lock file, so a later run can say when an action drifts to other
nodes) and the nodes its update wrote or its removal took away (so a finding
at one of those places can name the action that put it there).
"""

from __future__ import annotations

import json
import re
from typing import Any

from jsonpath import JSONPath, JSONPathEnvironment, JSONPathError
from jsonpath.function_extensions import ExpressionType, FilterFunction
from jsonpath.path import CompoundJSONPath

from .diagnostics import Diagnostics
from .immutable import immutable
from .ir import escape_pointer
from .overlay_trace import ActionRecord, Trace
from .patterns import iregexp
from .sources import Document

Parts = tuple[int | str, ...]
"""The keys and indexes leading from the document root to one node."""
_Conflicts = list[tuple[str, str]]
"""(pointer relative to the merged node, "an array into an object") for values that cannot be merged."""

_VERSION = re.compile(r"^1\.0\.\d+$")
_OVERLAY_FIELDS = frozenset({"overlay", "info", "extends", "actions"})
_ACTION_FIELDS = frozenset({"target", "description", "update", "remove"})


class _RegexFunction(FilterFunction):
    """RFC 9535 ``match`` (``whole``) or ``search`` on an I-Regexp, run by RE2 in linear time.

    A pattern RE2 cannot take selects nothing, as RFC 9535 has it for an invalid one.
    """

    arg_types = [ExpressionType.VALUE, ExpressionType.VALUE]  # noqa: RUF012 (the base class declares a list)
    return_type = ExpressionType.LOGICAL

    def __init__(self, *, whole: bool) -> None:
        self.whole = whole

    def __call__(self, value: object, pattern: object) -> bool:
        if not isinstance(value, str) or not isinstance(pattern, str):
            return False
        compiled = iregexp(pattern, whole=self.whole)
        return compiled is not None and compiled.search(value) is not None  # type: ignore[attr-defined]


_JSONPATH = JSONPathEnvironment(strict=True)
_JSONPATH.function_extensions["match"] = _RegexFunction(whole=True)
_JSONPATH.function_extensions["search"] = _RegexFunction(whole=False)


@immutable
class _Action:
    """One action that passed validation."""

    index: int
    target: str
    query: JSONPath | CompoundJSONPath
    update: dict[str, Any] | list[Any] | None
    """The value to merge, or None for a ``remove: true`` action."""

    @property
    def pointer(self) -> str:
        return f"/actions/{self.index}"

    @property
    def name(self) -> str:
        return f"action {self.index} ({self.target})"


def apply_overlay(
    data: Any, overlay: Document, diagnostics: Diagnostics, trace: Trace | None = None, *, document: str = ""
) -> Any:
    """A copy of ``data`` with the actions of ``overlay`` applied; problems go to ``diagnostics``.

    With ``trace``, every action that ran is recorded there as applied to ``document`` (a display name).
    """
    result = _copy(data)
    for index, raw in enumerate(_checked_actions(overlay, diagnostics)):
        action = _checked_action(index, raw, overlay, diagnostics)
        if action is None:
            continue
        written: list[str] = []
        matched: list[str] = []
        result = _apply(action, result, overlay, diagnostics, matched, written)
        if trace is not None:
            description = raw.get("description") if isinstance(raw, dict) else None
            trace.actions.append(
                ActionRecord(
                    overlay=overlay.display,
                    index=index,
                    line=overlay.line_of(action.pointer),
                    description=description if isinstance(description, str) else "",
                    document=document,
                    matched=tuple(matched),
                    written=tuple(written),
                )
            )
    return result


# --------------------------------------------------------------------------- validation


def _checked_actions(overlay: Document, diagnostics: Diagnostics) -> list[Any]:
    """The raw actions of a valid-enough overlay, after reporting what is wrong with its header."""
    data = overlay.data
    if not isinstance(data, dict):
        _invalid(diagnostics, overlay, "", "an overlay document must be an object")
        return []
    _check_unknown_fields(data, _OVERLAY_FIELDS, "", overlay, diagnostics)
    _check_version(data, overlay, diagnostics)
    _check_info(data, overlay, diagnostics)
    if "extends" in data and not isinstance(data["extends"], str):
        _invalid(diagnostics, overlay, "/extends", "`extends` must be a URI reference string")
    actions = data.get("actions")
    if actions is None:
        _invalid(diagnostics, overlay, "", "missing `actions`: the ordered list of actions to apply")
        return []
    if not isinstance(actions, list) or not actions:
        _invalid(diagnostics, overlay, "/actions", "`actions` must be a list of at least one action")
        return []
    return actions


def _check_version(data: dict[str, Any], overlay: Document, diagnostics: Diagnostics) -> None:
    if "overlay" not in data:
        _invalid(diagnostics, overlay, "", "missing `overlay`: the Overlay Specification version (1.0.x)")
    elif not isinstance(data["overlay"], str) or not _VERSION.match(data["overlay"]):
        found = json.dumps(data["overlay"])
        message = f"`overlay` is {found}; this generator reads Overlay 1.0.x documents (`overlay: 1.0.0`)"
        _invalid(diagnostics, overlay, "/overlay", message)


def _check_info(data: dict[str, Any], overlay: Document, diagnostics: Diagnostics) -> None:
    info = data.get("info")
    if not isinstance(info, dict):
        where = "/info" if "info" in data else ""
        _invalid(diagnostics, overlay, where, "`info` must be an object with a `title` and a `version`")
        return
    for name in ("title", "version"):
        if not isinstance(info.get(name), str):
            _invalid(diagnostics, overlay, "/info", f"`info.{name}` must be a string")


def _checked_action(index: int, raw: Any, overlay: Document, diagnostics: Diagnostics) -> _Action | None:
    """The action at ``/actions/index``, or None after reporting why it cannot be applied."""
    pointer = f"/actions/{index}"
    if not isinstance(raw, dict):
        _invalid(diagnostics, overlay, pointer, f"action {index} must be an object")
        return None
    errors = len(diagnostics.errors)
    _check_unknown_fields(raw, _ACTION_FIELDS, pointer, overlay, diagnostics)
    if "description" in raw and not isinstance(raw["description"], str):
        _invalid(diagnostics, overlay, f"{pointer}/description", f"action {index}: `description` must be a string")
    update = _checked_modifier(index, raw, overlay, diagnostics)
    compiled = _compiled_target(index, raw, overlay, diagnostics)
    if compiled is None or len(diagnostics.errors) > errors:
        return None
    target, query = compiled
    return _Action(index=index, target=target, query=query, update=update)


def _checked_modifier(
    index: int, raw: dict[str, Any], overlay: Document, diagnostics: Diagnostics
) -> dict[str, Any] | list[Any] | None:
    """The action's ``update`` value (None for a remove action); reports a missing or doubled modifier."""
    pointer = f"/actions/{index}"
    remove = raw.get("remove", False)
    if not isinstance(remove, bool):
        _invalid(diagnostics, overlay, f"{pointer}/remove", f"action {index}: `remove` must be true or false")
        return None
    if "update" in raw and remove:
        _invalid(diagnostics, overlay, pointer, f"action {index} has both `update` and `remove: true`; keep one")
    elif "update" not in raw and not remove:
        _invalid(diagnostics, overlay, pointer, f"action {index} has neither `update` nor `remove: true`")
    elif "update" in raw:
        update = raw["update"]
        if isinstance(update, (dict, list)):
            return update
        message = f"action {index}: `update` must be an object or an array, not {_kind(update)}"
        _invalid(diagnostics, overlay, f"{pointer}/update", message)
    return None


def _compiled_target(
    index: int, raw: dict[str, Any], overlay: Document, diagnostics: Diagnostics
) -> tuple[str, JSONPath | CompoundJSONPath] | None:
    """The action's target and its compiled query, or None after reporting why it has none."""
    pointer = f"/actions/{index}"
    if "target" not in raw:
        _invalid(diagnostics, overlay, pointer, f"action {index} has no `target`")
        return None
    target = raw["target"]
    if not isinstance(target, str):
        _invalid(diagnostics, overlay, f"{pointer}/target", f"action {index}: `target` must be a JSONPath string")
        return None
    try:
        return target, _JSONPATH.compile(target)
    except JSONPathError as exc:
        diagnostics.error("E051", _jsonpath_problem(index, target, exc), overlay.origin(f"{pointer}/target"))
        return None


def _check_unknown_fields(
    node: dict[str, Any], known: frozenset[str], pointer: str, overlay: Document, diagnostics: Diagnostics
) -> None:
    """Report fields Overlay 1.0 does not define in the overlay or in an action (a typo, or 1.1's ``copy``)."""
    owner = f"action {pointer.removeprefix('/actions/')}" if pointer else "the overlay"
    allowed = ", ".join(sorted(known))
    for name in map(str, node):
        if name not in known and not name.startswith("x-"):
            message = f"unknown field `{name}` in {owner}; Overlay 1.0 allows {allowed} and x- extensions"
            _invalid(diagnostics, overlay, f"{pointer}/{escape_pointer(name)}", message)


def _jsonpath_problem(index: int, target: str, exc: JSONPathError) -> str:
    if not target.startswith("$"):
        problem = "a query starts with `$`, the document root"
    elif exc.token is not None and exc.token.index >= 0:
        problem = f"{exc.message} at column {exc.token.index + 1}"
    else:
        problem = str(exc.message)
    return f"action {index}: target {target!r} is not valid RFC 9535 JSONPath: {problem}"


def _invalid(diagnostics: Diagnostics, overlay: Document, pointer: str, message: str) -> None:
    diagnostics.error("E050", message, overlay.origin(pointer))


# --------------------------------------------------------------------------- actions


def _apply(
    action: _Action,
    document: Any,
    overlay: Document,
    diagnostics: Diagnostics,
    matched: list[str],
    written: list[str],
) -> Any:
    """``document`` after ``action``; may be modified in place. Pointers selected and written go to the lists."""
    targets = _select(action, document, overlay, diagnostics)
    if targets is None:
        return document
    matched.extend(map(_pointer, targets))
    if not targets:
        message = f"{action.name} matched nothing; the action changed nothing"
        diagnostics.warning("W002", message, overlay.origin(f"{action.pointer}/target"))
        return document
    if action.update is None:
        written.extend(map(_pointer, targets))
        return _remove(action, targets, document, overlay, diagnostics)
    return _update(action, action.update, targets, document, overlay, diagnostics, written)


def _select(action: _Action, document: Any, overlay: Document, diagnostics: Diagnostics) -> list[Parts] | None:
    """The distinct nodes the target selects, in document order; None after reporting a failed evaluation."""
    # python-jsonpath parses a string root as JSON text; encoding it first makes it parse back to itself.
    root = json.dumps(document) if isinstance(document, str) else document
    try:
        found = [match.parts for match in action.query.finditer(root)]
    except JSONPathError as exc:
        problem = _jsonpath_problem(action.index, action.target, exc)
        diagnostics.error("E051", problem, overlay.origin(f"{action.pointer}/target"))
        return None
    return list(dict.fromkeys(found))


def _remove(action: _Action, targets: list[Parts], document: Any, overlay: Document, diagnostics: Diagnostics) -> Any:
    """Remove every target from its parent, deepest and highest index first so the other paths stay valid."""
    if () in targets:
        message = f"{action.name} selects the document root, which cannot be removed"
        _invalid(diagnostics, overlay, f"{action.pointer}/target", message)
        return document
    for parts in sorted(targets, key=_sort_key, reverse=True):
        del _node(document, parts[:-1])[parts[-1]]
    return document


def _update(
    action: _Action,
    update: dict[str, Any] | list[Any],
    targets: list[Parts],
    document: Any,
    overlay: Document,
    diagnostics: Diagnostics,
    written: list[str],
) -> Any:
    """Merge ``update`` into every target; a target that cannot take it is reported and left as it was."""
    for parts in targets:
        node, where = _node(document, parts), _pointer(parts)
        if not isinstance(node, (dict, list)):
            message = f"{action.name} selects {_place(where)}, which is {_kind(node)}: select the object holding it"
            _invalid(diagnostics, overlay, f"{action.pointer}/target", message)
            continue
        conflicts: _Conflicts = []
        changed: list[str] = []
        merged = _updated(node, update, conflicts, changed)
        for pointer, problem in conflicts:
            message = f"{action.name} cannot merge {problem} at {_place(where + pointer)}"
            _invalid(diagnostics, overlay, f"{action.pointer}/update{pointer}", message)
        if not conflicts:
            document = _replace(document, parts, merged)
            written.extend(where + pointer for pointer in changed)
    return document


def _updated(
    node: dict[str, Any] | list[Any], update: dict[str, Any] | list[Any], conflicts: _Conflicts, changed: list[str]
) -> Any:
    """The target node with the update merged in; values that cannot be merged go to ``conflicts``.

    ``changed`` receives the pointers (relative to the node) of every value added or replaced.
    """
    if isinstance(node, list) and isinstance(update, dict):
        changed.append(f"/{len(node)}")
        return [*node, _copy(update)]
    return _merge(node, update, "", conflicts, changed)


def _merge(target: Any, update: Any, pointer: str, conflicts: _Conflicts, changed: list[str]) -> Any:
    """``target`` with ``update`` (found at ``pointer`` in the action's update) merged in."""
    if isinstance(target, dict) and isinstance(update, dict):
        merged = dict(target)
        for key, value in update.items():
            inner = f"{pointer}/{escape_pointer(str(key))}"
            if key in target:
                merged[key] = _merge(target[key], value, inner, conflicts, changed)
            else:
                merged[key] = _copy(value)
                changed.append(inner)
        return merged
    if isinstance(target, list) and isinstance(update, list):
        changed.extend(f"{pointer}/{len(target) + i}" for i in range(len(update)))
        return [*target, *_copy(update)]
    if not isinstance(target, (dict, list)) and not isinstance(update, (dict, list)):
        changed.append(pointer)
        return update
    conflicts.append((pointer, f"{_kind(update)} into {_kind(target)}"))
    return target


# --------------------------------------------------------------------------- JSON values


def _copy(value: Any) -> Any:
    """A deep copy that shares no containers, even where the original did."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _node(document: Any, parts: Parts) -> Any:
    node = document
    for part in parts:
        node = node[part]
    return node


def _replace(document: Any, parts: Parts, value: Any) -> Any:
    """``document`` with the node at ``parts`` replaced by ``value``."""
    if not parts:
        return value
    _node(document, parts[:-1])[parts[-1]] = value
    return document


def _pointer(parts: Parts) -> str:
    return "".join(f"/{escape_pointer(str(part))}" for part in parts)


def _place(pointer: str) -> str:
    return pointer or "the document root"


def _sort_key(parts: Parts) -> list[tuple[bool, int | str]]:
    """Order paths so that, reversed, a node comes before its ancestors and later siblings before earlier ones."""
    return [(isinstance(part, str), part) for part in parts]


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    return "a number"
