"""kroniek: reads Dutch news articles and writes the chronicle they describe."""

from kroniek.api import Chronicle, IngestSummary, read
from kroniek.api import open as open

__version__ = "0.1.0"
__all__ = ["Chronicle", "IngestSummary", "__version__", "open", "read"]
