import pytest

from eventwire.plover import CATEGORIES, QUAD_CLASSES, normalize_category, quad_class, score


def test_sixteen_categories_in_four_quads():
    assert len(CATEGORIES) == 16
    assert {quad_class(c) for c in CATEGORIES} == set(QUAD_CLASSES)


@pytest.mark.parametrize("old,new,mode", [("DEMAND", "REQUEST", None), ("DISAPPROVE", "ACCUSE", "disapprove"),
                                          ("INVESTIGATE", "ACCUSE", "investigate"), ("FIGHT", "ASSAULT", None),
                                          ("consult", "CONSULT", None)])
def test_legacy_names_map(old, new, mode):
    assert normalize_category(old) == (new, mode)


def test_crime_is_dropped_and_unknown_raises():
    assert normalize_category("CRIME") == (None, None)
    with pytest.raises(KeyError):
        normalize_category("PARTY")


def test_scores_order_cooperation_above_conflict():
    assert score("AID") > score("CONSULT") > score("REQUEST") > score("THREATEN") > score("ASSAULT")


def test_plover_json_writes_an_announced_meeting_as_agree_and_keeps_ours() -> None:
    from eventwire.records import Actor, Event, Evidence
    evidence = Evidence(doc_id="d", sentence_index=0, start=0, end=10, sentence="They will meet.")
    meeting = Event(category="CONSULT", actor=[Actor("USA")], recipient=[Actor("CHN")], evidence=evidence,
                    future=True)
    assert meeting.to_plover()["event"] == "AGREE"
    assert meeting.to_plover()["eventwireCategory"] == "CONSULT"
    meeting.future = False
    assert meeting.to_plover()["event"] == "CONSULT"
