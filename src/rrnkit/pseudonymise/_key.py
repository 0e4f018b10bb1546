"""Keyed pseudonyms: HMAC-SHA256 of a namespaced identifier, truncated to 128 bits.

The key is never kept as given: only the HMAC state derived from it is held,
it never appears in a ``repr`` or a message, and the objects cannot be pickled.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
from pathlib import Path
from typing import Any, NoReturn

from rrnkit._internal.paths import StrPath, as_path

MIN_KEY_BYTES = 32
"""The shortest key accepted: 256 bits, the HMAC-SHA256 block's security level."""

PSEUDONYM_PATTERN = "^[a-z]+-[0-9a-f]{32}$"
"""Every pseudonym: its namespace, a hyphen, 32 hex digits (a valid rrnkit identifier)."""

_DOMAIN = b"rrnkit-pseudonym/1\x00"


def check_key(key: Any) -> bytes:
    """Return the key as bytes, or raise without ever showing it."""
    if not isinstance(key, (bytes, bytearray, memoryview)):
        raise TypeError("the pseudonymisation key must be bytes")
    raw = bytes(key)
    if len(raw) < MIN_KEY_BYTES:
        raise ValueError(f"the pseudonymisation key must be at least {MIN_KEY_BYTES} bytes")
    return raw


def read_key_file(path: StrPath) -> bytes:
    """Read a key file: its bytes, less a final line ending (as ``rrnkit pseudonymise`` does).

    ``path`` is a ``str`` or ``os.PathLike[str]`` (:data:`rrnkit.io.StrPath`;
    ``bytes`` raises :class:`TypeError`). Raises :class:`OSError` when
    unreadable and :class:`ValueError` when shorter than :data:`MIN_KEY_BYTES`;
    neither shows the key.
    """
    return check_key(Path(as_path(path)).read_bytes().rstrip(b"\r\n"))


def key_file_exposure(path: StrPath) -> int:
    """Return the permission bits that let others than its owner read or change a key file.

    ``0`` means the file is private (as ``chmod 600`` makes it); otherwise the
    group and other bits of its mode (``0o044`` for a file made with the usual
    umask). ``rrnkit pseudonymise`` warns when they are not 0, as ssh does for a
    private key, since anyone who can read the key can recompute the
    pseudonyms. Always 0 where files have no POSIX permission bits (Windows).
    ``path`` is a ``str`` or ``os.PathLike[str]``; an unreadable path raises
    :class:`OSError`.
    """
    target = as_path(path)
    if os.name != "posix":
        return 0
    return stat.S_IMODE(os.stat(target).st_mode) & 0o077


class PseudonymKey:
    """Turns identifiers into pseudonyms under one secret key."""

    __slots__ = ("_mac",)

    def __init__(self, key: bytes) -> None:
        """Derive the HMAC state from ``key`` (at least 32 bytes); the key is not kept."""
        self._mac = hmac.new(check_key(key), _DOMAIN, hashlib.sha256)

    def pseudonym(self, namespace: str, value: str) -> str:
        """Return ``NAMESPACE-`` and 32 hex digits of HMAC-SHA256(namespace, value).

        The same key, namespace and value always give the same pseudonym;
        different values collide with probability about 2**-128 per pair.
        """
        mac = self._mac.copy()
        mac.update(namespace.encode("ascii") + b"\x00")
        mac.update(value.encode("utf-8", "surrogatepass"))
        return f"{namespace}-{mac.hexdigest()[:32]}"

    def __repr__(self) -> str:
        """Show the type only: the key is secret."""
        return "PseudonymKey(<secret>)"

    def __reduce__(self) -> NoReturn:
        """Refuse to be pickled or copied, so the key's state is never written anywhere."""
        raise TypeError("a pseudonymisation key cannot be pickled")
