"""Indented JSON as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, byte for byte,
faster where orjson is installed (``pip install 'citelint-vn[fast]'``).

The standard library encodes indented JSON in pure Python (its C encoder serves only compact
output), which made JSON the slowest part of a run with many findings.  orjson's
``OPT_INDENT_2`` writes the same bytes for what citelint writes (strings, integers, booleans,
null, lists and dicts with string keys); for what it would write otherwise — a float (orjson
spells ``1e-07`` as ``1e-7``), an integer past 64 bits, a lone surrogate, a key that is not a
string — the standard library's encoder is used, so the output never depends on whether orjson
is there.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

try:  # optional: the standard library is the fallback
    import orjson as _orjson
except ImportError:  # pragma: no cover - exercised by the tests with orjson hidden
    _orjson = None


def _has_float(value: Any) -> bool:
    stack = [value]
    while stack:
        x = stack.pop()
        t = type(x)
        if t is dict:
            stack.extend(x.values())
        elif t is list or t is tuple:
            stack.extend(x)
        elif t is float:
            return True
    return False


def dumps_indented(value: Any, *, floats: bool = True) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``.  ``floats=False`` says that the value
    holds no float (as a record of a model without float fields), sparing the look for one."""
    if _orjson is not None and not (floats and _has_float(value)):
        try:
            return _orjson.dumps(value, option=_orjson.OPT_INDENT_2).decode("utf-8")
        except TypeError:  # an integer past 64 bits, a lone surrogate, a key that is not a string
            pass
    return json.dumps(value, ensure_ascii=False, indent=2)


def dump_indented(value: Any, out: TextIO) -> None:
    """``json.dump(value, out, ensure_ascii=False, indent=2)``."""
    out.write(dumps_indented(value))
