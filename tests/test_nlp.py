"""The coder's spaCy pipeline: what is loaded, and how it multiplies matrices."""

from __future__ import annotations

from threadpoolctl import threadpool_info

from eventwire.nlp import BLAS_THREADS, EXCLUDE, load_nlp


def _ops(nlp):  # type: ignore[no-untyped-def]
    return nlp.get_pipe("parser").model.ops


def test_the_coders_pipeline_leaves_out_the_entity_recognizer() -> None:
    nlp = load_nlp()
    assert not set(EXCLUDE) & set(nlp.pipe_names)
    assert {"tok2vec", "tagger", "parser", "lemmatizer"} <= set(nlp.pipe_names)


def test_the_coders_pipeline_multiplies_with_numpys_blas_on_one_thread() -> None:
    nlp = load_nlp()
    for name in ("tok2vec", "tagger", "parser"):
        ops = nlp.get_pipe(name).model.ops
        assert type(ops).__name__ == "NumpyOps" and ops.use_blis is False, name
    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert blas and all(lib["num_threads"] == BLAS_THREADS for lib in blas)


def test_the_full_pipeline_is_spacy_as_it_comes() -> None:
    nlp = load_nlp(full=True)
    assert "ner" in nlp.pipe_names and "attribute_ruler" in nlp.pipe_names
    assert _ops(nlp).use_blis is True


def test_both_matrix_libraries_parse_alike() -> None:
    text = "Chinese Defense Minister Dong Jun met U.S. Defense Secretary Lloyd Austin in Singapore on Friday."
    ours, stock = load_nlp()(text), load_nlp(full=True)(text)
    assert [(t.dep_, t.head.i, t.tag_) for t in ours] == [(t.dep_, t.head.i, t.tag_) for t in stock]


def test_the_environments_pipeline_counts_even_after_another_was_loaded(monkeypatch) -> None:
    import pytest

    from eventwire.errors import ModelError
    load_nlp()  # the default, cached
    monkeypatch.setenv("EVENTWIRE_SPACY_MODEL", "no_such_pipeline")
    with pytest.raises(ModelError, match="no_such_pipeline"):
        load_nlp()


def _installed_defaults() -> list[str]:
    import spacy

    from eventwire.nlp import DEFAULT_MODELS
    installed = [name for name in DEFAULT_MODELS if spacy.util.is_package(name)]
    assert installed
    return installed


def test_the_default_pipelines_save_the_default_tokenizer() -> None:
    """The coder keeps the tokenizer spaCy builds from the language defaults
    instead of loading the saved one: they must be the same, byte for byte."""
    import spacy

    from eventwire.nlp import _exclude

    for name in _installed_defaults():
        assert "tokenizer" in _exclude(name)
        default = spacy.load(name, exclude=["ner", "tokenizer"]).tokenizer
        saved = spacy.load(name, exclude=["ner"]).tokenizer
        assert default.to_bytes() == saved.to_bytes(), name


def test_another_pipeline_loads_its_own_tokenizer() -> None:
    from eventwire.nlp import _exclude

    assert "tokenizer" not in _exclude("/models/my_custom_pipeline")


def test_a_default_pipeline_made_for_another_spacy_loads_its_own_tokenizer(monkeypatch) -> None:
    import spacy

    from eventwire.nlp import _exclude

    installed = _installed_defaults()
    monkeypatch.setattr(spacy.about, "__version__", "3.99.0")  # outside the pipeline's range
    assert all("tokenizer" not in _exclude(name) for name in installed)
