"""The dyad series: counting per period, and drawing it."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from eventwire.analysis.series import dyad_series, plot_series, tabulate
from eventwire.cli import main
from eventwire.errors import UsageError
from eventwire.store import Store


def stories(*rows: tuple[str, date, int]) -> pd.DataFrame:
    from eventwire.plover import score
    return pd.DataFrame([{"category": c, "story_date": d, "intensity": score(c), "mentions": m}
                         for c, d, m in rows])


FRAME = stories(("CONSULT", date(2023, 1, 5), 3), ("ACCUSE", date(2023, 1, 20), 1),
                ("AID", date(2023, 3, 2), 1), ("CONSULT", date(2023, 3, 30), 1))


def test_counts_by_quad_class_mean_score_and_cooperative_share() -> None:
    out = tabulate(FRAME, "month")
    assert list(out["period"]) == ["2023-01", "2023-02", "2023-03"]  # the empty month is kept
    jan, feb, mar = out.to_dict("records")
    assert (jan["verbal cooperation"], jan["verbal conflict"], jan["total"]) == (1, 1, 2)
    assert jan["mean_score"] == pytest.approx((2.5 - 2.0) / 2)
    assert jan["cooperative_share"] == pytest.approx(0.5)
    assert feb["total"] == 0 and math.isnan(feb["mean_score"])
    assert (mar["material cooperation"], mar["verbal cooperation"]) == (1, 1)
    assert mar["cooperative_share"] == 1.0 and jan["start"] == date(2023, 1, 1)


def test_mentions_count_every_report_of_a_story() -> None:
    jan = tabulate(FRAME, "quarter", mentions=True).to_dict("records")[0]
    assert jan["period"] == "2023Q1" and jan["total"] == 6 and jan["verbal cooperation"] == 4
    assert jan["mean_score"] == pytest.approx((3 * 2.5 + -2.0 + 10.0 + 2.5) / 6)


def test_weeks_and_years_and_nothing() -> None:
    assert len(tabulate(FRAME, "week")) == 13
    assert list(tabulate(FRAME, "year")["total"]) == [4]
    assert tabulate(FRAME.iloc[0:0], "month").empty
    with pytest.raises(UsageError, match="--freq 'fortnight'"):
        tabulate(FRAME, "fortnight")


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_plots_are_written(tmp_path: Path, suffix: str, magic: bytes) -> None:
    path = plot_series(tabulate(FRAME, "month"), tmp_path / f"s{suffix}", title="test")
    assert path.read_bytes().startswith(magic)


def test_the_plot_is_two_panels_one_above_the_other_sharing_the_time_axis() -> None:
    # counts and score on two y-axes of one panel had zeros that disagreed (issue 25)
    from eventwire.analysis.series import series_figure
    fig = series_figure(tabulate(FRAME, "week"), title="t")
    assert len(fig.axes) == 2
    counts, score = fig.axes
    assert counts.get_shared_x_axes().joined(counts, score)
    assert counts.get_position().y0 > score.get_position().y1  # stacked, not twinned
    assert counts.get_ylabel() == "stories" and score.get_ylabel() == "mean PLOVER score"
    assert counts.get_ylim()[0] == 0 and score.get_ylim() == (-10, 10)


def test_a_long_series_is_drawn_on_a_page_not_a_banner(tmp_path: Path) -> None:
    # 150 months were drawn 3500 pixels wide and 450 high
    import struct
    decade = stories(*((("CONSULT" if k % 3 else "ACCUSE"), date(2010 + k // 12, k % 12 + 1, 10), 1)
                       for k in range(150)))
    sizes = set()
    for frame in (tabulate(decade, "month"), tabulate(FRAME, "month")):
        png = plot_series(frame, tmp_path / "s.png").read_bytes()
        sizes.add(struct.unpack(">II", png[16:24]))  # the PNG header's width and height
    assert sizes == {(1200, 825)}


def test_plot_needs_a_known_suffix_and_data(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=".png or .svg"):
        plot_series(tabulate(FRAME, "month"), tmp_path / "s.pdf")
    with pytest.raises(UsageError, match="nothing to draw"):
        plot_series(tabulate(FRAME.iloc[0:0], "month"), tmp_path / "s.png")


def test_series_of_the_china_us_reports(examples_store: Store) -> None:
    out = dyad_series(examples_store, "USA-CHN", "year")
    assert {"2022", "2023", "2024"} <= set(out["period"])
    assert out["total"].sum() > 0
    both = dyad_series(examples_store, "CHN-USA", "year", mentions=True)
    assert (both["total"] >= out.set_index("period").reindex(both["period"])["total"]
            .fillna(0).to_numpy()).all()


def test_series_command_prints_and_draws(examples_store: Store, tmp_path: Path, capsys,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    plot = tmp_path / "chn-usa.png"
    with pytest.raises(SystemExit) as done:
        main(["series", "--dyad", "CHN-USA", "--freq", "quarter", "--plot", str(plot),
              "--db", examples_store.url])
    printed = capsys.readouterr().out
    assert done.value.code == 0 and plot.read_bytes().startswith(b"\x89PNG")
    assert "verbal cooperation" in printed and "2024Q2" in printed
    with pytest.raises(SystemExit):
        main(["series", "--dyad", "CHN-USA", "--format", "csv", "--mentions",
              "--db", examples_store.url])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("period,start,verbal cooperation")


def test_bad_options_are_one_line_errors(examples_store: Store, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["series", "--dyad", "CHN", "--db", examples_store.url])
    assert done.value.code == 2 and "like CHN-USA" in capsys.readouterr().err
