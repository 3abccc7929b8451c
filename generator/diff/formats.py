"""The report of ``diff`` in each ``--format``: text, markdown (a pull-request comment), json,
githubactions (workflow-command annotations) and junit (one test case per change)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from ..immutable import immutable
from .model import Change
from .rules import LEVELS


@immutable
class Report:
    changes: list[Change]
    old: str
    new: str
    ignored: int = 0
    """Changes an ``--ignore`` file accepted, left out of ``changes``."""
    file: str | None = None
    """The file annotations point at (githubactions), when NEW is one."""

    def count(self, level: str) -> int:
        return sum(1 for c in self.changes if c.level == level)

    def summary(self) -> str:
        text = ", ".join(f"{self.count(level)} {level}" for level in LEVELS)
        return text + (f" ({self.ignored} ignored)" if self.ignored else "")


def _text(report: Report) -> str:
    if not report.changes:
        suffix = f" ({report.ignored} ignored)" if report.ignored else ""
        return f"{report.old} -> {report.new}: no changes a client can observe{suffix}\n"
    lines = [f"{report.old} -> {report.new}: {report.summary()}"]
    for c in report.changes:
        lines.append(f"{c.level.upper():8}  {c.where}: {c.message}  [{c.kind}]")
        lines.extend(f"          {style}: {meaning}" for style, meaning in c.meaning.items())
    return "\n".join(lines) + "\n"


_BADGE = {"breaking": "💥 breaking", "warning": "⚠️ warning", "info": "info"}


def _markdown(report: Report) -> str:
    lines = [f"### API changes: `{_tick(report.old)}` → `{_tick(report.new)}`", ""]
    if not report.changes:
        return "\n".join([*lines, "No changes a client can observe." + _ignored(report), ""])
    styles = list(report.changes[0].meaning)
    lines += [
        f"**{report.count('breaking')} breaking**, {report.count('warning')} warning, "
        f"{report.count('info')} info.{_ignored(report)}",
        "",
        "| level | rule | where | change | " + " | ".join(f"generated {_cell(s)} API" for s in styles) + " |",
        "|---|---|---|---|" + "---|" * len(styles),
    ]
    for c in report.changes:
        cells = [_BADGE[c.level], f"`{c.kind}`", _cell(c.where), _cell(c.message)]
        cells += [_cell(c.meaning.get(s, "")) for s in styles]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _ignored(report: Report) -> str:
    return f" {report.ignored} accepted change(s) ignored." if report.ignored else ""


def _tick(text: str) -> str:
    return text.replace("`", "'")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _json(report: Report) -> str:
    data = {
        "old": report.old,
        "new": report.new,
        "breaking": report.count("breaking"),
        "warning": report.count("warning"),
        "info": report.count("info"),
        "ignored": report.ignored,
        "changes": [
            {
                "id": c.kind,
                "kind": c.kind,
                "level": c.level,
                "breaking": c.breaking,
                "where": c.where,
                "message": c.message,
                "python": c.python,
                "meaning": c.meaning,
            }
            for c in report.changes
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_ANNOTATION = {"breaking": "error", "warning": "warning", "info": "notice"}


def _workflow_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _workflow_property(text: str) -> str:
    return _workflow_data(text).replace(":", "%3A").replace(",", "%2C")


def _githubactions(report: Report) -> str:
    lines = []
    for c in report.changes:
        props = ([f"file={_workflow_property(report.file)}"] if report.file else []) + [
            f"title={_workflow_property(f'{c.kind} {c.where}')}"
        ]
        meaning = "; ".join(f"{style}: {m}" for style, m in c.meaning.items())
        body = _workflow_data(f"{c.where}: {c.message} ({meaning})")
        lines.append(f"::{_ANNOTATION[c.level]} {','.join(props)}::{body}")
    lines.append(_workflow_data(f"{report.old} -> {report.new}: {report.summary()}"))
    return "\n".join(lines) + "\n"


_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """Text XML 1.0 can hold: characters it cannot (controls, lone surrogates) become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _junit(report: Report) -> str:
    suite = ET.Element(
        "testsuite",
        {
            "name": _xml(f"diff {report.old} -> {report.new}"),
            "tests": str(len(report.changes)),
            "failures": str(report.count("breaking")),
            "errors": "0",
            "skipped": str(report.ignored),
        },
    )
    for c in report.changes:
        case = ET.SubElement(
            suite, "testcase", {"classname": _xml(f"{c.kind}"), "name": _xml(f"{c.where}: {c.message}")}
        )
        meaning = "\n".join(f"{style}: {m}" for style, m in c.meaning.items())
        if c.breaking:
            failure = ET.SubElement(case, "failure", {"type": c.kind, "message": _xml(c.message)})
            failure.text = _xml(meaning)
        else:
            out = ET.SubElement(case, "system-out")
            out.text = _xml(f"{c.level}: {meaning}")
    root = ET.Element("testsuites", {"name": "generator diff"})
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": _text,
    "markdown": _markdown,
    "json": _json,
    "githubactions": _githubactions,
    "junit": _junit,
}


def format_changes(
    changes: list[Change], fmt: str, old: str, new: str, *, ignored: int = 0, file: str | None = None
) -> str:
    """The report in ``fmt`` (a key of ``FORMATS``)."""
    return FORMATS[fmt](Report(changes, old, new, ignored, file))
