"""HTML pages and fragments to article text, with trafilatura and lxml."""

from __future__ import annotations

import logging
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from eventwire.errors import InputError
from eventwire.ingest.fields import clean_field
from eventwire.records import RawArticle

if TYPE_CHECKING:
    import lxml.html

# lxml and trafilatura are imported where a page is read: a run over text and
# JSONL files never needs them, and they take a sixth of a second to import.
logger = logging.getLogger(__name__)

_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "tr", "section", "article", "pre", "ul", "ol",
                     "table", "header", "footer", "figure", "figcaption", "dd", "dt"})
_NOT_TEXT = "//script|//style|//noscript|//template"
_HIDDEN = frozenset({"script", "style", "noscript", "template"})
# only metadata dates: a date found in the body text is the normaliser's call
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def html_article(html: str, source: str) -> RawArticle:
    """The article in an HTML page: text, title, date and site name."""
    fields = _extract(html)
    title = clean_field(fields.get("title"))
    text = (fields.get("text") or "").strip() or _page_text(html) or _streamed_text(html)
    text = _drop_title_line(text, title)
    if not text:
        raise InputError(source, "HTML page has no readable text (empty, or cut off "
                                 "before the article); check the file")
    return RawArticle(source=source, text=text, format="html", title=title,
                      url=clean_field(fields.get("url")), published=clean_field(fields.get("date")),
                      outlet=clean_field(fields.get("sitename")))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry), one line per block."""
    if not fragment.strip():
        return ""
    import lxml.etree
    import lxml.html
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return " ".join(fragment.split())
    return _tree_text(root, _NOT_TEXT)


def _extract(html: str) -> dict[str, Any]:
    """trafilatura's main text and metadata, or {} when it finds none."""
    import lxml.etree
    import trafilatura
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          date_extraction_params=_DATE_PARAMS)
    except (ValueError, lxml.etree.LxmlError) as error:  # malformed beyond repair
        logger.debug("trafilatura failed: %s", error)
        return {}
    return doc.as_dict() if doc is not None else {}


def _page_text(html: str) -> str:
    """Fallback for pages trafilatura finds no article in: whatever text there is."""
    import lxml.etree
    import lxml.html
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    return _tree_text(root, f"{_NOT_TEXT}|//head")


class _TextCollector(HTMLParser):
    """Text of a page read as a stream of tags: no tree, so no depth limit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # how many script, style... elements we are inside
        self.in_head = False  # until </head> or <body>: pages often leave </head> out

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in ("head", "body"):
            self.in_head = tag == "head"
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "head":
            self.in_head = False
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden and not self.in_head:
            self.parts.append(data)


def _streamed_text(html: str) -> str:
    """Last resort for a page lxml cannot build a tree of: libxml2 drops
    everything nested more than 256 elements deep (2,048 with its "huge"
    option), and an article inside 10,000 nested <div>s was lost."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _tree_text(root: lxml.html.HtmlElement, drop_xpath: str) -> str:
    for element in root.xpath(drop_xpath):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; keep it only once."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:
        return rest.strip()
    return text
