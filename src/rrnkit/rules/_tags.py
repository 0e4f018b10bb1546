"""Rule tags with a meaning rrnkit itself acts on."""

from __future__ import annotations

from typing import Final

__all__ = ["READS_SENSITIVE"]

READS_SENSITIVE: Final = "reads-sensitive"
"""Tag of a rule that reads a field the model marks sensitive (names, free text, the NHS
number, the patient's mental disorder). Pseudonymisation removes those fields on purpose,
so on a pseudonymised copy such a rule finds them missing: its outcomes there measure
the pseudonymisation, not the record keeping."""
