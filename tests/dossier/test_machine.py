"""The transition table: checked at import, drawn into the docs, every problem reported."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from tthc.dossier import (
    EDGES,
    EVENT_TYPES,
    PORTAL_CODES,
    PREVIOUS,
    TERMINAL,
    DossierStatus,
    Edge,
    OnlineSubmission,
    Reception,
    ResultReady,
    Stop,
    SupplementReceipt,
    _table,
    check_machine,
    mermaid,
    update_docs,
)
from tthc.dossier.__main__ import main
from tthc.errors import DossierError

S = DossierStatus
DOCS = Path(__file__).resolve().parents[2] / "docs" / "dossier.md"


def test_the_shipped_table_has_no_problem():
    assert check_machine(EDGES) == []


def test_every_state_has_a_portal_code_from_1_to_10_and_every_code_a_state():
    """DVCQG TrangThaiHoSo 1-10 (docs/sources.md, "How one-stop systems count")."""
    assert set(PORTAL_CODES) == set(DossierStatus)
    assert sorted(set(PORTAL_CODES.values())) == list(range(1, 11))
    assert {s.portal_code for s in (S.AT_OTHER_AGENCY, S.IN_POSTAL_DELIVERY)} == {4, 9}
    assert S.WITHDRAWAL_REQUESTED.portal_code == S.WITHDRAWN.portal_code == 7
    assert S.SUPPLEMENT_REQUESTED.label_vi == "Yêu cầu bổ sung giấy tờ"


def test_a_state_nobody_reaches_is_reported():
    edges = [e for e in EDGES if e.target is not S.IN_POSTAL_DELIVERY]
    assert "IN_POSTAL_DELIVERY: not reachable from the start" in check_machine(edges)


def test_an_exit_from_a_terminal_state_is_reported():
    edges = [*EDGES, Edge(S.RETURNED, ResultReady, S.RESULT_READY)]
    assert check_machine(edges) == ["RETURNED: terminal, but has an exit"]


def test_a_dead_end_is_reported():
    edges = [e for e in EDGES if e.source is not S.IN_POSTAL_DELIVERY]
    assert "IN_POSTAL_DELIVERY: not terminal, but has no exit to another state" in check_machine(
        edges
    )


def test_a_missing_or_wrong_portal_code_is_reported():
    codes = {s: c for s, c in PORTAL_CODES.items() if s is not S.STOPPED}
    assert check_machine(EDGES, portal_codes=codes) == [
        "STOPPED: no portal code",
        "portal codes [8] have no state",
    ]
    codes[S.STOPPED] = 11
    assert "STOPPED: portal code 11 is outside 1-10" in check_machine(EDGES, portal_codes=codes)


def test_a_duplicate_row_an_unused_event_and_a_return_to_nowhere_are_reported():
    edges = [
        *(e for e in EDGES if e.event is not Stop),
        Edge(None, OnlineSubmission, S.SUBMITTED),
        Edge(None, SupplementReceipt, PREVIOUS),
        Edge(S.RETURNED, ResultReady, S.RESULT_READY),
    ]
    problems = check_machine(edges)
    assert "start: OnlineSubmission has two rows" in problems
    assert "Stop: no row uses it" in problems
    assert "start: SupplementReceipt returns to the previous state, but nothing enters it" in (
        problems
    )
    assert "RETURNED: terminal, but has an exit" in problems


def test_every_problem_is_reported_not_only_the_first():
    problems = check_machine([Edge(None, Reception, S.RECEIVED)])
    assert len(problems) > len(DossierStatus)


def test_a_broken_table_fails_the_import(monkeypatch):
    monkeypatch.setattr(_table, "EDGES", (*EDGES, Edge(S.STOPPED, Stop, S.STOPPED)))
    with pytest.raises(DossierError, match=r"1 problem\(s\)\n  STOPPED: terminal, but has an exit"):
        _table._check_at_import()


def test_terminal_states_are_the_four_final_portal_statuses():
    assert {s.portal_code for s in TERMINAL} == {3, 7, 8, 10}
    assert all(e.source not in TERMINAL for e in EDGES)


def test_every_event_type_has_a_row():
    assert {e.event for e in EDGES} == set(EVENT_TYPES.values())


def test_the_docs_diagram_and_tables_are_generated_from_the_table():
    text = DOCS.read_text(encoding="utf-8")
    assert update_docs(text) == text, "run: python -m tthc.dossier --write docs/dossier.md"
    assert f"```mermaid\n{mermaid()}\n```" in text


def test_the_diagram_has_every_state_every_edge_and_every_end():
    diagram = mermaid()
    for status in DossierStatus:
        assert f'state "{status.portal_code} ' in diagram
    assert "    [*] --> SUBMITTED : OnlineSubmission" in diagram
    assert "    SUPPLEMENT_REQUESTED --> PROCESSING : SupplementReceipt" in diagram
    assert "    RETURNED --> [*]" in diagram


def test_update_docs_refuses_unknown_or_missing_blocks():
    with pytest.raises(ValueError, match="unknown generated block 'nope'"):
        update_docs("<!-- generated:nope -->\n<!-- /generated:nope -->")
    with pytest.raises(ValueError, match="no generated block for events, mermaid, states"):
        update_docs("nothing here")


def test_the_command_prints_checks_and_writes(tmp_path, capsys):
    assert main([]) == 0
    assert capsys.readouterr().out.startswith("stateDiagram-v2")
    stale = tmp_path / "dossier.md"
    stale.write_text(
        DOCS.read_text(encoding="utf-8").replace("| `SUBMITTED` | 1 |", "| `SUBMITTED` | 9 |"),
        encoding="utf-8",
    )
    assert main(["--check", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["--write", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == DOCS.read_text(encoding="utf-8")
    assert main(["--write", str(stale)]) == 0  # already up to date: unchanged
    assert main(["--check", str(stale)]) == 0
    assert main(["--bogus"]) == 2


def test_python_dash_m_runs_the_command():
    out = subprocess.run(
        [sys.executable, "-m", "tthc.dossier"], check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == mermaid()


def test_edges_are_immutable_rows():
    with pytest.raises(dataclasses.FrozenInstanceError):
        EDGES[0].target = S.RETURNED  # type: ignore[misc]
