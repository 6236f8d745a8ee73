"""The ``eventwire`` program: what must start first, then the command line.

An ``ingest`` on the process pool or a local Dask cluster needs its workers'
coder (spaCy, the dictionary, the lexicon: a second and more to load), and
nothing needs it sooner. So the fork server the workers come from starts
loading it here, before the command line is even imported; on 94 articles
that takes 0.2 s off a 3.2 s run. The options are only peeked at: the
command line still parses and checks them, and a wrong guess costs a second
of a spare core, never a wrong result. An ingest also holds off Python's
garbage collector while it loads (``eventwire.gcpause``).
"""

from __future__ import annotations

import os
import sys

from eventwire.gcpause import pause


def _option(args: list[str], name: str) -> str | None:
    """The value of ``--name VALUE`` or ``--name=VALUE`` (the last one given)."""
    value = None
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith(name + "="):
            value = arg.partition("=")[2]
    return value


def _an_ingest(args: list[str]) -> bool:
    """Whether ``args`` run an ingest (not just ask for its help)."""
    return args[:1] == ["ingest"] and "--help" not in args


def start_workers_early(args: list[str]) -> None:
    """Start the coder loading if ``args`` ask for an ingest on the process pool
    or a local Dask cluster."""
    if not _an_ingest(args):
        return
    engine = _option(args, "--engine") or "process"
    workers = _option(args, "--workers") or os.environ.get("EVENTWIRE_WORKERS")
    try:
        count = int(workers) if workers else None
    except ValueError:
        return  # the command line will say what is wrong with it
    if count is not None and count < 1:
        return
    from eventwire.engine.forkserver import start_early
    try:
        start_early(engine, count, _option(args, "--scheduler"))
    except OSError:  # only a head start: the run itself starts what it needs, or says why not
        pass


def begin(args: list[str]) -> None:
    """What an ingest does before its command line is even imported: hold off
    the garbage collector while the program loads (the engine resumes it once
    its workers run; see ``eventwire.gcpause``), and start the workers' coder."""
    if _an_ingest(args):
        pause()
    start_workers_early(args)


def main() -> None:
    begin(sys.argv[1:])
    from eventwire.cli import main as command_line
    command_line()
