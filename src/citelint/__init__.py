"""citelint: find, parse and check citations of Vietnamese Party and State documents.

The library call is :func:`extract` (text → citations); :func:`extract_file` reads a file.
"""

__version__ = "0.1.0"

from .extract import FileResult, extract, extract_file  # noqa: E402
from .models import Citation, Deviation  # noqa: E402

__all__ = ["Citation", "Deviation", "FileResult", "extract", "extract_file", "__version__"]
