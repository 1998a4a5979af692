"""Arrow tables handed to DuckDB by name, for the length of one statement or a few."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa


@contextmanager
def registered(con: Any, name: str, table: pa.Table) -> Iterator[str]:
    """``table`` visible to SQL on ``con`` as ``name`` inside the block."""
    # DuckDB >= 2 refuses to register while a result is half read (a caller's fetchone()):
    # run that result to its end first. Older versions have no complete() and no such rule.
    complete = getattr(con, "complete", None)
    if complete is not None:
        complete()
    con.register(name, table)
    try:
        yield name
    finally:
        con.unregister(name)
