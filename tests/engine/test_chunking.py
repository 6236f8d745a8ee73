"""Chunks: every item once, in order; smaller towards the end; a bounded read-ahead."""

from __future__ import annotations

import pytest

from eventwire.engine.chunking import TAPER, tapered_chunks, windowed


@pytest.mark.parametrize("total", [0, 1, 5, 33, 94, 470, 1000])
@pytest.mark.parametrize("size,workers", [(32, 2), (8, 4), (1, 2), (32, 1)])
def test_tapered_chunks_keep_every_item_in_order_and_shrink_towards_the_end(total, size, workers):
    sizes = [len(c) for c in tapered_chunks(range(total), size, workers)]
    assert [i for c in tapered_chunks(range(total), size, workers) for i in c] == list(range(total))
    assert all(1 <= n <= size for n in sizes)
    assert sizes == sorted(sizes, reverse=True)[:-1] + sizes[-1:]  # never grow again, save the remainder
    smallest = max(1, size // TAPER)
    assert all(n >= smallest for n in sizes[:-1])
    if total >= 4 * workers * size:  # the input's end comes in chunks of a sixteenth
        assert sizes[0] == size and sizes[-2] <= 2 * smallest


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


class _Later:
    """A stand-in future: it holds the chunk it was submitted with, done at once."""

    def __init__(self, chunk):
        self.chunk = chunk


def test_windowed_keeps_the_items_in_flight_under_the_window_and_yields_in_order():
    in_flight = []
    most = []

    def submit(chunk):
        in_flight.append(chunk)
        most.append(sum(len(c) for c in in_flight))
        return _Later(chunk)

    def result(chunk, future, pending):
        in_flight.remove(chunk)
        return [x * 10 for x in future.chunk]

    chunks = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10], [11], [12], [13]]
    assert list(windowed(submit, chunks, 8, result)) == [x * 10 for x in range(1, 14)]
    assert max(most) <= 8 + 3  # the window, and at most one chunk over it while it is refilled


def test_windowed_keeps_many_small_chunks_in_flight_where_it_would_keep_few_large_ones():
    # counted in chunks, four small chunks at the end of an input would have
    # waited on the oldest, large one: a worker done with its own sat idle
    in_flight = []
    most_chunks = []

    def submit(chunk):
        in_flight.append(chunk)
        most_chunks.append(len(in_flight))
        return _Later(chunk)

    def result(chunk, future, pending):
        in_flight.remove(chunk)
        return future.chunk

    chunks = [[0] * 8, [0] * 8, [0], [0], [0], [0], [0], [0]]
    assert len(list(windowed(submit, chunks, 16, result))) == 22
    assert max(most_chunks) == 7  # one large chunk and six small ones, 14 items
