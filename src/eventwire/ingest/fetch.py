"""Fetching a URL (a page or a feed) with conditional GET.

Plain ``urllib``: one request, a timeout, a size cap, and the validators
(ETag, Last-Modified) a watcher sends back so an unchanged feed costs a 304.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from eventwire import __version__
from eventwire.errors import InputError

TIMEOUT_S = 30
USER_AGENT = f"eventwire/{__version__} (+https://github.com/eventwire)"


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a GET returned; ``data`` is None when the server said 304 Not Modified."""

    url: str
    data: bytes | None
    content_type: str
    etag: str | None
    modified: str | None


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def fetch(url: str, *, max_bytes: int, etag: str | None = None, modified: str | None = None) -> Fetched:
    """GET ``url``; raises InputError with a reason the user can act on."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    if etag:
        request.add_header("If-None-Match", etag)
    if modified:
        request.add_header("If-Modified-Since", modified)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310 - http(s) only
            data = response.read(max_bytes + 1)
            headers = response.headers
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(url, None, "", etag, modified)
        raise InputError(url, f"the server answered HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(url, f"cannot fetch ({reason}); check the address and the network") from exc
    if len(data) > max_bytes:
        raise InputError(url, f"the response is over the {max_bytes / 1e6:.1f} MB limit; raise --max-bytes")
    return Fetched(url, data, headers.get_content_type(), headers.get("ETag"), headers.get("Last-Modified"))
