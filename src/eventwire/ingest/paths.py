"""Expanding the paths a user gives into the files to read."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from eventwire.ingest.sidecar import is_sidecar
from eventwire.records import InputProblem

logger = logging.getLogger(__name__)


def iter_files(paths: Sequence[str]) -> Iterator[Path | InputProblem]:
    """Files named by ``paths``, folders expanded recursively in sorted order.

    Hidden files and folders inside a folder and sidecar metadata files are
    skipped; a path that does not exist gives an InputProblem.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, set())
        elif not path.exists():
            yield InputProblem(raw, "no such file or folder")
        elif is_sidecar(path):
            logger.debug("%s: sidecar metadata, read with its article", path)
        else:
            yield path


def _walk(folder: Path, seen: set[str]) -> Iterator[Path | InputProblem]:
    real = os.path.realpath(folder)
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield InputProblem(str(folder), f"cannot read folder ({error.strerror})")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") or is_sidecar(path):
            continue
        if entry.is_dir():
            yield from _walk(path, seen)
        else:
            yield path
