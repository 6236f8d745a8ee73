"""Imported by the workers' fork server (``forkserver.PRELOAD``): loads the coder
once, so every worker forked from the server starts with it."""

from eventwire.engine.work import warm_up

warm_up()
