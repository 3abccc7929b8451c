"""Command line: argument parsing only; the work is done by the pipeline modules.

Exit codes: 0 success, 1 a check found differences, 2 invalid input or usage,
3 an internal error (a bug; ``GENERATOR_DEBUG=1`` shows its traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .core.registry import BUILTIN
from .diagnostics import EXIT_DIFFERENCES, EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, Diagnostics
from .ir import Api, Origin
from .output import OutputError, shown, write_file
from .progress import Progress
from .sources import display_path
from .spec_files import SpecFiles

if TYPE_CHECKING:
    from .targets import Target


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error[usage]: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INVALID)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="generator", description="Generate API clients from OpenAPI and Swagger descriptions.")
    parser.add_argument("--specs-dir", type=Path, default=Path("specs"), help="provider folders (default: specs)")
    parser.add_argument(
        "--generated-dir", type=Path, default=Path("generated"), help="output root (default: generated)"
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def styles(sub: argparse.ArgumentParser, default: str) -> None:
        sub.add_argument(
            "--style",
            metavar="NAME",
            help=f"style: built in ({', '.join(BUILTIN)}), in a --style-path folder, or installed ({default})",
        )
        sub.add_argument(
            "--style-path",
            action="append",
            type=Path,
            default=[],
            metavar="DIR",
            help="a folder of styles (DIR/NAME/__init__.py defining STYLE); repeatable, searched in order",
        )
        sub.add_argument(
            "--templates",
            type=Path,
            metavar="DIR",
            help="template overrides for the style, file by file (needs --style unless the run has one style)",
        )

    def documents(sub: argparse.ArgumentParser, *helps: str | None) -> None:
        """``--spec``, ``--overlay`` and ``--overlay-normalised``: files, each option repeatable."""
        for flag, text in zip(("--spec", "--overlay", "--overlay-normalised"), helps or (None,) * 3, strict=True):
            sub.add_argument(flag, action="append", type=Path, default=[], metavar="FILE", help=text)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
        sub.add_argument(
            "--validation",
            choices=("error", "warn", "off"),
            default="error",
            help=(
                "what openapi-spec-validator's findings are (default: error); warn and off also read past"
                " unresolvable $refs and unknown types as any value, with a warning"
            ),
        )
        sub.add_argument("-q", "--quiet", action="store_true", help="print errors only")

    gen = commands.add_parser("generate", help="render clients (providers from specs/, or any --spec)")
    gen.add_argument("providers", nargs="*", metavar="PROVIDER", help="providers to generate (default: all)")
    documents(
        gen,
        "a spec document (repeat to merge several)",
        "an Overlay 1.0 document applied to every --spec as written (repeatable, in order)",
        "an Overlay 1.0 document applied to the --spec documents normalised to OpenAPI 3.1 (docs/overlays.md)",
    )
    gen.add_argument("--name", help="package name for --spec")
    gen.add_argument("--out", type=Path, help="output folder for --spec")
    gen.add_argument("--force", action="store_true", help="rebuild packages even when nothing changed")
    gen.add_argument(
        "--rename",
        action="store_true",
        help="derive every name from the documents again, forgetting the provider's names.yaml",
    )
    styles(gen, "default: the provider's styles, else every built-in one; python for --spec")
    common(gen)

    check = commands.add_parser("check", help="regenerate in memory and compare with generated/ (exit 1 on drift)")
    check.add_argument("providers", nargs="*", metavar="PROVIDER", help="providers to check (default: all)")
    check.add_argument("--force", action="store_true", help="rebuild packages even when nothing changed")
    styles(check, "default: the provider's styles, else every built-in one")
    common(check)

    diff = commands.add_parser("diff", help="breaking and compatible changes between two versions of an API")
    diff.add_argument("old", metavar="OLD", help="spec file, provider name, or REV:path")
    diff.add_argument("new", metavar="NEW", help="spec file, provider name, or REV:path")
    diff.add_argument("--format", choices=("text", "markdown", "json", "githubactions", "junit"), default="text")
    diff.add_argument(
        "--fail-on",
        choices=("breaking", "warning", "any", "none"),
        default="none",
        help="exit 1 when a change of this level or above remains (any: any change); default: never",
    )
    diff.add_argument(
        "--ignore",
        type=Path,
        metavar="FILE",
        help="accepted changes, one a line: `rule-id [location]  # why` (docs/diff-rules.md)",
    )
    common(diff)

    upd = commands.add_parser(
        "update", help="put a vendor's new documents in place, bump the version, add a changelog entry, regenerate"
    )
    upd.add_argument("provider", metavar="PROVIDER", help="the provider whose documents the vendor replaced")
    upd.add_argument("documents", nargs="+", type=Path, metavar="NEWFILE", help="the vendor's new documents")
    upd.add_argument(
        "--report", type=Path, metavar="FILE", help="write the markdown report here (default: standard output)"
    )
    common(upd)

    ir = commands.add_parser("ir", help="print the intermediate model as JSON")
    ir.add_argument("provider", nargs="?", metavar="PROVIDER")
    documents(ir)
    common(ir)

    export = commands.add_parser("export", help="write the merged, overlaid, normalised spec as OpenAPI 3.1 JSON")
    export.add_argument("provider", nargs="?", metavar="PROVIDER")
    documents(export)
    export.add_argument("--out", type=Path, metavar="FILE", help="write here instead of standard output")
    common(export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        # A run builds millions of small objects that live to its end and makes almost no cyclic garbage: the
        # collector's passes over them are all it would do (measured: 3-13% of a big document's run, less memory
        # only by 0.2-3.3 MB), and in a forked child they copy the pages the parent shares. Called as a library
        # (``argv`` given), the caller's collector is left as it is.
        gc.disable()
    args = _parser().parse_args(argv)
    args.program = argv is None  # run as a program (not called in process): it ends when this returns
    diagnostics = Diagnostics()
    try:
        commands = {
            "ir": _ir,
            "check": _check,
            "generate": _generate,
            "diff": _diff,
            "export": _export,
            "update": _update,
        }
        code = commands[args.command](args, diagnostics)
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug in the generator: say so plainly, keep the traceback for --debug
        if isinstance(exc, OSError) and exc.errno in _CANNOT_WRITE:  # the machine's, not a bug: a full disk, a pipe
            standard_output_error()
            _report(diagnostics, args)
            where = display_path(Path(exc.filename)) if isinstance(exc.filename, str) else "standard output"
            print(f"{where}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_INVALID
        if os.environ.get("GENERATOR_DEBUG"):
            raise
        _report(diagnostics, args)
        print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("this is a bug in the generator; rerun with GENERATOR_DEBUG=1 for the traceback", file=sys.stderr)
        return EXIT_INTERNAL
    _report(diagnostics, args)
    if diagnostics.has_errors(strict=args.strict):
        return EXIT_INVALID
    return code


_CANNOT_WRITE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EPIPE, errno.EIO})
"""Errors of writing that the machine gives (a full disk or quota, a file too large, a closed pipe, a device)."""


def standard_output_error() -> str | None:
    """Why what is waiting for standard output cannot be written, or None when it can; when it cannot (a full disk,
    a closed pipe), the rest of the run's output goes nowhere, so that Python's exit does not fail on it again."""
    try:
        sys.stdout.flush()
        return None
    except (OSError, ValueError) as exc:
        with contextlib.suppress(OSError, ValueError):
            nowhere = os.open(os.devnull, os.O_WRONLY)
            os.dup2(nowhere, sys.stdout.fileno())
            os.close(nowhere)
        return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def _report(diagnostics: Diagnostics, args: argparse.Namespace) -> None:
    for diag in diagnostics:
        if args.quiet and diag.severity == "warning" and not args.strict:
            continue
        print(diag.format(), file=sys.stderr)
    if diagnostics.has_errors(strict=args.strict):
        errors = len(diagnostics.errors) + (len(diagnostics.warnings) if args.strict else 0)
        print(f"{errors} error(s); nothing was written", file=sys.stderr)


def _one_api(args: argparse.Namespace, diagnostics: Diagnostics) -> Api | None:
    """The API named by ``PROVIDER`` or by ``--spec FILE [--overlay FILE]`` (``ir`` and ``export``)."""
    from .pipeline import build_api, provider_api
    from .providers import load_provider

    if bool(args.provider) == bool(args.spec) or (args.provider and (args.overlay or args.overlay_normalised)):
        diagnostics.error(
            "E061", "give either a PROVIDER or --spec FILE (with any --overlay FILE or --overlay-normalised FILE)"
        )
        return None
    if args.provider:
        provider = load_provider(args.specs_dir, args.provider, diagnostics)
        api = provider_api(provider, diagnostics) if provider else None
    else:
        api = build_api(_spec_files(args), diagnostics=diagnostics, validation=args.validation)
    return None if diagnostics.has_errors(strict=args.strict) else api


def _spec_files(args: argparse.Namespace) -> SpecFiles:
    """``--spec``, ``--overlay`` and ``--overlay-normalised`` (``generate``, ``ir`` and ``export``)."""
    return SpecFiles.of(args.spec, args.overlay, args.overlay_normalised)


def _ir(args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from .dump import api_to_json

    api = _one_api(args, diagnostics)
    if api is None:
        return EXIT_INVALID
    sys.stdout.write(api_to_json(api))
    return EXIT_OK


def _generate(args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from .build import (
        build_targets,
        check_outputs,
        remember_all,
        spec_target,
        uninterrupted,
        write_names,
        write_targets,
    )
    from .names import NAMES_FILE

    if args.spec:
        if args.providers or not args.name or not args.out:
            diagnostics.error("E061", "--spec needs --name and --out, and no PROVIDER")
            return EXIT_INVALID
        style = args.style or "python"
        if not _templates_ok(args, diagnostics):
            return EXIT_INVALID
        target = spec_target(
            _spec_files(args),
            args.name,
            args.out,
            style,
            diagnostics,
            style_path=args.style_path,
            templates=args.templates,
        )
        targets: list[Target] = [target]
    else:
        if args.overlay or args.overlay_normalised or args.name or args.out:
            diagnostics.error("E061", "--overlay, --overlay-normalised, --name and --out go with --spec")
            return EXIT_INVALID
        found = _provider_targets(args, diagnostics)
        if found is None:
            return EXIT_INVALID
        targets = found
    hint = "choose an empty or new folder for --out" if args.spec else "empty it or move it away"
    check_outputs(targets, diagnostics, hint=hint)
    if diagnostics.has_errors(strict=args.strict):
        return EXIT_INVALID
    progress = Progress(len(targets), quiet=args.quiet)
    rename = bool(getattr(args, "rename", False))
    unnamed = any(t.manifest is not None and not (t.manifest.parent / NAMES_FILE).is_file() for t in targets)
    reuse = not (args.force or rename or unnamed)  # names.yaml is written from a build
    build = build_targets(
        targets, diagnostics, validation=args.validation, reuse=reuse, progress=progress, rename=rename
    )
    if build is None or diagnostics.has_errors(strict=args.strict):
        return EXIT_INVALID
    try:
        with uninterrupted(until_exit=args.program):  # the new tree goes in whole; once it is in, the run succeeds
            lines = write_targets(build.outputs)
            lines += write_names(build.outputs)
            remember_all(build.outputs, args.validation)
    except (OutputError, OSError) as exc:  # the user's file system, not a bug; the previous tree is back
        _output_failed(exc, targets[0].out if len(targets) == 1 else args.generated_dir, diagnostics)
        return EXIT_INVALID
    if not args.quiet:
        for line in lines:
            print(line)
        for skipped in build.skipped:
            print(f"{skipped.target.label}: unchanged -> {display_path(skipped.target.out)} ({skipped.files} files)")
    return EXIT_OK


def _provider_targets(args: argparse.Namespace, diagnostics: Diagnostics) -> list[Target] | None:
    """The targets of ``generate`` and ``check`` without ``--spec``: PROVIDERs (or all) in ``--style`` (or theirs)."""
    from .build import provider_targets

    if not _templates_ok(args, diagnostics, needs_style=True):
        return None
    styles = [args.style] if args.style else []
    return provider_targets(
        args.specs_dir,
        args.generated_dir,
        args.providers,
        styles,
        diagnostics,
        style_path=args.style_path,
        templates=args.templates,
    )


def _templates_ok(args: argparse.Namespace, diagnostics: Diagnostics, *, needs_style: bool = False) -> bool:
    """``--templates`` names a folder, and the one style it overrides (``--style``, or ``--spec``'s one style)."""
    if args.templates is None:
        return True
    if needs_style and not args.style:
        diagnostics.error("E061", "--templates needs --style: say which style's templates it overrides")
        return False
    if not args.templates.is_dir():
        diagnostics.error("E061", "--templates must be a folder", Origin(file=shown(args.templates)))
        return False
    return True


def _output_failed(exc: OutputError | OSError, fallback: Path, diagnostics: Diagnostics) -> None:
    if isinstance(exc, OSError):
        exc = OutputError.of(exc, exc.filename if isinstance(exc.filename, str) else fallback)
    diagnostics.error(exc.code, exc.reason, Origin(file=shown(exc.path)))


def _folder_exists(path: Path, option: str, diagnostics: Diagnostics) -> bool:
    """The folder ``option`` writes ``path`` into exists (checked before any work)."""
    if path.parent.is_dir():
        return True
    diagnostics.error("E061", f"the folder of {option} does not exist: {path.parent}")
    return False


def _write_text(path: Path, text: str, diagnostics: Diagnostics) -> bool:
    """``text`` written to ``path`` whole; False after an error (a previous file is kept)."""
    try:
        write_file(path, text.encode("utf-8"))
    except (OutputError, OSError) as exc:  # the user's file system, not a bug
        _output_failed(exc, path, diagnostics)
        return False
    return True


def _check(args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from .build import build_targets, remember_all
    from .drift import compare, report

    targets = _provider_targets(args, diagnostics)
    if targets is None or diagnostics.has_errors(strict=args.strict):
        return EXIT_INVALID
    progress = Progress(len(targets), quiet=args.quiet)
    build = build_targets(targets, diagnostics, validation=args.validation, reuse=not args.force, progress=progress)
    if build is None or diagnostics.has_errors(strict=args.strict):
        return EXIT_INVALID
    drift = compare(build.outputs)
    if drift.clean:
        remember_all(build.outputs, args.validation)
        if not args.quiet:
            print(f"generated/ is up to date ({len(targets)} packages)")
        return EXIT_OK
    for line in report(drift):
        print(line)
    print("generated/ is out of date: run `make generate`", file=sys.stderr)
    return EXIT_DIFFERENCES


def _diff(args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    import tempfile

    from .diff import diff_apis, format_changes
    from .diff.accept import fails, read_ignore_file, split_accepted
    from .names import apply_names, read_names
    from .pipeline import build_api
    from .revisions import resolve_source

    accepted = read_ignore_file(args.ignore, diagnostics) if args.ignore is not None else []
    if accepted is None:
        return EXIT_INVALID
    with tempfile.TemporaryDirectory(prefix="generator-diff-") as scratch:
        apis = []
        for argument in (args.old, args.new):
            source = resolve_source(argument, args.specs_dir, Path(scratch), diagnostics)
            api = build_api(source.files, diagnostics=diagnostics, validation=args.validation) if source else None
            if api is not None and source is not None and source.folder is not None:
                names = read_names(source.folder, diagnostics)  # a cosmetic rename by the vendor is no change
                api = apply_names(api, names) if names is not None else None
            apis.append(api)
        old, new = apis
        if old is None or new is None or diagnostics.has_errors(strict=args.strict):
            return EXIT_INVALID
    changes, ignored = split_accepted(diff_apis(old, new), accepted)
    file = args.new if Path(args.new).is_file() else None
    sys.stdout.write(format_changes(changes, args.format, args.old, args.new, ignored=ignored, file=file))
    return EXIT_DIFFERENCES if fails(changes, args.fail_on) else EXIT_OK


def _export(args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from .export import export_json

    api = _one_api(args, diagnostics)
    if api is None:
        return EXIT_INVALID
    text = export_json(api)
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    out: Path = args.out
    if not _folder_exists(out, "--out", diagnostics) or not _write_text(out, text, diagnostics):
        return EXIT_INVALID
    if not args.quiet:
        print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def _update(args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from .update import update

    report: Path | None = args.report
    if report is not None and not _folder_exists(report, "--report", diagnostics):
        return EXIT_INVALID
    code, text = update(
        args.specs_dir,
        args.generated_dir,
        args.provider,
        args.documents,
        diagnostics,
        validation=args.validation,
        strict=args.strict,
    )
    if report is None:
        sys.stdout.write(text)
        return code
    if not _write_text(report, text, diagnostics):
        return EXIT_INVALID
    if not args.quiet:
        print(f"wrote {display_path(report)}", file=sys.stderr)
    return code
