"""How large a value the generator builds from a document's numbers, and which numbers it can write, for
examples and generated tests.

A ``minLength``, ``minItems``, ``maxLength`` or ``maxItems`` is a number a document
chooses; the values made from it (an example of ``minItems`` items, a string one
character too long) are built only while they stay within ``MAX_VALUE_SIZE``, counted
through nesting. A value past it is not built: the example or test that needs it is
left out, and the loader says so where the number is written.

A ``default`` or ``example`` holding a number JSON cannot carry or JavaScript rounds (``1e400``
once parsed, an integer beyond 2**53) has no exact text every client reads back as written:
the examples and tests make up another value, and the loader says so once per schema, where
the schema is written (W005).
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any

MAX_VALUE_SIZE = 65536
"""Characters plus items (plus one per other scalar) in one built value, nested parts included."""


class ValueTooLargeError(Exception):
    """A value the document asks for is larger than ``MAX_VALUE_SIZE``."""


@lru_cache(maxsize=1 << 14)
def portable_json(text: str) -> bool:
    """Whether a spec's value survives JSON everywhere: finite numbers, integers a double holds exactly.

    Remembered: a schema's example is asked about each time a value is made from it, thousands of times in
    a big API. A text without a run of 16 digits, an exponent, ``NaN`` or ``Infinity`` holds none of them, so it
    is not parsed."""
    if _UNPORTABLE_HINT.search(text) is None:
        return True
    return not unportable_numbers(json.loads(text))


_UNPORTABLE_HINT = re.compile(r"[0-9]{16}|[0-9][eE]|NaN|Infinity")
"""Found in the JSON text of every value holding an unportable number (2**53 has 16 digits; ``1e400`` is
infinite once parsed); also in some others, which are then parsed."""


def unportable_numbers(value: Any) -> list[int | float]:
    """The numbers in ``value`` JSON cannot carry (``1e400``, YAML's ``.nan``) or JavaScript rounds (beyond 2**53)."""
    if isinstance(value, list):
        return [n for item in value for n in unportable_numbers(item)]
    if isinstance(value, dict):
        return [n for item in value.values() for n in unportable_numbers(item)]
    if isinstance(value, float) and not math.isfinite(value):
        return [value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return [value]
    return []
