"""The dossier code of TT 01/2018/TT-VPCP Art. 19: agency, date of receipt, daily sequence.

The code is ``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`` (TT 01/2018/TT-VPCP Art. 19(1), in force
06/01/2019; NĐ 61/2018/NĐ-CP Art. 26):

* ``V1V2V3.Z1Z2.Y1Y2.MX1X2``: the receiving unit's code under TT 10/2016/TT-BTTTT;
* ``YYMMDD``: the date of receipt, ``YY`` the last two digits of the year;
* ``XXXX``: the dossier's 4-digit sequence number among those received that day.

The article fixes the lengths (3, 2, 2 and 3 characters for the unit). The character classes
checked here (digits, and a capital letter for ``M``, as in ``000.00.00.H38``) follow the
codes seen on provincial portals; TT 10/2016 itself was not read. Two-digit years are read
as 2000-2099, the range of the working calendar. TT 03/2025/TT-VPCP re-issued the rules;
its structure was not seen, so this is the last verified format.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DossierCode", "dossier_code"]

_AGENCY = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$")
_CODE = re.compile(r"^(?P<agency>[^-]+)-(?P<date>[0-9]{6})-(?P<seq>[0-9]{4})$")
_FORMAT = "V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX"


@dataclass(frozen=True, slots=True, order=True)
class DossierCode:
    """A dossier code: the receiving unit, the date of receipt and the sequence that day.

    Attributes:
        agency: The unit code ``V1V2V3.Z1Z2.Y1Y2.MX1X2`` (e.g. ``000.00.00.H38``).
        received: The date of receipt (2000-01-01..2099-12-31).
        sequence: The sequence number among the dossiers received that day, 1-9999.

    >>> import datetime as dt
    >>> code = DossierCode("000.00.15.H38", dt.date(2026, 2, 23), 7)
    >>> str(code)
    '000.00.15.H38-260223-0007'
    >>> DossierCode.parse("000.00.15.H38-260223-0007") == code
    True
    """

    agency: str
    received: dt.date
    sequence: int

    def __post_init__(self) -> None:
        if not isinstance(self.agency, str):
            raise TypeError(f"agency must be text, got {type(self.agency).__name__}")
        if not _AGENCY.match(self.agency):
            raise ValueError(
                f"agency code must look like V1V2V3.Z1Z2.Y1Y2.MX1X2 (e.g. 000.00.00.H38), "
                f"got {self.agency!r}"
            )
        if type(self.received) is not dt.date:
            raise TypeError(f"received must be a date, got {type(self.received).__name__}")
        if not 2000 <= self.received.year <= 2099:
            raise ValueError(
                f"the code's two-digit year covers 2000-2099, got {self.received.isoformat()}"
            )
        if isinstance(self.sequence, bool) or not isinstance(self.sequence, int):
            raise TypeError(f"sequence must be an int, got {self.sequence!r}")
        if not 1 <= self.sequence <= 9999:
            raise ValueError(f"sequence must be 1-9999 (4 digits), got {self.sequence}")

    def __str__(self) -> str:
        return f"{self.agency}-{self.received:%y%m%d}-{self.sequence:04d}"

    @classmethod
    def parse(cls, text: str) -> DossierCode:
        """Read a code written as ``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX``.

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
        return cls(match.group("agency"), received, int(match.group("seq")))


def dossier_code(agency: str, received: dt.date, sequence: int) -> str:
    """The code of the ``sequence``-th dossier the unit ``agency`` received on ``received``.

    Raises:
        ValueError: The agency code, date or sequence does not fit the format.

    >>> import datetime as dt
    >>> dossier_code("000.00.00.H38", dt.date(2026, 2, 12), 42)
    '000.00.00.H38-260212-0042'
    """
    return str(DossierCode(agency, received, sequence))
