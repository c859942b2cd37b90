"""Turn the bytes of an input file into text.

What ``decode_bytes`` accepts, in the order it tries:

1. empty input;
2. a byte-order mark: UTF-8 (``utf-8-sig``), UTF-16 LE, UTF-16 BE;
3. UTF-16 without a BOM, recognised by its regular pattern of NUL bytes;
4. (anything else with a NUL byte, or with many control bytes, is a binary file);
5. strict UTF-8, after which Vietnamese legacy text that went through a Latin-1 /
   Windows-1252 editor and was re-saved as UTF-8 ("mojibake") is converted back;
6. the Vietnamese legacy encodings Windows-1258, TCVN3 (ABC) and VNI-Windows, the
   one whose result looks most like Vietnamese (``vietnamese_score``) winning.

The text is returned as decoded: the BOM is dropped, but line endings are kept and no
Unicode normalisation is done here (Windows-1258 text keeps its combining tone marks;
the normalisation stage composes them).  TCVN3 and VNI results are already NFC.

Everything that looks at the content (scoring, sniffing) reads a bounded prefix, so the
cost of decoding a large UTF-8 file is a few C-level passes over its bytes.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..errors import DecodeError
from ..i18n import _
from .legacy_tables import TCVN3_DECODE, VNI_DECODE
from .normalize import nfc
from .offsets import LineIndex

__all__ = [
    "Decoded",
    "DecodeError",
    "decode_bytes",
    "vietnamese_score",
    "decode_tcvn3",
    "encode_tcvn3",
    "decode_vni",
    "encode_vni",
    "repair_mojibake",
]

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Decoded:
    text: str  # decoded text, BOM removed, NOT NFC-normalised, line endings as in the file
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1258", "tcvn3", "vni"
    notes: tuple[str, ...] = ()  # human-readable remarks


# --------------------------------------------------------------------------- constants

_SCORE_PREFIX = 65536  # characters of text scored by vietnamese_score
_SNIFF_PREFIX = 65536  # bytes examined for control bytes
_UTF16_SNIFF = 4096  # bytes examined for the BOM-less UTF-16 NUL pattern

# A legacy decoding is accepted when its score reaches this (calibrated in the tests:
# Vietnamese decoded with the right table scores > 0.85; with a wrong table < 0.45).
_LEGACY_THRESHOLD = 0.55
# Mojibake repair: the repaired text must score at least this, beat the original by
# the margin, have this many words, and contain this many distinct common Vietnamese
# words written with diacritics (của, được, nhân, ...).  Weaker rules were broken by
# property tests: "ª ª[Å" is TCVN3 for "ê ê[Ề", "T¦ T¦ T¦" for "TƯ TƯ TƯ".
_REPAIR_MIN_SCORE = 0.6
_REPAIR_MARGIN = 0.3
_REPAIR_MIN_SYLLABLES = 3
_REPAIR_MIN_WORDS = 4

_ENCODING_NAMES = {
    "cp1258": "Windows-1258",
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI-Windows",
}

# Control bytes that never occur in text.  Allowed: \t \n \v \f \r, SUB (0x1A, DOS
# end-of-file) and ESC (0x1B, terminal colour codes).  The TCVN 5712 (VN1) letters at
# 0x01, 0x02, 0x04-0x06, 0x11-0x17 are only counted against a much higher threshold.
_TCVN_C0_LETTERS = bytes(b for b in TCVN3_DECODE if b < 0x20)
_BAD_C0 = bytes(
    b
    for b in list(range(0x01, 0x20)) + [0x7F]
    if b not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A, 0x1B) and b not in _TCVN_C0_LETTERS
)
_BAD_C0_RE = re.compile(b"[" + re.escape(_BAD_C0) + b"]")
_ANY_C0_RE = re.compile(b"[" + re.escape(_BAD_C0 + _TCVN_C0_LETTERS) + b"]")
_TEXT_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f]")
_ASCII_TEXT_BYTES = frozenset([0x09, 0x0A, 0x0D, *range(0x20, 0x7F)])

# --------------------------------------------------------------------------- helpers


def _line_col_bytes(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _nfc(text: str) -> str:
    return nfc(text)  # linear however long a run of combining marks (Windows-1258 has them)


# Windows-1252 <-> the Latin-1 code point of the same byte (0x80-0x9F only differ).
_CP1252_FROM_LATIN1: dict[int, str] = {}
_CP1252_TO_LATIN1: dict[int, int] = {}
for _b in range(0x80, 0xA0):
    try:
        _c = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D: undefined, stay C1 controls
        continue
    _CP1252_FROM_LATIN1[_b] = _c
    _CP1252_TO_LATIN1[ord(_c)] = _b
del _b, _c

# --------------------------------------------------------------------------- TCVN3

_TCVN3_TRANS: dict[int, str] = dict(TCVN3_DECODE)
_TCVN3_ENC_TRANS: dict[int, str] = {}
for _i in range(0x100):  # every Latin-1 code point is refused unless it encodes as itself
    _TCVN3_ENC_TRANS[_i] = "\uffff"
for _i in range(0x80):
    if _i not in TCVN3_DECODE:
        _TCVN3_ENC_TRANS[_i] = chr(_i)
for _b, _s in TCVN3_DECODE.items():
    _TCVN3_ENC_TRANS[ord(_s)] = chr(_b)
del _i, _b, _s


def decode_tcvn3(data: bytes) -> str:
    """Decode TCVN3 (ABC) / TCVN 5712 bytes.  The result is NFC."""
    return _nfc(data.decode("latin-1").translate(_TCVN3_TRANS))


def encode_tcvn3(text: str) -> bytes:
    """Encode (NFC of) ``text`` as TCVN 5712 bytes.

    Raises ValueError for a character with no TCVN3 form.  Uppercase letters with tone
    marks are written at their TCVN 5712 (VN1) positions; plain VN3 has no such letters.
    """
    text = _nfc(text)
    mapped = text.translate(_TCVN3_ENC_TRANS)  # one character for one character
    try:
        return mapped.encode("latin-1")
    except UnicodeEncodeError as err:
        ch = text[err.start]
        raise ValueError(
            _('character {ch!r} (U+{ord:04X}) at index {start} has no TCVN3 form').format(ch=ch, ord=ord(ch), start=err.start)
        ) from None


# --------------------------------------------------------------------------- VNI

# Decoding works on the Windows-1252 view of the bytes.
_VNI_PAIRS: dict[str, str] = {}
_VNI_SINGLES: dict[str, str] = {}
for _k, _v in VNI_DECODE.items():
    _view = _k.decode("cp1252")
    if len(_view) == 1:
        _VNI_SINGLES[_view] = _v
    else:
        _VNI_PAIRS[_view] = _v
# Mark bytes are also accepted in the other case than their base letter (the result
# takes the case of the base letter): "Vieät", "VIEÄT" and the rarer "VIEäT" all read.
for _view, _v in list(_VNI_PAIRS.items()):
    _base, _mark = _view
    _other = _mark.lower() if _mark.isupper() else _mark.upper()
    _VNI_PAIRS.setdefault(_base + _other, _v)
del _k, _v, _view, _base, _mark, _other

_VNI_BASES = "".join(sorted({p[0] for p in _VNI_PAIRS}))
_VNI_MARKS = "".join(sorted({p[1] for p in _VNI_PAIRS}))
assert not set(_VNI_MARKS) & set(_VNI_SINGLES), "VNI marks and single letters overlap"
_VNI_RE = re.compile(
    f"[{re.escape(_VNI_BASES)}][{re.escape(_VNI_MARKS)}]|[{re.escape(''.join(_VNI_SINGLES))}]"
)


def _vni_sub(m: re.Match[str]) -> str:
    s = m.group()
    r = _VNI_PAIRS.get(s)
    if r is not None:
        return r
    if len(s) == 1:
        return _VNI_SINGLES[s]
    return _VNI_SINGLES.get(s[0], s[0]) + s[1]  # base with a mark it cannot carry


def decode_vni(data: bytes) -> str:
    """Decode VNI-Windows bytes.  Bytes outside the VNI table are Windows-1252.  NFC."""
    view = data.decode("latin-1").translate(_CP1252_FROM_LATIN1)
    return _nfc(_VNI_RE.sub(_vni_sub, view))


_VNI_ENCODE: dict[str, bytes] = {}
for _k, _v in VNI_DECODE.items():
    _VNI_ENCODE.setdefault(_v, _k)  # the table's own (same-case) spelling
del _k, _v
# Characters that may pass through as their Windows-1252 byte: not a VNI letter or
# mark byte, not a Latin letter (a Latin-1 letter there would be read back as VNI).
_VNI_PASSTHROUGH: dict[str, bytes] = {}
for _b in range(0x80, 0x100):
    try:
        _c = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:
        continue
    if _c in _VNI_SINGLES or _c in _VNI_MARKS or _c.isalpha():
        continue
    _VNI_PASSTHROUGH[_c] = bytes([_b])
del _b, _c


def encode_vni(text: str) -> bytes:
    """Encode (NFC of) ``text`` as VNI-Windows.  ValueError for a character with no form."""
    out = bytearray()
    for i, ch in enumerate(_nfc(text)):
        if ch < "\x80":
            out += ch.encode("ascii")
            continue
        b = _VNI_ENCODE.get(ch) or _VNI_PASSTHROUGH.get(ch)
        if b is None:
            raise ValueError(_('character {ch!r} (U+{ord:04X}) at index {i} has no VNI form').format(ch=ch, ord=ord(ch), i=i))
        out += b
    return bytes(out)


# --------------------------------------------------------------------------- scoring

_TONES = {"\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}  # sắc huyền hỏi ngã nặng
_BASE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzđăâêôơư")

_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
# Vowel groups (tone removed).  OPEN: no final consonant; CLOSED: needs one.
_OPEN = (
    "iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|uơ"
)
_CLOSED = "uyê|iê|yê|uô|ươ|oă|uâ|oo|ă|â"
_EITHER = "oa|oe|uê|uy|a|e|ê|i|o|ô|ơ|u|ư|y"
_CODA = "ch|ng|nh|c|m|n|p|t"
_SYLLABLE_RE = re.compile(
    f"(?:{_ONSET})?(?:(?:{_OPEN})|(?:{_CLOSED})(?P<c1>{_CODA})|(?:{_EITHER})(?P<c2>{_CODA})?)"
)
_STOP_CODAS = frozenset(("c", "ch", "p", "t"))

_COMMON = frozenset(
    """
    của và các được người trong những có là không một này cho với đã theo về tại năm
    ngày đảng nghị quyết định số chấp hành trung ương thông tư chỉ thị luật điều khoản
    lệ kết luận quy chính phủ quốc hội nhà nước nhân dân ủy uỷ tỉnh thành phố huyện xã
    phường việt nam cộng hòa hoà chủ nghĩa độc lập tự hạnh phúc bộ trị thủ tướng văn
    bản ký kí thực hiện công tác cán phát triển kinh tế đến từ khi đó như vào ra để
    còn cũng đang sẽ phải nhiều lại trên dưới sau trước nếu thì mà hay hoặc bị việc
    làm vụ đồng chí tổng bí thư lãnh đạo cơ quan tổ chức đơn vị cấp mới nay tháng giữa
    hơn rất cùng nhằm nêu rõ biết thể đây ấy gì nào họ chúng tôi ông bà anh chị hai
    bốn sáu bảy tám chín mười trăm nghìn triệu bài báo đại biểu kỳ họp khóa khoá nhiệm
    nhất cao lớn hết đều tiếp tục yêu cầu bảo đảm ninh phòng sửa đổi bổ sung hướng
    dẫn căn cứ nội dung sự xây dựng trọng tâm quả kiểm tra hệ thống đoàn viên học tập
    """.split()
)

# Characters that do not occur in Vietnamese text: C1 controls, Latin-1 symbols
# (except no-break space and the degree sign), Latin-1 letters Vietnamese does not
# use, Latin Extended-A/B letters other than Ă ă Đ đ Ĩ ĩ Ũ ũ Ơ ơ Ư ư, and combining
# marks left over after NFC.
_ODD_CHARS = (
    "\u0080-\u009f\u00a1-\u00af\u00b1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d1"
    "\u00d6-\u00d8\u00db\u00dc\u00de-\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f1"
    "\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff"
    "\u0100\u0101\u0104-\u010f\u0112-\u0127\u012a-\u0167\u016a-\u019f\u01a2-\u01ae"
    "\u01b1-\u024f\u0300-\u036f"
)
_ODD_RE = re.compile(f"[{_ODD_CHARS}]")
_WORD_RE = re.compile(r"[^\W\d_]+")
_ETH = str.maketrans("Ðð", "Đđ")  # eth typed for Đ (the normalisation stage fixes it too)


@lru_cache(maxsize=1 << 16)
def _classify(word: str) -> tuple[bool, bool, bool]:
    """(valid Vietnamese syllable, has Vietnamese diacritics, common syllable) of a lowercase word."""
    common = word in _COMMON
    decomposed = unicodedata.normalize("NFD", word)
    tone = 0
    rest = []
    for ch in decomposed:
        t = _TONES.get(ch)
        if t is None:
            rest.append(ch)
        elif tone:
            return False, False, common  # two tone marks
        else:
            tone = t
    base = _nfc("".join(rest))
    if not all(ch in _BASE_LETTERS for ch in base):
        return False, False, common
    m = _SYLLABLE_RE.fullmatch(base)
    if m is None:
        return False, False, common
    coda = m.group("c1") or m.group("c2")
    if coda in _STOP_CODAS and tone not in (1, 5):  # -c -ch -p -t take only sắc / nặng
        return False, False, common
    return True, not word.isascii(), common


@dataclass(frozen=True)
class _Stats:
    score: float
    words: int
    valid: int
    diacritic: int
    common_diacritic: int  # distinct common words written with diacritics (của, được, ...)


def _analyse(text: str) -> _Stats:
    sample = _nfc(text[:_SCORE_PREFIX]).translate(_ETH)
    words = valid = diacritic = common = letters = 0
    common_diacritic: set[str] = set()
    for w in _WORD_RE.findall(sample):
        lw = w.lower()
        ok, diac, com = _classify(lw)
        letters += len(w)
        if not ok and len(w) >= 2 and w.isupper():
            continue  # acronym: QĐ, TW, UBND
        words += 1
        valid += ok
        diacritic += diac
        common += com
        if com and diac:
            common_diacritic.add(lw)
    if not words:
        return _Stats(0.0, 0, 0, 0, 0)
    odd = len(_ODD_RE.findall(sample))
    odd_ratio = odd / (letters + odd)
    base = (
        0.5 * valid / words
        + 0.3 * min(1.0, common / words / 0.2)
        + 0.2 * min(1.0, diacritic / words / 0.25)
    )
    score = base * max(0.0, 1.0 - 4.0 * odd_ratio)
    return _Stats(max(0.0, min(1.0, score)), words, valid, diacritic, len(common_diacritic))


def vietnamese_score(text: str) -> float:
    """How much ``text`` looks like Vietnamese, 0..1 (only the first 64K characters are read).

    Half the score is the share of words that are valid Vietnamese syllables (onset,
    vowel group, final consonant, one tone mark, and -c/-ch/-p/-t only with sắc or
    nặng); the rest rewards common words and words with Vietnamese diacritics.  The
    total is scaled down by the share of characters that never occur in Vietnamese
    (©, ¬, ®, µ, C1 controls, stray combining marks, ...).  Vietnamese prose scores
    about 0.9-1.0, English about 0.1-0.3, wrongly decoded Vietnamese well below 0.5.
    """
    return _analyse(text).score


# --------------------------------------------------------------------------- mojibake

_LATIN1_OR_CP1252_RE = re.compile(
    "[^\x00-\xff" + re.escape("".join(chr(c) for c in _CP1252_TO_LATIN1)) + "]"
)
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")


def repair_mojibake(text: str) -> tuple[str, str] | None:
    """Undo TCVN3 or VNI text that was read as Latin-1/Windows-1252 and saved as UTF-8.

    Returns ``(repaired_text, "tcvn3" | "vni")`` or None.  Conservative: only text made
    entirely of Latin-1 / Windows-1252 characters is considered, and the repair is made
    only when the result is clearly Vietnamese (score >= 0.6, at least four words, three
    distinct common Vietnamese words carrying diacritics) and clearly better than the text as it is
    (by 0.3).  Short strings therefore stay as they are.
    """
    first = _NON_ASCII_RE.search(text)
    if first is None or _LATIN1_OR_CP1252_RE.search(text) is not None:
        return None
    start = max(0, first.start() - 1000)
    sample = text[start : start + _SCORE_PREFIX]
    before = _analyse(sample)
    if before.score >= _REPAIR_MIN_SCORE:
        return None
    raw = sample.translate(_CP1252_TO_LATIN1).encode("latin-1")
    best: tuple[float, str] | None = None
    for enc, decode in (("tcvn3", decode_tcvn3), ("vni", decode_vni)):
        after = _analyse(decode(raw))
        if (
            after.score >= _REPAIR_MIN_SCORE
            and after.score - before.score >= _REPAIR_MARGIN
            and after.common_diacritic >= _REPAIR_MIN_SYLLABLES
            and after.words >= _REPAIR_MIN_WORDS
            and (best is None or after.score > best[0])
        ):
            best = (after.score, enc)
    if best is None:
        return None
    enc = best[1]
    full = text.translate(_CP1252_TO_LATIN1).encode("latin-1")
    return (decode_tcvn3(full) if enc == "tcvn3" else decode_vni(full)), enc


# --------------------------------------------------------------------------- decoding


def _decode_utf16(data: bytes, skip: int, encoding: str, what: str) -> str:
    """Strictly decode ``data[skip:]`` as UTF-16; DecodeError with position on failure."""
    body = data[skip:]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as err:
        good = body[: err.start].decode(encoding, errors="replace")
        line, column = LineIndex(good).line_col(len(good))
        if len(body) % 2 and err.end >= len(body):
            problem = _("odd number of bytes")
        else:
            problem = _("unpaired surrogate")
        raise DecodeError(
            _('not valid {what} ({problem})').format(what=what, problem=problem),
            skip + err.start,
            line,
            column,
            message=_('not valid {what} ({problem}) at line {line}, column {column}').format(what=what, problem=problem, line=line, column=column),
        ) from None
    return text


def _check_text_controls(text: str, offset_of) -> None:
    """Binary check for already decoded (UTF-16) text."""
    nul = text.find("\x00")
    if nul >= 0:
        line, column = LineIndex(text).line_col(nul)
        raise DecodeError(
            _('binary file (NUL character)'),
            offset_of(nul),
            line,
            column,
            message=_('binary file (NUL character at line {line}, column {column})').format(line=line, column=column),
        )
    sample = text[:_SNIFF_PREFIX]
    controls = _TEXT_CONTROL_RE.findall(sample)
    if len(controls) > max(4, len(sample) // 100):
        i = _TEXT_CONTROL_RE.search(text).start()
        line, column = LineIndex(text).line_col(i)
        what = f"control character U+{ord(text[i]):04X}"
        raise DecodeError(
            _('binary file ({what})').format(what=what),
            offset_of(i),
            line,
            column,
            message=_('binary file ({what} at line {line}, column {column})').format(what=what, line=line, column=column),
        )


def _sniff_utf16(data: bytes) -> Decoded | None:
    """BOM-less UTF-16: one byte of each pair often NUL, the other almost never."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:_UTF16_SNIFF]
    even, odd = sample[0::2], sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul >= 0.3 and even_nul <= 0.05:
        encoding = "utf-16-le"
    elif even_nul >= 0.3 and odd_nul <= 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    head = text[:_UTF16_SNIFF]
    if len(_TEXT_CONTROL_RE.findall(head)) > len(head) // 100:
        return None
    if sum(not (c.isprintable() or c.isspace()) for c in head) > len(head) // 50:
        return None
    # ASCII text with a few NUL bytes, read as UTF-16, glues pairs of ASCII bytes into
    # CJK-looking characters ("ab" -> U+6261).  Real UTF-16 has few such characters.
    wide = [ord(c) for c in head if c >= "\u0100"]
    glued = sum(1 for o in wide if (o >> 8) in _ASCII_TEXT_BYTES and (o & 0xFF) in _ASCII_TEXT_BYTES)
    if glued * 2 > len(wide):
        return None
    return Decoded(text, encoding, (f"no byte-order mark; detected {encoding.upper()}",))


def _check_binary(data: bytes, skip: int = 0) -> None:
    """DecodeError for a NUL byte anywhere, or many control bytes near the start."""
    body = data[skip:] if skip else data
    nul = body.find(b"\x00")
    if nul >= 0:
        line, column = _line_col_bytes(body, nul)
        raise DecodeError(
            _('binary file (NUL byte)'),
            skip + nul,
            line,
            column,
            message=_('binary file (NUL byte at line {line}, column {column})').format(line=line, column=column),
        )
    sample = body[:_SNIFF_PREFIX]
    bad = len(_BAD_C0_RE.findall(sample))
    if bad > max(4, len(sample) // 100):
        first = _BAD_C0_RE.search(sample).start()
    else:
        total = len(_ANY_C0_RE.findall(sample))
        if total <= max(8, len(sample) // 10):
            return
        first = _ANY_C0_RE.search(sample).start()
    line, column = _line_col_bytes(body, first)
    what = f"control byte 0x{body[first]:02X}"
    raise DecodeError(
        _('binary file ({what})').format(what=what),
        skip + first,
        line,
        column,
        message=_('binary file ({what} at line {line}, column {column})').format(what=what, line=line, column=column),
    )


# A Vietnamese letter in UTF-8: Latin-1 Supplement/Extended-A/B letters (C3/C4/C5/C6 xx) and the
# precomposed letters of Latin Extended Additional (E1 BA xx, E1 BB xx).
_UTF8_VIETNAMESE = re.compile(rb"[\xc3\xc4\xc5\xc6][\x80-\xbf]|\xe1[\xba\xbb][\x80-\xbf]")
_MIXED_AT_LEAST = 5  # UTF-8 letters in a file that is not UTF-8: more than chance makes


def _mixed_encodings(data: bytes, err: UnicodeDecodeError) -> DecodeError | None:
    """A file that is partly UTF-8 (pasted from a web page into an old TCVN3 file, say): no one
    decoding reads all of it, and decoding it all as a legacy encoding would turn the UTF-8 part
    into mojibake, whose citations would be reported as wrong.  Refused at the first byte that
    is not UTF-8, naming a line that is."""
    found = _UTF8_VIETNAMESE.findall(data)
    if len(found) < _MIXED_AT_LEAST:
        return None
    first = _UTF8_VIETNAMESE.search(data)
    utf8_line, _col = _line_col_bytes(data, first.start())
    line, column = _line_col_bytes(data, err.start)
    byte = f"(byte 0x{data[err.start]:02X})"
    return DecodeError(
        _("mixed encodings: UTF-8 text (line {utf8_line}) and bytes that are not UTF-8 {byte}; convert the file to "
          "one encoding").format(utf8_line=utf8_line, byte=byte),
        err.start, line, column,
        message=_("mixed encodings: UTF-8 text (line {utf8_line}) and bytes that are not UTF-8 at line {line}, column "
                  "{column} {byte}; convert the file to one encoding").format(utf8_line=utf8_line, line=line, column=column, byte=byte),
    )


def _decode_legacy(data: bytes, err: UnicodeDecodeError) -> Decoded:
    mixed = _mixed_encodings(data, err)
    if mixed is not None:
        raise mixed
    prefix = data[:_SCORE_PREFIX]
    decoders = {
        "cp1258": lambda b: b.decode("cp1258"),
        "tcvn3": decode_tcvn3,
        "vni": decode_vni,
    }
    scored: list[tuple[float, int, str]] = []
    for rank, (name, decode) in enumerate(decoders.items()):
        try:
            candidate = decode(prefix)
        except UnicodeDecodeError:
            continue
        scored.append((vietnamese_score(candidate), rank, name))
    scored.sort(key=lambda t: (-t[0], t[1]))
    for score, _rank, name in scored:
        if score < _LEGACY_THRESHOLD:
            break
        try:
            text = decoders[name](data)
        except UnicodeDecodeError:
            continue  # cp1258 failing past the prefix
        others = ", ".join(f"{n} {s:.2f}" for s, _, n in scored if n != name)
        note = f"decoded as {_ENCODING_NAMES[name]} legacy encoding (score {score:.2f}"
        note += f"; {others})" if others else ")"
        return Decoded(text, name, (note,))
    line, column = _line_col_bytes(data, err.start)
    byte = f"(byte 0x{data[err.start]:02X})"
    tail = "and no Vietnamese legacy encoding (Windows-1258, TCVN3, VNI) fits"
    raise DecodeError(
        _('not valid UTF-8 {byte}, {tail}').format(byte=byte, tail=tail),
        err.start,
        line,
        column,
        message=_('not valid UTF-8 at line {line}, column {column} {byte}, {tail}').format(line=line, column=column, byte=byte, tail=tail),
    )


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes; see the module docstring for the order of attempts."""
    if not data:
        return Decoded("", "utf-8")

    if data.startswith(codecs.BOM_UTF8):
        _check_binary(data, 3)
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as err:
            body = data[3:]
            line, column = _line_col_bytes(body, err.start)
            what = "not valid UTF-8 after a UTF-8 byte-order mark"
            byte = f"(byte 0x{body[err.start]:02X})"
            raise DecodeError(
                f"{what} {byte}",
                3 + err.start,
                line,
                column,
                message=_('{what} at line {line}, column {column} {byte}').format(what=what, line=line, column=column, byte=byte),
            ) from None
        return Decoded(text, "utf-8-sig")

    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            text = _decode_utf16(data, 2, encoding, encoding.upper())
            _check_text_controls(
                text, lambda i, t=text, e=encoding: 2 + len(t[:i].encode(e, "surrogatepass"))
            )
            return Decoded(text, encoding)

    sniffed = _sniff_utf16(data)
    if sniffed is not None:
        return sniffed

    _check_binary(data)

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return _decode_legacy(data, err)

    repaired = repair_mojibake(text)
    if repaired is not None:
        fixed, enc = repaired
        return Decoded(
            fixed, enc, (f"text was {_ENCODING_NAMES[enc]} mojibake stored as UTF-8; converted",)
        )
    return Decoded(text, "utf-8")
