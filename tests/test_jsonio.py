"""Indented JSON is the standard library's, byte for byte, with or without orjson."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citelint import jsonio

orjson = pytest.importorskip("orjson")

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(1 << 70), max_value=1 << 70),
    st.floats(allow_nan=True), st.text(), st.sampled_from(["\u2028", "\x00\x1f\x7f", "\ud800", "é\u0301", "\"\\/"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)), max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(values)
def test_same_bytes_as_the_standard_library(value):
    assert jsonio.dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_orjson_serves_what_it_writes_alike(monkeypatch):
    calls = []
    real = orjson.dumps
    monkeypatch.setattr(jsonio._orjson, "dumps", lambda *a, **k: calls.append(1) or real(*a, **k))
    record = {"code": "CL201", "line": 3, "fix": None, "ok": True, "spans": [{"start": 0, "end": 7}], "text": "số 1-NQ"}
    assert jsonio.dumps_indented(record) == json.dumps(record, ensure_ascii=False, indent=2)
    assert calls  # the fast path was taken
    calls.clear()
    assert jsonio.dumps_indented({"x": 1e-07}) == '{\n  "x": 1e-07\n}'
    assert not calls  # a float goes to the standard library


def test_without_orjson(monkeypatch):
    monkeypatch.setattr(jsonio, "_orjson", None)
    assert jsonio.dumps_indented({"a": [1, "b"]}) == json.dumps({"a": [1, "b"]}, ensure_ascii=False, indent=2)


def test_diagnostic_records_hold_no_float():
    """The JSON format skips the look for floats in a finding's record: its model has none."""
    from citelint.diagnostics import Diagnostic
    from citelint.registry.validate import schema

    def numbers(schema):
        if isinstance(schema, dict):
            if schema.get("type") == "number":
                yield schema
            for v in schema.values():
                yield from numbers(v)
        elif isinstance(schema, list):
            for v in schema:
                yield from numbers(v)

    assert list(numbers(schema(Diagnostic).model_json_schema(mode="serialization"))) == []
