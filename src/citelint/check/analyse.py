"""Checking articles: extract → infer the article's context → resolve → rules → filter.

``lint_text`` is the one library call the command line, the pre-commit hook and the editor
server share; ``check_file`` adds reading the file, and turns a file that cannot be read, or a
failure while checking it, into a diagnostic of its own so that other files still get checked.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import sys
import traceback
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..config import Config
from ..diagnostics import Diagnostic, FileReport, new_diagnostic, new_file_report
from ..text.files import LoadError, iter_files, load_document
from ..text.offsets import LineIndex
from ..registry.build import Registry
from ..rules import RULES


def _lint_modules():
    """The extractor, the context and resolution steps and the rule families, imported when the
    first file is actually checked (a run answered from the results cache never needs them)."""
    from ..context.infer import infer_context
    from ..find.extract import extract
    from ..resolve import resolve_article
    from ..rules import conflicting, malformed, unresolved
    from ..rules.base import RuleContext

    return extract, infer_context, resolve_article, RuleContext, (malformed, unresolved, conflicting)


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
    extract, infer_context, resolve_article, RuleContext, families = _lint_modules()
    citations = extract(text, markup=markup, path=path)
    context = infer_context(text, markup=markup, date=date, jurisdiction=jurisdiction, default_jurisdiction=config.jurisdiction)
    resolved = resolve_article(citations, context, registry) if registry is not None else []
    ctx = RuleContext(path, text, context, registry, citations, resolved, config.severity, config.tone_placement)
    diagnostics: list[Diagnostic] = []
    for family in families:
        if family is not families[0] and registry is None:
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
    try:
        if jobs <= 1:
            for path, report, state in _cached(files, cache):
                if report is None:
                    report = check_file(path, **options)
                    _store(cache, state, report)
                yield report
        else:
            yield from _parallel(files, options, cache, jobs)
    finally:
        if cache is not None:
            cache.flush()


_BATCH = 32  # files sent to a worker at a time


class _Batch:
    """Files sent to a worker together, and the worker's answer once sent."""

    __slots__ = ("files", "answer")

    def __init__(self) -> None:
        self.files: list[tuple[str, tuple | None]] = []  # (path, state for the cache)
        self.answer = None  # the AsyncResult

    def ready(self) -> bool:
        return self.answer is not None and self.answer.ready()


def _parallel(files, options: dict, cache, jobs: int) -> Iterator[FileReport]:
    """The parent answers what the cache holds; the other files go to ``jobs`` worker processes
    in batches; reports come out in the files' order, with a bounded number in flight.  The
    pool is started at the first file the cache cannot answer (a warm run starts none).  The
    parent alone writes the cache, a batch of entries per transaction."""
    pool = None
    pending: deque = deque()  # a FileReport, or (batch, index in it)
    batch = _Batch()
    limit = jobs * _BATCH * 4

    def send() -> None:
        nonlocal pool, batch
        if pool is None:
            import multiprocessing

            _lint_modules()  # imported once here, not in every worker
            method = _start_method()
            if method == "fork":
                _set_worker_options(options)  # inherited by the forked workers: config and registry sent once
                pool = multiprocessing.get_context(method).Pool(jobs)
            else:  # a new interpreter per worker (Windows, macOS): the options are sent to each once
                pool = multiprocessing.get_context(method).Pool(jobs, initializer=_set_worker_options, initargs=(options,))
        batch.answer = pool.apply_async(_worker_check, ([path for path, _ in batch.files],))
        batch = _Batch()

    def result(item) -> FileReport:
        if not isinstance(item, tuple):
            return item
        owner, i = item
        packed = owner.answer.get()[i]
        path, state = owner.files[i]
        report = unpack_report(packed, path)
        _store(cache, state, report, packed[0])
        return report

    try:
        for path, report, state in _cached(files, cache):
            if report is not None:
                pending.append(report)
            else:
                pending.append((batch, len(batch.files)))
                batch.files.append((path, state))
                if len(batch.files) == _BATCH:
                    send()
            while pending and (not isinstance(pending[0], tuple) or pending[0][0].ready() or len(pending) > limit):
                if isinstance(pending[0], tuple) and pending[0][0] is batch:
                    send()  # too many waiting: the batch goes as it is
                yield result(pending.popleft())
        if batch.files:
            send()
        while pending:
            yield result(pending.popleft())
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        _set_worker_options(None)


_WORKER: dict | None = None


def _start_method() -> str:
    """fork where it is safe and cheap (Linux); elsewhere spawn, as Python itself defaults to."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _set_worker_options(options: dict | None) -> None:
    global _WORKER
    _WORKER = options


def _worker_check(paths: list[str]) -> list[tuple[bytes, str | None]]:
    return [pack_report(check_file(path, **_WORKER)) for path in paths]


def pack_report(report: FileReport) -> tuple[bytes, str | None]:
    """A report as a worker process (local or on a Dask cluster) sends it back: in the results
    cache's compact encoding, with the text only where a finding's code frame needs it."""
    from .results_cache import encode_report

    return encode_report(report), report.source if report.diagnostics else None


def unpack_report(packed: tuple[bytes, str | None], path: str) -> FileReport:
    from .results_cache import decode_report

    blob, source = packed
    report = decode_report(blob, path)
    return report if source is None else report.model_copy(update={"source": source})


def _cached(files, cache, chunk: int = 256) -> Iterator[tuple[str, FileReport | None, tuple | None]]:
    """Each file with its cached report (if unchanged) and what identifies its state otherwise;
    the cache is asked for ``chunk`` files at a time."""
    if cache is None:
        for path in files:
            yield path, None, None
        return
    files = iter(files)
    while paths := list(itertools.islice(files, chunk)):
        for path, (report, state) in zip(paths, cache.lookup_many(paths)):
            if report is not None and report.diagnostics:
                # Code frames and fingerprints want the text: read again for files with findings only.
                try:
                    report = report.model_copy(update={"source": load_document(path).text})
                except LoadError:
                    pass
            yield path, report, state


def _store(cache, state: tuple | None, report: FileReport, blob: bytes | None = None) -> None:
    """Keep a new result, unless the file could not be read or checked (those are tried again)."""
    if cache is not None and state is not None and not any(d.code in ("CL901", "CL999") for d in report.diagnostics):
        cache.store(state, report, blob)


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
