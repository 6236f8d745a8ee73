import pytest

from eventwire.coder.flags import flags_for
from eventwire.coder.lexicon import load_lexicon
from eventwire.coder.triggers import find_triggers


def triggers(nlp, text):
    doc = nlp(text)
    return [(m.category, m.text) for s in doc.sents for m in find_triggers(s, load_lexicon())]


@pytest.mark.parametrize("text,category", [
    ("Moscow urged Kyiv to return to the negotiating table.", "REQUEST"),
    ("The minister called on Japan to stop the drills.", "REQUEST"),
    ("Seoul accused Pyongyang of violating the agreement.", "ACCUSE"),
    ("The ministry denied the report.", "REJECT"),
    ("Beijing warned Manila against further provocations.", "THREATEN"),
    ("The defence ministers held talks in Jakarta.", "CONSULT"),
    ("The two commanders spoke by phone on Monday.", "CONSULT"),
    ("India and China agreed to hold another round of talks.", "AGREE"),
    ("The navies conducted a joint exercise in the Arabian Sea.", "COOPERATE"),
    ("Troops seized the border post.", "COERCE"),
])
def test_one_trigger_per_sentence(nlp, text, category):
    assert category in [c for c, _ in triggers(nlp, text)]


def test_particle_is_required(nlp):
    assert "REQUEST" not in [c for c, _ in triggers(nlp, "The minister called a press conference.")]


def test_speak_needs_a_meeting_cue(nlp):
    assert triggers(nlp, "The spokesman spoke at length about the budget.") == []


def test_meet_halfway_is_not_a_meeting(nlp):
    assert "CONSULT" not in [c for c, _ in triggers(nlp, "We hope the other side will meet us halfway.")]


def test_drill_without_joint_is_mobilize(nlp):
    assert [c for c, _ in triggers(nlp, "The army staged drills near the border.")] == ["MOBILIZE"]


def _flags(nlp, text):
    doc = nlp(text)
    match = find_triggers(next(doc.sents), load_lexicon())[0]
    return flags_for(match.verb, match.anchor)


def test_negation(nlp):
    assert _flags(nlp, "The two navies have not suspended their talks.").negated
    assert not _flags(nlp, "The two navies suspended their talks.").negated


def test_conditional_threat_is_hypothetical(nlp):
    assert _flags(nlp, "If anyone provokes a conflict, the army will fight back.").hypothetical


def test_future(nlp):
    assert _flags(nlp, "The ministers will meet in Hanoi next month.").future
    assert not _flags(nlp, "The ministers met in Hanoi last month.").future
