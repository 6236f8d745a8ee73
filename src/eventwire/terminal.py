"""Tables that fit the terminal.

Ids and dates are never folded: a folded id cannot be copied into ``eventwire
show``, and ``2019-…`` says nothing. When the columns do not fit, the least
useful ones are left out (the table's caption says which); when even the
needed ones do not fit, every row becomes a block of ``name  value`` lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

Cell = str | Text

#: what Rich's default table adds per column (a space either side and a
#: border), and once for the closing border
PER_COLUMN = 3
EDGE = 1


@dataclass(frozen=True, slots=True)
class Column:
    """A table column and what it may give up to fit.

    ``drop``: 0 is always shown; columns with higher numbers are left out
    first (the rightmost first among equals). ``wrap``: False for ids, dates
    and codes, which are shown whole; True for free text, squeezed down to
    ``narrowest`` characters.
    """

    name: str
    drop: int = 0
    wrap: bool = False
    narrowest: int = 12
    justify: str = "left"


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _longest_line(cells: Sequence[Cell]) -> int:
    return max((len(line) for cell in cells for line in _plain(cell).splitlines()), default=0)


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def needed_width(column: Column, cells: Sequence[Cell]) -> int:
    """The fewest characters ``column`` needs for ``cells`` (a wrapped column's
    header may wrap at spaces)."""
    if not column.wrap:
        return max(len(column.name), _longest_line(cells))
    return max(_longest_word(column.name), min(column.narrowest, _longest_line(cells)))


def table_width(widths: Sequence[int]) -> int:
    """The width of a Rich table whose columns hold ``widths`` characters."""
    return sum(widths) + PER_COLUMN * len(widths) + EDGE


def fit_columns(columns: Sequence[Column], rows: Sequence[Sequence[Cell]],
                width: int) -> dict[int, int] | None:
    """The columns to show in ``width`` characters, by index, with their widths;
    None when even the columns that are always shown do not fit."""
    cells = [[row[i] for row in rows] for i in range(len(columns))]
    needed = {i: needed_width(c, cells[i]) for i, c in enumerate(columns)}
    # the most droppable first, and among equals the rightmost
    for index in sorted(needed, key=lambda i: (-columns[i].drop, -i)):
        if table_width(list(needed.values())) <= width:
            break
        if columns[index].drop == 0:
            return None
        del needed[index]
    if table_width(list(needed.values())) > width:
        return None
    # room to spare goes to wrapped text first, then to heads on one line
    wanted = {i: max(needed[i], _longest_line(cells[i]), len(columns[i].name)) for i in needed}
    return _widen(needed, wanted, width - table_width(list(needed.values())))


def _widen(widths: dict[int, int], wanted: dict[int, int], spare: int) -> dict[int, int]:
    """Share ``spare`` characters out, the narrowest column that wants more first."""
    widths = dict(widths)
    while spare > 0:
        hungry = [i for i in widths if widths[i] < wanted[i]]
        if not hungry:
            break
        narrowest = min(hungry, key=lambda i: (widths[i], i))
        widths[narrowest] += 1
        spare -= 1
    return widths


def fitted_table(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int, *,
                 title: str | None = None, show_lines: bool = False) -> RenderableType:
    """``rows`` as a table ``width`` characters wide at most, or as blocks when narrower."""
    shown = fit_columns(columns, rows, width)
    if shown is None:
        return blocks(columns, rows, title=title)
    table = Table(title=title, show_lines=show_lines)
    for i, size in shown.items():
        c = columns[i]
        table.add_column(c.name, justify=c.justify, no_wrap=not c.wrap,  # type: ignore[arg-type]
                         overflow="fold", width=size)
    for row in rows:
        table.add_row(*(_text(row[i]) for i in shown))
    left_out = [c.name for i, c in enumerate(columns) if i not in shown]
    if left_out:
        table.caption = f"left out to fit {width} columns: {', '.join(left_out)}"
    return table


def blocks(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], *,
           title: str | None = None) -> RenderableType:
    """One block of ``name  value`` lines per row, a blank line between blocks."""
    parts: list[RenderableType] = []
    if title:
        parts.append(Text(title, style="italic"))
    for row in rows:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(overflow="fold")
        for column, cell in zip(columns, row, strict=True):
            if _plain(cell):
                grid.add_row(column.name, _text(cell))
        parts.extend((Text(""), grid))
    return Group(*parts)


def _text(cell: Cell) -> Text:
    """Article text is plain text, never Rich markup."""
    return cell if isinstance(cell, Text) else Text(cell)
