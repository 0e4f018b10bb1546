"""The message of a ``field.required`` problem: one wording for schema check and converter."""

from __future__ import annotations

__all__ = ["required_message"]


def required_message(pointer: str) -> str:
    """Return the message for the missing member ``pointer`` ends in, naming it.

    The name is the schema's own (the last reference token, unescaped), never a
    value read from the input, so the message may show it.
    """
    name = pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
    if not name or not name.isprintable():
        return "is required"
    return f"the required field '{name}' is missing"
