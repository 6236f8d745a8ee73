"""Normalising one article: RawArticle -> Document (clean text, boilerplate,
dateline, date, ids)."""

from __future__ import annotations

import logging
from datetime import date

from eventwire.errors import InputError
from eventwire.normalize.agencies import agency_from_url, canonical_agency
from eventwire.normalize.boilerplate import strip_boilerplate
from eventwire.normalize.cleanup import clean_text
from eventwire.normalize.dateline import Dateline, parse_dateline, split_dateline, split_header
from eventwire.normalize.dedup import content_hash, minhash_signature
from eventwire.normalize.pubdate import publication_date
from eventwire.records import Document, RawArticle

logger = logging.getLogger(__name__)


def _agency(dateline: Dateline | None, signed_off: str | None, raw: RawArticle) -> str | None:
    """The agency, from the dateline, a sign-off, the outlet field or the URL."""
    if dateline and dateline.agency:
        return dateline.agency
    if signed_off:
        return signed_off
    if raw.outlet and raw.outlet.strip():
        return canonical_agency(raw.outlet, strict=False) or raw.outlet.strip()
    return agency_from_url(raw.url or (raw.source if "://" in raw.source else None))


def _one_line(text: str | None) -> str | None:
    if not text:
        return None
    return " ".join(clean_text(text).split()) or None


def normalize(raw: RawArticle, *, today: date | None = None) -> Document:
    """Clean a raw article into a Document; raise InputError when no text is left.

    ``today`` bounds year inference (default: the system date).
    """
    text = clean_text(raw.text)
    header, text = split_header(text)
    header_title = None
    if header and header.rest:
        if parse_dateline(header.rest):  # "date 2022-12-29 BEIJING, Dec.29 -- China urges..."
            text = header.rest + "\n\n" + text
        else:
            header_title = header.rest
    text, signed_off = strip_boilerplate(text)
    dateline, headings, text = split_dateline(text)
    if not text:
        raise InputError(raw.source, "no article text left after removing boilerplate, "
                                     "header and dateline; is this file an article?")
    when = publication_date(text, override=raw.published_override, header=header,
                            metadata=raw.published, dateline=dateline, today=today)
    logger.debug("%s: %s (%s)", raw.source, when.published, when.note)
    return Document(
        id=content_hash(text), source=raw.source, text=text,
        title=_one_line(raw.title) or header_title or (headings[-1] if headings else None),
        url=raw.url, published=when.published, date_source=when.source,
        published_earliest=when.earliest, published_latest=when.latest, date_note=when.note,
        dateline_place=dateline.place if dateline else None, dateline_date=when.dateline_date,
        agency=_agency(dateline, signed_off, raw), language="en",
        near_dup_signature=minhash_signature(text))
