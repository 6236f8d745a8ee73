"""Expanding folders: recursive, sorted, hidden files and sidecars skipped."""

from __future__ import annotations

import os
from pathlib import Path

from eventwire.ingest import iter_files
from eventwire.records import InputProblem


def _tree(root: Path) -> None:
    for name in ("b.txt", "a.txt", "sub/z.html", "sub/deeper/c.txt", "sub/a.jsonl",
                 ".hidden.txt", ".git/config", "a.txt.meta.json", "sub/deeper/c.txt.meta.json"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}" if name.endswith(".json") else "Talks resumed.")


def test_nested_folders_sorted_without_hidden_and_sidecars(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = list(iter_files([str(tmp_path)]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.txt", "b.txt", "sub/a.jsonl", "sub/deeper/c.txt", "sub/z.html"]


def test_files_missing_paths_and_explicit_sidecars(tmp_path: Path) -> None:
    _tree(tmp_path)
    missing = str(tmp_path / "gone.txt")
    found = list(iter_files([str(tmp_path / "b.txt"), missing, str(tmp_path / "a.txt.meta.json"),
                             str(tmp_path / ".hidden.txt")]))
    assert found == [tmp_path / "b.txt", InputProblem(missing, "no such file or folder"),
                     tmp_path / ".hidden.txt"]  # hidden files named outright are read


def test_symlink_loop_ends(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Talks resumed.")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    found = list(iter_files([str(tmp_path)]))
    assert found == [tmp_path / "sub" / "a.txt"]


def test_nested_folder_read_end_to_end(tmp_path: Path, read) -> None:
    _tree(tmp_path)
    articles, problems = read(tmp_path)
    assert [Path(a.source).name for a in articles] == ["a.txt", "b.txt", "c.txt", "z.html"]
    assert [p.source for p in problems] == [f"{tmp_path / 'sub' / 'a.jsonl'}:1"]
