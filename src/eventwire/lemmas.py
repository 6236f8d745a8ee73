"""The model's rule lemmatizer behind a cache of every answer it gives.

spaCy's rule lemmatizer caches only some of its answers (not base forms,
proper nouns or words without rules), so on the coder's hot path it ran its
Python rules for almost every token: a quarter of the parse time.  A lemma
depends only on the word, its part of speech and its morphology, so this
component asks the model's lemmatizer once per such triple and reuses the
answer: the same lemmas, a fraction of the time.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Token

MAX_ENTRIES = 500_000  # a bound, so memory stays flat over millions of documents


class CachedLemmatizer:
    """Sets ``token.lemma`` as ``lemmatize(token)[0]``, remembered per (word, POS, morphology)."""

    def __init__(self, lemmatize: Callable[[Token], list[str]]) -> None:
        self.lemmatize = lemmatize
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        cache, strings = self.cache, doc.vocab.strings
        if len(cache) > MAX_ENTRIES:
            cache.clear()
        for token in doc:
            if token.lemma:  # set already (as the model's lemmatizer, never overwrite)
                continue
            key = (token.orth, token.pos, token.morph.key)
            lemma = cache.get(key)
            if lemma is None:
                lemma = cache[key] = strings.add(self.lemmatize(token)[0])
            token.lemma = lemma
        return doc


@Language.factory("eventwire_cached_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    """A cache with nothing behind it yet: ``cache_lemmatizer`` plugs the model's in."""
    return CachedLemmatizer(lambda token: [token.lower_])


def cache_lemmatizer(nlp: Language, name: str = "lemmatizer") -> None:
    """Put the pipeline's lemmatizer ``name`` behind a cache (same lemmas, faster)."""
    lemmatizer = nlp.get_pipe(name)
    _index_as_sets(getattr(lemmatizer, "lookups", None))
    lemmatize = lemmatizer.lemmatize  # type: ignore[attr-defined]
    cached = nlp.replace_pipe(name, "eventwire_cached_lemmatizer")
    cached.lemmatize = lemmatize  # type: ignore[attr-defined]


def _index_as_sets(lookups: object) -> None:
    """The rule lemmatizer asks "is this form a known word?" of lists of up to
    57,000 words, a scan per question; sets answer the same question at once."""
    if lookups is None or not lookups.has_table("lemma_index"):  # type: ignore[attr-defined]
        return
    index = lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    for key, words in list(index.items()):
        if isinstance(words, list):
            index[key] = frozenset(words)
