"""Chunks: every item once, in order; smaller towards the end; a bounded read-ahead."""

from __future__ import annotations

import pytest

from eventwire.engine.chunking import tapered_chunks


@pytest.mark.parametrize("total", [0, 1, 5, 33, 94, 470, 1000])
@pytest.mark.parametrize("size,workers", [(32, 2), (8, 4), (1, 2), (32, 1)])
def test_tapered_chunks_keep_every_item_in_order_and_shrink_towards_the_end(total, size, workers):
    sizes = [len(c) for c in tapered_chunks(range(total), size, workers)]
    assert [i for c in tapered_chunks(range(total), size, workers) for i in c] == list(range(total))
    assert all(1 <= n <= size for n in sizes)
    assert sizes == sorted(sizes, reverse=True)[:-1] + sizes[-1:]  # never grow again, save the remainder
    smallest = max(1, size // 4)
    assert all(n >= smallest for n in sizes[:-1])
    if total >= 4 * workers * size:  # the input's end comes in chunks of a quarter
        assert sizes[0] == size and sizes[-2] == smallest


def test_tapered_chunks_read_the_input_only_two_chunks_a_worker_ahead():
    pulled = []

    def articles():
        for i in range(10_000):
            pulled.append(i)
            yield i

    stream = tapered_chunks(articles(), 32, 2)
    assert len(next(stream)) == 32
    assert len(pulled) == 2 * 2 * 32 + 32  # what a run holds besides its work in flight
    next(stream)
    assert len(pulled) == 2 * 2 * 32 + 64
