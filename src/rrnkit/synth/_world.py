"""The reference world: organisations, providers, workforce, training and plans.

Built once, in memory (it is small next to the incidents): every organisation
gets units and a workforce that turns over, a certified provider with
trainers, a TNA, a training schedule that keeps each member of staff in date
(full programme every fourth training, refreshers between), evaluations and a
two-year action plan. Planted gaps (lapsed staff, a trainer's lapsed
authorisation, an unevaluated event, an overdue action) are chosen with their
own random stream, so changing ``gap_share`` leaves the rest of the world alone.

Planning (``_plan_workforce``, ``_plan_training``) makes the plans; building
(``_build_*``) turns them into documents. :func:`build_world` runs both in one
fixed order, since every draw comes from the same seeded streams.
"""

from __future__ import annotations

import datetime as dt

import attrs

from rrnkit.model import ActionPlan, Document
from rrnkit.synth._build_action_plan import action_plan
from rrnkit.synth._build_organisations import organisation_document, provider_document
from rrnkit.synth._build_tna import training_needs_analysis
from rrnkit.synth._build_training import evaluations_of, trainer_document
from rrnkit.synth._capacity import beds_wanted
from rrnkit.synth._config import SynthConfig
from rrnkit.synth._draw import place, stream
from rrnkit.synth._plan_training import (
    plan_associate,
    plan_authorisation_gaps,
    plan_events,
    plan_providers,
    plan_senior_trainers,
)
from rrnkit.synth._plan_workforce import plan_lapses, plan_training, plan_units, plan_workforce
from rrnkit.synth._plans import OrgPlan, Provider

__all__ = ["World", "build_world"]


@attrs.define(eq=False)
class World:
    """Every reference document, and what the incident generator needs to know."""

    config: SynthConfig
    orgs: list[OrgPlan]
    providers: list[Provider]
    documents: list[Document]


def build_world(config: SynthConfig, clock_origin: dt.date) -> World:
    """Generate every reference document of a configuration, and the plans behind them."""
    rng = stream(config, "reference")
    gap = stream(config, "reference-gaps")
    offset = rng.randrange(1000)
    providers = plan_providers(rng, config, offset)
    orgs: list[OrgPlan] = []
    beds = beds_wanted(config)
    for i in range(config.organisations):
        place_name, code = place(i, offset)
        nhs = rng.random() < 0.75
        slug = place_name.lower().replace(" ", "-")
        org = OrgPlan(
            index=i,
            id=f"org-{slug}-mh" if nhs else f"org-{slug}-hospital",
            code=code,
            slug=slug,
            name=f"{place_name} Mental Health NHS Foundation Trust"
            if nhs
            else f"{place_name} House Independent Hospital",
            short=place_name if nhs else f"{place_name} House",
            nhs=nhs,
            provider=providers[i // 4],
        )
        plan_units(rng, org, beds)
        plan_workforce(rng, org, config)
        plan_training(rng, org, config, clock_origin)
        orgs.append(org)
    for provider in providers:
        plan_senior_trainers(rng, provider, sum(1 for o in orgs if o.provider is provider))
    for org in orgs:
        plan_lapses(gap, org, config, clock_origin)
        if rng.random() < 0.5:
            plan_associate(rng, org, config)
        plan_events(rng, org, config)
        plan_authorisation_gaps(gap, org, config)
    total_weight = sum(o.weight for o in orgs)
    documents: list[Document] = []
    tnas: list[Document] = []
    plans: list[ActionPlan] = []
    evaluations: list[Document] = []
    for org in orgs:
        per_year = config.incidents / config.years * org.weight / total_weight
        tnas.append(training_needs_analysis(rng, org, config, per_year))
        plans.append(action_plan(rng, gap, org, config))
        evaluations += evaluations_of(rng, gap, org, config)
    documents += [
        organisation_document(rng, org, plan, config) for org, plan in zip(orgs, plans, strict=True)
    ]
    documents += [provider_document(rng, p, config) for p in providers]
    documents += tnas
    for provider in providers:
        documents += [provider.initial, provider.refresher]
    for provider in providers:
        for plan in provider.trainers:
            documents.append(trainer_document(rng, plan, provider, None, config))
        for org in orgs:
            if org.provider is provider and org.associate is not None:
                documents.append(trainer_document(rng, org.associate, provider, org, config))
    for org in orgs:
        documents += org.events
    documents += evaluations
    documents += plans
    return World(config=config, orgs=orgs, providers=providers, documents=documents)
