"""Batch runs on Dask: sharded inputs in, a Parquet dataset and a journal out, then the store.

>>> from kroniek.scale import connect, run_batch, load_dataset
>>> with connect(workers=2) as client:
...     summary = run_batch(["shards/"], "out/", client=client)
>>> with Store("kroniek.duckdb") as store:
...     load_dataset("out/", store)
"""

from kroniek.scale.load import LoadSummary, load_dataset
from kroniek.scale.runner import DEFAULT_CHUNK_SIZE, RunSummary, connect, run_batch

__all__ = ["DEFAULT_CHUNK_SIZE", "LoadSummary", "RunSummary", "connect", "load_dataset", "run_batch"]
