"""RSS and Atom feeds: one RawArticle per entry, read with feedparser."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.fields import clean_field
from eventwire.ingest.html import html_to_text
from eventwire.ingest.limits import over_limit
from eventwire.records import InputProblem, RawArticle

logger = logging.getLogger(__name__)


def feed_articles(data: bytes, source: str, max_bytes: int) -> Iterator[RawArticle | InputProblem]:
    """Each entry of the feed in ``data``; ``max_bytes`` applies per entry."""
    import feedparser  # here: only a feed needs it
    parsed = feedparser.parse(data)  # bytes, never a str: a str may be taken as a URL
    if not parsed.get("version") and not parsed.entries:
        cause = parsed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> element"
        advice = ("check that the address is the feed's own" if source.startswith(("http://", "https://"))
                  else "check the file or give it a .txt or .html extension")
        raise InputError(source, f"not an RSS or Atom feed ({cause}); {advice}")
    if not parsed.entries:
        raise InputError(source, "feed has no entries")
    if parsed.get("bozo"):
        logger.warning("%s: feed is malformed (%s); reading the entries found",
                       source, parsed.get("bozo_exception"))
    outlet = clean_field(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_article(entry, f"{source}#{number}", outlet, max_bytes)


def _entry_article(entry: Any, source: str, outlet: str | None,
                   max_bytes: int) -> RawArticle | InputProblem:
    text = _entry_text(entry)
    if not text:
        return InputProblem(source, "feed entry has no text (no content or summary)")
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        return InputProblem(source, over_limit(size, max_bytes, "feed entry"))
    return RawArticle(source=source, text=text, format="feed",
                      title=clean_field(entry.get("title")),
                      url=clean_field(entry.get("link")),
                      published=clean_field(entry.get("published") or entry.get("updated")),
                      outlet=outlet)


def _entry_text(entry: Any) -> str:
    """The fullest text of an entry: its longest content, else its summary."""
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        value, kind = best["value"], best.get("type", "text/html")
    else:
        value = entry.get("summary") or ""
        kind = (entry.get("summary_detail") or {}).get("type", "text/html")
    if "html" in kind or "<" in value:
        return html_to_text(value)
    return value.strip()
