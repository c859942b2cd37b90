"""Articles annotated for the web: every resolved citation a link to its document, with a
tooltip (type, number and symbol, date, issuing body, status), and every finding marked.

HTML keeps every byte of the original outside the inserted tags; Markdown gets
``[text](url "tooltip")`` (and inline HTML for a finding on a citation that resolved to no
document); plain text is written as an HTML page.  A span is left as it is when it is already
inside a link (or inside an element where a link cannot go: ``head``, ``script``, ``style``,
``title``, ``textarea``, ``code``, ``pre``, a Markdown code span or block), or when the span
holds markup of its own: so annotating an annotated article changes nothing.

    >>> from citelint import annotate_text
    >>> annotate_text("Theo Nghị định 30/2020/NĐ-CP.", markup="markdown")  # doctest: +SKIP
    'Theo [Nghị định 30/2020/NĐ-CP](https://vbpl.vn/... "Nghị định 30/2020/NĐ-CP · 05/03/2020 · Chính phủ").'
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Literal

from ..i18n import N_, _

if TYPE_CHECKING:
    from ..check.analyse import Article
    from ..config import Options
    from ..diagnostics import Diagnostic
    from ..registry.index import Registry
    from ..registry.model import Document

Markup = Literal["text", "markdown", "html"]

#: The fields a link template may name: ``--link-template "https://example.vn/vb/{id}"``.
TEMPLATE_FIELDS = ("id", "symbol", "number", "type", "year", "date", "issuer")

CLASS_PREFIX = "citelint-"
_STYLE = """
.citelint-article { white-space: pre-wrap; font-family: serif; max-width: 46em; margin: 2em auto; line-height: 1.5 }
a.citelint-citation { text-decoration-style: dotted }
.citelint-error { background: #fde2e1; border-bottom: 2px solid #c62828 }
.citelint-warning { background: #fff4d6; border-bottom: 2px solid #b7791f }
""".strip()


@dataclass(frozen=True)
class Mark:
    """What goes around one span of the original text."""

    start: int
    end: int
    href: str | None  # None: no document to link to (a finding only)
    title: str  # the tooltip
    severity: str | None  # "error" / "warning" of the worst finding on the span, else None


class TemplateError(ValueError):
    """A link template naming a field there is none of, or written wrongly."""


def check_template(template: str) -> None:
    """Raise :class:`TemplateError` if ``template`` names anything but :data:`TEMPLATE_FIELDS`."""
    try:
        template.format_map({name: "x" for name in TEMPLATE_FIELDS})
    except KeyError as e:
        raise TemplateError(_("the link template names {field}: it may name {fields}").format(
            field="{" + str(e.args[0]) + "}", fields=", ".join("{" + f + "}" for f in TEMPLATE_FIELDS))) from None
    except (ValueError, IndexError) as e:
        raise TemplateError(_("the link template is not a format string: {error}").format(error=e)) from None


def annotate_text(text: str, *, markup: Markup = "text", options: Options | None = None, path: str = "-",
                  link_template: str | None = None, html_page: bool | None = None) -> str:
    """``text`` annotated.  ``markup`` is the text's own ("text", "markdown", "html");
    ``options`` give the registry and configuration (the built-in registry when None);
    ``link_template`` makes each link from the document's fields instead of its public source;
    ``html_page`` writes plain text as an HTML page (the default for plain text, the only
    way to annotate it)."""
    from ..check.analyse import analyse, lint_article
    from ..config import Options
    from ..registry.build import load_layered

    if options is None:
        options = Options(registry=load_layered(None))
    if link_template is not None:
        check_template(link_template)
    article = analyse(text, path=path, markup=markup, options=options)
    report = lint_article(article, options.config)
    marks = marks_for(article, report.diagnostics, options.registry, link_template)
    return render(text, marks, markup, title=path, html_page=html_page)


# --- what to mark -------------------------------------------------------------------------------


def marks_for(article: Article, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic], registry: Registry | None,
              link_template: str | None = None) -> list[Mark]:
    """A mark for each citation that resolved to a document or has a finding, and for each
    other finding's span; in text order, none overlapping (the first of two that overlap wins)."""
    by_span: dict[tuple[int, int], list[Diagnostic]] = {}
    for d in diagnostics:
        if d.end > d.start:
            by_span.setdefault((d.start, d.end), []).append(d)
    marks: list[Mark] = []
    resolved = article.resolved
    for i, c in enumerate(article.citations):
        found = by_span.pop((c.start, c.end), [])
        doc = resolved[i].document if i < len(resolved) and resolved[i].status == "resolved" else None
        href = link_for(doc, link_template) if doc is not None else None
        if href is None and not found:
            continue
        lines = [describe(doc, registry)] if doc is not None and registry is not None else []
        lines += [_finding_line(d) for d in found]
        marks.append(Mark(c.start, c.end, href, "\n".join(lines), _worst(found)))
    for (start, end), found in by_span.items():  # findings on what is not a whole citation
        marks.append(Mark(start, end, None, "\n".join(_finding_line(d) for d in found), _worst(found)))
    marks.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mark] = []
    for m in marks:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def _worst(found: list[Diagnostic]) -> str | None:
    if not found:
        return None
    return "error" if any(d.severity == "error" for d in found) else "warning"


def _finding_line(d: Diagnostic) -> str:
    return f"{'✖' if d.severity == 'error' else '⚠'} {d.code} {d.message}"


def link_for(doc: Document, template: str | None = None) -> str | None:
    """Where a link to ``doc`` goes: the template filled in, else the document's public source
    on the web that is nearest to the document itself (:func:`source_rank`)."""
    if template is not None:
        return template.format_map({
            "id": doc.id, "symbol": doc.symbol or "", "number": doc.number or "", "type": doc.type,
            "year": doc.date.year if doc.date else "", "date": doc.date.isoformat() if doc.date else "",
            "issuer": doc.issuer,
        })
    urls = [s for s in doc.sources if s.startswith(("https://", "http://"))]
    return min(urls, key=source_rank) if urls else None


# The official publications first (the State's legal database, the government's and the Party's
# own sites, the National Assembly's), then the legal databases, then anything else.
_OFFICIAL = ("vbpl.vn", "chinhphu.vn", "gov.vn", "quochoi.vn", "dangcongsan.vn", "tulieuvankien.dangcongsan.vn")
_LEGAL_DATABASES = ("thuvienphapluat.vn", "luatvietnam.vn")


def source_rank(url: str) -> int:
    """0 for an official publication, 1 for a legal database, 2 for another page; sources of
    the same rank keep the registry's order (``min`` takes the first)."""
    host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    if any(host == d or host.endswith("." + d) for d in _OFFICIAL):
        return 0
    if any(host == d or host.endswith("." + d) for d in _LEGAL_DATABASES):
        return 1
    return 2


STATUS_NAMES = {"in-force": N_("in force"), "replaced": N_("replaced"), "expired": N_("expired"), "superseded": N_("superseded")}


def describe(doc: Document, registry: Registry) -> str:
    """A document in one line, for a tooltip: type, number and symbol, date, issuing body,
    status ("Nghị định 30/2020/NĐ-CP · 05/03/2020 · Chính phủ · in force")."""
    issuer = registry.issuers.get(doc.issuer)
    parts = [f"{doc.type} {doc.symbol or doc.number or ''}".strip()]
    if doc.title:
        parts[0] += f" {doc.title}"
    if doc.date:
        parts.append(doc.date.strftime("%d/%m/%Y"))
    parts.append(issuer.name if issuer is not None else doc.issuer)
    if doc.replaced_by is not None:
        new = registry.documents.get(doc.replaced_by.id)
        parts.append(_("replaced by {document} from {date}").format(
            document=(new.symbol or new.id) if new is not None else doc.replaced_by.id,
            date=doc.replaced_by.effective.strftime("%d/%m/%Y")))
    elif doc.status in STATUS_NAMES:
        parts.append(_(STATUS_NAMES[doc.status]))
    return " · ".join(parts)


# --- where marks cannot go ------------------------------------------------------------------------

# Elements whose content takes no link: a link's own (a, and what citelint marked), and where a
# link is not shown or not allowed.
_CLOSED_TO_LINKS = frozenset({"a", "head", "script", "style", "title", "textarea", "code", "pre", "svg", "math"})


_MARK_CLASSES = frozenset({f"{CLASS_PREFIX}citation", f"{CLASS_PREFIX}finding"})  # what citelint's marks carry


class _Zones(HTMLParser):
    """The spans of an HTML text inside elements that take no link."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.open: list[tuple[str, int]] = []  # (tag, offset where its content starts)
        self.zones: list[tuple[int, int]] = []
        self.feed(text)
        self.close()
        end = len(text)
        if self.open:  # never closed: to the end
            self.zones.append((self.open[0][1], end))

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in _CLOSED_TO_LINKS or any(c in _MARK_CLASSES for c in classes):
            self.open.append((tag, self._offset() + len(self.get_starttag_text() or "")))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                if i == 0:  # the outermost: its content is the zone (an inner one is inside it)
                    self.zones.append((self.open[0][1], self._offset()))
                del self.open[i:]
                return

    def handle_comment(self, data: str) -> None:
        if not self.open:  # (inside an element's zone, that zone covers it: zones never overlap)
            start = self._offset()
            self.zones.append((start, start + len(data) + 7))


_MD_CLOSED = re.compile(
    r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)"  # fenced code blocks
    r"|`[^`\n]*`"  # code spans
    r"|!?\[[^\]\n]*\]\([^)\n]*\)|!?\[[^\]\n]*\]\[[^\]\n]*\]"  # links and images, inline and by reference
    r"|<https?://[^>\s]*>"  # autolinks
    r"|<a\b.*?</a>|<span class=\"citelint-(?:citation|finding)\b[^\"]*\"[^>]*>.*?</span>"  # inline HTML links and citelint's marks
    r"|<!--.*?(?:-->|\Z)",
    re.S,
)


def closed_zones(text: str, markup: Markup) -> list[tuple[int, int]]:
    """The spans of ``text`` no mark may overlap, sorted; none overlaps another."""
    if markup == "html":
        zones = _Zones(text).zones
    elif markup == "markdown":
        zones = [(m.start(), m.end()) for m in _MD_CLOSED.finditer(text)]
    else:
        zones = []
    return sorted(zones)


def _markup_inside(span: str, markup: Markup) -> bool:
    if markup == "html":
        return "<" in span or ">" in span
    if markup == "markdown":
        return any(ch in span for ch in "[]`<>*_\n")
    return False


# --- writing ------------------------------------------------------------------------------------


def render(text: str, marks: list[Mark], markup: Markup, *, title: str = "", html_page: bool | None = None) -> str:
    """``text`` with ``marks`` inserted as ``markup`` allows; plain text as an HTML page."""
    if markup == "text" and html_page is not False:
        return _page(text, marks, title)
    if markup == "text":
        return text
    zones = closed_zones(text, markup)
    starts = [z[0] for z in zones]
    out: list[str] = []
    pos = 0
    for m in marks:
        span = text[m.start:m.end]
        if _markup_inside(span, markup) or _overlaps(zones, starts, m.start, m.end):
            continue
        out.append(text[pos:m.start])
        out.append(_html_mark(span, m) if markup == "html" else _markdown_mark(span, m))
        pos = m.end
    out.append(text[pos:])
    return "".join(out)


def _overlaps(zones: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start)
    # the last zone starting at or before the span reaching into it (zones do not overlap: no
    # earlier one can), or the next one starting inside it
    return (i > 0 and zones[i - 1][1] > start) or (i < len(zones) and zones[i][0] < end)


def _classes(m: Mark) -> str:
    names = [f"{CLASS_PREFIX}citation"] if m.href else [f"{CLASS_PREFIX}finding"]
    if m.severity:
        names.append(f"{CLASS_PREFIX}{m.severity}")
    return " ".join(names)


def _html_mark(span: str, m: Mark, *, escape_span: bool = False) -> str:
    body = html.escape(span, quote=False) if escape_span else span
    title = html.escape(m.title, quote=True).replace("\n", "&#10;")
    if m.href:
        return f'<a href="{html.escape(m.href, quote=True)}" class="{_classes(m)}" title="{title}">{body}</a>'
    return f'<span class="{_classes(m)}" title="{title}">{body}</span>'


def _markdown_mark(span: str, m: Mark) -> str:
    if m.href:
        title = m.title.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " — ")
        href = m.href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        return f'[{span}]({href} "{title}")'
    return _html_mark(span, m)


def _page(text: str, marks: list[Mark], title: str) -> str:
    out: list[str] = []
    pos = 0
    for m in marks:
        out.append(html.escape(text[pos:m.start], quote=False))
        out.append(_html_mark(text[m.start:m.end], m, escape_span=True))
        pos = m.end
    out.append(html.escape(text[pos:], quote=False))
    return (f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
            f'<style>\n{_STYLE}\n</style>\n</head>\n<body>\n<div class="citelint-article">{"".join(out)}</div>\n</body>\n</html>\n')
