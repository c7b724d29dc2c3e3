"""Reading a :class:`tthc.dossier.Dossier` as a report's :class:`DossierRecord`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tthc.reports._records import DossierRecord, Wait

if TYPE_CHECKING:
    from tthc.dossier import Dossier

__all__ = ["record_from_dossier"]


def record_from_dossier(
    dossier: Dossier, *, field: str = "", agency: str = "", level: str = ""
) -> DossierRecord:
    """The record a report reads for a dossier, from its public state.

    The dossier knows its procedure, channel, times, waits and due dates; it does not know
    its field, agency or level, which the caller gives (from the catalogue, or from where
    the dossiers are kept). :func:`tthc.report` calls this for every dossier it is given.

    How the dossier's states become portal statuses:

    * never received (no reception): refused at reception → 3, counted as refused; any
      other state (submitted online, waiting for a supplement before acceptance,
      withdrawn before acceptance) → 1, not counted;
    * a withdrawal requested but not yet accepted → the state it was requested from
      (5 or 6 while a wait is open, else 4): the dossier is still open;
    * waiting for fees after the result is ready (portal 6) → 9: processing has ended, and
      such a wait did not pause the clock, so it is not listed;
    * inter-agency processing → 4; result in postal delivery → 9; the others their code.

    The due dates are the dossier's: ``due_at`` after every extension, restart,
    reschedule and reset, and ``legal_due_at`` net of waits but not of reschedules. Both
    already moved for the waits, so the record says ``due_includes_waits=True``. Only
    waits that paused the clock are listed.

    Raises:
        ValueError: The dossier has no event yet.

    >>> import datetime as dt
    >>> from tthc import Duration, WorkingCalendar
    >>> from tthc.dossier import Dossier, Reception, ResultReady
    >>> d = Dossier(calendar=WorkingCalendar.vietnam())
    >>> _ = d.apply(
    ...     Reception(
    ...         id="1",
    ...         at=dt.datetime(2026, 3, 2, 9),
    ...         actor="desk",
    ...         procedure="1.004873",
    ...         time_limit=Duration.working_days(3),
    ...     )
    ... )
    >>> _ = d.apply(ResultReady(id="2", at=dt.datetime(2026, 3, 4, 10), actor="clerk"))
    >>> r = record_from_dossier(d, field="Hộ tịch")
    >>> r.status, r.due_at, r.result_ready_at, r.field
    (9, datetime.datetime(2026, 3, 5, 17, 0), datetime.datetime(2026, 3, 4, 10, 0), 'Hộ tịch')
    """
    from tthc.dossier import DossierStatus, WaitKind  # noqa: PLC0415  (reports sit above dossier)

    state = dossier.state
    status = state.status
    if status is None or state.updated_at is None:
        raise ValueError("the dossier has no event yet: nothing to report")
    reception = state.reception
    submission = state.submission
    first = submission.at if submission is not None else state.updated_at
    code_text = dossier.code or ""
    if reception is None:  # never received
        return DossierRecord(
            code=code_text,
            received_at=first,
            status=3 if status is DossierStatus.REFUSED else 1,
            ended_at=state.finished_at if status is DossierStatus.REFUSED else None,
            procedure=submission.procedure if submission is not None else "",
            field=field,
            agency=agency,
            level=level,
        )

    supplements: list[Wait] = []
    payments: list[Wait] = []
    open_wait = state.wait
    for wait in (*state.waits, *(() if open_wait is None else (open_wait,))):
        if wait.clock_paused:
            kept = supplements if wait.kind is WaitKind.SUPPLEMENT else payments
            kept.append((wait.started, wait.ended))
    code = state.portal_code
    assert code is not None  # for mypy: a state with a status has a code
    finished = state.finished_at
    if finished is not None and code not in (7, 8, 9, 10):  # fees asked after the result
        code = 9
    elif status is DossierStatus.WITHDRAWAL_REQUESTED:  # still open: its state before
        code = 4
        if open_wait is not None and open_wait.clock_paused:
            code = 5 if open_wait.kind is WaitKind.SUPPLEMENT else 6
    return DossierRecord(
        code=code_text,
        received_at=reception.at,
        status=code,
        procedure=reception.procedure,
        field=field,
        agency=agency,
        level=level,
        channel=reception.channel,
        due_at=state.due_at,
        legal_due_at=state.legal_due_at,
        result_ready_at=finished if code in (9, 10) else None,
        returned_at=state.returned_at if code == 10 else None,
        ended_at=finished if code in (7, 8) else None,
        supplement_waits=supplements,
        payment_waits=payments,
        supplement_requests=state.supplement_requests,
        due_includes_waits=True,
    )
