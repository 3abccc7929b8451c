"""How large a value the generator builds from a document's numbers, for examples and generated tests.

A ``minLength``, ``minItems``, ``maxLength`` or ``maxItems`` is a number a document
chooses; the values made from it (an example of ``minItems`` items, a string one
character too long) are built only while they stay within ``MAX_VALUE_SIZE``, counted
through nesting. A value past it is not built: the example or test that needs it is
left out, and the loader says so where the number is written.
"""

from __future__ import annotations

MAX_VALUE_SIZE = 65536
"""Characters plus items (plus one per other scalar) in one built value, nested parts included."""


class ValueTooLargeError(Exception):
    """A value the document asks for is larger than ``MAX_VALUE_SIZE``."""
