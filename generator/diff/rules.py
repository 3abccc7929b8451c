"""The rule table of ``diff``: every kind of change it reports, with a stable id and a level.

Ids and categories follow oasdiff's (``request-parameter-max-length-decreased``,
``response-property-enum-value-added``, ``api-removed-without-deprecation``, ...), so a team
that knows one tool reads the other. A level says what a change does to code using a client
generated from the new document: ``breaking`` (it may stop compiling or working), ``warning``
(it keeps compiling but may behave differently), ``info`` (nothing to do). ``docs/diff-rules.md``
is written from this table (``rules_markdown``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["breaking", "warning", "info"]
LEVELS: tuple[Level, ...] = ("breaking", "warning", "info")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    level: Level
    category: str
    description: str


SCHEMA_PREFIXES: dict[str, tuple[str, str]] = {
    "request-parameter": ("request", "a request parameter's schema"),
    "request-body": ("request", "the request body's schema"),
    "request-property": ("request", "a property of a request body (or of an object parameter)"),
    "response-body": ("response", "a success response body's schema"),
    "response-property": ("response", "a property of a success response body"),
}
"""Where a schema sits -> (direction, what it is): the first part of a schema rule's id."""

BOUNDS: dict[str, tuple[str, str]] = {
    "max-length": ("max", "maxLength"),
    "min-length": ("min", "minLength"),
    "max": ("max", "maximum (or exclusiveMaximum)"),
    "min": ("min", "minimum (or exclusiveMinimum)"),
    "max-items": ("max", "maxItems"),
    "min-items": ("min", "minItems"),
}
"""A bound -> (whether it is an upper or a lower bound, its keywords)."""

_BOUND_ACTIONS = {
    "increased": ("min", "raised"),
    "decreased": ("max", "lowered"),
    "set": (None, "set where there was none"),
    "unset": ("", "removed"),
}


def _level(direction: str, tightens: bool | None) -> Level:
    """A tighter request rejects calls that worked; a looser response returns what clients never saw."""
    if tightens is None:
        return "warning"
    if direction == "request":
        return "breaking" if tightens else "info"
    return "info" if tightens else "breaking"


def bound_tightens(bound: str, action: str) -> bool:
    """Whether ``action`` on ``bound`` narrows the values allowed."""
    upper = BOUNDS[bound][0] == "max"
    if action == "set":
        return True
    if action == "unset":
        return False
    return (action == "decreased") == upper


def _schema_rules(prefix: str) -> list[Rule]:
    direction, what = SCHEMA_PREFIXES[prefix]
    category = prefix.replace("-", " ")
    rules = [
        Rule(f"{prefix}-type-changed", "breaking", category, f"the type of {what} changed"),
        Rule(
            f"{prefix}-enum-value-removed",
            _level(direction, True),
            category,
            f"an enum value of {what} was removed",
        ),
        Rule(f"{prefix}-enum-value-added", _level(direction, False), category, f"an enum value was added to {what}"),
        Rule(f"{prefix}-became-enum", _level(direction, True), category, f"{what} now lists the values it takes"),
        Rule(
            f"{prefix}-became-not-enum",
            _level(direction, False),
            category,
            f"{what} no longer lists its values (any value of its type)",
        ),
        Rule(f"{prefix}-became-nullable", _level(direction, False), category, f"{what} may now be null"),
        Rule(f"{prefix}-became-not-nullable", _level(direction, True), category, f"{what} may no longer be null"),
    ]
    for bound, (_, keyword) in BOUNDS.items():
        for action, (_, verb) in _BOUND_ACTIONS.items():
            rules.append(
                Rule(
                    f"{prefix}-{bound}-{action}",
                    _level(direction, bound_tightens(bound, action)),
                    category,
                    f"{keyword} of {what} {verb}",
                )
            )
    rules += [
        Rule(f"{prefix}-pattern-added", _level(direction, True), category, f"a pattern was set on {what}"),
        Rule(f"{prefix}-pattern-removed", _level(direction, False), category, f"the pattern of {what} was removed"),
        Rule(
            f"{prefix}-pattern-changed",
            "warning",
            category,
            f"the pattern of {what} changed (whether it is wider or narrower is not known)",
        ),
        Rule(f"{prefix}-multiple-of-set", _level(direction, True), category, f"multipleOf was set on {what}"),
        Rule(f"{prefix}-multiple-of-unset", _level(direction, False), category, f"multipleOf of {what} was removed"),
        Rule(f"{prefix}-multiple-of-changed", "warning", category, f"multipleOf of {what} changed"),
        Rule(f"{prefix}-unique-items-set", _level(direction, True), category, f"{what} must now hold unique items"),
        Rule(
            f"{prefix}-unique-items-unset",
            _level(direction, False),
            category,
            f"{what} may now hold repeated items",
        ),
    ]
    if prefix in ("request-parameter", "request-property", "response-property"):
        rules.append(Rule(f"{prefix}-deprecated", "info", category, f"{what} became deprecated"))
    return rules


_BEHAVIOURS = {
    "streamed-download": "a streamed download (a binary success body saved to a file)",
    "redirect-download": "a redirect download (3xx with Location, fetched without credentials)",
    "presigned-download": "a presigned download (a URL in a JSON answer, perhaps with an expiry)",
    "pagination": "pagination (`x-pagination`)",
    "async-job": "an asynchronous job polled through another operation",
    "job-status": "a job status declared on a polling operation (`x-job-status`)",
}


def _behaviour_rules() -> list[Rule]:
    rules: list[Rule] = []
    for kind, what in _BEHAVIOURS.items():
        rules += [
            Rule(f"{kind}-added", "info", "download", f"{what} appeared: a new download helper"),
            Rule(f"{kind}-removed", "breaking", "download", f"{what} is gone: its download helper is removed"),
            Rule(
                f"{kind}-changed",
                "warning",
                "download",
                f"{what} reads other fields or statuses: the helper keeps its name, clients generated "
                "from the old document read the wrong ones",
            ),
        ]
    return rules


_OTHER: list[Rule] = [
    Rule("endpoint-added", "info", "endpoint", "an operation was added"),
    Rule("api-removed-without-deprecation", "breaking", "endpoint", "an operation was removed"),
    Rule(
        "api-removed-with-deprecation",
        "breaking",
        "endpoint",
        "an operation that was deprecated was removed (still breaking: its method is gone)",
    ),
    Rule("endpoint-deprecated", "info", "endpoint", "an operation became deprecated"),
    Rule("endpoint-reactivated", "info", "endpoint", "an operation is no longer deprecated"),
    Rule("api-method-renamed", "breaking", "endpoint", "an operation's method is called differently in a style"),
    Rule(
        "api-operation-id-changed",
        "info",
        "endpoint",
        "an operationId changed but every style keeps the method's name",
    ),
    Rule("request-parameter-removed", "breaking", "request parameter", "a parameter was removed"),
    Rule("new-required-request-parameter", "breaking", "request parameter", "a required parameter was added"),
    Rule("new-optional-request-parameter", "info", "request parameter", "an optional parameter was added"),
    Rule("request-parameter-became-required", "breaking", "request parameter", "a parameter became required"),
    Rule("request-parameter-became-optional", "info", "request parameter", "a parameter became optional"),
    Rule(
        "request-parameter-location-changed",
        "breaking",
        "request parameter",
        "a parameter moved (query, header, path, cookie)",
    ),
    Rule("added-required-request-body", "breaking", "request body", "a required request body was added"),
    Rule("added-optional-request-body", "info", "request body", "an optional request body was added"),
    Rule("request-body-removed", "breaking", "request body", "the request body was removed"),
    Rule("request-body-became-required", "breaking", "request body", "the request body became required"),
    Rule("request-body-became-optional", "info", "request body", "the request body became optional"),
    Rule("request-body-media-type-removed", "breaking", "request body", "a request media type was removed"),
    Rule("request-body-media-type-added", "info", "request body", "a request media type was added"),
    Rule("request-property-removed", "breaking", "request property", "a request body property was removed"),
    Rule("new-required-request-property", "breaking", "request property", "a required request property was added"),
    Rule("new-optional-request-property", "info", "request property", "an optional request property was added"),
    Rule("request-property-became-required", "breaking", "request property", "a request property became required"),
    Rule("request-property-became-optional", "info", "request property", "a request property became optional"),
    Rule("response-success-status-removed", "breaking", "response", "a success status was removed"),
    Rule("response-success-status-added", "info", "response", "a success status was added"),
    Rule("response-media-type-removed", "breaking", "response", "a success response's media type was removed"),
    Rule("response-media-type-added", "info", "response", "a success response's media type was added"),
    Rule(
        "response-required-property-removed",
        "breaking",
        "response property",
        "a required response property was removed",
    ),
    Rule(
        "response-optional-property-removed",
        "breaking",
        "response property",
        "an optional response property was removed (its attribute is gone from the model)",
    ),
    Rule("response-property-became-optional", "breaking", "response property", "a response property may be absent"),
    Rule("response-property-became-required", "info", "response property", "a response property is always present"),
    Rule("response-required-property-added", "info", "response property", "a required response property was added"),
    Rule("response-optional-property-added", "info", "response property", "an optional response property was added"),
    Rule("api-security-component-removed", "breaking", "security", "a security scheme was removed"),
    Rule("api-security-component-added", "info", "security", "a security scheme was added"),
    Rule(
        "api-security-component-changed",
        "breaking",
        "security",
        "a security scheme sends its credential differently (type, place or name)",
    ),
    Rule("api-security-removed", "breaking", "security", "a way to authenticate an operation is gone"),
    Rule("api-security-added", "info", "security", "an operation accepts another way to authenticate"),
    Rule("api-server-changed", "warning", "server", "the default server changed: calls go elsewhere"),
]


def _all_rules() -> tuple[Rule, ...]:
    rules = list(_OTHER)
    for prefix in SCHEMA_PREFIXES:
        rules += _schema_rules(prefix)
    rules += _behaviour_rules()
    return tuple(rules)


RULES: tuple[Rule, ...] = _all_rules()
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def rules_markdown() -> str:
    """``docs/diff-rules.md``: the table, grouped by category."""
    lines = [
        "# `diff` rules",
        "",
        "Written from the rule table in `generator/diff/rules.py` by `python -m generator.diff > docs/diff-rules.md`;",
        "`tests/test_diff_rules.py` checks that this file matches the table.",
        "",
        "A level says what a change does to code using a client generated from the new document:",
        "`breaking` (it may stop compiling or working), `warning` (it keeps compiling but may behave",
        "differently), `info` (nothing to do). `--fail-on breaking|warning|any|none` picks the level",
        "that makes `diff` exit 1; an `--ignore` file lists accepted changes by rule id and location.",
        "",
        f"{len(RULES)} rules:",
    ]
    categories: dict[str, list[Rule]] = {}
    for rule in RULES:
        categories.setdefault(rule.category, []).append(rule)
    for category, rules in categories.items():
        lines += ["", f"## {category}", "", "| id | level | change |", "|---|---|---|"]
        lines += [f"| `{r.id}` | {r.level} | {_cell(r.description)} |" for r in rules]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
