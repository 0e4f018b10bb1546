"""The SHA-256 of everything read from a file, hashed beside the reading.

Every file read is fingerprinted, and hashing costs about as much as reading
and splitting the lines. hashlib lets go of the GIL while it hashes more than
2 KiB, so large reads are handed to a helper thread and hashed there, in
order, while the reading thread parses: on a machine with two cores the
fingerprint then costs the reading thread almost nothing. Small reads (a
``.json`` file, the first lines of standard input) are hashed at once; a
helper starts only at the first large read, so a folder of small files starts
no threads.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from typing import Final

LARGE: Final = 1 << 16
"""Reads at least this large are hashed on the helper thread."""
_WAITING: Final = 8
"""Reads waiting to be hashed, at most (so memory stays bounded when reading outruns hashing)."""


class Fingerprint:
    """The SHA-256 of the bytes given to :meth:`update`, in the order given."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self._waiting: queue.Queue[bytes | None] | None = None
        self._helper: threading.Thread | None = None
        self._failed: BaseException | None = None

    def update(self, data: bytes) -> None:
        """Add ``data`` to what is hashed (on the helper thread when it is large)."""
        if self._waiting is None:
            if len(data) < LARGE:
                self._digest.update(data)
                return
            self._start()
        assert self._waiting is not None
        self._waiting.put(data)

    def _start(self) -> None:
        waiting: queue.Queue[bytes | None] = queue.Queue(_WAITING)
        self._waiting = waiting
        self._helper = threading.Thread(
            target=self._hash, args=(waiting,), name="rrnkit-sha256", daemon=True
        )
        self._helper.start()

    def _hash(self, waiting: queue.Queue[bytes | None]) -> None:
        update = self._digest.update
        while (data := waiting.get()) is not None:
            if self._failed is None:
                try:
                    update(data)
                except BaseException as exc:  # kept for hexdigest; the reader must not hang
                    self._failed = exc

    def settle(self) -> None:
        """Wait until everything given is hashed; the helper thread, if any, ends."""
        if self._waiting is not None and self._helper is not None:
            self._waiting.put(None)
            self._helper.join()
        self._waiting = self._helper = None

    def hexdigest(self) -> str:
        """Return the SHA-256 of everything given so far, as hex.

        Raises what the helper thread met, if hashing failed there.
        """
        self.settle()
        if self._failed is not None:
            raise self._failed
        return self._digest.hexdigest()
