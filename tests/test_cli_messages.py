"""What the command line says when the user types something it cannot do (issue 25):
each message names what was typed."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import pytest

from eventwire.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


@pytest.mark.parametrize("argv, message", [
    (["events", "--colour", "red"], "`eventwire events` has no option --colour; its options are "
                                    "listed by `eventwire events --help`"),
    (["events", "--limt", "3"], "`eventwire events` has no option --limt; did you mean --limit?"),
    (["series", "--dyad", "CHN-USA", "--frq", "week"], "`eventwire series` has no option --frq; "
                                                        "did you mean --freq?"),
    (["--verbose"], "`eventwire` has no option --verbose; its options are listed by `eventwire --help`"),
])
def test_an_unknown_option_is_named_with_the_commands_options_that_look_like_it(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert " ".join(err.split()) == f"error: {message}"
    assert "--actor" not in err  # Click offered --actor for --colour


@pytest.mark.parametrize("command", [["events"], ["docs"]])
def test_a_negative_limit_is_named_and_no_offset_is_mentioned(capsys, demo_db, command):
    code, _, err = run(capsys, *command, "--db", demo_db, "--limit", "-1")
    assert code == 2
    assert "--limit -1 is below zero" in err and "offset" not in err


def test_the_library_says_which_of_limit_and_offset_is_wrong(demo_db):
    from eventwire.errors import UsageError
    from eventwire.store import open_store
    with open_store(demo_db, create=False) as store:
        with pytest.raises(UsageError, match=r"^offset -5 is below zero"):
            store.events(offset=-5)
        with pytest.raises(UsageError, match=r"^limit -2 is below zero"):
            store.documents(limit=-2)


def _in_a_terminal(*argv: str) -> tuple[int, bytes, str]:
    """Run eventwire with its standard output on a pseudo-terminal, as a user at a
    prompt does; what reached the terminal, and the standard error."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "eventwire", *argv], stdout=follower,
                              stderr=subprocess.PIPE, text=True, timeout=120)
        shown = b""
        while select.select([leader], [], [], 0.2)[0]:
            chunk = os.read(leader, 65536)
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(follower)
        os.close(leader)
    return done.returncode, shown, done.stderr


def test_parquet_is_not_written_to_a_terminal(demo_db, tmp_path):
    code, shown, err = _in_a_terminal("export", "--db", demo_db, "--format", "parquet")
    assert code == 2 and shown == b""
    assert "--format parquet is binary" in err and "--output" in err
    # to a file, or through a pipe, it is written
    code, _, _ = _in_a_terminal("export", "--db", demo_db, "--format", "parquet", "-o",
                                str(tmp_path / "e.parquet"))
    assert code == 0 and (tmp_path / "e.parquet").read_bytes()[:4] == b"PAR1"
    piped = subprocess.run([sys.executable, "-m", "eventwire", "export", "--db", demo_db,
                            "--format", "parquet"], capture_output=True, timeout=120)
    assert piped.returncode == 0 and piped.stdout[:4] == b"PAR1"
