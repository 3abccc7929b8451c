"""The markdown report of a sweep, made from the results file alone."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from .classify import GENERATED, failure_class, generates
from .store import Record

STYLES = ("python", "typescript")
EXAMPLES = 3


def markdown(records: Iterable[Record], runs: list[Record], generator: str) -> str:
    by_style: dict[str, list[Record]] = defaultdict(list)
    for record in sorted(records, key=lambda r: (r["doc"], r["style"])):
        by_style[record["style"]].append(record)
    styles = [s for s in STYLES if by_style[s]] + sorted(s for s in by_style if s not in STYLES)
    documents = sorted({r["doc"] for rs in by_style.values() for r in rs})
    lines = [f"Generator hash `{generator[:16]}`: {len(documents)} documents, styles {', '.join(styles) or 'none'}."]
    lines += [_timing(runs), ""]
    lines += [*_class_table(by_style, styles), ""]
    lines += [*_code_tables(by_style), ""]
    lines += [*_validation_and_warnings(by_style, styles), ""]
    lines += [*_coverage(by_style, styles), ""]
    lines += _not_generated(by_style, styles)
    return "\n".join(lines).rstrip() + "\n"


def _timing(runs: list[Record]) -> str:
    if not runs:
        return "No sweep run recorded."
    seconds = sum(float(r.get("seconds", 0)) for r in runs)
    done = sum(int(r.get("documents", 0)) for r in runs)
    interrupted = sum(1 for r in runs if r.get("interrupted"))
    return (
        f"Sweep time: {seconds / 60:.1f} min of wall time over {len(runs)} run(s) ({interrupted} interrupted), "
        f"{done} documents swept, jobs {', '.join(sorted({str(r.get('jobs')) for r in runs}))}."
    )


def _class_table(by_style: dict[str, list[Record]], styles: list[str]) -> list[str]:
    counts: dict[str, Counter[str]] = {s: Counter(failure_class(r) for r in by_style[s]) for s in styles}
    examples: dict[str, list[str]] = defaultdict(list)
    for style in styles:
        for record in by_style[style]:
            name = failure_class(record)
            if record["doc"] not in examples[name] and len(examples[name]) < EXAMPLES:
                examples[name].append(record["doc"])
    classes = sorted({c for s in styles for c in counts[s]}, key=lambda c: (c != GENERATED, -_total(counts, c), c))
    header = ["class", *(f"{s}" for s in styles), "examples"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name in classes:
        cells = [_share(counts[s][name], len(by_style[s])) for s in styles]
        lines.append(f"| {name} | " + " | ".join(cells) + " | " + ", ".join(f"`{d}`" for d in examples[name]) + " |")
    totals = [f"**{len(by_style[s])}**" for s in styles]
    lines.append("| **total** | " + " | ".join(totals) + " | |")
    ok = [_share(sum(1 for r in by_style[s] if generates(r)), len(by_style[s])) for s in styles]
    lines.append("| generates (exit 0 within the time limit) | " + " | ".join(ok) + " | |")
    return lines


def _total(counts: dict[str, Counter[str]], name: str) -> int:
    return sum(c[name] for c in counts.values())


def _share(count: int, total: int) -> str:
    return f"{count} ({100 * count / total:.1f}%)" if total else "0"


def _code_tables(by_style: dict[str, list[Record]]) -> list[str]:
    lines = ["| type checker | error code | documents | errors |", "|---|---|---|---|"]
    for style, tool in (("python", "mypy --strict"), ("typescript", "tsc --strict")):
        documents: Counter[str] = Counter()
        errors: Counter[str] = Counter()
        for record in by_style.get(style, []):
            for code, count in ((record.get("typecheck") or {}).get("errors") or {}).items():
                documents[code] += 1
                errors[code] += count
        for code, count in documents.most_common():
            lines.append(f"| {tool} | `{code}` | {count} | {errors[code]} |")
    return lines if len(lines) > 2 else ["No type checker errors."]


def _validation_and_warnings(by_style: dict[str, list[Record]], styles: list[str]) -> list[str]:
    header = ["style", "default validation accepts", "rejects", "unknown", "with warnings", "warnings"]
    header += ["generated tests run (sample)", "failing"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for style in styles:
        rs = by_style[style]
        verdicts = Counter(r.get("default_valid") for r in rs)
        tested = [r for r in rs if r.get("tests") is not None]
        lines.append(
            f"| {style} | {verdicts[True]} | {verdicts[False]} | {verdicts[None]} | "
            f"{sum(1 for r in rs if r.get('warnings'))} | {sum(r.get('warnings', 0) for r in rs)} | "
            f"{len(tested)} | {sum(1 for r in tested if not r['tests'].get('passed'))} |"
        )
    seconds = [r["seconds"] for s in styles for r in by_style[s]]
    peak = max((r.get("peak_rss", 0) for s in styles for r in by_style[s]), default=0)
    if seconds:
        seconds.sort()
        lines.append("")
        lines.append(
            f"Generation time per run: median {seconds[len(seconds) // 2]:.2f} s, max {seconds[-1]:.1f} s; "
            f"largest peak RSS {peak / 1024**2:.0f} MiB."
        )
    return lines


UNTYPED = ("free_form", "unread", "parameters_without_schema", "bodies_without_schema", "operations_skipped")
TARGET_SHARE = 0.5
"""Percent of the corpus's schemas typed as any, and of its operations skipped, to stay under."""


def _coverage(by_style: dict[str, list[Record]], styles: list[str]) -> list[str]:
    """What the generate lines say was typed as any or skipped: totals with their shares, then per document."""
    header = ["style", "operations", "skipped", "schemas", "free-form (any)", "unreadable (any)"]
    header += ["parameters without a schema", "bodies without a schema", "under 0.5% each"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for style in styles:
        rs = [r for r in by_style[style] if "operations" in r]
        total = {key: sum(int(r.get(key, 0)) for r in rs) for key in ("operations", "schema_nodes", *UNTYPED)}
        offered = total["operations"] + total["operations_skipped"]
        untyped = total["free_form"] + total["unread"]
        met = _percent(untyped, total["schema_nodes"]) < TARGET_SHARE
        met = met and _percent(total["operations_skipped"], offered) < TARGET_SHARE
        lines.append(
            f"| {style} | {total['operations']} | {_share(total['operations_skipped'], offered)} | "
            f"{total['schema_nodes']} | {_share(total['free_form'], total['schema_nodes'])} | "
            f"{_share(total['unread'], total['schema_nodes'])} | {total['parameters_without_schema']} | "
            f"{total['bodies_without_schema']} | {'yes' if met else 'no'} |"
        )
    lines += ["", "Schemas count named and inline ones where a document has one typed as any, named ones otherwise,"]
    lines += ["so each share is at most what it says.", ""]
    first = by_style[styles[0]] if styles else []
    listed = [r for r in first if any(r.get(key) for key in UNTYPED)]
    if not listed:
        return [*lines, "No document has a schema typed as any or an operation skipped."]
    lines += [
        "| document | operations | skipped | schemas | free-form (any) | unreadable (any) | parameters | bodies |"
    ]
    lines += ["|---|---|---|---|---|---|---|---|"]
    for r in listed:
        cells = [r["operations"], r["operations_skipped"], r["schema_nodes"], r["free_form"], r["unread"]]
        cells += [r["parameters_without_schema"], r["bodies_without_schema"]]
        lines.append(f"| `{r['doc']}` | " + " | ".join(str(c) for c in cells) + " |")
    return lines


def _percent(count: int, total: int) -> float:
    return 100 * count / total if total else 0.0


def _not_generated(by_style: dict[str, list[Record]], styles: list[str]) -> list[str]:
    failed: dict[str, list[Record]] = defaultdict(list)
    for style in styles:
        for record in by_style[style]:
            if not generates(record):
                failed[record["doc"]].append(record)
    if not failed:
        return ["Every document generates in every style swept."]
    lines = [f"Documents that do not generate ({len(failed)}):", ""]
    lines += ["| document | styles | first finding |", "|---|---|---|"]
    for doc in sorted(failed):
        records = failed[doc]
        first = records[0].get("first_error") or failure_class(records[0])
        first = first.replace("|", "\\|").replace("`", "'")[:240]
        lines.append(f"| `{doc}` | {', '.join(r['style'] for r in records)} | {first} |")
    return lines
