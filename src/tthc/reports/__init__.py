"""Statistics and reports: early / on time / late, the way governments publish them.

:func:`report` reads dossiers (or plain :class:`DossierRecord` rows exported from another
system) once, as a stream, and counts per group what the published forms show: carried
over, received by channel, resolved early / on time / late, in progress within the deadline
or overdue, paused, refused, withdrawn, stopped, returned, and the rate. Reports over
parts of the data merge exactly (:meth:`Report.merge`), so a national report can be
computed per partition on a distributed engine. ``docs/reports.md`` defines every counter
with its source.
"""

from tthc.reports._dossiers import record_from_dossier
from tthc.reports._indicators import INDICATORS, Indicator, Score, TimeUnit, indicator
from tthc.reports._periods import Period
from tthc.reports._ranking import TIE_RULE, RankEntry, Ranking
from tthc.reports._readers import read_records
from tthc.reports._records import CHANNELS, DossierRecord, SupportsToRecord, as_record
from tthc.reports._report import Report, ReportRow, percent, report
from tthc.reports._rules import Resolution
from tthc.reports._targets import Comparison, Target, TargetResult, UnitShare, Verdict

__all__ = [
    "CHANNELS",
    "INDICATORS",
    "TIE_RULE",
    "Comparison",
    "DossierRecord",
    "Indicator",
    "Period",
    "RankEntry",
    "Ranking",
    "Report",
    "ReportRow",
    "Resolution",
    "Score",
    "SupportsToRecord",
    "Target",
    "TargetResult",
    "TimeUnit",
    "UnitShare",
    "Verdict",
    "as_record",
    "indicator",
    "percent",
    "read_records",
    "record_from_dossier",
    "report",
]
