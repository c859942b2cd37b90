"""Records: the frozen, slotted classes that carry data between stages, and their JSON form.

A check builds tens of thousands of these per dense file, and every process that runs one
declares them: a record class is made in a fraction of a millisecond (one generated
``__init__``; a dataclass generates six functions, a pydantic model a schema), holds its values
in slots, and validates nothing.  pydantic is used only where untrusted data comes in (the
registry's YAML; see :mod:`citelint.registry.validate`).  The JSON form of a record is what
pydantic's ``model_dump(mode="json")`` gives for the same declaration (but for the order of the
fields: see :func:`_dumper`): dates as ISO strings, tuples as lists, nested records as objects;
a field declared with ``exclude()`` is left out.

    class Pinpoint(Record):
        article: str | None = None
        clause: str | None = None

Fields are the annotations of the class body, in order; construction is by keyword only;
records compare and hash by their values, and cannot be changed (:func:`replace` makes a copy).
"""

from __future__ import annotations

import datetime as dt
import operator
import types
import typing
from typing import Any, Callable, NamedTuple

REQUIRED = object()  # the default of a field that has none


class Field(NamedTuple):
    name: str
    default: Any  # REQUIRED when the field has none
    excluded: bool  # kept out of the JSON form and the repr


class _Exclude(NamedTuple):
    default: Any


def exclude(default: Any = None) -> Any:
    """A field kept out of the record's JSON form and its repr (the text a report carries for
    code frames)."""
    return _Exclude(default)


class _RecordType(type):
    def __new__(mcls, name: str, bases: tuple, namespace: dict):
        if not any(isinstance(b, _RecordType) for b in bases):  # Record itself
            return super().__new__(mcls, name, bases, namespace)
        fields = []
        for field_name in namespace.get("__annotations__", {}):
            value = namespace.pop(field_name, REQUIRED)
            excluded = isinstance(value, _Exclude)
            fields.append(Field(field_name, value.default if excluded else value, excluded))
        namespace["__slots__"] = tuple(f.name for f in fields)
        namespace["__fields__"] = tuple(fields)
        cls = super().__new__(mcls, name, bases, namespace)
        cls.__init__ = _make_init(cls, fields)
        values = operator.attrgetter(*cls.__slots__) if len(fields) > 1 else (lambda obj, n=fields[0].name: (getattr(obj, n),))
        cls._values = staticmethod(values)  # the field values, as a tuple
        return cls


def _make_init(cls, fields: list[Field]):
    # keyword-only arguments, required ones first (as a dataclass with kw_only allows any order)
    params = [f.name for f in fields if f.default is REQUIRED] + [f"{f.name}=_d_{f.name}" for f in fields if f.default is not REQUIRED]
    body = "".join(f"    _set(self, {f.name!r}, {f.name})\n" for f in fields) or "    pass\n"
    namespace = {f"_d_{f.name}": f.default for f in fields if f.default is not REQUIRED}
    namespace["_set"] = object.__setattr__
    exec(f"def __init__(self, *, {', '.join(params)}):\n{body}", namespace)  # noqa: S102 - names of our own fields
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


class Record(metaclass=_RecordType):
    """The base of records (see the module's documentation)."""

    __slots__ = ()
    __fields__: tuple[Field, ...] = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is frozen")

    def __eq__(self, other: Any) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values(self) == other._values(other)

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in self.__fields__ if not f.excluded)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self):
        return _rebuild, (type(self), self._values(self))


def _rebuild(cls, values: tuple):
    return cls(**dict(zip(cls.__slots__, values)))


def replace(obj, **changes):
    """A copy of the record ``obj`` with ``changes``."""
    values = dict(zip(obj.__slots__, obj._values(obj)))
    values.update(changes)
    return type(obj)(**values)


_DUMPERS: dict[type, Callable[[Any], dict]] = {}


def to_json(obj, given: dict[str, Any] | None = None) -> dict:
    """The JSON-ready dict of the record ``obj``; ``given``: the JSON of some of its fields,
    already made (the citation two findings share)."""
    dump = _DUMPERS.get(type(obj))
    if dump is None:
        dump = _DUMPERS[type(obj)] = _dumper(type(obj))
    return dump(obj, given)


def _dumper(cls) -> Callable[[Any], dict]:
    # The order citelint's JSON has always had: the fields with a default, then the others, each
    # in declaration order (reports compared as text stay the same).
    fields = [f for f in cls.__fields__ if not f.excluded]
    names = tuple(f.name for f in fields if f.default is not REQUIRED) + tuple(f.name for f in fields if f.default is REQUIRED)
    hints = type_hints(cls)
    # what each field's value needs to become JSON, from its declared type; most need nothing
    converted = [(i, convert) for i, convert in enumerate(_json_converter(hints[name]) for name in names)
                 if convert is not None]
    values_of = operator.attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

    def dump(obj, given: dict[str, Any] | None = None) -> dict:
        values = list(values_of(obj))
        for i, convert in converted:
            value = values[i]
            if value is not None:
                values[i] = given[names[i]] if given and names[i] in given else convert(value)
        return dict(zip(names, values))

    return dump


_SCALARS = (str, int, float, bool, type(None))


def _json_converter(annotation) -> Callable[[Any], Any] | None:
    """What a value of ``annotation`` (not None) needs to become JSON: None when nothing."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation in _SCALARS or origin is typing.Literal:
        return None
    if annotation is dt.date:
        return dt.date.isoformat
    if is_record(annotation):
        return to_json
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            return _json_converter(inner[0])
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _json_converter(args[0])
        return list if item is None else (lambda value, item=item: [item(v) for v in value])
    return _json_value


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, Record):
        return to_json(value)
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def field_names(cls) -> tuple[str, ...]:
    return cls.__slots__


def type_hints(cls) -> dict[str, Any]:
    """The declared types of ``cls``'s fields, resolved (the modules declare them as strings)."""
    return typing.get_type_hints(cls)


def is_record(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, Record) and value is not Record


_BUILDERS: dict[type, tuple[Callable, list[tuple[str, Callable, Any]]]] = {}


def from_json(cls, data: dict):
    """A ``cls`` record from its JSON form, without validation beyond the shapes: the data is
    trusted to be what :func:`to_json` wrote (a results cache entry, a report from a worker or a
    cluster); anything malformed raises (``ValueError``, ``TypeError``, ``KeyError``).  It is
    plain JSON: nothing in it runs code."""
    if not isinstance(data, dict):
        raise ValueError("not a record")
    built = _BUILDERS.get(cls)
    if built is None:
        hints = type_hints(cls)
        fields = [(f.name, _converter(hints[f.name]), f.default) for f in cls.__fields__]
        built = _BUILDERS[cls] = (cls, fields)
    construct, fields = built
    values = {}
    for name, convert, default in fields:
        if name in data:
            values[name] = convert(data[name])
        elif default is REQUIRED:
            raise ValueError(f"{cls.__name__}.{name} missing")
        else:
            values[name] = default
    return construct(**values)


def _converter(annotation) -> Callable[[Any], Any]:
    """How a JSON value becomes a value of ``annotation``: records and dates built, tuples made."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if is_record(annotation):
        return lambda v, c=annotation: from_json(c, v)
    if annotation is dt.date:
        return lambda v: v if isinstance(v, dt.date) else dt.date.fromisoformat(v)
    if origin is tuple:
        item = _converter(args[0]) if args else (lambda v: v)
        return lambda v, item=item: tuple(item(x) for x in v)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            convert = _converter(inner[0])
            return lambda v, convert=convert: None if v is None else convert(v)
    return lambda v: v
