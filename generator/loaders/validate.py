"""Checks before normalisation: where ``$ref``s point, and openapi-spec-validator's verdict on the overlaid document."""

from __future__ import annotations

import json
import marshal
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from .. import cache, forked
from ..diagnostics import Diagnostics
from ..ir import Origin, escape_pointer
from ..patterns import use_re2_in_validator
from ..sources import Document, Workspace, resolve_pointer, split_pointer
from . import fastcheck
from .context import Dialect

Validation = Literal["error", "warn", "off"]


def check_refs(
    workspace: Workspace, document: Document, diagnostics: Diagnostics, *, lenient: bool = False
) -> tuple[Document | None, bool]:
    """Refuse remote ``$ref``s and ones that leave the spec's folder, before any tool could follow them.

    Returns the document the validator may read, and whether some ref points at another file. A refused
    ref is an error (no document to validate), or, ``lenient`` (``--validation warn``), a warning: the
    validator then reads a copy where each is ``{}`` and the loader reads it as any value. The document is
    walked once without building pointers (a big document has hundreds of thousands of nodes); only when
    some ref is refused is it walked again to place each refused one.
    """
    root = workspace.root.resolve()
    files = _ref_files(document.data)
    external = any(files)
    refused = {target for target in files if _refused(target, document, root)}
    if not refused:
        return document, external
    report = diagnostics.warning if lenient else diagnostics.error
    stack: list[tuple[str, Any]] = [("", document.data)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and ref.partition("#")[0] in refused:
                origin = Origin(file=document.display, pointer=pointer + "/$ref")
                target = ref.partition("#")[0]
                if "://" in target or target.startswith("//"):
                    report("E011", f"remote $ref is not fetched: {ref!r}", origin)
                else:
                    report("E011", f"$ref leaves the spec's folder: {ref!r}", origin)
            stack.extend((f"{pointer}/{escape_pointer(str(k))}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in enumerate(value))
    if not lenient:
        return None, external
    return replace(document, data=_without_refs(document.data, refused)), external


def _without_refs(data: Any, refused: set[str]) -> Any:
    """A copy of ``data`` where each object whose ``$ref`` names a file in ``refused`` is ``{}``."""

    def copied(value: Any) -> Any:
        if isinstance(value, dict):
            ref = value.get("$ref")
            return {} if isinstance(ref, str) and ref.partition("#")[0] in refused else dict(value)
        return list(value) if isinstance(value, list) else value

    root = copied(data)
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        for key, value in list(node.items() if isinstance(node, dict) else enumerate(node)):
            if isinstance(value, (dict, list)):
                node[key] = copied(value)
                stack.append(node[key])
    return root


def _ref_files(data: Any) -> set[str]:
    """The file part (before ``#``) of every ``$ref`` string in ``data``, ``""`` for a ref inside the document."""
    files: set[str] = set()
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                files.add(ref.partition("#")[0])
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return files


def _refused(target: str, document: Document, root: Path) -> bool:
    """Whether a ``$ref``'s file part is remote or leaves ``root`` (the spec's folder)."""
    if "://" in target or target.startswith("//"):
        return True
    return bool(target) and not (document.path.parent / target).resolve().is_relative_to(root)


FINDINGS_FORMAT = "5"
"""Part of the cache key: changed whenever what is stored changes (2: pointers from the root; 3: fastcheck's
verdicts, made sound on defaults with a format, required lists and encoded references; 4: findings worded
from their deepest cause, placed at the node they are about, with the kind caps group them by; 5: a validator
that stops placed at the node it stopped on)."""

MARSHAL_FORMAT = 2
"""The ``marshal`` format of a document's data in its cache key: the last one without back-references."""

CAP_PER_KIND = 20
"""Findings of one kind shown per document; the rest are counted on one line."""
ALL_FINDINGS_ENV = "GENERATOR_ALL_FINDINGS"
"""Set (to anything but empty or 0) to list every finding, uncapped."""
HINT = "(--validation warn generates anyway)"
"""Said on the default mode's last error when warn mode reads past every one (``lenient.hint_read_past``)."""

Findings = list[tuple[str, str, str]]
"""(pointer, message, kind) for each finding."""


def validate_document(
    document: Document, dialect: Dialect, diagnostics: Diagnostics, mode: Validation, *, cacheable: bool = True
) -> bool:
    """Run openapi-spec-validator; False when it found errors and ``mode`` makes them errors."""
    return finish_validation(
        start_validation(document, dialect, mode, cacheable=cacheable), document, diagnostics, mode
    )


def start_validation(
    document: Document, dialect: Dialect, mode: Validation, *, cacheable: bool, in_background: bool = False
) -> forked.Pending[Findings]:
    """The validator's findings on ``document``: computed now, or (``in_background``) in a forked child meanwhile.

    A document whose ``$ref``s stay inside it is validated once per content: the
    findings are cached by the hash of its canonical JSON and the validator's version.
    """
    if mode == "off":
        return forked.start(list, worth_it=False)
    return forked.start(lambda: _cached_findings(document, dialect, cacheable), worth_it=in_background)


def finish_validation(
    pending: forked.Pending[Findings], document: Document, diagnostics: Diagnostics, mode: Validation
) -> bool:
    """Report what ``start_validation`` found; False when ``mode`` makes it errors."""
    return _report(document, diagnostics, mode, pending.result())


def _cached_findings(document: Document, dialect: Dialect, cacheable: bool) -> Findings:
    entry = None
    if cacheable:
        from ..versions import installed_version as version

        # The data exactly (its order too), written by ``marshal`` at C speed: canonical JSON took a tenth of a
        # second for a big document, twice a run (the vendor's document, then the one it normalises to). Format 2
        # writes no back-references, whose use depends on how objects are shared: the same data, the same bytes.
        data = marshal.dumps(document.data, MARSHAL_FORMAT)
        entry = cache.key(
            "openapi-spec-validator", version("openapi-spec-validator"), FINDINGS_FORMAT, dialect, sys.version, data
        )
        cached = cache.get("validation", entry)
        if cached is not None:
            return [(str(p), str(m), str(k)) for p, m, k in json.loads(cached)]
    findings = _findings(document, dialect)
    if entry is not None:
        cache.put("validation", entry, json.dumps(findings).encode("utf-8"))
    return findings


def _report(document: Document, diagnostics: Diagnostics, mode: Validation, findings: Findings) -> bool:
    """One line a distinct finding, at most ``CAP_PER_KIND`` of a kind (errors in error mode, else warnings)."""
    report = diagnostics.error if mode == "error" else diagnostics.warning
    shown = capped([f for f in findings if not _tolerated(document, f[0])], _cap())
    for pointer, message in shown:
        report("E020", message, document.origin(pointer))
    return not shown or mode != "error"


def _cap() -> int | None:
    return None if os.environ.get(ALL_FINDINGS_ENV, "") not in ("", "0") else CAP_PER_KIND


def capped(findings: Findings, cap: int | None) -> list[tuple[str, str]]:
    """(pointer, message) lines: repeats dropped, then past ``cap`` findings of a kind one "... and N more" line.

    The count line is placed at the first finding it stands for.
    """
    distinct = list(dict.fromkeys((pointer, message, kind) for pointer, message, kind in findings))
    if cap is None:
        return [(pointer, message) for pointer, message, _ in distinct]
    per_kind: dict[str, int] = {}
    for _, _, kind in distinct:
        per_kind[kind] = per_kind.get(kind, 0) + 1
    lines: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for pointer, message, kind in distinct:
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= cap:
            lines.append((pointer, message))
        elif seen[kind] == cap + 1:
            more = per_kind[kind] - cap
            lines.append(
                (pointer, f"... and {more} more finding{'s' * (more != 1)} like this ({ALL_FINDINGS_ENV}=1 lists them)")
            )
    return lines


def _tolerated(document: Document, pointer: str) -> bool:
    """Findings the loaders handle themselves, with a warning of their own where it matters.

    An empty ``responses`` object (W004: the result is returned unparsed), a
    ``required`` list that names a property twice (read as a set), and Swagger
    2.0's ``type: file`` response schemas break the schemas the validator
    checks against, yet leave nothing unclear; real specs have all three.
    """
    try:
        parts = split_pointer(pointer)
        node = resolve_pointer(document.data, pointer)
    except (KeyError, ValueError):  # a place that is not in the document
        return False
    if parts[-1:] == ["responses"] and node == {}:
        return True
    if parts[-2:] == ["schema", "type"] and node == "file" and "responses" in parts and "swagger" in document.data:
        return True  # Swagger 2.0 allows `type: file` in a response's schema; the JSON Schema it reuses does not
    return parts[-1:] == ["required"] and isinstance(node, list) and len(node) != len({repr(v) for v in node})


def _findings(document: Document, dialect: Dialect) -> Findings:
    """(pointer, message, kind) for each problem openapi-spec-validator reports.

    ``fastcheck`` first proves, for most documents in a fraction of the time,
    that there is none; when it cannot, the validator itself runs.
    """
    if fastcheck.clean(document.data, dialect):
        return []
    return reference_findings(document, dialect)


def reference_findings(document: Document, dialect: Dialect) -> Findings:
    """(pointer, message, kind) for each problem openapi-spec-validator reports, from the validator itself.

    The validator (and pydantic under it) is imported only here, when ``fastcheck``
    cannot prove a document clean: a cold run on a clean document never pays for it.
    Each finding is worded from its deepest cause and placed at the node it is about
    (``findings.py``, ``sites.py``).
    """
    use_re2_in_validator()  # the validator checks patterns in linear time
    use_jsonschema_in_validator()
    from openapi_spec_validator import (
        OpenAPIV2SpecValidator,
        OpenAPIV30SpecValidator,
        OpenAPIV31SpecValidator,
        OpenAPIV32SpecValidator,
    )

    from .sites import SITE, failure, finding, located_validator

    version = str(document.data.get("openapi", "")) if dialect != "2.0" else "2.0"
    validator_class: Any = {
        "2.0": OpenAPIV2SpecValidator,
        "3.0": OpenAPIV30SpecValidator,
        "3.1": OpenAPIV32SpecValidator if version.startswith("3.2") else OpenAPIV31SpecValidator,
    }[dialect]
    findings: Findings = []
    whole_document: set[str] = set()  # where the first step (the document against the OpenAPI schema) found problems
    try:
        validator = located_validator(validator_class)(document.data, base_uri=document.path.resolve().as_uri())
        for error in validator.iter_errors():
            found = finding(document.data, error)
            site = getattr(error, SITE, None)
            if site is None:
                whole_document.add(found[0])
            elif site[0] == "schema" and found[0] in whole_document:
                continue  # a schema object checked again on its own: the same problem in other words
            findings.append(found)
    except RecursionError:
        findings.append(("", "the validator gave up: references nest too deeply", "validator"))
    except Exception as exc:  # the validator's own failure is a finding about the document, not a crash
        findings.append(failure(document.data, exc))
    return findings


def use_jsonschema_in_validator() -> None:
    """Make openapi-spec-validator check the whole document with ``jsonschema``, never jsonschema-rs.

    It picks jsonschema-rs by itself when it is installed (and it is: ``fastcheck`` compiles with it), but the
    findings are worded and placed from ``jsonschema``'s errors (``findings.py``, ``sites.py``).
    """
    from openapi_spec_validator.schemas import backend

    backend._use_jsonschema_rs = lambda: False
