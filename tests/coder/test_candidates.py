"""The cheap pass: sentence splitting, candidate test, sentences re-made for the parser."""

from __future__ import annotations

from spacy.attrs import DEP, HEAD, LEMMA, NORM, ORTH, SPACY, TAG

from eventwire.coder.candidates import is_candidate, split_sentences, standalone, trigger_forms
from eventwire.coder.lexicon import load_lexicon

TEXT = ("BEIJING (AP) — The two militaries aren’t talking to each other,” a U.S. official said.\n\n"
        "  China’s defense ministry didn’t comment. Mr. Wang met Gen. Brown on Monday in Washington.  ")


def test_sentences_skip_edge_whitespace_and_keep_abbreviations(nlp) -> None:
    sents = split_sentences(nlp.make_doc(TEXT))
    assert [s.text for s in sents] == [
        "BEIJING (AP) — The two militaries aren’t talking to each other,” a U.S. official said.",
        "China’s defense ministry didn’t comment.",
        "Mr. Wang met Gen. Brown on Monday in Washington.",
    ]
    assert all(TEXT[s.start_char:s.end_char] == s.text for s in sents)


def test_standalone_sentence_parses_as_its_text_does(nlp) -> None:
    # the parser sees the same tokens and norms ("n’t" read as "not") as when the
    # sentence text is tokenized on its own, so coding is unchanged
    attrs = [ORTH, NORM, TAG, DEP, HEAD, LEMMA, SPACY]
    for sent in split_sentences(nlp.make_doc(TEXT)):
        alone = standalone(sent)
        assert alone.text == sent.text
        assert (nlp(alone).to_array(attrs) == nlp(sent.text).to_array(attrs)).all()


def test_candidates_need_a_trigger_form() -> None:
    forms = trigger_forms(load_lexicon())
    assert is_candidate("The ministers met in Hanoi.", forms)
    assert is_candidate("The two sides held talks.", forms)
    assert not is_candidate("The weather was mild in Hanoi on Monday.", forms)
