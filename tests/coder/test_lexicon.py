from pathlib import Path

import pytest

from eventwire.coder.contexts import contexts_for
from eventwire.coder.lexicon import load_lexicon, parse_lexicon
from eventwire.errors import DataError
from eventwire.plover import CATEGORIES


def test_packaged_lexicon_covers_every_category():
    lexicon = load_lexicon()
    verb_categories = {t.category for ts in lexicon.verbs.values() for t in ts}
    noun_categories = {c for cs in lexicon.nouns.values() for c in cs}
    assert verb_categories | noun_categories == set(CATEGORIES)


def test_unknown_category_is_a_data_error_naming_the_entry():
    raw = {"verbs": [{"lemma": "frobnicate", "category": "FROB"}], "nouns": {}, "light_verbs": {},
           "joint_words": [], "media": {}}
    with pytest.raises(DataError, match="frobnicate"):
        parse_lexicon(raw, "mine.yaml")


def test_malformed_lexicon_file(tmp_path: Path):
    bad = tmp_path / "t.yaml"
    bad.write_text("verbs: [", encoding="utf-8")
    with pytest.raises(DataError, match="t.yaml"):
        load_lexicon(bad)


@pytest.mark.parametrize("text,tags", [
    ("Warships sailed through the Taiwan Strait.", {"taiwan", "military"}),
    ("The ministers discussed the Korean Peninsula and nuclear arms.", {"korean_peninsula", "cbrn"}),
    ("They agreed to keep the hotline open to reduce risks.", {"crisis_communication"}),
    ("Senior Russian and US officials agreed to hold strategic stability talks.", {"cbrn"}),
    ("A statement on the weather.", set()),
])
def test_contexts(text, tags):
    assert tags <= set(contexts_for(text))
    if not tags:
        assert contexts_for(text) == []
