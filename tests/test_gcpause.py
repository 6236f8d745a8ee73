"""Holding off the garbage collector while a process loads."""

from __future__ import annotations

import gc

from eventwire import gcpause


def test_pause_holds_off_the_youngest_generation_and_resume_restores_it(gc_collector) -> None:
    gcpause.pause()
    assert gcpause.paused()
    assert gc.get_threshold() == (gcpause.LOADING_THRESHOLD, *gc_collector[1:])
    gcpause.pause()  # twice: still the thresholds of before the first
    gcpause.resume()
    assert not gcpause.paused()
    assert gc.get_threshold() == gc_collector


def test_resume_freezes_what_was_loaded(gc_collector) -> None:
    gc.unfreeze()
    gcpause.pause()
    loaded = [{"n": i} for i in range(1000)]
    gcpause.resume()
    assert gc.get_freeze_count() >= len(loaded)


def test_resume_without_a_pause_changes_nothing(gc_collector) -> None:
    gc.unfreeze()
    gcpause.resume()
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == gc_collector
