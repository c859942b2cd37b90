"""Reading articles: markup stripping that keeps offsets, file discovery, loading and its errors.

Every test checks what a user sees in the records: which citations are found, their
``text``, and that ``start``/``end``/``line``/``column`` point into the original file
(markup and entity references included, BOM excluded).
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citelint import extract, extract_file
from citelint.find.extract import extract_document
from citelint.text.files import LoadError, iter_files, load_document

QD24 = "Quy định số 24-QĐ/TƯ ngày 30/7/2021 của Ban Chấp hành Trung ương"
ND30 = "Nghị định 30/2020/NĐ-CP"


def line_col(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of ``pos`` in ``text``, counted independently of citelint."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def assert_spans_point_into(original: str, citations) -> None:
    for c in citations:
        assert 0 <= c.start <= c.end <= len(original)
        assert original[c.start : c.end] == c.text
        assert (c.line, c.column) == line_col(original, c.start), c
        assert (c.end_line, c.end_column) == line_col(original, c.end), c


def by_symbol(citations) -> dict:
    return {c.symbol: c for c in citations}


# --- HTML -----------------------------------------------------------------------------------


def test_html_citation_inside_inline_tags_is_found_with_original_offsets():
    html = "<p>Theo <b>Quy định số 24-QĐ/TƯ</b> ngày 30/7/2021 của Ban Chấp hành Trung ương</p>"
    (c,) = extract(html, markup="html")
    assert c.symbol == "24-QĐ/TW"
    assert str(c.date) == "2021-07-30"
    assert c.issuer_text == "Ban Chấp hành Trung ương"
    assert c.start == html.index("Quy định")
    assert c.end == html.index("</p>")  # the closing block tag is not part of the citation
    assert c.text == "Quy định số 24-QĐ/TƯ</b> ngày 30/7/2021 của Ban Chấp hành Trung ương"
    assert_spans_point_into(html, [c])


def test_html_citation_wrapped_in_tags_has_no_tag_characters():
    html = (
        '<div class="body"><p>Theo <a href="/van-ban/99/2019/NĐ-CP" title="Quy định số 7-QĐ/TW">'
        f"<strong>{ND30}</strong></a>, các cơ quan</p></div>"
    )
    (c,) = extract(html, markup="html")
    assert c.text == ND30
    assert "<" not in c.text and ">" not in c.text
    assert c.start == html.index(ND30)
    assert_spans_point_into(html, [c])


@pytest.mark.parametrize(
    "written",
    ["Nghị&nbsp;quyết", "Ngh&#7883; quyết", "Ngh&#x1ECB; quyết", "Ngh&#x1ecb;&#32;quyết"],
)
def test_html_entities_decode_for_parsing_but_text_is_the_original_slice(written):
    html = f"<p>Tin &amp; b&agrave;i: theo {written} số 15-NQ/TU của Thành ủy</p>"
    (c,) = extract(html, markup="html")
    assert c.symbol == "15-NQ/TU"
    assert c.type_name == "Nghị quyết"
    assert c.issuer_text == "Thành ủy"
    assert c.start == html.index(written)  # entities before the citation do not shift it
    assert c.text == f"{written} số 15-NQ/TU của Thành ủy"  # entity kept as written
    assert_spans_point_into(html, [c])


def test_html_citation_after_many_entities_keeps_exact_offsets():
    html = "<p>A &amp; B &lt;C&gt; &quot;D&quot; &#8212; " + ND30 + " &amp; Quy định số 24-QĐ/TW</p>"
    cs = extract(html, markup="html")
    assert [c.text for c in cs] == [ND30, "Quy định số 24-QĐ/TW"]
    assert cs[0].start == html.index(ND30)
    assert cs[1].start == html.index("Quy định")
    assert_spans_point_into(html, cs)


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>var s = 'Quy định số 24-QĐ/TW ngày 30/7/2021';</script>",
        "<script type=\"text/javascript\">\n// Quy định số 24-QĐ/TW\n</script>",
        "<style>/* Quy định số 24-QĐ/TW */ p { color: red }</style>",
        "<!-- Quy định số 24-QĐ/TW ngày 30/7/2021 -->",
        "<!--\nQuy định số 24-QĐ/TW\n-->",
        "<!-- <p>old:</p> Quy định số 24-QĐ/TW ngày 30/7/2021 -->",
    ],
)
def test_html_script_style_and_comments_are_not_parsed(hidden):
    html = f"<html><head>{hidden}</head><body><p>Theo {ND30}.</p></body></html>"
    cs = extract(html, markup="html")
    assert [c.symbol for c in cs] == ["30/2020/NĐ-CP"]
    assert cs[0].start == html.index(ND30)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\n    "])
def test_html_source_line_break_inside_paragraph_does_not_end_citation(newline):
    html = f"<p>Theo Quy định số 24-QĐ/TW{newline} ngày 30/7/2021 của Bộ Chính trị.</p>"
    (c,) = extract(html, markup="html")
    assert c.symbol == "24-QĐ/TW"
    assert str(c.date) == "2021-07-30"
    assert c.issuer_text == "Bộ Chính trị"
    assert c.text == f"Quy định số 24-QĐ/TW{newline} ngày 30/7/2021 của Bộ Chính trị"
    assert c.end_line == 2
    assert_spans_point_into(html, [c])


@pytest.mark.parametrize("boundary", ["</p><p>", "<br>", "<br/>", "</li><li>", "</td><td>", "</div>\n<div>"])
def test_html_block_tag_boundary_ends_citation(boundary):
    html = f"<p>Theo Quy định số 24-QĐ/TW{boundary}ngày 30/7/2021 của Bộ Chính trị.</p>"
    cs = extract(html, markup="html")
    assert cs[0].symbol == "24-QĐ/TW"
    assert cs[0].date is None
    assert cs[0].issuer_text is None
    assert cs[0].text == "Quy định số 24-QĐ/TW"
    assert_spans_point_into(html, cs)


def test_html_line_and_column_match_the_original_file():
    html = (
        "<!DOCTYPE html>\n"
        "<html>\n"
        "<head><title>Tin tức</title></head>\n"
        "<body>\n"
        "<h1>Hội nghị</h1>\n"
        f"<p>Theo <em>{ND30}</em> về công tác văn thư,\n"
        "và Quy định số 24-QĐ/TW ngày 30/7/2021 của Bộ Chính trị.</p>\n"
        "</body>\n"
        "</html>\n"
    )
    cs = extract(html, markup="html")
    assert [(c.symbol, c.line, c.column) for c in cs] == [
        ("30/2020/NĐ-CP", 6, 13),
        ("24-QĐ/TW", 7, 4),
    ]
    assert_spans_point_into(html, cs)


def test_html_file_is_stripped_by_suffix(tmp_path):
    f = tmp_path / "bai.HTM"
    f.write_text(f"<p><b>{ND30}</b></p>\n<!-- Quy định số 24-QĐ/TW -->\n", encoding="utf-8")
    result = extract_file(str(f))
    assert result.error is None
    assert [(c.text, c.start, c.path) for c in result.citations] == [(ND30, 6, str(f))]


# --- Markdown -------------------------------------------------------------------------------


def test_markdown_front_matter_is_not_parsed():
    md = (
        "---\n"
        f"title: {ND30}\n"
        "date: 2021-11-19\n"
        "tags: [Quy định số 24-QĐ/TW]\n"
        "---\n"
        "\n"
        "Theo Nghị quyết số 15-NQ/TU của Thành ủy.\n"
    )
    cs = extract(md, markup="markdown")
    assert [c.symbol for c in cs] == ["15-NQ/TU"]
    assert (cs[0].line, cs[0].column) == (7, 6)
    assert_spans_point_into(md, cs)


def test_markdown_emphasis_is_stripped():
    md = "Theo **Nghị quyết số 15-NQ/TU** và _Quy định số 24-QĐ/TW_, `x`.\n"
    cs = extract(md, markup="markdown")
    assert [c.text for c in cs] == ["Nghị quyết số 15-NQ/TU", "Quy định số 24-QĐ/TW"]
    assert cs[0].start == md.index("Nghị")
    assert_spans_point_into(md, cs)


@pytest.mark.parametrize(
    "md,text",
    [
        ("Theo **Quy định số 24-QĐ/TW** ngày 30/7/2021 của Bộ Chính trị.\n",
         "Quy định số 24-QĐ/TW** ngày 30/7/2021 của Bộ Chính trị"),
        ("Theo *Quy định* số 24-QĐ/TW ngày 30/7/2021 của `Bộ Chính trị`.\n",
         "Quy định* số 24-QĐ/TW ngày 30/7/2021 của `Bộ Chính trị"),
        ("Theo Quy định __số 24-QĐ/TW__ ngày ~~30/7/2021~~ của Bộ Chính trị.\n",
         "Quy định __số 24-QĐ/TW__ ngày ~~30/7/2021~~ của Bộ Chính trị"),
    ],
)
def test_markdown_emphasis_inside_a_citation_does_not_split_it(md, text):
    (c,) = extract(md, markup="markdown")
    assert (c.type_name, c.symbol, str(c.date), c.issuer_text) == ("Quy định", "24-QĐ/TW", "2021-07-30", "Bộ Chính trị")
    assert c.text == text
    assert_spans_point_into(md, [c])


def test_markdown_link_text_is_parsed_and_url_is_not():
    md = (
        f"Xem [{ND30}](https://example.org/nd30) về công tác văn thư "
        "và [văn bản](https://example.org/Nghị-định-99/2019/NĐ-CP) khác; "
        "![ảnh](https://example.org/Quy-định-số-7-QĐ/TW.png) "
        "theo Quy định số 24-QĐ/TW ngày 30/7/2021.\n"
    )
    cs = extract(md, markup="markdown")
    assert [c.text for c in cs] == [ND30, "Quy định số 24-QĐ/TW ngày 30/7/2021"]
    assert cs[0].start == md.index(ND30)
    # After two links and an image the offsets must not have drifted.
    assert cs[1].start == md.index("Quy định số 24")
    assert_spans_point_into(md, cs)


def test_markdown_headings_and_list_bullets():
    md = (
        f"# {ND30}\n"
        "\n"
        "Các văn bản:\n"
        "\n"
        "- Quyết định số 12/QĐ-UBND về A;\n"
        "* Quyết định số 13/QĐ-UBND về B;\n"
        "1. Quyết định số 14/QĐ-UBND về C.\n"
        "> Quy định số 24-QĐ/TW\n"
    )
    cs = extract(md, markup="markdown")
    assert [(c.symbol, c.line, c.column) for c in cs] == [
        ("30/2020/NĐ-CP", 1, 3),
        ("12/QĐ-UBND", 5, 3),
        ("13/QĐ-UBND", 6, 3),
        ("14/QĐ-UBND", 7, 4),
        ("24-QĐ/TW", 8, 3),
    ]
    assert cs[1].text == "Quyết định số 12/QĐ-UBND"
    assert cs[1].title == "A"
    assert_spans_point_into(md, cs)


def test_markdown_numbered_list_items_are_list_items():
    md = "1. Quyết định số 14/QĐ-UBND về C;\n2. Quyết định số 15/QĐ-UBND về D.\n"
    cs = extract(md, markup="markdown")
    assert [(c.symbol, c.column, c.title) for c in cs] == [("14/QĐ-UBND", 4, "C"), ("15/QĐ-UBND", 4, "D")]
    assert_spans_point_into(md, cs)


def test_markdown_html_comments_are_not_parsed():
    md = (
        "<!-- citelint-disable-next-line CL201 -->\n"
        "Quy định số 24-QĐ/TW ngày 30/7/2021\n"
        "<!-- <b>Nghị quyết số 15-NQ/TU</b>\n"
        f"{ND30} -->\n"
        "Hết.\n"
    )
    cs = extract(md, markup="markdown")
    assert [(c.symbol, c.line, c.column) for c in cs] == [("24-QĐ/TW", 2, 1)]
    assert str(cs[0].date) == "2021-07-30"
    assert_spans_point_into(md, cs)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_markdown_soft_line_break_joins_and_blank_line_separates(newline):
    joined = f"Theo Quy định số 24-QĐ/TW{newline}ngày 30/7/2021 của Bộ Chính trị.{newline}"
    (c,) = extract(joined, markup="markdown")
    assert str(c.date) == "2021-07-30"
    assert c.issuer_text == "Bộ Chính trị"
    assert (c.line, c.end_line) == (1, 2)
    assert_spans_point_into(joined, [c])

    separated = f"Theo Quy định số 24-QĐ/TW{newline}{newline}ngày 30/7/2021 của Bộ Chính trị.{newline}"
    (c,) = extract(separated, markup="markdown")
    assert c.date is None
    assert c.text == "Quy định số 24-QĐ/TW"


# --- plain text -------------------------------------------------------------------------------


def test_plain_text_crlf_line_and_column():
    text = f"Dòng một.\r\nTheo {ND30} về văn thư.\r\n\r\nVà Quy định số 24-QĐ/TW ngày 30/7/2021.\r\n"
    cs = extract(text)
    assert [(c.symbol, c.line, c.column, c.end_line) for c in cs] == [
        ("30/2020/NĐ-CP", 2, 6, 2),
        ("24-QĐ/TW", 4, 4, 4),
    ]
    assert [c.text for c in cs] == [ND30, "Quy định số 24-QĐ/TW ngày 30/7/2021"]
    assert_spans_point_into(text, cs)


# --- iter_files -------------------------------------------------------------------------------


def make_tree(root: Path, names: list[str]) -> None:
    for name in reversed(names):  # created out of order: the listing must not depend on it
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(ND30 + "\n", encoding="utf-8")


TREE = [
    "top.txt",
    "a/x.md",
    "a/v.markdown",
    "a/w.xhtml",
    "a/notes.TXT",
    "a/data.csv",
    "a/b/y.html",
    "a/b/z.htm",
    "c/keep.md",
    "c/skip.txt",
    ".hidden/h.txt",
    "a/.git/config.txt",
    "README",
    "script.py",
]


def rel(paths, root: Path) -> list[str]:
    return [Path(p).relative_to(root).as_posix() for p in paths]


def test_iter_files_recurses_known_suffixes_skips_hidden_dirs_in_stable_order(tmp_path):
    make_tree(tmp_path, TREE)
    found = list(iter_files([tmp_path]))
    assert rel(found, tmp_path) == [
        "top.txt",
        "a/notes.TXT",
        "a/v.markdown",
        "a/w.xhtml",
        "a/x.md",
        "a/b/y.html",
        "a/b/z.htm",
        "c/keep.md",
        "c/skip.txt",
    ]
    assert list(iter_files([tmp_path])) == found  # same order every time


def test_iter_files_exclude_by_directory_relative_path_and_file_name(tmp_path):
    make_tree(tmp_path, TREE)
    assert rel(iter_files([tmp_path], exclude=["c"]), tmp_path) == [
        "top.txt", "a/notes.TXT", "a/v.markdown", "a/w.xhtml", "a/x.md", "a/b/y.html", "a/b/z.htm",
    ]
    assert rel(iter_files([tmp_path], exclude=["a/b/*", "top.txt"]), tmp_path) == [
        "a/notes.TXT", "a/v.markdown", "a/w.xhtml", "a/x.md", "c/keep.md", "c/skip.txt",
    ]
    assert rel(iter_files([tmp_path], exclude=["*.md", "a"]), tmp_path) == ["top.txt", "c/skip.txt"]


def test_iter_files_include_replaces_suffix_filter(tmp_path):
    make_tree(tmp_path, TREE)
    assert rel(iter_files([tmp_path], include=["*.csv"]), tmp_path) == ["a/data.csv"]
    assert rel(iter_files([tmp_path], include=["a/*.md"]), tmp_path) == ["a/x.md"]
    assert rel(iter_files([tmp_path], include=["README", "*.html"]), tmp_path) == ["README", "a/b/y.html"]
    assert rel(iter_files([tmp_path], include=["*.md"], exclude=["c"]), tmp_path) == ["a/x.md"]


def test_iter_files_named_files_are_read_whatever_their_suffix(tmp_path):
    make_tree(tmp_path, TREE)
    named = [tmp_path / "a/data.csv", tmp_path / "README", tmp_path / "top.txt", tmp_path / "top.txt"]
    assert rel(iter_files(named), tmp_path) == ["a/data.csv", "README", "top.txt"]
    # ...and read: an unknown suffix is plain text.
    result = extract_file(str(tmp_path / "a/data.csv"))
    assert [c.text for c in result.citations] == [ND30]
    # A named file is still dropped by --exclude.
    assert rel(iter_files(named, exclude=["*.csv"]), tmp_path) == ["README", "top.txt"]


def test_iter_files_named_hidden_directory_is_walked(tmp_path):
    make_tree(tmp_path, TREE)
    assert rel(iter_files([tmp_path / ".hidden"]), tmp_path) == [".hidden/h.txt"]


def test_iter_files_overlapping_arguments_yield_each_file_once(tmp_path):
    make_tree(tmp_path, TREE)
    found = list(iter_files([tmp_path / "a" / "b", tmp_path, tmp_path / "top.txt"]))
    assert len(found) == len(set(found)) == 9


def test_iter_files_nonexistent_path_is_yielded_and_reading_it_reports_the_error(tmp_path):
    missing = tmp_path / "nope" / "missing.md"
    assert list(iter_files([missing])) == [str(missing)]
    result = extract_file(str(missing))
    assert result.citations == []
    assert isinstance(result.error, LoadError)
    assert result.error.reason == "no such file or directory"
    assert str(result.error) == f"{missing}: no such file or directory"


# --- load_document ----------------------------------------------------------------------------

ARTICLE = f"Theo {QD24}, các cấp ủy đảng đã tổ chức thực hiện nghiêm túc.\nVà {ND30}.\n"


@pytest.mark.parametrize("codec,bom,name", [
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
])
def test_load_bom_file_offsets_exclude_the_bom(tmp_path, codec, bom, name):
    f = tmp_path / "bom.txt"
    f.write_bytes(bom + ARTICLE.encode(codec))
    doc = load_document(f)
    assert doc.encoding == name
    assert doc.text == ARTICLE
    cs = extract_document(doc)
    assert [(c.symbol, c.start) for c in cs] == [("24-QĐ/TW", 5), ("30/2020/NĐ-CP", ARTICLE.index(ND30))]
    assert (cs[1].line, cs[1].column) == (2, 4)
    assert_spans_point_into(doc.text, cs)


def test_load_nfd_file_offsets_point_into_the_nfd_text(tmp_path):
    nfd = unicodedata.normalize("NFD", ARTICLE)
    assert nfd != ARTICLE
    f = tmp_path / "nfd.txt"
    f.write_bytes(nfd.encode("utf-8"))
    doc = load_document(f)
    assert doc.text == nfd  # not normalised on load
    cs = extract_document(doc)
    assert [c.symbol for c in cs] == ["24-QĐ/TW", "30/2020/NĐ-CP"]
    assert str(cs[0].date) == "2021-07-30"
    assert [unicodedata.normalize("NFC", c.text) for c in cs] == [QD24, ND30]
    for c in cs:
        assert doc.text[c.start : c.end] == c.text
        # Whole characters: a span neither starts on nor is followed by a combining mark.
        assert not unicodedata.combining(doc.text[c.start])
        assert c.end == len(doc.text) or not unicodedata.combining(doc.text[c.end])
    assert cs[0].start == nfd.index(unicodedata.normalize("NFD", "Quy"))
    assert_spans_point_into(doc.text, cs)


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letter + combining tone byte."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        marks = "".join(c for c in d if c in tones)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in tones)) + marks)
    return "".join(out).encode("cp1258")


def test_load_windows_1258_file(tmp_path):
    f = tmp_path / "cp1258.txt"
    f.write_bytes(encode_cp1258(ARTICLE))
    doc = load_document(f)
    assert doc.encoding == "cp1258"
    assert "Windows-1258" in doc.notes[0]
    assert unicodedata.normalize("NFC", doc.text) == ARTICLE
    cs = extract_document(doc)
    assert [c.symbol for c in cs] == ["24-QĐ/TW", "30/2020/NĐ-CP"]
    assert str(cs[0].date) == "2021-07-30"
    assert unicodedata.normalize("NFC", cs[0].text) == QD24
    assert_spans_point_into(doc.text, cs)


def test_load_binary_file_is_an_error_with_line_and_column(tmp_path):
    f = tmp_path / "image.txt"
    f.write_bytes(b"GIF89a\nab\x00\x01\x02cd\n")
    with pytest.raises(LoadError) as info:
        load_document(f)
    e = info.value
    assert (e.path, e.line, e.column) == (str(f), 2, 3)
    assert "binary" in e.reason
    assert str(e) == f"{f}:2:3: {e.reason}"
    # extract_file reports it instead of raising.
    result = extract_file(str(f))
    assert result.citations == [] and result.error is not None and result.error.line == 2


def test_load_directory_is_an_error(tmp_path):
    with pytest.raises(LoadError) as info:
        load_document(tmp_path)
    assert info.value.reason == "is a directory"
    assert str(info.value) == f"{tmp_path}: is a directory"


def test_load_permission_denied_is_an_error(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text(ND30, encoding="utf-8")
    f.chmod(0)
    try:
        if os.access(f, os.R_OK):
            pytest.skip("running as a user who can read a mode-000 file (root)")
        with pytest.raises(LoadError) as info:
            load_document(f)
        assert info.value.reason == "permission denied"
        assert str(info.value) == f"{f}: permission denied"
    finally:
        f.chmod(0o644)


def test_load_empty_file_has_no_citations(tmp_path):
    f = tmp_path / "empty.md"
    f.write_bytes(b"")
    doc = load_document(f)
    assert (doc.text, doc.markup) == ("", "markdown")
    assert extract_document(doc) == []


# --- property -------------------------------------------------------------------------------

PHRASES = [
    QD24,
    ND30,
    "Nghị quyết số 15-NQ/TU",
    "Chỉ thị số 15-CT/TU của Thành ủy",
    "Nghị quyết Trung ương 4 (khóa XII)",
    "Quyết định số 12/QĐ-UBND về A;",
    "Chương trình 01",
    "ngày 30/7/2021",
    "số 24-QĐ/TW",
    "Hướng dẫn số 01-HD/TƯ ngày 28/9/2021 của Ban Bí thư",
]
MARKUP = [
    "<p>", "</p>", "<b>", "</b>", "<br>", "<br/>", '<a href="x?a=1&amp;b=2">', "</a>",
    '<div class="a>b">', "</div>", "<li>", "<!-- c -->", "<!--", "-->", "<script>", "</script>",
    "<style>p{}</style>", "<![CDATA[ Nghị định 1/2020/NĐ-CP ]]>", "<!DOCTYPE html>",
    "&nbsp;", "&amp;", "&#7883;", "&#x1ECB;", "&lt;", "&gt;", "&quot;", "&bogus;", "&#0;", "&#xD800;",
    "&", "<", ">", "\n", "\r\n", " ", "\t", "Ngh", "ị", "\u0323", "Đ", "–",
]
PIECE = st.one_of(st.sampled_from(PHRASES), st.sampled_from(MARKUP), st.text(max_size=4))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECE, max_size=20))
def test_html_spans_always_point_into_the_original(parts):
    html = "".join(parts)
    cs = extract(html, markup="html")
    assert_spans_point_into(html, cs)
    for c in cs:
        assert c.text and c.text == c.text.strip(), c
        assert not c.text.startswith("<") and not c.text.endswith(">"), c


def test_exclude_names_a_directory_for_named_files_too(tmp_path):
    # pre-commit names each staged file: `exclude = ["drafts/"]` must still cover drafts/x.md
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "x.md").write_text("Nghị định 30/2020/NĐ-CP", encoding="utf-8")
    (tmp_path / "ok.md").write_text("Nghị định 30/2020/NĐ-CP", encoding="utf-8")
    named = [tmp_path / "drafts" / "x.md", tmp_path / "ok.md"]
    for pattern in ("drafts/", "drafts", "*/drafts"):
        assert rel(iter_files(named, exclude=[pattern]), tmp_path) == ["ok.md"], pattern
    assert rel(iter_files([tmp_path], exclude=["drafts/"]), tmp_path) == ["ok.md"]
