"""The command line's tables in an 80-column terminal (issue 25): no id or date is
ever folded or cut, and the events list leads from a row to its article."""

from __future__ import annotations

import json
from datetime import date

import pytest

from eventwire.commands.analysis import date_label


def lines_fit(text: str, width: int = 80) -> None:
    too_long = [line for line in text.splitlines() if len(line) > width]
    assert too_long == []
    assert "…" not in text  # Rich's mark of a cut cell


def jsonl(eventwire, *args: str) -> list[dict]:
    return [json.loads(line) for line in eventwire(*args, "--format", "jsonl").stdout.splitlines()]


def test_events_at_80_columns_show_whole_event_ids_document_ids_and_dates(eventwire, demo_db) -> None:
    shown = eventwire("events", "--db", demo_db).stdout
    lines_fit(shown)
    for e in jsonl(eventwire, "events", "--db", demo_db):
        assert e["id"] in shown
        assert e["evidence"]["doc_id"][:12] in shown
        assert (e["date"] or "?") in shown


def test_a_wide_events_table_has_an_event_id_and_a_document_column(eventwire, demo_db) -> None:
    shown = eventwire("events", "--db", demo_db, "--limit", "5", columns=200).stdout
    header = next(line for line in shown.splitlines() if "actor" in line)
    assert "event id" in header and "doc" in header
    lines_fit(shown, 200)


def test_the_document_column_is_what_show_takes(eventwire, demo_db) -> None:
    shown = eventwire("events", "--db", demo_db, "--actor", "CHN", "--recipient", "USA", "--limit", "1",
                      columns=200).stdout
    row = next(line for line in shown.splitlines() if "CHN" in line)
    doc = row.split("│")[3].strip()
    assert len(doc) == 12
    article = eventwire("show", doc, "--db", demo_db, columns=200).stdout
    assert doc in article.splitlines()[1]


def test_events_are_newest_first_unless_sorted_otherwise(eventwire, demo_db) -> None:
    dates = [e["date"] for e in jsonl(eventwire, "events", "--db", demo_db)]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[:len(dated)] == dated  # undated last
    oldest = [e["date"] for e in jsonl(eventwire, "events", "--db", demo_db, "--sort", "date")]
    assert [d for d in oldest if d] == sorted(dated)
    for order, reverse in (("confidence", False), ("-confidence", True)):
        found = [e["confidence"] for e in jsonl(eventwire, "events", "--db", demo_db, "--sort", order)]
        assert found == sorted(found, reverse=reverse)


def test_an_unknown_sort_key_is_named_in_the_error(eventwire, demo_db) -> None:
    done = eventwire("events", "--db", demo_db, "--sort", "size", check=False)
    assert done.returncode == 2 and "'size'" in done.stderr and "confidence" in done.stderr


def test_docs_at_80_columns_keep_each_id_and_date_on_one_line(eventwire, demo_db) -> None:
    from eventwire.store import open_store
    shown = eventwire("docs", "--db", demo_db).stdout
    lines_fit(shown)
    with open_store(demo_db, create=False) as store:
        documents = store.documents()
    for d in documents:
        assert any(d.id[:12] in line and str(d.published) in line for line in shown.splitlines())


@pytest.mark.parametrize("freq", ["week", "month", "quarter"])
def test_series_at_80_columns_shows_whole_periods(eventwire, demo_db, freq) -> None:
    shown = eventwire("series", "--dyad", "CHN-USA", "--db", demo_db, "--freq", freq).stdout
    lines_fit(shown)
    rows = json.loads(eventwire("series", "--dyad", "CHN-USA", "--db", demo_db, "--freq", freq,
                                "--format", "json").stdout)
    assert rows
    for row in rows:
        period = row["start"][:10] if freq == "week" else row["period"]
        assert any(line.startswith(f"│ {period} ") for line in shown.splitlines())
    assert "mean" in shown and "score" in shown


def test_channels_at_80_columns_show_whole_dates(eventwire, demo_db) -> None:
    shown = eventwire("channels", "--dyad", "CHN-USA", "--db", demo_db).stdout
    lines_fit(shown)
    summaries = json.loads(eventwire("channels", "--dyad", "CHN-USA", "--db", demo_db, "--json").stdout)
    seen = [s for s in summaries if s["history"]]
    assert seen
    for s in seen:
        assert s["last_used"] is None or s["last_used"] in shown
        for obs in s["history"]:  # as precise as the text says: "2022-08", "2024-04-05..2024-12-31"
            start, end = (date.fromisoformat(obs[k]) if obs[k] else None for k in ("date", "date_end"))
            assert date_label(start, end, obs["date_precision"]) in shown
            for e in obs["evidence"]:
                assert f"[{e['doc_id'][:12]} #{e['sentence_index']}]" in shown
