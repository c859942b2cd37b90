"""`citelint annotate` and annotate_text: links to the documents, findings marked, nothing else
changed, and nothing changed the second time."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest
from conftest import SEEDS, SHIPPED_REGISTRY, run_citelint

from citelint import annotate_text
from citelint.config import Options
from citelint.registry.build import load_layered
from citelint.report.annotate import TemplateError, check_template, link_for, source_rank

SENTENCE = ("Theo Nghị định 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ và Quy định số 24-QĐ/TƯ ngày 30/7/2021 "
            "của Ban Chấp hành Trung ương, cùng Nghị quyết số 99-NQ/TW.")
# the tags annotate inserts, and only those
INSERTED = re.compile(r'<a href="[^"]*" class="citelint-citation[^"]*" title="[^"]*">|<span class="citelint-finding[^"]*" '
                      r'title="[^"]*">|</a>|</span>')


@pytest.fixture(scope="module")
def options():
    return Options(registry=load_layered(SHIPPED_REGISTRY))


def _without_inserted(annotated: str, original: str) -> str:
    """The annotated text with the tags annotate adds taken out again (only as many closing
    tags as it opened)."""
    opened = len(re.findall(r'class="citelint-(?:citation|finding)', annotated))
    closes_before = len(re.findall(r"</a>|</span>", original))
    out = re.sub(r'<a href="[^"]*" class="citelint-citation[^"]*" title="[^"]*">|<span class="citelint-finding[^"]*" title="[^"]*">',
                 "", annotated)
    # drop the closing tags that are not in the original, matching them by position
    parts = re.split(r"(</a>|</span>)", out)
    assert (len(parts) - 1) // 2 == closes_before + opened
    rebuilt, kept = [], 0
    orig_closes = [m.start() for m in re.finditer(r"</a>|</span>", original)]
    pos = 0
    for i, part in enumerate(parts):
        if i % 2 == 0:
            rebuilt.append(part)
            pos += len(part)
        elif kept < len(orig_closes) and orig_closes[kept] == pos:
            rebuilt.append(part)
            pos += len(part)
            kept += 1
    return "".join(rebuilt)


def test_html_every_byte_outside_the_inserted_tags_is_kept(options):
    original = (f'<!DOCTYPE html>\n<html><head><title>Nghị định 30/2020/NĐ-CP</title></head>\r\n<body>\n'
                f'<p class="lead">{SENTENCE}</p>\n<p>Xem <a href="https://example.org">Nghị định 30/2020/NĐ-CP</a> &amp; '
                f'<code>Quy định số 24-QĐ/TƯ</code>.</p>\n<!-- Nghị định 30/2020/NĐ-CP -->\n</body></html>\n')
    annotated = annotate_text(original, markup="html", options=options)
    assert annotated != original
    assert _without_inserted(annotated, original) == original
    # parsed back: the same text, the links where they should be and nowhere else
    before = html5lib.parse(original, namespaceHTMLElements=False)
    after = html5lib.parse(annotated, namespaceHTMLElements=False)
    assert "".join(before.itertext()) == "".join(after.itertext())
    links = [a for a in after.iter("a") if "citelint-citation" in a.get("class", "")]
    assert [a.text for a in links] == ["Nghị định 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ",
                                       "Quy định số 24-QĐ/TƯ ngày 30/7/2021 của Ban Chấp hành Trung ương"]
    assert all(a.get("href", "").startswith("https://") for a in links)
    assert "Chính phủ" in links[0].get("title") and "05/03/2020" in links[0].get("title")
    assert "232-QĐ/TW" in links[1].get("title")  # its status: replaced, and by what
    # the existing link, the code element, the comment and the title are left alone
    assert [a.get("href") for a in after.iter("a") if "citelint" not in a.get("class", "")] == ["https://example.org"]
    assert after.find(".//code").text == "Quy định số 24-QĐ/TƯ" and not list(after.find(".//code"))
    assert after.find(".//title").text == "Nghị định 30/2020/NĐ-CP"
    # the unresolved citation is marked with its finding
    spans = [s for s in after.iter("span") if "citelint-finding" in s.get("class", "")]
    assert [s.text for s in spans] == ["Nghị quyết số 99-NQ/TW"]
    assert "citelint-warning" in spans[0].get("class") and "CL201" in spans[0].get("title")


@pytest.mark.parametrize("markup", ["html", "markdown", "text"])
def test_annotating_an_annotated_article_changes_nothing(options, markup):
    text = {"html": f"<p>{SENTENCE}</p>\n", "markdown": f"# Tin\n\n{SENTENCE}\n", "text": SENTENCE + "\n"}[markup]
    once = annotate_text(text, markup=markup, options=options)
    again = annotate_text(once, markup="html" if markup == "text" else markup, options=options)
    assert once != text
    assert again == once


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seeds_annotated_twice_are_annotated_once(options, seed):
    text = seed.read_text(encoding="utf-8")
    page = annotate_text(text, markup="text", options=options)
    assert page.count('class="citelint-citation') >= 1
    assert annotate_text(page, markup="html", options=options) == page
    as_markdown = annotate_text(text, markup="markdown", options=options)
    assert annotate_text(as_markdown, markup="markdown", options=options) == as_markdown


def test_nothing_is_linked_inside_an_element_that_holds_comments(options):
    # comments inside <pre> are inside its zone: the <pre> still covers what follows them
    original = f"<html><body><pre>{'<!-- b -->' * 80}{SENTENCE}</pre><p>{SENTENCE}</p></body></html>"
    annotated = annotate_text(original, markup="html", options=options)
    pre, rest = annotated.split("</pre>")
    assert "citelint" not in pre
    assert rest.count('class="citelint-citation') == 2


def test_markdown_links_and_marks(options):
    text = f"{SENTENCE}\n\n`Nghị định 30/2020/NĐ-CP` và [Quy định số 24-QĐ/TƯ](https://example.org).\n"
    out = annotate_text(text, markup="markdown", options=options)
    m = re.search(r'\[Nghị định 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ\]\((https://\S+) "([^"]+)"\)', out)
    assert m and "Chính phủ" in m.group(2)
    assert '<span class="citelint-finding citelint-warning" title="⚠ CL201' in out
    # a code span and an existing link are left alone
    assert "`Nghị định 30/2020/NĐ-CP` và [Quy định số 24-QĐ/TƯ](https://example.org)." in out


def test_plain_text_becomes_an_html_page(options):
    page = annotate_text("a < b: " + SENTENCE + "\n", markup="text", options=options, path="tin.txt")
    doc = html5lib.parse(page, namespaceHTMLElements=False)
    assert doc.find(".//title").text == "tin.txt"
    article = doc.find(".//div")
    assert "".join(article.itertext()) == "a < b: " + SENTENCE + "\n"


def test_link_template(options):
    out = annotate_text(SENTENCE, markup="markdown", options=options, link_template="https://toasoan.vn/van-ban/{id}?nam={year}")
    assert "(https://toasoan.vn/van-ban/cp-nd-30-2020?nam=2020 " in out
    with pytest.raises(TemplateError, match=r"\{slug\}"):
        check_template("https://x/{slug}")


def test_the_official_source_is_preferred():
    class Doc:
        id, symbol, number, type, date, issuer = "d", "1/2020/NĐ-CP", "1", "Nghị định", None, "cp"
        sources = ("https://baomoi.com/x", "https://thuvienphapluat.vn/y", "https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=1")

    assert link_for(Doc()) == "https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=1"
    assert source_rank("https://moj.gov.vn:443/a") == 0 and source_rank("https://thuvienphapluat.vn/") == 1


def test_in_place_keeps_encoding_bom_and_line_endings(tmp_path):
    article = tmp_path / "tin.md"
    original = ("\ufeff# Tin\r\n\r\n" + SENTENCE + "\r\n").encode("utf-8")
    article.write_bytes(original)
    p = run_citelint("annotate", str(article), "--in-place", "--registry", str(SHIPPED_REGISTRY))
    assert p.returncode == 0, p.stderr
    data = article.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# Tin\r\n\r\n") and data.endswith(b".\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert b"](https://" in data
    again = run_citelint("annotate", str(article), "--in-place", "--registry", str(SHIPPED_REGISTRY))
    assert again.returncode == 0 and article.read_bytes() == data


def test_written_elsewhere_an_article_keeps_its_encoding(tmp_path):
    article = tmp_path / "tin.html"
    article.write_bytes(b"\xff\xfe" + f"<p>{SENTENCE}</p>\r\n".encode("utf-16-le"))
    out = tmp_path / "out.html"
    p = run_citelint("annotate", str(article), "-o", str(out), "--registry", str(SHIPPED_REGISTRY))
    assert p.returncode == 0, p.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xff\xfe") and data.decode("utf-16").endswith("</p>\r\n")
    assert 'class="citelint-citation' in data.decode("utf-16")


def test_in_place_refuses_plain_text_and_read_only_files(tmp_path):
    text = tmp_path / "tin.txt"
    text.write_text(SENTENCE, encoding="utf-8")
    locked = tmp_path / "khoa.md"
    locked.write_text(SENTENCE, encoding="utf-8")
    locked.chmod(0o444)
    p = run_citelint("annotate", str(text), str(locked), "--in-place")
    assert p.returncode == 2
    assert f"{text}: a plain text file cannot hold links" in p.stderr
    assert f"{locked}: not annotated in place: it is read-only" in p.stderr
    assert text.read_text(encoding="utf-8") == SENTENCE and locked.read_text(encoding="utf-8") == SENTENCE


def test_several_articles_go_into_a_directory(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (src / "b.md").write_text(SENTENCE, encoding="utf-8")
    p = run_citelint("annotate", str(src))
    assert p.returncode == 2 and "-o DIR" in p.stderr
    out = tmp_path / "out"
    out.mkdir()
    p = run_citelint("annotate", str(src), "-o", str(out), "-j", "2")
    assert p.returncode == 0, p.stderr
    assert sorted(f.name for f in out.iterdir()) == ["a.html", "b.md"]
    assert (out / "a.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "](https://" in (out / "b.md").read_text(encoding="utf-8")
    assert not list(out.glob(".*.tmp"))


def test_a_bad_template_is_a_usage_error(tmp_path):
    p = run_citelint("annotate", str(SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]), "--link-template", "{nope}")
    assert p.returncode == 2 and "{nope}" in p.stderr and "Traceback" not in p.stderr


def test_the_html_of_a_real_article_is_kept_outside_the_links(options, tmp_path):
    # a seed as an HTML article with markup around and inside its sentences
    text = Path(sorted(SEEDS.glob("*.txt"))[3]).read_text(encoding="utf-8")
    paragraphs = "".join(f"<p data-n=\"{i}\">{line}</p>\n" for i, line in enumerate(text.split("\n")) if line.strip())
    original = f"<html><head><meta charset=utf-8><style>p {{ margin: 0 }}</style></head><body>\n{paragraphs}</body></html>"
    annotated = annotate_text(original, markup="html", options=options)
    assert annotated.count("citelint-citation") >= 3
    assert _without_inserted(annotated, original) == original
    assert INSERTED.sub("", annotated) == INSERTED.sub("", original)
