"""Notes a report carries so its results are read rightly (never a value from a record)."""

from __future__ import annotations

from rrnkit.rules import READS_SENSITIVE, RuleSet

__all__ = ["pseudonymised_note"]


def pseudonymised_note(count: int, ruleset: RuleSet | None) -> str | None:
    """Return the note for ``count`` pseudonymised records judged by ``ruleset`` (None if none).

    ``rrnkit pseudonymise`` removes names, the NHS number and free text on
    purpose, so rules tagged :data:`~rrnkit.rules.READS_SENSITIVE` find those
    missing on the copy: the note names the ones the run evaluated.
    """
    if count <= 0:
        return None
    records = (
        "1 record is a pseudonymised copy"
        if count == 1
        else (f"{count} records are pseudonymised copies")
    )
    head = f"{records}: rrnkit pseudonymise removed names, NHS numbers and free text on purpose"
    if ruleset is None:
        return f"{head}; rules that read those fields find them missing there."
    affected = [r.id for r in ruleset.rules if READS_SENSITIVE in r.tags]
    if not affected:
        return f"{head}; no rule run reads those fields, so the results are not affected."
    return (
        f"{head}, so on them these rules measure the pseudonymisation, not the record "
        f"keeping: {', '.join(affected)}. Judge record keeping on the original records."
    )
