"""Valid catalogue entries as plain data, the way a person writes them in a YAML file.

Every value is chosen so that the entry passes the models and every cross-check: case ids
unique, one default at most, references to forms and cases resolve, process budgets add up
to the time limit, district-level versions end by 30/06/2025, an online level only with
the online channel, versions of a code that do not overlap, and overlays that shorten a
statutory limit (in the same unit) and never lengthen it.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from typing import Any, cast

from hypothesis import strategies as st

from tthc.duration import MINUTES_PER_WORKING_DAY, Duration, DurationKind

__all__ = [
    "DISTRICT_END",
    "duration_data",
    "overlay_data",
    "procedure_data",
    "shorter",
    "texts",
]

_K = DurationKind
#: The last day of district-level procedures (two-tier local government from 01/07/2025).
DISTRICT_END = dt.date(2025, 6, 30)
_ONE_DAY = dt.timedelta(days=1)
_CHANNELS = ("counter", "online", "postal")

_NAMES = (
    "Thủ tục đăng ký khai sinh",
    "Thủ tục đăng ký kết hôn",
    "Thủ tục xác nhận tình trạng hôn nhân",
    "Thủ tục chứng thực bản sao từ bản chính",
    "Thủ tục cấp bản sao trích lục hộ tịch",
)
_FIELDS = ("Hộ tịch", "Chứng thực", "Đất đai", "Hộ kinh doanh")
_AGENCIES = ("Ủy ban nhân dân cấp xã", "Ủy ban nhân dân cấp tỉnh", "Sở Tư pháp")
_RESULTS = ("Giấy khai sinh", "Giấy chứng nhận kết hôn", "Bản sao được chứng thực")
_DOCUMENTS = ("Luật Hộ tịch 60/2014/QH13", "Nghị định 23/2015/NĐ-CP", "Nghị định 61/2018/NĐ-CP")
_CASE_IDS = ("standard", "verification", "online", "posting")
_STEPS = ("Tiếp nhận hồ sơ", "Thẩm định", "Ký duyệt", "Trả kết quả")
#: Letters, digits and the punctuation YAML gives meaning to, so quoting is exercised.
_ALPHABET = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
    "AĂÂĐÊÔƠƯ0123456789 .,-/():'\"#&*!%@|>{}[]?~"
)


_RANDOM_TEXT = st.text(_ALPHABET, min_size=1, max_size=30).filter(lambda t: bool(t.strip()))
_IDS = st.sampled_from(_CASE_IDS) | st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
_ARTICLES = st.none() | st.integers(1, 200) | st.just("19(4)")
_ONLINE_LEVELS = st.sampled_from(["full", "partial", "level 4", 3, "toàn trình"])
_FORM_IDS = st.lists(st.sampled_from(["form-01", "form-02"]), unique=True)
_DOCUMENT_IDS = st.lists(st.sampled_from(["request", "identity", "proof"]), unique=True)
_HOW = st.sampled_from(["originals", "copies", "presented"])
_FORMS_OF_DURATION = st.sampled_from(["en", "vi", "data"])


@functools.lru_cache(maxsize=64)
def texts(examples: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Text a person could write: one of ``examples``, or anything (built once per examples)."""
    return st.sampled_from(examples) | _RANDOM_TEXT


@functools.lru_cache(maxsize=64)
def _subsets(items: tuple[str, ...], *, min_size: int = 0) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(items), min_size=min_size, max_size=len(items), unique=True)


def _split(draw: st.DrawFn, total: int, parts: int) -> list[int]:
    """``total`` cut into ``parts`` non-negative integers that add up to it."""
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(bounds)]


def _minutes(minutes: int) -> Duration:
    if minutes % (MINUTES_PER_WORKING_DAY // 2) == 0:
        return Duration.working_days(minutes / MINUTES_PER_WORKING_DAY)
    return Duration.working_hours(minutes / 60)


def _budgets(draw: st.DrawFn, limit: Duration) -> list[Duration]:
    """Step budgets that add up to ``limit`` (or fit in a same-day limit's working day)."""
    if limit.kind is _K.SAME_DAY:
        minutes, days = draw(st.integers(0, MINUTES_PER_WORKING_DAY)), 0
    else:
        parts = limit.phases or (limit,)
        minutes = sum(p.working_minutes or 0 for p in parts)
        days = sum(int(p.amount) for p in parts if p.kind is _K.CALENDAR_DAYS)
    steps = draw(st.integers(1, 3))
    budgets = [_minutes(m) for m in _split(draw, minutes, steps)] if minutes or not days else []
    if days:
        budgets += [Duration.calendar_days(d) for d in _split(draw, days, draw(st.integers(1, 2)))]
    return budgets


def duration_data(draw: st.DrawFn, duration: Duration) -> Any:
    """A duration as a file writes it: English text, Vietnamese text, or structured."""
    form = draw(_FORMS_OF_DURATION)
    return duration.to_data() if form == "data" else duration.format(form)


def _case(
    draw: st.DrawFn, case_id: str, time_limits: st.SearchStrategy[Duration], channels: list[str]
) -> dict[str, Any]:
    limit = draw(time_limits)
    case: dict[str, Any] = {"id": case_id, "name": draw(texts(("Trường hợp thông thường",)))}
    if draw(st.booleans()):
        case["when"] = draw(texts(("Cần xác minh",)))
    case["time_limit"] = duration_data(draw, limit)
    by_channel = draw(_subsets(tuple(channels)))
    if by_channel:
        case["time_limit_by_channel"] = {
            c: duration_data(draw, draw(time_limits)) for c in by_channel
        }
    if draw(st.booleans()):
        case["legal_basis"] = [_legal_basis(draw)]
    if limit.kind not in (_K.IMMEDIATE, _K.NONE) and draw(st.booleans()):
        budgets = _budgets(draw, limit)
        names = draw(st.permutations(_STEPS))
        case["process"] = [
            {"name": names[i % len(names)] + ("" if i < len(names) else f" {i}"),
             "unit": draw(texts(("Bộ phận một cửa",))),
             "budget": duration_data(draw, budget)}
            for i, budget in enumerate(budgets)
        ]  # fmt: skip
    return case


def _legal_basis(draw: st.DrawFn) -> dict[str, Any]:
    basis: dict[str, Any] = {"document": draw(texts(_DOCUMENTS))}
    article = draw(_ARTICLES)
    if article is not None:
        basis["article"] = article
    return basis


def _fee(draw: st.DrawFn) -> dict[str, Any]:
    fee: dict[str, Any] = {
        "name": draw(texts(("Lệ phí đăng ký", "Phí chứng thực"))),
        "kind": draw(st.sampled_from(("fee", "charge"))),
    }
    way = draw(st.sampled_from(("amount", "per_page", "set_by")))
    if way == "amount":
        fee["amount"] = draw(st.integers(0, 1_000_000))
        fee["per"] = draw(st.sampled_from(("dossier", "copy", "page")))
    elif way == "per_page":
        starts = sorted(draw(st.sets(st.integers(2, 20), max_size=2)))
        fee["per_page"] = [
            {"from_page": page, "amount": draw(st.integers(0, 5000))} for page in [1, *starts]
        ]
        if draw(st.booleans()):
            fee["max_per_copy"] = draw(st.integers(0, 200_000))
    else:
        fee["set_by"] = "Hội đồng nhân dân cấp tỉnh"
    return fee


def _documents(draw: st.DrawFn, forms: list[str], cases: list[str]) -> list[dict[str, Any]]:
    documents = []
    ids = iter(draw(_DOCUMENT_IDS))
    for _ in range(draw(st.integers(0, 3))):
        document: dict[str, Any] = {"name": draw(texts(("Tờ khai", "Giấy tờ tùy thân")))}
        document_id = next(ids, None)
        if document_id is not None:
            document["id"] = document_id
        how = draw(_HOW)
        document[how] = True if how == "presented" else draw(st.integers(1, 3))
        if not draw(st.booleans()):
            document["mandatory"] = False
        with_form: bool = draw(st.booleans())
        if forms and with_form:
            document["form"] = draw(st.sampled_from(tuple(forms)))
        chosen = draw(_subsets(tuple(cases)))
        if chosen:
            document["cases"] = chosen
        documents.append(document)
    return documents


def procedure_data(
    draw: st.DrawFn,
    *,
    code: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    time_limits: st.SearchStrategy[Duration],
    max_cases: int,
) -> dict[str, Any]:
    """One valid procedure version as plain data."""
    channels = draw(_subsets(_CHANNELS, min_size=1))
    levels: tuple[str, ...] = ("commune", "province", "central")
    if valid_to is not None and valid_to <= DISTRICT_END:
        levels += ("district",)
    data: dict[str, Any] = {
        "code": code,
        "name": draw(texts(_NAMES)),
        "field": draw(texts(_FIELDS)),
        "level": draw(st.sampled_from(levels)),
        "agency": draw(texts(_AGENCIES)),
        "valid_from": valid_from,
    }
    if valid_to is not None:
        data["valid_to"] = valid_to
    data["channels"] = channels
    if "online" in channels and draw(st.booleans()):
        data["online_level"] = draw(_ONLINE_LEVELS)
    data["result"] = draw(texts(_RESULTS))
    ids = draw(st.lists(_IDS, min_size=1, max_size=max_cases, unique=True))
    cases = [_case(draw, case_id, time_limits, channels) for case_id in ids]
    if len(cases) > 1 and draw(st.booleans()):
        cases[draw(st.integers(0, len(cases) - 1))]["default"] = True
    data["cases"] = cases
    forms = draw(_FORM_IDS)
    documents = _documents(draw, forms, ids)
    if documents:
        data["documents"] = documents
    if forms:
        data["forms"] = [{"id": f, "name": draw(texts(("Tờ khai đăng ký",)))} for f in forms]
    fees = [_fee(draw) for _ in range(draw(st.integers(0, 2)))]
    if fees:
        data["fees"] = fees
    data["legal_basis"] = [_legal_basis(draw) for _ in range(draw(st.integers(1, 2)))]
    return data


def shorter(draw: st.DrawFn, statutory: Duration, *, whole_days: bool = False) -> Duration | None:
    """A limit never longer than ``statutory`` for any receipt, in its unit; ``None`` if none.

    The catalogue accepts a local limit only when it can tell so (same unit, or a shape that
    is always shorter); these are the ones it can tell. With ``whole_days``, working days
    are shortened in whole days (as phases need to stay countable).
    """
    kind = statutory.kind
    if kind in (_K.WORKING_DAYS, _K.WORKING_HOURS, _K.CALENDAR_DAYS):
        steps = {_K.WORKING_DAYS: 1 if whole_days else 2, _K.WORKING_HOURS: 60}.get(kind, 1)
        units = draw(st.integers(0, int(statutory.amount * steps + 1e-9)))
        return Duration(kind, units / steps)
    if kind is _K.SAME_DAY:
        cutoff = statutory.cutoff
        if cutoff is None:
            return Duration.same_day()
        later = draw(st.integers(cutoff.hour * 60 + cutoff.minute, 23 * 60 + 59))
        return Duration.same_day(cutoff=draw(st.none() | st.just(dt.time(*divmod(later, 60)))))
    if kind is _K.IMMEDIATE:
        return Duration.immediate()
    if kind is _K.NONE:
        return None
    # Phases: each part shortened (a part is never a phase or "none", so never None here).
    return Duration.sequence(
        *(cast("Duration", shorter(draw, p, whole_days=True)) for p in statutory.phases)
    )


def overlay_data(
    draw: st.DrawFn, national: dict[str, Any], statutory: dict[str, Duration], suffix: str
) -> dict[str, Any]:
    """An overlay of the ``national`` version (plain data) that shortens some of its limits.

    ``statutory`` maps each case id to its parsed time limit.
    """
    start = national["valid_from"] + draw(st.integers(0, 365)) * _ONE_DAY
    end = national.get("valid_to")
    if end is not None:
        start = min(start, end)
    overlay: dict[str, Any] = {
        "extends": national["code"],
        "code": f"{national['code']}.{suffix}",
        "authority": draw(texts(("Ủy ban nhân dân tỉnh Ví Dụ",))),
        "decision": {"document": "Quyết định 123/QĐ-UBND (example)"},
        "valid_from": start,
    }
    if end is not None:
        overlay["valid_to"] = end
    overlay["example"] = True
    cases: dict[str, Any] = {}
    for case_id in draw(st.lists(st.sampled_from(sorted(statutory)), unique=True)):
        local = shorter(draw, statutory[case_id])
        if local is not None:
            cases[case_id] = {"time_limit": duration_data(draw, local)}
    if cases:
        overlay["cases"] = cases
    return overlay
