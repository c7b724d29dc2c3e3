"""Dossier JSON: the summary in Vietnam time whatever zone instants came in; the history
keeps each event's own zone, so it replays exactly (the zone is the caller's data)."""

from __future__ import annotations

import datetime as dt
import json
import re

from tthc import Dossier, Duration, Forwarding, Reception, SupplementRequest, WorkingCalendar

UTC = dt.timezone.utc
VIETNAM = dt.timezone(dt.timedelta(hours=7))
NEW_YORK_WINTER = dt.timezone(dt.timedelta(hours=-5))
OFFSET = re.compile(r"T\d\d:\d\d:\d\d(?:\.\d+)?([+-]\d\d:\d\d)\"")


def test_the_summary_is_in_vietnam_time_and_the_history_in_each_events_zone() -> None:
    calendar = WorkingCalendar.vietnam()
    dossier = Dossier(calendar=calendar)
    dossier.apply(
        Reception(
            id="e1",
            at=dt.datetime(2026, 3, 2, 2, 0, tzinfo=UTC),  # 09:00 in Vietnam
            actor="desk",
            procedure="1.004873",
            time_limit=Duration.working_days(3),
        )
    )
    dossier.apply(
        Forwarding(id="e2", at=dt.datetime(2026, 3, 2, 10, tzinfo=VIETNAM), actor="desk", step="x")
    )
    dossier.apply(
        SupplementRequest(
            id="e3",
            at=dt.datetime(2026, 3, 3, 4, tzinfo=NEW_YORK_WINTER),  # 16:00 in Vietnam
            actor="clerk",
            documents=("bản sao CCCD",),
        )
    )
    text = dossier.to_json(indent=2)
    data = json.loads(text)
    assert set(OFFSET.findall(json.dumps(data["state"]))) == {"+07:00"}
    assert [e["at"] for e in data["history"]] == [
        "2026-03-02T02:00:00+00:00",
        "2026-03-02T10:00:00+07:00",
        "2026-03-03T04:00:00-05:00",
    ]
    back = Dossier.from_json(text, calendar=calendar)
    assert back.to_json(indent=2) == text
    assert back.due_at == dossier.due_at  # the same instants
