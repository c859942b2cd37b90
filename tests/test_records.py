"""Records: frozen, slotted, compared by value, with the JSON form pydantic gives them."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import pytest

from citelint.diagnostics import ArticleContext, Diagnostic, DocumentRef, FileReport, Fix, Resolution, TextEdit
from citelint.models import Citation, Deviation, Pinpoint
from citelint.records import Record, exclude, from_json, replace, to_json
from citelint.registry.model import Document, Meeting, ReplacedBy
from citelint.registry.validate import schema, validate


class Sample(Record):
    name: str
    when: dt.date | None = None
    parts: tuple[Pinpoint, ...] = ()
    hidden: str | None = exclude()


def _citation() -> Citation:
    return Citation(kind="party", start=3, end=20, line=1, column=4, end_line=1, end_column=21, text="Nghị quyết số 19-NQ/TW",
                    number="19", date=dt.date(2021, 7, 30), pinpoint=Pinpoint(article="5"),
                    deviations=(Deviation(code="dash", message="m", start=5, end=6, found="–", replacement="-"),))


def _diagnostic() -> Diagnostic:
    doc = DocumentRef(id="tw-nq-19-2021", type="Nghị quyết", issuer="Ban Chấp hành Trung ương", date=dt.date(2021, 7, 30))
    return Diagnostic(path="a.md", start=3, end=20, line=1, column=4, end_line=1, end_column=21, code="CL301", name="x",
                      severity="error", message="m", citation=_citation(),
                      fix=Fix(message="f", edits=(TextEdit(start=1, end=2, replacement="-"),)),
                      resolution=Resolution(resolved=doc, via="symbol"))


def test_keyword_only_with_defaults_and_required_fields():
    s = Sample(name="a")
    assert (s.name, s.when, s.parts, s.hidden) == ("a", None, (), None)
    with pytest.raises(TypeError):
        Sample("a")  # keyword only
    with pytest.raises(TypeError):
        Sample()  # name is required
    with pytest.raises(TypeError):
        Sample(name="a", other=1)  # no such field


def test_frozen_and_slotted():
    s = Sample(name="a")
    with pytest.raises(AttributeError):
        s.name = "b"
    with pytest.raises(AttributeError):
        del s.name
    assert not hasattr(s, "__dict__")


def test_equality_and_hash_by_value():
    assert Sample(name="a", when=dt.date(2020, 1, 1)) == Sample(name="a", when=dt.date(2020, 1, 1))
    assert Sample(name="a") != Sample(name="b")
    assert Sample(name="a", hidden="x") != Sample(name="a")  # the text a report carries counts
    assert len({Sample(name="a"), Sample(name="a"), Sample(name="b")}) == 2
    assert Pinpoint(article="1") != Sample(name="1")


def test_replace_makes_a_changed_copy():
    s = Sample(name="a", hidden="text")
    t = replace(s, hidden=None, name="b")
    assert (s.name, s.hidden, t.name, t.hidden) == ("a", "text", "b", None)
    with pytest.raises(TypeError):
        replace(s, nope=1)


def test_repr_leaves_out_excluded_fields():
    assert repr(Sample(name="a", hidden="secret")) == "Sample(name='a', when=None, parts=())"


@pytest.mark.parametrize("make", [_citation, _diagnostic,
                                  lambda: FileReport(path="a.md", context=ArticleContext(year=2021), diagnostics=(_diagnostic(),),
                                                     source="text")])
def test_pickle_and_copy_keep_the_record(make):
    value = make()
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value
    assert copy.copy(value) == value


def test_json_form_is_pydantics_in_citelints_field_order():
    d = _diagnostic()
    record = to_json(d)
    assert record == schema(Diagnostic).model_validate(record).model_dump(mode="json")
    # fields with a default first, then the required ones: the order citelint's JSON has had
    assert list(record)[:4] == ["help", "fix", "citation", "resolution"]
    assert list(record)[4:6] == ["path", "start"]
    assert record["citation"]["date"] == "2021-07-30"
    assert record["citation"]["deviations"][0]["replacement"] == "-"
    assert record["fix"]["edits"] == [{"start": 1, "end": 2, "replacement": "-"}]


def test_json_form_leaves_out_excluded_fields_and_reads_back():
    report = FileReport(path="a.md", context=ArticleContext(date=dt.date(2021, 1, 2), date_confidence="high"),
                        citations=2, diagnostics=(_diagnostic(),), source="the text")
    record = to_json(report)
    assert "source" not in record
    assert from_json(FileReport, record) == replace(report, source=None)


def test_from_json_refuses_what_is_not_a_record():
    with pytest.raises(ValueError):
        from_json(Pinpoint, ["5"])
    with pytest.raises(ValueError):
        from_json(TextEdit, {"start": 1, "end": 2})  # replacement missing


def test_registry_validation_applies_the_checks_and_builds_records():
    doc = validate(Document, {"id": "tw-qd-24-2021", "type": "Quy định", "number": "24", "issuer": "tw", "date": "2021-07-30",
                              "sources": ["https://example.org"], "replaced_by": {"id": "x", "effective": "2022-01-01"},
                              "meeting": {"kind": "plenum", "number": 4, "term": "XII"}})
    assert isinstance(doc, Document) and isinstance(doc.replaced_by, ReplacedBy) and isinstance(doc.meeting, Meeting)
    assert doc.date == dt.date(2021, 7, 30) and doc.sources == ("https://example.org",)
    from pydantic import ValidationError

    for bad in ({"date": "30/7/2021"}, {"number": 24}, {"type": "Công văn mật"}, {"sources": []}, {"colour": "red"}):
        with pytest.raises(ValidationError):
            validate(Document, {"id": "a", "type": "Quy định", "issuer": "tw", "sources": ["s"], **bad})
