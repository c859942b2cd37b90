"""Markup stripping on any input: the same matches as the plain regexes that specify it, every
kept character where it was, and time linear in the text however it is malformed.

The inputs built to be slow ("<a " a hundred thousand times) would take the plain regexes
minutes or hours: each unterminated start is read to the end of the text, then the next.  The
tests do not time anything; a regression makes them hang (and the guard fail them)."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citelint import extract
from citelint.text import markup
from citelint.text.markup import blank_markup, find_tags, front_matter
from citelint.text.prepared import PreparedText
from conftest import finishes_within

# --- the specification: the plain regexes, right but quadratic on unterminated constructs --------

HTML_SKIP = re.compile(r"(?is)<!--.*?-->|<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>")
HTML_TAG = re.compile(r"(?s)</?([A-Za-z][A-Za-z0-9-]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*/?>")
MD_COMMENT = re.compile(r"(?s)<!--.*?-->")
MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\n]*)\)")
FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
YAML_COMMENT = re.compile(r"[ \t]+#.*$")

PIECES = [
    "<a ", "<a>", "<p>", "</p>", "<br/>", "<b>", "</b>", '<a href="x>y">', "<img alt='a\"b'>", "<h1-x>", "<p->", "<a-",
    "<!--", "-->", "<!-- c -->", "<script>", "</script>", "</SCRIPT >", "<style x='>'>", "</style>", "<noscript>",
    "</noscript>", "<template>", "</template>", "<ſcript>", "</ſcript>", "</scrİpt>", "<SCRIPT>", "</Script >", "<![CDATA[", "]]>", "<!", "<?", "?>", "<!DOCTYPE html>",
    "<", ">", "/", "-", '"', "'", "=", "[", "]", "](", ")", "![", "\n", "\r\n", " ", "\t", "---\n", "...\n",
    "title: x  # c\n", "date: 2021-11-19\n", "*", "_", "`", "# ", "> ", "- ", "1. ", "&amp;", "&#7883;", "&nbsp;", "&bogus;", "é",
    "Quy định số 24-QĐ/TƯ ngày 30/7/2021 của Ban Chấp hành Trung ương", "Nghị định 30/2020/NĐ-CP", "số 15-NQ/TU",
]
markups = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=30).map("".join)


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markups)
def test_the_scanners_find_what_the_plain_regexes_find(text):
    assert list(markup._html_skips(text)) == spans(HTML_SKIP.finditer(text))
    assert [(m.start(), end, m.group(1)) for m, end in find_tags(text)] == [(m.start(), m.end(), m.group(1)) for m in HTML_TAG.finditer(text)]
    assert [m.span() for m in markup._MD_COMMENT.finditer(text) if m.group(1)] == spans(MD_COMMENT.finditer(text))
    links = [(m.span(), m.groups()) for m in markup._MD_LINK.finditer(text) if m.group(2) is not None]
    assert links == [(m.span(), m.groups()) for m in MD_LINK.finditer(text)]
    for line in text.splitlines():
        new, old = markup._FRONT_MATTER_KEY.match(line), FRONT_MATTER_KEY.match(line)
        assert (new is None) == (old is None)
        if new:
            assert new.group(1) == old.group(1) and new.group(2).strip(" \t") == old.group(2)
            assert markup._YAML_COMMENT.sub("", old.group(2)) == YAML_COMMENT.sub("", old.group(2))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markups, st.sampled_from(["html", "markdown"]))
def test_every_kept_character_maps_back_to_itself(text, kind):
    layout = blank_markup(text, kind)
    assert len(layout) == len(text)
    for i, c in enumerate(layout):
        assert c == text[i] or c in " \n", i  # blanked markup; a line break where a block tag starts
    prepared = PreparedText(text, kind)
    parsed, to_original = prepared.parse_text, prepared.markup_map
    previous = 0
    for i, c in enumerate(parsed):
        a, b = to_original.span_to_source(i, i + 1)
        assert previous <= a < b <= len(text)
        previous = a
        if c.isspace():
            continue
        if b - a == 1:
            assert text[a] == c, i
        else:  # decoded from an entity reference, which maps back whole
            assert text[a] == "&" and c in html.unescape(text[a:b]), i
    prepared.normalized  # noqa: B018 -- never raises


# --- inputs built to be slow -----------------------------------------------------------------------

N = 200_000
SLOW = {
    # an unterminated tag: each "<a" is read to the end of the text for its ">"
    "tags": ("<a " * N, "html"),
    "quoted values": ('<a "' * N, "html"),
    "unterminated quote": ("<a " * N + '"' + "<p>" * 1000, "html"),
    "names with dashes": ("<a-" * N, "html"),
    "comments": ("<!--" * N, "html"),
    "directives": ("<!-- citelint-disable-next-line " * (N // 4), "html"),
    "scripts": ("<script>" * N, "html"),
    "script heads": ("<script " * N, "html"),
    "styles": ("<style>x" * N, "html"),
    "cdata": ("<![CDATA[" * N, "html"),
    "bang": ("<!" * N, "html"),
    "processing instructions": ("<?" * N, "html"),
    "close tags that never close": ("<script>" + "</script " * N, "html"),
    "markdown comments": ("<!--" * N, "markdown"),
    "markdown tags": ("<a " * N, "markdown"),
    "brackets": ("[" * N, "markdown"),
    "links without their end": ("[a](" * N, "markdown"),
    "images without their end": ("![a](" * N, "markdown"),
}


@pytest.mark.parametrize("name", SLOW)
def test_malformed_markup_takes_linear_time(name):
    text, kind = SLOW[name]
    with finishes_within(30):
        layout = blank_markup(text, kind)
    assert len(layout) == len(text)
    if name in ("scripts", "styles"):
        # never closed: each "<script>" is an inline tag like another (blanked), the rest text
        assert layout == text.replace("<script>", " " * 8).replace("<style>", " " * 7)
    elif name == "close tags that never close":
        assert layout == " " * 8 + text[8:]
    elif name == "unterminated quote":
        assert layout == "<a " * N + '"' + "\n  " * 1000  # the "<p>" after it are tags still
    else:
        assert layout == text  # nothing ends: all text


def test_terminators_after_many_starts_end_them_all():
    with finishes_within(30):
        assert blank_markup("<!-- x " * N + "-->after", "html") == " " * (7 * N + 3) + "after"
        assert blank_markup("<!-- x " * N + "-->after", "markdown") == " " * (7 * N + 3) + "after"
        assert blank_markup("<a " * N + ">after", "html") == " " * (3 * N + 1) + "after"
        assert blank_markup("[a](" * N + "\n[b](c)", "markdown") == "[a](" * N + "\n b" + " " * 4
        # a script element that closes, after many that do not
        text = "<script>" * N + "x</script>after"
        assert blank_markup(text, "html") == " " * (len(text) - 5) + "after"


def test_front_matter_with_long_runs_of_spaces():
    with finishes_within(30):
        fm = front_matter("---\ntitle: x" + " " * 1_000_000 + "y \t\ndate: 2021" + " \t" * 500_000 + "# c\n---\nbody")
    assert fm.fields == {"title": "x" + " " * 1_000_000 + "y", "date": "2021"}


def test_an_unterminated_tag_before_a_citation_hides_nothing():
    text = "<a " * N + "<p>Nghị định 30/2020/NĐ-CP</p>"
    with finishes_within(30):
        (c,) = extract(text, markup="html")
    assert c.symbol == "30/2020/NĐ-CP" and text[c.start : c.end] == c.text == "Nghị định 30/2020/NĐ-CP"
