"""Dossier JSON in any zone, hostile JSON, and apply() under threads."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
import sys
import threading
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc import Duration, WorkingCalendar
from tthc._localtime import VIETNAM_TZ
from tthc.dossier import Dossier, Reception, ResultReady, Stop, SupplementRequest
from tthc.dossier._steps import StepPlan
from tthc.errors import DossierError, VersionConflict
from tthc.strategies import histories

VN = WorkingCalendar.vietnam()
PARIS = ZoneInfo("Europe/Paris")


def reception(at: dt.datetime, *, days: int = 10) -> Reception:
    return Reception(
        id="e1", at=at, actor="desk", procedure="1.004873", time_limit=Duration.working_days(days)
    )


def round_trip(dossier: Dossier) -> Dossier:
    return Dossier.from_json(dossier.to_json(), calendar=VN)


def test_a_zone_with_daylight_saving_crossing_the_due_date_round_trips() -> None:
    dossier = Dossier(calendar=VN)
    dossier.apply(reception(dt.datetime(2026, 3, 20, 3, tzinfo=PARIS)))
    assert dossier.due_at is not None
    assert dossier.due_at.utcoffset() == dt.timedelta(hours=2)
    back = round_trip(dossier)
    assert back == dossier
    assert back.history[0].at.tzinfo is PARIS
    assert '"at": "2026-03-20T03:00:00+01:00[Europe/Paris]"' in dossier.to_json()


def test_a_zone_without_a_switch_comes_back_as_the_zone_not_an_offset() -> None:
    dossier = Dossier(calendar=VN)
    dossier.apply(reception(dt.datetime(2026, 6, 1, 9, tzinfo=PARIS), days=3))
    assert round_trip(dossier).history[0].at.tzinfo is PARIS


def test_a_repeated_hour_keeps_its_side_of_the_switch() -> None:
    second = dt.datetime(2026, 10, 25, 2, 30, tzinfo=PARIS, fold=1)  # +01:00, the second 02:30
    dossier = Dossier(calendar=VN)
    dossier.apply(reception(second, days=3))
    at = round_trip(dossier).history[0].at
    assert (at.fold, at.utcoffset()) == (1, dt.timedelta(hours=1))


def test_fixed_offsets_and_naive_times_come_back_as_they_were() -> None:
    for at in (
        dt.datetime(2026, 3, 2, 9),
        dt.datetime(2026, 3, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
        dt.datetime(2026, 3, 2, 2, tzinfo=dt.timezone.utc),
    ):
        dossier = Dossier(calendar=VN)
        dossier.apply(reception(at, days=3))
        assert round_trip(dossier).history[0].at.isoformat() == at.isoformat()


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("2026-03-20T03:00:00+01:00[Mars/Olympus]", "unknown time zone 'Mars/Olympus'"),
        ("2026-03-20T03:00:00+05:00[Europe/Paris]", "is not one Europe/Paris has"),
        ("2026-03-20T03:00:00[Europe/Paris]", "with an offset, then [zone]"),
        ("2026-03-20T03:00:00+01:00[Europe/Paris", "with an offset, then [zone]"),
        ("2026-03-20T03:00:00+01:00[../../etc/passwd]", "unknown time zone"),
        ("9" * 5000, "got text of 5,000 characters"),
    ],
)
def test_a_bad_zone_in_stored_json_is_refused(at: str, message: str) -> None:
    dossier = Dossier(calendar=VN)
    dossier.apply(reception(dt.datetime(2026, 3, 20, 3, tzinfo=PARIS)))
    text = dossier.to_json().replace("2026-03-20T03:00:00+01:00[Europe/Paris]", at)
    with pytest.raises(DossierError, match=message.replace("[", r"\[")):
        Dossier.from_json(text, calendar=VN)


def test_a_lone_surrogate_is_refused_at_input_so_to_json_always_encodes() -> None:
    at = dt.datetime(2026, 3, 2, 9)
    with pytest.raises(ValueError, match="U\\+D800 at index 3, a lone surrogate"):
        Stop(id="e9", at=at, actor="lan", reason="bad\ud800")
    with pytest.raises(ValueError, match="lone surrogate"):
        SupplementRequest(id="e9", at=at, actor="lan", documents=("ok", "\udfff"))
    with pytest.raises(ValueError, match="must be text"):
        StepPlan("step\ud800")
    dossier = Dossier(calendar=VN)
    dossier.apply(reception(at))
    text = dossier.to_json().replace('"actor": "desk"', '"actor": "d\\ud800sk"')
    with pytest.raises(DossierError, match="lone surrogate"):
        Dossier.from_json(text, calendar=VN)
    ok = Stop(id="e2", at=at, actor="lan", reason="Hồ sơ giả mạo 🙂")
    dossier.apply(ok)
    dossier.to_json().encode("utf-8")


@pytest.mark.parametrize("text", ["[" * 100_000, '{"a":' * 100_000, "[" * 100_000 + "]" * 100_000])
def test_deeply_nested_json_is_a_dossier_error_not_a_recursion_error(text: str) -> None:
    with pytest.raises(DossierError, match="nested too deeply"):
        Dossier.from_json(text, calendar=VN)


@pytest.mark.parametrize("version", [True, False, 1.0, "1", 0.5])
def test_expected_version_must_be_an_int(version: object) -> None:
    dossier = Dossier(calendar=VN)
    dossier.apply(reception(dt.datetime(2026, 3, 2, 9)))
    with pytest.raises(TypeError, match="expected_version is the dossier's version"):
        dossier.apply(
            ResultReady(id="e2", at=dt.datetime(2026, 3, 3, 9), actor="x"),
            expected_version=version,  # type: ignore[arg-type]
        )
    assert dossier.version == 1


@pytest.fixture
def busy_switching() -> Iterator[None]:
    """Threads switch as often as the interpreter allows, so that races show."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


@pytest.mark.usefixtures("busy_switching")
def test_two_writers_with_the_same_version_one_wins_every_time() -> None:
    """Both threads read version 1 and apply with it: exactly one may win, every trial."""
    for trial in range(300):
        dossier = Dossier(calendar=VN)
        dossier.apply(reception(dt.datetime(2026, 3, 2, 9)))
        start = threading.Barrier(2)
        won: list[str] = []

        def write(
            name: str,
            dossier: Dossier = dossier,
            start: threading.Barrier = start,
            won: list[str] = won,
        ) -> None:
            event = Stop(id=name, at=dt.datetime(2026, 3, 3, 9), actor=name, reason="x")
            start.wait()
            try:
                dossier.apply(event, expected_version=1)
            except (VersionConflict, DossierError):
                return
            won.append(name)

        threads = [threading.Thread(target=write, args=(n,)) for n in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(won) == 1, f"trial {trial}: {won}"
        assert dossier == Dossier.replay(dossier.history, calendar=VN)


@settings(max_examples=40, deadline=None)
@given(histories(min_size=1, max_size=8), st.timezones())
def test_any_history_in_any_zone_round_trips_through_json(history: tuple, zone: dt.tzinfo) -> None:
    moved = tuple(
        dataclasses.replace(e, at=e.at.replace(tzinfo=VIETNAM_TZ).astimezone(zone)) for e in history
    )
    dossier = Dossier.replay(moved, calendar=VN)
    back = round_trip(dossier)
    assert back == dossier
    assert [e.at.isoformat() for e in back.history] == [e.at.isoformat() for e in moved]
    assert [e.at.tzinfo for e in back.history] == [e.at.tzinfo for e in moved]
    assert back.to_json() == dossier.to_json()


@pytest.mark.usefixtures("busy_switching")
@settings(max_examples=20, deadline=None)
@given(histories(min_size=2, max_size=10))
def test_apply_under_threads_equals_replay(history: tuple) -> None:
    """Threads race to apply the next event at the version they read; the result replays."""
    dossier = Dossier(calendar=VN)
    cursor = iter(enumerate(history))
    take = threading.Lock()

    def worker() -> None:
        while True:
            with take:
                item = next(cursor, None)
            if item is None:
                return
            version, event = item
            while True:  # wait for the version this event needs, then apply at it
                try:
                    dossier.apply(event, expected_version=version)
                except VersionConflict:
                    continue
                break

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert dossier == Dossier.replay(history, calendar=VN)


def test_a_dossier_pickles_and_copies_with_a_lock_of_its_own() -> None:
    dossier = Dossier(calendar=VN)
    dossier.apply(reception(dt.datetime(2026, 3, 2, 9)))
    for other in (pickle.loads(pickle.dumps(dossier)), copy.deepcopy(dossier), copy.copy(dossier)):
        assert other == dossier
        other.apply(Stop(id="e2", at=dt.datetime(2026, 3, 3, 9), actor="x", reason="r"))
        assert dossier.version == 1
