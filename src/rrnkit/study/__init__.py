"""Research study helpers: occupied bed days, standard measures and compliance over time.

A restraint-reduction study asks how often restrictive interventions were
used (per 1,000 occupied bed days, as the MHSDS measure MHS96), how (prone,
rapid tranquillisation, seclusion and segregation), with what follow-up
(debriefs, injuries, trained staff), for whom, and whether compliance with
the standards changed over time. This package answers those questions from
rrnkit documents, in pure Python:

- :func:`read_bed_days` reads occupied bed days per organisation, unit and
  month from CSV (bad rows become located problems);
- :func:`measure` (or :class:`MeasureTally`, one incident at a time, or
  :func:`measure_paths`, from files) counts every measure in :data:`MEASURES`
  in one pass, broken down by dimensions such as :data:`UNIT`,
  :data:`MONTH`, :data:`INTERVENTION_TYPE` or :data:`AGE_BAND`; each row
  carries numerator, denominator and value, and an undefined value is None;
- :func:`compliance_over_time` judges a rule set at the end of each period
  (:func:`quarters`, :func:`months`) and counts outcomes per framework or pack;
- :func:`spc` computes an XmR (individuals) chart with *Making Data Count*'s
  special-cause signals, and :func:`funnel` a funnel plot of counts per
  exposure with exact Poisson limits (``rrnkit.extra.charts`` draws both);
- :func:`run_worked_study` is the worked study of ``docs/tutorials/research-study.md``.

Results are counts of records, never the records' values: nothing here
repeats a sensitive field.
"""

from rrnkit.study._bed_days import (
    COLUMNS,
    BedDays,
    OccupiedBedDays,
    format_bed_days,
    parse_bed_days,
    read_bed_days,
)
from rrnkit.study._compliance import ComplianceCount, compliance_over_time, months, quarters
from rrnkit.study._dimensions import (
    AGE_BAND,
    AUTISM,
    DEFAULT_AGE_BANDS,
    DIMENSIONS,
    FINANCIAL_YEAR,
    INTERVENTION_TYPE,
    LEARNING_DISABILITY,
    MONTH,
    NO_INTERVENTION,
    NOT_RECORDED,
    ORGANISATION,
    OTHER,
    QUARTER,
    UNIT,
    UNKNOWN,
    YEAR,
    Dimension,
    Exposure,
    Record,
    age_band,
    characteristic,
)
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
from rrnkit.study._funnel import Funnel, FunnelCurve, FunnelPoint, funnel
from rrnkit.study._measures import (
    INCIDENTS_PER_1000_OBD,
    INTERVENTIONS_PER_1000_OBD,
    MEASURES,
    OTHER_PERSON_INJURY_SHARE,
    PATIENT_DEBRIEF_SHARE,
    PATIENT_INJURY_SHARE,
    PRONE_OVER_LIMIT_SHARE,
    PRONE_PER_1000_OBD,
    PRONE_SHARE,
    RAPID_TRANQUILLISATION_PER_1000_OBD,
    SECLUSION_DURATION,
    SEGREGATION_DURATION,
    STAFF_DEBRIEF_SHARE,
    STAFF_INJURY_SHARE,
    TRAINED_STAFF_SHARE,
    DurationSummary,
    Group,
    Measures,
    MeasureSettings,
    MeasureTally,
    Rate,
    measure,
)
from rrnkit.study._month import Month, months_between
from rrnkit.study._spc import SpcChart, SpcPoint, spc
from rrnkit.study._worked import STUDY_CONFIG, WorkedStudy, run_worked_study

__all__ = [
    "AGE_BAND",
    "AUTISM",
    "COLUMNS",
    "DEFAULT_AGE_BANDS",
    "DIMENSIONS",
    "FINANCIAL_YEAR",
    "INCIDENTS_PER_1000_OBD",
    "INTERVENTIONS_PER_1000_OBD",
    "INTERVENTION_TYPE",
    "LEARNING_DISABILITY",
    "MEASURES",
    "MONTH",
    "NOT_RECORDED",
    "NO_INTERVENTION",
    "ORGANISATION",
    "OTHER",
    "OTHER_PERSON_INJURY_SHARE",
    "PATIENT_DEBRIEF_SHARE",
    "PATIENT_INJURY_SHARE",
    "PRONE_OVER_LIMIT_SHARE",
    "PRONE_PER_1000_OBD",
    "PRONE_SHARE",
    "QUARTER",
    "RAPID_TRANQUILLISATION_PER_1000_OBD",
    "SECLUSION_DURATION",
    "SEGREGATION_DURATION",
    "STAFF_DEBRIEF_SHARE",
    "STAFF_INJURY_SHARE",
    "STUDY_CONFIG",
    "TRAINED_STAFF_SHARE",
    "UNIT",
    "UNKNOWN",
    "YEAR",
    "BedDays",
    "ComplianceCount",
    "Dimension",
    "DurationSummary",
    "Exposure",
    "Funnel",
    "FunnelCurve",
    "FunnelPoint",
    "Group",
    "MeasureSettings",
    "MeasureTally",
    "Measures",
    "Month",
    "OccupiedBedDays",
    "Rate",
    "Record",
    "SpcChart",
    "SpcPoint",
    "WorkedStudy",
    "age_band",
    "characteristic",
    "compliance_csv",
    "compliance_over_time",
    "compliance_schema",
    "durations_csv",
    "durations_schema",
    "format_bed_days",
    "funnel",
    "measure",
    "measure_paths",
    "months",
    "months_between",
    "parse_bed_days",
    "quarters",
    "rates_csv",
    "rates_schema",
    "read_bed_days",
    "run_worked_study",
    "spc",
    "write_schema",
    "write_text",
]
