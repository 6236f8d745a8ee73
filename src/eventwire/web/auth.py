"""Who may write: one token set when the server starts (``EVENTWIRE_TOKEN``).

The token is ``name:secret`` (the name is what the review log records) or just
``secret`` (recorded as "analyst").  Scripts send ``Authorization: Bearer
secret``; browsers sign in once through a form and then carry a session cookie
(HttpOnly, SameSite=Strict) holding an HMAC of the name, never the secret.
Without a token the server is read-only.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request

from eventwire.errors import EventwireError

ENV_VAR = "EVENTWIRE_TOKEN"
COOKIE = "eventwire_session"
DEFAULT_NAME = "analyst"


class AuthError(EventwireError):
    """A write without a valid token, or on a read-only server."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Token:
    """The name and secret writers must show."""

    name: str
    secret: str

    @classmethod
    def parse(cls, value: str) -> Token:
        """``"alice:s3cret"`` -> Token("alice", "s3cret"); ``"s3cret"`` -> ("analyst", ...)."""
        name, sep, secret = value.strip().partition(":")
        if not sep:
            name, secret = DEFAULT_NAME, name
        if len(secret) < 8:
            raise EventwireError(f"{ENV_VAR} is too short: use a secret of 8 characters "
                                 "or more, optionally preceded by 'yourname:'")
        return cls(name.strip() or DEFAULT_NAME, secret)

    def matches(self, secret: str) -> bool:
        return hmac.compare_digest(secret.encode(), self.secret.encode())

    def session(self) -> str:
        """The cookie value of a signed-in browser."""
        mac = hmac.new(self.secret.encode(), f"session:{self.name}".encode(), hashlib.sha256)
        return mac.hexdigest()


def signed_in(request: Request) -> str | None:
    """The writer's name when the request carries the token (header or cookie)."""
    token: Token | None = request.app.state.token
    if token is None:
        return None
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() == "bearer" and token.matches(secret.strip()):
        return token.name
    cookie = request.cookies.get(COOKIE)
    if cookie and hmac.compare_digest(cookie, token.session()):
        return token.name
    return None


def require_writer(request: Request) -> str:
    """The writer's name, or an ``AuthError`` saying how to get write access."""
    if request.app.state.token is None:
        raise AuthError(f"this server is read-only: restart it with {ENV_VAR} set to "
                        "enable reviews and ingest", 403)
    name = signed_in(request)
    if name is None:
        raise AuthError("writing needs the server's token: send 'Authorization: Bearer "
                        "<token>' or sign in at /login", 401)
    if not _same_origin(request):
        raise AuthError("cross-site write refused: submit the form from this server's "
                        "own pages", 403)
    return name


def _same_origin(request: Request) -> bool:
    """A browser's Origin (when sent) must be this server: a second guard against
    cross-site form posts after SameSite."""
    origin = request.headers.get("origin")
    if not origin or origin == "null" and "authorization" in request.headers:
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


def safe_next(target: str | None) -> str:
    """A local path to go back to after signing in (never another site)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"
