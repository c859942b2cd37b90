"""Validation of a registry file's entries with pydantic, from the records' own declarations.

For each record of :mod:`citelint.registry.model` a pydantic model is made once, with the same
fields, types and defaults, no field it does not declare, and the record's :data:`CHECKS`; an
entry that passes becomes the record.  Only reading a registry's YAML needs this (and pydantic):
a check that reads the registry from its cache never imports it.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, create_model, field_validator

from ..records import REQUIRED, is_record, type_hints
from .model import CHECKS

__all__ = ["ValidationError", "validate"]

_SCHEMAS: dict[type, type[BaseModel]] = {}
_RECORDS: dict[type[BaseModel], type] = {}


def validate(cls, data: Any):
    """The ``cls`` record ``data`` describes; raises :class:`ValidationError` (its errors locate
    what is wrong by field, as a registry error message names it)."""
    return _to_record(schema(cls).model_validate(data))


def schema(cls) -> type[BaseModel]:
    """The pydantic model that validates ``cls``'s entries."""
    model = _SCHEMAS.get(cls)
    if model is None:
        hints = type_hints(cls)
        fields: dict[str, Any] = {}
        for f in cls.__fields__:
            fields[f.name] = (_substitute(hints[f.name]), ... if f.default is REQUIRED else f.default)
        validators = {f"check_{name}": field_validator(name, mode=mode)(check)
                      for name, (mode, check) in CHECKS.get(cls, {}).items()}
        model = create_model(cls.__name__, __config__=ConfigDict(extra="forbid", frozen=True),
                             __validators__=validators, **fields)
        _SCHEMAS[cls] = model
        _RECORDS[model] = cls
    return model


def _substitute(hint):
    """``hint`` with every record class in it replaced by its pydantic model."""
    if is_record(hint):
        return schema(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_substitute(a) for a in args)]
    if origin is tuple:
        return tuple[tuple(a if a is Ellipsis else _substitute(a) for a in args)]
    return hint


def _to_record(value):
    cls = _RECORDS.get(type(value))
    if cls is not None:
        return cls(**{name: _to_record(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, tuple):
        return tuple(_to_record(v) for v in value)
    return value
