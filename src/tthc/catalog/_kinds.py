"""The kinds a catalogue entry chooses from: levels, channels, online-service levels, fees.

Each kind is a ``str`` enum whose values are what a catalogue file says. The legal source
of each set of values is in the docstring of its enum.
"""

from __future__ import annotations

import datetime as dt
import enum

__all__ = [
    "DISTRICT_LEVEL_LAST_DAY",
    "Channel",
    "FeeKind",
    "FeeUnit",
    "Level",
    "OnlineLevel",
]

#: The last day district-level (cấp huyện) authorities handled procedures: local government
#: has two tiers (province, commune) from 01/07/2025 (docs/sources.md: NĐ 120/2025/NĐ-CP,
#: TT 08/2025/TT-BTP; the enacting law's text was not read here). A district-level
#: procedure version must end by this day.
DISTRICT_LEVEL_LAST_DAY = dt.date(2025, 6, 30)


class Level(str, enum.Enum):
    """The level of government that carries out the procedure (cấp thực hiện)."""

    CENTRAL = "central"
    """A ministry or central agency (cấp trung ương)."""
    PROVINCE = "province"
    """A province or centrally run city (cấp tỉnh)."""
    DISTRICT = "district"
    """A district (cấp huyện); only for versions that end by 30/06/2025."""
    COMMUNE = "commune"
    """A commune, ward or township (cấp xã)."""


class Channel(str, enum.Enum):
    """How a dossier reaches the authority (DVCQG ``KenhThucHien``: 1, 2, 3)."""

    COUNTER = "counter"
    """At the one-stop counter (trực tiếp; portal code 1)."""
    ONLINE = "online"
    """Online, through a public-service portal (trực tuyến; portal code 2)."""
    POSTAL = "postal"
    """By public postal service (bưu chính công ích; portal code 3)."""

    @property
    def portal_code(self) -> int:
        """The national portal's code for the channel (1 counter, 2 online, 3 postal)."""
        return _PORTAL_CODES[self]


_PORTAL_CODES = {Channel.COUNTER: 1, Channel.ONLINE: 2, Channel.POSTAL: 3}


class OnlineLevel(str, enum.Enum):
    """How much of the procedure can be done online (NĐ 42/2022/NĐ-CP).

    NĐ 42/2022 replaced the older scale of levels 1 to 4 with two levels. A catalogue
    file may still write the old levels; they are read as follows (the usual reading
    of the two schemes, not a mapping any text states):

    - level 4 (submission, payment and result online) -> :attr:`FULL`;
    - level 3 (submission and processing online, result on paper) -> :attr:`PARTIAL`;
    - levels 1 and 2 only published information or forms; they are not an online
      service and are refused.
    """

    FULL = "full"
    """Toàn trình: the whole procedure online, the result online or by post."""
    PARTIAL = "partial"
    """Một phần: part of the procedure online; the rest needs presence or paper."""


class FeeKind(str, enum.Enum):
    """What a payment is called on procedure pages: lệ phí or phí."""

    FEE = "fee"
    """Lệ phí: a charge for the State's service of administration."""
    CHARGE = "charge"
    """Phí: a charge that recovers the cost of a public service."""


class FeeUnit(str, enum.Enum):
    """What a fixed amount is paid for."""

    DOSSIER = "dossier"
    """Once per dossier (per case, trường hợp)."""
    COPY = "copy"
    """Per copy issued (bản)."""
    PAGE = "page"
    """Per page (trang)."""
