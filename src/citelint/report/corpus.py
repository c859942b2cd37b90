"""A corpus report: what a whole archive cites and what is wrong in it, as one HTML page.

The data is what ``citelint check --format corpus`` writes (JSON Lines: one ``{"article": …}``
line per file, then one ``{"documents": …}`` line describing every registry document cited), so
that a report can be made of a run made elsewhere (``citelint report --from run.jsonl``, e.g. a
run on a Dask cluster); ``citelint report PATH...`` checks the paths and builds it from the same
records.  :func:`build_report` makes the model (:class:`CorpusReport`, for a program that
wants the numbers), :func:`render_html` the page: self-contained (styles, script and charts
inline; nothing fetched from the network), with the summary, the most-cited documents and
their status, citations over time (by the documents' dates and by the articles'), the findings
of each article with the line they are on, and filters by rule, severity and document.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
from collections import Counter
from pathlib import Path
from typing import IO, Iterable

from .. import __version__
from ..diagnostics import FileReport
from ..errors import CitelintError
from ..i18n import _
from ..records import Record, to_json

CORPUS_FORMAT = 1
_FRAME_CONTEXT = 100  # characters of the line shown on each side of a finding's span


class CorpusError(CitelintError):
    """A corpus file that is not what ``check --format corpus`` writes (with where)."""


# --- the records `check --format corpus` writes ------------------------------------------------------


def article_record(report: FileReport) -> dict:
    """One article's line: its counts and context, the documents its citations resolved to,
    its findings, and the text of the lines they are on (for the report's frames)."""
    lines: dict[str, str] = {}
    if report.source is not None and report.diagnostics:
        wanted = {n for d in report.diagnostics for n in range(d.line, min(d.end_line, d.line + 2) + 1)}
        for n, text in enumerate(report.source.split("\n"), start=1):
            if n in wanted:
                lines[str(n)] = text
    return {"article": {
        "path": report.path,
        "context": to_json(report.context) if report.context is not None else None,
        "citations": report.citations,
        "resolved": report.resolved,
        "documents": list(report.documents),
        "diagnostics": [d.record() for d in report.diagnostics],
        "lines": lines,
    }}


def document_record(doc, registry) -> dict:
    """A registry document as the report shows it."""
    from .annotate import link_for

    issuer = registry.issuers.get(doc.issuer)
    replacement = registry.documents.get(doc.replaced_by.id) if doc.replaced_by else None
    return {
        "id": doc.id, "type": doc.type, "symbol": doc.symbol, "number": doc.number, "title": doc.title,
        "date": doc.date.isoformat() if doc.date else None,
        "issuer": issuer.name if issuer is not None else doc.issuer,
        "status": doc.status,
        "replaced_by": None if doc.replaced_by is None else {
            "id": doc.replaced_by.id, "symbol": replacement.symbol if replacement is not None else None,
            "effective": doc.replaced_by.effective.isoformat()},
        "url": link_for(doc),
        "verified": doc.verified,
    }


class CorpusWriter:
    """Writes the corpus JSON Lines as reports arrive; the documents line at the end."""

    def __init__(self, out: IO[str], registry) -> None:
        self.out, self.registry = out, registry
        self.cited: set[str] = set()
        out.write(json.dumps({"citelint": __version__, "corpus_format": CORPUS_FORMAT}) + "\n")

    def add(self, report: FileReport) -> None:
        self.cited.update(report.documents)
        self.out.write(json.dumps(article_record(report), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.out.write(json.dumps({"documents": cited_documents(self.cited, self.registry)}, ensure_ascii=False) + "\n")


def cited_documents(ids: Iterable[str], registry) -> dict[str, dict]:
    """The documents line: each registry document of ``ids`` as the report shows it, by id."""
    if registry is None:
        return {}
    return {i: document_record(registry.documents[i], registry) for i in sorted(set(ids)) if i in registry.documents}


def read_corpus(paths: Iterable[str | os.PathLike]) -> tuple[list[dict], dict[str, dict]]:
    """The articles and documents of corpus files (several runs' files may be read together).
    Raises :class:`CorpusError` naming the file and line of anything else."""
    articles: list[dict] = []
    documents: dict[str, dict] = {}
    for path in paths:
        try:
            handle = open(path, encoding="utf-8")
        except OSError as e:
            raise CorpusError(f"{path}: {e.strerror or e}") from None
        with handle:
            header = False
            for n, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except ValueError as e:
                    raise CorpusError(_("{path}:{line}:1: not JSON ({error}): is it written by `citelint check --format corpus`?").format(
                        path=path, line=n, error=e)) from None
                if not isinstance(value, dict):
                    raise CorpusError(_("{path}:{line}:1: not a corpus record").format(path=path, line=n))
                if "corpus_format" in value:
                    if value["corpus_format"] != CORPUS_FORMAT:
                        raise CorpusError(_("{path}:{line}:1: corpus format {found}, this citelint reads {wanted}").format(
                            path=path, line=n, found=value["corpus_format"], wanted=CORPUS_FORMAT))
                    header = True
                elif not header:
                    raise CorpusError(_("{path}:{line}:1: not a corpus file (written by `citelint check --format corpus`)").format(
                        path=path, line=n))
                elif isinstance(value.get("article"), dict) and _is_article(value["article"]):
                    articles.append(value["article"])
                elif isinstance(value.get("documents"), dict) and all(
                        isinstance(d, dict) and isinstance(d.get("type", ""), str) and isinstance(d.get("date") or "", str)
                        for d in value["documents"].values()):
                    documents.update(value["documents"])
                else:
                    raise CorpusError(_("{path}:{line}:1: not a corpus record").format(path=path, line=n))
            if not header:
                raise CorpusError(_("{path}: empty, not a corpus file").format(path=path))
    return articles, documents


def _is_article(a: dict) -> bool:
    context = a.get("context")
    return (isinstance(a.get("path"), str) and isinstance(a.get("citations"), int) and isinstance(a.get("resolved"), int)
            and isinstance(a.get("documents"), list) and all(isinstance(d, str) for d in a["documents"])
            and isinstance(a.get("diagnostics"), list) and all(_is_finding(d) for d in a["diagnostics"])
            and isinstance(a.get("lines", {}), dict)
            and (context is None or (isinstance(context, dict) and isinstance(context.get("date") or "", str)
                                     and isinstance(context.get("year") or 0, int))))


def _is_finding(d) -> bool:
    return (isinstance(d, dict) and isinstance(d.get("code"), str) and isinstance(d.get("message", ""), str)
            and all(isinstance(d.get(k), int) for k in ("line", "column", "end_column")))


# --- the model ----------------------------------------------------------------------------------------


class Summary(Record):
    articles: int
    citations: int
    resolved: int
    errors: int
    warnings: int
    articles_with_findings: int

    @property
    def resolved_share(self) -> float:
        return self.resolved / self.citations if self.citations else 0.0


class RuleCount(Record):
    code: str
    name: str
    severity: str
    findings: int
    articles: int


class CitedDocument(Record):
    id: str
    type: str
    symbol: str | None = None
    title: str | None = None
    date: str | None = None
    issuer: str | None = None
    status: str = "unknown"
    replaced_by: str | None = None  # the replacement's symbol (or id), and from when
    url: str | None = None
    citations: int = 0
    articles: int = 0


class Finding(Record):
    line: int
    column: int
    end_column: int
    end_line: int
    code: str
    name: str
    severity: str
    message: str
    document: str | None = None  # the registry id of the document the cited text resolved to
    frame: tuple[str, str, str] = ("", "", "")  # the line around the span: before, the span, after


class ArticleFindings(Record):
    path: str
    date: str | None = None
    citations: int = 0
    findings: tuple[Finding, ...] = ()


class CorpusReport(Record):
    """What the report page shows, as numbers and lists."""

    generated_by: str
    summary: Summary
    rules: tuple[RuleCount, ...] = ()
    documents: tuple[CitedDocument, ...] = ()  # every cited document, most cited first
    by_document_year: tuple[tuple[int, int], ...] = ()  # (year, citations) by the documents' dates
    by_article_year: tuple[tuple[int, int], ...] = ()  # (year, citations) by the articles' dates
    articles: tuple[ArticleFindings, ...] = ()  # the articles with findings, in the order read


def build_report(articles: list[dict], documents: dict[str, dict]) -> CorpusReport:
    """The report of corpus records (see :func:`read_corpus`)."""
    cited: Counter[str] = Counter()
    cited_in: Counter[str] = Counter()
    by_doc_year: Counter[int] = Counter()
    by_article_year: Counter[int] = Counter()
    rules: dict[str, list] = {}
    errors = warnings = 0
    with_findings: list[ArticleFindings] = []
    for a in articles:
        ids = a["documents"]
        cited.update(ids)
        cited_in.update(set(ids))
        for doc_id in ids:
            date = (documents.get(doc_id) or {}).get("date")
            if date:
                by_doc_year[int(date[:4])] += 1
        year = _article_year(a.get("context"))
        if year is not None and a["citations"]:
            by_article_year[year] += a["citations"]
        found = []
        seen_rules: set[str] = set()
        for d in a["diagnostics"]:
            severity = d.get("severity", "warning")
            errors += severity == "error"
            warnings += severity == "warning"
            entry = rules.setdefault(d["code"], [d.get("name", ""), severity, 0, 0])
            entry[2] += 1
            if d["code"] not in seen_rules:
                entry[3] += 1
                seen_rules.add(d["code"])
            found.append(_finding(d, a.get("lines") or {}))
        if found:
            context = a.get("context") or {}
            with_findings.append(ArticleFindings(path=a["path"], date=context.get("date"), citations=a["citations"],
                                                 findings=tuple(found)))
    docs = []
    for doc_id, n in sorted(cited.items(), key=lambda kv: (-kv[1], kv[0])):
        d = documents.get(doc_id) or {"id": doc_id, "type": ""}
        replaced = d.get("replaced_by")
        docs.append(CitedDocument(
            id=doc_id, type=d.get("type") or "", symbol=d.get("symbol"), title=d.get("title"), date=d.get("date"),
            issuer=d.get("issuer"), status=d.get("status") or "unknown",
            replaced_by=f"{replaced.get('symbol') or replaced['id']} ({_vn_date(replaced['effective'])})" if replaced else None,
            url=d.get("url"), citations=n, articles=cited_in[doc_id]))
    return CorpusReport(
        generated_by=f"citelint {__version__}",
        summary=Summary(articles=len(articles), citations=sum(a["citations"] for a in articles),
                        resolved=sum(a["resolved"] for a in articles), errors=errors, warnings=warnings,
                        articles_with_findings=len(with_findings)),
        rules=tuple(RuleCount(code=code, name=v[0], severity=v[1], findings=v[2], articles=v[3])
                    for code, v in sorted(rules.items(), key=lambda kv: (-kv[1][2], kv[0]))),
        documents=tuple(docs),
        by_document_year=tuple(sorted(by_doc_year.items())),
        by_article_year=tuple(sorted(by_article_year.items())),
        articles=tuple(with_findings),
    )


def _article_year(context: dict | None) -> int | None:
    if not context:
        return None
    if context.get("date"):
        return int(context["date"][:4])
    return context.get("year")


def _finding(d: dict, lines: dict[str, str]) -> Finding:
    text = lines.get(str(d["line"]), "")
    start = max(0, d["column"] - 1)
    end = d["end_column"] - 1 if d.get("end_line", d["line"]) == d["line"] else len(text)
    end = max(start, min(end, len(text)))
    before = text[max(0, start - _FRAME_CONTEXT):start]
    after = text[end:end + _FRAME_CONTEXT]
    resolved = ((d.get("resolution") or {}).get("resolved") or {}).get("id")
    return Finding(line=d["line"], column=d["column"], end_line=d.get("end_line", d["line"]), end_column=d["end_column"],
                   code=d["code"], name=d.get("name", ""), severity=d.get("severity", "warning"), message=d.get("message", ""),
                   document=resolved,
                   frame=(("…" if start > _FRAME_CONTEXT else "") + before, text[start:end],
                          after + ("…" if len(text) > end + _FRAME_CONTEXT else "")))


# --- the page -------------------------------------------------------------------------------------------


def _bar_chart(pairs: tuple[tuple[int, int], ...], title: str, color: str) -> str:
    """A bar chart of (year, count) as inline SVG, drawn by matplotlib (no pyplot: no global
    state); empty when there is nothing to draw."""
    if not pairs:
        return f'<p class="empty">{html.escape(title)}: {html.escape(_labels()["no dated citations"])}</p>'
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "citelint", "font.size": 9}):
        fig = Figure(figsize=(7.5, 2.4))
        ax = fig.subplots()
        years = [y for y, _n in pairs]
        ax.bar(years, [n for _y, n in pairs], color=color, width=0.8)
        ax.set_title(title, loc="left", fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.get_major_locator().set_params(integer=True)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]  # inline: without the XML declaration and doctype


_CSS = """
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 70em; padding: 1em 2em; color: #222 }
h1 { font-size: 1.5em } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd }
dl.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(10em, 1fr)); gap: .5em }
dl.summary div { background: #f5f5f5; padding: .5em .8em; border-radius: 4px }
dl.summary dt { font-size: .85em; color: #555 } dl.summary dd { margin: 0; font-size: 1.4em; font-weight: 600 }
table { border-collapse: collapse; width: 100%; font-size: .9em } th, td { text-align: left; padding: .25em .5em; border-bottom: 1px solid #eee }
td.n { text-align: right; font-variant-numeric: tabular-nums }
.status-replaced, .status-expired, .status-superseded { color: #b71c1c } .status-in-force { color: #1b5e20 }
.filters { position: sticky; top: 0; background: #fff; padding: .5em 0; border-bottom: 1px solid #ddd }
article.file h3 { font-size: 1em; margin: 1.2em 0 .3em } article.file ul { list-style: none; padding-left: 0; margin: 0 }
li.finding { margin: .4em 0 } .code { font-family: monospace; font-weight: 600 }
.error .code { color: #c62828 } .warning .code { color: #b7791f }
pre.frame { margin: .2em 0 0 1.5em; white-space: pre-wrap; background: #fafafa; padding: .3em .5em; font-size: .85em }
pre.frame mark { background: #ffe082 } .hidden { display: none } .empty { color: #777 }
""".strip()

# The filters: each finding carries its rule, severity and document; an article is shown while
# one of its findings is.  The page's address may preset them: report.html#rule=CL201&severity=error.
_SCRIPT = """
(function () {
  const sel = (id) => document.getElementById(id);
  const filters = { rule: sel('filter-rule'), severity: sel('filter-severity'), document: sel('filter-document') };
  function apply() {
    let shown = 0;
    for (const art of document.querySelectorAll('article.file')) {
      let any = false;
      for (const li of art.querySelectorAll('li.finding')) {
        const ok = (!filters.rule.value || li.dataset.rule === filters.rule.value)
          && (!filters.severity.value || li.dataset.severity === filters.severity.value)
          && (!filters.document.value || li.dataset.document === filters.document.value);
        li.classList.toggle('hidden', !ok);
        if (ok) { any = true; shown += 1; }
      }
      art.classList.toggle('hidden', !any);
    }
    sel('shown').textContent = shown.toLocaleString('vi-VN');
    sel('shown').dataset.value = String(shown);
  }
  const preset = new URLSearchParams(location.hash.slice(1));
  for (const [name, box] of Object.entries(filters)) {
    if (preset.has(name)) box.value = preset.get(name);
    box.addEventListener('change', apply);
  }
  apply();
  document.documentElement.dataset.ready = '1';
})();
""".strip()

_ERRORS = ("window.addEventListener('error', function (e) { var h = document.documentElement; "
           "h.dataset.scriptErrors = (h.dataset.scriptErrors || '') + e.message + '\\n'; });")


def _labels() -> dict[str, str]:
    """The page's words, in the language of the run (made here, not in the f-strings, where
    the message extractor does not look)."""
    return {
        "no dated citations": _("no dated citations"),
        "Citations report": _("Citations report"),
        "resolved share": _("resolved share"),
        "Citations over time": _("Citations over time"),
        "Most cited documents": _("Most cited documents"),
        "document": _("document"),
        "date": _("date"),
        "issuer": _("issuer"),
        "status": _("status"),
        "citations": _("citations"),
        "articles": _("articles"),
        "Findings by rule": _("Findings by rule"),
        "rule": _("rule"),
        "severity": _("severity"),
        "findings": _("findings"),
        "Findings per article": _("Findings per article"),
        "shown": _("shown"),
        "all": _("all"),
    }


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")  # 12.676: grouped as Vietnamese writes numbers


def render_html(report: CorpusReport, *, article_base: Path | None = None) -> str:
    """The report as one self-contained HTML page.  ``article_base``: the directory the page
    will be in, to link each article by a relative path (absolute paths otherwise)."""
    e = html.escape
    L = _labels()
    s = report.summary
    out = io.StringIO()
    w = out.write
    w('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
      '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
      f'<title>{e(L["Citations report"])}</title>\n<style>\n{_CSS}\n</style>\n<script>{_ERRORS}</script>\n</head>\n<body>\n')
    w(f'<h1>{e(L["Citations report"])}</h1>\n<p class="meta">{e(report.generated_by)}</p>\n')
    items = [("articles", _("articles"), s.articles), ("citations", _("citations found"), s.citations),
             ("resolved", _("resolved"), s.resolved), ("errors", _("errors"), s.errors), ("warnings", _("warnings"), s.warnings),
             ("articles-with-findings", _("articles with findings"), s.articles_with_findings)]
    w('<section id="summary">\n<dl class="summary">\n')
    for key, label, value in items:
        w(f'<div><dt>{e(label)}</dt><dd id="n-{key}" data-value="{value}">{_n(value)}</dd></div>\n')
    share = round(100 * s.resolved_share, 1)
    w(f'<div><dt>{e(L["resolved share"])}</dt><dd id="n-resolved-share" data-value="{share}">{str(share).replace(".", ",")} %</dd></div>\n')
    w('</dl>\n</section>\n')

    w(f'<section id="over-time">\n<h2>{e(L["Citations over time"])}</h2>\n')
    w(_bar_chart(report.by_document_year, _("by the year of the cited document"), "#1565c0"))
    w(_bar_chart(report.by_article_year, _("by the year of the article"), "#6a1b9a"))
    w('</section>\n')

    w(f'<section id="documents">\n<h2>{e(L["Most cited documents"])}</h2>\n<table>\n<thead><tr>'
      f'<th>{e(L["document"])}</th><th>{e(L["date"])}</th><th>{e(L["issuer"])}</th><th>{e(L["status"])}</th>'
      f'<th>{e(L["citations"])}</th><th>{e(L["articles"])}</th></tr></thead>\n<tbody>\n')
    for d in report.documents[:100]:
        name = e(document_label(d))
        link = f'<a href="{e(d.url)}">{name}</a>' if d.url else name
        status = _status_text(d)
        w(f'<tr data-document="{e(d.id)}"><td>{link}</td><td>{e(_vn_date(d.date))}</td><td>{e(d.issuer or "")}</td>'
          f'<td class="status-{e(d.status)}">{e(status)}</td><td class="n">{_n(d.citations)}</td><td class="n">{_n(d.articles)}</td></tr>\n')
    w('</tbody>\n</table>\n</section>\n')

    w(f'<section id="rules">\n<h2>{e(L["Findings by rule"])}</h2>\n<table>\n<thead><tr><th>{e(L["rule"])}</th>'
      f'<th>{e(L["severity"])}</th><th>{e(L["findings"])}</th><th>{e(L["articles"])}</th></tr></thead>\n<tbody>\n')
    for r in report.rules:
        w(f'<tr data-rule="{e(r.code)}"><td><span class="code">{e(r.code)}</span> {e(r.name)}</td><td>{e(r.severity)}</td>'
          f'<td class="n">{_n(r.findings)}</td><td class="n">{_n(r.articles)}</td></tr>\n')
    w('</tbody>\n</table>\n</section>\n')

    w(f'<section id="findings">\n<h2>{e(L["Findings per article"])}</h2>\n<div class="filters">\n')
    w(_select("filter-rule", L["rule"], [(r.code, f"{r.code} {r.name}") for r in report.rules]))
    w(_select("filter-severity", _("severity"), [("error", _("error")), ("warning", _("warning"))]))
    found_docs = sorted({f.document for a in report.articles for f in a.findings if f.document})
    labels = {d.id: f"{d.type} {d.symbol or d.id}" for d in report.documents}
    w(_select("filter-document", _("document"), [(i, labels.get(i, i)) for i in found_docs]))
    total = sum(len(a.findings) for a in report.articles)
    w(f' <span>{e(L["shown"])}: <b id="shown" data-value="{total}">{_n(total)}</b></span>\n</div>\n')
    for a in report.articles:
        href = _article_href(a.path, article_base)
        w(f'<article class="file"><h3><a href="{e(href)}">{e(a.path)}</a>'
          f'{" · " + e(_vn_date(a.date)) if a.date else ""}</h3>\n<ul>\n')
        for f in a.findings:
            before, span, after = f.frame
            frame = f'<pre class="frame">{e(before)}<mark>{e(span)}</mark>{e(after)}</pre>' if (before or span or after) else ""
            w(f'<li class="finding {e(f.severity)}" data-rule="{e(f.code)}" data-severity="{e(f.severity)}" '
              f'data-document="{e(f.document or "")}">{f.line}:{f.column} <span class="code">{e(f.code)}</span> '
              f'{e(f.message)}{frame}</li>\n')
        w('</ul>\n</article>\n')
    w(f'</section>\n<script>\n{_SCRIPT}\n</script>\n</body>\n</html>\n')
    return out.getvalue()


def document_label(d: CitedDocument) -> str:
    """"Nghị định 30/2020/NĐ-CP Về công tác văn thư"; a title that begins with the type (as
    "Nghị quyết Đại hội …" does) is not preceded by it again."""
    if d.title and d.title.lower().startswith(d.type.lower()):
        return f"{d.title} ({d.symbol})" if d.symbol else d.title
    return f"{d.type} {d.symbol or ''}".strip() + (f" {d.title}" if d.title else "")


def _select(element_id: str, label: str, options: list[tuple[str, str]]) -> str:
    e = html.escape
    opts = "".join(f'<option value="{e(v)}">{e(text)}</option>' for v, text in options)
    everything = _labels()["all"]
    return f'<label>{e(label)} <select id="{element_id}"><option value="">{e(everything)}</option>{opts}</select></label>\n'


def _status_text(d: CitedDocument) -> str:
    from .annotate import STATUS_NAMES

    if d.replaced_by:
        return _("replaced by {document}").format(document=d.replaced_by)
    return _(STATUS_NAMES[d.status]) if d.status in STATUS_NAMES else _("not known")


def _vn_date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def _article_href(path: str, base: Path | None) -> str:
    p = Path(path)
    if base is not None:
        try:
            return Path(os.path.relpath(p.resolve(), base.resolve())).as_posix()
        except ValueError:  # another drive
            pass
    return p.resolve().as_uri() if p.is_absolute() or base is None else p.as_posix()

