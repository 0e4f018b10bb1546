"""Courses: curriculum, time spent, techniques taught and how competence is assessed."""

from __future__ import annotations

from typing import Literal

import attrs

from rrnkit.model._document import DocumentBase
from rrnkit.model._meta import constrained, doc
from rrnkit.model.codes import (
    AssessmentMethod,
    ContentArea,
    CourseLevel,
    ModuleFocus,
    RiskLevel,
    SpecialistModule,
    TechniqueCategory,
)
from rrnkit.model.values import Identifier, valid_identifier

PREVENTIVE_FOCUS = frozenset({ModuleFocus.PREVENTION, ModuleFocus.DE_ESCALATION})


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Module:
    """One module of a course."""

    id: Identifier = attrs.field(validator=valid_identifier, metadata=doc("Module identifier."))
    title: str = attrs.field(metadata=doc("Module title.", minLength=1, maxLength=300))
    minutes: int = attrs.field(metadata=doc("Teaching time in whole minutes.", minimum=1))
    focus: ModuleFocus = attrs.field(metadata=doc("What the module is mainly for."))
    content_areas: tuple[ContentArea, ...] = attrs.field(
        default=(), metadata=doc("Content areas the module covers.")
    )
    specialist_module: SpecialistModule | None = attrs.field(
        default=None, metadata=doc("The specialist module this is, if any.")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Technique:
    """A physical technique the course teaches, classified so rules can flag the unsafe ones."""

    id: Identifier = attrs.field(validator=valid_identifier, metadata=doc("Technique identifier."))
    name: str = attrs.field(metadata=doc("The provider's name for it.", minLength=1))
    category: TechniqueCategory = attrs.field(metadata=doc("What the technique does."))
    risk: RiskLevel = attrs.field(metadata=doc("The provider's risk classification."))
    restricts_airway_breathing_circulation: bool = attrs.field(
        default=False,
        metadata=doc("Whether it can restrict airway, breathing or circulation (never taught)."),
    )
    pain_based: bool = attrs.field(
        default=False, metadata=doc("Whether it deliberately uses pain (never taught as routine).")
    )
    planned_prone: bool = attrs.field(
        default=False, metadata=doc("Whether it is a planned or intentional prone restraint.")
    )
    specialist_module: SpecialistModule | None = attrs.field(
        default=None, metadata=doc("The specialist module it belongs to, if any.")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class TrainerLearnerRatio:
    """How many learners each trainer may teach at once."""

    trainers: int = attrs.field(metadata=doc("Trainers.", minimum=1))
    learners: int = attrs.field(metadata=doc("Learners.", minimum=1))


@attrs.frozen(kw_only=True, field_transformer=constrained)
class LivedExperience:
    """How people with lived experience shaped or deliver the course."""

    in_design: bool = attrs.field(metadata=doc("Involved in designing the curriculum."))
    in_delivery: bool = attrs.field(metadata=doc("Involved in delivering it."))


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Course(DocumentBase):
    """A restrictive-intervention training course as a provider publishes it."""

    kind: Literal["course"] = attrs.field(
        default="course", metadata=doc("Document kind: always 'course'.")
    )
    provider_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The training provider's organisation id.")
    )
    title: str = attrs.field(metadata=doc("Course title.", minLength=1, maxLength=300))
    version: str = attrs.field(metadata=doc("Curriculum version.", minLength=1, maxLength=40))
    level: CourseLevel = attrs.field(metadata=doc("Initial, refresher, recertification, ..."))
    restrictive_component: bool = attrs.field(
        metadata=doc("Whether the course teaches any restrictive physical technique.")
    )
    total_minutes: int = attrs.field(
        metadata=doc("Total teaching time in whole minutes.", minimum=1)
    )
    modules: tuple[Module, ...] = attrs.field(default=(), metadata=doc("The course's modules."))
    techniques: tuple[Technique, ...] = attrs.field(
        default=(), metadata=doc("Physical techniques taught.")
    )
    ratio: TrainerLearnerRatio | None = attrs.field(
        default=None, metadata=doc("Maximum learners per trainer.")
    )
    lived_experience: LivedExperience | None = attrs.field(
        default=None, metadata=doc("Lived-experience involvement.")
    )
    assessment_methods: tuple[AssessmentMethod, ...] = attrs.field(
        default=(), metadata=doc("How learners' competence is assessed.")
    )

    @property
    def content_areas(self) -> frozenset[ContentArea]:
        """Every content area any module covers."""
        return frozenset(area for module in self.modules for area in module.content_areas)

    @property
    def preventive_minutes(self) -> int:
        """Minutes spent in prevention and de-escalation modules."""
        return sum(m.minutes for m in self.modules if m.focus in PREVENTIVE_FOCUS)
