"""The portal's time limits: units, and the prose rules on the phrases the portal publishes.

Every phrase below is copied from a record of the national portal (crawl of 2026-07-18);
the code after each is the procedure whose page carries it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tthc import Duration
from tthc.catalog._portal_time import read_limit

wd, days = Duration.working_days, Duration.calendar_days


@pytest.mark.parametrize(
    ("time", "unit", "expected"),
    [
        (5, "WORKING_DAY", wd(5)),  # 1.115493
        (0.5, "WORKING_DAY", wd(0.5)),
        (15, "DAY", days(15)),  # 1.009122
        (2, "MONTH", Duration.months(2)),  # 1.115403
    ],
)
def test_a_number_and_a_unit_read_directly(time: float, unit: str, expected: Duration) -> None:
    reading = read_limit(time, unit)
    assert (reading.limit, reading.how, reading.exact) == (expected, "unit", True)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Không quá 03 ngày làm việc", wd(3)),  # 3.000 series, land
        ("Không quá 10 ngày làm việc.", wd(10)),  # 1.115714
        ("Không quá 15 ngày.", days(15)),
        ("Không quá 35 ngày kể từ ngày nhận đủ hồ sơ hợp lệ", days(35)),
        ("Không quá 07 ngày kể từ ngày nhận đủ hồ sơ hợp lệ. ", days(7)),
        (
            "Không quá 30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.  Các cơ quan liên quan đến quá "
            "trình thực hiện trình tự, thủ tục không được  quy định thêm thủ tục và không được "
            "thực hiện thêm bất kỳ thủ tục nào khác ngoài  thủ tục quy định nêu trên.",
            days(30),
        ),  # 1.115695
        (
            "Không quá 20 ngày làm việc. Các cơ quan liên quan đến quá trình thực hiện trình tự, "
            "thủ tục không được quy định thêm thủ tục và không được thực hiện thêm bất kỳ thủ tục "
            "nào khác ngoài thủ tục quy định nêu trên.",
            wd(20),
        ),
        (
            "Thực hiện trong ngày làm việc nhận được đủ hồ sơ xóa nợ; nếu thời điểm nhận đủ hồ "
            "sơ, sau 15 giờ cùng ngày thì có thể giải quyết việc xóa nợ trong ngày làm việc tiếp "
            "theo",
            Duration.same_day(cutoff=dt.time(15)),
        ),  # 1.115715
    ],
)
def test_prose_read_by_a_rule(phrase: str, expected: Duration) -> None:
    reading = read_limit(phrase, "OTHER")
    assert reading.limit == expected
    assert reading.how.startswith("prose: ")


@pytest.mark.parametrize(
    "phrase",
    [
        # a further case: remote communes get up to 10 more working days
        "Không quá 15 ngày làm việc. \tĐối với các xã miền núi, vùng sâu, vùng xa, vùng có điều "
        "kiện kinh tế - xã hội khó khăn, vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn thì "
        "thời gian thực hiện được tăng thêm không quá 10 ngày làm việc so với tổng thời gian "
        "thực hiện thủ tục này.",  # 1.115727
        # a sum with an unstated part
        "12.5 ngày làm việc + thời gian thực hiện cấp lại Giấy chứng nhận theo quy định đối với "
        "từng trường hợp đăng ký biến động",  # 1.115647
        # the time of a project
        "Trường hợp cấp đổi đồng loạt cho nhiều người sử dụng đất do đo đạc lập bản đồ địa chính "
        "thì thời gian thực hiện theo dự án đã được cơ quan có thẩm quyền phê duyệt",  # 1.115613
        # several steps
        "- Thời gian thực hiện Bước 2 không quá 05 ngày làm việc. - Thời gian thực hiện Bước 3 "
        "không quá 10 ngày.",
        # one case of several
        "Thời hạn giải quyết đối với trường hợp tặng cho quyền sử dụng đất là không quá 10 ngày "
        "làm việc.",
    ],
)
def test_prose_no_rule_reads_needs_review_with_its_text(phrase: str) -> None:
    reading = read_limit(phrase, "OTHER")
    assert (reading.limit, reading.how, reading.raw) == (None, "time limit in prose", phrase)


def test_as_described_reads_the_description() -> None:
    assert read_limit("Theo mô tả", "OTHER", "Không quá 15 ngày.").limit == days(15)
    assert read_limit("Theo mô tả", "OTHER").how == "no time limit given"


@pytest.mark.parametrize(
    ("time", "unit", "how"),
    [
        (3, "OTHER", "unit OTHER with a bare number"),  # 1.000094
        (6.25, "WORKING_DAY", "working days that are not whole or half days"),  # 1.115336
        (1.5, "DAY", "calendar days that are not whole days"),
        (1.5, "MONTH", "months that are not whole months"),
        (0, "WORKING_DAY", "WORKING_DAY with the value 0"),
        ("5", "DAY", "DAY with a value that is not a number"),
        (15, "HOUR", "unit HOUR: working or clock hours not stated"),  # 1.115563
        (3, "WEEK", "unknown unit 'WEEK'"),
    ],
)
def test_what_cannot_be_read_exactly_needs_review(time: object, unit: str, how: str) -> None:
    reading = read_limit(time, unit)
    assert (reading.limit, reading.how, reading.exact) == (None, how, False)
