"""Rule packs, one module per framework."""

from rrnkit.rules._ruleset import RuleSet
from rrnkit.rules.packs.action_plans import ACTION_PLANS
from rrnkit.rules.packs.bild_act import BILD_ACT
from rrnkit.rules.packs.practice import PRACTICE
from rrnkit.rules.packs.rrn_ts import RRN_TS
from rrnkit.rules.packs.uof_act import UOF_ACT

PACKS: dict[str, RuleSet] = {
    pack.id: pack for pack in (RRN_TS, BILD_ACT, UOF_ACT, ACTION_PLANS, PRACTICE)
}
"""Every shipped rule pack by id, in a stable order."""

ALL_PACKS = RuleSet(
    id="rrnkit-all",
    version="2",
    rules=tuple(rule for pack in PACKS.values() for rule in pack.rules),
)
"""Every shipped rule, pack after pack."""

__all__ = ["ACTION_PLANS", "ALL_PACKS", "BILD_ACT", "PACKS", "PRACTICE", "RRN_TS", "UOF_ACT"]
