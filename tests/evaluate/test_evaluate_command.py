"""``eventwire evaluate``: files or folders, the real-news gold, output that fits the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.cli import main

GOLD = Path(__file__).resolve().parents[1] / "gold"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


def test_a_folder_of_document_gold_is_read(capsys, shared: Path) -> None:
    code, out, _ = run(capsys, "evaluate", str(GOLD / "seeds"))
    assert code == 0 and "documents: precision" in out


def test_a_missing_gold_path_is_named(capsys) -> None:
    code, _, err = run(capsys, "evaluate", "no/such/gold")
    assert code == 2 and "gold file or folder not found: no/such/gold" in err


def test_an_empty_folder_says_what_it_lacks(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "evaluate", str(tmp_path))
    assert code == 2 and "no gold files (.json, .jsonl)" in err


def test_the_real_news_dev_split_fits_80_columns(capsys, monkeypatch, shared: Path) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    from eventwire import cli
    monkeypatch.setattr(cli.out, "_width", 80)
    code, out, _ = run(capsys, "evaluate", str(GOLD / "voa" / "dev.jsonl"))
    assert code == 0
    assert "real news: 728 sentences" in out and "expected calibration error" in out
    assert "end to end" in out and "most frequent confusions" in out
    assert max(len(line) for line in out.splitlines()) <= 80
