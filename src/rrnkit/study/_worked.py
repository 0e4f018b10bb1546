"""The worked study: synthetic organisations, their rates, prone share and compliance trend.

It is what ``docs/tutorials/research-study.md`` walks through and what
``rrnkit study example OUT`` (or ``python docs/study/run_study.py OUT``)
runs: generate seeded synthetic evidence with :mod:`rrnkit.synth`, read its
occupied bed days, count every measure by organisation and year, judge every
rule pack at the end of each quarter, and write CSV tables and a markdown
summary. Everything is invented and the same configuration always writes the
same files.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from rrnkit._internal.paths import StrPath, as_path
from rrnkit.rules.packs import ALL_PACKS
from rrnkit.study._bed_days import read_bed_days
from rrnkit.study._compliance import ComplianceCount, compliance_over_time, quarters
from rrnkit.study._dimensions import ORGANISATION, YEAR
from rrnkit.study._export import (
    compliance_csv,
    compliance_schema,
    durations_csv,
    durations_schema,
    rates_csv,
    rates_schema,
    write_schema,
    write_text,
)
from rrnkit.study._files import measure_paths
from rrnkit.study._measures import (
    INTERVENTIONS_PER_1000_OBD,
    PRONE_OVER_LIMIT_SHARE,
    PRONE_SHARE,
    Measures,
    Rate,
)
from rrnkit.synth import BED_DAYS_FILE, SynthConfig, generate, write

STUDY_CONFIG = SynthConfig(organisations=3, incidents=6000, years=3, gap_share=0.05, seed=20240401)
"""The worked study's data: 3 organisations, 6,000 incidents over 2024-2026."""

RATES_FILE = "rates-by-organisation-year.csv"
DURATIONS_FILE = "durations-by-organisation-year.csv"
COMPLIANCE_FILE = "compliance-by-quarter.csv"
SUMMARY_FILE = "summary.md"


@attrs.frozen(kw_only=True)
class WorkedStudy:
    """What the worked study found, and where it wrote it."""

    config: SynthConfig
    measures: Measures
    """Every measure by organisation and year."""
    compliance: tuple[ComplianceCount, ...]
    """Outcome counts by quarter and framework."""
    files: tuple[Path, ...]
    """Files written, the data folder's first."""


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _table(rows: list[Rate], years: list[str], organisations: list[str], show: str) -> list[str]:
    """Lay one measure out as a markdown table: organisations down, years across."""
    cells = {(r.value_of("organisation"), r.value_of("year")): r for r in rows}
    lines = [
        "| organisation | " + " | ".join(years) + " |",
        "|---|" + "---:|" * len(years),
    ]
    for organisation in organisations:
        values = []
        for year in years:
            row = cells.get((organisation, year))
            if row is None:
                values.append("n/a")
            elif show == "percent":
                values.append(f"{_percent(row.value)} ({row.numerator}/{row.denominator})")
            else:
                values.append(f"{_figure(row.value)} ({row.numerator}/{row.denominator})")
        lines.append(f"| {organisation} | " + " | ".join(values) + " |")
    return lines


def _summary(study: WorkedStudy) -> str:
    config = study.config
    measures = study.measures
    years = [str(config.start.year + n) for n in range(config.years)]
    organisations = sorted({r.value_of("organisation") for r in measures.rates})
    lines = [
        "# Worked study: restrictive interventions in three synthetic organisations",
        "",
        f"Synthetic data (rrnkit.synth, seed {config.seed}): {config.organisations} "
        f"organisations, {measures.incidents} incidents counted, {config.start.isoformat()} "
        f"to {config.end.isoformat()}. Everything is invented.",
        "",
        "## Restrictive interventions per 1,000 occupied bed days (MHS96 basis)",
        "",
        "Each cell: rate (interventions / occupied bed days).",
        "",
        *_table(measures.of(INTERVENTIONS_PER_1000_OBD), years, organisations, "rate"),
        "",
        "## Prone restraint as a share of physical restraint",
        "",
        "Each cell: share (prone / physical restraints).",
        "",
        *_table(measures.of(PRONE_SHARE), years, organisations, "percent"),
        "",
        f"## Prone restraint over {measures.settings.prone_limit_minutes} minutes",
        "",
        "Each cell: share (over the limit / prone restraints with a recorded end).",
        "",
        *_table(measures.of(PRONE_OVER_LIMIT_SHARE), years, organisations, "percent"),
        "",
        "## Compliance by quarter: rules met among those judged",
        "",
        "Each cell: met / (met + not met + rule errors), judged at the quarter's last day "
        "over the incidents of that quarter and every other document.",
        "",
    ]
    groups = sorted({c.group for c in study.compliance})
    lines += [
        "| as of | " + " | ".join(groups) + " |",
        "|---|" + "---:|" * len(groups),
    ]
    by_date: dict[str, dict[str, ComplianceCount]] = {}
    for count in study.compliance:
        by_date.setdefault(count.as_of.isoformat(), {})[count.group] = count
    for as_of, counts in by_date.items():
        cells = [_percent(counts[g].met_share) if g in counts else "n/a" for g in groups]
        lines.append(f"| {as_of} | " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def run_worked_study(
    out_dir: StrPath, config: SynthConfig = STUDY_CONFIG, *, raw: bool = False
) -> WorkedStudy:
    """Generate the data into ``out_dir/data``, measure it, and write the tables and summary.

    ``out_dir`` is a ``str`` or ``os.PathLike[str]`` (:data:`rrnkit.io.StrPath`).
    Each CSV table has its Table Schema beside it (``x.schema.json``); ``raw``
    writes text cells as they are, not spreadsheet-safe (see
    :func:`rates_csv`).
    """
    out = Path(as_path(out_dir, "out_dir"))
    data = out / "data"
    write(config, data)
    bed_days = read_bed_days(data / BED_DAYS_FILE)
    measures = measure_paths([data], [ORGANISATION, YEAR], bed_days=bed_days)
    compliance = compliance_over_time(
        generate(config), ALL_PACKS, quarters(config.start, config.end)
    )
    files = (
        data,
        out / RATES_FILE,
        out / DURATIONS_FILE,
        out / COMPLIANCE_FILE,
        out / SUMMARY_FILE,
    )
    study = WorkedStudy(config=config, measures=measures, compliance=tuple(compliance), files=files)
    write_text(files[1], rates_csv(measures.rates, measures.by, raw=raw))
    write_schema(files[1], rates_schema(measures.by, raw=raw))
    write_text(files[2], durations_csv(measures.durations, measures.by, raw=raw))
    write_schema(files[2], durations_schema(measures.by, raw=raw))
    write_text(files[3], compliance_csv(compliance, raw=raw))
    write_schema(files[3], compliance_schema(raw=raw))
    write_text(files[4], _summary(study))
    return study
