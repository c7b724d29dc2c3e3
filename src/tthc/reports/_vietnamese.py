"""The Vietnamese texts of the report page: each column's definition and each policy's rule.

The English texts are the docstrings of :class:`~tthc.reports.ReportRow` (read by
``_definitions``) and the ``description`` of each classification policy; these are their
translations, kept to the same facts and the same citations. A column or a policy missing
here is shown in English on the Vietnamese page, marked ``lang="en"``.
"""

from __future__ import annotations

__all__ = ["DEFINITIONS_VI", "POLICY_RULES_VI"]

#: The definition of each column of the report table, by attribute, in Vietnamese.
DEFINITIONS_VI: dict[str, str] = {
    "carried_over": "Tiếp nhận trước kỳ, còn đang giải quyết khi bắt đầu kỳ (từ kỳ trước).",
    "received": "Tiếp nhận trong kỳ, mọi hình thức.",
    "received_counter": "Tiếp nhận trong kỳ tại Bộ phận Một cửa (trực tiếp).",
    "received_online": "Tiếp nhận trong kỳ qua mạng (trực tuyến).",
    "received_postal": "Tiếp nhận trong kỳ qua dịch vụ bưu chính công ích.",
    "resolved": "Đã giải quyết trong kỳ: trước hạn + đúng hạn + quá hạn.",
    "resolved_early": "Đã giải quyết trong kỳ, trước hạn.",
    "resolved_on_time": "Đã giải quyết trong kỳ, đúng hạn.",
    "resolved_late": "Đã giải quyết trong kỳ, quá hạn.",
    "rate": (
        "Tỷ lệ được công bố: (trước hạn + đúng hạn) / đã giải quyết, tính theo phần trăm, "
        "2 chữ số thập phân."
    ),
    "in_progress": (
        "Đang giải quyết tại thời điểm lấy số liệu: trong hạn + quá hạn (kể cả hồ sơ đang "
        "tạm dừng)."
    ),
    "in_progress_in_time": "Đang giải quyết tại thời điểm lấy số liệu, còn trong hạn.",
    "in_progress_overdue": "Đang giải quyết tại thời điểm lấy số liệu, đã quá hạn.",
    "paused_supplement": (
        "Trong số đang giải quyết, hồ sơ đang chờ bổ sung tại thời điểm lấy số liệu."
    ),
    "paused_payment": (
        "Trong số đang giải quyết, hồ sơ đang chờ thực hiện nghĩa vụ tài chính (NVTC) tại "
        "thời điểm lấy số liệu."
    ),
    "refused": (
        "Từ chối tiếp nhận trong kỳ (trạng thái 3); chưa được tiếp nhận nên không tính vào số "
        "tiếp nhận và không có trong cân đối số hồ sơ."
    ),
    "withdrawn": "Rút hồ sơ theo yêu cầu của người nộp trong kỳ (trạng thái 7).",
    "stopped": "Dừng xử lý trong kỳ (trạng thái 8), kể cả từ chối sau thẩm định.",
    "closed_late": "Trong số rút và dừng, hồ sơ kết thúc sau thời hạn.",
    "returned": "Đã trả kết quả trong kỳ (trạng thái 10), bất kể giải quyết khi nào.",
    "progress_rate": (
        "Chỉ số 2.1 QĐ 766: hồ sơ trong hạn trên tổng số hồ sơ kỳ này phải giải quyết (từ kỳ "
        "trước và tiếp nhận trong kỳ), tính theo phần trăm."
    ),
    "resolved_online": "Trong số đã giải quyết trong kỳ, hồ sơ tiếp nhận trực tuyến.",
    "paid_online": "Tiếp nhận trong kỳ có phí, lệ phí, thanh toán trực tuyến.",
    "paid_offline": "Tiếp nhận trong kỳ có phí, lệ phí, thanh toán bằng hình thức khác.",
    "digitised": "Tiếp nhận trong kỳ, hồ sơ đã được số hóa.",
    "not_digitised": "Tiếp nhận trong kỳ, hồ sơ được xác định là không số hóa.",
    "processing_counted": (
        "Đã giải quyết trong kỳ và được cộng thời gian xử lý (tất cả khi báo cáo có lịch làm "
        "việc, nếu không thì không hồ sơ nào)."
    ),
    "processing_working_us": (
        "Tổng thời gian xử lý của các hồ sơ đó, tính bằng micro giây làm việc (theo giờ làm "
        "việc của lịch), từ khi tiếp nhận đến khi giải quyết, trừ thời gian chờ bổ sung."
    ),
    "processing_elapsed_us": "Như trên, tính bằng micro giây thực tế (theo đồng hồ).",
}

#: The rule of each classification policy, by name, in Vietnamese.
POLICY_RULES_VI: dict[str, str] = {
    "by-date": (
        "Trước hạn khi xong vào một ngày trước ngày hẹn, đúng hạn khi xong trong ngày hẹn, quá "
        "hạn sau đó. Thời hạn tính bằng ngày kết thúc vào cuối ngày cuối cùng (BLDS 2015 "
        "Điều 148 khoản 1, 6); mặc định."
    ),
    "by-session": (
        "Trước hạn khi xong trước buổi làm việc có thời điểm hẹn, đúng hạn khi xong trong buổi "
        "đó đến thời điểm hẹn, quá hạn sau đó (OpenCPS)."
    ),
    "by-instant": (
        "Trước hạn trước thời điểm hẹn, đúng hạn đúng thời điểm đó, quá hạn từ một micro giây "
        "sau đó (các hệ thống so sánh đầy đủ ngày giờ). Thời điểm hẹn là thời điểm ghi trên "
        "giấy hẹn: với ends_at office-close là giờ kết thúc làm việc, nên kết quả lúc 17:30 "
        "ngày hẹn là quá hạn theo chính sách này dù thời hạn kéo dài đến 24:00 ngày đó (BLDS "
        "2015 Điều 148 khoản 1, 6); với ends_at midnight (chính sách end-of-day) là 24:00."
    ),
    "tt-01-2018": (
        "Chỉ số 1 Điều 13 TT 01/2018/TT-VPCP: tổng thời gian so với thời gian theo quy định, "
        "không tính việc hẹn lại: ngắn hơn 2 điểm (trước hạn), bằng 1 (đúng hạn), dài hơn 0 "
        "(quá hạn); ngày so theo ngày, giờ so theo giờ tròn."
    ),
    "qd-766": (
        "Chỉ số 2.1 QĐ 766/QĐ-TTg: đúng hạn khi thời điểm kết thúc xử lý, trừ thời gian chờ bổ "
        "sung, không sau thời điểm hẹn; yêu cầu bổ sung quá một lần là quá hạn; không có giấy "
        "hẹn thì so với thời hạn tối đa theo quy định."
    ),
}
