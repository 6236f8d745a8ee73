"""Work that sleeps long, noting when it starts: a pool busy with slow chunks."""

from __future__ import annotations

import os
import time
from pathlib import Path


def sleep_long(chunk: list[str]) -> list[str]:
    Path(os.environ["EVENTWIRE_TEST_MARKS"], f"{os.getpid()}").touch()
    time.sleep(120)
    return chunk
