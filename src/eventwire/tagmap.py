"""A fast stand-in for the model's attribute ruler: part of speech from the tag.

``en_core_web_sm``'s attribute ruler runs a token matcher to map fine tags to
universal parts of speech; on the coder's hot path that matcher costs as much
as the parser. A dictionary lookup gives the same parts of speech the coder
relies on (VERB/AUX/NOUN/PROPN/…), so the coder's pipeline uses this instead.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

TAG_TO_POS = {
    ".": "PUNCT", ",": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "``": "PUNCT", '""': "PUNCT",
    "''": "PUNCT", ":": "PUNCT", "HYPH": "PUNCT", "NFP": "PUNCT", "$": "SYM", "#": "SYM", "SYM": "SYM",
    "AFX": "ADJ", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "CC": "CCONJ", "CD": "NUM", "DT": "DET",
    "PDT": "DET", "EX": "PRON", "PRP": "PRON", "PRP$": "PRON", "WDT": "PRON", "WP": "PRON",
    "WP$": "PRON", "FW": "X", "LS": "X", "NIL": "X", "ADD": "X", "XX": "X", "IN": "ADP", "RP": "ADP",
    "MD": "AUX", "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "POS": "PART",
    "TO": "PART", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "SP": "SPACE", "_SP": "SPACE",
    "UH": "INTJ", "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
}
AUXILIARIES = {"be", "am", "is", "are", "was", "were", "been", "being", "'s", "'re", "'m",
               "have", "has", "had", "having", "'ve", "'d", "do", "does", "did"}


@Language.component("eventwire_tag_map")
def tag_map(doc: Doc) -> Doc:
    """Set ``pos`` from ``tag`` (auxiliaries by their word when they help a verb)."""
    for token in doc:
        pos = TAG_TO_POS.get(token.tag_, "X")
        if pos == "VERB" and token.lower_ in AUXILIARIES and token.dep_ in ("aux", "auxpass"):
            pos = "AUX"
        token.pos_ = pos
    return doc
