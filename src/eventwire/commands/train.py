"""CLI command ``train``: build an event model from labelled sentences."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from eventwire.cli import app, err, out
from eventwire.commands.evaluate import print_real_news


@app.command()
def train(data: Annotated[Optional[list[Path]], typer.Option(
              "--data", help="More training data (repeatable): labelled-sentence files (JSON Lines, "
                             "docs/codebook.md) or real-news gold files anchored in --corpus.")] = None,
          dev: Annotated[Optional[list[Path]], typer.Option(
              help="Real-news gold to calibrate on and report (repeatable), e.g. tests/gold/voa/dev.jsonl.")] = None,
          corpus: Annotated[Optional[Path], typer.Option(
              help="The story corpus real-news gold points into (default: shared/corpus/voa/"
                   "voa_stories.jsonl in a folder above the gold).")] = None,
          out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the model to.")] = Path("eventwire-model"),
          seed: Annotated[int, typer.Option(help="Seed: the same data and seed give the same model.")] = 0,
          name: Annotated[str, typer.Option(help="The model's name, recorded with every event.")] = "eventwire-events",
          version: Annotated[str, typer.Option(help="The model's version.")] = "1",
          no_corpus: Annotated[bool, typer.Option("--no-corpus", help="Leave out the packaged corpus.")] = False
          ) -> None:
    """Train an event model and print its cross-validated and dev figures."""
    from eventwire.coder import DocumentCoder
    from eventwire.evaluate import find_corpus
    from eventwire.evaluate.realnews import evaluate_stories, load_corpus, load_story_gold
    from eventwire.learn.data import gather
    from eventwire.learn.train import train as fit
    started = time.monotonic()

    def progress(message: str) -> None:
        err.print(Text(f"[{time.monotonic() - started:5.0f} s] {message}"), style="dim")

    extra, dev = list(data or []), list(dev or [])
    first_gold = next((p for p in extra + dev if p.suffix == ".jsonl"), None)
    corpus_path = corpus if corpus is not None else (find_corpus(None, first_gold) if first_gold and (
        dev or _has_stories(extra)) else None)
    rules = DocumentCoder(model="rules")
    training = gather(extra, dev, corpus_path, rules, with_corpus=not no_corpus, progress=progress)
    model = fit(training, name=name, version=version, seed=seed, progress=progress)
    if dev:
        progress("coding the dev stories with the new model")
        report = evaluate_stories(load_story_gold(dev), load_corpus(corpus_path),  # type: ignore[arg-type]
                                  DocumentCoder(rules.nlp, rules.dictionary, rules.lexicon, model=model))
        model.figures["dev"] = report.pinned()
        print_real_news(report, errors=False)
    model.trained_on["seconds"] = round(time.monotonic() - started)
    model.save(out_dir)
    out.print(Text("cross-validated (sentence level): " + json.dumps(model.figures["cross_validated"])))
    out.print(Text(f"model {model.label} written to {out_dir} (parse from text P(event) "
                   f"{model.parse_threshold}, code from {model.event_threshold})"))


def _has_stories(paths: list[Path]) -> bool:
    from eventwire.evaluate.gold import shape_of
    return any(p.is_file() and shape_of(p) == "stories" for p in paths)
