"""Special files are reported, not read; a file that is not the expected kind is not quoted.

Each command runs in a subprocess with a timeout, so a regression fails instead of hanging.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tthc import CalendarFileError, CatalogError, load_calendar, load_catalog
from tthc.catalog import parse_catalog

SECRET = "https://bot:ghp_SECRET@github.com"


def tthc(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tthc", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "cat" / "x.yaml"
    path.parent.mkdir()
    os.mkfifo(path)
    return path


def test_a_fifo_in_a_folder_or_named_is_reported_not_waited_on(fifo: Path) -> None:
    for target in (fifo.parent, fifo):
        done = tthc("validate", target)
        assert done.returncode == 1
        assert done.stdout == (
            f"{fifo}: not a regular file: this is a FIFO (named pipe); it was not read\n"
        )


@pytest.mark.parametrize("device", ["/dev/urandom", "/dev/zero"])
def test_a_device_named_or_linked_is_reported_not_read(tmp_path: Path, device: str) -> None:
    link = tmp_path / "z.yaml"
    link.symlink_to(device)
    for target in (device, link, tmp_path):
        done = tthc("validate", target)
        assert done.returncode == 1
        assert "not a regular file: this is a character device; it was not read" in done.stdout
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_calendar_option_naming_a_device_is_an_error(device: str) -> None:
    done = tthc("calendar", "2026", "--calendar", device)
    assert done.returncode == 1
    assert f"{device}: not a regular file: this is a character device" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_calendar_fifo_is_an_error_not_a_hang(fifo: Path) -> None:
    with pytest.raises(CalendarFileError, match="FIFO"):
        load_calendar(fifo)


def test_a_socket_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(CatalogError, match="this is a socket; it was not read"):
            load_catalog(tmp_path)


def test_a_file_replaced_by_a_fifo_after_the_look_is_not_waited_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("procedures: []\n", encoding="utf-8")
    real_open = os.open

    def swap_then_open(name: str, flags: int, *args: int) -> int:
        os.unlink(name)
        os.mkfifo(name)
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", swap_then_open)
    with pytest.raises(CatalogError, match="this is a FIFO"):
        load_catalog(path)


@pytest.mark.parametrize(
    "text",
    [
        f"{SECRET}\n",  # one plain value
        f"token: {SECRET}\nuser: bot\n",  # a mapping of other keys
        f"- {SECRET}\n",  # a list
        f"'{SECRET}\n",  # not even YAML: an unterminated quote
        f"{SECRET}: 1\n{SECRET}: 2\n",  # a duplicate key
    ],
)
def test_a_link_to_some_other_text_file_never_shows_its_content(tmp_path: Path, text: str) -> None:
    secret = tmp_path / "credentials"
    secret.write_text(text, encoding="utf-8")
    (tmp_path / "cat").mkdir()
    (tmp_path / "cat" / "linked.yaml").symlink_to(secret)
    calendar = tmp_path / "linked-calendar.yaml"
    calendar.symlink_to(secret)
    for done in (
        tthc("validate", tmp_path / "cat"),
        tthc("calendar", "2026", "--calendar", calendar),
    ):
        assert done.returncode == 1
        assert "ghp_SECRET" not in done.stdout + done.stderr
        assert "Traceback" not in done.stderr


def test_a_non_catalogue_file_says_what_kind_of_thing_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    for text, held in [
        ("just words\n", "text"),
        ("- 1\n", "a list"),
        ("42\n", "a number"),
        ("2026-01-01\n", "a date"),
        ("yes: true\nno: false\n", "a mapping with none of these keys (2 other keys)"),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(CatalogError) as caught:
            load_catalog(path)
        (issue,) = caught.value.issues
        assert issue.message.endswith(f"this file holds {held}")
        assert (issue.line, issue.column, issue.code) == (1, 1, "not-a-catalogue")


def test_a_typo_in_a_root_key_is_still_a_catalogue_with_a_hint() -> None:
    with pytest.raises(CatalogError, match="unknown field 'procedure'; did you mean 'procedures'"):
        parse_catalog("procedure: []\n")
