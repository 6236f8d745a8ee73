"""Tables that fit the terminal (issue 25): ids and dates whole, columns left out
least useful first, one block per row when even the needed ones do not fit."""

from __future__ import annotations

from rich.console import Console

from eventwire.terminal import Column, fit_columns, fitted_table, table_width

COLUMNS = (Column("id"), Column("date"), Column("title", wrap=True, narrowest=10),
           Column("agency", drop=2), Column("place", drop=1))
ROWS = [["0123456789ab", "2023-05-04", "Ministers talk about the hotline", "Xinhua", "Beijing"],
        ["ba9876543210", "2024-01-31", "Talks", "Reuters", "Washington"]]


def render(renderable, width: int) -> str:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def test_a_wide_terminal_shows_every_column_on_one_line_a_row() -> None:
    text = render(fitted_table(COLUMNS, ROWS, 120), 120)
    assert "0123456789ab │ 2023-05-04 │ Ministers talk about the hotline │ Xinhua" in text
    assert "left out" not in text


def test_columns_are_left_out_most_droppable_first_and_the_caption_says_so() -> None:
    width = table_width([12, 10, 10, 10])  # room for place (drop 1), not agency (drop 2) too
    assert list(fit_columns(COLUMNS, ROWS, width) or {}) == [0, 1, 2, 4]
    text = render(fitted_table(COLUMNS, ROWS, width), width)
    assert "left out to fit" in text and "agency" in text and "Xinhua" not in text
    assert "Washington" in text
    assert max(map(len, text.splitlines())) <= width


def test_ids_and_dates_are_never_folded_however_narrow() -> None:
    for width in range(30, 100):
        text = render(fitted_table(COLUMNS, ROWS, width), width)
        assert max(map(len, text.splitlines())) <= width, width
        for row in ROWS:
            assert row[0] in text and row[1] in text, width
        assert "…" not in text


def test_too_narrow_for_the_needed_columns_gives_one_block_a_row() -> None:
    text = render(fitted_table(COLUMNS, ROWS, 40, title="2 documents"), 40)
    lines = [line.rstrip() for line in text.splitlines()]
    assert lines[0] == "2 documents"
    assert "id      0123456789ab" in lines and "place   Washington" in lines  # nothing left out


def test_markup_in_cells_is_printed_as_it_is() -> None:
    rows = [["[bold]x[/bold]", "2024-01-01", "[red]title[/red]", "", ""]]
    for width in (120, 30):
        text = render(fitted_table(COLUMNS, rows, width), width)
        assert "[bold]x[/bold]" in text and "[red]title[/red]" in text
