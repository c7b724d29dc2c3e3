"""`tthc validate` output options: --format text|json|github, -q, -v and --color."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tthc.catalog import load_catalog
from tthc.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from tthc.cli._issues import ColorChoice, github_annotation, use_color
from tthc.errors import Issue

FEES = "tests/catalog/examples/invalid/fees.yaml"
VALID = "tests/catalog/examples/valid"
ANSI = "\x1b["


@pytest.fixture(autouse=True)
def at_repo_root(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    monkeypatch.delenv("NO_COLOR", raising=False)


def expected_lines(example: str) -> list[str]:
    return Path(example).with_suffix(".expected").read_text(encoding="utf-8").splitlines()


class Terminal(io.StringIO):
    """A captured stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_github_format_is_one_error_command_per_issue(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "github", FEES]) == EXIT_INVALID
    out, err = capsys.readouterr()
    commands = out.splitlines()
    assert len(commands) == len(expected_lines(FEES)) == 5
    assert commands[-1] == (
        f"::error file={FEES},line=18,col=36,title=not-one-of::"
        "procedures.0.fees.4.kind: expected one of 'fee' or 'charge', got 'tax'"
    )
    assert all(c.startswith(f"::error file={FEES},line=") for c in commands)
    assert err == "5 problems found\n"


def test_github_commands_escape_what_would_end_them_early() -> None:
    issue = Issue("100% wrong,\nsee: here", file="a,b:c.yaml", line=1, path=("x",), code="t:1")
    assert github_annotation(issue) == (
        "::error file=a%2Cb%3Ac.yaml,line=1,title=t%3A1::x: 100%25 wrong,%0Asee: here"
    )


def test_github_format_without_problems_prints_the_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "--format", "github", VALID]) == EXIT_OK
    assert capsys.readouterr().out == "valid: 3 procedure versions, 1 overlays\n"


def test_quiet_prints_only_the_summary_and_nothing_when_valid(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "-q", FEES]) == EXIT_INVALID
    assert capsys.readouterr() == ("", "5 problems found\n")
    assert main(["validate", "--quiet", VALID]) == EXIT_OK
    assert capsys.readouterr() == ("", "")


def test_quiet_keeps_github_annotations_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "-q", "--format", "github", FEES]) == EXIT_INVALID
    assert capsys.readouterr().out.count("::error ") == 5
    assert main(["validate", "-q", "--format", "json", FEES]) == EXIT_INVALID
    assert len(json.loads(capsys.readouterr().out)["issues"]) == 5


def test_verbose_adds_codes_and_the_catalogues_notes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "-v", FEES]) == EXIT_INVALID
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{line} [{code}]"
        for line, code in zip(
            expected_lines(FEES),
            ["invalid", "invalid", "invalid", "invalid", "not-one-of"],
            strict=True,
        )
    ]

    assert main(["validate", "--verbose", "catalog/"]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    catalog = load_catalog("catalog/")
    unverified = sum(len(p.unverified) for p in catalog)
    examples = [o for o in catalog.overlays if o.example]
    notes = [line for line in out if line.startswith("note: ")]
    assert len(notes) == unverified + len(examples) > 0
    assert out[-1] == f"valid: {len(catalog)} procedure versions, {len(catalog.overlays)} overlays"

    assert main(["validate", "-v", "--format", "github", "catalog/"]) == EXIT_OK
    assert capsys.readouterr().out.count("::notice title=note::") == len(notes)


def test_quiet_and_verbose_together_are_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "-q", "-v", VALID]) == EXIT_USAGE
    assert "not allowed with" in capsys.readouterr().err


def test_color_always_and_never(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--color", "always", FEES]) == EXIT_INVALID
    out, err = capsys.readouterr()
    first = out.splitlines()[0]
    assert first.startswith(f"\x1b[1m{FEES}:12:9:\x1b[0m\x1b[31m procedures.0.fees.0: say how")
    assert err == "\x1b[31m5 problems found\x1b[0m\n"
    assert main(["validate", "--color", "never", FEES]) == EXIT_INVALID
    out, err = capsys.readouterr()
    assert ANSI not in out + err
    assert main(["validate", "--color", "always", "--format", "github", FEES]) == EXIT_INVALID
    assert ANSI not in capsys.readouterr().out  # annotations are read by the runner


def test_color_auto_follows_the_terminal_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["validate", VALID]) == EXIT_OK
    assert terminal.getvalue() == "\x1b[32mvalid: 3 procedure versions, 1 overlays\x1b[0m\n"

    monkeypatch.setenv("NO_COLOR", "1")
    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["validate", "--color", "auto", VALID]) == EXIT_OK
    assert ANSI not in terminal.getvalue()


@pytest.mark.parametrize(
    ("choice", "tty", "no_color", "expected"),
    [
        (ColorChoice.AUTO, True, None, True),
        (ColorChoice.AUTO, True, "", True),  # an empty NO_COLOR does not count (no-color.org)
        (ColorChoice.AUTO, True, "1", False),
        (ColorChoice.AUTO, False, None, False),
        (ColorChoice.ALWAYS, False, "1", True),
        (ColorChoice.NEVER, True, None, False),
    ],
)
def test_when_to_colour(
    choice: ColorChoice, tty: bool, no_color: str | None, expected: bool
) -> None:
    stream = Terminal() if tty else io.StringIO()
    environ = {} if no_color is None else {"NO_COLOR": no_color}
    assert use_color(choice, stream, environ) is expected


def test_an_unknown_format_or_colour_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "sarif", VALID]) == EXIT_USAGE
    assert main(["validate", "--color", "blue", VALID]) == EXIT_USAGE
    assert "invalid choice: 'blue'" in capsys.readouterr().err
