"""Random draws shared by every part of the generator, and invented place names.

Each concern draws from its own named stream (:func:`stream`), so changing
one setting leaves the draws of the others, and so their records, alone.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import TypeVar

from rrnkit.synth import _data
from rrnkit.synth._config import SynthConfig

__all__ = ["gap_count", "person_name", "pick", "place", "random_date", "random_days", "stream"]

T = TypeVar("T")


def stream(config: SynthConfig, name: str) -> random.Random:
    """Return the random stream ``name`` of a configuration (each concern has its own)."""
    return random.Random(f"rrnkit.synth:{config.seed}:{name}")  # noqa: S311 - not for secrets


def gap_count(population: int, share: float) -> int:
    """Return how many of ``population`` get a planted gap: the share, at least one if any."""
    if share <= 0 or population == 0:
        return 0
    return min(population, max(1, round(population * share)))


def random_days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    """Return a whole number of days between ``low`` and ``high``, inclusive."""
    return dt.timedelta(days=rng.randint(low, high))


def random_date(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """Return a date from ``first`` to ``last`` inclusive (``first`` when the range is empty)."""
    if last <= first:
        return first
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """Return one of ``items``, drawn uniformly."""
    return items[rng.randrange(len(items))]


def person_name(rng: random.Random, doctor: bool = False) -> str:
    """Return an invented full name (with "Dr" for a doctor)."""
    name = f"{pick(rng, _data.GIVEN_NAMES)} {pick(rng, _data.SURNAMES)}"
    return f"Dr {name}" if doctor else name


def place(index: int, offset: int) -> tuple[str, str]:
    """Return an invented place name and a short code, unique for each index."""
    stems, ends = _data.PLACE_STEMS, _data.PLACE_ENDS
    size = len(stems) * len(ends)
    j = (index + offset) % size
    a = j % len(stems)
    b = (j // len(stems) + 3 * a) % len(ends)
    name = stems[a][0] + ends[b][0]
    code = stems[a][1] + ends[b][1]
    lap = index // size
    if lap:
        return f"{name} {lap + 1}", f"{code}{lap + 1}"
    return name, code
