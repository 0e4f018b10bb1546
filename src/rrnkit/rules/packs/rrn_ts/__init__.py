"""RRN Training Standards rules: TNA, curriculum, trainers, evaluation and refreshers.

Clause numbers follow ``domain.md`` section 2. Only 1.1.1-1.1.5, 1.3.2, 1.4,
1.4.4 and 3.1 are confirmed (as providers report them); rules resting on a
section without a confirmed sub-clause cite the section (``rrn-ts:2``,
``rrn-ts:3``, ``rrn-ts:4``).
"""

from rrnkit.rules._ruleset import RuleSet
from rrnkit.rules.packs.rrn_ts._common import DEFAULT_CONTENT_AREAS, INCIDENT_STAFF
from rrnkit.rules.packs.rrn_ts._curriculum import CURRICULUM_RULES
from rrnkit.rules.packs.rrn_ts._post_delivery import POST_DELIVERY_RULES
from rrnkit.rules.packs.rrn_ts._tna import TNA_RULES
from rrnkit.rules.packs.rrn_ts._trainers import TRAINER_RULES

RULES = TNA_RULES + CURRICULUM_RULES + TRAINER_RULES + POST_DELIVERY_RULES
"""Every RRN Training Standards rule, in evaluation order."""

RRN_TS = RuleSet(id="rrn-ts", version="2", rules=RULES)
"""Every RRN Training Standards rule, in evaluation order."""

__all__ = ["DEFAULT_CONTENT_AREAS", "INCIDENT_STAFF", "RRN_TS", "RULES"]
