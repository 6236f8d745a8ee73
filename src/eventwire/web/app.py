"""The FastAPI application: pages, their JSON twins under /api, one error handler."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

import jinja2
import sqlalchemy as sa
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from eventwire import __version__
from eventwire.coder.explain import Explainer
from eventwire.errors import EventwireError, NotFoundError, StoreError, UsageError
from eventwire.store import open_store
from eventwire.web import api, pages
from eventwire.web.auth import AuthError, Token
from eventwire.web.cache import AnswerCache
from eventwire.web.hosts import host_allowed, host_name

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")


def plotly_js() -> Path:
    """plotly.min.js as shipped in the plotly package."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise EventwireError(f"the chart library is missing ({path}); reinstall plotly")
    return path


def templates() -> Jinja2Templates:
    """Templates with autoescaping on for every file (article text is untrusted)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["qs"] = lambda params: urlencode(params)
    env.globals["version"] = __version__
    return Jinja2Templates(env=env)


def create_app(db_url: str | None = None, token: str | None = None,
               allowed_hosts: Iterable[str] | None = None) -> FastAPI:
    """The workbench on the store at ``db_url``; ``token`` ("name:secret" or
    "secret") enables writes, without it the server is read-only.
    ``allowed_hosts`` are the names the server answers to in a request's
    ``Host`` header (``web.hosts.allowed_hosts``); None answers any (in-process use).

    A read-only workbench needs a store that exists: on a mistyped ``--db``
    it would show an empty database and leave one behind (``StoreError``
    instead). With a token it may make one, to ingest into through the API.
    """
    store = open_store(db_url, create=token is not None)

    answers = AnswerCache(store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        answers.close()
        store.close()

    app = FastAPI(title="eventwire", version=__version__, lifespan=lifespan,
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    app.state.store = store
    app.state.answers = answers
    app.state.token = Token.parse(token) if token else None
    app.state.templates = templates()
    app.state.plotly_js = plotly_js()
    app.state.explainer = Explainer()  # loads the coder on the first "why" asked
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def _plotly() -> FileResponse:
        return FileResponse(app.state.plotly_js, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    app.middleware("http")(_security_headers)
    if allowed_hosts is not None:
        app.state.allowed_hosts = frozenset(allowed_hosts)
        app.middleware("http")(_known_host)  # added last: runs first
    _install_error_handlers(app)
    return app


#: how ``serve`` hands its settings to the worker processes it starts
SERVE_DB, SERVE_HOSTS = "EVENTWIRE_SERVE_DB", "EVENTWIRE_SERVE_HOSTS"


def app_from_environment() -> FastAPI:
    """The app of one of ``serve``'s worker processes, made from the settings
    it put in the environment (the database, the allowed host names, and the
    token in ``EVENTWIRE_TOKEN``)."""
    import os

    from eventwire.web.auth import ENV_VAR
    hosts = os.environ.get(SERVE_HOSTS)
    return create_app(os.environ.get(SERVE_DB) or None, token=os.environ.get(ENV_VAR) or None,
                      allowed_hosts=hosts.split(",") if hosts is not None else None)


async def _security_headers(request: Request,
                            call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


class UnknownHost(UsageError):
    """A request whose ``Host`` header names another server (DNS rebinding)."""


async def _known_host(request: Request,
                      call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    header = request.headers.get("host")
    if host_allowed(header, request.app.state.allowed_hosts):
        return await call_next(request)
    name = host_name(header or "")
    response = error_response(request, UnknownHost(
        f"this server does not answer to the name {name!r} (Host header); if that name is "
        f"this server's, start it with --allowed-host {name or 'NAME'}"))
    return await _security_headers(request, _answer(response))


def _answer(response: Response) -> Callable[[Request], Awaitable[Response]]:
    async def call_next(_request: Request) -> Response:
        return response
    return call_next


def _status(exc: Exception) -> int:
    if isinstance(exc, AuthError):
        return exc.status
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, HTTPException):
        return exc.status_code
    if isinstance(exc, (UsageError, RequestValidationError)):
        return 400
    if isinstance(exc, (StoreError, sa.exc.SQLAlchemyError)):
        return 503
    return 500


def _message(exc: Exception) -> str:
    if isinstance(exc, RequestValidationError):
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}"
                    for e in exc.errors()]
        return "invalid request: " + "; ".join(problems)
    if isinstance(exc, HTTPException):
        return "no such page" if exc.status_code == 404 else str(exc.detail)
    if isinstance(exc, EventwireError):
        return str(exc)
    if isinstance(exc, sa.exc.SQLAlchemyError):
        return ("the database could not answer; check that it is an eventwire database "
                "this version can read (the server log has the details)")
    return "internal error; the server log has the details"


def error_response(request: Request, exc: Exception) -> Response:
    """JSON for /api paths, an HTML error page otherwise."""
    status = _status(exc)
    message = _message(exc)
    if status >= 500:
        # one line: the server (uvicorn) logs the traceback of unexpected errors itself
        log.error("%s %s failed: %s", request.method, request.url.path,
                  str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    tpl: Jinja2Templates = request.app.state.templates
    return tpl.TemplateResponse(request, "error.html", pages.base_context(request) | {
        "status": status, "message": message}, status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    async def handle(request: Request, exc: Exception) -> Response:
        return error_response(request, exc)

    for kind in (EventwireError, HTTPException, RequestValidationError, Exception):
        app.add_exception_handler(kind, handle)
