"""The trend of a pair: per period, stories by quad class, mean score, cooperative share."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from eventwire import plover
from eventwire.analysis.cache import load_stories, refresh
from eventwire.analysis.catalogue import Catalogue, parse_dyad
from eventwire.errors import UsageError
from eventwire.store import Store

if TYPE_CHECKING:
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

#: --freq value -> pandas period alias
FREQUENCIES = {"week": "W", "month": "M", "quarter": "Q", "year": "Y"}
COOPERATIVE = ("verbal cooperation", "material cooperation")
COLUMNS = ("period", "start", *plover.QUAD_CLASSES, "total", "mean_score", "cooperative_share")


def _frequency(freq: str) -> str:
    try:
        return FREQUENCIES[freq]
    except KeyError:
        raise UsageError(f"--freq {freq!r} is not one of {', '.join(FREQUENCIES)}") from None


def tabulate(stories: pd.DataFrame, freq: str = "month", *, mentions: bool = False) -> pd.DataFrame:
    """Per period: counts by quad class, total, mean PLOVER score, share of cooperation.

    ``stories`` has ``category``, ``story_date``, ``intensity`` and ``mentions``
    columns; with ``mentions`` every report of a story counts, else each story
    once.  Periods between the first and the last with nothing in them are kept
    (zero counts, no mean).
    """
    alias = _frequency(freq)
    dated = stories.dropna(subset=["story_date"])
    if dated.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    frame = pd.DataFrame({
        "period": pd.PeriodIndex(pd.to_datetime(dated["story_date"]), freq=alias),
        "quad": [plover.quad_class(c) for c in dated["category"]],
        "weight": dated["mentions"].astype(int) if mentions else 1,
        "score": dated["intensity"].astype(float),
    })
    frame["weighted"] = frame["score"] * frame["weight"]
    counts = frame.pivot_table(index="period", columns="quad", values="weight", aggfunc="sum",
                               fill_value=0)
    periods = pd.period_range(frame["period"].min(), frame["period"].max(), freq=alias)
    counts = counts.reindex(index=periods, columns=list(plover.QUAD_CLASSES), fill_value=0)
    grouped = frame.groupby("period")
    total = counts.sum(axis=1)
    out = counts.astype(int)
    out["total"] = total.astype(int)
    out["mean_score"] = (grouped["weighted"].sum() / grouped["weight"].sum()).reindex(periods)
    out["cooperative_share"] = (counts[list(COOPERATIVE)].sum(axis=1) / total.where(total > 0))
    out.insert(0, "start", [p.start_time.date() for p in periods])
    out.insert(0, "period", [str(p) for p in periods])
    out = out.reset_index(drop=True)[list(COLUMNS)]
    out.columns.name = None
    return out


def dyad_series(store: Store, dyad: str, freq: str = "month", *, mentions: bool = False,
                since: date | None = None, until: date | None = None,
                catalogue: Catalogue | None = None, update: bool = True) -> pd.DataFrame:
    """The series of ``dyad`` ("CHN-USA") from the stored stories (see ``tabulate``)."""
    first, second = parse_dyad(dyad)
    _frequency(freq)
    if update:
        refresh(store, catalogue=catalogue)
    stories = load_stories(store, f"{first}-{second}", since=since, until=until)
    return tabulate(stories, freq, mentions=mentions)


#: a figure that fits a page (inches) and the resolution of its PNG: 1200 x 825 pixels
PAGE = (8.0, 5.5)
DPI = 150
QUAD_COLOURS = ("#4c9f70", "#1f6f43", "#e3a33b", "#c2432e")


def series_figure(series: pd.DataFrame, *, title: str = "", unit: str = "stories") -> Figure:
    """Counts by quad class (stacked bars) over the mean score (a line), two panels
    sharing the time axis: one y-axis each, so no two zeros can disagree."""
    import matplotlib

    matplotlib.use("Agg")  # no display: files only
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    starts = pd.to_datetime(series["start"])
    width = _bar_days(starts)
    fig, (counts, score) = plt.subplots(2, 1, sharex=True, figsize=PAGE, layout="constrained",
                                        gridspec_kw={"height_ratios": (3, 2)})
    bottom = pd.Series(0.0, index=series.index)
    for quad, colour in zip(plover.QUAD_CLASSES, QUAD_COLOURS, strict=True):
        counts.bar(starts, series[quad], width=width, bottom=bottom, align="edge", label=quad,
                   color=colour)
        bottom += series[quad]
    counts.set_ylabel(unit)
    counts.yaxis.set_major_locator(MaxNLocator(integer=True))
    # below the time axis, where no bar can hide it
    fig.legend(loc="outside lower center", ncols=4, fontsize=8, frameon=False)
    fig.suptitle(title)
    middles = starts + pd.Timedelta(days=width / 2)
    score.axhline(0, color="grey", linewidth=0.8)
    score.plot(middles, series["mean_score"], color="black", marker="o", markersize=3,
               linewidth=1)
    score.set_ylim(-10, 10)
    score.set_ylabel("mean PLOVER score")
    locator = mdates.AutoDateLocator(maxticks=10)
    score.xaxis.set_major_locator(locator)
    score.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    for axes in (counts, score):
        axes.grid(axis="y", linewidth=0.3)
    return fig


def _bar_days(starts: pd.Series) -> float:
    """Bars a little narrower than the shortest period, in days."""
    gaps = starts.diff().dropna().dt.days
    return 0.8 * float(gaps.min()) if len(gaps) else 20.0


def plot_series(series: pd.DataFrame, path: Path, *, title: str = "",
                unit: str = "stories") -> Path:
    """Draw ``series_figure`` to a PNG or SVG file of a page's size."""
    import matplotlib.pyplot as plt

    if path.suffix.lower() not in (".png", ".svg"):
        raise UsageError(f"cannot draw {path.name}: give a file ending in .png or .svg")
    if series.empty:
        raise UsageError("nothing to draw: no dated stories for this pair and period")
    fig = series_figure(series, title=title, unit=unit)
    try:
        fig.savefig(path, dpi=DPI)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from exc
    finally:
        plt.close(fig)
    log.info("series drawn to %s", path)
    return path
