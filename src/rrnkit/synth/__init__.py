"""Seeded, deterministic synthetic evidence for benchmarks, examples and research studies.

Everything is invented: organisations, people, NHS numbers (from the ``999``
test range, with valid check digits) and records. The same
:class:`SynthConfig` always gives the same documents, byte for byte; nothing
reads the clock or the global random state.

Reference documents come first (organisations with their units and
workforce, certified providers, TNAs, courses, trainers, training events,
evaluations and action plans), then incidents, which are generated one at a
time so a million of them need little memory beyond the reference world's::

    from rrnkit.synth import SynthConfig, write

    counts = write(SynthConfig(incidents=10_000, seed=7), Path("out"))

:func:`generate_json` is the fast path (about 3 KB of JSON per incident);
:func:`generate` gives model objects and loads each incident through
``rrnkit.convert.load``, so it is slower.

Records are kept as a well-run service keeps them: each states every relevant
characteristic or marks it not known, whether the patient has a learning
disability and autism (yes or no), whether the care plan names anyone to
notify, the information about their rights the patient was given on admission
(3% refused it), when each immediate debrief was offered and held (within 24
hours of the force ending), the formal post-incident review (within 72 hours),
an investigation for each death or serious injury, and, after rapid
tranquillisation, the higher-risk circumstances that apply, observations every
15 minutes (when any does) or every hour, and when there were no further
concerns. Continuous manual restraint, across changes of position, lasts at
most 10 minutes. A learner found not yet competent (2%) is re-booked and
passes. Organisations record a board-level responsible person they employ and
one policy covering all their units; certificates last 3 years and name the
certifying body's UKAS accreditation; TNAs consider every risk level.

With ``gap_share=0`` every shipped rule is met when checked
``as_of=config.end`` (for ``years`` up to 2; see the certificate note below).
A positive ``gap_share`` plants gaps the rules find: missing Use of Force Act
s.6(5) items (reason, outcome, care-plan notification, a job title, whether
force was in the care plan, learning disability, or autism recorded as not
known), no information about their rights given to the patient (s.4), prone or
manual restraint over 10 minutes, a missing patient debrief, a staff debrief
more than 24 hours late, a formal review more than 72 hours late or not held,
a gap in observations after rapid tranquillisation, staff whose training
lapsed, a trainer delivering after their authorisation ended, an unevaluated
event, an overdue action. Each concern draws from its own random stream:
changing ``invalid_share`` leaves every other record unchanged, and changing
``gap_share`` changes only the records given a gap and those that would have
named a member of staff whose training lapsed.

:func:`write` also writes the units' occupied bed days by month
(:data:`BED_DAYS_FILE`, the same rows :func:`bed_days` returns), the
denominator of rates per 1,000 occupied bed days in :mod:`rrnkit.study`.
Organisations grow with the incidents: each gets wards, a hospital site at a
time, until its beds suit its share of the incidents at about 24 incidents
(about 40 restrictive interventions) per 1,000 occupied bed days, so rates
stay within the 30 to 50 interventions English services report whatever the
size. An organisation has at least one ward, so with under about 100
incidents a year per organisation the rates fall below that. The reference
world (staff, their training) grows with the wards: about one member of
staff for every four incidents a year.

A provider's certificate lasts 3 years. When the training records span 3
years or less (``years`` up to 2) one certificate covers them all; when they
span longer the provider was recertified every 3 years and its record holds
only the current certificate, so BILD-PROVIDER-CERTIFIED finds the events
delivered before it uncertified (the format holds one certificate per
provider).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from rrnkit._internal.paths import StrPath, as_path
from rrnkit.convert import dump, load
from rrnkit.model import Document
from rrnkit.synth._bed_days import BedDayCount, bed_day_counts
from rrnkit.synth._clock import Clock
from rrnkit.synth._config import SynthConfig
from rrnkit.synth._draw import stream
from rrnkit.synth._incidents import Incidents
from rrnkit.synth._invalid import CORRUPTIONS, corrupt
from rrnkit.synth._world import World, build_world

__all__ = [
    "BED_DAYS_FILE",
    "CORRUPTION_KINDS",
    "FILES",
    "BedDayCount",
    "SynthConfig",
    "bed_days",
    "generate",
    "generate_json",
    "write",
]

FILES: dict[str, str] = {
    "organisation": "organisations.jsonl",
    "training-needs-analysis": "training-needs-analyses.jsonl",
    "course": "courses.jsonl",
    "trainer": "trainers.jsonl",
    "training-event": "training-events.jsonl",
    "evaluation": "evaluations.jsonl",
    "action-plan": "action-plans.jsonl",
    "incident": "incidents.jsonl",
}
"""The JSON Lines file :func:`write` puts each document kind in (providers are organisations)."""

BED_DAYS_FILE = "bed-days.csv"
"""The CSV file :func:`write` puts occupied bed days in, beside the documents."""

CORRUPTION_KINDS: tuple[str, ...] = tuple(name for name, _ in CORRUPTIONS)
"""How :func:`generate_json` makes a record invalid, one way per record, chosen at random."""

_BATCH = 2048


def _world(config: SynthConfig) -> tuple[World, Clock]:
    if not isinstance(config, SynthConfig):
        raise TypeError("config must be a SynthConfig")
    origin = config.start - dt.timedelta(days=1)
    clock = Clock(origin, (config.end - origin).days + 20)
    return build_world(config, origin), clock


def generate(config: SynthConfig) -> Iterator[Document]:
    """Yield every document of ``config`` as model objects: reference documents, then incidents.

    Incidents are generated lazily and loaded one at a time; every document
    is valid (``invalid_share`` applies only to :func:`generate_json`).
    """
    world, clock = _world(config)
    return _documents(world, clock)


def _documents(world: World, clock: Clock) -> Iterator[Document]:
    yield from world.documents
    for data in Incidents(world, clock):
        yield load(data)


def generate_json(config: SynthConfig) -> Iterator[dict[str, Any]]:
    """Yield every document of ``config`` as JSON data, the same documents :func:`generate` gives.

    Exactly ``round(incidents * invalid_share)`` incident records, spread at
    random, are made invalid in one of the :data:`CORRUPTION_KINDS` ways. Each
    dict is fresh; nested values are not shared between records.
    """
    world, clock = _world(config)
    return _json(world, clock)


def _json(world: World, clock: Clock) -> Iterator[dict[str, Any]]:
    config = world.config
    for document in world.documents:
        yield dump(document)
    bad = stream(config, "invalid")
    total = config.incidents
    wanted = round(total * config.invalid_share)
    chosen = 0
    for i, data in enumerate(Incidents(world, clock)):
        if wanted > chosen and bad.random() * (total - i) < wanted - chosen:
            chosen += 1
            corrupt(data, bad)
        yield data


def bed_days(config: SynthConfig) -> list[BedDayCount]:
    """Return the occupied bed days of every generated unit, by calendar month of the period.

    Each unit has a row for every month of the incident period: its beds
    times the days counted (those inside the period) times an occupancy
    between 82% and 98%, drawn from a stream of its own. So bed days never
    exceed the beds, and every incident's unit and month has bed days. The
    rows are those :func:`write` puts in :data:`BED_DAYS_FILE`.
    """
    world, _ = _world(config)
    return list(bed_day_counts(world))


def _bed_days_csv(world: World) -> str:
    lines = ["organisation_id,unit_id,month,occupied_bed_days"]
    lines += [f"{r[0]},{r[1]},{r[2]},{r[3]}" for r in bed_day_counts(world)]
    return "\n".join(lines) + "\n"


def write(config: SynthConfig, out_dir: StrPath) -> dict[str, int]:
    """Write every document of ``config`` as JSON Lines files in ``out_dir``; return the counts.

    One compact JSON object per line, one file per kind (see :data:`FILES`;
    every file is written, even when empty), and the units' occupied bed
    days as CSV in :data:`BED_DAYS_FILE` (see :func:`bed_days`). The same
    configuration always writes byte-identical files. Returns the number of
    records in each JSON Lines file, by file name. ``out_dir`` is a ``str``
    or ``os.PathLike[str]`` (:data:`rrnkit.io.StrPath`), created if missing.
    """
    folder = Path(as_path(out_dir, "out_dir"))
    world, clock = _world(config)
    folder.mkdir(parents=True, exist_ok=True)
    encode = json.JSONEncoder(
        separators=(",", ":"), ensure_ascii=False, sort_keys=False, check_circular=False
    ).encode
    counts = dict.fromkeys(FILES.values(), 0)
    files: dict[str, IO[str]] = {}
    try:
        for kind, name in FILES.items():
            files[kind] = (folder / name).open("w", encoding="utf-8", newline="\n")
        pending: dict[str, list[str]] = {kind: [] for kind in FILES}
        for data in _json(world, clock):
            kind = data["kind"]
            lines = pending[kind]
            lines.append(encode(data))
            counts[FILES[kind]] += 1
            if len(lines) >= _BATCH:
                files[kind].write("\n".join(lines) + "\n")
                lines.clear()
        for kind, lines in pending.items():
            if lines:
                files[kind].write("\n".join(lines) + "\n")
    finally:
        for handle in files.values():
            handle.close()
    with (folder / BED_DAYS_FILE).open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(_bed_days_csv(world))
    return counts
