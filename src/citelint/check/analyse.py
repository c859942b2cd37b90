"""One article, analysed once: prepare its text → extract the citations → infer its date and
jurisdiction → resolve the citations against the registry.  Every shell (``check``,
``extract --registry``, the editor server's diagnostics and hover, ``registry show --in``,
``registry generate``) calls :func:`analyse` and reads the :class:`Article` it returns;
:func:`lint_article` runs the rules on it.

``check_file`` adds reading the file, and turns a file that cannot be read, or a failure while
checking it, into a finding of its own, so that the other files still get checked.
"""

from __future__ import annotations

import traceback
from functools import cached_property
from typing import TYPE_CHECKING

from ..config import Config, Options
from ..diagnostics import ArticleContext, Diagnostic, FileReport
from ..errors import LoadError
from ..rules import RULES
from ..text.files import load_document

if TYPE_CHECKING:
    from ..models import Citation
    from ..registry.index import Registry
    from ..resolve import Resolved
    from ..text.prepared import PreparedText


class Article:
    """What citelint knows of one article: its prepared text and its citations; its date and
    jurisdiction, and how each citation resolved, worked out when first asked for (harvesting
    a corpus needs the context only of articles whose citations carry facts)."""

    def __init__(self, path: str, text: PreparedText, citations: list[Citation], options: Options) -> None:
        self.path = path
        self.text = text
        self.citations = citations
        self.options = options

    @property
    def registry(self) -> Registry | None:
        return self.options.registry

    @cached_property
    def context(self) -> ArticleContext:
        """The article's date and jurisdiction, and where each came from."""
        from ..context.infer import infer_context

        o = self.options
        return infer_context(self.text, date=o.date, jurisdiction=o.jurisdiction, default_jurisdiction=o.config.jurisdiction)

    @cached_property
    def resolved(self) -> list[Resolved]:
        """How each citation resolved (aligned with :attr:`citations`); empty without a registry."""
        from ..resolve import resolve_article

        registry = self.options.registry
        return resolve_article(self.citations, self.context, registry, self.text.original) if registry is not None else []

    @property
    def resolved_count(self) -> int:
        return sum(1 for r in self.resolved if r.status == "resolved")


def preload() -> None:
    """Import what analysing an article needs (the grammar, the gazetteer, the rules): done on
    first use, since a check answered from the results cache never needs them; a parent process
    calls it once before starting workers that inherit it."""
    import importlib

    for module in ("..context.infer", "..find.extract", "..rules.families"):
        importlib.import_module(module, __package__)


def analyse(text: str, *, path: str = "-", markup: str = "text", options: Options | None = None) -> Article:
    """One article's text (already decoded) analysed: its citations now, its context and their
    resolutions when first asked for."""
    from ..find.extract import extract_prepared
    from ..i18n import set_language
    from ..text.prepared import PreparedText

    options = options or Options()
    set_language(options.config.lang or "en")  # the messages made from here on (worker processes too)
    prepared = PreparedText(text, markup)
    return Article(path, prepared, extract_prepared(prepared, path=path), options or Options())


def lint_article(article: Article, config: Config | None = None) -> FileReport:
    """Every finding in an analysed article: the rules, then the configuration's selection and
    the article's inline suppressions."""
    from ..rules.base import RuleContext
    from ..rules.families import run_rules
    from .suppress import Suppressions

    config = config or Config()
    ctx = RuleContext(article, config.severity, config.tone_placement)
    suppressed = Suppressions(article.text)
    found = list(run_rules(ctx))
    from ..i18n import _

    found += [ctx.finding("CL902", start, end, _("'{word}' names no rule: this comment disables nothing for it").format(word=word),
                          help=_("write a rule code (CL201) or name (`citelint rule --all` lists them)"))
              for start, end, word in suppressed.unknown]
    from ..context.infer import unreadable_front_matter_date

    bad_date = unreadable_front_matter_date(article.text)
    if bad_date is not None:
        value, start, end = bad_date
        found.append(ctx.finding("CL903", start, end, _("the front matter's date {value!r} is not a date: the article's date "
                                                        "is taken from its text, if anywhere").format(value=value[:40]),
                                 help=_("write the date as YYYY-MM-DD")))
    diagnostics = [
        d for d in found
        if config.enabled(d.code, article.path) and not suppressed.covers(d.code, d.line)
    ]
    diagnostics.sort(key=lambda d: (d.start, d.end, d.code))
    return FileReport(
        path=article.path,
        context=article.context,
        citations=len(article.citations),
        resolved=article.resolved_count,
        documents=tuple(r.document.id for r in article.resolved if r.status == "resolved"),
        diagnostics=tuple(diagnostics),
        source=article.text.original,
    )


def lint_text(text: str, *, path: str = "-", markup: str = "text", options: Options | None = None) -> FileReport:
    """Every finding in one article's text (already decoded)."""
    options = options or Options()
    return lint_article(analyse(text, path=path, markup=markup, options=options), options.config)


def check_file(path: str, options: Options | None = None) -> FileReport:
    """Every finding in one file; a file that cannot be read is a CL901 finding, a failure
    while checking it a CL999 finding."""
    options = options or Options()
    try:
        doc = load_document(path)
    except LoadError as e:
        return input_error(path, "CL901", e.reason, e.line or 1, e.column or 1, options.config)
    try:
        return lint_text(doc.text, path=path, markup=doc.markup, options=options)
    except Exception as e:  # noqa: BLE001 - one file's failure must not hide the others
        detail = "".join(traceback.format_exception_only(e)).strip()
        return input_error(path, "CL999", f"internal error: {detail}", 1, 1, options.config, source=doc.text)


def input_error(path: str, code: str, message: str, line: int, column: int, config: Config,
                source: str | None = None) -> FileReport:
    """A report whose one finding is about the file itself (CL901 unreadable, CL999 internal)."""
    rule = RULES[code]
    d = Diagnostic(path=path, start=0, end=0, line=line, column=column, end_line=line, end_column=column,
                       code=code, name=rule.name, severity=config.severity.get(code, rule.severity), message=message)
    return FileReport(path=path, diagnostics=(d,) if config.enabled(code, path) else (), source=source)
