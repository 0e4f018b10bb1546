"""Exchange incidents with the NHS Mental Health Services Data Set (MHSDS v5+).

Incidents become MHS505 Restrictive Intervention Incident rows and MHS515
Restrictive Intervention Type rows, as CSV with the data set's own column names
and codes, and are read back. Dates and times are UK local time
(Europe/London). MHSDS carries only part of an incident: an export lists, per
incident, every field it cannot carry (and every time it cannot carry exactly);
an import invents nothing, takes the two required fields MHSDS lacks
(``organisation_id``, ``recorded_at``) from its caller, and says which fields
were not carried. The column specification is data: :data:`MHS505_COLUMNS`,
:data:`MHS515_COLUMNS`.
"""

from __future__ import annotations

from rrnkit.mhsds._columns import (
    CARRIED_POINTERS,
    COLUMNS,
    MHS505,
    MHS505_COLUMNS,
    MHS515,
    MHS515_COLUMNS,
    SUPPLIED_POINTERS,
    Column,
    ColumnType,
    markdown_table,
)
from rrnkit.mhsds._export import (
    MHS505_FILE,
    MHS515_FILE,
    ExportedIncident,
    ExportSummary,
    Row,
    export_incident,
    export_incidents,
    mhs505_rows,
    mhs515_rows,
    write_csv,
    write_files,
    write_schemas,
)
from rrnkit.mhsds._import import (
    ImportedIncident,
    ImportLog,
    ImportResult,
    RecordedAt,
    import_rows,
    iter_import_files,
    read_files,
)
from rrnkit.mhsds._loss import REASONS, NotCarried, uncarried_fields
from rrnkit.mhsds._schema import table_schema
from rrnkit.mhsds._time import UK

__all__ = [
    "CARRIED_POINTERS",
    "COLUMNS",
    "MHS505",
    "MHS505_COLUMNS",
    "MHS505_FILE",
    "MHS515",
    "MHS515_COLUMNS",
    "MHS515_FILE",
    "REASONS",
    "SUPPLIED_POINTERS",
    "UK",
    "Column",
    "ColumnType",
    "ExportSummary",
    "ExportedIncident",
    "ImportLog",
    "ImportResult",
    "ImportedIncident",
    "NotCarried",
    "RecordedAt",
    "Row",
    "export_incident",
    "export_incidents",
    "import_rows",
    "iter_import_files",
    "markdown_table",
    "mhs505_rows",
    "mhs515_rows",
    "read_files",
    "table_schema",
    "uncarried_fields",
    "write_csv",
    "write_files",
    "write_schemas",
]
