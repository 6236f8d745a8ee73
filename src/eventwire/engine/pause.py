"""Imported first by the workers' fork server (``engines.PRELOAD_FIRST``): no
garbage collection while it loads Dask and the coder; ``preload`` resumes it."""

from eventwire.gcpause import pause

pause()
