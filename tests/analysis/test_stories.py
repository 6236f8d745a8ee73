"""Stories: several reports of one real-world event merge; different events do not.

Events are hand-made records with invented sentences, so the merge rule is
tested apart from the coder; the last test goes through the real pipeline.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from eventwire.analysis.stories import build_stories, same_story, similarity
from eventwire.pipeline import ingest
from eventwire.records import Actor, Event, Evidence
from eventwire.store import open_store


def event(doc: str, sentence: str, day: date, *, category: str = "CONSULT",
          codes: tuple[str, ...] = ("NOR", "FIN"), end: date | None = None,
          medium: str | None = "phone", location: str | None = None, future: bool = False,
          resolution: str = "'on Tuesday' -> the Tuesday on or before the report date",
          event_id: str = "") -> Event:
    first, *rest = codes
    return Event(category=category, actor=[Actor(first, "MIL")],
                 recipient=[Actor(c, "MIL") for c in rest],
                 evidence=Evidence(doc, 0, 0, len(sentence), sentence, "spoke", 0, "test"),
                 medium=medium, date=day, date_end=end,
                 date_precision="range" if end else "day", date_resolution=resolution,
                 location=location, future=future, id=event_id or f"{doc}-{sentence[:12]}")


CALL_A = event("wire-a", "Norway's defence chief spoke by phone with his Finnish counterpart "
                         "on Tuesday about air patrols over the Arctic.", date(2024, 3, 5))
CALL_B = event("wire-b", "The Finnish and Norwegian defence chiefs discussed Arctic air patrols "
                         "in a telephone call on Tuesday, Helsinki said.", date(2024, 3, 5),
               codes=("FIN", "NOR"))


def test_two_reports_of_one_call_merge() -> None:
    assert same_story(CALL_A, CALL_B)
    (story,) = build_stories([CALL_A, CALL_B])
    assert story.mentions == 2 and story.sources == 2
    assert story.doc_ids == ["wire-a", "wire-b"] and story.codes == {"NOR", "FIN"}
    assert story.date == date(2024, 3, 5) and story.date_precision == "day"


def test_two_calls_a_week_apart_stay_apart() -> None:
    later = event("wire-c", "Norway's defence chief spoke by phone with his Finnish counterpart "
                            "on Tuesday about air patrols over the Arctic.", date(2024, 3, 12))
    assert not same_story(CALL_A, later)
    assert similarity(CALL_A, later) == 0.0
    stories = build_stories([CALL_A, CALL_B, later])
    assert sorted(s.mentions for s in stories) == [1, 2]


def test_a_phone_call_and_a_video_conference_on_the_same_day_stay_apart() -> None:
    video = event("wire-d", "Norway's defence chief held a video conference with his Finnish "
                            "counterpart on Tuesday.", date(2024, 3, 5), medium="video")
    assert not same_story(CALL_A, video)


def test_meetings_in_different_places_stay_apart() -> None:
    oslo = event("wire-e", "The two defence chiefs met in Oslo on Tuesday.", date(2024, 3, 5),
                 medium="in_person", location="Oslo")
    turku = event("wire-f", "The two defence chiefs met in Turku on Tuesday.", date(2024, 3, 5),
                  medium="in_person", location="Turku")
    assert not same_story(oslo, turku)


def test_a_re_mention_weeks_later_with_only_a_month_joins_the_story() -> None:
    recalled = event("wire-g", "In March, the Norwegian and Finnish defence chiefs spoke by "
                               "phone about Arctic air patrols.", date(2024, 3, 1),
                     end=date(2024, 3, 31))
    (story,) = build_stories([CALL_A, recalled])
    assert story.mentions == 2 and story.date == date(2024, 3, 5)  # the precise date wins


def test_different_categories_tenses_and_pairs_stay_apart() -> None:
    planned = event("wire-a", "The two chiefs will speak again next month.", date(2024, 4, 1),
                    end=date(2024, 4, 30), future=True)
    accusation = event("wire-a", "Norway accused Finland of leaking the call.", date(2024, 3, 5),
                       category="ACCUSE", medium=None)
    other_pair = event("wire-h", "Sweden's defence chief spoke by phone with his Danish "
                                 "counterpart on Tuesday.", date(2024, 3, 5), codes=("SWE", "DNK"))
    assert len(build_stories([CALL_A, planned, accusation, other_pair])) == 4


def test_restatements_in_one_report_merge_even_in_other_words() -> None:
    lead = event("wire-a", "Arctic patrol plans dominated Tuesday's exchange, officials said.",
                 date(2024, 3, 5), medium=None,
                 resolution="no date in the sentence; report date")
    (story,) = build_stories([CALL_A, lead])
    assert story.mentions == 2 and story.sources == 1 and story.date == date(2024, 3, 5)


def test_negated_and_hypothetical_events_are_not_stories() -> None:
    negated = event("wire-x", "The chiefs did not speak.", date(2024, 3, 5), event_id="n")
    negated.negated = True
    assert build_stories([negated]) == []


def test_one_story_from_two_stored_reports(tmp_path: Path) -> None:
    texts = {
        "a.txt": "OSLO, March 5 (Example Wire) -- Norwegian Defence Minister Bjorn Arild Gram "
                 "spoke by phone with Finnish Defence Minister Antti Hakkanen on Tuesday about "
                 "air patrols over the Arctic, the ministry said.\n",
        "b.txt": "HELSINKI, March 5 (Example News) -- Finnish Defence Minister Antti Hakkanen "
                 "spoke by phone with Norwegian Defence Minister Bjorn Arild Gram on Tuesday, "
                 "discussing Arctic air patrols, the Finnish ministry said.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with open_store(str(tmp_path / "s.db")) as store:
        ingest([str(tmp_path / name) for name in texts], store, published=date(2024, 3, 5))
        consults = [e for e in store.events() if e.category == "CONSULT"]
        assert len({e.evidence.doc_id for e in consults}) == 2
        merged = [s for s in build_stories(consults) if s.sources == 2]
        assert len(merged) == 1 and merged[0].date == date(2024, 3, 5)
