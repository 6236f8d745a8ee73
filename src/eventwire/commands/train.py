"""CLI command ``train``: build an event model from labelled sentences."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from eventwire.cli import DbOption, _open, app, err, out
from eventwire.commands.evaluate import print_real_news
from eventwire.errors import UsageError


@app.command()
def train(data: Annotated[Optional[list[Path]], typer.Option(
              "--data", help="More training data (repeatable): labelled-sentence files (JSON Lines, "
                             "docs/codebook.md) or real-news gold files anchored in --corpus.")] = None,
          dev: Annotated[Optional[list[Path]], typer.Option(
              help="Real-news gold to calibrate on and report (repeatable), e.g. tests/gold/voa/dev.jsonl.")] = None,
          corpus: Annotated[Optional[Path], typer.Option(
              help="The story corpus real-news gold points into (default: shared/corpus/voa/"
                   "voa_stories.jsonl in a folder above the gold).")] = None,
          out_dir: Annotated[Optional[Path], typer.Option(
              "--out", help="Folder to write the model to (default: saved under its name and version in "
                            "the data folder, where `--model NAME` finds it).")] = None,
          seed: Annotated[int, typer.Option(help="Seed: the same data and seed give the same model.")] = 0,
          name: Annotated[str, typer.Option(help="The model's name, recorded with every event.")] = "eventwire-events",
          version: Annotated[Optional[str], typer.Option(
              help="The model's version (default: the next free one of its name).")] = None,
          no_corpus: Annotated[bool, typer.Option("--no-corpus", help="Leave out the packaged corpus.")] = False,
          with_reviews: Annotated[bool, typer.Option(
              "--with-reviews", help="Add the events analysts reviewed in --db (accepted, corrected, rejected, "
                                     "missed), holding out a share to measure on.")] = False,
          db: DbOption = None,
          held_out: Annotated[float, typer.Option(
              "--held-out", help="The share of reviewed documents held out to measure on (0 to 0.9).")] = 0.2,
          folds: Annotated[int, typer.Option(
              help="Folds of the text model's out-of-fold scores (fewer: faster, 2 to 10).")] = 4,
          ) -> None:
    """Train an event model and print its cross-validated and dev figures; with
    --with-reviews, also the figures on held-out reviews before and after."""
    from eventwire.coder import DocumentCoder
    from eventwire.evaluate import find_corpus
    from eventwire.evaluate.realnews import evaluate_stories, load_corpus, load_story_gold
    from eventwire.learn.data import gather
    from eventwire.learn.registry import load_model
    from eventwire.learn.retrain import Reviews, compare, save_path, store_reviews
    from eventwire.learn.train import train as fit
    if not 0 <= held_out <= 0.9 or not 2 <= folds <= 10:
        raise UsageError("--held-out must be between 0 and 0.9 and --folds between 2 and 10")
    target, version = save_path(out_dir, name, version)
    started = time.monotonic()

    def progress(message: str) -> None:
        err.print(Text(f"[{time.monotonic() - started:5.0f} s] {message}"), style="dim")

    extra, dev = list(data or []), list(dev or [])
    first_gold = next((p for p in extra + dev if p.suffix == ".jsonl"), None)
    corpus_path = corpus if corpus is not None else (find_corpus(None, first_gold) if first_gold and (
        dev or _has_stories(extra)) else None)
    rules = DocumentCoder(model="rules")
    reviews = Reviews([], [])
    if with_reviews:
        with _open(db) as store:
            reviews = store_reviews(store, rules, held_out)
        progress(f"{len(reviews.train)} reviewed sentences to learn from, {len(reviews.held)} held out")
    training = gather(extra, dev, corpus_path, rules, with_corpus=not no_corpus, reviews=reviews.train,
                      review_documents=reviews.documents or None, progress=progress)
    model = fit(training, name=name, version=version, seed=seed, folds=folds, progress=progress)
    if with_reviews:
        model.figures["held_out_reviews"] = compare(load_model(), model, reviews.held_examples)
        _print_held(model.figures["held_out_reviews"])
    if dev:
        progress("coding the dev stories with the new model")
        report = evaluate_stories(load_story_gold(dev), load_corpus(corpus_path),  # type: ignore[arg-type]
                                  DocumentCoder(rules.nlp, rules.dictionary, rules.lexicon, model=model))
        model.figures["dev"] = report.pinned()
        print_real_news(report, errors=False)
    model.trained_on["seconds"] = round(time.monotonic() - started)
    model.save(target)
    out.print(Text("cross-validated (sentence level): " + json.dumps(model.figures["cross_validated"])))
    out.print(Text(f"model {model.label} written to {target} (parse from text P(event) "
                   f"{model.parse_threshold}, code from {model.event_threshold})"))
    if out_dir is None:
        out.print(Text(f"code with it: --model {name} (or --model {name}:{version})"))


def _print_held(figures: dict) -> None:
    if not figures["sentences"]:
        out.print("no reviewed sentences held out: review events in more documents to measure the new model")
        return
    for when in ("before", "after"):
        if when in figures:
            label = figures.get("before_model", "") if when == "before" else "new model"
            out.print(Text(f"held-out reviews ({figures['sentences']} sentences), {when} ({label}): "
                           + json.dumps(figures[when])))


def _has_stories(paths: list[Path]) -> bool:
    from eventwire.evaluate.gold import shape_of
    return any(p.is_file() and shape_of(p) == "stories" for p in paths)
