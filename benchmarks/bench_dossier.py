"""A dossier life (reception plus five events) in tthc and in the `transitions` package.

The life: reception of a 3-working-day dossier, forwarding to a step, a supplement request,
the supplement (the clock resumes: the due date moves by the paused working time), result
ready, result returned. Both sides get the same pre-built events (as an embedding service
decodes them from storage) and do the same work: compute the deadline at reception, measure
the paused working time and move the due date with the calendar, keep the history, a
version and the applied ids, and refuse what the machine does not allow. The `transitions`
side uses its cheapest setup: one `Machine` built once, each dossier added as a model.
"""

from __future__ import annotations

import datetime as dt

from benchmarks._harness import Result, interleaved, per_call


def _events():  # type: ignore[no-untyped-def]
    from tthc import (
        Duration,
        Forwarding,
        Reception,
        ResultReady,
        ResultReturn,
        SupplementReceipt,
        SupplementRequest,
    )

    t = dt.datetime
    return [
        Reception(
            id="1",
            at=t(2026, 3, 2, 9),
            actor="desk",
            procedure="1.004873",
            time_limit=Duration.working_days(3),
        ),
        Forwarding(id="2", at=t(2026, 3, 2, 10), actor="desk", step="thẩm định"),
        SupplementRequest(id="3", at=t(2026, 3, 3, 16), actor="clerk"),
        SupplementReceipt(id="4", at=t(2026, 3, 4, 8), actor="desk"),
        ResultReady(id="5", at=t(2026, 3, 5, 10), actor="chief"),
        ResultReturn(id="6", at=t(2026, 3, 5, 14), actor="desk", channel="counter"),
    ]


def _transitions_life(vn, events):  # type: ignore[no-untyped-def]
    """The same life modelled with `transitions`: states, triggers and callbacks."""
    from transitions import Machine

    from tthc import compute_deadline

    class Model:
        def __init__(self) -> None:
            self.history: list[object] = []
            self.ids: set[str] = set()
            self.deadline = None
            self.due_at: dt.datetime | None = None
            self.paused_since: dt.datetime | None = None
            self.step: str | None = None
            self.finished_at: dt.datetime | None = None
            self.returned_at: dt.datetime | None = None

        def on_receive(self, event) -> None:  # type: ignore[no-untyped-def]
            self.deadline = compute_deadline(
                event.time_limit, event.at, calendar=vn, case=event.case, channel=event.channel
            )
            self.due_at = self.deadline.due_at

        def on_forward(self, event) -> None:  # type: ignore[no-untyped-def]
            self.step = event.step

        def on_pause(self, event) -> None:  # type: ignore[no-untyped-def]
            self.paused_since = event.at

        def on_resume(self, event) -> None:  # type: ignore[no-untyped-def]
            paused = vn.working_time_between(self.paused_since, event.at)
            self.due_at = vn.add_working_time(self.due_at, paused)
            self.paused_since = None

        def on_ready(self, event) -> None:  # type: ignore[no-untyped-def]
            self.finished_at = event.at

        def on_return(self, event) -> None:  # type: ignore[no-untyped-def]
            self.returned_at = event.at

    machine = Machine(
        model=None,
        states=["new", "received", "processing", "supplement", "ready", "returned"],
        transitions=[
            {"trigger": "receive", "source": "new", "dest": "received", "after": "on_receive"},
            {
                "trigger": "forward",
                "source": ["received", "processing"],
                "dest": "processing",
                "after": "on_forward",
            },
            {
                "trigger": "ask",
                "source": ["received", "processing"],
                "dest": "supplement",
                "after": "on_pause",
            },
            {
                "trigger": "supply",
                "source": "supplement",
                "dest": "processing",
                "after": "on_resume",
            },
            {"trigger": "ready", "source": "processing", "dest": "ready", "after": "on_ready"},
            {"trigger": "give", "source": "ready", "dest": "returned", "after": "on_return"},
        ],
        initial="new",
        auto_transitions=False,
        send_event=False,
    )
    triggers = ["receive", "forward", "ask", "supply", "ready", "give"]
    pairs = list(zip(triggers, events, strict=True))

    def life() -> None:
        model = Model()
        machine.add_model(model)
        for trigger, event in pairs:
            if event.id in model.ids:
                continue
            getattr(model, trigger)(event)
            model.history.append(event)
            model.ids.add(event.id)
        machine.remove_model(model)

    return life


def run(quick: bool) -> list[Result]:
    from tthc import Dossier, WorkingCalendar

    vn = WorkingCalendar.vietnam()
    events = _events()
    lives = 2_000 if quick else 20_000

    def tthc_lives() -> None:
        for _ in range(lives):
            dossier = Dossier(calendar=vn)
            for event in events:
                dossier.apply(event)

    def tthc_lives_building_events() -> None:
        for _ in range(lives // 4):
            dossier = Dossier(calendar=vn)
            for event in _events():
                dossier.apply(event)

    check = Dossier(calendar=vn)
    for event in events:
        check.apply(event)
    assert check.status is not None
    assert check.status.name == "RETURNED"
    assert check.due_at == dt.datetime(2026, 3, 6, 9, 0)

    one_life = _transitions_life(vn, events)
    transition_lives = max(200, lives // 20)

    def transitions_lives() -> None:
        for _ in range(transition_lives):
            one_life()

    # The two sides alternate, repeat by repeat, so a busy machine slows both alike.
    t_tthc, t_transitions = interleaved(
        (tthc_lives, lives), (transitions_lives, transition_lives), repeat=7
    )
    t_built = per_call(tthc_lives_building_events, calls=lives // 4)
    return [
        Result(
            "dossier life: new Dossier, reception + 5 pre-built events applied "
            "(deadline, supplement pause, history)",
            "per life",
            t_tthc,
            {"transitions.Machine, same life and callbacks": t_transitions},
            target="<= 20 µs and >= 3x transitions",
            passed=t_tthc <= 20e-6 and t_transitions / t_tthc >= 3,
        ),
        Result(
            "dossier life as above, building the six event objects too",
            "per life",
            t_built,
            target="(information: event construction included)",
        ),
    ]
