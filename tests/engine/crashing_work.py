"""Work that kills its own worker process on a marked article, as a crash in
a native library or the kernel's out-of-memory killer would."""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence

from eventwire.engine.work import process_chunk
from eventwire.records import CodedDocument, InputProblem, RawArticle

MARK = "KILL-THIS-WORKER"


def crash_on_mark(chunk: Sequence[RawArticle]) -> list[CodedDocument | InputProblem]:
    if any(MARK in raw.text for raw in chunk):
        os.kill(os.getpid(), signal.SIGKILL)
    return process_chunk(chunk)
