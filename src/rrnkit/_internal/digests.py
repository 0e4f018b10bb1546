"""What streaming readers remember of records they do not hold: id digests and line bits.

Reading incidents twice instead of holding them needs, per record, only a
64-bit digest of its id (to find repeated ids) and a bit per line (to find the
accepted ones again), so a million incidents cost a few megabytes. This module
imports nothing of rrnkit's: the reader, the run's ledger and the study share it.
"""

from __future__ import annotations

import hashlib
from array import array

__all__ = ["DigestTable", "has_bit", "id_digest", "set_bit"]


class DigestTable:
    """A compact map from 64-bit digests to 64-bit values (open addressing, two arrays).

    A dict of a million ints costs about 100 MB; this costs 16 bytes a slot.
    """

    def __init__(self, capacity: int = 1024) -> None:
        self._keys = array("Q", bytes(8 * capacity))
        self._values = array("Q", bytes(8 * capacity))
        self._mask = capacity - 1
        self._size = 0

    def _slot(self, key: int) -> int:
        slot = key & self._mask
        keys = self._keys
        while keys[slot] and keys[slot] != key:
            slot = (slot + 1) & self._mask
        return slot

    def get(self, digest: int) -> int | None:
        """Return the value stored for ``digest``, or None."""
        key = digest | 1  # 0 marks an empty slot
        slot = self._slot(key)
        return self._values[slot] if self._keys[slot] else None

    def __setitem__(self, digest: int, value: int) -> None:
        """Store ``value`` for ``digest``."""
        if (self._size + 1) * 10 > (self._mask + 1) * 6:
            self._grow()
        key = digest | 1
        slot = self._slot(key)
        if not self._keys[slot]:
            self._size += 1
        self._keys[slot] = key
        self._values[slot] = value

    def _grow(self) -> None:
        old = zip(self._keys, self._values, strict=True)
        capacity = (self._mask + 1) * 2
        self._keys = array("Q", bytes(8 * capacity))
        self._values = array("Q", bytes(8 * capacity))
        self._mask = capacity - 1
        for key, value in old:
            if key:
                slot = self._slot(key)
                self._keys[slot] = key
                self._values[slot] = value


def set_bit(bits: bytearray, number: int) -> None:
    """Set bit ``number`` of ``bits``, growing it as needed."""
    byte = number >> 3
    if byte >= len(bits):
        bits.extend(bytes(byte - len(bits) + 1 + len(bits) // 2))  # grow geometrically
    bits[byte] |= 1 << (number & 7)


def has_bit(bits: bytearray, number: int) -> bool:
    """Tell whether bit ``number`` of ``bits`` is set."""
    byte = number >> 3
    return byte < len(bits) and bool(bits[byte] & (1 << (number & 7)))


def id_digest(ident: str) -> int:
    """Return a 64-bit digest of an id, so a million streamed ids fit in little memory."""
    data = ident.encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")
