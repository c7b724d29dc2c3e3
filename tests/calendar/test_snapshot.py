"""The shipped data cannot drift from its sources: holidays.VN and the overlay YAML."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import holidays
import pytest

from tthc import WorkingCalendar
from tthc.calendar import DayKind, _snapshot
from tthc.calendar._vietnam import national_data

OVERLAY = _snapshot.OVERLAY_PATH
DOCUMENT: dict[str, Any] = json.loads(_snapshot.SNAPSHOT_PATH.read_text(encoding="utf-8"))
#: The lock pins the release the snapshot is generated from, 0.109, which needs Python 3.11;
#: on 3.10 it pins 0.107, the newest release there. The tests below prove the snapshot
#: equals what the installed release computes (CI also runs the newest and the lowest
#: declared releases), apart from the version in the source labels.
LOCK = Path(__file__).resolve().parents[2] / "requirements" / "dev.lock"
SAME_RELEASE = holidays.__version__ == DOCUMENT["holidays_version"]


def _same_release(text: str) -> str:
    """``text`` as the snapshot's holidays release would have written it."""
    if SAME_RELEASE:
        return text
    return (
        text.replace(f"holidays {holidays.__version__}", f"holidays {DOCUMENT['holidays_version']}")
        .replace(f'"{holidays.__version__}"', f'"{DOCUMENT["holidays_version"]}"')
        .replace(f"/v{holidays.__version__}/", f"/v{DOCUMENT['holidays_version']}/")
    )


@pytest.fixture(scope="module")
def live() -> tuple[str, list[_snapshot.Row], list[str]]:
    return _snapshot.holiday_rows()


def test_the_lock_pins_the_holidays_release_the_snapshot_was_generated_with() -> None:
    pins = [line.split(" \\")[0] for line in LOCK.read_text(encoding="utf-8").splitlines()]
    holidays_pins = [line for line in pins if line.startswith("holidays==")]
    assert holidays_pins == [
        "holidays==0.107 ; python_full_version < '3.11'",
        "holidays==0.109 ; python_full_version >= '3.11'",
    ]
    assert DOCUMENT["holidays_version"] == "0.109", (
        "the lock pins holidays==0.109; after changing it, run "
        "python -m tthc.calendar._snapshot and review the differences"
    )


def test_the_snapshot_equals_a_live_holidays_computation_over_the_whole_range(
    live: tuple[str, list[_snapshot.Row], list[str]],
) -> None:
    _version, rows, makeup = live
    assert DOCUMENT["years"] == [2000, 2099]
    assert DOCUMENT["holidays"] == [list(r) for r in rows]
    assert DOCUMENT["weekend_workdays"] == makeup
    assert {r[0][:4] for r in rows} == {str(y) for y in range(2000, 2100)}


def test_the_compiled_overlay_equals_the_yaml(
    live: tuple[str, list[_snapshot.Row], list[str]],
) -> None:
    text = _snapshot.OVERLAY_PATH.read_bytes()
    overlay = _snapshot.compile_overlay(_snapshot.load_overlay(text), live[1])
    assert DOCUMENT["overlay"] == overlay
    assert DOCUMENT["overlay_sha256"] == _snapshot.hashlib.sha256(text).hexdigest()


def test_the_file_on_disk_is_exactly_what_the_script_writes() -> None:
    written = _snapshot.render(_snapshot.build_document(_snapshot.OVERLAY_PATH.read_bytes()))
    assert _same_release(written) == _snapshot.SNAPSHOT_PATH.read_text(encoding="utf-8")
    if SAME_RELEASE:
        assert _snapshot.main(["--check"]) == 0


def test_the_overlay_differs_from_holidays_only_by_the_2026_new_year_swap() -> None:
    """holidays 0.109 lacks CV 12729/VPCP-KGVX; every other announced day agrees."""
    assert DOCUMENT["differences"] == {
        "off_in_holidays_only": [],
        "off_in_overlay_only": ["2026-01-02"],
        "makeup_in_holidays_only": [],
        "makeup_in_overlay_only": ["2026-01-10"],
    }


#: Documents no page of which, nor any report quoting them, was found (see the overlay's notes).
NO_LINK_FOUND = {"TB 573/TB-VPCP"}
#: Pages that list or search, and change: never the link of a fact.
UNSTABLE_LINK = re.compile(
    r"/tag/|\.tag$|/s/|[?&](q|keyword|search)=|/search|epicdn\.me|collector\.com\.tr"
)


def test_every_overlay_entry_cites_a_document_and_a_link() -> None:
    for document, _issued, url in DOCUMENT["overlay"]["sources"]:
        assert document.strip()
        if document in NO_LINK_FOUND:
            assert url is None, document
            continue
        assert url is not None, document
        assert url.startswith("http"), document


def test_no_calendar_link_is_a_tag_search_or_mirror_page() -> None:
    """Links cite the document or a report quoting it, not a page listing other pages."""
    text = OVERLAY.read_text(encoding="utf-8")
    links = re.findall(r"https?://\S+", text)
    assert links
    assert [link for link in links if UNSTABLE_LINK.search(link)] == []


def test_building_from_the_installed_holidays_gives_the_same_calendar() -> None:
    live = WorkingCalendar.vietnam(source="holidays")
    if SAME_RELEASE:
        assert live == WorkingCalendar.vietnam()
    snapshot = WorkingCalendar.vietnam()
    day = dt.date(2000, 1, 1)
    while day <= dt.date(2099, 12, 31):
        a, b = live.day_info(day), snapshot.day_info(day)
        assert (a.kind, a.name_vi, a.name_en, a.estimated) == (
            b.kind,
            b.name_vi,
            b.name_en,
            b.estimated,
        )
        assert (a.source is None) == (b.source is None)
        if a.source is not None and b.source is not None:
            assert _same_release(a.source.document) == b.source.document
        day += dt.timedelta(days=1)
    assert national_data("holidays").holidays_version == holidays.__version__
    with pytest.raises(ValueError, match="snapshot"):
        national_data("pypi")  # type: ignore[arg-type]


def _overlay() -> dict[str, Any]:
    data = _snapshot.load_overlay(_snapshot.OVERLAY_PATH.read_bytes())
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def test_the_compiler_reports_every_problem(
    live: tuple[str, list[_snapshot.Row], list[str]],
) -> None:
    data = _overlay()
    data["statutes"][0]["years"] = [2001, 2012]
    data["statutes"][1]["url"] = "ftp://x"
    data["statutes"][2]["issued"] = "soon"
    del data["statutes"][3]["issued"]
    data["decisions"].extend(
        [
            {"document": "", "issued": None, "url": None, "days_off": ["2026-13-01"]},
            {"statute": "nope", "days_off": [dt.date(2026, 3, 2)]},
            {
                "document": "X",
                "issued": None,
                "url": None,
                "days_off": [
                    dt.date(2026, 3, 7),
                    dt.date(2026, 3, 3),
                    {"date": dt.date(2026, 3, 4), "kind": "makeup", "colour": 1},
                    {"date": dt.date(2026, 3, 5), "kind": "weird"},
                    dt.date(2026, 1, 1),
                    {"date": dt.date(2030, 3, 5), "name_vi": "x", "name_en": "y"},
                ],
                "swaps": [{"day_off": "x", "working_day": "y"}, {"day_off": dt.date(2026, 3, 9)}],
            },
        ]
    )
    with pytest.raises(ValueError, match="invalid calendar overlay") as caught:
        _snapshot.compile_overlay(data, live[1])
    message = str(caught.value)
    for expected in [
        "statutes: the years must cover 2000..2099",
        "'url' must be an http(s) link",
        "'issued' must be a date",
        "give 'issued' and 'url'",
        "'document' must be non-empty text",
        "expected a date YYYY-MM-DD, got '2026-13-01'",
        "unknown statute 'nope'",
        "2026-03-07 (Saturday) must be a Monday-Friday",
        "2026-03-03 is not in holidays.VN; give name_vi and name_en",
        "unknown field(s) ['colour']",
        "a day off cannot be makeup",
        "unknown kind 'weird'",
        "2026-01-01 is listed twice",
        "2030-03-05: days off may only be listed in known_years",
        "swap dates must be YYYY-MM-DD",
        "a swap is {day_off: DATE, working_day: DATE}",
    ]:
        assert expected in message


def test_the_compiler_refuses_a_document_without_format() -> None:
    with pytest.raises(ValueError, match="format: 1"):
        _snapshot.compile_overlay({"format": 2}, [])
    data = _overlay()
    data["known_years"] = {"first": 2026}
    data["statutes"][0]["years"] = "all"
    with pytest.raises(ValueError, match="known_years") as caught:
        _snapshot.compile_overlay(data, [])
    assert "'years' must be [FIRST, LAST]" in str(caught.value)


def test_check_mode_reports_a_stale_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    stale = tmp_path / "vn_calendar.json"
    stale.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(_snapshot, "SNAPSHOT_PATH", stale)
    assert _snapshot.main(["--check"]) == 1
    assert _snapshot.main([]) == 0
    assert _snapshot.main(["--check"]) == 0


def test_a_bad_overlay_yaml_is_reported() -> None:
    with pytest.raises(ValueError, match="duplicate key"):
        _snapshot.load_overlay(b"format: 1\nformat: 1\n")


def test_holidays_kinds_are_classified() -> None:
    kinds = {(r[0], r[1]) for r in DOCUMENT["holidays"]}
    assert ("2026-04-27", DayKind.COMPENSATORY.value) in kinds
    assert ("2026-08-31", DayKind.SWAPPED.value) in kinds
    assert ("2026-02-17", DayKind.HOLIDAY.value) in kinds
