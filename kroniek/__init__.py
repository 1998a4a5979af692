"""kroniek: reads Dutch news articles and writes the chronicle they describe.

``kroniek.read(text_or_path)`` gives one article's records; ``kroniek.open(db)`` a store.
The API is imported on first use, so that ``kroniek --help`` and the light modules do not load
spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Chronicle", "IngestSummary", "__version__", "open", "read"]

if TYPE_CHECKING:
    from kroniek.api import Chronicle, IngestSummary, open, read


def __getattr__(name: str) -> Any:
    if name in ("Chronicle", "IngestSummary", "open", "read"):
        from kroniek import api

        return getattr(api, name)
    raise AttributeError(f"module 'kroniek' has no attribute {name!r}")
