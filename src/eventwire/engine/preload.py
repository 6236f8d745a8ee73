"""Imported by the process pool's fork server: loads the coder once, so every
worker forked from the server starts with it (see ``engines.PRELOAD``)."""

import gc

from eventwire.engine.work import warm_up

warm_up()
gc.freeze()
