"""The catalogue of every problem code: what it means, how to fix it, which commands raise it.

A :class:`~rrnkit.problems.Problem` carries a stable ``code`` such as
``value.naive-datetime``; one mistake has one code, whichever path finds it
(``rrnkit validate``, :func:`rrnkit.convert.load`, :func:`rrnkit.schema.validate`).
:data:`CATALOGUE` lists every code rrnkit can report, as data, and
``docs/reference/problem-codes.md`` is generated from it::

    python -m rrnkit.problem_codes docs/reference/problem-codes.md

A code is ``FAMILY.NAME``; :data:`FAMILIES` says what each family is about.
A test proves that every code the source can report is here and that every
entry here is reported somewhere. This module imports nothing of rrnkit's but
a page writer, so any layer may read it.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Mapping

import attrs

from rrnkit._internal.pages import cell, write_page

__all__ = [
    "CATALOGUE",
    "DOCUMENT_COMMANDS",
    "FAMILIES",
    "LOAD",
    "SCHEMA_VALIDATE",
    "TABULAR_READ_CSV",
    "ProblemCode",
    "main",
    "problem_code",
    "render_markdown",
]

DOCUMENT_COMMANDS: tuple[str, ...] = (
    "validate",
    "check",
    "export",
    "study measures",
    "study trend",
    "pseudonymise",
    "mhsds export",
)
"""The commands that read documents (files, folders or standard input) and report their problems."""
LOAD = "rrnkit.convert.load"
"""Loading one document's JSON data: problems come in a :class:`~rrnkit.problems.DocumentError`."""
SCHEMA_VALIDATE = "rrnkit.schema.validate"
"""Checking JSON data against one kind's published schema (the envelope is not checked first)."""
TABULAR_READ_CSV = "rrnkit.tabular.read_csv"
"""Reading a table's CSV back into typed rows (given a ``problems`` list, or raised)."""


@attrs.frozen(kw_only=True)
class ProblemCode:
    """One problem code: what it means, how to fix it, and where it can come from."""

    code: str
    """The stable code, ``FAMILY.NAME`` (``value.naive-datetime``)."""
    meaning: str
    """What is wrong when a problem has this code."""
    fix: str
    """How to put it right."""
    commands: tuple[str, ...]
    """The ``rrnkit`` commands that can report it (the Python function behind each does too)."""
    python: tuple[str, ...] = ()
    """Other Python functions that report it: :data:`LOAD`, :data:`SCHEMA_VALIDATE`,
    :data:`TABULAR_READ_CSV`."""

    @property
    def family(self) -> str:
        """The code's family, the part before the dot (``value``)."""
        return self.code.partition(".")[0]


FAMILIES: Mapping[str, str] = types.MappingProxyType(
    {
        "path": "the paths given: files and folders that cannot be read",
        "file": "a file's bytes, before any JSON is read",
        "record": "one record (a `.json` file or a JSON Lines line) as a whole",
        "json": "the JSON text of one record",
        "document": "the envelope (`kind`, `schema_version`) and the identity of a document",
        "field": "which members an object has",
        "value": "the value of one member",
        "mhsds": "MHSDS MHS505 and MHS515 rows (`mhsds import` reads them, `mhsds export` writes)",
        "bed-days": "the occupied bed days CSV that `study measures --bed-days` reads",
        "table": "a table's CSV (as `rrnkit export` writes it) that `rrnkit.tabular.read_csv` "
        "reads back",
    }
)
"""Each code family, in the order the catalogue lists them, with what it is about."""

_READ = DOCUMENT_COMMANDS
_CHECKED = ("check", "study measures")
_IMPORT = ("mhsds import",)
_EXPORT = ("mhsds export",)
_BED_DAYS = ("study measures",)
_BOTH = (LOAD, SCHEMA_VALIDATE)
_TABLE = (TABULAR_READ_CSV,)


def _entries() -> tuple[ProblemCode, ...]:
    """Every code, family by family (the order of :data:`FAMILIES`)."""
    e = ProblemCode
    return (
        # path -------------------------------------------------------------------------
        e(
            code="path.not-found",
            meaning="A path given does not exist (for `study measures`, also the "
            "`--bed-days` file).",
            fix="Check the spelling and the working directory; give an existing file or folder.",
            commands=_READ,
        ),
        e(
            code="path.unreadable",
            meaning="A path exists but cannot be read (permissions, a broken link, a special "
            "file), or standard input was given where it would have to be read twice.",
            fix="Make the file readable by the user running rrnkit; give incidents as a file "
            "to commands that read them twice.",
            commands=_READ,
        ),
        e(
            code="path.no-documents",
            meaning="A folder given holds no `.json`, `.jsonl` or `.ndjson` file, at any depth.",
            fix="Point at the folder that holds the documents, or name the files.",
            commands=_READ,
        ),
        e(
            code="path.changed",
            meaning="A file changed between the two reads of a run (its SHA-256 differs), so "
            "results drawn from it cannot be trusted.",
            fix="Run again once nothing is writing to the file.",
            commands=_CHECKED,
        ),
        # file -------------------------------------------------------------------------
        e(
            code="file.not-utf8",
            meaning="A record is not UTF-8 text (the message gives the offset of the first "
            "bad byte).",
            fix="Re-export the file as UTF-8.",
            commands=_READ,
        ),
        # record -----------------------------------------------------------------------
        e(
            code="record.too-large",
            meaning="A `.json` file or a JSON Lines line is larger than the record size limit "
            "(`max_record_bytes`, 64 MiB by default).",
            fix="Split the data into smaller documents, or raise `--max-record-bytes`.",
            commands=_READ,
        ),
        # json -------------------------------------------------------------------------
        e(
            code="json.syntax",
            meaning="The text is not well-formed JSON: a missing comma or bracket, an "
            "unclosed string, a bare word, a bad escape or a raw control character.",
            fix="Correct the JSON at the line and column given.",
            commands=_READ,
        ),
        e(
            code="json.empty",
            meaning="A record holds no JSON at all (an empty file, or only white space).",
            fix="Remove the empty file, or write the document into it.",
            commands=_READ,
        ),
        e(
            code="json.duplicate-key",
            meaning="An object repeats a key; JSON readers disagree about which value wins, "
            "so rrnkit refuses it.",
            fix="Keep one member of each name.",
            commands=_READ,
        ),
        e(
            code="json.non-finite-number",
            meaning="A number is NaN, Infinity or -Infinity, which JSON does not allow.",
            fix="Write a finite number, or leave the member out.",
            commands=_READ,
        ),
        e(
            code="json.number-too-large",
            meaning="An integer has more digits than the limit (`max_integer_digits`, 30), or "
            "a number is too large to represent.",
            fix="Write the number within range; no field of the model needs more.",
            commands=_READ,
        ),
        e(
            code="json.string-too-long",
            meaning="A string, key or value, is longer than the limit (`max_string_length`, "
            "1,000,000 characters).",
            fix="Shorten the value; no field of the model needs so long a string.",
            commands=_READ,
        ),
        e(
            code="json.too-deep",
            meaning="Arrays and objects nest deeper than the limit (`max_depth`, 64).",
            fix="Flatten the data (usually deep nesting sits in `extensions`), or raise "
            "`--max-depth`.",
            commands=_READ,
        ),
        # document ---------------------------------------------------------------------
        e(
            code="document.not-an-object",
            meaning="A record, or a member of a bundle's `documents`, is JSON but not an object.",
            fix="Write each document as one JSON object with `kind` and `schema_version`.",
            commands=_READ,
            python=(LOAD,),
        ),
        e(
            code="document.kind-missing",
            meaning="A document has no `kind`, so rrnkit cannot tell which schema applies.",
            fix="Add `kind` (one of the document kinds, such as `incident`).",
            commands=_READ,
            python=(LOAD,),
        ),
        e(
            code="document.unknown-kind",
            meaning="`kind` is not a document kind (the message lists them), or names a kind a "
            "bundle may not hold (a bundle inside a bundle).",
            fix="Use one of the kinds the message lists.",
            commands=_READ,
            python=(LOAD,),
        ),
        e(
            code="document.version-missing",
            meaning="A document has no `schema_version`.",
            fix='Add `"schema_version": "1.0"` (the version this release reads).',
            commands=_READ,
            python=(LOAD,),
        ),
        e(
            code="document.version-invalid",
            meaning="`schema_version` is not written MAJOR.MINOR (such as `1.0`).",
            fix='Write the version as text, MAJOR.MINOR: `"1.0"`.',
            commands=_READ,
            python=(LOAD,),
        ),
        e(
            code="document.unsupported-version",
            meaning="`schema_version` is a version this release cannot read, and no migration "
            "leads from it to the current one.",
            fix="Write documents at the version the message names, or register a migration "
            "(see the how-to on migrating documents).",
            commands=_READ,
            python=(LOAD,),
        ),
        e(
            code="document.duplicate-id",
            meaning="A document repeats the kind and id of one read before; the first one read "
            "is used and this one is invalid (the message says where the first is).",
            fix="Give each document of a kind its own id, or remove the copy.",
            commands=_READ,
        ),
        # field ------------------------------------------------------------------------
        e(
            code="field.required",
            meaning="A required member is missing (the pointer names it).",
            fix="Add the member; the document kind pages say what each field holds.",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="field.unknown",
            meaning="An object has a member its kind does not define (often a misspelling: "
            "the message suggests the nearest field name).",
            fix="Rename the member to the field meant, or move data of your own under "
            "`extensions`, keyed by a namespace you control.",
            commands=_READ,
            python=_BOTH,
        ),
        # value ------------------------------------------------------------------------
        e(
            code="value.type",
            meaning="A value has the wrong JSON type (text for a number, a number for a code, "
            "an array for an object), or is null where a value is optional.",
            fix="Write the JSON type the message names; leave an absent optional value out "
            "rather than writing null.",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.const",
            meaning="A member that allows exactly one value holds another: a document's `kind` "
            "is not the kind it is checked against. Commands and `load` check `kind` first "
            "(`document.unknown-kind`), so only a check against one named kind reports it.",
            fix="Check the data against the schema of its own kind, or correct `kind`.",
            commands=(),
            python=(SCHEMA_VALIDATE,),
        ),
        e(
            code="value.unknown-code",
            meaning="A code field holds a value that is not one of its official codes (MHSDS "
            "codes keep their two-digit form, such as `01`); the message lists the allowed "
            "codes.",
            fix="Use one of the codes the message lists (the document kind pages describe each).",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.date",
            meaning="A date is not written YYYY-MM-DD, or is not a real calendar date (30 "
            "February).",
            fix="Write a real date as YYYY-MM-DD, such as `2026-03-04`.",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.datetime",
            meaning="A date-time is not an RFC 3339 date-time, or is not a real date and time; "
            "or it is a leap second (`23:59:60`), which RFC 3339 allows and rrnkit refuses "
            "(the message says so).",
            fix="Write a real date and time with its UTC offset, such as "
            "`2026-03-04T14:05:00+00:00` or `2026-03-04T14:05:00Z`.",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.naive-datetime",
            meaning="A date-time has no UTC offset, so the moment it names is ambiguous (UK "
            "local time is UTC or UTC+1).",
            fix="Add the offset in force at that moment: `Z` or `+00:00` in winter, `+01:00` "
            "in British Summer Time.",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.identifier",
            meaning="An identifier is not a letter or digit followed by up to 127 letters, "
            "digits, `.`, `_`, `:` or `-` (for `mhsds import`, an incident id in MHS505 or "
            "MHS515).",
            fix="Use only those characters (no spaces), at most 128 of them.",
            commands=(*_READ, *_IMPORT),
            python=_BOTH,
        ),
        e(
            code="value.nhs-number",
            meaning="An NHS number is not ten digits, or its last digit is not the modulus-11 "
            "check digit of the first nine.",
            fix="Copy the NHS number again from its source, as ten digits without spaces.",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.pattern",
            meaning="A text value does not have the form its field requires (such as an age "
            "band written `18-24` or `65+`).",
            fix="Write the value in the form the field's description gives.",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.too-short",
            meaning="A text value is shorter than its field allows (usually: empty).",
            fix="Write the value, or leave an optional member out.",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.too-long",
            meaning="A text value is longer than its field allows (the message gives the limit).",
            fix="Shorten the value.",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.below-minimum",
            meaning="A number is less than its field allows (a negative count, say).",
            fix="Write a number at or above the minimum the message gives.",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.above-maximum",
            meaning="A number is more than its field allows.",
            fix="Write a number at or below the maximum the message gives.",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.too-few-items",
            meaning="An array has fewer items than its field requires.",
            fix="Add the items the field requires (the message gives how many).",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.extension-namespace",
            meaning="A key of `extensions` is not a dotted namespace such as `org.example`.",
            fix="Key your extension data by a lower-case dotted namespace you control.",
            commands=_READ,
            python=_BOTH,
        ),
        e(
            code="value.order",
            meaning="An end (an end time, an expiry, a last day) is earlier than its start; "
            "date-times are compared as instants, whatever their offsets.",
            fix="Correct whichever of the two is wrong.",
            commands=(*_READ, *_IMPORT),
            python=(LOAD,),
        ),
        e(
            code="value.invalid",
            meaning="A value failed a check that has no more specific code. rrnkit's own "
            "schemas and model give every check a code, so this should not be seen.",
            fix="Compare the value with the document kind page; please report the case as a "
            "bug, with the document's shape but without its values.",
            commands=_READ,
            python=_BOTH,
        ),
        # mhsds ------------------------------------------------------------------------
        e(
            code="mhsds.csv",
            meaning="An MHS505 or MHS515 file is not well-formed CSV; the rest of the file is "
            "not read (and, for MHS515, no incident is imported, since its interventions are "
            "not all known).",
            fix="Re-export the file as CSV with RFC 4180 quoting.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.encoding",
            meaning="A line of an MHS505 or MHS515 file holds bytes that are not UTF-8; the "
            "problem is on the line where they are. In a row, the row is not read; in the "
            "header, none of the file's rows is.",
            fix="Save the file as UTF-8.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.empty",
            meaning="An MHS505 or MHS515 file holds no header line (it is empty or blank), so "
            "nothing in it can be read. A file with a header and no rows is a table with no "
            "rows, which is fine.",
            fix="Export the table with its header line, even when it has no rows.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.header",
            meaning="A file's header line lacks columns the import needs; none of its rows is "
            "read.",
            fix="Export the file with the MHSDS column names the message lists.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.unknown-column",
            meaning="A header names a column that is not one of the table's MHSDS columns (or "
            "a row given in Python names one), so its values would be lost: none of the "
            "file's rows is read. The message names the column by position, and the nearest "
            "known column the header lacks.",
            fix="Spell the column as the MHSDS data set does (see the MHSDS column tables), "
            "or remove it.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.duplicate-column",
            meaning="A header names a column twice, so which cell is which is not known; none "
            "of the file's rows is read.",
            fix="Name each column once.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.row-length",
            meaning="A row has fewer or more cells than the header has columns; the row is not "
            "read, and its incident is not imported.",
            fix="Correct the row's quoting or delimiters.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.required",
            meaning="A cell the import needs is empty (or a date is given without its time, "
            "or a time without its date).",
            fix="Fill in the cell.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.code",
            meaning="A cell is not an MHSDS restrictive intervention reason or type code.",
            fix="Use a code of the MHSDS data dictionary, in its two-digit form.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.yes-no",
            meaning="A yes/no cell is not `Y`, `N` or empty.",
            fix="Write `Y`, `N`, or leave it empty when not known.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.date",
            meaning="A date cell is not written YYYY-MM-DD, or is not a real calendar date.",
            fix="Write a real date as YYYY-MM-DD.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.time",
            meaning="A time cell is not written HH:MM:SS, or is not a real time of day.",
            fix="Write the time as HH:MM:SS (24-hour clock).",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.time-nonexistent",
            meaning="A UK local time that never happened: the hour skipped when the clocks go "
            "forward in March.",
            fix="Check the time in the source system; the real moment is an hour later or earlier.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.out-of-range",
            meaning="A date and time cannot be written as (or read from) UK local time: it "
            "lies outside the dates rrnkit can hold.",
            fix="Correct the year.",
            commands=(*_EXPORT, *_IMPORT),
        ),
        e(
            code="mhsds.duplicate-id",
            meaning="Rows repeat an incident id (MHS505) or an intervention type id within one "
            "incident (MHS515); or, exported, an incident repeats an intervention id, so its "
            "MHS515 rows could not be told apart.",
            fix="Give each incident, and each intervention within it, its own id.",
            commands=(*_EXPORT, *_IMPORT),
        ),
        e(
            code="mhsds.orphan",
            meaning="An MHS515 row names an incident that is not in MHS505.",
            fix="Export MHS505 and MHS515 together, for the same period.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.incident-invalid",
            meaning="An MHS515 row is good, but its incident's MHS505 row is not (or MHS505 "
            "was not read in full), so neither is imported.",
            fix="Fix the problems reported on the MHS505 row.",
            commands=_IMPORT,
        ),
        e(
            code="mhsds.intervention-invalid",
            meaning="An MHS505 row is good, but some of its MHS515 rows are not (or MHS515 "
            "was not read in full, so they are not all known): the incident is not imported.",
            fix="Fix the problems reported on the MHS515 rows the message names.",
            commands=_IMPORT,
        ),
        # bed-days ---------------------------------------------------------------------
        e(
            code="bed-days.empty",
            meaning="The bed days file holds no header line.",
            fix="Write the header `organisation_id,unit_id,month,occupied_bed_days` and a row "
            "per month.",
            commands=_BED_DAYS,
        ),
        e(
            code="bed-days.encoding",
            meaning="A line of the bed days file is not UTF-8 text.",
            fix="Save the file as UTF-8.",
            commands=_BED_DAYS,
        ),
        e(
            code="bed-days.quote",
            meaning="A quoted value is not closed on its line.",
            fix="Close the quotes (a value may not span lines).",
            commands=_BED_DAYS,
        ),
        e(
            code="bed-days.header",
            meaning="The header names a column twice, or lacks a column rrnkit needs (then no "
            "row can be read).",
            fix="Name each of `organisation_id`, `unit_id`, `month` and `occupied_bed_days` once.",
            commands=_BED_DAYS,
        ),
        e(
            code="bed-days.unknown-column",
            meaning="The header names a column rrnkit does not read; its values are ignored.",
            fix="Remove the column, or ignore this notice.",
            commands=_BED_DAYS,
        ),
        e(
            code="bed-days.field-count",
            meaning="A row has fewer or more values than the header names columns; the row "
            "is not read.",
            fix="Complete the row (an empty `unit_id` still needs its comma), or remove the "
            "extra values (a value with a comma needs quotes).",
            commands=_BED_DAYS,
        ),
        e(
            code="bed-days.required",
            meaning="A row's `organisation_id` is blank.",
            fix="Fill in the organisation's id.",
            commands=_BED_DAYS,
        ),
        e(
            code="bed-days.identifier",
            meaning="An `organisation_id` or `unit_id` is not a valid identifier.",
            fix="Use the ids the documents use.",
            commands=_BED_DAYS,
        ),
        e(
            code="bed-days.month",
            meaning="A month is not written YYYY-MM.",
            fix="Write the month as YYYY-MM, such as `2025-03`.",
            commands=_BED_DAYS,
        ),
        e(
            code="bed-days.number",
            meaning="`occupied_bed_days` is not a whole number of days (0 or more, digits only).",
            fix="Write the count as digits, without separators.",
            commands=_BED_DAYS,
        ),
        e(
            code="bed-days.duplicate",
            meaning="A row repeats the organisation, unit and month of an earlier row; the "
            "first is used.",
            fix="Keep one row per organisation, unit and month.",
            commands=_BED_DAYS,
        ),
        e(
            code="bed-days.mixed-levels",
            meaning="An organisation reports a month both by unit and as a whole; the "
            "organisation-wide row is left out.",
            fix="Report each month either by unit or for the whole organisation.",
            commands=_BED_DAYS,
        ),
        # table ------------------------------------------------------------------------
        e(
            code="table.empty",
            meaning="A table's CSV file holds no header line (it is empty or blank), so no "
            "row can be read.",
            fix="Write the table with its header line (`rrnkit export` always does).",
            commands=(),
            python=_TABLE,
        ),
        e(
            code="table.csv",
            meaning="A table's CSV file is not well-formed CSV (a quote not closed); the rest "
            "of the file is not read.",
            fix="Write the file again with RFC 4180 quoting.",
            commands=(),
            python=_TABLE,
        ),
        e(
            code="table.encoding",
            meaning="A line of a table's CSV file holds bytes that are not UTF-8; the problem "
            "is on the line where they are. In a row, the row is not read; in the header, "
            "none of the file's rows is.",
            fix="Save the file as UTF-8.",
            commands=(),
            python=_TABLE,
        ),
        e(
            code="table.header",
            meaning="The header lacks some of the table's columns, or names them out of "
            "order; none of the file's rows is read.",
            fix="Write the table's columns in the order of the table reference.",
            commands=(),
            python=_TABLE,
        ),
        e(
            code="table.unknown-column",
            meaning="The header names a column the table does not have (the message gives "
            "its position); none of the file's rows is read.",
            fix="Read the file as the table it was written as, or remove the column.",
            commands=(),
            python=_TABLE,
        ),
        e(
            code="table.duplicate-column",
            meaning="The header names a column twice, so which cell is which is not known; "
            "none of the file's rows is read.",
            fix="Name each column once.",
            commands=(),
            python=_TABLE,
        ),
        e(
            code="table.row-length",
            meaning="A row has fewer or more cells than the header has columns; the row is "
            "not read, the rest are.",
            fix="Correct the row's quoting or delimiters.",
            commands=(),
            python=_TABLE,
        ),
        e(
            code="table.value",
            meaning="A cell does not hold a value of its column's type (an integer, "
            "`true`/`false`, an ISO 8601 date or date-time with its offset); the row is not "
            "read, the rest are.",
            fix="Correct the cell as the table reference describes the column.",
            commands=(),
            python=_TABLE,
        ),
    )


CATALOGUE: Mapping[str, ProblemCode] = types.MappingProxyType({e.code: e for e in _entries()})
"""Every problem code rrnkit can report, by code, family by family."""


def problem_code(code: str) -> ProblemCode:
    """Return the catalogue entry of ``code``; raise ``KeyError`` naming it when unknown."""
    try:
        return CATALOGUE[code]
    except KeyError:
        raise KeyError(f"unknown problem code {code!r}") from None


def render_markdown() -> str:
    """Return ``docs/reference/problem-codes.md``: every code, family by family."""
    lines = [
        "<!-- Generated from rrnkit.problem_codes; do not edit by hand.",
        "     Regenerate with: python -m rrnkit.problem_codes docs/reference/problem-codes.md -->",
        "",
        "# Problem codes",
        "",
        "Every problem rrnkit reports reads `FILE:LINE: /JSON/POINTER: CODE: MESSAGE`. The",
        "code is stable, so software can act on it, and one mistake has one code whichever",
        "path finds it. Messages never show a field's value, which may be personal data;",
        "they may name what is allowed (the codes of a code field, the nearest field name).",
        "",
        "**Commands** are the `rrnkit` commands that can report the code (the Python",
        "function behind each, such as `rrnkit.validate`, reports it too). **Python** names",
        f"the other functions that report it: `{LOAD}` (in a `DocumentError`),",
        f"`{SCHEMA_VALIDATE}`, which checks data against one kind's schema without",
        "checking the envelope (`kind`, `schema_version`) first, and",
        f"`{TABULAR_READ_CSV}`, which reads a table's CSV back. The same catalogue is",
        "data in Python: [`rrnkit.problem_codes.CATALOGUE`](api/problem-codes.md).",
        "",
        "| family | problems with |",
        "|---|---|",
    ]
    lines += [f"| [`{name}`](#{name}) | {cell(about)} |" for name, about in FAMILIES.items()]
    for family, about in FAMILIES.items():
        lines += [
            "",
            f"## {family}",
            "",
            f"Problems with {about}.",
            "",
            "| code | meaning | how to fix it | commands | Python |",
            "|---|---|---|---|---|",
        ]
        for entry in CATALOGUE.values():
            if entry.family != family:
                continue
            commands = ", ".join(f"`{c}`" for c in entry.commands)
            python = ", ".join(f"`{f}`" for f in entry.python)
            lines.append(
                f"| `{entry.code}` | {cell(entry.meaning)} | {cell(entry.fix)} "
                f"| {commands} | {python} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Write the problem-code page to the path in ``argv`` (or to standard output)."""
    return write_page(render_markdown(), argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
