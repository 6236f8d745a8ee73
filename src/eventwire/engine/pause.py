"""Imported first by the workers' fork server (``forkserver.PRELOAD_FIRST``): no
garbage collection while it loads Dask and the coder; ``preload`` resumes it."""

from eventwire.gcpause import pause

pause()
