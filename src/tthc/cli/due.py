"""``tthc due CODE --received ...``: the appointment date of a procedure, explained.

Every time printed is Vietnam local time, as the explanation's are: naive when the receipt
time was given naive, with its ``+07:00`` offset when it was given with a zone (``Z``,
``+00:00``...), so a time never appears in two zones in one answer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
from pathlib import Path
from typing import Any

from tthc._localtime import VIETNAM_TZ, to_local
from tthc.cli._common import (
    add_calendar_option,
    add_lang_option,
    bundled_catalog_path,
    iso_datetime,
    load_calendar_option,
)

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``due`` sub-command."""
    from tthc.deadlines import POLICIES  # noqa: PLC0415  (keeps --help fast)

    parser = subparsers.add_parser(
        "due",
        help="compute the due date of a procedure received at a given time",
        description=(
            "Compute when the result of a dossier is due, under a named policy, and explain "
            "the days counted and skipped."
        ),
    )
    parser.add_argument("code", metavar="CODE", help="procedure code, e.g. 1.000894")
    parser.add_argument(
        "--received",
        required=True,
        type=iso_datetime,
        metavar="DATETIME",
        help="receipt time, ISO 8601 (2026-02-12T10:00); naive means Vietnam local time",
    )
    parser.add_argument("--case", help="the procedure's case, when it has several")
    parser.add_argument("--channel", choices=("counter", "online", "postal"))
    parser.add_argument("--policy", choices=sorted(POLICIES), default="civil-code")
    parser.add_argument(
        "--catalog",
        type=Path,
        default=None,
        metavar="PATH",
        help="catalogue file or folder (default: the bundled catalogue)",
    )
    add_calendar_option(parser)
    add_lang_option(parser, what="the explanation")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Compute and print the deadline."""
    from tthc.catalog import load_catalog  # noqa: PLC0415
    from tthc.deadlines import POLICIES, compute_deadline  # noqa: PLC0415

    received: dt.datetime = args.received
    if args.catalog is not None and not args.catalog.exists():  # a usage error, as elsewhere
        raise FileNotFoundError(errno.ENOENT, "no such file or folder", str(args.catalog))
    calendar = load_calendar_option(args.calendar)
    catalog = load_catalog(args.catalog or bundled_catalog_path())
    # The version in force on the day of receipt in Vietnam, whatever zone the time was given in.
    procedure = catalog.get(args.code, on=to_local(received).date())
    deadline = compute_deadline(
        procedure,
        received,
        calendar=calendar,
        case=args.case,
        channel=args.channel,
        policy=POLICIES[args.policy],
    )
    if args.format == "json":
        data = _as_json(deadline, procedure.name, aware=received.tzinfo is not None)
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    aware = received.tzinfo is not None
    due_at = _local(deadline.due_at, aware=aware)
    due = "—" if due_at is None else due_at.isoformat(sep=" ", timespec="minutes")
    if deadline.estimated:
        due += " (ước tính)" if args.lang == "vi" else " (estimated)"
    print(f"{procedure.code} {procedure.name}")
    print(f"{'Hẹn trả' if args.lang == 'vi' else 'Due'}: {due}")
    print(deadline.explain(args.lang))
    return 0


def _local(value: dt.datetime | None, *, aware: bool) -> dt.datetime | None:
    """``value`` in Vietnam local time: naive, or with the +07:00 offset when ``aware``."""
    if value is None:
        return None
    local = to_local(value)
    return local.replace(tzinfo=VIETNAM_TZ) if aware else local


def _as_json(deadline: Any, name: str, *, aware: bool) -> dict[str, Any]:
    def _iso(value: dt.date | dt.datetime | None) -> str | None:
        if isinstance(value, dt.datetime):
            value = _local(value, aware=aware)
        return None if value is None else value.isoformat()

    window = deadline.window
    return {
        "procedure": deadline.procedure,
        "name": name,
        "case": deadline.case,
        "channel": deadline.channel,
        "time_limit": str(deadline.duration),
        "policy": deadline.policy.name,
        "received_at": _iso(deadline.received_at),
        "counting_from": _iso(deadline.counting_from),
        "due_at": _iso(deadline.due_at),
        "due_date": _iso(deadline.due_date),
        "window": None if window is None else [_iso(window[0]), _iso(window[1])],
        "estimated": deadline.estimated,
        "estimated_years": list(deadline.estimated_years),
        "trace": [
            {"kind": s.kind.value, "at": _iso(s.at), "en": s.note_en, "vi": s.note_vi}
            for s in deadline.trace
        ],
        "explanation": {"vi": deadline.explain("vi"), "en": deadline.explain("en")},
    }
