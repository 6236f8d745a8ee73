"""Running the pipeline's unit of work here, on every core, or on a Dask cluster."""

from eventwire.engine.engines import ENGINES, default_workers, run
from eventwire.engine.work import process_chunk

__all__ = ["ENGINES", "default_workers", "process_chunk", "run"]
