"""``python -m generator``: see ``generator.cli``."""

import gc

# Young objects collected as ``cli.main`` has them collected in a program's run, from before its modules load:
# loading them makes tens of thousands of objects that live to the end (a few percent of a small run otherwise).
gc.set_threshold(50_000, 20, 20)

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while the modules load: nothing was read or written yet
    raise SystemExit(130) from None

raise SystemExit(main())
