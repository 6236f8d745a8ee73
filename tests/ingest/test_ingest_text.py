"""Plain text files: decoding, empty and binary files, the size limit."""

from __future__ import annotations

import random
import re
from pathlib import Path

from eventwire.ingest import read_inputs

REPORT = (" date 2031-04-02 Navy chiefs of two made-up states hold a video call\n\n"
          "PORT ALBA, April 1 -- The navy chiefs of Arland and Borvia held a video call on "
          "Tuesday, the Arland defence ministry said.\n")


def test_text_kept_as_is_with_its_date_line(tmp_path: Path, read) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    (article,), problems = read(path)
    assert problems == []
    assert article.text == REPORT
    assert article.format == "text"
    assert article.source == str(path)
    assert article.title is None and article.published_override is None


def test_file_without_extension_is_text(tmp_path: Path, read) -> None:
    path = tmp_path / "REPORT"
    path.write_text(REPORT, encoding="utf-8")
    (article,), _ = read(path)
    assert article.format == "text" and article.text == REPORT


def test_utf8_bom_is_dropped(tmp_path: Path, read) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Café talks in Genève.".encode("utf-8"))
    (article,), _ = read(path)
    assert article.text == "Café talks in Genève."


def test_utf16_with_bom(tmp_path: Path, read) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Ministers met in Zürich.".encode("utf-16"))
    (article,), _ = read(path)
    assert article.text == "Ministers met in Zürich."


def test_gbk_text_is_decoded(tmp_path: Path, read) -> None:
    text = "国防部发言人表示，两国军队保持沟通渠道畅通。双方举行了视频通话，讨论海上安全。\n"
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gbk"))
    (article,), problems = read(path)
    assert problems == []
    assert article.text == text
    assert "国防部" in article.text and "视频通话" in article.text


def test_latin1_text_is_decoded(tmp_path: Path, read) -> None:
    text = ("Señor Muñoz dijo que la reunión en Genève fue útil; "
            "the ministers' café talks ended at noon.\n")
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    (article,), problems = read(path)
    assert problems == []
    assert article.text == text
    assert "Señor Muñoz" in article.text and "Genève" in article.text


def test_cp1252_quotes_are_decoded(tmp_path: Path, read) -> None:
    text = "The spokesman said the talks were \u201cfrank\u201d \u2013 and useful.\n"
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    (article,), _ = read(path)
    assert article.text == text


def test_empty_and_blank_files(tmp_path: Path, read) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"  \n\t\n")
    (tmp_path / "c.txt").write_bytes(b"\xef\xbb\xbf\n")
    articles, problems = read(tmp_path)
    assert articles == []
    assert [(Path(p.source).name, p.reason) for p in problems] == [
        ("a.txt", "empty file"), ("b.txt", "empty file"), ("c.txt", "empty file")]


def test_binary_files_are_refused(tmp_path: Path, read) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    rng = random.Random(7)
    (tmp_path / "noise.txt").write_bytes(bytes(rng.randrange(1, 256) for _ in range(4000)))
    (tmp_path / "ok.txt").write_text("Talks resumed.", encoding="utf-8")
    articles, problems = read(tmp_path)
    assert [a.text for a in articles] == ["Talks resumed."]
    assert [Path(p.source).name for p in problems] == ["image.png", "noise.txt"]
    assert all(p.reason.startswith("binary file, not text (") for p in problems)
    assert "NUL bytes" in problems[0].reason


def test_twenty_megabyte_file_is_over_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = b"The two delegations met again and agreed to keep talking.\n"
    with big.open("wb") as out:
        out.write(line * (20_000_000 // len(line)))
        out.write(b"x" * (20_000_000 % len(line)))
    assert big.stat().st_size == 20_000_000
    small = tmp_path / "small.txt"
    small.write_text("Talks resumed.", encoding="utf-8")
    items = list(read_inputs([str(big), str(small)]))
    assert [str(i) for i in items[:1]] == [
        f"{big}: file is 20.0 MB, over the 10.0 MB limit per input; split it or raise --max-bytes"]
    assert items[1].text == "Talks resumed."
    (article,) = read_inputs([str(big)], max_bytes=25_000_000)
    assert len(article.text) == 20_000_000


def test_missing_path(tmp_path: Path, read) -> None:
    missing = tmp_path / "nowhere" / "report.txt"
    articles, problems = read(missing)
    assert articles == []
    assert [(p.source, p.reason) for p in problems] == [(str(missing), "no such file or folder")]


def test_big_binary_file_is_called_binary(tmp_path: Path, read) -> None:
    path = tmp_path / "video.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x01" * 2_000)
    _, (problem,) = read(path, max_bytes=1_000)
    assert problem.reason.startswith("binary file, not text (NUL bytes found)")


def test_seed_reports_read_as_is(shared: Path, read) -> None:
    seeds = shared / "seeds"
    articles, problems = read(seeds)
    files = sorted(seeds.glob("*.txt"))
    assert problems == [] and len(articles) == len(files) >= 5
    for article, path in zip(articles, files):
        assert article.source == str(path) and article.format == "text"
        assert article.text == path.read_bytes().decode("utf-8")
    header = re.compile(r" date \d{4}-\d{2}-\d{2} ")
    assert sum(bool(header.match(a.text)) for a in articles) >= 2  # the normaliser's to parse
