"""Mental Health Units (Use of Force) Act 2018: the record, training and the other duties.

Citations follow the Act as published on legislation.gov.uk: the record items
are s.6(5)(a)-(p), the three-year retention is s.6(6), s.6(2) is the
negligible-force exception, and the training topics are s.5(2)(a)-(k).
"""

from rrnkit.rules._ruleset import RuleSet
from rrnkit.rules.packs.uof_act._duties import DUTY_RULES
from rrnkit.rules.packs.uof_act._record import (
    RECORD_RULES,
    RELEVANT_CHARACTERISTICS,
    S6,
    record_required,
)
from rrnkit.rules.packs.uof_act._staff_training import COMMENCEMENT, TRAINING_RULES, UOF_TOPICS

RULES = RECORD_RULES + DUTY_RULES + TRAINING_RULES
"""Every Use of Force Act rule, in evaluation order."""

UOF_ACT = RuleSet(id="uof-act", version="2", rules=RULES)
"""The Use of Force Act rule set (version 2: the readings of the December 2026 review)."""

__all__ = [
    "COMMENCEMENT",
    "RELEVANT_CHARACTERISTICS",
    "RULES",
    "S6",
    "UOF_ACT",
    "UOF_TOPICS",
    "record_required",
]
