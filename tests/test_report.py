"""``eventwire report``: one self-contained HTML file about a dyad."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.errors import UsageError
from eventwire.records import Actor, CodedDocument, Document, Event, Evidence, Quote
from eventwire.analysis import channel_summary
from eventwire.report import dyad_timeline, parse_dyad, write_report
from eventwire.store import open_store, reviews

TEXT = ("The navy chief of Atlantis phoned his counterpart on Monday. "
        "Officials in the capital condemned the <script>alert(1)</script> drills. "
        "\"We want calm waters,\" the admiral said. "
        "\"Stop the <img src=x onerror=alert(2)> drills now, China,\" a spokesman replied. "
        "\"We will keep talking to the United States,\" the admiral said.")


def _event(doc: Document, k: int, category: str, actor: str, recipient: str, day: date,
           intensity: float) -> Event:
    sentence = TEXT.split(". ")[k]
    start = TEXT.index(sentence)
    trigger = {"CONSULT": "phoned", "ACCUSE": "condemned", "THREATEN": "want"}[category]
    return Event(category=category, actor=[Actor(actor, "MIL", name=f"Admiral {actor}")],
                 recipient=[Actor(recipient, "MIL")], date=day, date_precision="day",
                 intensity=intensity, confidence=0.8, id=f"e{k}-{day.isoformat()}",
                 evidence=Evidence(doc.id, k, start, start + len(sentence), sentence, trigger,
                                   start + sentence.index(trigger), "hand"))


def _quote(doc: Document, k: int, code: str, words: str) -> Quote:
    sentence = TEXT.split(". ")[k]
    start = TEXT.index(sentence)
    return Quote(text=words, speaker=Actor(code, "MIL", name=f"Admiral {code}"),
                 speaker_text="the admiral", kind="direct",
                 evidence=Evidence(doc.id, k, start, start + len(sentence), sentence, "said",
                                   start, "quote"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "dyad.db"
    with open_store(str(path)) as store:
        for month in (1, 2, 4):
            doc = Document(id=f"doc-{month}", source=f"hand/{month}.txt", text=TEXT,
                           title=f"Sea talks, part {month}", published=date(2024, month, 3))
            store.save(CodedDocument(doc, events=[
                _event(doc, 0, "CONSULT", "CHN", "USA", date(2024, month, 1), 2.5),
                _event(doc, 1, "ACCUSE", "USA", "CHN", date(2024, month, 2), -2.0),
                _event(doc, 2, "THREATEN", "CHN", "JPN", date(2024, month, 2), -3.5),
            ], quotes=[_quote(doc, 2, "CHN", "We want calm waters"),  # about JPN, not USA
                       _quote(doc, 3, "USA", "Stop the <img src=x onerror=alert(2)> drills now, China"),
                       _quote(doc, 1, "USA", "condemned the"),  # the sentence of a USA-CHN event
                       _quote(doc, 4, "CHN", "We will keep talking to the United States")]))
    return path


def test_dyad_timeline_counts_both_directions(db: Path) -> None:
    with open_store(str(db)) as store:
        timeline = dyad_timeline(store, "CHN", "USA")
    assert timeline.periods == ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]
    assert timeline.counts["verbal cooperation"] == [1, 1, 0, 1]
    assert timeline.counts["verbal conflict"] == [1, 1, 0, 1]
    assert timeline.mean_score == [0.25, 0.25, None, 0.25]
    assert timeline.total == 6  # the CHN-JPN events are not the pair's
    assert parse_dyad("usa/chn") == ("USA", "CHN")
    with pytest.raises(UsageError, match="CHN-USA"):
        parse_dyad("CHNUSA")


def test_report_is_one_self_contained_file(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    with open_store(str(db)) as store:
        summary = write_report(store, "CHN-USA", target, top=4)
    html = target.read_text(encoding="utf-8")
    assert summary.events == 6 and summary.main_events == 4 and summary.quotes == 9
    # nothing is fetched: no external script, style, image or font
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert len(html) > 3_000_000  # plotly.js is inlined
    timeline = json.loads(re.search(r'<script type="application/json" id="timeline-data">'
                                    r"(.*?)</script>", html, re.S).group(1))
    assert timeline["dyad"] == "CHN-USA" and timeline["total"] == 6
    # the main events come with their evidence, escaped
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count('<div class="event">') == 4
    assert "<mark>phoned</mark>" in html
    # each side's quotes about the other, in their whole sentence, escaped
    assert "Stop the &lt;img src=x onerror=alert(2)&gt; drills now, China</mark>,&#34; a spokesman replied" in html
    assert "<img src=x" not in html
    assert "We will keep talking to the United States" in html


def _said(html: str, code: str) -> list[str]:
    listed = re.search(rf'<ul class="said" id="said-{code}">(.*?)</ul>', html, re.S).group(1)
    return re.findall(r"<li>(.*?)</li>", listed, re.S)


def test_what_each_side_said_is_about_the_other_with_date_and_article(db: Path, tmp_path: Path) -> None:
    # a quote about a third country is not the pair's (issue 25)
    from eventwire.report.said import BOTH
    assert BOTH.search("differences between the two militaries") and BOTH.search("both sides said")
    assert not BOTH.search("the two men")
    target = tmp_path / "said.html"
    with open_store(str(db)) as store:
        write_report(store, "CHN-USA", target)
    html = target.read_text(encoding="utf-8")
    assert "We want calm waters" not in html
    chn, usa = _said(html, "CHN"), _said(html, "USA")
    assert len(chn) == 3 and len(usa) == 6
    # the event's date where the sentence holds one of the pair's events, else the article's
    assert [re.search(r'<span class="muted">([\d-]+)</span>', q).group(1) for q in usa[:2]] == \
        ["2024-01-02", "2024-01-03"]
    for quote in chn + usa:
        anchor = re.search(r'<a href="#(doc-[^"]+)">Sea talks, part \d</a>', quote).group(1)
        assert f'<li id="{anchor}">' in html  # the article is listed under Sources
        assert "<blockquote>&#34;" in quote or "<blockquote>Officials in the capital" in quote


def test_report_follows_reviews_and_dates(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    with open_store(str(db)) as store:
        reviews.reject(store, "e1-2024-01-02", "tester")
        summary = write_report(store, "USA-CHN", target, since=date(2024, 1, 1),
                               until=date(2024, 2, 28))
    assert summary.events == 3 and summary.dyad == "USA-CHN"
    assert "2024-01-01 to 2024-02-28" in target.read_text(encoding="utf-8")


def test_report_command(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "cli.html"
    result = CliRunner().invoke(app, ["report", "--dyad", "CHN-USA", "--db", str(db),
                                      "--since", "2024-02-01", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "4 events" in result.output and target.is_file()
    bad = CliRunner().invoke(app, ["report", "--dyad", "CHN", "--db", str(db),
                                   "-o", str(target)])
    assert bad.exit_code != 0 and isinstance(bad.exception, UsageError)


def test_report_has_the_communication_channels(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "channels.html"
    with open_store(str(db)) as store:
        write_report(store, "USA-CHN", target)
        expected = [s.to_dict() for s in channel_summary(store, "CHN-USA")]
    html = target.read_text(encoding="utf-8")
    assert '<h2 id="channels">Communication channels</h2>' in html
    table = re.search(r'<table id="channels-table">(.*?)</table>', html, re.S).group(1)
    assert table.count("<tr>") == len(expected) + 1  # the head and a row per channel
    data = json.loads(re.search(r'<script type="application/json" id="channels-data">'
                                r"(.*?)</script>", html, re.S).group(1))
    assert [r["channel"]["id"] for r in data["channels"]] == \
        [r["channel"]["id"] for r in expected]
    # the three phoned-their-counterpart contacts are held on a channel, the latest
    # in April, and the chart's code is inlined with the data
    held = [o for r in data["channels"] for o in r["history"] if o["status"] == "held"]
    assert sorted(o["date"] for o in held) == ["2024-01-01", "2024-02-01", "2024-04-01"]
    assert max(r["last_used"] or "" for r in data["channels"]) == "2024-04-01"
    assert "window.eventwireChannels" in html and 'data-channels="channels-data"' in html


def test_report_channels_follow_the_period_and_the_catalogue(db: Path,
                                                             tmp_path: Path) -> None:
    target = tmp_path / "period.html"
    with open_store(str(db)) as store:
        write_report(store, "CHN-USA", target, since=date(2024, 2, 1),
                     until=date(2024, 2, 28))
        data = json.loads(re.search(r'id="channels-data">(.*?)</script>',
                                    target.read_text(encoding="utf-8"), re.S).group(1))
        assert [o["date"] for r in data["channels"] for o in r["history"]] == ["2024-02-01"]
        other = tmp_path / "other.html"
        write_report(store, "USA-FRA", other)
    assert "No military communication channels are catalogued for USA-FRA" in \
        other.read_text(encoding="utf-8")


def test_of_equally_weighty_events_the_dated_one_is_a_main_event(db_url: str, undated_and_dated) -> None:
    from eventwire.report.dyad import main_events

    with open_store(db_url) as store:
        store.save(undated_and_dated)
        assert [e.actor[0].name for e in main_events(store, "NOR", "DNK", limit=1)] == ["Dated Person"]
