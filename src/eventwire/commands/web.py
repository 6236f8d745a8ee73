"""CLI commands of the workbench: ``serve``, ``export`` and ``report``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from eventwire.cli import DbOption, _date, _open, app, err, out, warn_unknown_actors, warn_unknown_dyad
from eventwire.errors import UsageError


#: worker processes ``serve`` starts by default, at most: one a core, so that a
#: page being rendered does not hold up the others (one process answered 20
#: concurrent clients at 26 requests a second, each waiting behind the rest)
MAX_DEFAULT_SERVE_WORKERS = 4


@app.command()
def serve(db: DbOption = None,
          host: Annotated[str, typer.Option(help="Address to listen on (only this machine by default).")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
          allowed_host: Annotated[Optional[list[str]], typer.Option(
              help="Another name this server answers to in the Host header (repeatable); "
                   "by default only the --host address, and the loopback names.")] = None,
          workers: Annotated[Optional[int], typer.Option(
              help="Server processes (default: one a core, up to 4).")] = None) -> None:
    """Start the web workbench (dashboard, JSON API, review). Writes need $EVENTWIRE_TOKEN."""
    import uvicorn

    from eventwire.engine.forkserver import default_workers
    from eventwire.web import create_app
    from eventwire.web.app import SERVE_DB, SERVE_HOSTS
    from eventwire.web.auth import ENV_VAR
    from eventwire.web.hosts import allowed_hosts
    count = workers if workers is not None else min(MAX_DEFAULT_SERVE_WORKERS, default_workers())
    if count < 1:
        raise UsageError("--workers must be at least 1")
    token = os.environ.get(ENV_VAR) or None
    hosts = allowed_hosts(host, allowed_host or ())
    # made here first, in every case: a wrong --db or token is one line, before any worker starts
    application = create_app(db, token=token, allowed_hosts=hosts)
    mode = "reviews enabled" if token else f"read-only (set {ENV_VAR} to enable reviews)"
    err.print(Text(f"eventwire workbench on http://{host}:{port}/ - {mode}"))
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(Text(f"warning: listening on {host}: other machines can reach this server"),
                  style="yellow")
    if count == 1:
        uvicorn.run(application, host=host, port=port, log_level="warning")
        return
    application.state.store.close()
    os.environ[SERVE_DB] = db or ""
    os.environ[SERVE_HOSTS] = ",".join(sorted(hosts))
    uvicorn.run("eventwire.web.app:app_from_environment", factory=True, workers=count,
                host=host, port=port, log_level="warning")


@app.command()
def export(db: DbOption = None,
           fmt: Annotated[str, typer.Option("--format", "-f", help="csv | jsonl | plover | parquet.")] = "csv",
           output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,
           actor: Annotated[Optional[str], typer.Option(help="Actor code, e.g. CHN or 'CHN MIL'.")] = None,
           recipient: Annotated[Optional[str], typer.Option(help="Recipient code, e.g. USA.")] = None,
           category: Annotated[Optional[str], typer.Option(help="PLOVER category, e.g. CONSULT.")] = None,
           since: Annotated[Optional[str], typer.Option(help="Earliest event date YYYY-MM-DD.")] = None,
           until: Annotated[Optional[str], typer.Option(help="Latest event date YYYY-MM-DD.")] = None,
           include_rejected: Annotated[bool, typer.Option(help="Also export events reviewers rejected.")] = False,
           min_confidence: Annotated[Optional[float], typer.Option(
               help="Only events the coder gives at least this probability of being right "
                    "(0-1; reviewed events always pass).")] = None) -> None:
    """Export events (as reviewers corrected them) to CSV, JSON Lines, PLOVER JSON or Parquet."""
    from eventwire.export import EXPORT_FORMATS, write_events
    from eventwire.export.frames import export_to_path, iter_events
    from eventwire.web.views import check_confidence  # here: the web app is heavy to import
    name = fmt.strip().lower()
    if name not in EXPORT_FORMATS:
        raise UsageError(f"--format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    filters = {"actor": actor, "recipient": recipient, "category": category,
               "since": _date(since, "--since"), "until": _date(until, "--until"),
               "include_rejected": include_rejected,
               "min_confidence": check_confidence(min_confidence)}
    warn_unknown_actors(actor=actor, recipient=recipient)
    if output is None and name == "parquet" and sys.stdout.isatty():
        raise UsageError("--format parquet is binary and would fill the terminal with noise: give "
                         "--output FILE (-o), or redirect the output to a file or a program")
    with _open(db) as store:
        if output is None:
            write_events(iter_events(store, **filters), name, sys.stdout)
            sys.stdout.flush()
            return
        n = export_to_path(store, name, output, **filters)
    err.print(Text(f"{n} events written to {output} ({name})"))


@app.command()
def report(dyad: Annotated[str, typer.Option(help="The two countries, e.g. CHN-USA.")],
           db: DbOption = None,
           since: Annotated[Optional[str], typer.Option(help="Earliest event date YYYY-MM-DD.")] = None,
           until: Annotated[Optional[str], typer.Option(help="Latest event date YYYY-MM-DD.")] = None,
           interval: Annotated[str, typer.Option(help="Timeline bars per week or month.")] = "month",
           top: Annotated[int, typer.Option(help="How many main events to show.")] = 25,
           output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("report.html")) -> None:
    """Write one self-contained HTML report on a dyad: timeline, main events, quotes."""
    from eventwire.report import write_report
    if top < 1:
        raise UsageError("--top must be 1 or more")
    warn_unknown_dyad(dyad)
    with _open(db) as store:
        summary = write_report(store, dyad, output, since=_date(since, "--since"),
                               until=_date(until, "--until"), interval=interval, top=top)
    out.print(Text(f"report on {summary.dyad} written to {summary.path}: {summary.events} "
                   f"events, {summary.main_events} shown with evidence, {summary.quotes} "
                   f"quotes ({summary.bytes // 1024} KiB, opens offline)"))
