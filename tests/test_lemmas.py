"""The cached lemmatizer gives the model's own lemmas."""

from __future__ import annotations

import spacy

import eventwire.tagmap  # noqa: F401 - registers the tag map component
from eventwire.lemmas import MAX_ENTRIES, CachedLemmatizer
from eventwire.nlp import DEFAULT_MODELS, load_nlp

TEXT = ("The defence ministers held talks and were meeting again, said officials who had been "
        "briefed; China's navies conducted drills, and the U.S. Navy's carriers sailed on. "
        "Beijing's envoys studied the agreements and better relations were hoped for.")


def _installed_model() -> str:
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    raise AssertionError("no default model installed")


def test_same_lemmas_as_the_uncached_lemmatizer() -> None:
    cached = load_nlp()
    plain = spacy.load(_installed_model(), exclude=["ner"])
    plain.replace_pipe("attribute_ruler", "eventwire_tag_map")
    assert isinstance(cached.get_pipe("lemmatizer"), CachedLemmatizer)
    expected = [t.lemma_ for t in plain(TEXT)]
    assert "talk" in expected and "navy" in expected
    for _ in range(2):  # the second pass answers from the cache
        assert [t.lemma_ for t in cached(TEXT)] == expected


def test_cache_is_bounded() -> None:
    calls = []
    component = CachedLemmatizer(lambda token: calls.append(token.text) or [token.lower_])
    nlp = spacy.blank("en")
    component(nlp("Talks talks"))
    assert calls == ["Talks", "talks"]
    component(nlp("talks"))
    assert calls == ["Talks", "talks"]  # answered from the cache
    component.cache.update({(i, 0, 0): 0 for i in range(MAX_ENTRIES + 1)})
    doc = component(nlp("talks"))
    assert [t.lemma_ for t in doc] == ["talks"] and len(component.cache) == 1
