"""citelint's language server (LSP over stdio, pygls 2).

    citelint server            # or: python -m citelint.server

What an editor gets:

- diagnostics, published when a document is opened or saved and ~150 ms after the last change
  (``CITELINT_LSP_DEBOUNCE_MS`` or ``--debounce-ms`` sets the delay; a newer change cancels the
  run still waiting), cleared when it is closed;
- hover on a citation: the registry entry it resolves to (symbol, type, issuing body, date,
  title, status, what replaced it and from when, sources, verified), or why it does not
  resolve (with the candidates when several documents fit);
- code actions: each finding's fix (unsafe fixes labelled as such), "Disable CLxxx for this
  line" in Markdown and HTML (markdownlint's comment syntax, see :class:`citelint.check.Suppressions`),
  and "Fix all safe findings in this file" (``source.fixAll.citelint``).

Configuration is found as ``citelint check`` finds it: the nearest citelint.toml or
pyproject.toml with ``[tool.citelint]`` above each document, the registry it names (loaded once
and reloaded when one of its files changes), its rule selection, severities, per-file ignores,
exclusions and baseline.  A document outside any configured project is checked without a
registry: only the CL1xx rules run.

Positions: citelint counts Unicode code points; LSP counts UTF-16 code units unless the client
and server agree on UTF-8 or UTF-32 (pygls negotiates it).  This module keeps its own copy of
each open document and converts positions itself, with the LSP's notion of a line (``\\n``,
``\\r\\n`` or ``\\r``; pygls's workspace splits on U+2028 and the like as well, which would
misplace every incremental change after such a character).

Linting runs on one worker thread, never on the thread that reads messages; a failure while
linting one document is logged (window/logMessage) and leaves its previous diagnostics in
place.
"""

from __future__ import annotations

import argparse
import asyncio
import fnmatch
import logging
import os
import re
import sys
import traceback
from bisect import bisect_right
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from .. import __version__
from ..check.analyse import Baseline, lint_text
from ..config import Config, ConfigError, find_config, load_config
from ..diagnostics import Diagnostic, FileReport, TextEdit, new_file_report
from ..check.fixes import applicable, fix_text
from ..text.files import TEXT_SUFFIXES
from ..registry.build import Registry, RegistryInvalid, load_registry, registry_files

log = logging.getLogger("citelint.server")

SOURCE = "citelint"
FIX_ALL_KIND = f"{lsp.CodeActionKind.SourceFixAll.value}.citelint"  # source.fixAll.citelint
DEFAULT_DEBOUNCE_MS = 150
_FIX_PASSES = 4  # as `check --fix`: a fix can reveal another
_MARKUP_BY_LANGUAGE = {"markdown": "markdown", "html": "html", "xhtml": "html", "plaintext": "text"}
_SUPPRESSIBLE_MARKUP = ("markdown", "html")


def debounce_from_env(default: int = DEFAULT_DEBOUNCE_MS) -> float:
    """The debounce delay in seconds, from ``CITELINT_LSP_DEBOUNCE_MS``."""
    raw = os.environ.get("CITELINT_LSP_DEBOUNCE_MS")
    if raw is None or not raw.strip():
        return default / 1000
    try:
        return max(0.0, float(raw)) / 1000
    except ValueError:
        return default / 1000


# --- positions -------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class TextIndex:
    """Code-point offsets ⇄ LSP positions (line, character in the negotiated encoding) for one
    text.  Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, as the LSP says."""

    def __init__(self, text: str, encoding: str = lsp.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        starts, ends = [0], []
        for m in _LINE_BREAK.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        self.starts = starts  # where each line starts
        self.ends = ends  # where each line's content ends (before its line break)

    def _units(self, segment: str) -> int:
        if self.encoding == lsp.PositionEncodingKind.Utf32:
            return len(segment)
        if self.encoding == lsp.PositionEncodingKind.Utf8:
            return len(segment.encode("utf-8", "surrogatepass"))
        return len(segment) + len(_ASTRAL.findall(segment))  # UTF-16: astral characters are pairs

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return lsp.Position(line=line, character=self._units(self.text[start:offset]))

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: lsp.Position) -> int:
        """The code-point offset of a client position; past the end of a line is its end, past
        the last line the end of the text, inside a character that character's start."""
        if position.line < 0:
            return 0
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[position.line], self.ends[position.line]
        want = max(0, position.character)
        segment = self.text[start:end]
        if self.encoding == lsp.PositionEncodingKind.Utf32 or (
            self.encoding != lsp.PositionEncodingKind.Utf8 and not _ASTRAL.search(segment)
        ):
            return start + min(want, len(segment))
        units = 0
        for i, ch in enumerate(segment):
            n = self._units(ch)
            if units + n > want:
                return start + i
            units += n
        return end

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1


def apply_change(text: str, change: Any, encoding: str) -> str:
    """One ``TextDocumentContentChangeEvent`` applied to ``text``."""
    rng = getattr(change, "range", None)
    if rng is None:
        return change.text
    index = TextIndex(text, encoding)
    start, end = index.offset(rng.start), index.offset(rng.end)
    if end < start:
        start, end = end, start
    return text[:start] + change.text + text[end:]


# --- configuration and registries --------------------------------------------------------------


@dataclass
class Settings:
    """What applies to one document: its configuration, registry and baseline."""

    config: Config
    registry: Registry | None = None
    baseline: Baseline | None = None
    excluded: bool = False


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class Projects:
    """Configurations, registries and baselines, loaded once and reloaded when their files
    change (modification time and size).  Used from the lint thread only."""

    def __init__(self) -> None:
        self._configs: dict[Path, tuple[Any, Config | ConfigError]] = {}
        self._registries: dict[Path, tuple[Any, Registry | None]] = {}
        self._baselines: dict[Path, tuple[Any, Baseline | None]] = {}
        self.messages: list[tuple[lsp.MessageType, str]] = []  # problems to tell the user, once each

    def _note(self, kind: lsp.MessageType, message: str) -> None:
        self.messages.append((kind, message))

    def settings_for(self, path: str | None) -> Settings:
        if path is None:
            return Settings(Config())
        config_path = find_config(Path(path))
        if config_path is None:
            return Settings(Config())
        config = self._config(config_path)
        if config is None:
            return Settings(Config())
        return Settings(
            config,
            registry=self._registry(config.registry) if config.registry is not None else None,
            baseline=self._baseline(config.baseline) if config.baseline is not None else None,
            excluded=_excluded(path, config),
        )

    def _config(self, path: Path) -> Config | None:
        stamp = _stat(path)
        cached = self._configs.get(path)
        if cached is None or cached[0] != stamp:
            try:
                value: Config | ConfigError = load_config(path)
            except ConfigError as e:
                value = e
                self._note(lsp.MessageType.Error, f"citelint: {e}; checking without it (only the CL1xx rules run)")
            self._configs[path] = cached = (stamp, value)
        return cached[1] if isinstance(cached[1], Config) else None

    def _registry(self, root: Path) -> Registry | None:
        key = root.resolve()
        try:
            files = registry_files(key) if key.exists() else []
        except OSError:
            files = []
        stamp = tuple((str(p), _stat(p)) for p in files)
        cached = self._registries.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        registry: Registry | None = None
        if not key.exists():
            self._note(lsp.MessageType.Error, f"citelint: {root}: no such registry; only the CL1xx rules run")
        else:
            try:
                registry = load_registry(key)
            except RegistryInvalid as e:
                shown = "\n".join(str(x) for x in e.errors[:10])
                more = f"\n... and {len(e.errors) - 10} more" if len(e.errors) > 10 else ""
                self._note(lsp.MessageType.Error, f"citelint: the registry {root} is invalid; only the CL1xx rules run "
                           f"(see `citelint registry validate`):\n{shown}{more}")
            except OSError as e:
                self._note(lsp.MessageType.Error, f"citelint: cannot read the registry {root}: {e}")
            else:
                if cached is not None:
                    self._note(lsp.MessageType.Info, f"citelint: reloaded the registry {root}")
        self._registries[key] = (stamp, registry)
        return registry

    def _baseline(self, path: Path) -> Baseline | None:
        stamp = _stat(path)
        cached = self._baselines.get(path)
        if cached is None or cached[0] != stamp:
            value = None
            if stamp is None:
                self._note(lsp.MessageType.Warning, f"citelint: {path}: no such baseline file; every finding is shown")
            else:
                try:
                    value = Baseline.load(path)
                except (OSError, ValueError) as e:
                    self._note(lsp.MessageType.Warning, f"citelint: {e}; every finding is shown")
            self._baselines[path] = cached = (stamp, value)
        return cached[1]


def _excluded(path: str, config: Config) -> bool:
    """Whether the configuration's ``exclude`` globs drop this file, as they would for
    `check` (the path relative to the configuration's directory, its name, or a directory it
    is in)."""
    if not config.exclude:
        return False
    p = Path(path)
    candidates = [p.name]
    if config.path is not None:
        try:
            rel = p.resolve().relative_to(config.path.parent.resolve())
        except ValueError:
            rel = None
        if rel is not None:
            parts = rel.parts
            candidates += ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for glob in config.exclude:
        g = glob.rstrip("/")
        if any(fnmatch.fnmatch(c, g) for c in candidates):
            return True
    return False


# --- documents and lint results ------------------------------------------------------------------


@dataclass
class LintResult:
    generation: int
    text: str
    index: TextIndex
    markup: str
    path: str
    settings: Settings
    report: FileReport  # what is shown (baseline applied)
    all_diagnostics: tuple[Diagnostic, ...]  # before the baseline: what `check --fix` fixes
    lsp_diagnostics: list[lsp.Diagnostic]
    analysis: list | None = None  # resolved citations, computed on the first hover
    fix_all: list[TextEdit] | None = None  # computed on the first code-action request


@dataclass
class OpenDocument:
    uri: str
    path: str | None  # a file system path, or None (an untitled buffer)
    language_id: str
    version: int | None
    text: str
    generation: int = 0  # bumped on every change: a result for an older one is stale
    result: LintResult | None = None
    pending: asyncio.Task | None = None

    @property
    def markup(self) -> str:
        if self.path is not None and Path(self.path).suffix.lower() in TEXT_SUFFIXES:
            return TEXT_SUFFIXES[Path(self.path).suffix.lower()]
        return _MARKUP_BY_LANGUAGE.get(self.language_id, "text")

    @property
    def report_path(self) -> str:
        return self.path if self.path is not None else self.uri


def _uri_path(uri: str) -> str | None:
    if not uri.startswith("file:"):
        return None
    return to_fs_path(uri)


# --- the server --------------------------------------------------------------------------------


class CitelintProtocol(LanguageServerProtocol):
    """pygls's protocol, except that the server keeps the documents' text itself (see the
    module's documentation): the built-in didChange handler does not update pygls's workspace
    copy, so that a change pygls would misapply (or reject) cannot stop ours."""

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams):
        if (user_handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield user_handler, (params,), None


class CitelintServer(LanguageServer):
    def __init__(self, *, debounce: float | None = None) -> None:
        super().__init__("citelint", __version__, protocol_cls=CitelintProtocol,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.debounce = debounce_from_env() if debounce is None else debounce
        self.documents: dict[str, OpenDocument] = {}
        self.projects = Projects()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="citelint-lint")

    # -- helpers ------------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        try:
            return self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        except RuntimeError:  # before initialize
            return lsp.PositionEncodingKind.Utf16

    def log(self, kind: lsp.MessageType, message: str) -> None:
        log.log({lsp.MessageType.Error: logging.ERROR, lsp.MessageType.Warning: logging.WARNING}.get(kind, logging.INFO), message)
        try:
            self.window_log_message(lsp.LogMessageParams(type=kind, message=message))
        except Exception:
            log.debug("cannot send window/logMessage", exc_info=True)

    def _flush_messages(self) -> None:
        messages, self.projects.messages = self.projects.messages, []
        for kind, message in messages:
            self.log(kind, message)
            if kind == lsp.MessageType.Error:
                try:
                    self.window_show_message(lsp.ShowMessageParams(type=kind, message=message.split("\n", 1)[0]))
                except Exception:
                    log.debug("cannot send window/showMessage", exc_info=True)

    def publish(self, uri: str, diagnostics: list[lsp.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    # -- linting (on the worker thread) --------------------------------------------------------

    def lint(self, doc: OpenDocument, generation: int, text: str, encoding: str) -> LintResult:
        path = doc.report_path
        settings = self.projects.settings_for(doc.path)
        markup = doc.markup
        index = TextIndex(text, encoding)
        if settings.excluded:
            report = new_file_report(path=path, diagnostics=(), source=text)
            return LintResult(generation, text, index, markup, path, settings, report, (), [])
        report = lint_text(text, path=path, markup=markup, config=settings.config, registry=settings.registry)
        all_diagnostics = report.diagnostics
        if settings.baseline is not None:
            report = settings.baseline.filter(report)
        return LintResult(generation, text, index, markup, path, settings, report, all_diagnostics,
                          [to_lsp_diagnostic(d, index) for d in report.diagnostics])

    async def _in_worker(self, fn, *args):
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    def schedule(self, doc: OpenDocument, delay: float) -> None:
        """Lint ``doc`` after ``delay`` seconds, unless it changes again before: the run still
        waiting is cancelled."""
        if doc.pending is not None and not doc.pending.done():
            doc.pending.cancel()
        doc.pending = asyncio.get_running_loop().create_task(self._lint_later(doc, doc.generation, delay))

    async def _lint_later(self, doc: OpenDocument, generation: int, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        if self.documents.get(doc.uri) is not doc or doc.generation != generation:
            return
        result = await self.current_result(doc, reuse=True)  # a request may have checked this text already
        if result is None or self.documents.get(doc.uri) is not doc or doc.generation != generation:
            return  # closed or changed meanwhile: the newer run publishes
        self.publish(doc.uri, result.lsp_diagnostics, doc.version)

    async def current_result(self, doc: OpenDocument, *, reuse: bool = False) -> LintResult | None:
        """The lint result for the document's current text (``reuse``: the cached one if it is
        for that text); None when linting failed (logged)."""
        generation, text = doc.generation, doc.text
        if reuse and doc.result is not None and doc.result.generation == generation:
            return doc.result
        try:
            result = await self._in_worker(self.lint, doc, generation, text, self.encoding)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001 - one document's failure must not stop the server
            detail = "".join(traceback.format_exception(e))
            self.log(lsp.MessageType.Error, f"citelint: internal error while checking {doc.uri}; "
                     f"its previous diagnostics are kept:\n{detail}")
            return None
        finally:
            self._flush_messages()
        if doc.generation == generation:
            doc.result = result
        return result


def to_lsp_diagnostic(d: Diagnostic, index: TextIndex) -> lsp.Diagnostic:
    data: dict[str, Any] = {"name": d.name}
    if d.fix is not None:
        data["fix"] = d.fix.applicability
    return lsp.Diagnostic(
        range=index.range(d.start, d.end),
        message=d.message,
        severity=lsp.DiagnosticSeverity.Error if d.severity == "error" else lsp.DiagnosticSeverity.Warning,
        code=d.code,
        source=SOURCE,
        data=data,
    )


# --- hover -------------------------------------------------------------------------------------


def _analyse(result: LintResult) -> list:
    """Every citation in the text and how it resolved (what lint_text does before the rules)."""
    from ..context.infer import infer_context
    from ..find.extract import extract
    from ..resolve import Resolved, resolve_article

    citations = extract(result.text, markup=result.markup, path=result.path)
    registry = result.settings.registry
    if registry is None:
        return [Resolved(c, "no-registry") for c in citations]
    context = infer_context(result.text, markup=result.markup, default_jurisdiction=result.settings.config.jurisdiction)
    return resolve_article(citations, context, registry)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def _md(text: object) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _iso(date) -> str | None:
    return date.isoformat() if date is not None else None


def _doc_summary(doc, registry: Registry) -> str:
    issuer = registry.issuers.get(doc.issuer)
    parts = [doc.symbol or doc.id, doc.type, _iso(doc.date), issuer.name if issuer else doc.issuer]
    return " · ".join(_md(p) for p in parts if p)


_STATUS_TEXT = {
    "in-force": "in force",
    "replaced": "replaced",
    "expired": "expired",
    "superseded": "superseded",
    "unknown": "unknown",
}
_UNRESOLVED_TEXT = {
    "ambiguous": "Ambiguous: several registry documents fit",
    "unknown": "Not in the registry",
    "no-antecedent": "A short form with no full citation in this article, and no single registry document that fits",
    "antecedent-unknown": "Its full citation in this article is not in the registry",
    "meeting-without-type": "Names a meeting but not what kind of document",
    "skipped": "Not checked against the registry",
    "no-registry": "No registry is configured for this file (`registry` in citelint.toml or [tool.citelint]): "
                   "only the form of the citation is checked",
}


def hover_markdown(resolved, registry: Registry | None) -> str:
    c = resolved.citation
    lines: list[str] = []
    doc = resolved.document
    if doc is not None and registry is not None:
        issuer = registry.issuers.get(doc.issuer)
        title = f"**{_md(doc.symbol)}** — {_md(doc.type)}" if doc.symbol else f"**{_md(doc.type)}** (`{doc.id}`)"
        lines.append(title)
        if doc.title:
            lines.append("")
            lines.append(f"*{_md(doc.title)}*")
        lines.append("")
        facts = [
            ("Issued by", _md(issuer.name) if issuer else _md(doc.issuer)),
            ("Date", _iso(doc.date)),
            ("Term", f"khóa {_md(doc.term)}" if doc.term else None),
        ]
        status = _STATUS_TEXT.get(doc.status, doc.status)
        if doc.replaced_by is not None:
            new = registry.documents.get(doc.replaced_by.id)
            by = f"**{_doc_summary(new, registry)}**" if new is not None else f"`{doc.replaced_by.id}`"
            replaced = f"replaced by {by} from {doc.replaced_by.effective.isoformat()}"
            status = replaced if doc.status == "replaced" else f"{status}; {replaced}"
        facts.append(("Status", status))
        predecessors = [i for i in registry.replaces.get(doc.id, []) if i in registry.documents]
        if predecessors:
            facts.append(("Replaces", ", ".join(_doc_summary(registry.documents[i], registry) for i in predecessors)))
        if doc.meeting is not None:
            m = doc.meeting
            what = (f"plenum {m.number} of the term {m.term}" if m.kind == "plenum" else f"the congress of the term {m.term}")
            facts.append(("Issued at", _md(what)))
        facts.append(("Sources", ", ".join(_md(s) for s in doc.sources) or "none"))
        facts.append(("Verified", "yes" if doc.verified else "no (not confirmed by a public source)"))
        if doc.notes:
            facts.append(("Notes", _md(doc.notes)))
        lines += [f"- **{k}:** {v}" for k, v in facts if v]
        via = f" · resolved via {resolved.via}" if resolved.via else ""
        lines.append("")
        lines.append(f"Registry entry `{doc.id}`{via}")
        if resolved.note:
            lines.append("")
            lines.append(f"*Note:* {_md(resolved.note)}")
        return "\n".join(lines)

    # Not resolved: say why, and what was cited.
    lines.append(f"**{_md(c.text)}**")
    lines.append("")
    lines.append(_UNRESOLVED_TEXT.get(resolved.status, f"Not resolved ({resolved.status})") + ".")
    if resolved.candidates and registry is not None:
        lines.append("")
        lines.append("Candidates:")
        lines += [f"- {_doc_summary(d, registry)} (`{d.id}`)" for d in resolved.candidates]
    if resolved.note:
        lines.append("")
        lines.append(f"*Note:* {_md(resolved.note)}")
    cited = [
        ("Symbol", c.symbol),
        ("Type", c.type_name),
        ("Number", c.number),
        ("Issuing body", c.issuer_text),
        ("Date", _iso(c.date)),
        ("Term", f"khóa {c.term}" if c.term else None),
        ("Title", c.title),
    ]
    cited = [(k, v) for k, v in cited if v]
    if cited:
        lines.append("")
        lines.append("As cited:")
        lines += [f"- **{k}:** {_md(v)}" for k, v in cited]
    return "\n".join(lines)


# --- code actions -------------------------------------------------------------------------------

_DISABLE_LINE = re.compile(r"^([ \t]*)<!--\s*citelint-disable-next-line\b([^>]*?)-->[ \t]*$")


def _line_bounds(text: str, offset: int) -> tuple[int, int, str]:
    """citelint's line (the one Suppressions counts: lines end at \\n) containing ``offset``:
    its start, the end of its content, and its line ending."""
    start = text.rfind("\n", 0, offset) + 1
    nl = text.find("\n", offset)
    if nl < 0:
        return start, len(text), ""
    if nl > start and text[nl - 1] == "\r":
        return start, nl - 1, "\r\n"
    return start, nl, "\n"


def disable_edit(text: str, offset: int, code: str) -> TextEdit:
    """The edit that disables ``code`` on the line of ``offset``: a
    ``<!-- citelint-disable-next-line CODE -->`` line above it with its indentation, or the
    code added to such a comment already there."""
    start, end, eol = _line_bounds(text, offset)
    if start > 0:
        p_start, p_end, _ = _line_bounds(text, start - 1)
        m = _DISABLE_LINE.match(text[p_start:p_end])
        if m and m.group(2).strip():  # codes listed: add this one
            codes = m.group(2).split()
            if code not in codes:
                codes.append(code)
            return TextEdit(start=p_start, end=p_end,
                            replacement=f"{m.group(1)}<!-- citelint-disable-next-line {' '.join(codes)} -->")
    line = text[start:end]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return TextEdit(start=start, end=start, replacement=f"{indent}<!-- citelint-disable-next-line {code} -->{eol or chr(10)}")


def fix_all_edits(result: LintResult) -> list[TextEdit]:
    """The safe fixes for the whole text, as `check --fix` applies them (every finding, the
    baseline notwithstanding; repeated while a fix reveals another)."""
    text = result.text
    new_text, chosen = fix_text(text, list(result.all_diagnostics))
    if not chosen:
        return []
    edits = [e for d in chosen for e in d.fix.edits]
    settings = result.settings
    for _ in range(_FIX_PASSES - 1):
        report = lint_text(new_text, path=result.path, markup=result.markup, config=settings.config, registry=settings.registry)
        newer, more = fix_text(new_text, list(report.diagnostics))
        if not more:
            break
        new_text, edits = newer, None  # type: ignore[assignment]
    if edits is not None:
        return sorted(edits, key=lambda e: (e.start, e.end))
    # Several passes: one edit over the span that changed.
    prefix = 0
    limit = min(len(text), len(new_text))
    while prefix < limit and text[prefix] == new_text[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and text[-1 - suffix] == new_text[-1 - suffix]:
        suffix += 1
    return [TextEdit(start=prefix, end=len(text) - suffix, replacement=new_text[prefix : len(new_text) - suffix])]


def _kind_wanted(kind: str, only: Iterable[str] | None) -> bool:
    if not only:
        return True
    return any(kind == o or kind.startswith(o + ".") for o in only)


# --- wiring ---------------------------------------------------------------------------------------


def create_server(*, debounce: float | None = None) -> CitelintServer:
    server = CitelintServer(debounce=debounce)

    def workspace_edit(uri: str, version: int | None, index: TextIndex, edits: Iterable[TextEdit]) -> lsp.WorkspaceEdit:
        text_edits = [lsp.TextEdit(range=index.range(e.start, e.end), new_text=e.replacement) for e in edits]
        caps = server.client_capabilities
        document_changes = bool(caps and caps.workspace and caps.workspace.workspace_edit
                                and caps.workspace.workspace_edit.document_changes)
        if document_changes:
            return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
                text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                edits=text_edits)])
        return lsp.WorkspaceEdit(changes={uri: text_edits})

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CitelintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        old = ls.documents.get(item.uri)
        if old is not None and old.pending is not None:
            old.pending.cancel()
        doc = OpenDocument(item.uri, _uri_path(item.uri), item.language_id, item.version, item.text)
        if old is not None:
            doc.generation = old.generation + 1
        ls.documents[item.uri] = doc
        ls.schedule(doc, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CitelintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            ls.log(lsp.MessageType.Warning, f"citelint: didChange for a document that is not open: {params.text_document.uri}")
            return
        text = doc.text
        try:
            for change in params.content_changes:
                text = apply_change(text, change, ls.encoding)
        except Exception as e:  # noqa: BLE001
            ls.log(lsp.MessageType.Error, f"citelint: cannot apply a change to {doc.uri}: {e}")
            return
        doc.text = text
        doc.version = params.text_document.version
        doc.generation += 1
        ls.schedule(doc, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def did_save(ls: CitelintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return
        if params.text is not None and params.text != doc.text:
            doc.text = params.text
        doc.generation += 1  # the configuration or the registry may have changed too
        ls.schedule(doc, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CitelintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        doc = ls.documents.pop(params.text_document.uri, None)
        if doc is not None and doc.pending is not None:
            doc.pending.cancel()
        ls.publish(params.text_document.uri, [], None)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: CitelintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return None
        try:
            result = await ls.current_result(doc, reuse=True)
            if result is None:
                return None
            if result.analysis is None:
                result.analysis = await ls._in_worker(_analyse, result)
            offset = result.index.offset(params.position)
            hits = [r for r in result.analysis if r.citation.start <= offset < r.citation.end]
            if not hits:
                return None
            hit = min(hits, key=lambda r: r.citation.end - r.citation.start)
            value = hover_markdown(hit, result.settings.registry)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001
            ls.log(lsp.MessageType.Error, "citelint: hover failed:\n" + "".join(traceback.format_exception(e)))
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=value),
                         range=result.index.range(hit.citation.start, hit.citation.end))

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=False),
    )
    async def code_action(ls: CitelintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return None
        try:
            result = await ls.current_result(doc, reuse=True)
            if result is None or result.generation != doc.generation:
                return None  # changed meanwhile: the positions asked about are for another text
            return await ls._in_worker(_code_actions, result, doc, params, workspace_edit)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001
            ls.log(lsp.MessageType.Error, "citelint: code actions failed:\n" + "".join(traceback.format_exception(e)))
            return None

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: CitelintServer, *args) -> None:
        for doc in ls.documents.values():
            if doc.pending is not None:
                doc.pending.cancel()
        ls.executor.shutdown(wait=False, cancel_futures=True)

    return server


def _code_actions(result: LintResult, doc: OpenDocument, params: lsp.CodeActionParams, workspace_edit) -> list[lsp.CodeAction]:
    index = result.index
    lo, hi = index.offset(params.range.start), index.offset(params.range.end)
    only = params.context.only
    uri, version = doc.uri, doc.version
    actions: list[lsp.CodeAction] = []
    here = [(d, ld) for d, ld in zip(result.report.diagnostics, result.lsp_diagnostics) if d.start <= hi and lo <= d.end]

    if _kind_wanted(lsp.CodeActionKind.QuickFix, only):
        for d, ld in here:
            if d.fix is None or not d.fix.edits:
                continue
            unsafe = d.fix.applicability == "unsafe"
            title = f"{d.fix.message[:1].upper()}{d.fix.message[1:]} ({d.code})" + (" — unsafe fix: check the result" if unsafe else "")
            actions.append(lsp.CodeAction(
                title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[ld], is_preferred=not unsafe,
                edit=workspace_edit(uri, version, index, d.fix.edits)))
        if result.markup in _SUPPRESSIBLE_MARKUP:
            seen: set[tuple[str, int]] = set()
            for d, ld in here:
                line = result.text.count("\n", 0, d.start)
                if (d.code, line) in seen:
                    continue
                seen.add((d.code, line))
                edit = disable_edit(result.text, d.start, d.code)
                actions.append(lsp.CodeAction(
                    title=f"Disable {d.code} for this line", kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[x for y, x in here if y.code == d.code and result.text.count("\n", 0, y.start) == line],
                    edit=workspace_edit(uri, version, index, [edit])))

    if _kind_wanted(FIX_ALL_KIND, only):
        if result.fix_all is None:
            result.fix_all = fix_all_edits(result) if applicable(list(result.all_diagnostics)) else []
        edits = result.fix_all
        if edits:
            actions.append(lsp.CodeAction(
                title="Fix all safe findings in this file (citelint)", kind=FIX_ALL_KIND,
                edit=workspace_edit(uri, version, index, edits)))
    return actions


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="citelint server", description="Run citelint's language server (LSP) over stdio.")
    ap.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default and only transport)")
    ap.add_argument("--debounce-ms", type=float, metavar="MS",
                    help=f"how long to wait after the last change before checking (default: $CITELINT_LSP_DEBOUNCE_MS, else {DEFAULT_DEBOUNCE_MS})")
    ap.add_argument("--log-level", choices=("debug", "info", "warning", "error"), default="warning",
                    help="what to log on standard error (default: warning)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr, format="citelint-server %(levelname)s %(name)s: %(message)s")
    server = create_server(debounce=None if args.debounce_ms is None else max(0.0, args.debounce_ms) / 1000)
    server.start_io()
    return 0


