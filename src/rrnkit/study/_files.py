"""Measures straight from files and folders, reading incidents twice instead of holding them."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from rrnkit._internal.paths import as_path_list
from rrnkit._run import Settings, first_pass, without_stdin
from rrnkit.convert import NO_MIGRATIONS
from rrnkit.io import JsonLimits, Paths
from rrnkit.model import Incident
from rrnkit.study._bed_days import BedDays
from rrnkit.study._dimensions import Dimension
from rrnkit.study._measures import Measures, MeasureSettings, MeasureTally


def measure_paths(
    paths: Paths,
    by: Sequence[Dimension] = (),
    *,
    bed_days: BedDays | None = None,
    settings: MeasureSettings | None = None,
    limits: JsonLimits | None = None,
) -> Measures:
    """Read documents from files and folders and count every measure over their incidents.

    ``paths`` is one path (``str`` or ``os.PathLike[str]``) or an iterable of
    them (:data:`rrnkit.io.Paths`); a string is one path. ``bytes`` paths, a
    non-iterable, or an item that is not a path raise :class:`TypeError`; no
    paths give empty measures.
    Documents are read through the run pipeline, as ``check`` reads them: the
    first pass validates every record and keeps the documents other than
    incidents (training events and courses give the training-currency
    measure); the second streams the accepted incidents through a
    :class:`MeasureTally`, and reports a file that changed in between
    (``path.changed``). Invalid records, and documents repeating an earlier
    document's kind and id, are left out and reported in ``problems`` (never
    their values); ``invalid`` counts them (read = valid + invalid). Standard
    input cannot be read twice, so ``-`` is refused as a path problem.
    """
    files, problems = without_stdin(
        as_path_list(paths), "standard input cannot be read twice; give the incidents as a file"
    )
    found = first_pass(files, Settings(limits, NO_MIGRATIONS, check=True))
    ledger = found.ledger
    tally = MeasureTally(by, bed_days=bed_days, reference=ledger.documents, settings=settings)
    changed: list[str] = []
    for record in found.accepted(found.hold(), changed):
        if isinstance(record.document, Incident):
            tally.add(record.document)
    ledger.report_changed(changed)
    result = tally.result()
    return attrs.evolve(
        result,
        problems=(*ledger.log.path_problems, *problems, *ledger.problems, *result.problems),
        invalid=ledger.invalid,
    )
