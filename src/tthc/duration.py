"""How long a procedure may take: the time-limit value the catalogue and the deadlines share.

Vietnamese legal texts state time limits in a handful of shapes (docs/sources.md: BLDS
2015 Art. 147-148, Luật Hộ tịch 2014, NĐ 23/2015/NĐ-CP): working days, possibly with a
half (``0,5 ngày làm việc``); working hours; calendar days (``ngày``, counted under the
Civil Code 2015 Art. 147-148); months (``tháng``, Art. 148(3)); the same day, usually
with a 15:00 cut-off (Luật Hộ tịch 2014 Art. 5(3), NĐ 23/2015 Art. 7); immediately;
phases (N calendar days of public posting, then M working days); or no time limit at all.

A :class:`Duration` is one of these, as an immutable value. It is written the way a person
reads it, and parses back from that text:

>>> from tthc import Duration
>>> Duration.parse("3 working days")
Duration.parse('3 working days')
>>> str(Duration.working_days(0.5))
'0.5 working days'
>>> Duration.parse("same day, cut-off 15:00").cutoff
datetime.time(15, 0)
>>> Duration.parse("15 calendar days then 5 working days").kind
<DurationKind.PHASES: 'phases'>
>>> Duration.parse("3 ngày làm việc") == Duration.working_days(3)
True
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from tthc._issues import quote

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

__all__ = ["Duration", "DurationKind"]

#: Working minutes in one working day: 8 hours (QĐ 188/1999/QĐ-TTg, 40-hour week of 5 days).
MINUTES_PER_WORKING_DAY = 480


class DurationKind(str, enum.Enum):
    """The shape of a time limit."""

    WORKING_DAYS = "working_days"
    """N working days (halves allowed), counted from the day after receipt."""
    WORKING_HOURS = "working_hours"
    """N working hours, counted from the moment of receipt (Civil Code Art. 147(1))."""
    CALENDAR_DAYS = "calendar_days"
    """N calendar days; never ends on a non-working day (Civil Code Art. 148(5))."""
    MONTHS = "months"
    """N months: ends on the same-numbered day of the last month, or that month's last day
    when it has no such day (Civil Code Art. 148(3)); never on a non-working day (148(5))."""
    SAME_DAY = "same_day"
    """Within the day of receipt, or the next working day after an optional cut-off."""
    IMMEDIATE = "immediate"
    """At once, at the counter (NĐ 61/2018 Art. 17(4))."""
    PHASES = "phases"
    """Several durations one after the other."""
    NONE = "none"
    """No time limit: the procedure has no due date."""


# The words of each kind of time limit, in English and Vietnamese. The parser and the JSON
# Schema pattern are both built from them, so an editor accepts exactly what tthc reads:
# any letter case, any run of spaces between words.
_COUNTED_WORDS = (
    (DurationKind.WORKING_DAYS, ("working days", "working day", "ngày làm việc")),
    (DurationKind.WORKING_HOURS, ("working hours", "working hour", "giờ làm việc")),
    (DurationKind.CALENDAR_DAYS, ("calendar days", "calendar day", "days", "day", "ngày")),
    (DurationKind.MONTHS, ("months", "month", "tháng")),
)
_SAME_DAY_WORDS = ("same day", "trong ngày")
_CUT_OFF_WORDS = ("cut-off", "cutoff", "giờ chốt")
_PLAIN_WORDS = (
    # Not the bare "ngay": typed without its accent it may be "ngày" (day); see _AMBIGUOUS.
    (DurationKind.IMMEDIATE, ("immediately", "immediate", "ngay lập tức")),
    (DurationKind.NONE, ("none", "no time limit", "không quy định thời hạn", "không thời hạn")),
)
_THEN_WORDS = ("then", "sau đó")


def _words(words: tuple[str, ...], *, any_case: bool = False) -> str:
    """A regex group matching any of ``words``, each space as a run of white space.

    With ``any_case``, each letter is written as both its cases: JSON Schema patterns have
    no case-insensitive flag.
    """
    alternatives = []
    for word in words:
        parts = []
        for ch in word:
            if ch == " ":
                parts.append(r"\s+")
            elif any_case and ch.lower() != ch.upper():
                parts.append(f"[{ch.lower()}{ch.upper()}]")
            else:
                parts.append(_escape(ch))
        alternatives.append("".join(parts))
    return f"(?:{'|'.join(alternatives)})"


# Characters that mean something in a regular expression. Only these are escaped: JSON
# Schema patterns are ECMA-262 regular expressions, whose Unicode mode (what ajv and
# check-jsonschema use) refuses an escaped character that needs no escape, such as the
# ``\-`` that ``re.escape`` writes for the hyphen of ``cut-off``.
_REGEX_SYNTAX = frozenset("^$\\.*+?()[]{}|/")


def _escape(ch: str) -> str:
    return "\\" + ch if ch in _REGEX_SYNTAX else ch


# ASCII digits only, as in the JSON Schema (Python's \d also matches other scripts' digits).
_NUMBER = r"(?P<n>[0-9]+(?:[.,][0-9]+)?)"
_TIME = r"(?P<h>[0-9]{1,2})[:h](?P<m>[0-9]{2})"
_PATTERNS: tuple[tuple[re.Pattern[str], DurationKind], ...] = tuple(
    (re.compile(rf"^{pattern}$", re.IGNORECASE), kind)
    for pattern, kind in (
        *((rf"{_NUMBER}\s*{_words(words)}", kind) for kind, words in _COUNTED_WORDS),
        (
            rf"{_words(_SAME_DAY_WORDS)}(?:\s*,?\s*{_words(_CUT_OFF_WORDS)}\s+{_TIME})?",
            DurationKind.SAME_DAY,
        ),
        *((_words(words), kind) for kind, words in _PLAIN_WORDS),
    )
)
# "ngay" without accents: alone, "ngay" (immediately) or "ngày" (day)? after a number, days.
_UNACCENTED = re.compile(
    r"^(?:(?P<n>[0-9]+(?:[.,][0-9]+)?)\s*)?ngay(?:\s+lam\s+viec)?$", re.IGNORECASE
)
_PHASE_SEPARATOR = re.compile(rf"\s*,?\s+{_words(_THEN_WORDS)}\s+", re.IGNORECASE)


def _text_pattern() -> str:
    number, time = r"[0-9]+([.,][0-9]+)?", r"[0-9]{1,2}[:hH][0-9]{2}"
    forms = [
        *(rf"{number}\s*{_words(words, any_case=True)}" for _, words in _COUNTED_WORDS),
        rf"{_words(_SAME_DAY_WORDS, any_case=True)}"
        rf"(\s*,?\s*{_words(_CUT_OFF_WORDS, any_case=True)}\s+{time})?",
        *(_words(words, any_case=True) for _, words in _PLAIN_WORDS),
    ]
    then = _words(_THEN_WORDS, any_case=True)
    return rf"^\s*({'|'.join(forms)})(\s*,?\s+{then}\s+.+)?\s*$"


#: The JSON Schema ``pattern`` for the text form (the first phase checked, the rest by tthc).
TEXT_PATTERN = _text_pattern()

_EXAMPLES = (
    "'3 working days', '0.5 working days', '8 working hours', '15 calendar days', "
    "'same day, cut-off 15:00', 'immediate', 'none', or '15 calendar days then 5 working days'"
)
_EXAMPLES_VI = (
    "'3 ngày làm việc', '0,5 ngày làm việc', '8 giờ làm việc', '15 ngày', "
    "'trong ngày, giờ chốt 15:00', 'ngay', 'không quy định thời hạn', "
    "or '15 ngày sau đó 5 ngày làm việc'"
)
# The Vietnamese words of the tables above; "ngay" (immediately) is the one without
# diacritics, after "ngày" so that "3 ngay" is read back as "3 ngày" first.
_ALL_WORDS = (
    *(word for _, words in (*_COUNTED_WORDS, *_PLAIN_WORDS) for word in words),
    *_SAME_DAY_WORDS,
    *_CUT_OFF_WORDS,
    *_THEN_WORDS,
)
_VIETNAMESE_WORDS = (*(word for word in _ALL_WORDS if not word.isascii()), "ngay")
_LONGEST_GUESSED = 100  # characters; longer text gets the examples, not a guess


def _not_a_duration(text: str) -> str:
    """The message for text that is no duration: examples, in Vietnamese too when it is.

    Vietnamese typed without its diacritics gets the text it most likely meant.
    """
    from tthc._diacritics import restorations, uses_words  # noqa: PLC0415  (error path only)

    message = f"not a duration: {quote(text)}"
    if not uses_words(text, _VIETNAMESE_WORDS):
        return f"{message}; expected for example {_EXAMPLES}"
    if len(text) <= _LONGEST_GUESSED:
        guesses = itertools.islice(restorations(text, _VIETNAMESE_WORDS), 16)
        meant = next((g for g in guesses if g != text.strip().lower() and _reads(g)), None)
        if meant is not None:
            message += f"; Vietnamese needs its diacritics (dấu): did you mean {meant!r}?"
    return f"{message}; expected for example {_EXAMPLES} (in Vietnamese {_EXAMPLES_VI})"


def _reads(text: str) -> bool:
    """Whether every phase of ``text`` has the form of a duration (no message built)."""
    parts = _PHASE_SEPARATOR.split(text.strip())
    return all(any(p.match(part.strip()) for p, _ in _PATTERNS) for part in parts)


@dataclass(frozen=True, slots=True)
class Duration:
    """A time limit: an immutable value, equal when it means the same.

    Build one with the named constructors (:meth:`working_days`, :meth:`working_hours`,
    :meth:`calendar_days`, :meth:`same_day`, :meth:`immediate`, :meth:`sequence`,
    :meth:`none`) or from text with :meth:`parse`. Pydantic models accept the text form,
    the structured form ``{"kind": "working_days", "amount": 3}``, or a ``Duration``.

    Attributes:
        kind: The shape of the limit.
        amount: Days or hours for the counted kinds, 0 otherwise.
        cutoff: For :attr:`DurationKind.SAME_DAY`, the time of day after which the result
            is due the next working day (``None``: no cut-off). Counting that starts
            exactly at the cut-off is not after it.
        phases: For :attr:`DurationKind.PHASES`, the parts in order.
    """

    kind: DurationKind
    amount: float = 0.0
    cutoff: dt.time | None = None
    phases: tuple[Duration, ...] = ()

    _COUNTED: ClassVar[frozenset[DurationKind]] = frozenset(
        {
            DurationKind.WORKING_DAYS,
            DurationKind.WORKING_HOURS,
            DurationKind.CALENDAR_DAYS,
            DurationKind.MONTHS,
        }
    )

    def __post_init__(self) -> None:
        kind = DurationKind(self.kind)
        object.__setattr__(self, "kind", kind)
        amount = self.amount
        if isinstance(amount, bool) or not isinstance(amount, int | float):
            raise TypeError(f"Duration amount must be a number, got {amount!r}")
        if not math.isfinite(amount) or amount < 0:
            raise ValueError(f"Duration amount must be a finite number >= 0, got {amount!r}")
        if kind in self._COUNTED:
            amount = self._checked_amount(kind, float(amount))
        elif amount:
            raise ValueError(f"a {kind.value} duration has no amount, got {amount!r}")
        object.__setattr__(self, "amount", float(amount))
        if self.cutoff is not None and kind is not DurationKind.SAME_DAY:
            raise ValueError(f"only a same_day duration has a cut-off, got kind {kind.value}")
        if self.cutoff is not None and self.cutoff.tzinfo is not None:
            raise ValueError(f"a cut-off is a local time of day without zone, got {self.cutoff}")
        if kind is DurationKind.PHASES:
            if len(self.phases) < 2:
                raise ValueError(f"a phases duration needs at least 2 parts, got {self.phases!r}")
            nested = [p for p in self.phases if p.kind in (DurationKind.PHASES, DurationKind.NONE)]
            if nested:
                raise ValueError(f"a phase cannot be {nested[0].kind.value}")
            object.__setattr__(self, "phases", tuple(self.phases))
        elif self.phases:
            raise ValueError(f"only a phases duration has parts, got kind {kind.value}")

    @staticmethod
    def _checked_amount(kind: DurationKind, amount: float) -> float:
        """Check the amount's granularity and snap it to that grid (so text round-trips)."""
        steps, message = {
            DurationKind.WORKING_DAYS: (2, "working days come in halves (0.5, 1, 1.5 ...)"),
            DurationKind.WORKING_HOURS: (60, "working hours must be whole minutes"),
            DurationKind.CALENDAR_DAYS: (1, "calendar days must be whole days"),
            DurationKind.MONTHS: (1, "months must be whole months"),
        }[kind]
        units = round(amount * steps)
        # The text form keeps 10 significant digits ("165.0333333 working hours" for 9,902
        # minutes), so the tolerance grows with the amount: the text always parses back.
        if abs(amount * steps - units) > max(1e-6, abs(units) * 1e-9):
            raise ValueError(f"{message}, got {amount}")
        return units / steps

    # ------------------------------------------------------------ constructors

    @classmethod
    def working_days(cls, amount: float) -> Duration:
        """N working days; halves allowed (``0.5`` is one session)."""
        return cls(DurationKind.WORKING_DAYS, amount)

    @classmethod
    def working_hours(cls, amount: float) -> Duration:
        """N working hours; whole minutes allowed (``1.5`` is 90 minutes)."""
        return cls(DurationKind.WORKING_HOURS, amount)

    @classmethod
    def calendar_days(cls, amount: int) -> Duration:
        """N calendar days."""
        return cls(DurationKind.CALENDAR_DAYS, amount)

    @classmethod
    def months(cls, amount: int) -> Duration:
        """N months (``2 months``, ``02 tháng``), ending as Civil Code Art. 148(3) says.

        >>> Duration.months(2).format("vi")
        '2 tháng'
        """
        return cls(DurationKind.MONTHS, amount)

    @classmethod
    def same_day(cls, *, cutoff: dt.time | None = None) -> Duration:
        """The same day; with a cut-off, the next working day when counting starts after it."""
        return cls(DurationKind.SAME_DAY, cutoff=cutoff)

    @classmethod
    def immediate(cls) -> Duration:
        """At once, at the counter."""
        return cls(DurationKind.IMMEDIATE)

    @classmethod
    def none(cls) -> Duration:
        """No time limit."""
        return cls(DurationKind.NONE)

    @classmethod
    def sequence(cls, *parts: Duration) -> Duration:
        """Several durations one after the other (at least two)."""
        return cls(DurationKind.PHASES, phases=parts)

    # ------------------------------------------------------------ text

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Parse the text form, in English or Vietnamese.

        Raises:
            ValueError: The text is not a duration; the message lists the accepted forms.
        """
        if not isinstance(text, str):
            raise TypeError(f"expected duration text, got {type(text).__name__}")
        if not text.isascii():  # combining accents (NFD, as macOS and some keyboards write)
            text = unicodedata.normalize("NFC", text)
        stripped = text.strip()
        parts = _PHASE_SEPARATOR.split(stripped)
        if len(parts) > 1:
            return cls.sequence(*(cls._parse_one(p, text) for p in parts))
        return cls._parse_one(stripped, text)

    @classmethod
    def _parse_one(cls, part: str, whole: str) -> Duration:
        for pattern, kind in _PATTERNS:
            match = pattern.match(part.strip())
            if match is None:
                continue
            groups = match.groupdict()
            if kind in cls._COUNTED:
                return cls(kind, float(groups["n"].replace(",", ".")))
            if kind is DurationKind.SAME_DAY and groups.get("h") is not None:
                try:
                    cutoff = dt.time(int(groups["h"]), int(groups["m"]))
                except ValueError:
                    raise ValueError(f"invalid cut-off time in duration {whole!r}") from None
                return cls(kind, cutoff=cutoff)
            return cls(kind)
        unaccented = _UNACCENTED.match(part.strip())
        if unaccented is not None and not unaccented["n"]:
            raise ValueError(
                f"{quote(whole)} is ambiguous: without its accents 'ngay' may mean "
                "'ngay lập tức' (immediately: write 'ngay lập tức' or 'immediate') or "
                "'ngày' (day: write for example '1 ngày' or '1 ngày làm việc')"
            )
        raise ValueError(_not_a_duration(whole))

    def __str__(self) -> str:
        kind = self.kind
        if kind is DurationKind.PHASES:
            return " then ".join(str(p) for p in self.phases)
        if kind is DurationKind.SAME_DAY:
            return "same day" if self.cutoff is None else f"same day, cut-off {self.cutoff:%H:%M}"
        if kind is DurationKind.IMMEDIATE:
            return "immediate"
        if kind is DurationKind.NONE:
            return "none"
        number = self._number()
        unit = {
            DurationKind.WORKING_DAYS: "working day",
            DurationKind.WORKING_HOURS: "working hour",
            DurationKind.CALENDAR_DAYS: "calendar day",
            DurationKind.MONTHS: "month",
        }[kind]
        return f"{number} {unit}{'' if self.amount == 1 else 's'}"

    def __repr__(self) -> str:
        return f"Duration.parse({str(self)!r})"

    def format(self, lang: str = "en") -> str:
        """The text form in English (``"en"``, as :func:`str`) or Vietnamese (``"vi"``).

        Both parse back to the same value.

        >>> Duration.parse("same day, cut-off 15:00").format("vi")
        'trong ngày, giờ chốt 15:00'
        >>> Duration.parse("15 calendar days then 0.5 working days").format("vi")
        '15 ngày, sau đó 0,5 ngày làm việc'

        Raises:
            ValueError: ``lang`` is neither ``"en"`` nor ``"vi"``.
        """
        if lang == "en":
            return str(self)
        if lang != "vi":
            raise ValueError(f"lang must be 'en' or 'vi', got {lang!r}")
        kind = self.kind
        if kind is DurationKind.PHASES:
            return ", sau đó ".join(p.format("vi") for p in self.phases)
        if kind is DurationKind.SAME_DAY:
            cut = "" if self.cutoff is None else f", giờ chốt {self.cutoff:%H:%M}"
            return f"trong ngày{cut}"
        if kind is DurationKind.IMMEDIATE:
            return "ngay lập tức"
        if kind is DurationKind.NONE:
            return "không thời hạn"
        unit = {
            DurationKind.WORKING_DAYS: "ngày làm việc",
            DurationKind.WORKING_HOURS: "giờ làm việc",
            DurationKind.CALENDAR_DAYS: "ngày",
            DurationKind.MONTHS: "tháng",
        }[kind]
        return self._number().replace(".", ",") + f" {unit}"

    def _number(self) -> str:
        """The amount as plain decimal text that parses back to the same amount.

        Ten significant digits when they are enough (``165.0333333`` for 9,902 minutes),
        else every digit of the float (``1234567890.5``, ``12345678901``): never the
        scientific notation, which the text form does not read.
        """
        amount = self.amount
        short = f"{amount:.10g}"
        if "e" not in short and self._snapped(float(short)) == amount:
            return short
        exact = format(Decimal(repr(amount)), "f")
        return exact.removesuffix(".0")

    def _snapped(self, amount: float) -> float:
        steps = {DurationKind.WORKING_DAYS: 2, DurationKind.WORKING_HOURS: 60}.get(self.kind, 1)
        return round(amount * steps) / steps

    # ------------------------------------------------------------ arithmetic views

    @property
    def working_minutes(self) -> int | None:
        """Working minutes for working-day and working-hour limits (1 day = 8 hours), else None.

        >>> Duration.working_days(1.5).working_minutes
        720
        """
        if self.kind is DurationKind.WORKING_DAYS:
            return round(self.amount * MINUTES_PER_WORKING_DAY)
        if self.kind is DurationKind.WORKING_HOURS:
            return round(self.amount * 60)
        return None

    # ------------------------------------------------------------ structured form

    def to_data(self) -> dict[str, Any]:
        """The structured form, as plain JSON-ready data.

        >>> Duration.parse("same day, cut-off 15:00").to_data()
        {'kind': 'same_day', 'cutoff': '15:00'}
        """
        data: dict[str, Any] = {"kind": self.kind.value}
        if self.kind in self._COUNTED:
            data["amount"] = int(self.amount) if self.amount.is_integer() else self.amount
        if self.cutoff is not None:
            data["cutoff"] = f"{self.cutoff:%H:%M}"
        if self.phases:
            data["phases"] = [p.to_data() for p in self.phases]
        return data

    @classmethod
    def from_data(cls, data: object) -> Duration:
        """Build from the text form, the structured form, or a Duration.

        Raises:
            ValueError: The data is neither form; the message says what was received.
        """
        if isinstance(data, Duration):
            return data
        if isinstance(data, str):
            return cls.parse(data)
        if not isinstance(data, dict):
            raise ValueError(
                f"expected a duration as text or a mapping with 'kind', got {type(data).__name__}"
            )
        unknown = set(data) - {"kind", "amount", "cutoff", "phases"}
        if unknown:
            raise ValueError(f"unknown duration field(s): {', '.join(sorted(map(str, unknown)))}")
        try:
            kind = DurationKind(data.get("kind"))
        except ValueError:
            kinds = ", ".join(k.value for k in DurationKind)
            raise ValueError(
                f"unknown duration kind {data.get('kind')!r}; expected one of {kinds}"
            ) from None
        cutoff = data.get("cutoff")
        if isinstance(cutoff, str):
            try:
                cutoff = dt.time.fromisoformat(cutoff if len(cutoff) > 4 else "0" + cutoff)
            except ValueError:
                raise ValueError(f"cut-off must be HH:MM, got {cutoff!r}") from None
        if cutoff is not None and not isinstance(cutoff, dt.time):
            raise ValueError(f"cut-off must be HH:MM, got {cutoff!r}")
        phases = data.get("phases", ())
        if not isinstance(phases, list | tuple):
            raise ValueError(f"phases must be a list, got {type(phases).__name__}")
        amount = data.get("amount", 0.0)
        if isinstance(amount, bool) or not isinstance(amount, int | float):
            # A ValueError, not the constructor's TypeError: pydantic reports only the former.
            raise ValueError(f"amount must be a number, got {amount!r}")
        return cls(
            kind,
            amount,
            cutoff=cutoff,
            phases=tuple(cls.from_data(p) for p in phases),
        )

    # ------------------------------------------------------------ pydantic integration

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema  # noqa: PLC0415  (pydantic stays optional here)

        return core_schema.no_info_plain_validator_function(
            cls.from_data,
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        kinds = [k.value for k in DurationKind]
        return {
            "title": "Duration",
            "description": (
                "A time limit, as text ('3 working days', 'same day, cut-off 15:00') "
                "or structured ({kind, amount, cutoff, phases})."
            ),
            "anyOf": [
                {"type": "string", "pattern": TEXT_PATTERN},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["kind"],
                    "properties": {
                        "kind": {"enum": kinds},
                        "amount": {"type": "number", "minimum": 0},
                        "cutoff": {"type": "string", "pattern": r"^[0-9]{1,2}:[0-9]{2}$"},
                        "phases": {"type": "array", "minItems": 2},
                    },
                },
            ],
        }
