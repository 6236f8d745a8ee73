"""The learned coder's decisions: categories and confidences from the model, parties from the parse."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coder import DocumentCoder
from eventwire.coder.explain import explain_text
from eventwire.records import Document


@pytest.fixture(scope="module")
def hybrid(nlp) -> DocumentCoder:
    return DocumentCoder(nlp, model="default")


def coded(coder: DocumentCoder, text: str, day: date = date(2020, 10, 29)):
    return coder.code(Document(id="d", source="d.txt", text=text, published=day, date_source="user")).events


def test_a_call_between_militaries_is_a_consult_with_both_parties(hybrid) -> None:
    events = coded(hybrid, "According to Wu, senior officers from the Office for International Military "
                           "Cooperation of the Central Military Commission and US Department of Defense "
                           "spoke by phone on October 20.")
    assert [e.category for e in events] == ["CONSULT"]
    assert {a.code for a in events[0].actor} == {"CHN", "USA"}
    assert events[0].date == date(2020, 10, 20) and events[0].confidence >= 0.5
    assert events[0].evidence.rule.startswith("model CONSULT")


def test_commentary_and_disasters_are_no_events(hybrid) -> None:
    assert coded(hybrid, "Analysts say the island could become vulnerable to influence from Beijing.") == []
    assert coded(hybrid, "The cyclone struck the coast on Friday, killing at least 12 people.") == []


def test_an_event_the_rules_miss_is_built_around_the_word_that_weighed(hybrid) -> None:
    events = coded(hybrid, "Over 40 opposition activists were detained in three provinces on Sunday, "
                           "the rights group said.")
    assert events and events[0].category == "COERCE"
    assert events[0].evidence.trigger in events[0].evidence.sentence


def test_negated_acts_are_kept_only_flagged(hybrid) -> None:
    events = coded(hybrid, "Japan and China have not suspended their maritime talks, the ministry said.")
    assert all(e.negated for e in events)


def test_confidences_are_probabilities_and_the_main_event_comes_first(hybrid) -> None:
    events = coded(hybrid, "Rebels shelled the town on Monday and the government condemned the attack.")
    assert events and all(0 < e.confidence <= 1 for e in events)
    assert events[0].confidence == max(e.confidence for e in events if not e.negated)


def test_explain_says_why_for_every_sentence(nlp) -> None:
    text = ("Chinese warships fired water cannon at a Philippine supply boat on Friday, Manila said. "
            "Experts say tensions could rise.")
    coded_document, traces = explain_text(Document(id="d", source="d", text=text, published=date(2024, 3, 2)))
    assert len(traces) == 2
    first, second = traces
    assert first.parsed and first.probabilities and first.words and first.coded
    assert not second.coded and second.dropped  # unparsed or below the threshold, and it says which


def test_the_every_sentence_baseline_codes_with_the_model_too(nlp) -> None:
    """The benchmark's baseline (every sentence parsed) runs the same decisions."""
    text = ("According to Wu, senior officers from the Office for International Military Cooperation "
            "of the Central Military Commission and US Department of Defense spoke by phone on October 20.")
    baseline = DocumentCoder(nlp, model="default", parse_all=True)
    assert [e.category for e in coded(baseline, text)] == ["CONSULT"]
