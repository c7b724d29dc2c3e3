"""Reports: one row of counters per group, the rates, and an exact merge."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tthc._localtime import to_local
from tthc.deadlines import BY_DATE, CLASSIFICATION_POLICIES, QD_766, ClassificationPolicy
from tthc.reports._columnar import (
    ARRAY_POLICIES,
    SupportsArrowStream,
    columnar_batches,
    is_columnar,
    records_of_batches,
    tally_columns,
)
from tthc.reports._indicators import Indicator, RowIndicators, percent
from tthc.reports._periods import Period
from tthc.reports._ranking import Ranking, rank
from tthc.reports._readers import read_records
from tthc.reports._records import DossierRecord, SupportsToRecord
from tthc.reports._rules import Resolution, judge_for, resolve_policy
from tthc.reports._tally import COUNTERS, GROUP_DIMENSIONS, Key, Tallied, tally
from tthc.reports._targets import Target, TargetResult, evaluate
from tthc.reports._textcolumns import arrow_available, read_text_columns

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["Report", "ReportRow", "percent", "report"]


@dataclass(frozen=True, slots=True)
class ReportRow(RowIndicators):
    """The counters of one group (or of the whole report) in the period, and its indicators.

    ``docs/reports.md`` defines every counter and gives its source; the indicators
    (:meth:`indicators`, ``late_share``, ``online_share``...) are ratios of the counters,
    so they merge exactly as the counters do. In short, for the
    period observed at its cut (its end, or ``as_of``):

    Attributes:
        group: The group's value for each dimension, in the report's ``group_by`` order;
            empty for the total.
        carried_over: Received before the period, still open at its start (từ kỳ trước).
        received_counter: Received in the period at the counter (trực tiếp).
        received_online: Received in the period online (trực tuyến).
        received_postal: Received in the period by public postal service.
        resolved_early: Resolved in the period, early (trước hạn).
        resolved_on_time: Resolved in the period, on time (đúng hạn).
        resolved_late: Resolved in the period, late (quá hạn).
        refused: Reception refused in the period (status 3); never received, so not in
            the received count nor in the balance.
        withdrawn: Withdrawn at the applicant's request in the period (status 7).
        stopped: Stopped in the period (status 8), a refusal after appraisal included.
        closed_late: Of the withdrawn and stopped, those that ended after the deadline.
        in_progress_in_time: Open at the cut, within the deadline (trong hạn).
        in_progress_overdue: Open at the cut, past the deadline (quá hạn).
        paused_supplement: Of the open, those waiting for a supplement at the cut.
        paused_payment: Of the open, those waiting for a payment at the cut.
        returned: Results returned in the period (status 10), whenever resolved.
        resolved_online: Of the resolved in the period, those received online.
        paid_online: Received in the period with a fee, paid online.
        paid_offline: Received in the period with a fee, paid otherwise.
        digitised: Received in the period, documents digitised.
        not_digitised: Received in the period, documents known not to be digitised.
        processing_counted: Resolved in the period whose processing time is summed (all of
            them when the report has a working calendar, else none).
        processing_working_us: Their processing time summed, in working microseconds (the
            calendar's counting hours), from receipt to resolution, less supplement waits.
        processing_elapsed_us: The same in clock microseconds.
    """

    group: tuple[tuple[str, str], ...]
    carried_over: int = 0
    received_counter: int = 0
    received_online: int = 0
    received_postal: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    refused: int = 0
    withdrawn: int = 0
    stopped: int = 0
    closed_late: int = 0
    in_progress_in_time: int = 0
    in_progress_overdue: int = 0
    paused_supplement: int = 0
    paused_payment: int = 0
    returned: int = 0
    resolved_online: int = 0
    paid_online: int = 0
    paid_offline: int = 0
    digitised: int = 0
    not_digitised: int = 0
    processing_counted: int = 0
    processing_working_us: int = 0
    processing_elapsed_us: int = 0

    @property
    def received(self) -> int:
        """Received in the period, every channel."""
        return self.received_counter + self.received_online + self.received_postal

    @property
    def handled(self) -> int:
        """Carried over plus received: every dossier the period had to deal with."""
        return self.carried_over + self.received

    @property
    def resolved(self) -> int:
        """Resolved in the period: early + on time + late."""
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def closed(self) -> int:
        """Received, then ended in the period without a result: withdrawn + stopped."""
        return self.withdrawn + self.stopped

    @property
    def in_progress(self) -> int:
        """Open at the cut: in time + overdue (paused ones included)."""
        return self.in_progress_in_time + self.in_progress_overdue

    @property
    def rate(self) -> Decimal | None:
        """The published rate: (early + on time) / resolved, in percent, 2 decimals.

        Rounded half up. None ("N/A") when nothing was resolved: the ratio is undefined,
        and neither 0 nor 100 would be true.
        """
        return percent(self.resolved_early + self.resolved_on_time, self.resolved)

    @property
    def progress_rate(self) -> Decimal | None:
        """QĐ 766 indicator 2.1: dossiers in time among all the period handled, in percent.

        (resolved in time + withdrawn or stopped in time + open within the deadline) /
        (carried over + received), rounded half up to 2 decimals; None when
        the period handled nothing. It is the indicator itself when the report's policy is
        ``qd-766``; under another policy, the same formula with that policy's verdicts.
        """
        in_time = (
            self.resolved_early
            + self.resolved_on_time
            + self.closed
            - self.closed_late
            + self.in_progress_in_time
        )
        return percent(in_time, self.handled)

    def value(self, dimension: str) -> str:
        """The group's value for a dimension (``row.value("field")``).

        Raises:
            KeyError: The report is not grouped by that dimension.
        """
        for name, value in self.group:
            if name == dimension:
                return value
        raise KeyError(dimension)

    def counts(self) -> dict[str, int]:
        """Every counter by name, in order."""
        return {name: getattr(self, name) for name in COUNTERS}

    def _add(self, other: ReportRow) -> ReportRow:
        return ReportRow(self.group, *(getattr(self, n) + getattr(other, n) for n in COUNTERS))


_ROW_COUNTERS = tuple(f.name for f in fields(ReportRow))[1:]
assert _ROW_COUNTERS == COUNTERS, "ReportRow fields and the engine's counters must agree"


@dataclass(frozen=True, slots=True)
class Report:
    """A report: one :class:`ReportRow` per group, the total, and how it was made.

    Reports over parts of the same data merge exactly: ``a.merge(b)`` equals the report
    over both inputs, whatever the order or the split (``docs/reports.md``).

    Attributes:
        period: The reporting period.
        cut: The instant the period was observed at: its end, or an earlier ``as_of``.
        policy: The name of the classification policy (``by-date``, ``qd-766``...).
        resolution: Which event resolves a dossier (``result-ready`` or ``returned``).
        group_by: The grouping dimensions, in the order of each row's group.
        rows: One row per group that had any dossier, sorted by group.
        total: The whole period, every group together.
        records: How many input records were read (including those outside the period).
        skipped: How many input lines were skipped as unreadable, and so not counted
            (``report(..., skipped=issues)``); 0 when every line was read.
        calendar: The name of the working calendar the policy judged with (``by-session``
            and other policies given ``calendar=``), or None when none was given.
    """

    period: Period
    cut: dt.datetime
    policy: str
    resolution: Resolution
    group_by: tuple[str, ...]
    rows: tuple[ReportRow, ...]
    total: ReportRow
    records: int = 0
    skipped: int = 0
    calendar: str | None = None
    _index: dict[tuple[str, ...], ReportRow] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_index", {tuple(v for _, v in row.group): row for row in self.rows}
        )

    def __getitem__(self, key: str | tuple[str, ...]) -> ReportRow:
        """The row of a group: ``report["Hộ tịch"]`` or ``report["Hộ tịch", "2026-03"]``.

        The values are compared in NFC, as the rows' groups are: a key typed with
        combining accents finds the same row.

        Raises:
            KeyError: No dossier fell in that group.
        """
        return self._index[_nfc((key,) if isinstance(key, str) else tuple(key))]

    def __iter__(self) -> Iterator[ReportRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def merge(self, other: Report) -> Report:
        """The report over both inputs: counters added group by group.

        Raises:
            ValueError: The reports differ in period, cut, policy, resolution, grouping or
                the calendar they were judged with.
        """
        for name in ("period", "cut", "policy", "resolution", "group_by", "calendar"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine != theirs:
                raise ValueError(f"cannot merge reports with different {name}: {mine} and {theirs}")
        merged = dict(self._index)
        for key, row in other._index.items():
            mine = merged.get(key)
            merged[key] = row if mine is None else mine._add(row)
        return Report(
            self.period,
            self.cut,
            self.policy,
            self.resolution,
            self.group_by,
            tuple(merged[k] for k in sorted(merged)),
            self.total._add(other.total),
            self.records + other.records,
            self.skipped + other.skipped,
            self.calendar,
        )

    def evaluate(self, targets: Iterable[Target | str]) -> tuple[TargetResult, ...]:
        """Every target, met or missed, per group (``docs/reports.md``, "Indicators, targets...").

        A target on each group gives one result per row, then the total's; a target over
        units gives one result, the share of the groups (the units) meeting it, with each
        unit's own result; groups without a figure are left out of that share and said.
        The verdict compares the exact ratio of the counters, not the rounded figure.
        A text is read with :meth:`Target.parse <tthc.reports.Target.parse>`.

        Raises:
            ValueError: A text that is not a target; a target over units on a report
                without groups.
        """
        return evaluate(self, targets)

    def rank(self, indicator: str | Indicator, *, descending: bool | None = None) -> Ranking:
        """The groups ranked by an indicator, best first (``docs/reports.md``, "...rankings").

        ``descending`` defaults to the indicator's ``higher_is_better``. Equal exact values
        share a rank, the next skipping (standard competition ranking, 1, 2, 2, 4); groups
        without a figure (N/A) come last, without a rank.

        Raises:
            ValueError: An unknown indicator; a report without groups (nothing to rank).
        """
        return rank(self, indicator, descending=descending)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values (rates as strings, "99.75", or null)."""
        from tthc.reports._output import report_to_dict  # noqa: PLC0415

        return report_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text."""
        from tthc.reports._output import report_to_json  # noqa: PLC0415

        return report_to_json(self, indent=indent)

    def to_csv(self) -> str:
        """The report as CSV text: one line per row, then the total; "N/A" for no rate."""
        from tthc.reports._output import report_to_csv  # noqa: PLC0415

        return report_to_csv(self)

    def to_text(self, *, lang: str = "en", width: int | None = 100) -> str:
        """The report as text tables, English (``en``) or Vietnamese (``vi``) headings.

        Every figure of :meth:`to_csv` is shown; the columns are set out in as many tables as
        fit ``width`` characters (``None``: one table, however wide).
        """
        from tthc.reports._output import report_to_text  # noqa: PLC0415

        return report_to_text(self, lang=lang, width=width)

    def __str__(self) -> str:
        return self.to_text()


def _group_by(group_by: Sequence[str] | str) -> tuple[str, ...]:
    dims = (group_by,) if isinstance(group_by, str) else tuple(group_by)
    for d in dims:
        if d not in GROUP_DIMENSIONS:
            raise ValueError(
                f"unknown dimension {d!r}: cannot group by {d!r}; "
                f"expected some of {', '.join(GROUP_DIMENSIONS)}"
            )
    if len(set(dims)) != len(dims):
        raise ValueError(f"group_by names a dimension twice: {dims}")
    return dims


def _nfc(key: tuple[str, ...]) -> tuple[str, ...]:
    """A group's values in NFC, the form report rows are labelled and looked up in."""
    return tuple(v if v.isascii() else unicodedata.normalize("NFC", v) for v in key)


def _composed(rows: dict[Key, list[int]]) -> dict[Key, list[int]]:
    """The rows by their group in NFC, the counters of groups that differ only there added.

    Vietnamese typed with combining accents (NFD, as Unikey's "Unicode tổ hợp" and text
    pasted on macOS write it) looks the same as the composed letters: it is the same group.
    """
    merged: dict[Key, list[int]] = {}
    for key, counters in rows.items():
        nfc = _nfc(key)
        same = merged.get(nfc)
        merged[nfc] = (
            counters if same is None else [a + b for a, b in zip(same, counters, strict=True)]
        )
    return merged


def _count(
    dossiers: object,
    *,
    period: Period,
    cut: dt.datetime,
    group_by: tuple[str, ...],
    policy: ClassificationPolicy,
    calendar: WorkingCalendar | None,
    on_return: bool,
) -> Tallied:
    """One pass over ``dossiers``: by columns when they are columnar, else as a stream."""
    judge = judge_for(policy, calendar)
    built_in = policy is CLASSIFICATION_POLICIES.get(policy.name)
    if is_columnar(dossiers):
        batches = columnar_batches(dossiers)
        if built_in and policy.name in ARRAY_POLICIES:
            return tally_columns(
                batches,
                period=period,
                cut=cut,
                group_by=group_by,
                policy=policy.name,
                judge=judge,
                on_return=on_return,
                calendar=calendar,
            )
        dossiers = records_of_batches(batches)
    elif isinstance(dossiers, (str, os.PathLike)):
        if built_in and policy.name in ARRAY_POLICIES and arrow_available():
            return tally_columns(
                read_text_columns(dossiers),
                period=period,
                cut=cut,
                group_by=group_by,
                policy=policy.name,
                judge=judge,
                on_return=on_return,
                calendar=calendar,
            )
        dossiers = read_records(os.fspath(dossiers))
    if not isinstance(dossiers, Iterable):
        raise TypeError(
            "dossiers must be records, dossiers or mappings, Arrow data or a file path; "
            f"got {type(dossiers).__name__}"
        )
    return tally(
        dossiers,
        period=period,
        cut=cut,
        group_by=group_by,
        judge=judge,
        on_return=on_return,
        monotone=built_in,
        calendar=calendar,
    )


def report(
    dossiers: Iterable[DossierRecord | SupportsToRecord | Mapping[str, Any]]
    | str
    | os.PathLike[str]
    | SupportsArrowStream,
    *,
    period: Period | str,
    as_of: dt.datetime | None = None,
    group_by: Sequence[str] | str = (),
    policy: ClassificationPolicy | str = BY_DATE,
    resolution: Resolution | str = Resolution.RESULT_READY,
    calendar: WorkingCalendar | None = None,
    skipped: Collection[object] = (),
) -> Report:
    """Count early, on-time and late dossiers, and the rest, per group over a period.

    Reads ``dossiers`` once, as a stream: memory grows with the number of groups, not
    with the number of dossiers. ``docs/reports.md`` defines every counter.

    Args:
        dossiers: :class:`DossierRecord` objects, anything with a ``to_record()`` method
            (a dossier), or mappings of record fields (database rows).
        period: The reporting period, or its label (``"2026-Q1"``).
        as_of: Observe the period at this instant instead of its end: events from then on
            have not happened yet (a report of the current month). Naive means Vietnam
            local time; it must be after the period's start; a time after its end is the end.
        group_by: Dimensions: ``procedure``, ``field``, ``agency``, ``level``, ``channel``,
            ``month``, ``quarter``, ``year``, in any combination. A time dimension splits
            the period; each part is a period of its own (carried over, open at its end).
        policy: The classification policy or its name; :data:`~tthc.deadlines.BY_DATE` by
            default. :data:`~tthc.deadlines.QD_766` applies the QĐ 766 indicator's rule.
        resolution: Whether a dossier is resolved when its result is ready (default) or
            when it is returned.
        calendar: The working calendar: needed by the ``by-session`` policy, and by the
            processing-time counters (without one, the average processing time is N/A).
        skipped: The lines skipped while reading ``dossiers``: the list given to
            :func:`~tthc.reports.read_records` as ``issues``. Its length is taken once
            ``dossiers`` is read, and the report says it (:attr:`Report.skipped`).

    Raises:
        ValueError: An unknown dimension, policy or resolution; ``as_of`` not after the
            period's start; ``qd-766`` with ``resolution="returned"`` (the indicator ends
            processing at the first terminal event, the result being ready); an invalid
            record.
        TypeError: An input that is not a record, a dossier or a mapping.

    >>> import datetime as dt
    >>> from tthc.reports import DossierRecord, report
    >>> day = dt.datetime(2026, 3, 2, 9)
    >>> rows = [
    ...     DossierRecord(
    ...         code="A",
    ...         received_at=day,
    ...         due_at=day.replace(day=5),
    ...         status=9,
    ...         result_ready_at=day.replace(day=4),
    ...         field="Hộ tịch",
    ...     ),
    ...     DossierRecord(
    ...         code="B",
    ...         received_at=day,
    ...         due_at=day.replace(day=5),
    ...         status=10,
    ...         result_ready_at=day.replace(day=6),
    ...         returned_at=day.replace(day=6),
    ...         field="Hộ tịch",
    ...         channel="online",
    ...     ),
    ...     DossierRecord(
    ...         code="C", received_at=day, due_at=day.replace(month=4), status=4, field="Đất đai"
    ...     ),
    ... ]
    >>> r = report(rows, period="2026-03", group_by="field")
    >>> row = r["Hộ tịch"]
    >>> row.received, row.resolved_early, row.resolved_late, row.rate
    (2, 1, 1, Decimal('50.00'))
    >>> r["Đất đai"].in_progress_in_time, r["Đất đai"].rate
    (1, None)
    >>> r.total.received, r.policy
    (3, 'by-date')
    """
    the_period = Period.parse(period) if isinstance(period, str) else period
    if not isinstance(the_period, Period):
        raise TypeError(f"period must be a Period or its label, got {period!r}")
    cut = the_period.end
    if as_of is not None:
        at = to_local(as_of)
        if at <= the_period.start:
            raise ValueError(
                f"as_of {at} must be after the start of the period {the_period} "
                f"({the_period.start}): an observation needs some of the period"
            )
        cut = min(cut, at)
    dims = _group_by(group_by)
    the_policy = resolve_policy(policy)
    try:
        how = Resolution(resolution)
    except ValueError:
        known = ", ".join(r.value for r in Resolution)
        raise ValueError(f"unknown resolution {resolution!r}; expected one of {known}") from None
    if how is Resolution.RETURNED and the_policy.name == QD_766.name:
        raise ValueError(
            "the qd-766 policy ends processing at the first terminal event (the result "
            "ready); use resolution='result-ready'"
        )
    counted = _count(
        dossiers,
        period=the_period,
        cut=cut,
        group_by=dims,
        policy=the_policy,
        calendar=calendar,
        on_return=how is Resolution.RETURNED,
    )
    composed = _composed(counted.rows)
    rows = tuple(
        ReportRow(tuple(zip(dims, key, strict=True)), *composed[key]) for key in sorted(composed)
    )
    return Report(
        the_period,
        cut,
        the_policy.name,
        how,
        dims,
        rows,
        ReportRow((), *counted.total),
        counted.records,
        len(skipped),
        None if calendar is None else calendar.name,
    )
