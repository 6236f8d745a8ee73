"""CLI commands of the analyses: ``channels`` and ``series`` (issue 6)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from eventwire.cli import DbOption, _date, _open, app, out
from eventwire.errors import UsageError

if TYPE_CHECKING:
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
    with _open(db) as store:
        summaries = channel_summary(store, dyad, _date(since, "--since"), catalogue=catalogue)
    if as_json:
        out.print_json(json.dumps([s.to_dict() for s in summaries]))
        return
    shown = [s for s in summaries if s.history or show_all]
    overview = Table(title=f"channels of {summaries[0].channel.dyad}: {sum(1 for s in summaries if s.history)} "
                           f"of {len(summaries)} seen")
    for column in ("channel", "level", "status", "as of", "last used", "next planned", "seen"):
        overview.add_column(column, overflow="fold")
    for s in shown:
        planned = s.next_planned
        overview.add_row(Text(s.channel.name), s.channel.level, s.status, _day(s.status_date),
                         _day(s.last_used),
                         date_label(planned.date, planned.date_end, planned.date_precision) if planned else "-",
                         str(len(s.history)))
    out.print(overview)
    for s in shown:
        if s.history:
            out.print(_history(s))


def _history(summary: ChannelSummary) -> Table:
    table = Table(title=f"{summary.channel.name} ({summary.channel.id})", show_lines=True)
    for column in ("date", "status", "medium", "evidence"):
        table.add_column(column, overflow="fold")
    for obs in summary.history:
        evidence = Text()
        for i, e in enumerate(obs.evidence):
            if i:
                evidence.append("\n")
            evidence.append(f"[{e.doc_id[:12]} #{e.sentence_index}] ", style="dim")
            sentence = " ".join(e.sentence.split())
            at = sentence.find(" ".join(e.span.split())) if e.span else -1
            if at >= 0:
                evidence.append(sentence[:at])
                evidence.append(sentence[at:at + len(" ".join(e.span.split()))], style="bold")
                evidence.append(sentence[at + len(" ".join(e.span.split())):])
            else:
                evidence.append(sentence)
        table.add_row(date_label(obs.date, obs.date_end, obs.date_precision), obs.status,
                      obs.medium or "-", evidence)
    return table


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
    table = Table(title=f"{pair}: {unit} per {freq}")
    for column in frame.columns:
        table.add_column(str(column), justify="left" if column in ("period", "start") else "right")
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    out.print(table)
    if plot is not None:
        out.print(Text(f"plot written to {plot}"))


def _cell(value: object) -> str:
    if isinstance(value, float):
        return "-" if value != value else f"{value:.2f}"  # NaN: nothing to average
    return str(value)
