"""The dossier code of TT 01/2018/TT-VPCP Art. 19: agency, date of receipt, daily sequence.

The code is ``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`` (TT 01/2018/TT-VPCP Art. 19(1), in force
06/01/2019; NĐ 61/2018/NĐ-CP Art. 26):

* ``V1V2V3.Z1Z2.Y1Y2.MX1X2``: the receiving unit's code under TT 10/2016/TT-BTTTT;
* ``YYMMDD``: the date of receipt, ``YY`` the last two digits of the year;
* ``XXXX``: the dossier's 4-digit sequence number among those received that day.

The article fixes the lengths (3, 2, 2 and 3 characters for the unit). The character classes
checked here (digits, and a capital letter for ``M``, as in ``000.00.00.H38``) follow the
codes seen on provincial portals; TT 10/2016 itself was not read. Two-digit years are read
as 2000-2099, the range of the working calendar.

TT 03/2025/TT-VPCP (under NĐ 118/2025/NĐ-CP, which replaced NĐ 61/2018 from 01/07/2025)
re-issued the rules, and NĐ 118 Art. 17(3) still gives each received dossier one code on
the receipt; the new structure was not seen. Codes issued in 2026 are read too, as seen in
practice (one secondary source, not a legal text): a unit code with the province first
(``H15.50.05.13``, four groups of two or three capitals and digits) and, on ministries'
portals, a daily sequence of 6 or 7 digits (``090123``). A code keeps the number of digits
of its sequence, so it is written back exactly as read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DossierCode", "dossier_code"]

# TT 01/2018's unit code (TT 10/2016), or the province-first form seen since 2025.
_AGENCY = re.compile(
    r"^(?:[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}"
    r"|[A-Z][0-9A-Z]{2}(?:\.[0-9A-Z]{2,3}){3})$"
)
_CODE = re.compile(r"^(?P<agency>[^-]+)-(?P<date>[0-9]{6})-(?P<seq>[0-9]{4,7})$")
_FORMAT = "V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX"


@dataclass(frozen=True, slots=True, order=True)
class DossierCode:
    """A dossier code: the receiving unit, the date of receipt and the sequence that day.

    Attributes:
        agency: The unit code ``V1V2V3.Z1Z2.Y1Y2.MX1X2`` (e.g. ``000.00.00.H38``), or
            the province-first form ``H15.50.05.13``.
        received: The date of receipt (2000-01-01..2099-12-31).
        sequence: The sequence number among the dossiers received that day (at least 1).
        digits: How many digits the sequence is written with: 4 (TT 01/2018), or 6 or 7
            (ministries' portals); a sequence written with 5 is read too.

    >>> import datetime as dt
    >>> code = DossierCode("000.00.15.H38", dt.date(2026, 2, 23), 7)
    >>> str(code)
    '000.00.15.H38-260223-0007'
    >>> DossierCode.parse("000.00.15.H38-260223-0007") == code
    True
    >>> ministry = DossierCode.parse("H15.50.05.13-261008-090123")
    >>> ministry.sequence, ministry.digits, str(ministry)
    (90123, 6, 'H15.50.05.13-261008-090123')
    """

    agency: str
    received: dt.date
    sequence: int
    digits: int = 4

    def __post_init__(self) -> None:
        if not isinstance(self.agency, str):
            raise TypeError(f"agency must be text, got {type(self.agency).__name__}")
        if not _AGENCY.match(self.agency):
            raise ValueError(
                f"agency code must look like V1V2V3.Z1Z2.Y1Y2.MX1X2 (e.g. 000.00.00.H38) "
                f"or H15.50.05.13, got {self.agency!r}"
            )
        if type(self.received) is not dt.date:
            raise TypeError(f"received must be a date, got {type(self.received).__name__}")
        if not 2000 <= self.received.year <= 2099:
            raise ValueError(
                f"the code's two-digit year covers 2000-2099, got {self.received.isoformat()}"
            )
        for name in ("sequence", "digits"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} must be an int, got {value!r}")
        if not 4 <= self.digits <= 7:
            raise ValueError(f"a sequence is written with 4 to 7 digits, got {self.digits}")
        if not 1 <= self.sequence < 10**self.digits:
            raise ValueError(
                f"sequence must be 1-{10**self.digits - 1} ({self.digits} digits), "
                f"got {self.sequence}"
            )

    def __str__(self) -> str:
        return f"{self.agency}-{self.received:%y%m%d}-{self.sequence:0{self.digits}d}"

    @classmethod
    def parse(cls, text: str) -> DossierCode:
        """Read a code written as ``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`` (or as seen since 2025).

        Raises:
            ValueError: The text is not a dossier code; the message says which part is
                wrong and what was expected.
        """
        if not isinstance(text, str):
            raise TypeError(f"expected a dossier code as text, got {type(text).__name__}")
        match = _CODE.match(text.strip())
        if match is None:
            raise ValueError(f"not a dossier code: {text!r}; expected {_FORMAT}")
        digits = match.group("date")
        try:
            received = dt.date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
        except ValueError:
            raise ValueError(f"dossier code {text!r}: {digits!r} is not a date (YYMMDD)") from None
        sequence = match.group("seq")
        return cls(match.group("agency"), received, int(sequence), len(sequence))


def dossier_code(agency: str, received: dt.date, sequence: int, *, digits: int = 4) -> str:
    """The code of the ``sequence``-th dossier the unit ``agency`` received on ``received``.

    ``digits``: how many digits to write the sequence with (4 under TT 01/2018).

    Raises:
        ValueError: The agency code, date or sequence does not fit the format.

    >>> import datetime as dt
    >>> dossier_code("000.00.00.H38", dt.date(2026, 2, 12), 42)
    '000.00.00.H38-260212-0042'
    """
    return str(DossierCode(agency, received, sequence, digits))
