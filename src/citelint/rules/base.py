"""What every rule gets: the article, its citations and their resolutions, and a way to make a
positioned diagnostic."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import ArticleContext, Diagnostic, Fix, Resolution, new_diagnostic, new_fix, new_text_edit
from ..models import Citation
from ..text.offsets import LineIndex
from ..registry.build import Registry
from ..resolve import Resolved
from .catalog import RULES


@dataclass
class RuleContext:
    path: str
    text: str  # the original text
    article: ArticleContext
    registry: Registry | None
    citations: list[Citation]
    resolved: list[Resolved]  # aligned with citations; empty without a registry
    severities: dict[str, str]  # code -> configured severity
    tone_placement: str | None = None  # the configured convention, for CL111

    def __post_init__(self) -> None:
        self._lines = LineIndex(self.text)
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
    ) -> Diagnostic:
        c = self.citations[i]
        start, end = span if span is not None else (c.start, c.end)
        line, column = self._lines.line_col(start)
        end_line, end_column = self._lines.line_col(end)
        rule = RULES[code]
        return new_diagnostic(
            path=self.path,
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            code=code,
            name=rule.name,
            severity=self.severities.get(code, rule.severity),
            message=message,
            help=help,
            fix=fix,
            citation=c,
            resolution=self.resolution(i),
        )


def safe_fix(message: str, edits: list[tuple[int, int, str]]) -> Fix:
    return _fix(message, "safe", edits)


def unsafe_fix(message: str, edits: list[tuple[int, int, str]]) -> Fix:
    return _fix(message, "unsafe", edits)


def _fix(message: str, applicability: str, edits: list[tuple[int, int, str]]) -> Fix:
    return new_fix(message=message, applicability=applicability,
                   edits=tuple(new_text_edit(start=a, end=b, replacement=r) for a, b, r in edits))
