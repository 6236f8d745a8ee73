"""The normalize package loads date parsing only for ``normalize`` itself."""

from __future__ import annotations


def test_hashing_and_comparing_texts_leaves_date_parsing_unloaded(modules_after):
    # what the process storing an ingest's results needs
    loaded = modules_after("from eventwire.normalize.dedup import band_keys, content_hash, similarity")
    assert "dateparser" not in loaded and "eventwire.normalize.pubdate" not in loaded


def test_normalize_is_still_the_package_s_function(modules_after):
    loaded = modules_after("from eventwire.normalize import normalize\n"
                            "from eventwire.records import RawArticle\n"
                            "assert normalize(RawArticle(source='a', text='Seoul urged Tokyo to act.')).text")
    assert "dateparser" in loaded
