"""Printing the coder's reasons for each sentence (``eventwire code --explain``)."""

from __future__ import annotations

from rich.text import Text

from eventwire.cli import out
from eventwire.coder.decide import SentenceTrace


def _pairs(pairs: list[tuple[str, float]]) -> str:
    return ", ".join(f"{name} {value:.2f}" for name, value in pairs)


def print_traces(traces: list[SentenceTrace]) -> None:
    """One block a sentence: what the words say, what the rules found, what was coded and why not."""
    if not traces:
        out.print("the rules alone coded this text (--model rules): each event's rule is listed above")
        return
    for number, trace in enumerate(traces, 1):
        out.print(Text(f"\n[{number}] {trace.text}", style="bold"))
        out.print(Text(f"    words: P(event) {trace.text_event:.2f}; top categories {_pairs(trace.text_categories)}"))
        for rule in trace.rule_events:
            out.print(Text(f"    rules found: {rule}"))
        if trace.parsed and not trace.rule_events:
            out.print("    rules found: nothing")
        if trace.probabilities:
            out.print(Text(f"    model (words + rules, calibrated): {_pairs(trace.probabilities)}"))
        for category, words in trace.words.items():
            out.print(Text(f"    words weighing for {category}: {_pairs(words)}"))
        for event in trace.coded:
            out.print(Text(f"    coded: {event}"))
        for reason in trace.dropped:
            out.print(Text(f"    not coded: {reason}"))
        if trace.parsed and not trace.coded and not trace.dropped:
            out.print("    not coded: no category reached the model's threshold")
