"""Bytes to text: UTF-8 first, then a detected encoding; binary files refused."""

from __future__ import annotations

import codecs
import logging
import unicodedata

import charset_normalizer

from eventwire.errors import InputError

logger = logging.getLogger(__name__)

# When charset-normalizer scores several encodings equally (short Western text
# fits cp1250 and cp1252 alike), prefer the ones news files are really saved in.
_PREFERRED = ("utf_8", "cp1252", "latin_1", "gb18030", "gbk", "big5", "shift_jis",
              "euc_jp", "euc_kr", "cp1251", "koi8_r", "cp1256", "iso8859_15")
_MAX_CONTROL_RATIO = 0.01
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def binary_reason(detail: str) -> str:
    """The one-line problem for a file that is not text."""
    return (f"binary file, not text ({detail}); give plain text, HTML, "
            "JSON Lines or an RSS/Atom feed")


def has_nul_bytes(data: bytes) -> bool:
    """True when ``data`` holds NUL bytes and is not UTF-16 text: a binary file."""
    return b"\x00" in data and not data.startswith(_UTF16_BOMS)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode ``data`` read from ``source``; raise ``InputError`` if it is binary."""
    if data.startswith(_UTF16_BOMS):
        text = _strict(data, "utf-16", source)
    elif has_nul_bytes(data):
        raise InputError(source, binary_reason("NUL bytes found"))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _strict(data, _detect_encoding(data, source), source)
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise InputError(source, binary_reason("control characters found"))
    return text


def _detect_encoding(data: bytes, source: str) -> str:
    """The most plausible encoding of non-UTF-8 ``data``."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(source, binary_reason("no text encoding fits"))
    tied = {m.encoding for m in matches
            if m.chaos == best.chaos and m.coherence == best.coherence}
    encoding = next((e for e in _PREFERRED if e in tied), best.encoding)
    logger.debug("%s: decoded as %s", source, encoding)
    return encoding


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        reason = binary_reason(f"not valid {encoding}")
        raise InputError(source, reason) from error


def _control_ratio(text: str) -> float:
    """Share of control characters other than ordinary whitespace."""
    sample = text[:100_000]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample
                   if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc")
    return controls / len(sample)
