"""CLI commands of the analyses: ``channels`` and ``series`` (issue 6)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import RenderableType
from rich.text import Text

from eventwire.cli import DOC_ID_SHOWN, DbOption, _date, _open, app, out, warn_unknown_dyad
from eventwire.errors import UsageError
from eventwire.terminal import Column, fit_columns, fitted_table

if TYPE_CHECKING:
    import pandas as pd

    from eventwire.analysis.observations import ChannelEvidence
    from eventwire.analysis.summary import ChannelSummary

ChannelFiles = Annotated[Optional[list[Path]], typer.Option(
    "--channels", help="Extra channel catalogue file (YAML, repeatable); also $EVENTWIRE_CHANNELS.")]
DyadOption = Annotated[str, typer.Option("--dyad", help="Two country codes, e.g. CHN-USA.")]


def date_label(start: date | None, end: date | None, precision: str) -> str:
    """"2020-10-20", "2023-08", "2021", or "2020-10-21..2020-10-28"."""
    if start is None:
        return "?"
    if precision == "month" and (end is None or (end.year, end.month) == (start.year, start.month)):
        return start.strftime("%Y-%m")
    if precision == "year" and (end is None or end.year == start.year):
        return str(start.year)
    if end and end != start:
        return f"{start.isoformat()}..{end.isoformat()}"
    return start.isoformat()


def _day(value: date | None) -> str:
    return value.isoformat() if value else "-"


@app.command()
def channels(dyad: DyadOption,
             db: DbOption = None,
             since: Annotated[Optional[str], typer.Option(help="Leave out what ended before YYYY-MM-DD.")] = None,
             channel_files: ChannelFiles = None,
             show_all: Annotated[bool, typer.Option("--all", help="Also list channels never seen.")] = False,
             as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False) -> None:
    """Military communication channels of a pair: last used, current status, history with evidence."""
    from eventwire.analysis.catalogue import load_catalogue
    from eventwire.analysis.summary import channel_summary
    catalogue = load_catalogue(channel_files or ())
    warn_unknown_dyad(dyad)
    with _open(db) as store:
        summaries = channel_summary(store, dyad, _date(since, "--since"), catalogue=catalogue)
    if as_json:
        out.print_json(json.dumps([s.to_dict() for s in summaries]))
        return
    shown = [s for s in summaries if s.history or show_all]
    title = (f"channels of {summaries[0].channel.dyad}: {sum(1 for s in summaries if s.history)} "
             f"of {len(summaries)} seen")
    rows = []
    for s in shown:
        planned = s.next_planned
        rows.append([s.channel.name, s.status, _day(s.last_used), _day(s.status_date),
                     date_label(planned.date, planned.date_end, planned.date_precision) if planned else "-",
                     str(len(s.history)), s.channel.level])
    out.print(fitted_table(CHANNEL_COLUMNS, rows, out.width, title=title))
    for s in shown:
        if s.history:
            out.print(_history(s))


#: a pair's channels: name, status and last use always, the rest as room allows
CHANNEL_COLUMNS = (Column("channel", wrap=True, narrowest=12), Column("status"), Column("last used"),
                   Column("as of", drop=1), Column("next planned", drop=1), Column("seen", drop=2),
                   Column("level", drop=2, wrap=True, narrowest=10))
#: one channel's observations; the evidence wraps, its document id never does
HISTORY_COLUMNS = (Column("date"), Column("status"), Column("medium", drop=1),
                   Column("evidence", wrap=True, narrowest=24))


def _history(summary: ChannelSummary) -> RenderableType:
    rows = [[date_label(obs.date, obs.date_end, obs.date_precision), obs.status, obs.medium or "-",
             _evidence(obs.evidence)] for obs in summary.history]
    return fitted_table(HISTORY_COLUMNS, rows, out.width, show_lines=True,
                        title=f"{summary.channel.name} ({summary.channel.id})")


def _evidence(found: Sequence[ChannelEvidence]) -> Text:
    """The sentences behind an observation, each after its document id, the span in bold."""
    evidence = Text()
    for i, e in enumerate(found):
        if i:
            evidence.append("\n")
        evidence.append(f"[{e.doc_id[:DOC_ID_SHOWN]} #{e.sentence_index}] ", style="dim")
        sentence = " ".join(e.sentence.split())
        span = " ".join(e.span.split()) if e.span else ""
        at = sentence.find(span) if span else -1
        if at >= 0:
            evidence.append(sentence[:at])
            evidence.append(sentence[at:at + len(span)], style="bold")
            evidence.append(sentence[at + len(span):])
        else:
            evidence.append(sentence)
    return evidence


@app.command()
def series(dyad: DyadOption,
           db: DbOption = None,
           freq: Annotated[str, typer.Option(help="week | month | quarter | year.")] = "month",
           mentions: Annotated[bool, typer.Option("--mentions", help="Count every report (mention), not stories.")] = False,
           since: Annotated[Optional[str], typer.Option(help="Earliest story date YYYY-MM-DD.")] = None,
           until: Annotated[Optional[str], typer.Option(help="Latest story date YYYY-MM-DD.")] = None,
           plot: Annotated[Optional[Path], typer.Option(help="Draw the series to this .png or .svg file.")] = None,
           fmt: Annotated[str, typer.Option("--format", help="table | csv | json.")] = "table") -> None:
    """Cooperation and conflict of a pair per period: counts by quad class, mean score, cooperative share."""
    from eventwire.analysis.catalogue import parse_dyad
    from eventwire.analysis.series import dyad_series, plot_series
    if fmt not in ("table", "csv", "json"):
        raise UsageError(f"--format {fmt!r} is not one of table, csv, json")
    pair = "-".join(parse_dyad(dyad))
    warn_unknown_dyad(dyad)
    with _open(db) as store:
        frame = dyad_series(store, pair, freq, mentions=mentions, since=_date(since, "--since"),
                            until=_date(until, "--until"))
    unit = "mentions" if mentions else "stories"
    if plot is not None:
        plot_series(frame, plot, title=f"{pair} {unit} per {freq}", unit=unit)
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
        return
    if fmt == "json":
        out.print_json(frame.to_json(orient="records", date_format="iso"))
        return
    rows = _series_rows(frame, freq)
    out.print(fitted_table(_series_columns(freq, rows, out.width), rows, out.width,
                           title=f"{pair}: {unit} per {freq}"))
    if plot is not None:
        out.print(Text(f"plot written to {plot}"))


#: the count columns' heads where the terminal is narrow
SHORT_HEADS = {"verbal cooperation": "verbal coop", "material cooperation": "material coop",
               "verbal conflict": "verbal conflict", "material conflict": "material conflict"}


def _series_columns(freq: str, rows: list[list[str]], width: int) -> list[Column]:
    """The quad classes by name where they fit, else abbreviated; a week is shown
    by its first day, other periods by their name ("2023-05", "2023Q2")."""
    for heads in (list(SHORT_HEADS), list(SHORT_HEADS.values())):
        figures = [Column(head, wrap=True, narrowest=1, justify="right") for head in heads]
        columns = [Column("week of" if freq == "week" else "period"), *figures,
                   Column("total", justify="right"),
                   Column("mean score", wrap=True, narrowest=1, justify="right"),
                   Column("coop share", drop=1, wrap=True, narrowest=1, justify="right"),
                   Column("start", drop=3)]
        shown = fit_columns(columns, rows, width)
        if shown is not None and len(shown) >= len(columns) - 1:  # at most "start" left out
            break
    return columns


def _series_rows(frame: pd.DataFrame, freq: str) -> list[list[str]]:
    rows = []
    for record in frame.to_dict("records"):
        period = str(record["start"]) if freq == "week" else str(record["period"])
        rows.append([period, *(_cell(record[quad]) for quad in SHORT_HEADS), _cell(record["total"]),
                     _cell(record["mean_score"]), _cell(record["cooperative_share"]),
                     str(record["start"])])
    return rows


def _cell(value: object) -> str:
    if isinstance(value, float):
        return "-" if value != value else f"{value:.2f}"  # NaN: nothing to average
    return str(value)
