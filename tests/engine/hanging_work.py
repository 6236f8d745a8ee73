"""Work that hangs on a marked article where no time bound reaches it, as
native code that never returns would: the timer signal is blocked."""

from __future__ import annotations

import signal
import time
from collections.abc import Sequence

from eventwire.engine.work import process_chunk
from eventwire.records import CodedDocument, InputProblem, RawArticle

MARK = "HANG-THIS-WORKER"


def hang_on_mark(chunk: Sequence[RawArticle]) -> list[CodedDocument | InputProblem]:
    if any(MARK in raw.text for raw in chunk):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(3600)
    return process_chunk(chunk, doc_timeout=1.0)
