"""The ``rrnkit`` command line.

Exit codes (the same for every command): 0 everything valid and no unmet rule
at or above ``--fail-on``; 1 invalid documents or unmet rules; 2 a usage or
environment error (unknown option, missing or unreadable path, unwritable
output, a file changed while being checked); 130 interrupted (Ctrl-C), after
reporting what was done. When standard output (or error) is a pipe that its
reader closed, as ``rrnkit export ... | head -1`` does, the command ends
quietly with exit code 0, as ``cat`` and ``grep`` do.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from rrnkit.cli._export import export
from rrnkit.cli._mhsds import mhsds
from rrnkit.cli._options import (
    EXIT_CODES_HELP,
    JOBS,
    VALIDATE_EXIT_HELP,
    Progress,
    emit_report,
    limits,
    print_version,
    reading_options,
    require_format,
)
from rrnkit.cli._pseudonymise import pseudonymise_command
from rrnkit.cli._serve import serve
from rrnkit.cli._study import study


def _closed_pipe(exc: BaseException) -> bool:
    """Tell whether ``exc``, or an error it was raised from or during, is a closed pipe (EPIPE).

    Commands turn an unwritable output into a usage error (``raise ... from
    None`` still keeps the original as the context), so the chain is followed.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, BrokenPipeError) or (
            isinstance(current, OSError) and current.errno == errno.EPIPE
        ):
            return True
        current = current.__cause__ or current.__context__
    return False


def _end_quietly() -> None:
    """Send what is left of standard output and error nowhere, then exit 0.

    The reader has gone: the rest of the output has no one to read it, and
    Python's final flush must not fail on the closed pipe either.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            fd = stream.fileno()
        except (AttributeError, ValueError, OSError):  # not a real file (a test's capture)
            continue
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, fd)
        finally:
            os.close(null)
    sys.exit(0)


class _Rrnkit(click.Group):
    """The ``rrnkit`` group: one place for what every command does alike."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a closed pipe on the output ends it quietly with exit code 0."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, OSError) as exc:
            if _closed_pipe(exc):
                _end_quietly()
            raise


@click.group(
    cls=_Rrnkit,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_CODES_HELP,
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: print_version(ctx) if value else None,
    help="Show the version and which validator and JSON reader are active, then exit.",
)
def cli() -> None:
    """Validate and check restraint-reduction evidence.

    rrnkit reads documents in its JSON interchange format (files, folders of
    .json/.jsonl/.ndjson, or - for standard input), validates them, and checks
    them against the RRN Training Standards, BILD ACT certification, RRN
    membership action plans, the Mental Health Units (Use of Force) Act 2018 and
    practice guidance. It checks evidence against published standards; it is not
    a certification body and certifies no one. Messages never show the values of
    fields, which may hold personal data.
    """


@cli.command(epilog=VALIDATE_EXIT_HELP)
@reading_options
@JOBS
def validate(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    max_problems: int | None,
    max_record_bytes: int | None,
    max_depth: int | None,
    jobs: int,
) -> None:
    """Validate documents in PATHS against the interchange format.

    Each problem is located as FILE:LINE: /JSON/POINTER: CODE: MESSAGE. Every
    record read is counted as valid or invalid; bad records never stop the rest.
    """
    from rrnkit.api import validate as run

    require_format(fmt)
    progress = Progress()
    report = run(
        paths,
        limits=limits(max_record_bytes, max_depth),
        # an html page caps its own lists, after counting everything
        max_problems=None if fmt == "html" else max_problems,
        progress=progress,
        jobs=jobs,
    )
    progress.done()
    emit_report(report, fmt, output, max_problems=max_problems)
    sys.exit(report.exit_code())


def _ruleset(rules: tuple[str, ...], exclude: tuple[str, ...], params: tuple[str, ...]) -> Any:
    """Build the rule set of ``--rules``, ``--exclude`` and ``--param``, or raise a usage error.

    The names are read by the run pipeline's ``choose_ruleset``, which the
    service's query parameters share, so both refuse a name with one message
    (the nearest known name included) and name the rule set run alike.
    """
    from rrnkit._run import RuleChoiceError, choose_ruleset

    try:
        return choose_ruleset(rules, exclude, params)
    except RuleChoiceError as exc:
        raise click.BadParameter(exc.message, param_hint=f"--{exc.option}") from None


@cli.command(epilog=EXIT_CODES_HELP)
@reading_options
@click.option(
    "--rules",
    "rules",
    multiple=True,
    metavar="PACK|RULE_ID[,...]",
    help="Evaluate only these packs or rules (repeatable). Packs: rrn-ts, bild-act, "
    "uof-act, rrn-membership, practice. Default: every pack.",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="PACK|RULE_ID[,...]",
    help="Leave out these packs or rules (repeatable).",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="[RULE_ID:]NAME=VALUE",
    help="Set a rule parameter, for one rule or for every rule that has it "
    "(e.g. refresher_interval_months=6). VALUE is read as JSON, else as text.",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Judge the evidence as of this date (default: today). Always in the report.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a rule of this severity or above is unmet.",
)
@JOBS
@click.option(
    "--outcomes",
    type=click.Choice(["all", "findings"]),
    default="all",
    show_default=True,
    help="Report every rule outcome, or only findings (not met, insufficient evidence, "
    "rule errors); the counts always cover every outcome. The text report lists only "
    "findings either way, so it keeps no more. Use findings for large runs.",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    max_problems: int | None,
    max_record_bytes: int | None,
    max_depth: int | None,
    rules: tuple[str, ...],
    exclude: tuple[str, ...],
    params: tuple[str, ...],
    as_of: dt.datetime | None,
    fail_on: str,
    jobs: int,
    outcomes: str,
) -> None:
    """Validate documents in PATHS, then check them against the rule packs.

    The text report opens with a summary, then lists each problem and each unmet
    rule with its file, line, JSON Pointer, rule id, citation and message.
    """
    from rrnkit.api import check as run
    from rrnkit.report import FailOn, outcomes_to_keep

    require_format(fmt)
    ruleset = _ruleset(rules, exclude, params)
    day = as_of.date() if as_of is not None else dt.date.today()
    progress = Progress()
    report = run(
        paths,
        as_of=day,
        ruleset=ruleset,
        limits=limits(max_record_bytes, max_depth),
        # an html page caps its own lists, after counting every outcome by framework
        max_problems=None if fmt == "html" else max_problems,
        progress=progress,
        outcomes=outcomes_to_keep(fmt, outcomes),
        jobs=jobs,
    )
    progress.done()
    emit_report(
        report,
        fmt,
        output,
        ruleset.rules,
        max_problems=max_problems,
        limits=limits(max_record_bytes, max_depth),
    )
    sys.exit(report.exit_code(FailOn(fail_on)))


@cli.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Catalogue format.",
)
@click.option(
    "--rules",
    "selected",
    multiple=True,
    metavar="PACK|RULE_ID[,...]",
    help="List only these packs or rules.",
)
def rules_command(fmt: str, selected: tuple[str, ...]) -> None:
    """List the rule catalogue: id, citations, severity and parameters."""
    ruleset = _ruleset(selected, (), ())
    if fmt == "json":
        from rrnkit.rules.catalogue import rule_to_json

        click.echo(json.dumps([rule_to_json(r) for r in ruleset.rules], indent=2))
        return
    for rule in ruleset.rules:
        cites = ", ".join(str(c) for c in rule.citations)
        params = ", ".join(f"{p.name}={p.default!r}" for p in rule.parameters)
        line = f"{rule.id:34} {rule.severity.value:8} {cites}"
        click.echo(line + (f"  ({params})" if params else ""))


@cli.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print one rule fully: title, citations, what met means and its parameters."""
    from rrnkit.rules.catalogue import rule_to_json
    from rrnkit.rules.packs import ALL_PACKS

    try:
        rule = ALL_PACKS.rule(rule_id)
    except KeyError as exc:
        raise click.BadParameter(f"{exc} (see 'rrnkit rules')", param_hint="RULE_ID") from None
    info = rule_to_json(rule)
    click.echo(f"{rule.id}: {rule.title}")
    click.echo(f"  cites:      {', '.join(info['citations'])}")
    if rule.authority is not None:
        click.echo(f"  authority:  {rule.authority.words}")
    click.echo(f"  applies to: {rule.applies_to}")
    click.echo(f"  severity:   {rule.severity.value}")
    if info["tags"]:
        click.echo(f"  tags:       {', '.join(info['tags'])}")
    click.echo(f"  met means:  {rule.met_means}")
    if rule.reading:
        click.echo(f"  reading:    {' '.join(rule.reading.split())}")
    for p in info["parameters"]:
        state = "confirmed by the sources" if p["confirmed_by_sources"] else "rrnkit's default"
        click.echo(
            f"  parameter {p['name']} = {p['default']!r} ({state}; allowed: {p['allowed']}): "
            f"{p['description']}"
        )


@cli.group()
def schema() -> None:
    """List, show or export the published JSON Schemas (2020-12)."""


def _schema_texts() -> dict[str, tuple[str, Any]]:
    """Every published schema by name: the document kinds, then the report format."""
    from rrnkit.report import REPORT_SCHEMA_ID, render_report_schema
    from rrnkit.schema import KINDS, render, schema_id

    texts: dict[str, tuple[str, Any]] = {
        kind: (schema_id(kind), lambda kind=kind: render(kind)) for kind in KINDS
    }
    texts["report"] = (REPORT_SCHEMA_ID, render_report_schema)
    return texts


@schema.command("list")
def schema_list() -> None:
    """List the document kinds (and the report format) with their schema ids."""
    for name, (ident, _) in _schema_texts().items():
        click.echo(f"{name:26} {ident}")


@schema.command("show")
@click.argument("kind")
def schema_show(kind: str) -> None:
    """Print the schema of one document KIND (or of the JSON report: ``report``)."""
    texts = _schema_texts()
    if kind not in texts:
        raise click.BadParameter(f"{kind!r} is not one of: {', '.join(texts)}", param_hint="KIND")
    click.echo(texts[kind][1](), nl=False)


@schema.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def schema_export(directory: Path) -> None:
    """Write every schema into DIRECTORY as NAME.schema.json (how schemas/ is regenerated)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, (_, text) in _schema_texts().items():
            path = directory / f"{name}.schema.json"
            path.write_text(text(), encoding="utf-8")
            click.echo(str(path))
    except OSError as exc:
        raise click.UsageError(f"cannot write to {directory}: {exc.strerror}") from None


@cli.command()
@click.option(
    "--size",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="Number of incident records; the organisations' wards (and so bed days) grow "
    "with it, so rates stay about 40 restrictive interventions per 1,000 occupied bed days.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed; the same seed writes byte-identical files.",
)
@click.option(
    "--organisations",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Number of care organisations.",
)
@click.option(
    "--years", type=click.IntRange(min=1), default=1, show_default=True, help="Years of incidents."
)
@click.option(
    "--gap-share",
    type=click.FloatRange(0, 1),
    default=0.05,
    show_default=True,
    help="Share of incidents with a planted compliance gap.",
)
@click.option(
    "--invalid-share",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Share of incident records made invalid.",
)
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
def example(
    size: int,
    seed: int,
    organisations: int,
    years: int,
    gap_share: float,
    invalid_share: float,
    out: Path,
) -> None:
    """Write a synthetic, entirely fictional organisation's evidence as JSON Lines to OUT."""
    from rrnkit.synth import SynthConfig, write

    config = SynthConfig(
        organisations=organisations,
        incidents=size,
        years=years,
        gap_share=gap_share,
        invalid_share=invalid_share,
        seed=seed,
    )
    try:
        counts = write(config, out)
    except OSError as exc:
        raise click.UsageError(f"cannot write {out}: {exc.strerror}") from None
    for name, count in counts.items():
        click.echo(f"{count:>9}  {name}")
    click.echo(f"Check with: rrnkit check {out} --as-of {config.end.isoformat()}")


# Command families that live in their own modules.
cli.add_command(export)
cli.add_command(mhsds)
cli.add_command(pseudonymise_command)
cli.add_command(serve)
cli.add_command(study)


def main() -> None:
    """Run the command line; never shows a Python traceback.

    A closed pipe on standard output ends any command quietly, with exit code 0.
    """
    try:
        try:
            cli.main(prog_name="rrnkit")
        finally:
            sys.stdout.flush()  # here, not at exit, so a closed pipe is seen below
    except KeyboardInterrupt:
        from rrnkit.report import EXIT_INTERRUPTED

        click.echo("rrnkit: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # a bug in rrnkit: say so without echoing any data
        if _closed_pipe(exc):
            _end_quietly()
        from rrnkit.report import EXIT_USAGE

        click.echo(f"rrnkit: internal error ({type(exc).__name__}); please report it", err=True)
        sys.exit(EXIT_USAGE)
