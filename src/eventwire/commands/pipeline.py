"""Commands that keep a store up to date: watch and recode."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.text import Text

from eventwire.cli import (DbOption, ModelOption, Stopped, _open, app, check_doc_timeout, check_fetch_timeout, err,
                           out, problem_line, use_model)


@app.command()
def watch(target: Annotated[str, typer.Argument(help="A folder, or an http(s) feed URL.")],
          db: DbOption = None,
          interval: Annotated[float, typer.Option(help="Seconds between polls.")] = 60,
          rounds: Annotated[Optional[int], typer.Option(help="Stop after this many polls (default: never).")] = None,
          workers: Annotated[Optional[int], typer.Option(envvar="EVENTWIRE_WORKERS",
                             help="Worker processes (default: 1 while watching).")] = 1,
          settle: Annotated[Optional[float], typer.Option(
              help="Read a folder's file once it has gone unchanged this many seconds; until then "
                   "it may still be being written (default: 5).")] = None,
          doc_timeout: Annotated[float, typer.Option(help="Seconds an article may take to normalise, "
                                 "and to code, before it is skipped (0: no limit).")] = 60.0,
          fetch_timeout: Annotated[float, typer.Option(help="Seconds a feed may take to download, "
                                   "in all.")] = 120.0,
          model: ModelOption = None) -> None:
    """Ingest new files or feed items as they appear; exit 1 if any poll skipped an input."""
    from eventwire.watch import SETTLE_S, check_options
    from eventwire.watch import watch as run_watch
    use_model(model)
    settle = SETTLE_S if settle is None else settle
    check_options(target, interval, settle, rounds)
    check_doc_timeout(doc_timeout)
    check_fetch_timeout(fetch_timeout)
    skipped = 0
    with _open(db, create=True) as store:
        try:
            for number, report in enumerate(run_watch(target, store, interval=interval, rounds=rounds,
                                                      settle=settle, workers=workers, engine="process",
                                                      doc_timeout=doc_timeout or None,
                                                      fetch_timeout=fetch_timeout),
                                            start=1):
                skipped += report.skipped
                for problem in report.problems:
                    err.print(problem_line(problem), style="yellow")
                waiting = f", {report.waiting} still being written" if report.waiting else ""
                out.print(Text(f"poll {number}: {report.stored} new, {report.already_stored} already stored, "
                               f"{report.skipped} skipped, {sum(report.categories.values())} events{waiting}"))
        except KeyboardInterrupt:
            err.print("stopped")
    raise typer.Exit(1 if skipped else 0)  # as ingest: 1 when some input was skipped


@app.command()
def recode(db: DbOption = None,
           everything: Annotated[bool, typer.Option("--all", help="Re-code every document, not only "
                                                    "those coded by another coder version.")] = False,
           workers: Annotated[Optional[int], typer.Option(envvar="EVENTWIRE_WORKERS",
                              help="Worker processes (default: all cores).")] = None,
           engine: Annotated[str, typer.Option(help="local | process | dask.")] = "process",
           scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler tcp://HOST:8786 "
                                "(default: a local cluster).")] = None,
           model: ModelOption = None) -> None:
    """Re-run the coder over stored documents; reviewed events are left alone."""
    from eventwire.engine.engines import check_options
    from eventwire.recode import recode as run_recode
    use_model(model)
    check_options(engine, workers, scheduler)  # before the database is opened
    with _open(db) as store:
        try:
            report = run_recode(store, everything=everything, engine=engine, workers=workers,
                                scheduler=scheduler)
        except KeyboardInterrupt:
            again = ("--all codes every document again, from the first" if everything
                     else "run the same command again to re-code the rest")
            raise Stopped(f"the documents re-coded so far are kept; {again}") from None
    for problem in report.problems:
        err.print(problem_line(problem), style="yellow")
    out.print(Text(f"re-coded {report.documents} documents: {report.events} machine events; "
                   f"{report.changed} changed category, {report.appeared} appeared, {report.went_away} went away "
                   "(reviewed events are kept as reviewed)"))
    raise typer.Exit(1 if report.problems else 0)
