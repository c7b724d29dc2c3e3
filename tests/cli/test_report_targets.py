"""``tthc report --target/--rank-by/--fail-on-missed``: targets and a ranking in every output."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tthc.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main

LATE = "late share < 0.4%"
UNITS = "share of units with on-time rate >= 96% > 80%"


def dossiers(agency: str, count: int, *, late: int) -> list[dict[str, object]]:
    """``count`` dossiers of ``agency``, the first ``late`` of them resolved late."""
    rows: list[dict[str, object]] = []
    for i in range(count):
        at = dt.datetime(2026, 1, 5, 9) + dt.timedelta(days=i % 40)
        ready = at + dt.timedelta(days=10 if i < late else 1)
        rows.append(
            {
                "code": f"{agency}-{i}",
                "received_at": at.isoformat(),
                "due_at": (at + dt.timedelta(days=3)).isoformat(),
                "status": 9,
                "result_ready_at": ready.isoformat(),
                "agency": agency,
            }
        )
    return rows


@pytest.fixture
def units(tmp_path: Path) -> Path:
    """Four units: A 0 late of 100, B 4 of 100 (96%), C 3 of 50 (94%), D 0 of 250."""
    rows = [
        *dossiers("A", 100, late=0),
        *dossiers("B", 100, late=4),
        *dossiers("C", 50, late=3),
        *dossiers("D", 250, late=0),
    ]
    path = tmp_path / "units.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str, str]:
    status = main(["report", str(path), "--period", "2026-Q1", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def test_text_says_each_target_per_group_and_the_ranking(
    units: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, units, "--group-by", "agency", "--lang", "en",
        "--target", LATE, "--target", UNITS, "--rank-by", "rate",
    )  # fmt: skip
    assert status == EXIT_OK
    tail = out[out.index("\nTargets\n") :].splitlines()
    assert tail[1:] == [
        "Targets",
        "  late share < 0.4%",
        "    A: 0.00% (0 of 100): met",
        "    B: 4.00% (4 of 100): missed",
        "    C: 6.00% (3 of 50): missed",
        "    D: 0.00% (0 of 250): met",
        "    total: 1.40% (7 of 500): missed",
        "  share of units with on-time rate ≥ 96% > 80%",
        "    75.00% (3 of 4 units): missed",
        "      A: 100.00% (100 of 100): met",
        "      B: 96.00% (96 of 100): met",
        "      C: 94.00% (47 of 50): missed",
        "      D: 100.00% (250 of 250): met",
        "",
        "Ranking by on-time rate (highest first)",
        "  Ties share a rank and the next rank skips (1, 2, 2, 4); groups without a figure "
        "(N/A) come last, not ranked.",
        "     1=  A: 100.00%",
        "     1=  D: 100.00%",
        "      3  B: 96.00%",
        "      4  C: 94.00%",
    ]


def test_vietnamese_words(units: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys, units, "--group-by", "agency", "--target", UNITS, "--rank-by", "late share"
    )
    assert "tỷ lệ đơn vị có tỷ lệ đúng hạn ≥ 96% > 80%" in out
    assert "    75.00% (3/4 đơn vị): không đạt" in out
    assert "Xếp hạng theo tỷ lệ trễ hạn (thấp nhất trước)" in out


def test_fail_on_missed_exits_1_and_names_the_misses(
    units: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("--group-by", "agency", "--target", LATE)
    assert run(capsys, units, *args)[0] == EXIT_OK  # missed, but not asked to fail
    status, out, err = run(capsys, units, *args, "--fail-on-missed")
    assert status == EXIT_INVALID
    assert "Chỉ tiêu" in out  # the report is printed all the same
    assert err.strip() == (
        "tthc report: 3 target results missed: late share < 0.4% (B); late share < 0.4% (C); "
        "late share < 0.4% (total) (--fail-on-missed)"
    )
    met = run(capsys, units, "--target", "rate >= 90", "--fail-on-missed")
    assert met[0] == EXIT_OK
    assert met[2] == ""


def test_json_adds_targets_and_ranking_only_when_asked(
    units: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = json.loads(run(capsys, units, "--group-by", "agency", "--format", "json")[1])
    assert "targets" not in plain
    assert "ranking" not in plain
    assert plain["calendar"] is None  # no processing time asked for: no calendar read
    _, out, _ = run(
        capsys, units, "--group-by", "agency", "--format", "json",
        "--target", UNITS, "--rank-by", "on-time rate",
    )  # fmt: skip
    data = json.loads(out)
    (target,) = data["targets"]
    assert target["target"] == "share of units with on-time rate ≥ 96% > 80%"
    (result,) = target["results"]
    assert (result["verdict"], result["value"], result["part"], result["whole"]) == (
        "missed",
        "75.00",
        3,
        4,
    )
    assert [u["verdict"] for u in result["units"]] == ["met", "met", "missed", "met"]
    ranking = data["ranking"]
    assert ranking["indicator"] == "rate"
    assert [(e["rank"], e["group"]["agency"], e["tied"]) for e in ranking["entries"]] == [
        (1, "A", True),
        (1, "D", True),
        (3, "B", False),
        (4, "C", False),
    ]
    assert {k: v for k, v in data.items() if k not in ("targets", "ranking")} == plain


def test_a_processing_time_target_reads_the_national_calendar(
    units: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(
        capsys, units, "--format", "json", "--target", "average processing time <= 2 working days"
    )
    data = json.loads(out)
    assert data["calendar"] is not None
    (result,) = data["targets"][0]["results"]
    assert result["verdict"] == "met"
    assert result["value"] is not None
    assert result["whole"] == 500  # every resolved dossier timed


def test_html_shows_the_targets_and_the_ranking_chart(
    units: Path, capsys: pytest.CaptureFixture[str], html_page: Callable[[str], Any]
) -> None:
    _, page, _ = run(
        capsys, units, "--group-by", "agency", "--format", "html", "--lang", "en",
        "--target", LATE, "--target", UNITS, "--rank-by", "late_share",
    )  # fmt: skip
    assert "<h2>Targets</h2>" in page
    assert '<th scope="row">late share &lt; 0.4%, B</th><td>4.00% (4 of 100)</td>' in page
    assert "<td>&lt; 0.4%</td>" in page
    assert '<td class="missed">missed</td>' in page
    assert '<th scope="row">share of units with on-time rate ≥ 96% &gt; 80%</th>' in page
    assert "<h2>Ranking by late share (lowest first). Ties share a rank" in page
    assert "<title>1=  A: 0.00%</title>" in page
    assert "<title>4  C: 6.00%</title>" in page
    parsed = html_page(page)  # well formed, self-contained
    assert len(parsed.all("rect", class_="bar")) == 2  # A's and D's 0.00% draw no bar


def test_html_without_a_ranking_keeps_the_rate_chart(
    units: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, page, _ = run(capsys, units, "--group-by", "agency", "--format", "html", "--lang", "en")
    assert "<h2>Resolved early or on time, by group (%)</h2>" in page
    assert "<h2>Targets</h2>" not in page


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--target", "late < 3"],
            "argument --target: in the target 'late < 3': unknown indicator",
        ),
        (["--target", "late share"], "argument --target: cannot read the target 'late share'"),
        (["--rank-by", "speed"], "argument --rank-by: unknown indicator 'speed'"),
        (["--rank-by", "rate"], "--rank-by ranks the groups: give --group-by"),
        ([f"--target={UNITS}"], "is over units: give --group-by"),
        (
            ["--group-by", "agency", "--target", LATE, "--format", "csv"],
            "--target and --rank-by are not shown in CSV",
        ),
    ],
)
def test_bad_options_are_usage_errors(
    units: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, units, *argv)
    assert status == EXIT_USAGE
    assert out == ""
    assert message in err


def test_vietnamese_processing_time_and_units_without_a_figure(
    units: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A unit with nothing resolved is left out of the share, and the text says so."""
    open_only = {
        "code": "E-0",
        "received_at": "2026-03-02T09:00",
        "due_at": "2026-04-20T17:00",
        "status": 4,
        "agency": "E",
    }
    with units.open("a", encoding="utf-8") as out:
        out.write(json.dumps(open_only) + "\n")
    _, text, _ = run(
        capsys, units, "--group-by", "agency", "--target", UNITS,
        "--target", "average elapsed time < 1 days", "--rank-by", "average processing time",
    )  # fmt: skip
    assert "    75.00% (3/4 đơn vị; 1 đơn vị không có số liệu, không tính): không đạt" in text
    assert "      E: N/A (0/0): không xác định: không có số liệu" in text
    assert "  thời gian thực tế trung bình < 1 ngày" in text
    assert "    A: 1.00 ngày (100 hồ sơ): không đạt" in text
    assert "Xếp hạng theo thời gian giải quyết trung bình (thấp nhất trước)" in text
    assert "\n      -  E: N/A\n" in text
    _, page, _ = run(capsys, units, "--format", "html", "--group-by", "agency",
                     "--target", "share of units with rate > 99 > 50", "--lang", "en")  # fmt: skip
    assert "<td>50.00% (2 of 4 units; 1 without a figure, left out)</td>" in page


def test_a_calendar_given_is_used_under_every_policy(
    units: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--calendar FILE`` under ``by-date`` times the dossiers against that calendar."""
    calendar = Path(__file__).parent.parent / "calendar" / "files" / "hue-one-stop.yaml"
    _, out, _ = run(capsys, units, "--format", "json", "--calendar", str(calendar))
    data = json.loads(out)
    assert data["policy"] == "by-date"
    assert data["calendar"] == "vn/hue-one-stop"
    assert data["total"]["processing_counted"] == 500
