"""Normalisation and the offset maps that lead back to the original text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citelint import extract
from citelint.text.normalize import comparable, nfc, normalize
from citelint.text.offsets import Edit, LineIndex, apply_edits
from citelint.vocabulary import fold, tone_variants
from conftest import finishes_within

CITATION = "Quy định số 24-QĐ/TƯ ngày 30/7/2021 của Ban Chấp hành Trung ương"


def test_nfd_text_is_composed_and_maps_back():
    nfd = unicodedata.normalize("NFD", CITATION)
    assert len(nfd) > len(CITATION)
    n = normalize(nfd)
    assert n.text == CITATION
    # the end of the normalised text is the end of the original
    assert n.offsets.span_to_source(0, len(n.text)) == (0, len(nfd))
    # "số" (composed: 2 chars) covers its three NFD code points
    i = CITATION.index("số")
    a, b = n.offsets.span_to_source(i, i + 2)
    assert nfd[a:b] == unicodedata.normalize("NFD", "số")


def test_citation_in_nfd_text_points_at_the_nfd_characters():
    nfd = "Theo " + unicodedata.normalize("NFD", CITATION) + " hôm nay."
    (c,) = extract(nfd)
    assert c.symbol == "24-QĐ/TW"
    assert c.text == nfd[c.start : c.end]
    assert unicodedata.normalize("NFC", c.text) == CITATION


_COMPOSING = list("ae o\u0301\u0302\u0323\u0309\n\u1100\u1161\u11a8\u212b\u0958\u0344x")


@settings(max_examples=400)
@given(st.lists(st.text(alphabet=st.sampled_from(_COMPOSING), max_size=40), max_size=6), st.integers(0, 9000))
def test_nfc_agrees_with_unicodedata_across_lines_and_blocks(pieces, padding):
    # Hangul jamo, singletons and combining marks, on lines before and after a long NFC stretch
    # (text is checked in blocks of about 4 KB cut after a line break).
    text = "\n".join(pieces[:3]) + ("x" * padding + "\n") + "\n".join(pieces[3:])
    n = normalize(text)
    assert n.text == unicodedata.normalize("NFC", text)
    assert n.offsets.span_to_source(0, len(n.text)) == (0, len(text))
    # every line break maps back to a line break
    for i, ch in enumerate(n.text):
        if ch == "\n":
            assert text[n.offsets.to_source(i)] == "\n"


# Marks of several combining classes (220, 230, 216, 240, Hebrew, Arabic, Devanagari, Tibetan),
# marks that decompose (U+0344, U+0340) and Tibetan signs of class 0 that decompose into marks.
_MARKS = list("\u0301\u0316\u0323\u0302\u031b\u0345\u05b0\u064e\u0651\u093c\u0f71\u0f72\u0f73\u0f75\u0f81\u0344\u0340\u1dce")
_BASES = list("ae\u1ec7\u0f40\u0628\u05e9\u0915\u1100 \n")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_BASES), st.lists(st.sampled_from(_MARKS), max_size=90)), max_size=4))
def test_nfc_of_long_runs_of_marks_is_unicodedatas(runs):
    text = "".join(base + "".join(marks) for base, marks in runs)
    assert nfc(text) == unicodedata.normalize("NFC", text)
    n = normalize(text)
    assert n.text == unicodedata.normalize("NFC", text)
    assert n.offsets.span_to_source(0, len(n.text)) == (0, len(text))


@pytest.mark.parametrize(
    "text, composed",
    [
        # CPython orders marks by insertion: quadratic in a run of marks out of order
        ("a" + "\u0301\u0316" * 250_000, "\u00e1" + "\u0316" * 250_000 + "\u0301" * 249_999),
        ("\u0f40" + "\u0f73" * 250_000, "\u0f40" + "\u0f71" * 250_000 + "\u0f72" * 250_000),
        ("a" + "\u0301" * 1_000_000, "\u00e1" + "\u0301" * 999_999),
    ],
)
def test_long_runs_of_marks_take_linear_time(text, composed):
    with finishes_within(60):
        assert nfc(text) == composed
        assert comparable(text) == composed
        n = normalize(text)
    assert n.text == composed
    assert n.offsets.span_to_source(0, len(n.text)) == (0, len(text))


def test_one_for_one_replacements_keep_length():
    text = "Ðề án 06–ĐA/TU\u00a0ngày\u202f1/1/2020 \u2212 x"
    n = normalize(text)
    assert n.text == "Đề án 06-ĐA/TU ngày 1/1/2020 - x"
    assert n.offsets.maps == [] or all(m.is_identity for m in n.offsets.maps)


def test_invisible_characters_are_removed_and_mapped():
    text = "Nghị\u200b quyết số 15-NQ/\u00adTW"
    n = normalize(text)
    assert n.text == "Nghị quyết số 15-NQ/TW"
    (c,) = extract(text)
    assert c.text == text[c.start : c.end] == text
    assert c.symbol == "15-NQ/TW"


def test_tone_placement_both_conventions():
    assert tone_variants("khóa") == ("khóa", "khoá")
    assert tone_variants("ủy") == ("ủy", "uỷ")
    assert tone_variants("quý") == ("quý",)  # the u of "qu" carries no tone
    assert tone_variants("hoàn") == ("hoàn",)  # not word-final
    assert fold("khoá") == fold("khóa") and fold("Thành uỷ") == fold("thành ủy")
    assert fold("Đ") != fold("D")
    for text in ("Chương trình số 01-CTr/TU của Thành uỷ Hà Nội khoá XVII", "Chương trình số 01-CTr/TU của Thành ủy Hà Nội khóa XVII"):
        (c,) = extract(text)
        assert (c.term, c.issuer_text.split()[0]) == ("XVII", "Thành")


def test_apply_edits_and_line_index():
    text = "ab&amp;cd\nef"
    out, m = apply_edits(text, [Edit(2, 7, "&")])
    assert out == "ab&cd\nef"
    assert m.to_source(3) == 7 and m.to_source(2) == 2 and m.span_to_source(2, 3) == (2, 7)
    lines = LineIndex(text)
    assert lines.line_col(0) == (1, 1)
    assert lines.line_col(10) == (2, 1)
    assert lines.line_col(3) == (1, 4)  # asked out of order: still right


vietnamese = st.text(
    alphabet=st.sampled_from(
        list("aăâeêioôơuưyđĐ QĐTWUNCK-/.,;:0123456789\n\t")
        + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b", "\u00d0", "\u2013", "\u00a0", "\u200b", "\ufeff"]
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(vietnamese, st.text(max_size=80)))
def test_normalising_twice_equals_normalising_once(text):
    once = normalize(text).text
    assert normalize(once).text == once


@settings(max_examples=300, deadline=None)
@given(st.one_of(vietnamese, st.text(max_size=80)))
def test_offset_map_is_monotonic_and_in_range(text):
    n = normalize(text)
    previous = 0
    for i in range(len(n.text) + 1):
        j = n.offsets.to_source(i)
        assert previous <= j <= len(text)
        previous = j
    assert n.offsets.to_source(len(n.text), "end") == len(text)
    assert unicodedata.is_normalized("NFC", n.text)
