"""Expanding the paths a user gives into the files to read.

Only regular files are read. A named pipe, a socket or a device in a folder
is skipped with a reason (reading a pipe that nobody writes to waits for
ever, and a device such as ``/dev/zero`` never ends); one named on the
command line is refused the same way. A symbolic link loop is reported as a
loop, not as a missing file.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from eventwire.ingest.sidecar import is_sidecar
from eventwire.records import InputProblem

logger = logging.getLogger(__name__)

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def source_name(path: Path | str) -> str:
    """``path`` as a source label that can be stored and printed: a name that is
    not valid UTF-8 keeps its odd bytes as ``\\xNN`` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def special_kind(mode: int) -> str:
    """What a file that is not a regular file or a folder is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_regular(mode: int, named: bool) -> str:
    """The one-line problem for a special file, named on the command line or found in a folder."""
    kind = special_kind(mode)
    if named:
        return (f"is {kind}, not a regular file; give files or folders (for a pipe, "
                "give - and send it to standard input)")
    return f"is {kind}, not a regular file; skipped (only regular files are read from folders)"


def iter_files(paths: Sequence[str]) -> Iterator[Path | InputProblem]:
    """Files named by ``paths``, folders expanded recursively in sorted order.

    Hidden files and folders inside a folder and sidecar metadata files are
    skipped; a path that does not exist, a link loop or a special file gives
    an InputProblem.
    """
    for raw in paths:
        path = Path(raw)
        found = _stat(path)
        if isinstance(found, str):
            yield InputProblem(source_name(raw), found)
        elif stat.S_ISDIR(found.st_mode):
            yield from _walk(path, set())
        elif is_sidecar(path):
            logger.debug("%s: sidecar metadata, read with its article", path)
        elif stat.S_ISREG(found.st_mode):
            yield path
        else:
            yield InputProblem(source_name(raw), not_regular(found.st_mode, named=True))


def _stat(path: Path) -> os.stat_result | str:
    """The file's status (links followed), or why there is none."""
    try:
        return path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "is a symbolic link loop (a link that leads back to itself); fix or remove the link"
        if error.errno == errno.ENOENT:
            if path.is_symlink():
                return "is a broken symbolic link (what it points to does not exist)"
            return "no such file or folder"
        if error.errno == errno.ENAMETOOLONG:
            return "the name is too long for this system"
        return f"cannot read ({error.strerror or error})"


def _walk(folder: Path, seen: set[str]) -> Iterator[Path | InputProblem]:
    real = os.path.realpath(folder)
    if real in seen:  # a link back to a folder above: its files are read once already
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield InputProblem(source_name(folder), f"cannot read folder ({error.strerror})")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") or is_sidecar(path):
            continue
        # the directory entry's own type first: no system call for plain files and folders
        if entry.is_file(follow_symlinks=False):
            yield path
            continue
        found = _stat(path) if not entry.is_dir(follow_symlinks=False) else None
        if isinstance(found, str):
            yield InputProblem(source_name(path), found)
        elif found is None or stat.S_ISDIR(found.st_mode):
            yield from _walk(path, seen)
        elif stat.S_ISREG(found.st_mode):
            yield path
        else:
            yield InputProblem(source_name(path), not_regular(found.st_mode, named=False))
