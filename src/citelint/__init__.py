"""citelint: find, parse and check citations of Vietnamese Party and State documents.

The library calls are :func:`extract` (text → citations), :func:`extract_file` (a file →
its citations) and :func:`analyse` (text → an :class:`Article`: its citations, its date and
jurisdiction, and how each citation resolved against a registry), :func:`annotate_text`
(text → the text with each resolved citation a link to its document and findings marked) and
:func:`build_report` (check reports → the model of a corpus report, and its HTML page).
"""

__version__ = "0.1.0"

__all__ = ["Article", "Citation", "CorpusReport", "Deviation", "FileResult", "Options", "analyse", "annotate_text", "build_report",
           "extract", "extract_file", "__version__"]

# The public names are imported on first use: the grammar and parser cost a tenth of a second
# that a `check` answered from its results cache never needs.
_LAZY = {
    "extract": "find.extract",
    "extract_file": "find.extract",
    "FileResult": "find.extract",
    "Citation": "models",
    "Deviation": "models",
    "analyse": "check.analyse",
    "Article": "check.analyse",
    "Options": "config",
    "annotate_text": "report.annotate",
    "build_report": "report.corpus",
    "CorpusReport": "report.corpus",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
