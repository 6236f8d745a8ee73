"""Analyses over the stored events: stories, military communication channels, dyad series.

>>> from eventwire.analysis import channel_summary, dyad_series
>>> for s in channel_summary(store, "CHN-USA"):  # doctest: +SKIP
...     print(s.channel.name, s.status, s.last_used)
>>> dyad_series(store, "CHN-USA", "month")  # doctest: +SKIP

Names are imported lazily: the catalogue and the story rules load without
pandas, SQLAlchemy or spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "Catalogue": "catalogue", "Channel": "catalogue", "load_catalogue": "catalogue",
    "parse_dyad": "catalogue", "dyad_key": "catalogue",
    "Story": "stories", "build_stories": "stories", "same_story": "stories",
    "ChannelObservation": "observations", "ChannelEvidence": "observations",
    "observe": "channels", "STATUSES": "observations",
    "refresh": "cache", "load_stories": "cache", "load_observations": "cache",
    "ChannelSummary": "summary", "channel_summary": "summary",
    "dyad_series": "series", "tabulate": "series", "plot_series": "series",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"eventwire.analysis.{_WHERE[name]}"), name)
    raise AttributeError(name)
