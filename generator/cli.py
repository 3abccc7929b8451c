"""Command line: argument parsing only; the work is done by the pipeline modules.

Exit codes: 0 success, 1 a check found differences, 2 invalid input or usage,
3 an internal error (a bug; ``GENERATOR_DEBUG=1`` shows its traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import EXIT_DIFFERENCES, EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, Diagnostics


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

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
        sub.add_argument(
            "--validation",
            choices=("error", "warn", "off"),
            default="error",
            help="what openapi-spec-validator's findings are (default: error)",
        )
        sub.add_argument("-q", "--quiet", action="store_true", help="print errors only")

    gen = commands.add_parser("generate", help="render clients (providers from specs/, or any --spec)")
    gen.add_argument("providers", nargs="*", metavar="PROVIDER", help="providers to generate (default: all)")
    gen.add_argument(
        "--spec",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="a spec document (repeat to merge several)",
    )
    gen.add_argument(
        "--overlay",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="an Overlay 1.0 document applied to every --spec (repeatable, in order)",
    )
    gen.add_argument("--name", help="package name for --spec")
    gen.add_argument("--out", type=Path, help="output folder for --spec")
    gen.add_argument("--style", default="python", help="client style (default: python)")
    common(gen)

    check = commands.add_parser("check", help="regenerate in memory and compare with generated/ (exit 1 on drift)")
    check.add_argument("providers", nargs="*", metavar="PROVIDER", help="providers to check (default: all)")
    check.add_argument("--style", default="python", help="client style (default: python)")
    common(check)

    ir = commands.add_parser("ir", help="print the intermediate model as JSON")
    ir.add_argument("provider", nargs="?", metavar="PROVIDER")
    ir.add_argument("--spec", action="append", type=Path, default=[], metavar="FILE")
    ir.add_argument("--overlay", action="append", type=Path, default=[], metavar="FILE")
    common(ir)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    diagnostics = Diagnostics()
    try:
        commands = {"ir": _ir, "check": _check, "generate": _generate}
        code = commands[args.command](args, diagnostics)
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug in the generator: say so plainly, keep the traceback for --debug
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


def _report(diagnostics: Diagnostics, args: argparse.Namespace) -> None:
    for diag in diagnostics:
        if args.quiet and diag.severity == "warning" and not args.strict:
            continue
        print(diag.format(), file=sys.stderr)
    if diagnostics.has_errors(strict=args.strict):
        errors = len(diagnostics.errors) + (len(diagnostics.warnings) if args.strict else 0)
        print(f"{errors} error(s); nothing was written", file=sys.stderr)


def _ir(args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from .dump import api_to_json
    from .pipeline import build_api, provider_api
    from .providers import load_provider

    if bool(args.provider) == bool(args.spec):
        diagnostics.error("E061", "give either a PROVIDER or --spec FILE")
        return EXIT_INVALID
    if args.provider:
        provider = load_provider(args.specs_dir, args.provider, diagnostics)
        api = provider_api(provider, diagnostics) if provider else None
    else:
        api = build_api(args.spec, args.overlay, diagnostics=diagnostics, validation=args.validation)
    if api is None or diagnostics.has_errors(strict=args.strict):
        return EXIT_INVALID
    sys.stdout.write(api_to_json(api))
    return EXIT_OK


def _generate(args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from .build import Target, build_targets, provider_targets, spec_target, write_targets

    if args.spec:
        if args.providers or not args.name or not args.out:
            diagnostics.error("E061", "--spec needs --name and --out, and no PROVIDER")
            return EXIT_INVALID
        targets: list[Target] = [spec_target(args.spec, args.overlay, args.name, args.out, args.style, diagnostics)]
    else:
        if args.overlay or args.name or args.out:
            diagnostics.error("E061", "--overlay, --name and --out go with --spec")
            return EXIT_INVALID
        targets = provider_targets(args.specs_dir, args.generated_dir, args.providers, args.style, diagnostics)
    if diagnostics.has_errors(strict=args.strict):
        return EXIT_INVALID
    outputs = build_targets(targets, diagnostics, validation=args.validation)
    if outputs is None or diagnostics.has_errors(strict=args.strict):
        return EXIT_INVALID
    for line in write_targets(outputs):
        if not args.quiet:
            print(line)
    return EXIT_OK


def _check(args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from .build import build_targets, provider_targets
    from .drift import compare, report

    targets = provider_targets(args.specs_dir, args.generated_dir, args.providers, args.style, diagnostics)
    if diagnostics.has_errors(strict=args.strict):
        return EXIT_INVALID
    outputs = build_targets(targets, diagnostics, validation=args.validation)
    if outputs is None or diagnostics.has_errors(strict=args.strict):
        return EXIT_INVALID
    drift = compare(outputs)
    if drift.clean:
        if not args.quiet:
            print(f"generated/ is up to date ({len(outputs)} packages)")
        return EXIT_OK
    for line in report(drift):
        print(line)
    print("generated/ is out of date: run `make generate`", file=sys.stderr)
    return EXIT_DIFFERENCES
