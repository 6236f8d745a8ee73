"""The command line, run in-process through ``eventwire.cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

ARTICLE = """ date 2023-05-04 Ministers talk

TOKYO, May 4 (Kyodo) -- Japanese Defense Minister Yasukazu Hamada held talks with his Australian counterpart Richard Marles in Tokyo on Thursday, the ministry said.

Hamada urged China to stop its military pressure around Taiwan, he said.
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "t.db")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "a.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("engine", ["process", "dask"])
def test_a_missing_pipeline_stops_the_run_with_one_clear_error(capsys, monkeypatch, db, article, engine):
    # a configuration error, not 24 articles each "skipped" with an internal error
    monkeypatch.setenv("EVENTWIRE_SPACY_MODEL", "no_such_pipeline")
    code, out, err = run(capsys, "ingest", str(article.parent), "--db", db, "--quiet",
                         "--engine", engine, "--workers", "2")
    assert code == 1
    assert "error: no spaCy pipeline could be loaded (no_such_pipeline" in err
    assert "skipped" not in err and "internal error" not in err


def test_ingest_on_a_remote_scheduler_starts_no_local_workers(capsys, monkeypatch, db, article):
    import eventwire.engine.forkserver as forkserver
    calls = []
    monkeypatch.setattr(forkserver, "start_early", lambda *args: calls.append(args))
    code, _, err = run(capsys, "ingest", str(article.parent), "--db", db, "--quiet",
                       "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2 and "scheduler" in err  # nobody there
    assert calls == [("dask", None, "tcp://127.0.0.1:1")]  # so no local coder is loaded for it


def test_ingest_then_query(capsys, db_url, article):
    code, out, _ = run(capsys, "ingest", str(article.parent), "--db", db_url, "--quiet", "--workers", "1")
    assert code == 0
    assert "stored (new)" in out and "CONSULT" in out
    code, out, _ = run(capsys, "events", "--db", db_url, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    consult = [r for r in rows if r["category"] == "CONSULT"]
    assert consult and consult[0]["date"] == "2023-05-04"
    assert {a["code"] for a in consult[0]["actor"]} == {"JPN"}
    code, out, _ = run(capsys, "events", "--db", db_url, "--category", "REQUEST", "--actor", "JPN",
                       "--format", "csv")
    assert code == 0 and out.count("\n") == 2  # header and one row


def test_reingest_is_a_no_op(capsys, db_url, article):
    run(capsys, "ingest", str(article), "--db", db_url, "--quiet")
    code, out, _ = run(capsys, "ingest", str(article), "--db", db_url, "--quiet")
    assert code == 0
    assert "already stored" in out
    _, out, _ = run(capsys, "docs", "--db", db_url)
    assert "1 documents" in out


def test_sqlite_and_postgresql_give_the_same_exports_and_analysis(capsys, tmp_path, postgres_url):
    outputs = {}
    for name, db in (("sqlite", str(tmp_path / "e.db")), ("postgresql", postgres_url)):
        code, _, _ = run(capsys, "ingest", str(EXAMPLES), "--db", db, "--quiet", "--workers", "1")
        assert code == 0
        for fmt in ("jsonl", "csv", "plover"):
            out = tmp_path / f"{name}.{fmt}"
            assert run(capsys, "export", "--db", db, "--format", fmt, "-o", str(out))[0] == 0
            outputs[name, fmt] = out.read_bytes()
        outputs[name, "channels"] = run(capsys, "channels", "--db", db, "--dyad", "CHN-USA", "--json")[1]
        outputs[name, "series"] = run(capsys, "series", "--db", db, "--dyad", "CHN-USA", "--format", "json")[1]
    for what in ("jsonl", "csv", "plover", "channels", "series"):
        assert outputs["sqlite", what] == outputs["postgresql", what], what
    assert outputs["sqlite", "jsonl"].count(b"\n") > 20  # events from the examples, not two empty files
    assert '"last_used"' in outputs["sqlite", "channels"] and '"period"' in outputs["sqlite", "series"]


def test_skipped_inputs_give_exit_1_and_one_line_each(capsys, db, article, tmp_path):
    (article.parent / "empty.txt").write_text("", encoding="utf-8")
    (article.parent / "blob.bin").write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = run(capsys, "ingest", str(article.parent), str(tmp_path / "missing.txt"),
                         "--db", db, "--quiet")
    assert code == 1
    skipped = [line for line in err.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 3
    assert any("missing.txt" in line for line in skipped)
    assert "stored (new)" in out


@pytest.mark.parametrize("argv", [
    ("events", "--since", "yesterday"),
    ("events", "--format", "xml"),
    ("events", "--category", "PARTY"),
    ("ingest", "x", "--max-bytes", "0"),
    ("events", "--no-such-option"),
])
def test_usage_errors_exit_2(capsys, db, argv):
    code, _, err = run(capsys, *argv, "--db", db)
    assert code == 2
    assert err.strip()


def test_show_prints_article_events_and_quotes(capsys, db, article):
    run(capsys, "ingest", str(article), "--db", db, "--quiet")
    _, out, _ = run(capsys, "events", "--db", db, "--format", "jsonl")
    doc_id = json.loads(out.splitlines()[0])["evidence"]["doc_id"]
    code, out, _ = run(capsys, "show", doc_id[:8], "--db", db)
    assert code == 0
    assert "Hamada" in out and "CONSULT" in out


def test_show_unknown_document(capsys, db, article):
    run(capsys, "ingest", str(article), "--db", db, "--quiet")
    code, _, err = run(capsys, "show", "ffffffffffff", "--db", db)
    assert code != 0 and "eventwire docs" in err


def test_markup_in_article_text_is_printed_verbatim(capsys, db, tmp_path):
    path = tmp_path / "m.txt"
    path.write_text("[bold red]Seoul[/] accused Pyongyang of firing missiles on Monday.\n", encoding="utf-8")
    run(capsys, "ingest", str(path), "--db", db, "--quiet")
    _, out, _ = run(capsys, "docs", "--db", db)
    _, out, _ = run(capsys, "events", "--db", db, "--format", "jsonl")
    doc_id = json.loads(out.splitlines()[0])["evidence"]["doc_id"]
    _, out, _ = run(capsys, "show", doc_id, "--db", db)
    assert "[bold red]Seoul[/]" in out


def test_code_command_explains(capsys):
    code, out, _ = run(capsys, "code", "India and China agreed to hold another round of talks.",
                       "--date", "2024-03-01")
    assert code == 0 and "AGREE" in out and "verb:agree" in out


def test_code_reads_the_text_from_stdin_given_a_dash(capsys, monkeypatch):
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO("India and China agreed to hold another round of talks.\n"))
    code, out, _ = run(capsys, "code", "-", "--date", "2024-03-01")
    assert code == 0 and "AGREE" in out


@pytest.mark.parametrize("text", ["", "   ", "-"])
def test_code_refuses_an_empty_text(capsys, monkeypatch, text):
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run(capsys, "code", text)
    assert code == 2 and "no text to code" in err


@pytest.mark.parametrize("options", [["--engine", "spark"], ["--workers", "0"],
                                     ["--scheduler", "tcp://127.0.0.1:8786"],
                                     ["--engine", "dask", "--scheduler", "garbage"], ["--show", "-1"]])
def test_bad_ingest_options_are_refused_before_the_database_is_made(options, tmp_path, capsys):
    db = tmp_path / "never.db"
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", str(tmp_path), "--db", str(db), *options])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.startswith("error: --")
    assert not db.exists()


@pytest.mark.parametrize("command", [["ingest", "in"], ["events"], ["recode"], ["watch", "in"]])
def test_a_db_option_without_its_database_is_refused_and_makes_no_file(command, tmp_path, monkeypatch, capsys):
    # `--db --workers 2` forgot the database: it made a SQLite file named --workers
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    code, _, err = run(capsys, *command, "--db", "--workers", "2")
    assert code == 2
    assert "'--workers' looks like an option, not a database" in " ".join(err.split())
    assert list(tmp_path.iterdir()) == [tmp_path / "in"]


@pytest.mark.parametrize("command", [["events"], ["docs"], ["show", "abcdef123456"], ["export", "--format", "csv"],
                                     ["channels", "--dyad", "CHN-USA"], ["series", "--dyad", "CHN-USA"],
                                     ["report", "--dyad", "CHN-USA", "--output", "r.html"], ["recode"],
                                     ["serve", "--port", "0"]])
def test_reading_commands_refuse_a_database_that_does_not_exist_and_make_none(command, tmp_path, capsys,
                                                                              monkeypatch):
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)  # serve reads only without a token
    db = tmp_path / "typo.db"
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--db", str(db)])
    assert exit_info.value.code == 2
    assert "no eventwire database at" in capsys.readouterr().err
    assert not db.exists()


def _interrupt(*_args, **_kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("options, advice", [([], "run the same command again to re-code the rest"),
                                             (["--all"], "--all codes every document again, from the first")])
def test_ctrl_c_during_a_recode_says_what_is_kept(capsys, db, article, monkeypatch, options, advice):
    assert run(capsys, "ingest", str(article), "--db", db, "-q")[0] == 0
    monkeypatch.setattr("eventwire.recode.recode", _interrupt)
    code, _, err = run(capsys, "recode", "--db", db, *options)
    assert code == 130
    assert f"stopped: the documents re-coded so far are kept; {advice}" in err


def test_ctrl_c_in_any_other_command_says_aborted(capsys, db, article, monkeypatch):
    assert run(capsys, "ingest", str(article), "--db", db, "-q")[0] == 0
    monkeypatch.setattr("eventwire.store.store.Store.events", _interrupt)
    code, _, err = run(capsys, "events", "--db", db)
    assert (code, err.strip()) == (130, "aborted")


def test_the_events_table_says_a_calls_mode_once(capsys, db, tmp_path, monkeypatch):
    # PLOVER's mode of a call is "phone" and so is its medium: the table said "phone phone"
    monkeypatch.setenv("COLUMNS", "200")  # one line a row
    folder = tmp_path / "call"
    folder.mkdir()
    (folder / "call.txt").write_text((EXAMPLES / "02_us_russia_deconfliction_call.txt").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    assert run(capsys, "ingest", str(folder), "--db", db, "--quiet", "--workers", "1")[0] == 0
    code, out, _ = run(capsys, "events", "--db", db, "--category", "CONSULT", "--actor", "USA")
    row = next(line for line in out.splitlines() if "Shoigu" in line)
    assert code == 0 and "│ phone " in row and "phone phone" not in row


@pytest.mark.parametrize("value", ["-1", "nan", "inf"])
def test_a_doc_timeout_that_bounds_nothing_is_refused(capsys, db, article, value):
    code, _, err = run(capsys, "ingest", str(article), "--db", db, "--doc-timeout", value)
    assert code == 2 and "--doc-timeout must be a number of seconds (0 for no limit)" in err


def test_terminal_escapes_in_file_names_are_printed_escaped(capsys, db, tmp_path):
    # "skipped ..." lines wrote the raw ESC bytes of a file name (issue 26):
    # a name can recolour, retitle or clear the terminal
    folder = tmp_path / "hostile"
    folder.mkdir()
    name = "evil\x1b[31mRED\x1b]0;owned\x07\u202e.xml"
    (folder / name).write_text("not a feed at all", encoding="utf-8")
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(folder), "--db", db, "--workers", "1")
    assert code == 1
    assert not any(ch in out + err for ch in "\x1b\x07\u202e")
    assert "evil\\x1b[31mRED\\x1b]0;owned\\x07\\u202e.xml" in err


def test_printable_shows_controls_and_keeps_text():
    from eventwire.safetext import printable
    assert printable("a\x1b[2Jb\tc\nd\x9be") == "a\\x1b[2Jb\tc\nd\\x9be"
    assert printable("line\none\ttab", one_line=True) == "line\\none\\ttab"
    assert printable("Café – “quoted” 中文") == "Café – “quoted” 中文"
