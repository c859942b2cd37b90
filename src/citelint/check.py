"""Checking articles: extract → infer the article's context → resolve → rules → filter.

``lint_text`` is the one library call the command line, the pre-commit hook and the editor
server share; ``check_file`` adds reading the file, and turns a file that cannot be read, or a
failure while checking it, into a diagnostic of its own so that other files still get checked.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .config import Config
from .context import infer_context
from .diagnostics import Diagnostic, FileReport, new_diagnostic, new_file_report
from .extract import extract
from .load import LoadError, iter_files, load_document
from .offsets import LineIndex
from .registry import Registry
from .resolve import resolve_article
from .rules import RULES
from .rules import conflicting, malformed, unresolved
from .rules.base import RuleContext

_RULE_FAMILIES = (malformed, unresolved, conflicting)


def lint_text(
    text: str,
    *,
    path: str = "-",
    markup: str = "text",
    config: Config | None = None,
    registry: Registry | None = None,
    date: dt.date | None = None,
    jurisdiction: str | None = None,
) -> FileReport:
    """Every finding in one article's text (already decoded)."""
    config = config or Config()
    citations = extract(text, markup=markup, path=path)
    context = infer_context(text, markup=markup, date=date, jurisdiction=jurisdiction, default_jurisdiction=config.jurisdiction)
    resolved = resolve_article(citations, context, registry) if registry is not None else []
    ctx = RuleContext(path, text, context, registry, citations, resolved, config.severity, config.tone_placement)
    diagnostics: list[Diagnostic] = []
    for family in _RULE_FAMILIES:
        if family is not malformed and registry is None:
            continue
        diagnostics.extend(family.check(ctx))
    suppressed = Suppressions(text)
    diagnostics = [
        d for d in diagnostics
        if config.enabled(d.code, path) and not suppressed.covers(d.code, d.line)
    ]
    diagnostics.sort(key=lambda d: (d.start, d.end, d.code))
    return new_file_report(
        path=path,
        context=context,
        citations=len(citations),
        resolved=sum(1 for r in resolved if r.status == "resolved"),
        diagnostics=tuple(diagnostics),
        source=text,
    )


def check_file(
    path: str,
    *,
    config: Config | None = None,
    registry: Registry | None = None,
    date: dt.date | None = None,
    jurisdiction: str | None = None,
) -> FileReport:
    config = config or Config()
    try:
        doc = load_document(path)
    except LoadError as e:
        return _input_error(path, "CL901", e.reason, e.line or 1, e.column or 1, config)
    try:
        return lint_text(doc.text, path=path, markup=doc.markup, config=config, registry=registry, date=date, jurisdiction=jurisdiction)
    except Exception as e:  # noqa: BLE001 - one file's failure must not hide the others
        detail = "".join(traceback.format_exception_only(e)).strip()
        return _input_error(path, "CL999", f"internal error: {detail}", 1, 1, config, source=doc.text)


def _input_error(path: str, code: str, message: str, line: int, column: int, config: Config, source: str | None = None) -> FileReport:
    rule = RULES[code]
    d = new_diagnostic(path=path, start=0, end=0, line=line, column=column, end_line=line, end_column=column,
                   code=code, name=rule.name, severity=config.severity.get(code, rule.severity), message=message)
    return new_file_report(path=path, diagnostics=(d,) if config.enabled(code, path) else (), source=source)


# --- many files: in order, in parallel, from the cache ---------------------------------------------


def check_paths(
    paths,
    *,
    config: Config | None = None,
    registry: Registry | None = None,
    date: dt.date | None = None,
    jurisdiction: str | None = None,
    jobs: int = 1,
    cache=None,
) -> Iterator[FileReport]:
    """Reports for every file under ``paths``, in the order :func:`iter_files` gives them, one at a
    time (a large tree is streamed, never held).  ``jobs`` > 1 checks files in that many worker
    processes; the output is the same as a serial run's.  ``cache`` (a ResultCache) reuses the
    results of unchanged files."""
    config = config or Config()
    files = iter_files(paths, config.include, config.exclude)
    options = dict(config=config, registry=registry, date=date, jurisdiction=jurisdiction)
    if jobs <= 1:
        for path in files:
            yield _check_with_cache(path, options, cache)
        return
    import multiprocessing

    global _WORKER
    _WORKER = (options, cache)  # inherited by the forked workers: config and registry sent once
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_worker_check, files, chunksize=8)
    finally:
        _WORKER = None


_WORKER: tuple | None = None


def _worker_check(path: str) -> FileReport:
    options, cache = _WORKER
    return _check_with_cache(path, options, cache)


def _check_with_cache(path: str, options: dict, cache) -> FileReport:
    if cache is None:
        return check_file(path, **options)
    report, state = cache.lookup(path)
    if report is not None:
        if report.diagnostics:
            # Code frames and fingerprints want the text: read again for files with findings only.
            try:
                report = report.model_copy(update={"source": load_document(path).text})
            except LoadError:
                pass
        return report
    report = check_file(path, **options)
    if state is not None and not any(d.code in ("CL901", "CL999") for d in report.diagnostics):
        cache.store(state, report)
    return report


# --- inline suppression ---------------------------------------------------------------------

_DIRECTIVE = re.compile(r"<!--\s*citelint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->")


class Suppressions:
    """``<!-- citelint-disable-next-line CL201 -->`` and its kin (markdownlint's syntax).

    - ``disable-next-line [CODES]``: the line after the comment;
    - ``disable-line [CODES]``: the comment's own line;
    - ``disable [CODES]`` ... ``enable [CODES]``: every line between.
    Without codes, every rule."""

    def __init__(self, text: str) -> None:
        self._lines: dict[int, set[str] | None] = {}  # line -> codes (None: all)
        self._ranges: list[tuple[int, int, set[str] | None]] = []
        if "citelint-" not in text:
            return
        index = LineIndex(text)
        open_: list[tuple[int, set[str] | None]] = []
        for m in _DIRECTIVE.finditer(text):
            kind, args = m.group(1), m.group(2)
            codes = set(re.findall(r"CL\d{3}", args)) or None
            line, _ = index.line_col(m.start())
            if kind == "disable-next-line":
                self._add_line(line + 1, codes)
            elif kind == "disable-line":
                self._add_line(line, codes)
            elif kind == "disable":
                open_.append((line, codes))
            else:  # enable
                still_open = []
                for start, opened in open_:
                    if codes is None or (opened is not None and opened <= codes):
                        self._ranges.append((start, line, opened))
                    else:
                        still_open.append((start, opened))
                open_ = still_open
        for start, opened in open_:
            self._ranges.append((start, 1 << 30, opened))

    def _add_line(self, line: int, codes: set[str] | None) -> None:
        if line in self._lines and (self._lines[line] is None or codes is None):
            self._lines[line] = None
        elif line in self._lines:
            self._lines[line] |= codes
        else:
            self._lines[line] = codes

    def covers(self, code: str, line: int) -> bool:
        if line in self._lines:
            codes = self._lines[line]
            if codes is None or code in codes:
                return True
        return any(a <= line <= b and (codes is None or code in codes) for a, b, codes in self._ranges)


# --- baseline ----------------------------------------------------------------------------------


def fingerprint(d: Diagnostic, occurrence: int, source: str | None, root: Path | None = None) -> str:
    """Stable across edits elsewhere in the file: path (relative to ``root``, the baseline's
    directory, so that it does not depend on where citelint runs), rule, the text it is about,
    and which occurrence of that text it is."""
    import hashlib

    span = source[d.start : d.end] if source else (d.citation.text if d.citation else "")
    key = f"{_relative(d.path, root)}\0{d.code}\0{span}\0{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _relative(path: str, root: Path | None) -> str:
    if root is not None:
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


def fingerprints(report: FileReport, root: Path | None = None) -> list[str]:
    seen: Counter = Counter()
    out = []
    for d in report.diagnostics:
        span = report.source[d.start : d.end] if report.source else ""
        k = (d.code, span)
        out.append(fingerprint(d, seen[k], report.source, root))
        seen[k] += 1
    return out


@dataclass
class Baseline:
    path: Path
    accepted: Counter = field(default_factory=Counter)

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["findings"]
            accepted = Counter(e["fingerprint"] for e in entries)
        except FileNotFoundError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ValueError(f"{path}: not a citelint baseline: {e}") from None
        return cls(path, accepted)

    def filter(self, report: FileReport) -> FileReport:
        remaining = Counter(self.accepted)
        kept = []
        for d, fp in zip(report.diagnostics, fingerprints(report, self.path.parent)):
            if remaining[fp] > 0:
                remaining[fp] -= 1
            else:
                kept.append(d)
        return report.model_copy(update={"diagnostics": tuple(kept)})


def write_baseline(path: Path, reports: list[FileReport]) -> int:
    findings = []
    for report in reports:
        for d, fp in zip(report.diagnostics, fingerprints(report, path.parent)):
            findings.append({"fingerprint": fp, "path": _relative(d.path, path.parent), "code": d.code, "line": d.line,
                             "message": d.message})
    data = {"version": 1, "tool": "citelint", "findings": findings}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return len(findings)
