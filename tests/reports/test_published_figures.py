"""The figures local governments published (docs/sources.md, "Figures"), reproduced from dossiers.

Dossiers are generated for each outcome: a result ready before or on the appointment day
(in time), after it (late), a dossier still open, withdrawn, refused or stopped. The report
is not told the outcome: the published counts come out if, and only if, it classifies and
counts every dossier as the published rate does. To keep the test fast, each outcome draws
from a pool of a few thousand distinct dossiers, streamed in the published quantities;
dossiers outside the period are mixed in and must not count.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterator
from decimal import Decimal

from tthc.reports import DossierRecord, Period, report

D = dt.datetime
POOL = 3_000


def _instant(rng: random.Random, first: dt.date, last: dt.date) -> dt.datetime:
    day = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
    return D(
        day.year, day.month, day.day, rng.choice([7, 8, 9, 10, 13, 14, 15, 16]), rng.randrange(60)
    )


def _outcomes(
    rng: random.Random, level: str, period: Period, channel: str
) -> dict[str, Callable[[int], DossierRecord]]:
    """For each outcome, a maker of the i-th dossier of that outcome."""
    last_day = period.last - dt.timedelta(days=30)  # leave room for the result

    def base(i: int) -> tuple[dt.datetime, dt.datetime, dict[str, object]]:
        at = _instant(rng, period.first, last_day)
        due = dt.datetime.combine(at.date() + dt.timedelta(days=rng.randint(0, 15)), dt.time(17))
        fields = {
            "code": f"{level}-{channel}-{i:07d}",
            "received_at": at,
            "due_at": due,
            "level": level,
            "channel": channel,
            "field": rng.choice(["Hộ tịch", "Chứng thực", "Đất đai"]),
        }
        return at, due, fields

    def in_time(i: int) -> DossierRecord:
        at, due, fields = base(i)
        day = due.date() - dt.timedelta(days=rng.randint(0, (due.date() - at.date()).days))
        ready = max(at, D(day.year, day.month, day.day, rng.randint(7, 16), rng.randrange(60)))
        return DossierRecord(status=9, result_ready_at=ready, **fields)  # type: ignore[arg-type]

    def late(i: int) -> DossierRecord:
        _, due, fields = base(i)
        ready = due + dt.timedelta(days=rng.randint(1, 10), hours=-rng.randint(0, 8))
        returned = ready + dt.timedelta(days=1)
        return DossierRecord(status=10, result_ready_at=ready, returned_at=returned, **fields)  # type: ignore[arg-type]

    def open_(i: int) -> DossierRecord:  # received in the last days, still being processed
        _, _, fields = base(i)
        at = _instant(rng, period.last - dt.timedelta(days=3), period.last)
        fields.update(received_at=at, due_at=at + dt.timedelta(days=7), status=4)
        return DossierRecord(**fields)  # type: ignore[arg-type]

    def ended(status: int) -> Callable[[int], DossierRecord]:
        def make(i: int) -> DossierRecord:
            at, _, fields = base(i)
            return DossierRecord(status=status, ended_at=at + dt.timedelta(days=1), **fields)  # type: ignore[arg-type]

        return make

    return {
        "in time": in_time,
        "late": late,
        "open": open_,
        "withdrawn": ended(7),
        "refused": ended(3),
        "stopped": ended(8),
    }


def dossiers(
    rng: random.Random,
    *,
    level: str,
    period: Period,
    received: int,
    resolved: int,
    in_time: int,
    online: int = 0,
) -> Iterator[DossierRecord]:
    """``received`` dossiers in the period, ``resolved`` of them resolved, ``in_time`` in time."""
    unresolved = received - resolved
    plan = {
        "in time": in_time,
        "late": resolved - in_time,
        "withdrawn": unresolved // 3,
        "stopped": unresolved // 3,
    }
    plan["open"] = received - sum(plan.values())
    # refused at reception: submitted, never received, so not among the received
    yield from (
        _outcomes(rng, level, period, "counter")["refused"](i) for i in range(received // 100)
    )
    online_plan = {outcome: count * online // received for outcome, count in plan.items()}
    online_plan["in time"] += online - sum(online_plan.values())
    makers = {channel: _outcomes(rng, level, period, channel) for channel in ("online", "counter")}
    for outcome, count in plan.items():
        for channel, n in (
            ("online", online_plan[outcome]),
            ("counter", count - online_plan[outcome]),
        ):
            pool = [makers[channel][outcome](i) for i in range(min(n, POOL))]
            yield from itertools.islice(itertools.cycle(pool), n)


def outside(rng: random.Random, period: Period, n: int) -> Iterator[DossierRecord]:
    """Dossiers wholly before, or received after, the period."""
    for i in range(n):
        if i % 2 == 0:
            first, last = (
                period.first - dt.timedelta(days=200),
                period.first - dt.timedelta(days=40),
            )
        else:
            first, last = period.last + dt.timedelta(days=1), period.last + dt.timedelta(days=90)
        at = _instant(rng, first, last)
        yield DossierRecord(
            code=f"out-{i}",
            received_at=at,
            due_at=at + dt.timedelta(days=3),
            status=9,
            result_ready_at=at + dt.timedelta(days=9),
            level="district",
        )


def test_a_rural_district_of_ha_noi_2015_2020() -> None:
    """District level 45,439 of 45,555 (99.75%); commune level 484,490 of 484,888 (99.92%)."""
    rng = random.Random(2020)
    period = Period.parse("2015-01-01..2020-12-31")
    stream = itertools.chain(
        dossiers(
            rng,
            level="district",
            period=period,
            received=48_031,
            resolved=45_555,
            in_time=45_439,
            online=6_946,
        ),
        outside(rng, period, 500),
        dossiers(
            rng, level="commune", period=period, received=497_962, resolved=484_888, in_time=484_490
        ),
    )
    rep = report(stream, period=period, group_by="level")
    district, commune = rep["district"], rep["commune"]
    assert (district.received, district.resolved, district.resolved_late) == (48_031, 45_555, 116)
    assert district.resolved_early + district.resolved_on_time == 45_439
    assert district.received_online == 6_946
    assert district.rate == Decimal("99.75")
    assert (commune.received, commune.resolved, commune.resolved_late) == (497_962, 484_888, 398)
    assert commune.rate == Decimal("99.92")
    assert (district.refused, commune.refused) == (480, 4_979)
    assert rep.records == 48_031 + 480 + 500 + 497_962 + 4_979
    assert rep.total.carried_over == 0
    assert [row.value("level") for row in rep] == ["commune", "district"]


def test_a_ward_of_thu_duc_2019() -> None:
    """57,323 resolved, all early or on time: 100%."""
    rng = random.Random(2019)
    year = Period.year(2019)
    rep = report(
        dossiers(
            rng, level="commune", period=year, received=57_323, resolved=57_323, in_time=57_323
        ),
        period=year,
    )
    assert rep.total.resolved == 57_323
    assert rep.total.resolved_late == 0
    assert rep.total.resolved_early > 0
    assert rep.total.resolved_on_time > 0
    assert f"{rep.total.rate}%" == "100.00%"
