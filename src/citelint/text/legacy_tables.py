"""Character tables for the two pre-Unicode Vietnamese encodings citelint can read.

Pure data; the codecs that use these tables live in :mod:`citelint.text.encoding`.

TCVN3 (ABC)
    TCVN 5712:1993 is a family of three 8-bit tables (VN1, VN2, VN3) that share
    code positions.  "TCVN3"/"ABC" in everyday use means VN3, the subset used by
    the ABC fonts (.VnTime, .VnArial, ...): the lowercase precomposed letters in
    0xA1-0xFF plus the seven uppercase letters Ă Â Ê Ô Ơ Ư Đ (0xA1-0xA7).  VN3
    has no uppercase letters with tone marks (all-caps fonts such as .VnTimeH draw
    the lowercase positions as capitals; that is font behaviour and is not
    modelled here).

    TCVN3_DECODE below is the *full* TCVN 5712 (VN1) byte -> character table,
    a superset of VN3 with the same positions.  It additionally maps
      * 0x01, 0x02, 0x04-0x06, 0x11-0x17: uppercase U/Ư/Y with tones (VN1 only);
      * 0x80-0x9F: uppercase letters with tones (VN1/VN2 only);
      * 0xB0-0xB4: combining grave, hook, tilde, acute, dot below (VN1/VN2);
      * a few uppercase-with-circumflex/breve-and-tone letters in 0xA0-0xFF
        (e.g. 0xAF Ằ, 0xFF Ố).
    Decoding VN3 text with the VN1 table gives the same result, so one table
    serves both.

    Source: GNU libiconv, lib/tcvn.h ("TCVN-5712", tables tcvn_2uni_1 and
    tcvn_2uni_2), identical to XFree86 xc/lib/X11/lcUniConv/tcvn.h.  The VN3 part
    (74 letters) was cross-checked entry by entry against two independent
    converters: Eruylz/XuatThuy Utils/Unicode2TCVN3.cs and
    duydev/vietnamese-conversion src/charsets.ts.  Known words check:
    b"\xa7\xb6ng" -> "Đảng", b"C\xe9ng ho\xb5 x\xb7 h\xe9i" -> "Cộng hoà xã hội".

VNI-Windows
    A base ASCII letter (or one of the VNI letters ô = Ơ/ơ, ö = Ư/ư) followed by
    ONE mark byte that carries the circumflex/breve and/or the tone; a few
    letters are single bytes (đ, í, ì, ỉ, ĩ, ị, ỵ, ơ, ư and their capitals).  Marks
    for capital letters are the uppercase (byte - 0x20) forms of the lowercase
    marks.  Bytes not in the table are Windows-1252.

    Source: lamdao/xvnkb vni.h (xvnkb 2002, Dao Hai Lam, table VNI[], in the same
    letter order as xvnkb utf.h), cross-checked with all 134 entries of
    duydev/vietnamese-conversion src/charsets.ts (VNI array): no differences.
    Known words check: b"Vie\xe4t Nam" -> "Việt Nam",
    b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a" -> "Cộng hòa xã hội chủ nghĩa".
"""

from __future__ import annotations

# TCVN 5712:1993 (VN1 superset of TCVN3/ABC VN3): byte -> character, for every
# byte whose meaning differs from ASCII / ISO-8859-1.  Bytes not listed decode as
# themselves (0x00-0x7F ASCII; 0xA0 NO-BREAK SPACE).
# From GNU libiconv lib/tcvn.h (tcvn_2uni_1, tcvn_2uni_2).
TCVN3_DECODE: dict[int, str] = {
    0x01: "\u00da",  # LATIN CAPITAL LETTER U WITH ACUTE
    0x02: "\u1ee4",  # LATIN CAPITAL LETTER U WITH DOT BELOW
    0x04: "\u1eea",  # LATIN CAPITAL LETTER U WITH HORN AND GRAVE
    0x05: "\u1eec",  # LATIN CAPITAL LETTER U WITH HORN AND HOOK ABOVE
    0x06: "\u1eee",  # LATIN CAPITAL LETTER U WITH HORN AND TILDE
    0x11: "\u1ee8",  # LATIN CAPITAL LETTER U WITH HORN AND ACUTE
    0x12: "\u1ef0",  # LATIN CAPITAL LETTER U WITH HORN AND DOT BELOW
    0x13: "\u1ef2",  # LATIN CAPITAL LETTER Y WITH GRAVE
    0x14: "\u1ef6",  # LATIN CAPITAL LETTER Y WITH HOOK ABOVE
    0x15: "\u1ef8",  # LATIN CAPITAL LETTER Y WITH TILDE
    0x16: "\u00dd",  # LATIN CAPITAL LETTER Y WITH ACUTE
    0x17: "\u1ef4",  # LATIN CAPITAL LETTER Y WITH DOT BELOW
    0x80: "\u00c0",  # À LATIN CAPITAL LETTER A WITH GRAVE
    0x81: "\u1ea2",  # Ả LATIN CAPITAL LETTER A WITH HOOK ABOVE
    0x82: "\u00c3",  # Ã LATIN CAPITAL LETTER A WITH TILDE
    0x83: "\u00c1",  # Á LATIN CAPITAL LETTER A WITH ACUTE
    0x84: "\u1ea0",  # Ạ LATIN CAPITAL LETTER A WITH DOT BELOW
    0x85: "\u1eb6",  # Ặ LATIN CAPITAL LETTER A WITH BREVE AND DOT BELOW
    0x86: "\u1eac",  # Ậ LATIN CAPITAL LETTER A WITH CIRCUMFLEX AND DOT BELOW
    0x87: "\u00c8",  # È LATIN CAPITAL LETTER E WITH GRAVE
    0x88: "\u1eba",  # Ẻ LATIN CAPITAL LETTER E WITH HOOK ABOVE
    0x89: "\u1ebc",  # Ẽ LATIN CAPITAL LETTER E WITH TILDE
    0x8A: "\u00c9",  # É LATIN CAPITAL LETTER E WITH ACUTE
    0x8B: "\u1eb8",  # Ẹ LATIN CAPITAL LETTER E WITH DOT BELOW
    0x8C: "\u1ec6",  # Ệ LATIN CAPITAL LETTER E WITH CIRCUMFLEX AND DOT BELOW
    0x8D: "\u00cc",  # Ì LATIN CAPITAL LETTER I WITH GRAVE
    0x8E: "\u1ec8",  # Ỉ LATIN CAPITAL LETTER I WITH HOOK ABOVE
    0x8F: "\u0128",  # Ĩ LATIN CAPITAL LETTER I WITH TILDE
    0x90: "\u00cd",  # Í LATIN CAPITAL LETTER I WITH ACUTE
    0x91: "\u1eca",  # Ị LATIN CAPITAL LETTER I WITH DOT BELOW
    0x92: "\u00d2",  # Ò LATIN CAPITAL LETTER O WITH GRAVE
    0x93: "\u1ece",  # Ỏ LATIN CAPITAL LETTER O WITH HOOK ABOVE
    0x94: "\u00d5",  # Õ LATIN CAPITAL LETTER O WITH TILDE
    0x95: "\u00d3",  # Ó LATIN CAPITAL LETTER O WITH ACUTE
    0x96: "\u1ecc",  # Ọ LATIN CAPITAL LETTER O WITH DOT BELOW
    0x97: "\u1ed8",  # Ộ LATIN CAPITAL LETTER O WITH CIRCUMFLEX AND DOT BELOW
    0x98: "\u1edc",  # Ờ LATIN CAPITAL LETTER O WITH HORN AND GRAVE
    0x99: "\u1ede",  # Ở LATIN CAPITAL LETTER O WITH HORN AND HOOK ABOVE
    0x9A: "\u1ee0",  # Ỡ LATIN CAPITAL LETTER O WITH HORN AND TILDE
    0x9B: "\u1eda",  # Ớ LATIN CAPITAL LETTER O WITH HORN AND ACUTE
    0x9C: "\u1ee2",  # Ợ LATIN CAPITAL LETTER O WITH HORN AND DOT BELOW
    0x9D: "\u00d9",  # Ù LATIN CAPITAL LETTER U WITH GRAVE
    0x9E: "\u1ee6",  # Ủ LATIN CAPITAL LETTER U WITH HOOK ABOVE
    0x9F: "\u0168",  # Ũ LATIN CAPITAL LETTER U WITH TILDE
    0xA0: "\u00a0",  #   NO-BREAK SPACE
    0xA1: "\u0102",  # Ă LATIN CAPITAL LETTER A WITH BREVE
    0xA2: "\u00c2",  # Â LATIN CAPITAL LETTER A WITH CIRCUMFLEX
    0xA3: "\u00ca",  # Ê LATIN CAPITAL LETTER E WITH CIRCUMFLEX
    0xA4: "\u00d4",  # Ô LATIN CAPITAL LETTER O WITH CIRCUMFLEX
    0xA5: "\u01a0",  # Ơ LATIN CAPITAL LETTER O WITH HORN
    0xA6: "\u01af",  # Ư LATIN CAPITAL LETTER U WITH HORN
    0xA7: "\u0110",  # Đ LATIN CAPITAL LETTER D WITH STROKE
    0xA8: "\u0103",  # ă LATIN SMALL LETTER A WITH BREVE
    0xA9: "\u00e2",  # â LATIN SMALL LETTER A WITH CIRCUMFLEX
    0xAA: "\u00ea",  # ê LATIN SMALL LETTER E WITH CIRCUMFLEX
    0xAB: "\u00f4",  # ô LATIN SMALL LETTER O WITH CIRCUMFLEX
    0xAC: "\u01a1",  # ơ LATIN SMALL LETTER O WITH HORN
    0xAD: "\u01b0",  # ư LATIN SMALL LETTER U WITH HORN
    0xAE: "\u0111",  # đ LATIN SMALL LETTER D WITH STROKE
    0xAF: "\u1eb0",  # Ằ LATIN CAPITAL LETTER A WITH BREVE AND GRAVE
    0xB0: "\u0300",  #   COMBINING GRAVE ACCENT
    0xB1: "\u0309",  #   COMBINING HOOK ABOVE
    0xB2: "\u0303",  #   COMBINING TILDE
    0xB3: "\u0301",  #   COMBINING ACUTE ACCENT
    0xB4: "\u0323",  #   COMBINING DOT BELOW
    0xB5: "\u00e0",  # à LATIN SMALL LETTER A WITH GRAVE
    0xB6: "\u1ea3",  # ả LATIN SMALL LETTER A WITH HOOK ABOVE
    0xB7: "\u00e3",  # ã LATIN SMALL LETTER A WITH TILDE
    0xB8: "\u00e1",  # á LATIN SMALL LETTER A WITH ACUTE
    0xB9: "\u1ea1",  # ạ LATIN SMALL LETTER A WITH DOT BELOW
    0xBA: "\u1eb2",  # Ẳ LATIN CAPITAL LETTER A WITH BREVE AND HOOK ABOVE
    0xBB: "\u1eb1",  # ằ LATIN SMALL LETTER A WITH BREVE AND GRAVE
    0xBC: "\u1eb3",  # ẳ LATIN SMALL LETTER A WITH BREVE AND HOOK ABOVE
    0xBD: "\u1eb5",  # ẵ LATIN SMALL LETTER A WITH BREVE AND TILDE
    0xBE: "\u1eaf",  # ắ LATIN SMALL LETTER A WITH BREVE AND ACUTE
    0xBF: "\u1eb4",  # Ẵ LATIN CAPITAL LETTER A WITH BREVE AND TILDE
    0xC0: "\u1eae",  # Ắ LATIN CAPITAL LETTER A WITH BREVE AND ACUTE
    0xC1: "\u1ea6",  # Ầ LATIN CAPITAL LETTER A WITH CIRCUMFLEX AND GRAVE
    0xC2: "\u1ea8",  # Ẩ LATIN CAPITAL LETTER A WITH CIRCUMFLEX AND HOOK ABOVE
    0xC3: "\u1eaa",  # Ẫ LATIN CAPITAL LETTER A WITH CIRCUMFLEX AND TILDE
    0xC4: "\u1ea4",  # Ấ LATIN CAPITAL LETTER A WITH CIRCUMFLEX AND ACUTE
    0xC5: "\u1ec0",  # Ề LATIN CAPITAL LETTER E WITH CIRCUMFLEX AND GRAVE
    0xC6: "\u1eb7",  # ặ LATIN SMALL LETTER A WITH BREVE AND DOT BELOW
    0xC7: "\u1ea7",  # ầ LATIN SMALL LETTER A WITH CIRCUMFLEX AND GRAVE
    0xC8: "\u1ea9",  # ẩ LATIN SMALL LETTER A WITH CIRCUMFLEX AND HOOK ABOVE
    0xC9: "\u1eab",  # ẫ LATIN SMALL LETTER A WITH CIRCUMFLEX AND TILDE
    0xCA: "\u1ea5",  # ấ LATIN SMALL LETTER A WITH CIRCUMFLEX AND ACUTE
    0xCB: "\u1ead",  # ậ LATIN SMALL LETTER A WITH CIRCUMFLEX AND DOT BELOW
    0xCC: "\u00e8",  # è LATIN SMALL LETTER E WITH GRAVE
    0xCD: "\u1ec2",  # Ể LATIN CAPITAL LETTER E WITH CIRCUMFLEX AND HOOK ABOVE
    0xCE: "\u1ebb",  # ẻ LATIN SMALL LETTER E WITH HOOK ABOVE
    0xCF: "\u1ebd",  # ẽ LATIN SMALL LETTER E WITH TILDE
    0xD0: "\u00e9",  # é LATIN SMALL LETTER E WITH ACUTE
    0xD1: "\u1eb9",  # ẹ LATIN SMALL LETTER E WITH DOT BELOW
    0xD2: "\u1ec1",  # ề LATIN SMALL LETTER E WITH CIRCUMFLEX AND GRAVE
    0xD3: "\u1ec3",  # ể LATIN SMALL LETTER E WITH CIRCUMFLEX AND HOOK ABOVE
    0xD4: "\u1ec5",  # ễ LATIN SMALL LETTER E WITH CIRCUMFLEX AND TILDE
    0xD5: "\u1ebf",  # ế LATIN SMALL LETTER E WITH CIRCUMFLEX AND ACUTE
    0xD6: "\u1ec7",  # ệ LATIN SMALL LETTER E WITH CIRCUMFLEX AND DOT BELOW
    0xD7: "\u00ec",  # ì LATIN SMALL LETTER I WITH GRAVE
    0xD8: "\u1ec9",  # ỉ LATIN SMALL LETTER I WITH HOOK ABOVE
    0xD9: "\u1ec4",  # Ễ LATIN CAPITAL LETTER E WITH CIRCUMFLEX AND TILDE
    0xDA: "\u1ebe",  # Ế LATIN CAPITAL LETTER E WITH CIRCUMFLEX AND ACUTE
    0xDB: "\u1ed2",  # Ồ LATIN CAPITAL LETTER O WITH CIRCUMFLEX AND GRAVE
    0xDC: "\u0129",  # ĩ LATIN SMALL LETTER I WITH TILDE
    0xDD: "\u00ed",  # í LATIN SMALL LETTER I WITH ACUTE
    0xDE: "\u1ecb",  # ị LATIN SMALL LETTER I WITH DOT BELOW
    0xDF: "\u00f2",  # ò LATIN SMALL LETTER O WITH GRAVE
    0xE0: "\u1ed4",  # Ổ LATIN CAPITAL LETTER O WITH CIRCUMFLEX AND HOOK ABOVE
    0xE1: "\u1ecf",  # ỏ LATIN SMALL LETTER O WITH HOOK ABOVE
    0xE2: "\u00f5",  # õ LATIN SMALL LETTER O WITH TILDE
    0xE3: "\u00f3",  # ó LATIN SMALL LETTER O WITH ACUTE
    0xE4: "\u1ecd",  # ọ LATIN SMALL LETTER O WITH DOT BELOW
    0xE5: "\u1ed3",  # ồ LATIN SMALL LETTER O WITH CIRCUMFLEX AND GRAVE
    0xE6: "\u1ed5",  # ổ LATIN SMALL LETTER O WITH CIRCUMFLEX AND HOOK ABOVE
    0xE7: "\u1ed7",  # ỗ LATIN SMALL LETTER O WITH CIRCUMFLEX AND TILDE
    0xE8: "\u1ed1",  # ố LATIN SMALL LETTER O WITH CIRCUMFLEX AND ACUTE
    0xE9: "\u1ed9",  # ộ LATIN SMALL LETTER O WITH CIRCUMFLEX AND DOT BELOW
    0xEA: "\u1edd",  # ờ LATIN SMALL LETTER O WITH HORN AND GRAVE
    0xEB: "\u1edf",  # ở LATIN SMALL LETTER O WITH HORN AND HOOK ABOVE
    0xEC: "\u1ee1",  # ỡ LATIN SMALL LETTER O WITH HORN AND TILDE
    0xED: "\u1edb",  # ớ LATIN SMALL LETTER O WITH HORN AND ACUTE
    0xEE: "\u1ee3",  # ợ LATIN SMALL LETTER O WITH HORN AND DOT BELOW
    0xEF: "\u00f9",  # ù LATIN SMALL LETTER U WITH GRAVE
    0xF0: "\u1ed6",  # Ỗ LATIN CAPITAL LETTER O WITH CIRCUMFLEX AND TILDE
    0xF1: "\u1ee7",  # ủ LATIN SMALL LETTER U WITH HOOK ABOVE
    0xF2: "\u0169",  # ũ LATIN SMALL LETTER U WITH TILDE
    0xF3: "\u00fa",  # ú LATIN SMALL LETTER U WITH ACUTE
    0xF4: "\u1ee5",  # ụ LATIN SMALL LETTER U WITH DOT BELOW
    0xF5: "\u1eeb",  # ừ LATIN SMALL LETTER U WITH HORN AND GRAVE
    0xF6: "\u1eed",  # ử LATIN SMALL LETTER U WITH HORN AND HOOK ABOVE
    0xF7: "\u1eef",  # ữ LATIN SMALL LETTER U WITH HORN AND TILDE
    0xF8: "\u1ee9",  # ứ LATIN SMALL LETTER U WITH HORN AND ACUTE
    0xF9: "\u1ef1",  # ự LATIN SMALL LETTER U WITH HORN AND DOT BELOW
    0xFA: "\u1ef3",  # ỳ LATIN SMALL LETTER Y WITH GRAVE
    0xFB: "\u1ef7",  # ỷ LATIN SMALL LETTER Y WITH HOOK ABOVE
    0xFC: "\u1ef9",  # ỹ LATIN SMALL LETTER Y WITH TILDE
    0xFD: "\u00fd",  # ý LATIN SMALL LETTER Y WITH ACUTE
    0xFE: "\u1ef5",  # ỵ LATIN SMALL LETTER Y WITH DOT BELOW
    0xFF: "\u1ed0",  # Ố LATIN CAPITAL LETTER O WITH CIRCUMFLEX AND ACUTE
}

# Bytes in TCVN3_DECODE that are NOT part of VN3 (the ABC subset): VN1-only
# uppercase letters with tones, and the VN1 combining tone marks 0xB0-0xB4.
TCVN3_VN1_ONLY: frozenset[int] = frozenset(
    [0x01, 0x02, 0x04, 0x05, 0x06, *range(0x11, 0x18), *range(0x80, 0xA0),
     0xAF, *range(0xB0, 0xB5), 0xBA, 0xBF, *range(0xC0, 0xC6), 0xCD, 0xD9,
     0xDA, 0xDB, 0xE0, 0xF0, 0xFF]
)

# VNI-Windows: byte sequence -> character.  Keys are one byte (standalone VNI
# letters) or base letter + one mark byte.  Comments show the Windows-1252 view
# of the bytes, i.e. what a VNI file looks like when opened as Latin text.
# From lamdao/xvnkb vni.h, cross-checked with duydev/vietnamese-conversion.
VNI_DECODE: dict[bytes, str] = {
    b"A\xd9": "Á",  # AÙ  -> LATIN CAPITAL LETTER A WITH ACUTE
    b"A\xd8": "À",  # AØ  -> LATIN CAPITAL LETTER A WITH GRAVE
    b"A\xdb": "Ả",  # AÛ  -> LATIN CAPITAL LETTER A WITH HOOK ABOVE
    b"A\xd5": "Ã",  # AÕ  -> LATIN CAPITAL LETTER A WITH TILDE
    b"A\xcf": "Ạ",  # AÏ  -> LATIN CAPITAL LETTER A WITH DOT BELOW
    b"A\xc2": "Â",  # AÂ  -> LATIN CAPITAL LETTER A WITH CIRCUMFLEX
    b"A\xc1": "Ấ",  # AÁ  -> LATIN CAPITAL LETTER A WITH CIRCUMFLEX AND ACUTE
    b"A\xc0": "Ầ",  # AÀ  -> LATIN CAPITAL LETTER A WITH CIRCUMFLEX AND GRAVE
    b"A\xc5": "Ẩ",  # AÅ  -> LATIN CAPITAL LETTER A WITH CIRCUMFLEX AND HOOK ABOVE
    b"A\xc3": "Ẫ",  # AÃ  -> LATIN CAPITAL LETTER A WITH CIRCUMFLEX AND TILDE
    b"A\xc4": "Ậ",  # AÄ  -> LATIN CAPITAL LETTER A WITH CIRCUMFLEX AND DOT BELOW
    b"A\xca": "Ă",  # AÊ  -> LATIN CAPITAL LETTER A WITH BREVE
    b"A\xc9": "Ắ",  # AÉ  -> LATIN CAPITAL LETTER A WITH BREVE AND ACUTE
    b"A\xc8": "Ằ",  # AÈ  -> LATIN CAPITAL LETTER A WITH BREVE AND GRAVE
    b"A\xda": "Ẳ",  # AÚ  -> LATIN CAPITAL LETTER A WITH BREVE AND HOOK ABOVE
    b"A\xdc": "Ẵ",  # AÜ  -> LATIN CAPITAL LETTER A WITH BREVE AND TILDE
    b"A\xcb": "Ặ",  # AË  -> LATIN CAPITAL LETTER A WITH BREVE AND DOT BELOW
    b"E\xd9": "É",  # EÙ  -> LATIN CAPITAL LETTER E WITH ACUTE
    b"E\xd8": "È",  # EØ  -> LATIN CAPITAL LETTER E WITH GRAVE
    b"E\xdb": "Ẻ",  # EÛ  -> LATIN CAPITAL LETTER E WITH HOOK ABOVE
    b"E\xd5": "Ẽ",  # EÕ  -> LATIN CAPITAL LETTER E WITH TILDE
    b"E\xcf": "Ẹ",  # EÏ  -> LATIN CAPITAL LETTER E WITH DOT BELOW
    b"E\xc2": "Ê",  # EÂ  -> LATIN CAPITAL LETTER E WITH CIRCUMFLEX
    b"E\xc1": "Ế",  # EÁ  -> LATIN CAPITAL LETTER E WITH CIRCUMFLEX AND ACUTE
    b"E\xc0": "Ề",  # EÀ  -> LATIN CAPITAL LETTER E WITH CIRCUMFLEX AND GRAVE
    b"E\xc5": "Ể",  # EÅ  -> LATIN CAPITAL LETTER E WITH CIRCUMFLEX AND HOOK ABOVE
    b"E\xc3": "Ễ",  # EÃ  -> LATIN CAPITAL LETTER E WITH CIRCUMFLEX AND TILDE
    b"E\xc4": "Ệ",  # EÄ  -> LATIN CAPITAL LETTER E WITH CIRCUMFLEX AND DOT BELOW
    b"O\xd9": "Ó",  # OÙ  -> LATIN CAPITAL LETTER O WITH ACUTE
    b"O\xd8": "Ò",  # OØ  -> LATIN CAPITAL LETTER O WITH GRAVE
    b"O\xdb": "Ỏ",  # OÛ  -> LATIN CAPITAL LETTER O WITH HOOK ABOVE
    b"O\xd5": "Õ",  # OÕ  -> LATIN CAPITAL LETTER O WITH TILDE
    b"O\xcf": "Ọ",  # OÏ  -> LATIN CAPITAL LETTER O WITH DOT BELOW
    b"O\xc2": "Ô",  # OÂ  -> LATIN CAPITAL LETTER O WITH CIRCUMFLEX
    b"O\xc1": "Ố",  # OÁ  -> LATIN CAPITAL LETTER O WITH CIRCUMFLEX AND ACUTE
    b"O\xc0": "Ồ",  # OÀ  -> LATIN CAPITAL LETTER O WITH CIRCUMFLEX AND GRAVE
    b"O\xc5": "Ổ",  # OÅ  -> LATIN CAPITAL LETTER O WITH CIRCUMFLEX AND HOOK ABOVE
    b"O\xc3": "Ỗ",  # OÃ  -> LATIN CAPITAL LETTER O WITH CIRCUMFLEX AND TILDE
    b"O\xc4": "Ộ",  # OÄ  -> LATIN CAPITAL LETTER O WITH CIRCUMFLEX AND DOT BELOW
    b"\xd4": "Ơ",  # Ô   -> LATIN CAPITAL LETTER O WITH HORN
    b"\xd4\xd9": "Ớ",  # ÔÙ  -> LATIN CAPITAL LETTER O WITH HORN AND ACUTE
    b"\xd4\xd8": "Ờ",  # ÔØ  -> LATIN CAPITAL LETTER O WITH HORN AND GRAVE
    b"\xd4\xdb": "Ở",  # ÔÛ  -> LATIN CAPITAL LETTER O WITH HORN AND HOOK ABOVE
    b"\xd4\xd5": "Ỡ",  # ÔÕ  -> LATIN CAPITAL LETTER O WITH HORN AND TILDE
    b"\xd4\xcf": "Ợ",  # ÔÏ  -> LATIN CAPITAL LETTER O WITH HORN AND DOT BELOW
    b"U\xd9": "Ú",  # UÙ  -> LATIN CAPITAL LETTER U WITH ACUTE
    b"U\xd8": "Ù",  # UØ  -> LATIN CAPITAL LETTER U WITH GRAVE
    b"U\xdb": "Ủ",  # UÛ  -> LATIN CAPITAL LETTER U WITH HOOK ABOVE
    b"U\xd5": "Ũ",  # UÕ  -> LATIN CAPITAL LETTER U WITH TILDE
    b"U\xcf": "Ụ",  # UÏ  -> LATIN CAPITAL LETTER U WITH DOT BELOW
    b"\xd6": "Ư",  # Ö   -> LATIN CAPITAL LETTER U WITH HORN
    b"\xd6\xd9": "Ứ",  # ÖÙ  -> LATIN CAPITAL LETTER U WITH HORN AND ACUTE
    b"\xd6\xd8": "Ừ",  # ÖØ  -> LATIN CAPITAL LETTER U WITH HORN AND GRAVE
    b"\xd6\xdb": "Ử",  # ÖÛ  -> LATIN CAPITAL LETTER U WITH HORN AND HOOK ABOVE
    b"\xd6\xd5": "Ữ",  # ÖÕ  -> LATIN CAPITAL LETTER U WITH HORN AND TILDE
    b"\xd6\xcf": "Ự",  # ÖÏ  -> LATIN CAPITAL LETTER U WITH HORN AND DOT BELOW
    b"\xcd": "Í",  # Í   -> LATIN CAPITAL LETTER I WITH ACUTE
    b"\xcc": "Ì",  # Ì   -> LATIN CAPITAL LETTER I WITH GRAVE
    b"\xc6": "Ỉ",  # Æ   -> LATIN CAPITAL LETTER I WITH HOOK ABOVE
    b"\xd3": "Ĩ",  # Ó   -> LATIN CAPITAL LETTER I WITH TILDE
    b"\xd2": "Ị",  # Ò   -> LATIN CAPITAL LETTER I WITH DOT BELOW
    b"Y\xd9": "Ý",  # YÙ  -> LATIN CAPITAL LETTER Y WITH ACUTE
    b"Y\xd8": "Ỳ",  # YØ  -> LATIN CAPITAL LETTER Y WITH GRAVE
    b"Y\xdb": "Ỷ",  # YÛ  -> LATIN CAPITAL LETTER Y WITH HOOK ABOVE
    b"Y\xd5": "Ỹ",  # YÕ  -> LATIN CAPITAL LETTER Y WITH TILDE
    b"\xce": "Ỵ",  # Î   -> LATIN CAPITAL LETTER Y WITH DOT BELOW
    b"\xd1": "Đ",  # Ñ   -> LATIN CAPITAL LETTER D WITH STROKE
    b"a\xf9": "á",  # aù  -> LATIN SMALL LETTER A WITH ACUTE
    b"a\xf8": "à",  # aø  -> LATIN SMALL LETTER A WITH GRAVE
    b"a\xfb": "ả",  # aû  -> LATIN SMALL LETTER A WITH HOOK ABOVE
    b"a\xf5": "ã",  # aõ  -> LATIN SMALL LETTER A WITH TILDE
    b"a\xef": "ạ",  # aï  -> LATIN SMALL LETTER A WITH DOT BELOW
    b"a\xe2": "â",  # aâ  -> LATIN SMALL LETTER A WITH CIRCUMFLEX
    b"a\xe1": "ấ",  # aá  -> LATIN SMALL LETTER A WITH CIRCUMFLEX AND ACUTE
    b"a\xe0": "ầ",  # aà  -> LATIN SMALL LETTER A WITH CIRCUMFLEX AND GRAVE
    b"a\xe5": "ẩ",  # aå  -> LATIN SMALL LETTER A WITH CIRCUMFLEX AND HOOK ABOVE
    b"a\xe3": "ẫ",  # aã  -> LATIN SMALL LETTER A WITH CIRCUMFLEX AND TILDE
    b"a\xe4": "ậ",  # aä  -> LATIN SMALL LETTER A WITH CIRCUMFLEX AND DOT BELOW
    b"a\xea": "ă",  # aê  -> LATIN SMALL LETTER A WITH BREVE
    b"a\xe9": "ắ",  # aé  -> LATIN SMALL LETTER A WITH BREVE AND ACUTE
    b"a\xe8": "ằ",  # aè  -> LATIN SMALL LETTER A WITH BREVE AND GRAVE
    b"a\xfa": "ẳ",  # aú  -> LATIN SMALL LETTER A WITH BREVE AND HOOK ABOVE
    b"a\xfc": "ẵ",  # aü  -> LATIN SMALL LETTER A WITH BREVE AND TILDE
    b"a\xeb": "ặ",  # aë  -> LATIN SMALL LETTER A WITH BREVE AND DOT BELOW
    b"e\xf9": "é",  # eù  -> LATIN SMALL LETTER E WITH ACUTE
    b"e\xf8": "è",  # eø  -> LATIN SMALL LETTER E WITH GRAVE
    b"e\xfb": "ẻ",  # eû  -> LATIN SMALL LETTER E WITH HOOK ABOVE
    b"e\xf5": "ẽ",  # eõ  -> LATIN SMALL LETTER E WITH TILDE
    b"e\xef": "ẹ",  # eï  -> LATIN SMALL LETTER E WITH DOT BELOW
    b"e\xe2": "ê",  # eâ  -> LATIN SMALL LETTER E WITH CIRCUMFLEX
    b"e\xe1": "ế",  # eá  -> LATIN SMALL LETTER E WITH CIRCUMFLEX AND ACUTE
    b"e\xe0": "ề",  # eà  -> LATIN SMALL LETTER E WITH CIRCUMFLEX AND GRAVE
    b"e\xe5": "ể",  # eå  -> LATIN SMALL LETTER E WITH CIRCUMFLEX AND HOOK ABOVE
    b"e\xe3": "ễ",  # eã  -> LATIN SMALL LETTER E WITH CIRCUMFLEX AND TILDE
    b"e\xe4": "ệ",  # eä  -> LATIN SMALL LETTER E WITH CIRCUMFLEX AND DOT BELOW
    b"o\xf9": "ó",  # où  -> LATIN SMALL LETTER O WITH ACUTE
    b"o\xf8": "ò",  # oø  -> LATIN SMALL LETTER O WITH GRAVE
    b"o\xfb": "ỏ",  # oû  -> LATIN SMALL LETTER O WITH HOOK ABOVE
    b"o\xf5": "õ",  # oõ  -> LATIN SMALL LETTER O WITH TILDE
    b"o\xef": "ọ",  # oï  -> LATIN SMALL LETTER O WITH DOT BELOW
    b"o\xe2": "ô",  # oâ  -> LATIN SMALL LETTER O WITH CIRCUMFLEX
    b"o\xe1": "ố",  # oá  -> LATIN SMALL LETTER O WITH CIRCUMFLEX AND ACUTE
    b"o\xe0": "ồ",  # oà  -> LATIN SMALL LETTER O WITH CIRCUMFLEX AND GRAVE
    b"o\xe5": "ổ",  # oå  -> LATIN SMALL LETTER O WITH CIRCUMFLEX AND HOOK ABOVE
    b"o\xe3": "ỗ",  # oã  -> LATIN SMALL LETTER O WITH CIRCUMFLEX AND TILDE
    b"o\xe4": "ộ",  # oä  -> LATIN SMALL LETTER O WITH CIRCUMFLEX AND DOT BELOW
    b"\xf4": "ơ",  # ô   -> LATIN SMALL LETTER O WITH HORN
    b"\xf4\xf9": "ớ",  # ôù  -> LATIN SMALL LETTER O WITH HORN AND ACUTE
    b"\xf4\xf8": "ờ",  # ôø  -> LATIN SMALL LETTER O WITH HORN AND GRAVE
    b"\xf4\xfb": "ở",  # ôû  -> LATIN SMALL LETTER O WITH HORN AND HOOK ABOVE
    b"\xf4\xf5": "ỡ",  # ôõ  -> LATIN SMALL LETTER O WITH HORN AND TILDE
    b"\xf4\xef": "ợ",  # ôï  -> LATIN SMALL LETTER O WITH HORN AND DOT BELOW
    b"u\xf9": "ú",  # uù  -> LATIN SMALL LETTER U WITH ACUTE
    b"u\xf8": "ù",  # uø  -> LATIN SMALL LETTER U WITH GRAVE
    b"u\xfb": "ủ",  # uû  -> LATIN SMALL LETTER U WITH HOOK ABOVE
    b"u\xf5": "ũ",  # uõ  -> LATIN SMALL LETTER U WITH TILDE
    b"u\xef": "ụ",  # uï  -> LATIN SMALL LETTER U WITH DOT BELOW
    b"\xf6": "ư",  # ö   -> LATIN SMALL LETTER U WITH HORN
    b"\xf6\xf9": "ứ",  # öù  -> LATIN SMALL LETTER U WITH HORN AND ACUTE
    b"\xf6\xf8": "ừ",  # öø  -> LATIN SMALL LETTER U WITH HORN AND GRAVE
    b"\xf6\xfb": "ử",  # öû  -> LATIN SMALL LETTER U WITH HORN AND HOOK ABOVE
    b"\xf6\xf5": "ữ",  # öõ  -> LATIN SMALL LETTER U WITH HORN AND TILDE
    b"\xf6\xef": "ự",  # öï  -> LATIN SMALL LETTER U WITH HORN AND DOT BELOW
    b"\xed": "í",  # í   -> LATIN SMALL LETTER I WITH ACUTE
    b"\xec": "ì",  # ì   -> LATIN SMALL LETTER I WITH GRAVE
    b"\xe6": "ỉ",  # æ   -> LATIN SMALL LETTER I WITH HOOK ABOVE
    b"\xf3": "ĩ",  # ó   -> LATIN SMALL LETTER I WITH TILDE
    b"\xf2": "ị",  # ò   -> LATIN SMALL LETTER I WITH DOT BELOW
    b"y\xf9": "ý",  # yù  -> LATIN SMALL LETTER Y WITH ACUTE
    b"y\xf8": "ỳ",  # yø  -> LATIN SMALL LETTER Y WITH GRAVE
    b"y\xfb": "ỷ",  # yû  -> LATIN SMALL LETTER Y WITH HOOK ABOVE
    b"y\xf5": "ỹ",  # yõ  -> LATIN SMALL LETTER Y WITH TILDE
    b"\xee": "ỵ",  # î   -> LATIN SMALL LETTER Y WITH DOT BELOW
    b"\xf1": "đ",  # ñ   -> LATIN SMALL LETTER D WITH STROKE
}
