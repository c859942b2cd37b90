"""Tests for citelint.encoding: file bytes -> text."""

from __future__ import annotations

import codecs
import pickle
import random
import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citelint.text.encoding import (
    Decoded,
    DecodeError,
    decode_bytes,
    decode_tcvn3,
    decode_vni,
    encode_tcvn3,
    encode_vni,
    repair_mojibake,
    vietnamese_score,
)
from citelint.text.legacy_tables import TCVN3_DECODE, TCVN3_VN1_ONLY, VNI_DECODE

QD24 = (
    "Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương "
    "về thi hành Điều lệ Đảng"
)
UBND = "Ủy ban nhân dân thành phố Hà Nội"
PARAGRAPH = (
    "Căn cứ Điều lệ Đảng Cộng sản Việt Nam; căn cứ Quy chế làm việc của Ban Chấp hành "
    "Trung ương, Bộ Chính trị và Ban Bí thư khóa XIII, Ban Chấp hành Trung ương quy định "
    "một số vấn đề về thi hành Điều lệ Đảng như sau.\r\n"
    "Ủy ban nhân dân thành phố Hà Nội tổ chức hội nghị quán triệt, triển khai thực hiện "
    "Nghị quyết số 15-NQ/TW ngày 5/5/2022 của Bộ Chính trị về phương hướng, nhiệm vụ "
    "phát triển Thủ đô Hà Nội đến năm 2030, tầm nhìn đến năm 2045.\n"
    "Đồng chí Bí thư Thành ủy chủ trì; các đại biểu đã thảo luận và thống nhất những "
    "giải pháp trọng tâm để tiếp tục xây dựng, chỉnh đốn Đảng và hệ thống chính trị.\n"
)
SENTENCES = [QD24, UBND, PARAGRAPH]
ENGLISH = (
    "The quick brown fox jumps over the lazy dog. This report describes the build "
    "system, the test suite and the release process of the project.\n"
)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letter + combining tone byte."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in nfc(text):
        d = unicodedata.normalize("NFD", ch)
        marks = "".join(c for c in d if c in tones)
        out.append(nfc("".join(c for c in d if c not in tones)) + marks)
    return "".join(out).encode("cp1258")


def assert_decodes_to(data: bytes, expected: str, encoding: str) -> Decoded:
    d = decode_bytes(data)
    assert isinstance(d, Decoded)
    assert d.encoding == encoding
    assert nfc(d.text) == nfc(expected)
    return d


# --------------------------------------------------------------------------- tables


def test_tcvn3_known_words():
    # The strings are the Windows-1252 / Latin-1 view of the TCVN3 bytes.
    def tcvn(view: str) -> str:
        return decode_tcvn3(view.encode("latin-1"))

    assert tcvn("§¶ng") == "Đảng"
    assert tcvn("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    # VN3 has no capital Ủ, so ABC text writes "U" + "ỷ" (old tone placement).
    assert tcvn("Uû ban nh©n d©n") == "Uỷ ban nhân dân"
    assert tcvn("Bé ChÝnh trÞ") == "Bộ Chính trị"
    assert tcvn("Trung ­¬ng") == "Trung ương"  # ư is 0xAD (soft hyphen in Latin-1)


def test_vni_known_words():
    def vni(view: str) -> str:
        return decode_vni(view.encode("cp1252"))

    assert vni("Vieät Nam") == "Việt Nam"
    assert vni("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert vni("Ñaûng") == "Đảng"
    assert vni("ñoàng chí") == "đồng chí"
    assert vni("Trung öông") == "Trung ương"
    assert vni("VIEÄT NAM") == "VIỆT NAM"
    assert vni("Nghò quyeát") == "Nghị quyết"
    assert vni("UÛy ban nhaân daân") == "Ủy ban nhân dân"


def test_tables_shape():
    assert all(0 <= b <= 0xFF for b in TCVN3_DECODE)
    assert all(len(s) == 1 for s in TCVN3_DECODE.values())
    assert TCVN3_VN1_ONLY <= set(TCVN3_DECODE)
    # the lowercase VN3 letters are all there, each once
    lower = [s for b, s in TCVN3_DECODE.items() if b not in TCVN3_VN1_ONLY and s.islower()]
    assert len(lower) == len(set(lower)) == 67  # 12 vowels x 6 tones, less a e i o u y, plus đ
    assert all(1 <= len(k) <= 2 for k in VNI_DECODE)
    assert len(VNI_DECODE) == 134
    assert len(set(VNI_DECODE.values())) == 134


@pytest.mark.parametrize("text", SENTENCES)
def test_tcvn3_round_trip(text):
    data = encode_tcvn3(text)
    assert data.isascii() is False
    assert decode_tcvn3(data) == nfc(text)


@pytest.mark.parametrize("text", SENTENCES)
def test_vni_round_trip(text):
    assert decode_vni(encode_vni(text)) == nfc(text)


def test_round_trip_whole_alphabet():
    letters = "".join(
        nfc(base + tone)
        for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
        for tone in ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
    ) + "đĐ"
    text = " ".join(letters[i : i + 5] for i in range(0, len(letters), 5))
    assert decode_tcvn3(encode_tcvn3(text)) == text
    assert decode_vni(encode_vni(text)) == text


def test_encoders_reject_unencodable():
    with pytest.raises(ValueError, match="U\\+4E2D"):
        encode_tcvn3("Việt 中")
    with pytest.raises(ValueError):
        encode_tcvn3("giá 5 €")
    with pytest.raises(ValueError):
        encode_tcvn3("©")  # 0xA9 is â in TCVN3
    with pytest.raises(ValueError):
        encode_vni("Việt 中")
    with pytest.raises(ValueError):
        encode_vni("ä")  # 0xE4 is a VNI mark byte
    assert decode_vni(encode_vni("“Nghị quyết” – ©")) == "“Nghị quyết” – ©"


vietnamese_chars = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY0123456789.,;:-/()\"'\n")
    + [nfc(v + t) for v in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY" for t in "\u0300\u0301\u0303\u0309\u0323"]
)


@given(st.text(vietnamese_chars, max_size=80))
def test_property_legacy_round_trips(text):
    assert decode_tcvn3(encode_tcvn3(text)) == nfc(text)
    assert decode_vni(encode_vni(text)) == nfc(text)


# --------------------------------------------------------------------------- decode_bytes


def test_empty():
    assert decode_bytes(b"") == Decoded("", "utf-8")


@pytest.mark.parametrize("text", SENTENCES)
def test_utf8(text):
    d = assert_decodes_to(text.encode("utf-8"), text, "utf-8")
    assert d.text == text  # unchanged, including \r\n
    assert d.notes == ()


def test_utf8_bom():
    d = assert_decodes_to(codecs.BOM_UTF8 + PARAGRAPH.encode(), PARAGRAPH, "utf-8-sig")
    assert not d.text.startswith("\ufeff")
    assert "\r\n" in d.text


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_bom(encoding, bom):
    d = assert_decodes_to(bom + PARAGRAPH.encode(encoding), PARAGRAPH, encoding)
    assert d.text == PARAGRAPH


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [QD24, PARAGRAPH, ENGLISH])
def test_utf16_without_bom(encoding, text):
    d = assert_decodes_to(text.encode(encoding), text, encoding)
    assert d.text == text
    assert d.notes


def test_utf16_bom_odd_length():
    data = codecs.BOM_UTF16_LE + "ab\ncd".encode("utf-16-le") + b"x"
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    err = info.value
    assert "UTF-16" in str(err) and "odd" in str(err)
    assert (err.line, err.column) == (2, 3)
    assert err.offset == len(data) - 1


def test_utf16_bom_unpaired_surrogate():
    data = codecs.BOM_UTF16_BE + "x\nab".encode("utf-16-be") + b"\xd8\x00" + "c".encode("utf-16-be")
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    err = info.value
    assert "surrogate" in str(err)
    assert (err.line, err.column) == (2, 3)
    assert err.offset == 2 + 8


def test_utf16_bom_with_nul_is_binary():
    data = codecs.BOM_UTF16_LE + "ab\ncd\x00e".encode("utf-16-le")
    with pytest.raises(DecodeError, match="binary") as info:
        decode_bytes(data)
    assert (info.value.line, info.value.column) == (2, 3)


@pytest.mark.parametrize("text", SENTENCES)
def test_cp1258(text):
    data = encode_cp1258(text)
    d = assert_decodes_to(data, text, "cp1258")
    assert "Windows-1258" in d.notes[0]


@pytest.mark.parametrize("text", SENTENCES)
def test_tcvn3_bytes(text):
    d = assert_decodes_to(encode_tcvn3(text), text, "tcvn3")
    assert "TCVN3" in d.notes[0]
    assert "\r\n" in d.text or "\r\n" not in text


@pytest.mark.parametrize("text", SENTENCES)
def test_vni_bytes(text):
    d = assert_decodes_to(encode_vni(text), text, "vni")
    assert "VNI" in d.notes[0]


def test_legacy_brief_examples():
    assert_decodes_to(
        "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".encode("cp1252"),
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "vni",
    )
    assert_decodes_to(
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("latin-1"),
        "Cộng hoà xã hội chủ nghĩa Việt Nam",
        "tcvn3",
    )


def test_tcvn3_with_vn1_capitals_is_not_binary():
    # Ứ is 0x11 and Ủ is 0x9E in TCVN 5712: C0 bytes that are letters.
    text = "ỨNG DỤNG công nghệ thông tin. Ủy ban nhân dân tỉnh ban hành kế hoạch.\n" * 3
    data = encode_tcvn3(text)
    assert b"\x11" in data and b"\x02" in data
    assert_decodes_to(data, text, "tcvn3")


@pytest.mark.parametrize("text", SENTENCES)
def test_tcvn3_mojibake_repaired(text):
    # TCVN3 bytes opened as Windows-1252, saved as UTF-8.
    stored = encode_tcvn3(text).decode("cp1252", errors="strict").encode("utf-8")
    d = assert_decodes_to(stored, text, "tcvn3")
    assert d.notes == ("text was TCVN3 (ABC) mojibake stored as UTF-8; converted",)


def test_tcvn3_mojibake_brief_example():
    d = decode_bytes("Uû ban nh©n d©n".encode("utf-8"))
    assert d.encoding == "tcvn3"
    assert d.text == "Uỷ ban nhân dân"  # TCVN3 spells it with the old tone placement
    assert repair_mojibake("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == (
        "Cộng hoà xã hội chủ nghĩa Việt Nam",
        "tcvn3",
    )


@pytest.mark.parametrize("text", SENTENCES)
def test_vni_mojibake_repaired(text):
    stored = encode_vni(text).decode("latin-1").encode("utf-8")  # Latin-1 view this time
    d = assert_decodes_to(stored, text, "vni")
    assert d.notes == ("text was VNI-Windows mojibake stored as UTF-8; converted",)


@pytest.mark.parametrize(
    "text",
    [
        PARAGRAPH,
        QD24,
        UBND,
        ENGLISH,
        "© 2024 Báo Nhân Dân. Bản quyền thuộc về Báo Nhân Dân ®.\n",
        "Copyright © 2023 Example Corp. All rights reserved. Product® and Brand™ are marks.\n",
        "Café, crème brûlée, naïve façade, Übermensch, smørrebrød — déjà vu.\n",
        "Có cá và cà, bà ơi.",  # Vietnamese using Latin-1 letters (and ơ)
        "Có cá và cà, bà à.",  # Vietnamese using only Latin-1 letters
        "Él añadió: «¿qué tal?» — ¡señor Müller!",
        "Uû",  # too short to call
        "v\u00b5 l\u00b5 \u00ae\u00b7",  # "và là đã" in TCVN3 mojibake, but only three words
        # found by property tests against weaker repair rules:
        "ª ª[Å",  # TCVN3 for "ê ê[Ề"
        "T¦ T¦ T¦",  # TCVN3 for "TƯ TƯ TƯ"
        "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý",
    ],
)
def test_no_false_mojibake_repair(text):
    assert repair_mojibake(text) is None
    d = decode_bytes(text.encode("utf-8"))
    assert d == Decoded(text, "utf-8")


def test_line_endings_kept():
    text = "Điều 1.\r\nĐiều 2.\rĐiều 3.\n"
    assert decode_bytes(text.encode()).text == text
    assert nfc(decode_bytes(encode_tcvn3(text)).text) == text
    assert decode_bytes(encode_vni(text + PARAGRAPH)).text.startswith(text)


# --------------------------------------------------------------------------- errors


def test_nul_is_binary_with_position():
    data = "Dòng một\nDòng hai\nabcd\x00efg\n".encode("utf-8")
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    err = info.value
    assert "binary" in str(err)
    assert (err.line, err.column) == (3, 5)
    assert err.offset == data.index(b"\x00")
    assert str(err) == "binary file (NUL byte at line 3, column 5)"


@pytest.mark.parametrize(
    "data,line,column",
    [(b"ab\ncd\x00", 2, 3), (b"\x00abc", 1, 1), (b"abcd\x00\x00efgh", 1, 5), (b"ab\x00c", 1, 3)],
)
def test_short_files_with_nul_are_binary_not_utf16(data, line, column):
    with pytest.raises(DecodeError, match="binary") as info:
        decode_bytes(data)
    assert (info.value.line, info.value.column) == (line, column)


def test_random_bytes_are_binary():
    junk = random.Random(20240501).randbytes(4096)
    with pytest.raises(DecodeError) as info:
        decode_bytes(junk)
    err = info.value
    assert "binary" in str(err)
    assert err.line is not None and err.column is not None and err.offset is not None
    assert err.line == junk[: err.offset].count(b"\n") + 1


def test_png_is_binary():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(7).randbytes(300)
    with pytest.raises(DecodeError) as info:
        decode_bytes(png)
    err = info.value
    assert "binary" in str(err)
    assert (err.offset, err.line, err.column) == (8, 3, 1)


def test_control_bytes_without_nul_are_binary():
    junk = bytes(b for b in random.Random(3).randbytes(3000) if b != 0)
    with pytest.raises(DecodeError) as info:
        decode_bytes(junk)
    assert "binary" in str(info.value)
    assert info.value.line is not None and info.value.column is not None


def test_high_byte_junk_is_not_text():
    junk = bytes(range(0x80, 0x100)) * 8
    with pytest.raises(DecodeError) as info:
        decode_bytes(junk)
    err = info.value
    assert str(err) == (
        "not valid UTF-8 at line 1, column 1 (byte 0x80), and no Vietnamese legacy "
        "encoding (Windows-1258, TCVN3, VNI) fits"
    )
    assert (err.offset, err.line, err.column) == (0, 1, 1)


def test_windows_1258_marks_are_never_ordered_one_by_one(monkeypatch):
    """Windows-1258 bytes include combining marks, and the decoded text is scored in NFC: CPython
    orders a run of marks by insertion (minutes for a long run out of order), so no long run out
    of order may reach it."""
    real = unicodedata.normalize

    def normalize(form, text):
        run, previous = 0, 0
        for c in text:
            cls = unicodedata.combining(c)
            run = run + 1 if cls else 0
            assert not (run > 64 and 0 < cls < previous), "a long run of marks out of order"
            previous = cls
        return real(form, text)

    monkeypatch.setattr(unicodedata, "normalize", normalize)
    # "a", then grave and dot below (U+0300 U+0323, classes 230 and 220) forty thousand times
    with pytest.raises(DecodeError):
        decode_bytes(b"a" + b"\xcc\xf2" * 40_000)


def test_invalid_utf8_position_reported():
    data = "Dòng một\nEnglish text that is \xe9 Latin-1\n".encode("utf-8").replace(
        "\xe9".encode(), b"\xe9"
    )
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    err = info.value
    assert (err.line, err.column) == (2, 22)
    assert "byte 0xE9" in str(err) and "line 2, column 22" in str(err)


def test_invalid_utf8_after_bom():
    data = codecs.BOM_UTF8 + b"ab\ncd\xffef"
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert (info.value.offset, info.value.line, info.value.column) == (8, 2, 3)


def test_decode_error_api():
    err = DecodeError("something odd", offset=10, line=2, column=3)
    assert err.reason == "something odd"
    assert str(err) == "something odd at line 2, column 3"
    assert str(DecodeError("plain")) == "plain"
    again = pickle.loads(pickle.dumps(err))
    assert (again.reason, again.offset, again.line, again.column) == ("something odd", 10, 2, 3)
    assert isinstance(err, Exception)


def test_decode_error_reason_has_no_location():
    """reason is for callers that print their own path:line:column; str() has it all."""
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"one\ntwo\x00")
    err = info.value
    assert err.reason == "binary file (NUL byte)"
    assert str(err) == "binary file (NUL byte at line 2, column 4)"
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) and again.reason == err.reason
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"abc\n\n  \xc3(")
    err = info.value
    assert err.reason == (
        "not valid UTF-8 (byte 0xC3), and no Vietnamese legacy encoding "
        "(Windows-1258, TCVN3, VNI) fits"
    )
    assert str(err) == (
        "not valid UTF-8 at line 3, column 3 (byte 0xC3), and no Vietnamese legacy "
        "encoding (Windows-1258, TCVN3, VNI) fits"
    )


# --------------------------------------------------------------------------- scoring


def test_vietnamese_score_separates():
    for text in SENTENCES:
        assert vietnamese_score(text) > 0.85
    assert vietnamese_score(ENGLISH) < 0.3
    assert vietnamese_score("Uû ban nh©n d©n") < 0.2
    assert vietnamese_score(encode_tcvn3(PARAGRAPH).decode("cp1252")) < 0.2
    assert vietnamese_score(encode_vni(PARAGRAPH).decode("cp1252")) < 0.3
    assert vietnamese_score("") == 0.0
    assert vietnamese_score("12345 ... !!!") == 0.0


@pytest.mark.parametrize("text", SENTENCES)
def test_wrong_legacy_table_scores_low(text):
    """Calibration of the legacy threshold: the right table wins by a wide margin."""
    for data, right in ((encode_tcvn3(text), "tcvn3"), (encode_vni(text), "vni"), (encode_cp1258(text), "cp1258")):
        scores = {
            "tcvn3": vietnamese_score(decode_tcvn3(data)),
            "vni": vietnamese_score(decode_vni(data)),
        }
        try:
            scores["cp1258"] = vietnamese_score(data.decode("cp1258"))
        except UnicodeDecodeError:
            pass
        assert scores[right] > 0.85
        assert all(scores[right] - s > 0.15 for name, s in scores.items() if name != right)


@given(st.text(max_size=300))
def test_property_score_in_range(text):
    assert 0.0 <= vietnamese_score(text) <= 1.0


# --------------------------------------------------------------------------- properties

no_controls = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")), max_size=200
)


@given(no_controls)
@settings(max_examples=300)
def test_property_utf8_text_returned_unchanged(text):
    d = decode_bytes(text.encode("utf-8"))
    expected = text[1:] if text.startswith("\ufeff") else text
    assert d.text == expected
    assert d.encoding == ("utf-8-sig" if text.startswith("\ufeff") else "utf-8")


latin1_words = st.lists(
    st.text(st.characters(min_codepoint=0x41, max_codepoint=0xFF, blacklist_categories=("Cc",)), min_size=1, max_size=8),
    max_size=30,
).map(" ".join)


@given(latin1_words)
@settings(max_examples=300)
def test_property_latin1_text_not_repaired(text):
    # Text made only of Latin-1 characters is where the repair could misfire.
    assert decode_bytes(text.encode("utf-8")).text == text


@given(st.binary(max_size=400))
@settings(max_examples=300)
def test_property_any_bytes_decode_or_raise_decode_error(data):
    try:
        d = decode_bytes(data)
    except DecodeError as err:
        assert str(err)
        assert err.offset is None or 0 <= err.offset <= len(data)
        assert err.line is not None and err.column is not None
    else:
        assert isinstance(d.text, str)
        assert d.encoding in {"utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1258", "tcvn3", "vni"}


# --------------------------------------------------------------------------- size


def test_large_utf8_file_is_linear():
    """Not a benchmark: 5 MB of UTF-8 Vietnamese decodes in one quick pass."""
    unit = PARAGRAPH.encode("utf-8")
    data = unit * (5_000_000 // len(unit) + 1)
    started = time.perf_counter()
    d = decode_bytes(data)
    elapsed = time.perf_counter() - started
    assert d.encoding == "utf-8"
    assert len(d.text) == len(PARAGRAPH) * (5_000_000 // len(unit) + 1)
    print(f"5 MB UTF-8 decoded in {elapsed:.3f}s")


def test_large_legacy_file():
    unit = encode_vni(PARAGRAPH)
    data = unit * 2000  # ~0.8 MB
    d = decode_bytes(data)
    assert d.encoding == "vni"
    assert d.text == nfc(PARAGRAPH) * 2000


def test_a_file_mixing_utf8_and_tcvn3_is_refused_not_read_as_mojibake():
    """Decoding it all as TCVN3 would turn the UTF-8 part into mojibake whose citations are
    then reported as wrong: refused, at the first byte that is not UTF-8."""
    utf8 = "Theo Quy định số 41-QĐ/TW ngày 3/11/2021 của Bộ Chính trị về miễn nhiệm.\n".encode()
    tcvn3 = encode_tcvn3("Nghị quyết số 12-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XI.\n")
    with pytest.raises(DecodeError) as e:
        decode_bytes(utf8 + tcvn3)
    assert (e.value.line, e.value.column) == (2, 4) and "mixed encodings" in str(e.value) and "line 1" in str(e.value)
    assert decode_bytes(tcvn3 * 20).encoding == "tcvn3"  # one legacy encoding alone is still read
