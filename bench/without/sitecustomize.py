"""Turns off, for one benchmark run, the engine mechanisms named in
``BENCH_WITHOUT`` (comma-separated), so that ``bench/run.py --without``
can time ingest with and without each: on the path of every process of a
benchmark run (main, fork server, workers), and a no-op when the variable
is empty. Python imports ``sitecustomize`` as it starts, before eventwire,
so the modules that import these names take the stand-ins.

- ``launcher``: the fork server is not started before the command line loads;
- ``gcpause``: no garbage-collector pause while loading, no ``gc.freeze``;
- ``malloc``: the glibc tunables are set to glibc's own defaults;
- ``pacing``: Dask's monitors keep their default intervals;
- ``spacy_import``: spaCy is imported with its command line.
"""

import os

WITHOUT = {name for name in os.environ.get("BENCH_WITHOUT", "").split(",") if name}


def _nothing(*_args, **_kwargs):
    return None


if "launcher" in WITHOUT:
    import eventwire.launcher
    eventwire.launcher.start_workers_early = _nothing
if "gcpause" in WITHOUT:
    import gc

    import eventwire.gcpause
    eventwire.gcpause.pause = _nothing
    eventwire.gcpause.resume = _nothing
    gc.freeze = _nothing
if "malloc" in WITHOUT:
    import eventwire.engine.forkserver
    eventwire.engine.forkserver.WORKER_TUNABLES.clear()
if "pacing" in WITHOUT:
    import eventwire.engine.cluster as cluster
    for key in ("distributed.admin.system-monitor.interval", "distributed.admin.tick.interval",
                "distributed.worker.memory.monitor-interval"):
        cluster.LOCAL_CLUSTER_CONFIG.pop(key, None)
    cluster.keep_house = _nothing
if "spacy_import" in WITHOUT:
    import importlib

    import eventwire.spacy_import
    eventwire.spacy_import.import_spacy = lambda: importlib.import_module("spacy")
