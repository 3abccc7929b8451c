"""Problems as values: collected while the pipeline runs, printed together, mapped to exit codes.

Every message reads ``file#/json/pointer:line: severity[CODE]: message`` so an
editor or a CI log can point at the exact place. Codes are stable and listed in
``CODES``; tests and users may rely on them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, TextIO

from .immutable import immutable
from .ir import Origin

Severity = Literal["error", "warning"]

EXIT_OK = 0
EXIT_DIFFERENCES = 1
EXIT_INVALID = 2
EXIT_INTERNAL = 3

CODES: dict[str, str] = {
    "E001": "file cannot be read",
    "E002": "document is not valid YAML or JSON",
    "E003": "document is not an OpenAPI or Swagger description this generator reads",
    "E004": "document is too large, too deep or has too many aliases",
    "E005": "a number is not finite or is beyond a double's range",
    "E010": "$ref cannot be resolved",
    "E011": "$ref leaves the spec's folder or points at the network",
    "E012": "$ref cycle that cannot be expressed",
    "E020": "document fails OpenAPI validation",
    "E030": "malformed node the loader needs",
    "E031": "duplicate operationId",
    "E032": "path parameter not declared or not required",
    "E040": "conflicting definitions while merging documents",
    "E050": "overlay document is invalid",
    "E051": "overlay target is not valid JSONPath",
    "E060": "provider manifest is invalid",
    "E061": "unknown provider",
    "E062": "style cannot be found or loaded",
    "E063": "remembered names (names.yaml) are invalid",
    "E064": "a vendor update cannot be applied",
    "E068": "a diff ignore file is invalid",
    "E070": "extension value is malformed",
    "E080": "generation failed",
    "E081": "a template cannot be read or rendered",
    "E090": "output folder is not the generator's to replace",
    "E091": "output cannot be written",
    "W001": "a part of the description was skipped",
    "W002": "overlay target matched nothing",
    "W003": "a name had to be changed to stay unique",
    "W004": "responses object is empty",
    "W005": "unsupported feature ignored",
    "W006": "a string holds a lone surrogate; read with U+FFFD in its place",
    "W007": "a key appears twice in one object; the last one is used",
    "W008": "a discriminator names a schema or property that does not exist",
    "W009": "a pattern the generated clients do not check",
    "W010": "a length or count too large for the values of examples and generated tests",
    "W011": "a template override replaces no template of its style",
    "W012": "a cookie or header parameter the generated clients cannot send",
    "W013": "a required property leads back to its own schema: no finite test value exists",
    "W015": "an object merged from `allOf` too large to copy where it is used becomes a model of its own",
    "W016": "a schema without `type` whose keywords belong to more than one type; read as any value",
    "W017": "security schemes required together write the same header, query parameter or cookie; sent once",
    "W014": "a header parameter's default or example that no client can send",
    "W020": "an overlay action matches other nodes than when the lock file was written",
}


@immutable(kw_only=True)
class Diagnostic:
    severity: Severity
    code: str
    message: str
    origin: Origin | None = None
    line: int | None = None
    also_at: list[Origin] = field(default_factory=list, compare=False, repr=False)
    """Where a warning shown at ``MAX_PLACES_SHOWN`` places was found besides (``Diagnostics`` counts them in the
    message): what counts findings by place (``core/coverage.py``) reads them here."""

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code}")

    def format(self) -> str:
        where = ""
        if self.origin is not None:
            where = str(self.origin)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return f"{where}{self.severity}[{self.code}]: {self.message}"


MAX_PLACES_SHOWN = 5
"""A warning with the same code and message at more places is shown at this many; the last one counts the rest."""


@dataclass(slots=True)
class Diagnostics:
    """An ordered collection of problems; cheap to pass around and to merge.

    A problem found again at the same place (a schema reached along many paths) is kept once;
    a warning repeated at many places (one document idiom throughout an API) is kept at
    ``MAX_PLACES_SHOWN`` of them, the last of which says at how many more places it was found.
    """

    items: list[Diagnostic] = field(default_factory=list)
    _seen: set[tuple[str, str, str, Origin | None]] = field(default_factory=set, compare=False, repr=False)
    _places: dict[tuple[str, str], list[int]] = field(default_factory=dict, compare=False, repr=False)
    """(code, message) of a warning -> [places it was found at, index in ``items`` of the last one shown]."""

    def error(self, code: str, message: str, origin: Origin | None = None) -> None:
        self._add(Diagnostic(severity="error", code=code, message=message, origin=origin))

    def warning(self, code: str, message: str, origin: Origin | None = None) -> None:
        self._add(Diagnostic(severity="warning", code=code, message=message, origin=origin))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        for diag in other:
            self._add(diag)

    def _add(self, diag: Diagnostic) -> None:
        seen = (diag.severity, diag.code, diag.message, diag.origin)
        if diag.origin is not None and seen in self._seen:
            return
        self._seen.add(seen)
        if diag.severity != "warning":
            self.items.append(diag)
            return
        places = self._places.setdefault((diag.code, diag.message), [0, -1])
        places[0] += 1
        if places[0] <= MAX_PLACES_SHOWN:
            places[1] = len(self.items)
            self.items.append(diag)
            return
        more = places[0] - MAX_PLACES_SHOWN
        last = self.items[places[1]]
        counted = f"{diag.message} (and at {more} more place{'s' if more > 1 else ''})"
        if diag.origin is not None:
            last.also_at.append(diag.origin)
        self.items[places[1]] = Diagnostic(
            severity=last.severity,
            code=last.code,
            message=counted,
            origin=last.origin,
            line=last.line,
            also_at=last.also_at,
        )

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def has_errors(self, *, strict: bool = False) -> bool:
        return any(d.severity == "error" or strict for d in self.items)

    def print(self, stream: TextIO = sys.stderr) -> None:
        for diag in self.items:
            print(diag.format(), file=stream)
