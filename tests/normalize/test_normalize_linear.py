"""Normalising costs the length of the text, not its square (issue 26).

A 990 kB text of one paragraph had not finished normalising after 500 s: the
lead was the whole paragraph, and the words before every date and weekday
were read back to the start of their sentence.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from eventwire.normalize.clues import MAX_CLUES, all_constraints, lead

#: one endless paragraph: weekdays, years, dates without a year, persons, no full stop
HOSTILE = ("on Monday and Tuesday in 2019 the army said on October 20 it will meet in "
           "early June since May 3 as Xi Jinping told former President Donald Trump ")


def test_the_lead_is_the_first_sentences_however_long_the_paragraph():
    text = "The talks ended on Monday. " * 40_000  # one paragraph of a million characters
    found = lead(text)
    assert 1 <= len(found) <= 10 and sum(map(len, found)) <= 5000


def test_clues_of_one_kind_are_kept_to_the_first_few():
    text = " ".join(f"They met on {month} {day}." for month in ("March", "April", "May")
                    for day in range(1, 29))
    labels = [c.label for c in all_constraints(text, date(2024, 12, 31))]
    assert len([label for label in labels if "'on " in label]) == MAX_CLUES
    assert len(labels) == len(set(labels))  # each clue once


def test_a_long_paragraph_full_of_dates_normalises_in_bounded_time_and_memory():
    # in a process of its own, so that a regression is killed rather than
    # left running: before, this took more than ten minutes; now a few seconds
    # (the limit leaves room for a busy machine)
    code = f"""
from eventwire.normalize import normalize
from eventwire.records import RawArticle
text = ({HOSTILE!r} * 7000)[:600_000]
document = normalize(RawArticle(source="long.txt", text=text))
assert len(document.text) > 590_000, len(document.text)
# VmHWM is this program's own peak: ru_maxrss also counts the parent's size
# from before exec, which made a large pytest process fail this test
print(next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) < 1_000_000  # kB: under 1 GB (1.74 GB at 600 kB before)
