"""``python -m generator``: see ``generator.cli``."""

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while the modules load: nothing was read or written yet
    raise SystemExit(130) from None

raise SystemExit(main())
