"""How `citelint check` prints what it found: ruff-like text, JSON, SARIF, GitHub annotations.

Every format lists files in the order given and, within a file, diagnostics by position.  The
text formats go through rich (colour and width as asked, else as the terminal says); the machine
formats are written as UTF-8 text with non-ASCII characters kept (``ensure_ascii=False``) and
nothing that changes from run to run (no timestamps, no absolute paths that were not given).

Positions: ``line``/``column`` are 1-based and count Unicode code points, ``end_column`` is
exclusive (the column just after the span), ``start``/``end`` are code-point offsets into the
original text.  SARIF says so with ``run.columnKind = "unicodeCodePoints"``.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from ..diagnostics import ArticleContext, Diagnostic, DocumentRef, FileReport
from ..records import replace, to_json
from ..richlater import Console, Table, Text, box, get_character_cell_size
from ..rules.catalog import RULES
from ..i18n import N_, _, count_of
from ..jsonio import dump_indented, dumps_indented

__all__ = [
    "FORMATS",
    "ReportStream",
    "context_summary",
    "diagnostic_records",
    "document_line",
    "statistics_rows",
    "write_report",
]

#: The formats that print a file's text (code frames, suggestions, line hashes, fingerprints):
#: for the others a cached report is not joined by its file's text again.
TEXT_FORMATS = frozenset({"full", "sarif", "gitlab", "rdjson", "corpus"})
FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson", "pylint", "azure", "corpus")
#: the formats written whole at the end of the run (one document), from the reports kept
_WHOLE = ("sarif", "gitlab", "junit", "rdjson")


_SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow"}
_GUTTER_STYLE = "bold blue"
_TAB = "    "  # a tab in a code frame shows as four spaces, as in ruff
_MAX_FRAME_LINES = 6


# --- shared ----------------------------------------------------------------------------------


def ordered(report: FileReport) -> list[Diagnostic]:
    """A file's diagnostics by position (stable for equal positions)."""
    return sorted(report.diagnostics, key=lambda d: (d.line, d.column, d.start, d.end, d.code))


def _all_diagnostics(reports: Iterable[FileReport]) -> list[Diagnostic]:
    return [d for r in reports for d in ordered(r)]


def diagnostic_records(reports: Iterable[FileReport]) -> list[dict]:
    """The JSON records of every diagnostic, file by file, by position within a file."""
    return [d.record() for d in _all_diagnostics(reports)]


def statistics_rows(reports: Iterable[FileReport]) -> list[tuple[int, str, str, bool]]:
    """``(count, code, name, fixable)`` per code, most frequent first, then by code.

    ``fixable`` is true when at least one of the code's diagnostics carries a fix."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    fixable: dict[str, bool] = {}
    for d in _all_diagnostics(reports):
        counts[d.code] += 1
        names.setdefault(d.code, d.name or (RULES[d.code].name if d.code in RULES else ""))
        fixable[d.code] = fixable.get(d.code, False) or d.fix is not None
    rows = [(n, code, names[code], fixable[code]) for code, n in counts.items()]
    rows.sort(key=lambda r: (-r[0], r[1]))
    return rows


def _plural(n: int, word: str) -> str:
    return count_of(word, n)


def _totals(reports: Iterable[FileReport]) -> dict[str, int]:
    totals = dict.fromkeys(("articles", "citations", "resolved", "errors", "warnings", "fixable", "unsafe_fixable"), 0)
    for r in reports:
        _count(totals, r)
    return totals


def _count(totals: dict[str, int], r: FileReport) -> None:
    totals["articles"] += 1
    totals["citations"] += r.citations
    totals["resolved"] += r.resolved
    totals["errors"] += r.errors
    totals["warnings"] += r.warnings
    for d in r.diagnostics:
        if d.fix is not None:
            totals["fixable" if d.fix.applicability == "safe" else "unsafe_fixable"] += 1


def write_report(
    reports: list[FileReport],
    fmt: str,
    out: TextIO,
    *,
    statistics: bool = False,
    color: bool | None = None,
    width: int | None = None,
) -> None:
    """Write ``reports`` to ``out`` in format ``fmt`` (one of :data:`FORMATS`).

    ``color``: True forces ANSI colour, False turns it off, None lets rich decide from ``out``
    (a terminal, ``NO_COLOR``, ``FORCE_COLOR``).  ``width`` is the width text formats fit code
    frames into (None: the terminal's, else 80).  ``statistics`` adds per-code counts to the
    text formats; the machine formats ignore it."""
    stream = ReportStream(fmt, out, statistics=statistics, color=color, width=width)
    for report in reports:
        stream.add(report)
    stream.close()


class ReportStream:
    """The same output as :func:`write_report`, written file by file as reports arrive, so that
    a run over a large tree holds no file's text longer than it takes to print it: only slim
    running totals (and, for --statistics, the findings) are kept for the closing summary.  SARIF
    is one document and is written at the end (keeping the sources of files with findings only)."""

    def __init__(self, fmt: str, out: TextIO, *, statistics: bool = False, color: bool | None = None,
                 width: int | None = None, quiet: bool = False, sarif_root: str | None = None, registry=None) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown output format {fmt!r}; expected one of: {', '.join(FORMATS)}")
        # --statistics replaces the listing with the counts per rule (as ruff's); --quiet leaves
        # out everything but the findings
        self.fmt, self.out, self.statistics, self.quiet = fmt, out, statistics, quiet
        self.sarif_root = sarif_root  # SARIF's paths are relative to it (the repository's root)
        self.console = _console(out, color, width) if fmt in ("full", "concise") else None
        # SARIF is written whole at the end: it keeps every report (a file's artifact entry
        # carries its counts), the text only of those with findings.  The text formats keep
        # running totals and the reports with findings (for --statistics), never the text.
        self.kept: list[FileReport] = []
        self.totals = _totals(())
        self._records = 0
        self.corpus = None
        if fmt == "corpus":  # what `citelint report --from` reads: see citelint.report.corpus
            from .corpus import CorpusWriter

            self.corpus = CorpusWriter(out, registry)

    def add(self, report: FileReport) -> None:
        fmt, out = self.fmt, self.out
        if fmt == "full":
            if report.diagnostics and not self.statistics:  # a clean file is counted in the summary, not shown
                _full_file(self.console, report)
        elif fmt == "concise":
            if not self.statistics:
                _concise_file(self.console, report)
        elif fmt == "json":
            # a few hundred records at a time, not the file's all: each batch is written as
            # json.dump writes the items of a list (what is between its brackets)
            for batch in _batched(_records(report), 32):
                out.write(("[\n" if self._records == 0 else ",\n") + dumps_indented(list(batch), floats=False)[2:-2])
                self._records += len(batch)
        elif fmt == "json-lines":
            out.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in _records(report))
        elif fmt == "github":
            out.writelines(_github_line(d) + "\n" for d in ordered(report))
        elif fmt == "corpus":
            self.corpus.add(report)
        elif fmt in ("pylint", "azure"):
            from .ci import azure_line, pylint_line

            line = pylint_line if fmt == "pylint" else azure_line
            out.writelines(line(d) + "\n" for d in ordered(report))
        if fmt in _WHOLE:
            self.kept.append(report if report.diagnostics or report.source is None else replace(report, source=None))
        elif fmt in ("full", "concise"):
            _count(self.totals, report)
            if report.diagnostics and self.statistics:
                self.kept.append(replace(report, source=None) if report.source is not None else report)

    def close(self) -> None:
        fmt, out = self.fmt, self.out
        if fmt == "full" and not self.quiet:
            _full_end(self.console, self.kept, self.totals, statistics=self.statistics)
        elif fmt == "concise" and not self.quiet:
            _concise_end(self.console, self.kept, self.totals, statistics=self.statistics)
        elif fmt == "json":
            out.write("\n]\n" if self._records else "[]\n")
        elif fmt == "sarif":
            from .sarif import to_sarif

            dump_indented(to_sarif(self.kept, root=self.sarif_root), out)
            out.write("\n")
        elif fmt == "gitlab":
            from .ci import write_gitlab

            write_gitlab(self.kept, out)
        elif fmt == "rdjson":
            from .ci import write_rdjson

            write_rdjson(self.kept, out)
        elif fmt == "junit":
            from .ci import junit

            out.write(junit(self.kept))
        elif fmt == "corpus":
            self.corpus.close()


def _records(report: FileReport):
    """The JSON records of a report's findings, by position; findings on one citation (next to
    each other in that order) share the dict of its record, made once."""
    last, record = None, None
    for d in ordered(report):
        c = d.citation
        if c is None:
            yield d.record()
            continue
        if c is not last:
            last, record = c, c.record()
        yield to_json(d, given={"citation": record})


def _batched(items, n: int):
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def _console(out: TextIO, color: bool | None, width: int | None) -> Console:
    kwargs: dict = {}
    if color is True:
        kwargs.update(force_terminal=True, color_system="standard", no_color=False)
    elif color is False:
        kwargs.update(color_system=None, no_color=True)
    console = Console(
        file=out,
        width=width,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        legacy_windows=False,
        **kwargs,
    )
    # On a terminal (or at a width asked for) long lines wrap between words, as a terminal would
    # otherwise cut them anywhere; a file or a pipe gets each finding on one line.
    console.soft_wrap = not (width is not None or console.is_terminal)
    return console


# --- full ------------------------------------------------------------------------------------

_SOURCE_WITH_DETAIL = re.compile(r"(.*?)\s*\((.*)\)\s*")


_SOURCE_WORDS = {  # where an article's date or place was read (as the JSON records it) -> shown
    "header": N_("header"), "text": N_("text"), "front matter": N_("front matter"),
    "html metadata": N_("html metadata"), "config": N_("config"), "year only": N_("year only"),
}
_SOURCE_DETAILS = ((re.compile(r"line (\d+)"), N_("line {n}")), (re.compile(r"(\d+) mentions"), N_("{n} mentions")))


def _source_note(source: str | None) -> str:
    """``"header (line 3)"`` → ``"header, line 3"``: the note inside the header's parentheses,
    in the current language."""
    if not source:
        return ""
    m = _SOURCE_WITH_DETAIL.fullmatch(source)
    parts = [m.group(1), *m.group(2).split(", ")] if m and m.group(1) else [source]
    shown = []
    for part in parts:
        if part in _SOURCE_WORDS:
            part = _(_SOURCE_WORDS[part])
        for pattern, template in _SOURCE_DETAILS:
            d = pattern.fullmatch(part)
            if d:
                part = _(template).format(n=d.group(1))
        shown.append(part)
    return ", ".join(shown)


def context_summary(context: ArticleContext | None) -> str:
    """``article date 2021-11-19 (header, line 3); jurisdiction Hà Nội (text, 7 mentions)``."""
    ctx = context or ArticleContext()
    if ctx.date is not None:
        date = _("article date {date}").format(date=ctx.date.isoformat())
        note = _source_note(ctx.date_source)
    elif ctx.year is not None:
        date = _("article date {date}").format(date=ctx.year)
        source = _source_note(ctx.date_source)
        note = source if "year only" in (ctx.date_source or "") else ", ".join(x for x in (_("year only"), source) if x)
    else:
        date, note = _("article date unknown"), ""
    if ctx.date_confidence == "low":
        note = ", ".join(x for x in (note, _("uncertain: no rule relies on it")) if x)
    if note:
        date += f" ({note})"
    if ctx.jurisdiction:
        place = _("jurisdiction {place}").format(place=ctx.jurisdiction)
        note = _source_note(ctx.jurisdiction_source)
        if note:
            place += f" ({note})"
    else:
        place = _("jurisdiction unknown")
    return f"{date}; {place}"


def _full_file(console: Console, report: FileReport) -> None:
    console.print(Text.assemble((report.path, "bold"), " — ", context_summary(report.context)))
    lines = report.source.split("\n") if report.source is not None else None
    group: list[Diagnostic] = []
    for d in ordered(report):
        if group and (d.start, d.end) != (group[0].start, group[0].end):
            console.print()
            _print_diagnostics(console, group, lines)
            group = []
        group.append(d)
    if group:
        console.print()
        _print_diagnostics(console, group, lines)
    console.print()


def _full_end(console: Console, reports: list[FileReport], totals: dict[str, int], *, statistics: bool) -> None:
    if statistics:
        rows = statistics_rows(reports)
        if rows:
            console.print(_statistics_table(rows))
            console.print()
    console.print(_summary_table(totals))
    if not totals["errors"] and not totals["warnings"]:
        console.print(_("All checked: no findings."))
    _fixable_line(console, totals)


def _fixable_line(console: Console, totals: dict[str, int]) -> None:
    """``3 fixable with --fix (2 more with --unsafe-fixes)``, as ruff says it."""
    safe, unsafe = totals["fixable"], totals["unsafe_fixable"]
    if safe and unsafe:
        console.print(_("{n} fixable with --fix ({m} more with --unsafe-fixes)").format(n=safe, m=unsafe))
    elif safe:
        console.print(_("{n} fixable with --fix").format(n=safe))
    elif unsafe:
        console.print(_("{m} fixable with --fix --unsafe-fixes").format(m=unsafe))


def _location(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}:"


def _print_diagnostics(console: Console, group: list[Diagnostic], lines: list[str] | None) -> None:
    """Findings on one span: each one's line, then the span's frame once, then each one's notes."""
    first = group[0]
    for d in group:
        console.print(Text.assemble((_location(d), "bold"), " ", (d.code, _SEVERITY_STYLE.get(d.severity, "bold")), " ", d.message))
    style = _SEVERITY_STYLE.get("error" if any(d.severity == "error" for d in group) else first.severity, "bold")
    frame = _frame(first, lines, console.width) if lines is not None else []
    gutter = max((len(str(n)) for n, _, _ in frame), default=1)
    pad = " " * gutter
    if frame:
        console.print(Text(f"{pad} |", _GUTTER_STYLE))
        for number, shown, carets in frame:
            label = "..." if number is None else f"{number:>{gutter}}"
            console.print(Text.assemble((f"{label:>{gutter}} |", _GUTTER_STYLE), " " if shown else "", shown))
            if carets:
                console.print(Text.assemble((f"{pad} |", _GUTTER_STYLE), " ", (carets, style)))
        console.print(Text(f"{pad} |", _GUTTER_STYLE))
    for d in group:
        for label, body in _help_lines(d):
            label = f"{label} ({d.code})" if len(group) > 1 else label
            console.print(Text.assemble(f"{pad} ", ("=", _GUTTER_STYLE), " ", (f"{label}:", "bold"), " ", body))


def _help_lines(d: Diagnostic) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    if d.help:
        notes.append((_("help"), d.help))
    if d.fix is not None:
        notes.append((_("fix (safe)") if d.fix.applicability == "safe" else _("fix (unsafe)"), d.fix.message))
    res = d.resolution
    if res is not None:
        if res.resolved is not None:
            notes.append((_("registry"), document_line(res.resolved)))
        for ref in res.candidates:
            notes.append((_("candidate"), document_line(ref)))
        if res.note:
            notes.append((_("note"), res.note))
    return notes


def document_line(ref: DocumentRef) -> str:
    """``24-QĐ/TW · Quy định · 2021-07-30 · Ban Chấp hành Trung ương``."""
    parts = [ref.symbol or ref.id, ref.type, ref.date.isoformat() if ref.date else None, ref.issuer]
    return " · ".join(p for p in parts if p)


# Code frames.  A line is cut into display clusters: a character with the zero-width marks
# that follow it (NFD Vietnamese: "e" + U+0302 + U+0301 is one cell), a tab (four spaces), or a
# visible stand-in for a control or bidi character, which a terminal would otherwise act on.

_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _display(ch: str) -> tuple[str, int]:
    if ch == "\t":
        return _TAB, len(_TAB)
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code), 1  # ␀..␟ control pictures
    if code == 0x7F:
        return "\u2421", 1  # ␡
    if 0x80 <= code < 0xA0 or ch in _BIDI or ch in "\u2028\u2029":
        return "\ufffd", 1
    if ch == "\ufeff":
        return "", 0
    return ch, get_character_cell_size(ch)


@functools.lru_cache(maxsize=4)
def _layout(line: str) -> tuple[list[str], list[int], list[int], list[int]]:
    """Display clusters of a line: their text, their widths in cells, for each code point
    (plus one past the end) the index of the cluster it belongs to, and each cluster's first
    cell (plus the line's width).  Kept for the last few lines: the findings of one long line
    share its layout rather than each cutting the whole line again."""
    texts: list[str] = []
    widths: list[int] = []
    owner: list[int] = []
    for ch in line:
        shown, w = _display(ch)
        if w == 0 and shown and texts and widths[-1] > 0:
            texts[-1] += shown  # a combining mark or joiner stays with its base
            owner.append(len(texts) - 1)
            continue
        texts.append(shown)
        widths.append(w)
        owner.append(len(texts) - 1)
    owner.append(len(texts))
    cells = [0]
    for w in widths:
        cells.append(cells[-1] + w)
    return texts, widths, owner, cells


def frame_line(line: str, col_start: int, col_end: int, avail: int) -> tuple[str, str]:
    """The line as shown (cut around the span when too wide) and the carets under the span.

    ``col_start``/``col_end`` are 0-based code-point positions in the line, end exclusive."""
    texts, widths, owner, cells = _layout(line)
    n = len(line)
    col_start = max(0, min(col_start, n))
    col_end = max(col_start, min(col_end, n))
    total = cells[-1]
    a = cells[owner[col_start]]
    if col_end > col_start:
        last = owner[col_end - 1]
        b = cells[last] + widths[last]
    else:
        b = a
    if total <= avail:
        shown = "".join(texts)
        return shown, " " * a + "^" * max(1, b - a)
    # Cut the line: a window of `budget` cells around the span, "…" where text was cut.
    budget = max(1, avail - 2)
    span_w = max(1, b - a)
    before = max(0, (budget - span_w) // 2)
    ws = max(0, a - before)
    we = min(total, ws + budget)
    ws = max(0, min(ws, we - budget))
    # The clusters lying wholly inside [ws, we]: cells only grow, so they are one run.
    first = bisect.bisect_left(cells, ws)
    last = bisect.bisect_right(cells, we) - 2
    if first > last or first >= len(texts):
        return "…", " " + "^"
    lo, hi = cells[first], cells[last + 1]
    left = "…" if first > 0 else ""
    right = "…" if last < len(texts) - 1 else ""
    shown = left + "".join(texts[first : last + 1]) + right
    ca, cb = max(a, lo), min(max(b, a + 1), hi)
    if cb <= ca:  # the span lies outside what could be shown (it is wider than the window)
        ca, cb = lo, hi
    return shown, " " * (len(left) + ca - lo) + "^" * max(1, cb - ca)


def _frame(d: Diagnostic, lines: list[str], width: int) -> list[tuple[int | None, str, str]]:
    """``(line number, text shown, carets)`` for each line of the diagnostic's span."""
    if not (1 <= d.line <= len(lines)):
        return []
    last = min(max(d.end_line, d.line), len(lines))
    if last > d.line and d.end_column <= 1:
        last -= 1  # the span ends at the newline: its last line shows nothing of it
    gutter = len(str(last))
    avail = max(20, width - gutter - 3)
    rows: list[tuple[int | None, str, str]] = []
    for number in range(d.line, last + 1):
        text = lines[number - 1]
        text = text.removesuffix("\r")
        start = d.column - 1 if number == d.line else 0
        end = d.end_column - 1 if number == d.end_line else len(text)
        if number == d.line and number == d.end_line and end < start:
            end = start
        shown, carets = frame_line(text, start, end, avail)
        rows.append((number, shown, carets))
    if len(rows) > _MAX_FRAME_LINES:
        rows = rows[:3] + [(None, "", "")] + rows[-2:]
    return rows


def _statistics_table(rows: list[tuple[int, str, str, bool]]) -> Table:
    table = Table(title=_("Statistics"), box=box.SIMPLE_HEAD, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(_("count"), justify="right")
    table.add_column(_("code"))
    table.add_column(_("name"))
    table.add_column(_("fixable"))
    for count, code, name, fixable in rows:
        table.add_row(str(count), code, name, _("yes") if fixable else _("no"))
    return table


def _summary_table(totals: dict[str, int]) -> Table:
    table = Table(title=_("Summary"), show_header=False, box=box.ROUNDED, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row(_("articles"), str(totals["articles"]))
    table.add_row(_("citations found"), str(totals["citations"]))
    table.add_row(_("resolved"), str(totals["resolved"]))
    table.add_row(_("errors"), Text(str(totals["errors"]), _SEVERITY_STYLE["error"] if totals["errors"] else ""))
    table.add_row(_("warnings"), Text(str(totals["warnings"]), _SEVERITY_STYLE["warning"] if totals["warnings"] else ""))
    return table


# --- concise ---------------------------------------------------------------------------------


def _concise_file(console: Console, report: FileReport) -> None:
    for d in ordered(report):
        style = _SEVERITY_STYLE.get(d.severity, "bold")
        console.print(
            Text.assemble((_location(d), "bold"), " ", (d.code, style), " ", (f"[{d.severity}]", style), " ", d.message)
        )


def _concise_end(console: Console, reports: list[FileReport], t: dict[str, int], *, statistics: bool) -> None:
    if statistics:
        rows = statistics_rows(reports)
        width = max((len(str(r[0])) for r in rows), default=1)
        for count, code, name, fixable in rows:
            console.print(f"{count:>{width}}  {code}  {'[*] ' if fixable else ''}{name}")
    console.print(_("{errors}, {warnings} in {articles} ({citations}, {resolved} resolved)").format(
        errors=_plural(t["errors"], "error"), warnings=_plural(t["warnings"], "warning"),
        articles=_plural(t["articles"], "article"), citations=_plural(t["citations"], "citation"), resolved=t["resolved"]))
    _fixable_line(console, t)


# --- github ----------------------------------------------------------------------------------


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def _github_line(d: Diagnostic) -> str:
    level = "error" if d.severity == "error" else "warning"
    props = [("file", d.path), ("line", str(d.line))]
    if d.end_line == d.line:
        props += [("col", str(d.column)), ("endLine", str(d.end_line)), ("endColumn", str(d.end_column))]
    else:  # GitHub drops an annotation whose columns span lines: lines only
        props += [("endLine", str(d.end_line))]
    props.append(("title", f"{d.code} {d.name}"))
    joined = ",".join(f"{k}={_gh_property(v)}" for k, v in props)
    return f"::{level} {joined}::{_gh_data(d.message)}"
