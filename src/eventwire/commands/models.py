"""CLI commands ``models`` (the saved event models) and ``export-training``
(reviewed events as training data)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from eventwire.cli import DbOption, _open, app, out
from eventwire.terminal import Column, fitted_table


@app.command("export-training")
def export_training(db: DbOption = None,
                    output: Annotated[Path, typer.Option(
                        "-o", "--output", help="JSON Lines file to write the labelled sentences to.")] = Path(
                        "reviews.jsonl")) -> None:
    """Write the reviewed events as labelled sentences in the training corpus's format,
    for `eventwire train --data` or a team's pool."""
    from eventwire.learn.reviewed import review_records, write_records
    with _open(db) as store:
        records = review_records(store)
    write_records(records, output)
    positives = sum(1 for r in records if r["events"])
    out.print(Text(f"{len(records)} reviewed sentences written to {output} ({positives} with events, "
                   f"{len(records) - positives} without)"))


@app.command("models")
def models() -> None:
    """List the event models saved in the data folder, with their figures and training data."""
    from eventwire.learn.registry import models_home, saved_models
    found = saved_models()
    if not found:
        out.print(Text(f"no saved models in {models_home()}; train one with `eventwire train`"))
        return
    rows = [[f"{s.name}:{s.version}", _dev(s.figures), _held(s.figures), _trained_on(s.trained_on), str(s.path)]
            for s in found]
    out.print(fitted_table(MODEL_COLUMNS, rows, out.width, title=f"{len(found)} saved models"))


#: the models table: name and figures always, the folder as room allows
MODEL_COLUMNS = [Column("model"), Column("dev end to end", justify="right"),
                 Column("held-out reviews", justify="right"), Column("trained on", wrap=True, drop=1),
                 Column("folder", wrap=True, drop=2)]


def _dev(figures: dict) -> str:
    value = (figures.get("dev") or {}).get("end_to_end", (figures.get("dev_sentences") or {}).get("end_to_end"))
    return "-" if value is None else f"{value:.3f}"


def _held(figures: dict) -> str:
    held = figures.get("held_out_reviews") or {}
    after = (held.get("after") or {}).get("end_to_end")
    before = (held.get("before") or {}).get("end_to_end")
    if after is None:
        return "-"
    return f"{before:.3f} -> {after:.3f}" if before is not None else f"{after:.3f}"


def _trained_on(trained: dict) -> str:
    parts = []
    corpus = trained.get("corpus") or {}
    if corpus.get("files"):
        parts.append(f"corpus {corpus.get('sentences')}")
    parts += [f"{a['file']}" for a in trained.get("added", [])]
    parts += [f"{r['file']} ({r.get('sentences')})" for r in trained.get("real_news", [])]
    if trained.get("reviews"):
        parts.append(f"reviews {trained['reviews']['sentences']}")
    return ", ".join(parts) or "-"
