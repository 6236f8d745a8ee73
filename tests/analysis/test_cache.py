"""The stored analysis: rebuilt when the store changes, read back as it was written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa

from eventwire.analysis.cache import compute, load_observations, load_stories, refresh
from eventwire.analysis.catalogue import load_catalogue
from eventwire.pipeline import ingest
from eventwire.store import open_store
from eventwire.store.schema import channel_observations, stories, story_events

FIRST = ("SEOUL, June 3 (Example Wire) -- South Korean and North Korean military officers "
         "held general-level military talks at Panmunjom on Monday, the Defense Ministry said. "
         "The military hotline between the two Koreas remained open, the ministry said.\n")
SECOND = ("SEOUL, June 20 (Example Wire) -- North Korea suspended the military hotline with "
          "South Korea on Thursday, the South Korean Defense Ministry said.\n")


def test_refresh_builds_once_and_again_after_an_ingest(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    with open_store(db_url) as store:
        ingest([str(tmp_path / "a.txt")], store, published=date(2024, 6, 3))
        assert refresh(store) is True
        assert refresh(store) is False  # nothing changed
        first = load_observations(store, "KOR-PRK")
        assert [(o.channel, o.status) for o in first] == [
            ("kor-prk-general-talks", "held"), ("kor-prk-military-hotline", "active")]
        ingest([str(tmp_path / "b.txt")], store, published=date(2024, 6, 20))
        assert refresh(store) is True
        latest = load_observations(store, "KOR-PRK", since=date(2024, 6, 10))
        assert [(o.channel, o.status, o.date) for o in latest] == [
            ("kor-prk-military-hotline", "suspended", date(2024, 6, 20))]


def test_saved_rows_match_what_was_computed(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    with open_store(db_url) as store:
        ingest([str(tmp_path / "a.txt")], store, published=date(2024, 6, 3))
        computed_stories, computed = compute(store, load_catalogue())
        refresh(store)
        saved = load_observations(store, "KOR-PRK")
        assert [o.to_dict() for o in saved] == [o.to_dict() for o in computed]
        frame = load_stories(store, "KOR-PRK")
        assert sorted(frame["id"]) == sorted(s.id for s in computed_stories
                                             if {"KOR", "PRK"} <= s.codes)
        with store.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(story_events)).scalar() \
                == sum(s.mentions for s in computed_stories)
            assert conn.execute(sa.select(sa.func.count()).select_from(stories)).scalar() \
                == len(computed_stories)
            assert conn.execute(sa.select(sa.func.count())
                                .select_from(channel_observations)).scalar() == len(computed)


def test_a_user_catalogue_rebuilds_the_analysis(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    extra = tmp_path / "more.yaml"
    extra.write_text("channels:\n  - id: kor-prk-general-talks\n    parties: [KOR, PRK]\n"
                     "    name: Panmunjom talks\n    level: ministerial\n    medium: in_person\n"
                     "    aliases: [general-level military talks]\n", encoding="utf-8")
    with open_store(str(tmp_path / "k.db")) as store:
        ingest([str(tmp_path / "a.txt")], store, published=date(2024, 6, 3))
        refresh(store)
        assert refresh(store, catalogue=load_catalogue([extra])) is True
        levels = {o.channel: o.level for o in load_observations(store, "KOR-PRK")}
        assert levels["kor-prk-general-talks"] == "ministerial"


def test_stories_come_by_date_with_the_undated_last(tmp_path: Path, db_url: str) -> None:
    # no dateline, no weekday, and no date given
    undated = FIRST.split(" -- ", 1)[1].replace(" on Monday", "")
    (tmp_path / "a.txt").write_text(undated, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    with open_store(db_url) as store:
        ingest([str(tmp_path / "a.txt")], store)
        ingest([str(tmp_path / "b.txt")], store, published=date(2024, 6, 20))
        refresh(store)
        assert list(load_stories(store, "KOR-PRK")["story_date"]) == [date(2024, 6, 20), None]
