"""CLI command ``evaluate``: the coder's figures on gold files or folders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table
from rich.text import Text

from eventwire.cli import ModelOption, app, out, use_model

#: the widest a category label is printed in a confusion matrix's columns
MATRIX_LABEL = 4


@app.command()
def evaluate(gold: Annotated[list[Path], typer.Argument(
                 help="Gold files or folders: the real-news gold (tests/gold/voa/*.jsonl), PLOVER "
                      "sentence records, or eventwire document records.")],
             corpus: Annotated[Optional[Path], typer.Option(
                 help="The story corpus the real-news gold points into (default: "
                      "shared/corpus/voa/voa_stories.jsonl in a folder above the gold).")] = None,
             as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
             errors: Annotated[bool, typer.Option(help="List every disagreement too.")] = False,
             model: ModelOption = None) -> None:
    """Score the coder against gold data."""
    from eventwire.evaluate import evaluate as run_evaluation
    use_model(model)
    result = run_evaluation(gold, corpus=corpus)
    if as_json:
        out.print_json(json.dumps(result.as_dict(with_errors=errors)))
        return
    if result.real_news is not None:
        print_real_news(result.real_news, errors)
    if result.sentences is not None:
        print_sentences(result.sentences, errors)
    if result.documents is not None:
        d = result.documents
        out.print(Text(f"documents: precision {d.precision:.3f}  recall {d.recall:.3f}  F1 {d.f1:.3f}  "
                       f"actor accuracy {d.actor_accuracy:.3f}  (tp {d.tp}, fp {d.fp}, fn {d.fn})"))
        if errors:
            for line in d.missed:
                out.print(Text(f"  missed   {line}"))
            for line in d.spurious:
                out.print(Text(f"  spurious {line}"))


def _summary(title: str, rows: list[tuple[str, str]]) -> None:
    table = Table(title=title, show_header=False)
    for label, value in rows:
        table.add_row(label, value)
    out.print(table)


def _per_category(per: dict[str, dict[str, float]]) -> None:
    table = Table(title="per category")
    for column in ("category", "P", "R", "F1", "n"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for name, f in per.items():
        table.add_row(name, f"{f['precision']:.2f}", f"{f['recall']:.2f}", f"{f['f1']:.2f}", str(f["support"]))
    out.print(table)


def print_confusion(confusion: dict[str, dict[str, int]], limit: int = 15) -> None:
    """The confusion matrix where the terminal is wide enough, else its most
    frequent off-diagonal cells, one a line."""
    labels = sorted(set(confusion) | {p for row in confusion.values() for p in row})
    needed = max(map(len, labels), default=4) + 3 + len(labels) * (MATRIX_LABEL + 3)
    if needed <= out.width:
        matrix = Table(title="confusion (rows: gold, columns: coder)")
        matrix.add_column("")
        for label in labels:
            matrix.add_column(label[:MATRIX_LABEL], justify="right", no_wrap=True)
        for gold_label in labels:
            row = confusion.get(gold_label, {})
            matrix.add_row(gold_label, *(str(row.get(p, "")) for p in labels))
        out.print(matrix)
        return
    cells = sorted(((n, g, p) for g, row in confusion.items() for p, n in row.items() if g != p), reverse=True)
    out.print(f"most frequent confusions (gold -> coder), {min(limit, len(cells))} of {len(cells)}:")
    for n, g, p in cells[:limit]:
        out.print(Text(f"  {n:>4}  {g} -> {p}"))


def print_calibration(rows: list[dict[str, float]], error: float) -> None:
    table = Table(title=f"calibration (expected calibration error {error:.3f})")
    for column in ("confidence", "events", "mean", "right"):
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(f"{row['low']:.1f}-{row['high']:.1f}", str(int(row["events"])),
                      f"{row['confidence']:.2f}", f"{row['right']:.2f}")
    out.print(table)


def print_real_news(report: Any, errors: bool) -> None:
    det, ev = report.detection, report.events
    _summary(f"real news: {report.sentences} sentences, {report.event_sentences} with events", [
        ("event detection P / R / F1", f"{det['precision']:.3f} / {det['recall']:.3f} / {det['f1']:.3f}"),
        ("category accuracy (detected)", f"{report.category_accuracy:.3f}"),
        ("end to end (a miss is wrong)", f"{report.end_to_end:.3f}"),
        ("events P / R / F1", f"{ev['precision']:.3f} / {ev['recall']:.3f} / {ev['f1']:.3f}"),
        ("actor / recipient country", f"{report.actor_country_accuracy:.3f} / {report.recipient_country_accuracy:.3f}"),
        ("expected calibration error", f"{report.expected_calibration_error:.3f}")])
    _per_category(report.per_category)
    print_confusion(report.confusion)
    print_calibration(report.calibration, report.expected_calibration_error)
    if errors:
        for e in report.errors:
            out.print(Text(f"{e['story']} [{e['sentence']}] {e['anchor']}…: gold {'/'.join(e['gold'])}, "
                           f"coder {'/'.join(e['coded'])} ({e['rule'] or e['reason'] or '-'})"))


def print_sentences(report: Any, errors: bool) -> None:
    det = report.detection
    _summary(f"{report.sentences} sentences", [
        ("event detection P / R / F1", f"{det['precision']:.3f} / {det['recall']:.3f} / {det['f1']:.3f}"),
        ("category accuracy", f"{report.category_accuracy:.3f}"),
        ("category macro-F1", f"{report.category_macro_f1:.3f}"),
        ("actor country / sector", f"{report.actor_country_accuracy:.3f} / {report.actor_sector_accuracy:.3f}"),
        ("recipient country / sector",
         f"{report.recipient_country_accuracy:.3f} / {report.recipient_sector_accuracy:.3f}"),
        ("mode F1", f"{report.mode_f1:.3f}"), ("context F1", f"{report.context_f1:.3f}"),
        ("date accuracy", f"{report.date_accuracy:.3f}")])
    _per_category(report.per_category)
    print_confusion(report.confusion)
    if errors:
        for e in report.errors:
            out.print(Text(f"{e['id']}: gold {e['gold']}, coder {e['predicted']} ({e['rule']}): {e['text']}"))
