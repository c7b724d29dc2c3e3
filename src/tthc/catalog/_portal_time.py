"""Reading the national portal's time limits: a number and a unit, or prose.

The portal (Cổng Dịch vụ công quốc gia, https://dichvucong.gov.vn) gives each way of
submitting a dossier a ``processingTime`` and a ``processingTimeUnit`` (``WORKING_DAY``,
``DAY``, ``HOUR``, ``MONTH`` or ``OTHER``), and each case a ``processingDay``
``{qty, type}``. A unit with a number reads directly. ``OTHER`` means the limit is
written as prose, in ``processingTime`` itself or in the method's ``description``.

Nothing is guessed. Prose is read only by the rules in :data:`RULES`, each a whole-text
pattern tested on the phrases the portal publishes; anything else is a
:class:`Reading` with no limit and the reason a person must review it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from tthc.duration import Duration

__all__ = ["RULES", "Reading", "read_limit"]


@dataclass(frozen=True, slots=True)
class Reading:
    """What the importer made of one portal time limit.

    Attributes:
        limit: The time limit, or ``None`` when it needs review.
        how: The rule that read it (``unit``, ``prose: <rule>``), or why it needs review.
        raw: The portal's words or value, as published.
    """

    limit: Duration | None
    how: str
    raw: str

    @property
    def exact(self) -> bool:
        """Whether the limit was read (by its unit or by a tested rule)."""
        return self.limit is not None


# "không quá 15 ngày làm việc" / "Không quá 05 ngày kể từ ngày nhận đủ hồ sơ hợp lệ."
# A leading zero ("05") is the legal texts' way of writing numbers below 10.
_NUMBER = r"(?P<n>[0-9]{1,3}(?:[.,]5)?)"
_UNIT = r"(?P<unit>ngày làm việc|ngày)"
_FROM_RECEIPT = r"(?:\s+kể từ ngày nhận (?:được )?(?:đủ )?hồ sơ(?: hợp lệ)?)?"
# A sentence the portal appends to many land procedures' limits (from Luật Đất đai 2024
# implementing texts): it forbids extra procedures and says nothing about time.
_NO_EXTRA_PROCEDURES = (
    r"(?:\s*Các cơ quan liên quan đến quá trình thực hiện trình tự, thủ tục không được\s+"
    r"quy định thêm thủ tục và không được thực hiện thêm bất kỳ thủ tục nào khác ngoài\s+"
    r"thủ tục quy định nêu trên\.?)?"
)
_ONE_LIMIT = re.compile(
    rf"(?:không quá|trong thời hạn|trong vòng)?\s*{_NUMBER}\s+{_UNIT}{_FROM_RECEIPT}\s*\.?"
    rf"{_NO_EXTRA_PROCEDURES}",
    re.IGNORECASE,
)
# "Thực hiện trong ngày làm việc nhận được đủ hồ sơ xóa nợ; nếu thời điểm nhận đủ hồ sơ,
# sau 15 giờ cùng ngày thì có thể giải quyết việc xóa nợ trong ngày làm việc tiếp theo"
_SAME_DAY_CUTOFF = re.compile(
    r"(?:thực hiện|giải quyết) trong ngày làm việc nhận (?:được )?đủ hồ sơ[^;.]*;\s*"
    r"nếu thời điểm nhận đủ hồ sơ,? sau (?P<h>[0-9]{1,2}) giờ cùng ngày thì (?:có thể )?"
    r"giải quyết[^;.]* trong ngày làm việc tiếp theo\.?",
    re.IGNORECASE,
)


def _one_limit(match: re.Match[str]) -> Duration:
    amount = float(match["n"].replace(",", "."))
    if match["unit"].lower() == "ngày làm việc":
        return Duration.working_days(amount)
    return Duration.calendar_days(int(amount))


def _same_day(match: re.Match[str]) -> Duration:
    return Duration.same_day(cutoff=dt.time(int(match["h"])))


#: The prose rules, by name: a whole-text pattern and what it reads as. A text is read
#: only when it is exactly one of these (spaces normalised), so a limit with a further
#: case ("Đối với các xã miền núi ... tăng thêm 10 ngày") is never read as one limit.
RULES = (
    ("one limit", _ONE_LIMIT, _one_limit),
    ("same day with a cut-off", _SAME_DAY_CUTOFF, _same_day),
)

_WHITE = re.compile(r"\s+")
_BY_DESCRIPTION = "theo mô tả"  # "as described": the limit is in the description


def _prose(text: str) -> Reading | None:
    normal = _WHITE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    for name, pattern, read in RULES:
        match = pattern.fullmatch(normal)
        if match is not None:
            return Reading(read(match), f"prose: {name}", text)
    return None


def read_limit(time: object, unit: object, description: str = "") -> Reading:  # noqa: PLR0911 (one return per kind of text)
    """Read one portal time limit: ``processingTime``, ``processingTimeUnit``, description.

    >>> read_limit(5, "WORKING_DAY").limit
    Duration.parse('5 working days')
    >>> read_limit("Không quá 10 ngày làm việc.", "OTHER").how
    'prose: one limit'
    >>> read_limit(3, "OTHER").how
    'unit OTHER with a bare number'
    """
    raw = str(time).strip() if time is not None else ""
    description = (description or "").strip()
    if unit in ("WORKING_DAY", "DAY", "HOUR", "MONTH"):
        return _counted(time, str(unit), raw)
    if unit != "OTHER":
        return Reading(None, f"unknown unit {unit!r}", raw)
    if isinstance(time, str) and time.strip():
        if time.strip().lower() == _BY_DESCRIPTION:
            if description:
                return _prose(description) or Reading(None, "time limit in prose", description)
            return Reading(None, "no time limit given", raw)
        return _prose(time) or Reading(None, "time limit in prose", raw)
    if description:
        return _prose(description) or Reading(
            None, "time limit in prose", f"{raw}: {description}" if raw else description
        )
    return Reading(None, "unit OTHER with a bare number", raw)


def _counted(time: object, unit: str, raw: str) -> Reading:  # noqa: PLR0911 (one return per unit and problem)
    if isinstance(time, bool) or not isinstance(time, int | float):
        return Reading(None, f"{unit} with a value that is not a number", raw)
    if time <= 0:
        return Reading(None, f"{unit} with the value {time}", raw)
    if unit == "WORKING_DAY":
        if (time * 2) != int(time * 2):
            return Reading(None, "working days that are not whole or half days", raw)
        return Reading(Duration.working_days(float(time)), "unit", f"{raw} WORKING_DAY")
    if unit == "DAY":
        if time != int(time):
            return Reading(None, "calendar days that are not whole days", raw)
        return Reading(Duration.calendar_days(int(time)), "unit", f"{raw} DAY")
    if unit == "HOUR":
        # The portal does not say working hours (counted in office hours only) or clock
        # hours; the two give different due dates.
        return Reading(None, "unit HOUR: working or clock hours not stated", f"{raw} HOUR")
    if time != int(time):
        return Reading(None, "months that are not whole months", raw)
    return Reading(Duration.months(int(time)), "unit", f"{raw} MONTH")
