r"""Writing output safely: spreadsheet-safe CSV cells, text every encoder accepts, atomic files.

Every writer of rrnkit (CSV tables, MHSDS files, study CSV, pseudonymised
JSON Lines) goes through this module, so one rule holds everywhere:

* **CSV injection** (OWASP, "CSV Injection"): a text cell that begins with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a
  single quote ``'`` before it and inside double quotes, so a spreadsheet
  shows it as text and never evaluates it as a formula. Only text cells are
  neutralised: a numeric column keeps ``-3`` as a number. A text cell that
  already begins with quotes followed by one of those characters gets one
  more quote, so :func:`restore_cell` undoes the rule exactly. ``raw=True``
  writes every cell as it is, for pipelines that never meet a spreadsheet.
* **Lone surrogates** (``"\ud800"``: valid in JSON text, not encodable as
  UTF-8): in CSV each becomes U+FFFD REPLACEMENT CHARACTER, as a UTF-8
  decoder would show it; in JSON each is written as its ``\uXXXX`` escape,
  which reads back to the same string.
* **Atomic files**: :func:`atomic_text` writes to a temporary file in the
  target's folder and renames it over the target only when the writing
  completed, so a failure or an interruption never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

DANGEROUS_LEADS = frozenset("=+-@\t\r")
"""Characters that make a spreadsheet read a cell as a formula (OWASP)."""

REPLACEMENT = "\ufffd"
"""What a lone surrogate becomes in CSV: U+FFFD REPLACEMENT CHARACTER."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_NEEDS_QUOTES = re.compile('[",\r\n]')


def _leads_dangerously(text: str) -> bool:
    return text.lstrip("'")[:1] in DANGEROUS_LEADS and text.lstrip("'") != ""


def neutralise_cell(text: str) -> str:
    """Return ``text`` as a spreadsheet-safe CSV text cell (a ``'`` before a formula lead).

    Text that begins with ``=``, ``+``, ``-``, ``@``, tab or carriage return,
    possibly after single quotes, gets one ``'`` more; any other text is
    returned unchanged. :func:`restore_cell` is its inverse.
    """
    if text[:1] in DANGEROUS_LEADS or (text[:1] == "'" and _leads_dangerously(text)):
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """Undo :func:`neutralise_cell`: drop the ``'`` it added (and only that one)."""
    if text[:1] == "'" and _leads_dangerously(text):
        return text[1:]
    return text


def replace_surrogates(text: str) -> str:
    """Return ``text`` with each lone surrogate replaced by U+FFFD (encodable as UTF-8)."""
    return _SURROGATE.sub(REPLACEMENT, text) if _SURROGATE.search(text) else text


def escape_surrogates(json_text: str) -> str:
    r"""Return JSON text with each lone surrogate written as its ``\uXXXX`` escape.

    In JSON text produced by an encoder a surrogate can only stand inside a
    string, where the escape means the same character: the result reads back
    to an equal value and encodes as UTF-8.
    """
    if not _SURROGATE.search(json_text):
        return json_text
    return _SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", json_text)


class CsvWriter:
    """Write CSV rows (RFC 4180 quoting), neutralising text cells unless ``raw``.

    ``text`` tells, per column, whether the column holds text (neutralised)
    or numbers, booleans and dates (never changed); by default every column
    is text. Lone surrogates always become U+FFFD, raw or not, so any value
    can be written as UTF-8. A neutralised cell is always quoted.
    """

    def __init__(
        self,
        out: IO[str],
        *,
        text: Sequence[bool] | None = None,
        raw: bool = False,
        lineterminator: str = "\r\n",
    ) -> None:
        self._out = out
        self._text = tuple(text) if text is not None else None
        self._raw = raw
        self._end = lineterminator

    def writeheader(self, names: Sequence[str]) -> None:
        """Write the header line (names are never neutralised)."""
        self._out.write(self._line([self._quote(replace_surrogates(n), False) for n in names]))

    def writerow(self, cells: Sequence[str], text: Sequence[bool] | None = None) -> None:
        """Write one row of cells, already formatted as text.

        ``text``, when given, tells for this row alone which cells are text.
        """
        kinds = tuple(text) if text is not None else self._text
        out = []
        for index, cell in enumerate(cells):
            cell = replace_surrogates(cell)
            force = False
            if not self._raw and (kinds is None or kinds[index]):
                safe = neutralise_cell(cell)
                force = safe is not cell
                cell = safe
            out.append(self._quote(cell, force))
        self._out.write(self._line(out))

    def _line(self, quoted: list[str]) -> str:
        if quoted == [""]:
            quoted = ['""']  # a lone empty cell is not a blank line
        return ",".join(quoted) + self._end

    @staticmethod
    def _quote(cell: str, force: bool) -> str:
        if force or _NEEDS_QUOTES.search(cell):
            return '"' + cell.replace('"', '""') + '"'
        return cell


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[str]:
    """Give the name of a temporary file to write ``path`` through, atomically.

    The temporary file is in ``path``'s folder; it replaces ``path``
    (``os.replace``, with the permissions a plain ``open`` would give) when
    the ``with`` block ends normally. When the block raises (or is
    interrupted) it is removed and ``path`` is left as it was.
    """
    target = Path(path)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield temporary
        _match_mode(temporary)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def atomic_text(path: str | os.PathLike[str], *, newline: str | None = None) -> Iterator[IO[str]]:
    """Open ``path`` for writing UTF-8 text atomically (see :func:`atomic_path`)."""
    with (
        atomic_path(path) as temporary,
        open(temporary, "w", encoding="utf-8", newline=newline) as handle,
    ):
        yield handle


def _match_mode(temporary: str) -> None:
    """Give the finished file the permissions a plain ``open`` would (mkstemp makes 0600)."""
    umask = os.umask(0o077)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
