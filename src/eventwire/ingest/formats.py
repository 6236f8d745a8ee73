"""Which reader an input needs: by file extension, then by sniffing content."""

from __future__ import annotations

import re
from pathlib import Path

from eventwire.ingest.jsontext import JSONRefused, parse_json

TEXT, HTML, JSONL, FEED = "text", "html", "jsonl", "feed"

_BY_SUFFIX = {
    ".txt": TEXT, ".text": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".jsonl": JSONL, ".ndjson": JSONL,
    ".xml": FEED, ".rss": FEED, ".atom": FEED,
}
_PROLOGUE = r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
_HTML_START = re.compile(_PROLOGUE + r"<(?:!doctype\s+html|html)\b", re.I | re.S)
_FEED_START = re.compile(_PROLOGUE + r"<(?:!doctype\s+rss[^>]*>\s*<)?(?:rss|feed|rdf:rdf)\b",
                         re.I | re.S)

#: bytes read from the start of an input to sniff its format
SNIFF_BYTES = 65_536


def format_from_suffix(path: Path) -> str | None:
    """The format an extension promises, or None when it says nothing."""
    return _BY_SUFFIX.get(path.suffix.lower())


def sniff_format(head: bytes) -> str:
    """Guess the format from the first bytes of an input."""
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    if _HTML_START.match(text):
        return HTML
    if _FEED_START.match(text):
        return FEED
    if _first_line_is_article_json(text):
        return JSONL
    return TEXT


def _first_line_is_article_json(text: str) -> bool:
    """True when the first non-blank line is a JSON object with a "text" field."""
    for line in text.splitlines():
        if line.strip():
            try:
                value = parse_json(line)
            except JSONRefused:
                return False
            return isinstance(value, dict) and "text" in value
    return False
