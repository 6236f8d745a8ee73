"""Fetching a URL (a page or a feed) with conditional GET.

Plain ``urllib``: one request, a size cap, a deadline for the whole fetch,
and the validators (ETag, Last-Modified) a watcher sends back so an
unchanged feed costs a 304.

A socket's timeout bounds each wait for data, not the fetch: a server that
sends a byte every few seconds never trips it. So every socket a fetch opens
(redirects included) is shut down once the fetch's deadline passes, which
ends whatever wait it is in: connecting, the TLS handshake, the headers or
the body.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from eventwire import __version__
from eventwire.errors import InputError

#: the longest wait for any one piece of a response
TIMEOUT_S = 30
#: the longest a whole fetch may take, in seconds (``--fetch-timeout``)
FETCH_DEADLINE_S = 120.0
_CHUNK = 65_536
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


def fetch(url: str, *, max_bytes: int, etag: str | None = None, modified: str | None = None,
          deadline_s: float = FETCH_DEADLINE_S) -> Fetched:
    """GET ``url`` within ``deadline_s`` seconds; raises InputError with a
    reason the user can act on."""
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        request.host  # noqa: B018 - parsed now: a malformed address fails here, not mid-fetch
    except ValueError as exc:
        raise InputError(url, f"not a valid address ({exc}); check the URL") from None
    if etag:
        request.add_header("If-None-Match", etag)
    if modified:
        request.add_header("If-Modified-Since", modified)
    with _Deadline(deadline_s) as deadline:
        try:
            with deadline.opener().open(request, timeout=min(TIMEOUT_S, deadline_s)) as response:  # noqa: S310
                data = _read(response, max_bytes, deadline)
                headers = response.headers
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Fetched(url, None, "", etag, modified)
            raise InputError(url, f"the server answered HTTP {exc.code} {exc.reason}") from exc
        except ValueError as exc:  # urllib's parsing of an address it was redirected to
            raise InputError(url, f"not a valid address ({exc}); check the URL") from None
        except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as exc:
            if deadline.passed():
                raise InputError(url, deadline.reason()) from exc
            reason = getattr(exc, "reason", exc)
            raise InputError(url, f"cannot fetch ({reason}); check the address and the network") from exc
    if deadline.expired:  # the last read ended with the deadline
        raise InputError(url, deadline.reason())
    if len(data) > max_bytes:
        raise InputError(url, f"the response is over the {max_bytes / 1e6:.1f} MB limit; raise --max-bytes")
    return Fetched(url, data, headers.get_content_type(), headers.get("ETag"), headers.get("Last-Modified"))


def _read(response: Any, max_bytes: int, deadline: _Deadline) -> bytes:
    """The body, a piece at a time, to ``max_bytes`` and one byte more at most."""
    parts: list[bytes] = []
    size = 0
    while size <= max_bytes and not deadline.expired:
        piece = response.read1(min(_CHUNK, max_bytes + 1 - size))
        if not piece:
            break
        parts.append(piece)
        size += len(piece)
    return b"".join(parts)


class _Deadline:
    """Shuts down every socket of one fetch once its time is up."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._started = time.monotonic()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def passed(self) -> bool:
        """Whether the fetch's time is up: the timer shut its sockets, or a socket's
        own timeout (never longer than the deadline) fired first on a busy machine."""
        return self.expired or time.monotonic() - self._started >= self.seconds

    def reason(self) -> str:
        return (f"the server took longer than {self.seconds:g} s to send it (a fetch is given "
                "--fetch-timeout seconds in all); check the address, or try again later")

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down at the deadline (at once if it has passed)."""
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def opener(self) -> urllib.request.OpenerDirector:
        """An opener whose connections (redirects too) are watched."""
        return urllib.request.build_opener(_WatchedHTTP(self), _WatchedHTTPS(self))


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # closed already, or a TLS socket's plain one, handed over
        pass


def _watched(base: type[http.client.HTTPConnection], deadline: _Deadline) -> Callable[..., Any]:
    """``base`` whose sockets ``deadline`` watches: the plain one as it is made
    (so that a slow TLS handshake is cut too), and the connected one."""

    def connection(*args: Any, **kwargs: Any) -> http.client.HTTPConnection:
        conn = base(*args, **kwargs)
        create = conn._create_connection  # type: ignore[attr-defined]

        def create_watched(*c_args: Any, **c_kwargs: Any) -> socket.socket:
            sock = create(*c_args, **c_kwargs)
            deadline.watch(sock)
            return sock

        conn._create_connection = create_watched  # type: ignore[attr-defined]
        connect = conn.connect

        def connect_watched() -> None:
            connect()
            if conn.sock is not None:
                deadline.watch(conn.sock)

        conn.connect = connect_watched  # type: ignore[method-assign]
        return conn

    return connection


class _WatchedHTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_watched(http.client.HTTPConnection, self._deadline), req)


class _WatchedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_watched(http.client.HTTPSConnection, self._deadline), req,
                            context=self._context)
