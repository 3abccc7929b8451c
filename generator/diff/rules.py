"""The rule table of ``diff``: every kind of change it reports, with a stable id and a level.

Ids and categories follow oasdiff's (``request-parameter-max-length-decreased``,
``response-property-enum-value-added``, ``api-removed-without-deprecation``, ...), so a team
that knows one tool reads the other. A level says what a change does to code using a client
generated from the new document: ``breaking`` (it may stop compiling or working), ``warning``
(it keeps compiling but may behave differently), ``info`` (nothing to do). ``docs/diff-rules.md``
is written from this table (``rules_markdown``).
"""

from __future__ import annotations

from typing import Literal

from ..immutable import immutable

Level = Literal["breaking", "warning", "info"]
LEVELS: tuple[Level, ...] = ("breaking", "warning", "info")


@immutable
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


Effect = Literal["tighter", "looser"] | Level
"""What a schema change does to the values allowed; a level where it does not depend on the side."""

_SCHEMA_CHANGES: tuple[tuple[str, Effect, str], ...] = (
    ("type-changed", "breaking", "the type of {what} changed"),
    ("enum-value-removed", "tighter", "an enum value of {what} was removed"),
    ("enum-value-added", "looser", "an enum value was added to {what}"),
    ("became-enum", "tighter", "{what} now lists the values it takes"),
    ("became-not-enum", "looser", "{what} no longer lists its values (any value of its type)"),
    ("became-nullable", "looser", "{what} may now be null"),
    ("became-not-nullable", "tighter", "{what} may no longer be null"),
    ("pattern-added", "tighter", "a pattern was set on {what}"),
    ("pattern-removed", "looser", "the pattern of {what} was removed"),
    ("pattern-changed", "warning", "the pattern of {what} changed (whether it is wider or narrower is not known)"),
    ("multiple-of-set", "tighter", "multipleOf was set on {what}"),
    ("multiple-of-unset", "looser", "multipleOf of {what} was removed"),
    ("multiple-of-changed", "warning", "multipleOf of {what} changed"),
    ("unique-items-set", "tighter", "{what} must now hold unique items"),
    ("unique-items-unset", "looser", "{what} may now hold repeated items"),
)
"""A schema rule's id after its prefix -> its effect and description (``{what}``: the schema's place)."""

_BOUNDS_BEFORE = "pattern-added"
"""The rules of ``BOUNDS`` stand in the table before this one."""


def _schema_rules(prefix: str) -> list[Rule]:
    direction, what = SCHEMA_PREFIXES[prefix]
    category = prefix.replace("-", " ")

    def rule(change: str, effect: Effect, description: str) -> Rule:
        if effect == "tighter" or effect == "looser":
            effect = _level(direction, effect == "tighter")
        return Rule(f"{prefix}-{change}", effect, category, description.format(what=what))

    rules = [rule(*row) for row in _SCHEMA_CHANGES]
    at = next(i for i, (change, _, _) in enumerate(_SCHEMA_CHANGES) if change == _BOUNDS_BEFORE)
    rules[at:at] = [
        rule(
            f"{bound}-{action}",
            "tighter" if bound_tightens(bound, action) else "looser",
            f"{keyword} of {{what}} {verb}",
        )
        for bound, (_, keyword) in BOUNDS.items()
        for action, (_, verb) in _BOUND_ACTIONS.items()
    ]
    if prefix in ("request-parameter", "request-property", "response-property"):
        rules.append(rule("deprecated", "info", "{what} became deprecated"))
    return rules


_BEHAVIOURS = {
    "streamed-download": "a streamed download (a binary success body saved to a file)",
    "redirect-download": "a redirect download (3xx with Location, fetched without credentials)",
    "presigned-download": "a presigned download (a URL in a JSON answer, perhaps with an expiry)",
    "pagination": "pagination (`x-pagination`)",
    "async-job": "an asynchronous job polled through another operation",
    "job-status": "a job status declared on a polling operation (`x-job-status`)",
}

_BEHAVIOUR_CHANGES: tuple[tuple[str, Level, str], ...] = (
    ("added", "info", "{what} appeared: a new download helper"),
    ("removed", "breaking", "{what} is gone: its download helper is removed"),
    (
        "changed",
        "warning",
        "{what} reads other fields or statuses: the helper keeps its name, clients generated "
        "from the old document read the wrong ones",
    ),
)


def _behaviour_rules() -> list[Rule]:
    return [
        Rule(f"{kind}-{change}", level, "download", description.format(what=what))
        for kind, what in _BEHAVIOURS.items()
        for change, level, description in _BEHAVIOUR_CHANGES
    ]


_OTHER = """
## endpoint
endpoint-added                     | info     | an operation was added
api-removed-without-deprecation    | breaking | an operation was removed
api-removed-with-deprecation       | breaking | an operation that was deprecated was removed (still breaking: its
    method is gone)
endpoint-deprecated                | info     | an operation became deprecated
endpoint-reactivated               | info     | an operation is no longer deprecated
api-method-renamed                 | breaking | an operation's method is called differently in a style
api-operation-id-changed           | info     | an operationId changed but every style keeps the method's name
## request parameter
request-parameter-removed          | breaking | a parameter was removed
new-required-request-parameter     | breaking | a required parameter was added
new-optional-request-parameter     | info     | an optional parameter was added
request-parameter-became-required  | breaking | a parameter became required
request-parameter-became-optional  | info     | a parameter became optional
request-parameter-location-changed | breaking | a parameter moved (query, header, path, cookie)
request-parameter-serialization-changed | breaking | a parameter is written differently on the wire (its style,
    explode, or one JSON text of a `content`)
## request body
added-required-request-body        | breaking | a required request body was added
added-optional-request-body        | info     | an optional request body was added
request-body-removed               | breaking | the request body was removed
request-body-became-required       | breaking | the request body became required
request-body-became-optional       | info     | the request body became optional
request-body-media-type-removed    | breaking | a request media type was removed
request-body-media-type-added      | info     | a request media type was added
## request property
request-property-removed           | breaking | a request body property was removed
new-required-request-property      | breaking | a required request property was added
new-optional-request-property      | info     | an optional request property was added
request-property-became-required   | breaking | a request property became required
request-property-became-optional   | info     | a request property became optional
## response
response-success-status-removed    | breaking | a success status was removed
response-success-status-added      | info     | a success status was added
response-media-type-removed        | breaking | a success response's media type was removed
response-media-type-added          | info     | a success response's media type was added
## response property
response-required-property-removed | breaking | a required response property was removed
response-optional-property-removed | breaking | an optional response property was removed (its attribute is gone
    from the model)
response-property-became-optional  | breaking | a response property may be absent
response-property-became-required  | info     | a response property is always present
response-required-property-added   | info     | a required response property was added
response-optional-property-added   | info     | an optional response property was added
## security
api-security-component-removed     | breaking | a security scheme was removed
api-security-component-added       | info     | a security scheme was added
api-security-component-changed     | breaking | a security scheme sends its credential differently (type, place or
    name)
api-security-removed               | breaking | a way to authenticate an operation is gone
api-security-added                 | info     | an operation accepts another way to authenticate
## server
api-server-changed                 | warning  | the default server changed: calls go elsewhere
"""
"""The rules of whole operations, parameters, bodies, properties, security and servers: a
``## category`` line, then ``id | level | change`` a rule a line (an indented line goes on with the change)."""


_LEVEL_NAMES: dict[str, Level] = {level: level for level in LEVELS}


def _table_rules(table: str) -> list[Rule]:
    rules: list[Rule] = []
    category = ""
    for line in table.strip().splitlines():
        if line.startswith("## "):
            category = line[3:]
        elif line.startswith(" "):
            rule = rules.pop()
            rules.append(Rule(rule.id, rule.level, category, f"{rule.description} {line.strip()}"))
        else:
            id, level, description = (cell.strip() for cell in line.split("|"))
            rules.append(Rule(id, _LEVEL_NAMES[level], category, description))
    return rules


def _all_rules() -> tuple[Rule, ...]:
    rules = _table_rules(_OTHER)
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
