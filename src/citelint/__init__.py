"""citelint: find, parse and check citations of Vietnamese Party and State documents.

The library call is :func:`extract` (text → citations); :func:`extract_file` reads a file.
"""

import sys as _sys
import types as _types

__version__ = "0.1.0"

__all__ = ["Citation", "Deviation", "FileResult", "extract", "extract_file", "__version__"]

# The public names are imported on first use: the grammar and parser cost a tenth of a second
# that a `check` answered from its results cache never needs.
_LAZY = {"extract": "extract", "extract_file": "extract", "FileResult": "extract", "Citation": "models", "Deviation": "models"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(_types.ModuleType):
    def __setattr__(self, name: str, value) -> None:
        # Importing the submodule citelint.extract binds it as the package's attribute
        # `extract`; the name stays the function's, as `from citelint import extract` promises.
        if name in _LAZY and isinstance(value, _types.ModuleType):
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package
