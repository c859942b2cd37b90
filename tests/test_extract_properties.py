"""Properties that hold for any text: extraction never raises, spans are sound."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citelint import extract
from citelint.registry.validate import schema, validate
from citelint.text.normalize import normalize

# Pieces of real citations and their surroundings, glued at random: far more likely than
# random characters to reach the grammar's corners.
PIECES = [
    "Nghị quyết", "nghị quyết", "Quy định", "Quyết định", "Chương trình", "Đề án", "Kế hoạch", "các", "Ðề án",
    "số", "Số:", "số12", " ", "  ", ", ", " và ", "\n", "\t", "(", ")", "“", "”", '"', ";", ".",
    "24", "01", "2021", "30/7/2021", "24-9-2013", "ngày", "ngày22", "tháng", "năm", "-", "/", "–", " - ", " / ",
    "QĐ", "NQ", "CTr", "Ctr", "TW", "TƯ", "T.Ư", "TU", "NĐ-CP", "QĐ-TTg", "QH13", "UBND",
    "của", "Ban Chấp hành Trung ương", "Bộ Chính trị", "Thành ủy Hà Nội", "khóa", "khoá", "XII", "17",
    "Trung ương", "Hội nghị", "lần thứ", "tư", "Đại hội", "đại biểu toàn quốc", "Đảng", "về",
    "thi hành Điều lệ Đảng", "COVID-19", "Quý I/2019", "\u200b", "\u00a0", "e\u0302\u0301",
]

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=200),
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_never_raises_and_spans_are_sound(text):
    found = extract(text)
    previous_end = 0
    for c in found:
        assert 0 <= c.start <= c.end <= len(text)
        assert c.text == text[c.start : c.end]
        assert c.start >= previous_end  # in order, never overlapping
        previous_end = c.end
        if c.number is not None:
            # the span contains the number it reports, as the reader sees it: composed, and
            # without invisible characters ("24\u200b24" reads 2424)
            assert c.number in normalize(c.text).text
        for d in c.deviations:
            assert 0 <= d.start <= d.end <= len(text)
            assert d.found == text[d.start : d.end]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.text(max_size=30), st.text(max_size=30))
def test_context_does_not_change_a_full_citation(middle, before, after):
    """A full citation surrounded by arbitrary text on other lines is found the same."""
    citation = "Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương"
    text = before.replace("\n", " ") + "\n" + citation + "\n" + after
    found = [c for c in extract(text) if c.symbol == "24-QĐ/TW"]
    assert len(found) == 1
    assert found[0].date.isoformat() == "2021-07-30"
    assert found[0].text == citation


def test_citations_are_valid_models():
    """Citations are built without validation for speed; they must be exactly what validation
    of the same data gives."""
    from citelint.models import Citation

    text = (
        "Quy định số 24-QĐ/TƯ ngày 30/7/2021 của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng; "
        "Nghị quyết TW4 khóa 11; Ðề án 06-ÐA/TU; Nghị quyết số 18, Nghị quyết số 19-NQ/TW; Chương trình 01; "
        "Nghị quyết số 12-NQ/TW ngày 30/2/2021; Thông báo 70-TB/TWngày 1/1/2020"
    )
    found = extract(text)
    # "Điều lệ Đảng", named in the title of 24-QĐ/TW, is a citation of its own (the Party Charter)
    assert [c.number or c.plenum or c.type_name for c in found] == ["24", "Điều lệ", 4, "06", "18", "19", "01", "12", "70"]
    # pydantic, the reference: what the extractor builds without validation has the declared
    # types, and the record is pydantic's JSON form of it
    model = schema(Citation)
    for c in found:
        assert validate(Citation, c.record()) == c
        assert model.model_validate(c.record()).model_dump(mode="json") == c.record()
