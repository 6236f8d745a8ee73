"""Imported by the workers' fork server (``forkserver.PRELOAD``): loads the coder
once, so every worker forked from the server starts with it."""

import gc

from eventwire.engine.work import warm_up
from eventwire.gcpause import resume

warm_up()
# what is loaded stays put: the workers' garbage collector need not walk it,
# and walking it would copy the pages the workers share with the server
gc.freeze()
resume()  # the collector, held off while the server loaded (``engine.pause``)
