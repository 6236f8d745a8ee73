"""Display labels for actors and contact modes."""

from __future__ import annotations

import pytest

from eventwire.labels import actors_label, mode_label
from eventwire.records import Actor, Event, Evidence


def an_event(mode: str | None, medium: str | None) -> Event:
    evidence = Evidence(doc_id="d", sentence_index=0, start=0, end=5, sentence="Talks", trigger="Talks",
                        trigger_start=0, rule="test")
    return Event(category="CONSULT", actor=[], recipient=[], evidence=evidence, mode=mode, medium=medium)


@pytest.mark.parametrize(("mode", "medium", "label"), [
    ("phone", "phone", "phone"),  # a call: PLOVER's mode and our medium agree, said once
    ("phone", "video", "phone (video)"),
    ("phone", "written", "phone (written)"),
    ("in_person", None, "in_person"),
    (None, "video", "video"),
    (None, None, ""),
])
def test_the_mode_label_says_the_medium_only_where_it_adds_to_the_mode(mode, medium, label):
    assert mode_label(an_event(mode, medium)) == label


def test_actors_label_names_code_sector_and_person():
    actors = [Actor(code="CHN", sector="MIL", name="Dong Jun"), Actor(code="USA")]
    assert actors_label(actors) == "CHN MIL (Dong Jun); USA"
