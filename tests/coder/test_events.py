"""Events built from triggers (``coder.events``): parties the sentence implies."""

from __future__ import annotations


def test_protests_held_in_a_place_are_its_civilians(event_of):
    event = event_of("Protests over the death of a young woman in police custody were held in at least "
                     "15 Iranian cities on Wednesday.", "PROTEST")
    assert [(a.code, a.sector, a.text) for a in event.actor] == [("IRN", "CVL", "at least 15 Iranian cities")]
    assert event.recipient == []


def test_a_protest_with_no_place_and_no_one_named_is_not_an_event(coder):
    from eventwire.records import Document
    coded = coder.code(Document(id="d", source="d.txt", text="Protests were held on Wednesday."))
    assert [e for e in coded.events if e.category == "PROTEST"] == []
