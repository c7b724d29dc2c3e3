"""The states of a dossier, each mapped to the national portal's status code.

The national public-service portal (Cổng Dịch vụ công quốc gia, DVCQG) knows ten dossier
statuses (``TrangThaiHoSo`` 1-10). The same list appears in four independent one-stop
codebases that synchronise with the portal (docs/sources.md, "How one-stop systems count":
one report, strongly corroborated; the official integration specification was not found).

Real systems need three more states that the portal folds into one of its ten codes:

* :attr:`DossierStatus.AT_OTHER_AGENCY`: inter-agency processing (liên thông); the portal
  still shows 4, processing.
* :attr:`DossierStatus.IN_POSTAL_DELIVERY`: the result travels by public postal service;
  the portal still shows 9, result ready, until it is delivered (10).
* :attr:`DossierStatus.WITHDRAWAL_REQUESTED`: the applicant asked to withdraw and the
  agency has not accepted yet. Mapped to **7**, whose portal name is literally the
  applicant's *request* ("Công dân yêu cầu rút hồ sơ"); the portal has no separate code
  for the acceptance, which also shows 7. tthc keeps the two apart: the request can still
  be taken back (a rollback), and only the acceptance ends the dossier.
"""

from __future__ import annotations

import enum
from types import MappingProxyType

__all__ = ["PORTAL_CODES", "TERMINAL", "DossierStatus"]


class DossierStatus(str, enum.Enum):
    """Where a dossier is in its life, with the national portal's code.

    >>> DossierStatus.SUPPLEMENT_REQUESTED.portal_code
    5
    >>> DossierStatus.AT_OTHER_AGENCY.portal_code  # inter-agency: still "processing"
    4
    >>> DossierStatus.RETURNED.is_terminal
    True
    """

    SUBMITTED = "submitted"
    """Submitted online, not yet accepted (portal 1, Mới đăng ký)."""
    RECEIVED = "received"
    """Received by the one-stop desk; the due date is set (portal 2, Được tiếp nhận)."""
    REFUSED = "refused"
    """Reception refused (portal 3, Không được tiếp nhận); final."""
    PROCESSING = "processing"
    """At an internal step of the processing agency (portal 4, Đang xử lý)."""
    SUPPLEMENT_REQUESTED = "supplement_requested"
    """Waiting for the applicant to supplement the dossier (portal 5, Yêu cầu bổ sung
    giấy tờ); the clock is paused."""
    PAYMENT_REQUESTED = "payment_requested"
    """Waiting for fees, charges or taxes (portal 6, Yêu cầu thực hiện nghĩa vụ tài
    chính); the clock is paused."""
    WITHDRAWN = "withdrawn"
    """Withdrawn at the applicant's request (portal 7); final."""
    STOPPED = "stopped"
    """Processing stopped, or refused after appraisal (portal 8, Dừng xử lý); final."""
    RESULT_READY = "result_ready"
    """Processed; the result is ready to return (portal 9, Đã xử lý xong)."""
    RETURNED = "returned"
    """The result was returned to the applicant (portal 10, Đã trả kết quả); final."""
    AT_OTHER_AGENCY = "at_other_agency"
    """Sent to another agency for inter-agency processing (liên thông; portal 4)."""
    IN_POSTAL_DELIVERY = "in_postal_delivery"
    """The result was handed to the public postal service (portal 9 until delivered)."""
    WITHDRAWAL_REQUESTED = "withdrawal_requested"
    """The applicant asked to withdraw; not yet accepted (portal 7, see the module notes)."""

    @property
    def portal_code(self) -> int:
        """The national portal's status code (``TrangThaiHoSo``), 1-10."""
        return PORTAL_CODES[self]

    @property
    def label_vi(self) -> str:
        """The Vietnamese name: the portal's for the ten codes, a description for sub-states."""
        return _LABELS_VI[self]

    @property
    def is_terminal(self) -> bool:
        """Whether the dossier's life has ended: refused, withdrawn, stopped or returned."""
        return self in TERMINAL


_S = DossierStatus

#: The national portal's code of every state. The module-load check
#: (:func:`tthc.dossier.check_machine`) refuses a state without one.
PORTAL_CODES: MappingProxyType[DossierStatus, int] = MappingProxyType(
    {
        _S.SUBMITTED: 1,
        _S.RECEIVED: 2,
        _S.REFUSED: 3,
        _S.PROCESSING: 4,
        _S.AT_OTHER_AGENCY: 4,
        _S.SUPPLEMENT_REQUESTED: 5,
        _S.PAYMENT_REQUESTED: 6,
        _S.WITHDRAWAL_REQUESTED: 7,
        _S.WITHDRAWN: 7,
        _S.STOPPED: 8,
        _S.RESULT_READY: 9,
        _S.IN_POSTAL_DELIVERY: 9,
        _S.RETURNED: 10,
    }
)

#: The states that end a dossier's life; the module-load check refuses an exit from them.
TERMINAL: frozenset[DossierStatus] = frozenset({_S.REFUSED, _S.WITHDRAWN, _S.STOPPED, _S.RETURNED})

_LABELS_VI: dict[DossierStatus, str] = {
    _S.SUBMITTED: "Mới đăng ký",
    _S.RECEIVED: "Được tiếp nhận",
    _S.REFUSED: "Không được tiếp nhận",
    _S.PROCESSING: "Đang xử lý",
    _S.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    _S.PAYMENT_REQUESTED: "Yêu cầu thực hiện nghĩa vụ tài chính",
    _S.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    _S.STOPPED: "Dừng xử lý",
    _S.RESULT_READY: "Đã xử lý xong",
    _S.RETURNED: "Đã trả kết quả",
    _S.AT_OTHER_AGENCY: "Đang xử lý liên thông",
    _S.IN_POSTAL_DELIVERY: "Đang chuyển trả kết quả qua bưu chính",
    _S.WITHDRAWAL_REQUESTED: "Đề nghị rút hồ sơ, chờ chấp thuận",
}
