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
    "W012": "a cookie parameter the generated clients cannot send",
    "W013": "a required property leads back to its own schema: no finite test value exists",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    severity: Severity
    code: str
    message: str
    origin: Origin | None = None
    line: int | None = None

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


@dataclass(slots=True)
class Diagnostics:
    """An ordered collection of problems; cheap to pass around and to merge."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, code: str, message: str, origin: Origin | None = None) -> None:
        self.items.append(Diagnostic(severity="error", code=code, message=message, origin=origin))

    def warning(self, code: str, message: str, origin: Origin | None = None) -> None:
        self.items.append(Diagnostic(severity="warning", code=code, message=message, origin=origin))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

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


class GenerationError(Exception):
    """Raised to stop a pipeline stage; carries the problems that stopped it."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        super().__init__(f"{len(diagnostics.errors)} error(s)")
        self.diagnostics = diagnostics
