"""What every rule gets: the analysed article (its citations and their resolutions, its date
and jurisdiction), and a way to make a positioned diagnostic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Fix, Resolution, TextEdit
from .catalog import RULES

if TYPE_CHECKING:
    from ..check.analyse import Article


class RuleContext:
    def __init__(self, article: Article, severities: dict[str, str], tone_placement: str | None = None) -> None:
        self.path = article.path
        self.text = article.text.original
        self.context = article.context  # the article's date and jurisdiction
        self.registry = article.registry
        self.citations = article.citations
        self.resolved = article.resolved  # aligned with citations; empty without a registry
        self.severities = severities  # code -> configured severity
        self.tone_placement = tone_placement  # the configured convention, for CL111
        self._lines = article.text.lines
        self._resolutions: dict[int, Resolution] = {}

    def resolution(self, i: int) -> Resolution | None:
        if not self.resolved or self.registry is None:
            return None
        if i not in self._resolutions:
            self._resolutions[i] = self.resolved[i].resolution(self.registry)
        return self._resolutions[i]

    def diagnostic(
        self,
        code: str,
        i: int,
        message: str,
        *,
        span: tuple[int, int] | None = None,
        help: str | None = None,
        fix: Fix | None = None,
        weak: str | None = None,
    ) -> Diagnostic:
        """A finding on citation ``i``.  ``weak``: why its evidence is weak ("the registry's fact
        is unverified"): an error then becomes a warning that says so."""
        c = self.citations[i]
        start, end = span if span is not None else (c.start, c.end)
        rule = RULES[code]
        severity = self.severities.get(code, rule.severity)
        if weak and severity == "error":
            severity = "warning"
            message += f" ({weak})"
        return Diagnostic(
            path=self.path,
            **self._lines.span(start, end),
            code=code,
            name=rule.name,
            severity=severity,
            message=message,
            help=help,
            fix=fix,
            citation=c,
            resolution=self.resolution(i),
        )

    def finding(self, code: str, start: int, end: int, message: str, *, help: str | None = None) -> Diagnostic:
        """A finding on a span of the article that is no citation (a suppression comment)."""
        rule = RULES[code]
        return Diagnostic(path=self.path, **self._lines.span(start, end), code=code, name=rule.name,
                              severity=self.severities.get(code, rule.severity), message=message, help=help)


def safe_fix(message: str, edits: list[tuple[int, int, str]]) -> Fix:
    return _fix(message, "safe", edits)


def unsafe_fix(message: str, edits: list[tuple[int, int, str]]) -> Fix:
    return _fix(message, "unsafe", edits)


def _fix(message: str, applicability: str, edits: list[tuple[int, int, str]]) -> Fix:
    return Fix(message=message, applicability=applicability,
                   edits=tuple(TextEdit(start=a, end=b, replacement=r) for a, b, r in edits))
