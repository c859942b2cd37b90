"""Reading registry YAML with positions.

PyYAML's libyaml composer gives nodes with positions; this module turns them into values
itself, which is how duplicate keys, unquoted dates and impossible dates are caught with their
position instead of crashing the loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..gcpause import cyclic_gc_paused
from ..i18n import _


class UnquotedDate(str):
    """A plain YAML scalar that YAML would read as a timestamp: dates must be quoted."""


class YMap(dict):
    """A mapping that remembers where it and each of its keys were written (0-based)."""

    __slots__ = ("mark", "key_marks")


class YList(list):
    __slots__ = ("mark", "item_marks")


@dataclass
class RegistryError:
    path: str
    line: int  # 1-based
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line, node.start_mark.column


def _value(node, path: str, errors: list[RegistryError], seen: set[int] | None = None) -> Any:
    import yaml

    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        # An alias makes the composer hand out the same node again: refused, so that a few
        # hundred bytes cannot expand to gigabytes (an "alias bomb") or recurse without end.
        seen = set() if seen is None else seen
        if id(node) in seen:
            line, col = _mark(node)
            errors.append(RegistryError(path, line + 1, col + 1, _("aliases (*name) are not allowed in a registry file: "
                                                                     "write each entry out")))
            return None
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        out = YMap()
        out.mark = _mark(node)
        out.key_marks = {}
        for key_node, value_node in node.value:
            key = _value(key_node, path, errors, seen)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                line, col = _mark(key_node)
                first = out.key_marks[key]
                errors.append(RegistryError(path, line + 1, col + 1, _('duplicate key {key!r} (first at line {value})').format(key=key, value=first[0] + 1)))
                continue
            out.key_marks[key] = _mark(key_node)
            out[key] = _value(value_node, path, errors, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = YList(_value(n, path, errors, seen) for n in node.value)
        out.mark = _mark(node)
        out.item_marks = [_mark(n) for n in node.value]
        return out
    # scalars: resolved by tag; timestamps are never constructed (an impossible one would crash)
    tag, text = node.tag, node.value
    if not node.style:  # plain (libyaml says "", the pure-Python parser None)
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):
            return text.lower() in ("true", "yes", "on")
        if tag.endswith(":int"):
            try:
                return int(text.replace("_", ""), 0)
            except ValueError:
                return text
        if tag.endswith(":float"):
            try:
                return float(text)
            except ValueError:
                return text
        if tag.endswith(":timestamp"):
            return UnquotedDate(text)
    return text


def read_yaml(text: str | bytes, path: str) -> tuple[Any, list[RegistryError]]:
    import yaml  # only when a registry is read, not when it comes from the cache

    errors: list[RegistryError] = []
    try:
        with cyclic_gc_paused():
            node = yaml.compose(text, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [RegistryError(path, line, col, _('YAML syntax error: {value}').format(value=e.problem or e))]
    except yaml.YAMLError as e:
        return None, [RegistryError(path, 1, 1, _('YAML error: {e}').format(e=e))]
    if node is None:
        return None, errors
    return _value(node, path, errors), errors
