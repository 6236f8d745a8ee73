"""Holding off Python's cyclic garbage collector while a process loads.

A process that imports Dask and spaCy and loads the coder makes some 200,000
objects that live as long as it does. The collector, meanwhile, walks them
again and again as they pile up: 393 collections and a fifth of the 1.1 s of
CPU the workers' fork server spent loading (measured with ``gc.callbacks``).
Paused, the server loaded in 0.76-0.80 s. What loading left as garbage,
some 85,000 small objects (about a megabyte), is frozen with the rest rather
than collected: collecting it would cost 0.09 s. Python's documentation
gives the same recipe for a process that forks workers: no collection in
the parent, ``gc.freeze()`` before the fork.
"""

from __future__ import annotations

import gc

#: allocations between two collections of the youngest generation while
#: paused: more than a load makes, so none runs
LOADING_THRESHOLD = 1_000_000

_before: tuple[int, int, int] | None = None


def pause() -> None:
    """Hold off the collector until ``resume``."""
    global _before
    if _before is None:
        _before = gc.get_threshold()
        gc.set_threshold(LOADING_THRESHOLD, *_before[1:])


def paused() -> bool:
    """Whether the collector is held off."""
    return _before is not None


def resume() -> None:
    """Let the collector run as before, leaving out for good what was loaded
    (``gc.freeze``): it lives as long as the process. Does nothing unless
    ``pause`` was called."""
    global _before
    if _before is not None:
        gc.freeze()
        gc.set_threshold(*_before)
        _before = None
