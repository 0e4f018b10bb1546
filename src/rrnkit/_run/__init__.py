"""The run pipeline: one way to read, deduplicate, evaluate and report.

Every command that reads documents runs these named stages::

    plan      paths -> partitions in reading order (each .json file; each
              JSON Lines file whole or in pieces cut at line starts)   _plan
    read      a partition -> its records, validated; reference
              documents built, incidents only validated                _read
    collect   every partition through the ledger, in reading order:
              duplicates (first wins), accepted bits, fingerprints    _collect, _ledger
    evaluate  a partition's accepted incidents read again (a file that
              changed in between is reported) and judged against
              the held reference documents                             _evaluate
    merge     the parts' results, counts and folds, then the rules
              over held documents                                      _evaluate
    build     the report: exact counts, results located, lists capped _build, _locate

Commands that write documents as they read them (export, MHSDS export,
pseudonymise) read once through a ledger (:mod:`._once`): the same duplicate
rule and counts, nothing held. ``study measures`` runs the first pass and
reads the accepted incidents again, as check does (:func:`first_pass`).

Three executors drive the same stages: serial (this process; standard input
is one held partition) in :mod:`._serial`, a fork pool (``--jobs N``) in
:mod:`._forked`, and a Dask graph in :mod:`rrnkit.extra.dask`. Nothing here
is public: :mod:`rrnkit.api` is the facade.
"""

from rrnkit._run._build import check_arguments, check_report, finish, validate_report
from rrnkit._run._choose import RuleChoiceError, choose_ruleset, parameter_value
from rrnkit._run._collect import collect, fingerprints_of, hold
from rrnkit._run._evaluate import FINDINGS, evaluate_partition
from rrnkit._run._forked import can_fork, forked
from rrnkit._run._ledger import Ledger
from rrnkit._run._once import one_pass_ledger, read_once
from rrnkit._run._plan import Plan, make_plan, scan_file, without_stdin
from rrnkit._run._read import STREAMED, Progress, Settings, read_held, read_partition
from rrnkit._run._serial import FirstPass, check_held, first_pass, run_serial, validate_held
from rrnkit._run._spool import ResultSpool

__all__ = [
    "FINDINGS",
    "STREAMED",
    "FirstPass",
    "Ledger",
    "Plan",
    "Progress",
    "ResultSpool",
    "RuleChoiceError",
    "Settings",
    "can_fork",
    "check_arguments",
    "check_held",
    "check_report",
    "choose_ruleset",
    "collect",
    "evaluate_partition",
    "fingerprints_of",
    "finish",
    "first_pass",
    "forked",
    "hold",
    "make_plan",
    "one_pass_ledger",
    "parameter_value",
    "read_held",
    "read_once",
    "read_partition",
    "run_serial",
    "scan_file",
    "validate_held",
    "validate_report",
    "without_stdin",
]
