"""A time bound on a block of work: ``TimedOut`` is raised in it once the time is up.

Each document gets one (``--doc-timeout``), so that an input that makes a
stage slow costs a bounded time and is skipped with a reason, wherever it
runs. A process-pool worker, and the command line on one core, code in their
main thread: there a timer signal (SIGALRM) interrupts the work, even inside
a long regular-expression match. A Dask worker codes in a thread of its own,
where no signal is delivered: there a timer thread raises the exception in
the coding thread, at its next Python instruction. The timer thread waits on
a pipe, so that leaving the block wakes it at once: it used to sleep in steps
of 50 ms, and every document waited half a step, twice, for it to notice
(a Dask worker coded in 88 s what half the pool codes in 44).
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from eventwire.errors import EventwireError

#: the default bound on each stage of a document (normalising, coding), in seconds
DOC_TIMEOUT_S = 60.0


class TimedOut(EventwireError):
    """The work went on past its time bound (raised inside it)."""


@contextmanager
def time_bound(seconds: float | None) -> Iterator[None]:
    """Raise ``TimedOut`` inside the block once ``seconds`` have passed;
    ``None`` or 0 sets no bound."""
    if not seconds:
        yield
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _thread_timer(seconds):
            yield


#: how often a bound that has fired strikes again until the work stops: an
#: exception raised while Python runs a callback of its own (a weak
#: reference's, a finaliser) is printed and dropped, not raised in the work
_AGAIN_S = 0.05


class _Armed:
    """Whether a bound may still strike; set once its block is left."""

    def __init__(self) -> None:
        self.armed = True
        self.finished = False  # the timer thread has stopped (thread bounds only)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    state = _Armed()

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        if state.armed:
            raise TimedOut()

    _quiet_dropped_timeouts()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, _AGAIN_S)
    try:
        yield
    finally:
        _leave(lambda: _disarm_alarm(state, previous))


def _disarm_alarm(state: _Armed, previous: signal.Handlers | object) -> None:
    state.armed = False  # first: an alarm that comes now strikes nothing
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)  # type: ignore[arg-type]


@contextmanager
def _thread_timer(seconds: float) -> Iterator[None]:
    state = _Armed()
    thread = threading.get_ident()
    wake_read, wake = os.pipe()  # written as the block is left: the timer stops waiting

    def strike() -> None:
        try:
            wait = seconds
            while state.armed and not select.select([wake_read], [], [], wait)[0]:
                if state.armed:
                    _raise_in(thread, TimedOut)
                wait = _AGAIN_S
        finally:
            state.finished = True

    _quiet_dropped_timeouts()
    try:
        threading.Thread(target=strike, name="eventwire-time-bound", daemon=True).start()
    except BaseException:
        os.close(wake_read)
        os.close(wake)
        raise
    try:
        yield
    finally:
        _leave(lambda: _disarm_thread(state, thread, wake))
        os.close(wake_read)
        os.close(wake)


def _disarm_thread(state: _Armed, thread: int, wake: int) -> None:
    state.armed = False
    os.write(wake, b"x")  # a system call, no lock: an exception must not find one held
    while not state.finished:  # the timer thread wakes at once and stops
        time.sleep(0.0001)
    _raise_in(thread, None)  # one set as the timer stopped, withdrawn before it strikes


def _leave(disarm: Callable[[], None]) -> None:
    """Disarm a bound as its block ends, however often it strikes meanwhile
    (until it is disarmed, nothing stops it striking again)."""
    while True:
        try:
            disarm()
            return
        except TimedOut:
            continue


def _raise_in(thread: int, exception: type[BaseException] | None) -> None:
    """Raise ``exception`` in the thread ``thread`` at its next Python
    instruction (None: withdraw one that has not been raised yet)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread),
                                               ctypes.py_object(exception) if exception else None)


def _quiet_dropped_timeouts() -> None:
    """Leave out of the terminal the timeouts Python drops itself (raised in
    one of its callbacks, where they cannot be raised): the bound strikes
    again, and its document is reported once, as skipped."""
    if getattr(sys.unraisablehook, "eventwire_quiet", False):
        return
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, TimedOut):
            previous(unraisable)

    hook.eventwire_quiet = True  # type: ignore[attr-defined]
    sys.unraisablehook = hook
