"""``citelint registry show | stats | export``: looking into the registry of documents.

- ``show SYMBOL|ID [--in PATH...]``: every entry with that id or symbol (a symbol names one
  document per term, and one per province for local codes: all of them are shown), with its
  issuer, succession, meeting, sources and notes; with ``--in``, the citations in those
  articles that resolve to it.
- ``stats``: counts over the registry.
- ``export --format json|csv [-o FILE]``: one record per document, in id order.

Exit codes, as for the other commands: 0 done, 1 ``show`` found no entry, 2 a usage error.

The command line wires this module in with :func:`add_subcommands` (on the subparsers of
``citelint registry``) and :func:`run` (with the registry already loaded).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import difflib
import io
import json
import os
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import vocabulary as v
from .build import Document, Registry

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2
SUBCOMMANDS = ("show", "stats", "export")

EXPORT_FIELDS = (
    "id", "type", "number", "symbol", "issuer", "issuer_name", "jurisdiction", "date", "term", "title", "status",
    "replaced_by", "replaced_by_effective", "meeting_kind", "meeting_number", "meeting_term", "verified", "sources",
    "notes",
)
CSV_SOURCE_SEPARATOR = " | "


class _UsageError(Exception):
    pass


# --- the command line ---------------------------------------------------------------------------


def add_subcommands(rsub, *, parents: Sequence[argparse.ArgumentParser] = ()) -> None:
    """Add ``show``, ``stats`` and ``export`` to ``rsub``, the subparsers of ``citelint registry``.

    ``parents``: parsers whose options every one of the three also takes (the command line's
    ``--registry`` and ``--config``, say)."""
    parents = list(parents)
    sh = rsub.add_parser(
        "show", parents=parents,
        help="show the entries with an id or symbol, and where articles cite them",
        description="Show every registry entry with this id or symbol (24-QĐ/TW; TƯ, T.Ư and spacing are accepted). "
        "A symbol can name several documents (numbering restarts every term): each is shown.",
    )
    sh.add_argument("query", metavar="SYMBOL|ID", help="a document's symbol (24-QĐ/TW) or registry id (tw-qd-24-2021)")
    sh.add_argument("--in", dest="in_paths", action="extend", nargs="+", default=[], metavar="PATH",
                    help="list the citations of the entry in these files and directories (repeatable)")
    sh.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    sh.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="with --in: the articles' date, when they do not say")
    sh.add_argument("--jurisdiction", metavar="PLACE", help="with --in: the articles' jurisdiction (whose committee /TU means)")
    sh.add_argument("--include", action="append", default=[], metavar="GLOB", help="with --in: in directories, read only files matching GLOB")
    sh.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="with --in: skip files and directories matching GLOB")

    st = rsub.add_parser("stats", parents=parents, help="count the registry's documents, issuers and term sets",
                         description="Counts over the registry: documents by type, issuer, status and term, and more.")
    st.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    ex = rsub.add_parser("export", parents=parents, help="write every document as JSON or CSV",
                         description="Write every document, one record each, in id order.")
    ex.add_argument("--format", choices=("json", "csv"), default=None,
                    help="json (an array) or csv (a header row; sources joined with ' | '); "
                    "default: from the suffix of -o FILE")
    ex.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (atomically) instead of standard output")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def run(args: argparse.Namespace, registry: Registry, registry_path: Path, out: TextIO | None = None, *,
        err: TextIO | None = None, config: Any = None) -> int:
    """Run ``citelint registry show|stats|export``; returns the exit code.

    ``out``/``err`` default to the standard streams at call time.  ``config`` (a
    :class:`citelint.config.Config`, optional) gives ``show --in`` the configured include and
    exclude globs and default jurisdiction, as ``check`` has them."""
    err = err if err is not None else sys.stderr
    to_stdout = out is None or out is sys.stdout
    out = out if out is not None else sys.stdout
    command = args.registry_command
    try:
        if command == "show":
            if to_stdout:
                _configure_stdout(args.format)
            return cmd_show(args, registry, out, err, config)
        if command == "stats":
            if to_stdout:
                _configure_stdout(args.format)
            return cmd_stats(args, registry, registry_path, out)
        if command == "export":
            return cmd_export(args, registry, out, to_stdout)
    except _UsageError as e:
        err.write(f"error: {e}\n")
        err.flush()
        return EXIT_USAGE
    raise ValueError(f"not a registry subcommand handled here: {command!r}")


def _configure_stdout(fmt: str) -> None:
    """JSON and CSV in UTF-8 whatever the locale; text replaces what the terminal cannot show."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        if fmt == "text":
            reconfigure(errors="replace")
        else:
            reconfigure(encoding="utf-8", errors="backslashreplace")
    except (ValueError, OSError):
        pass


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit with status 1; let the caller stop quietly, as `citelint` does.
        self.quiet = True
        raise BrokenPipeError


def _console(out: TextIO) -> Console:
    return _Console(file=out, highlight=False, soft_wrap=True, markup=False, emoji=False)


# --- finding entries ------------------------------------------------------------------------------


def find_entries(registry: Registry, query: str) -> tuple[list[Document], str | None]:
    """The entries ``query`` names, by id or by symbol, and the canonical symbol it was read as
    (None when it is an id or no symbol could be read in it).  Sorted by date, then id."""
    q = query.strip()
    for candidate in (q, q.lower()):
        if candidate in registry.documents:
            return [registry.documents[candidate]], None
    symbol, ids = _ids_for_symbol(registry, q)
    docs = [registry.documents[i] for i in dict.fromkeys(ids)]
    docs.sort(key=lambda d: (d.date or dt.date.max, d.id))
    return docs, symbol


def _ids_for_symbol(registry: Registry, text: str) -> tuple[str | None, list[str]]:
    from ..find.extract import extract

    ids: list[str] = list(registry.by_state_symbol.get(text, ()))
    citations = [c for c in extract(text) if c.symbol] if text else []
    symbols = list(dict.fromkeys(c.symbol for c in citations))
    if len(symbols) > 1:
        raise _UsageError(f"{text!r} holds several symbols ({', '.join(symbols)}): give one symbol or id")
    if not citations:
        return None, ids
    c = citations[0]
    if c.kind == "party" and c.issuer_code and c.type_code and c.number and c.number.isdigit():
        ids += registry.by_party_symbol.get((c.issuer_code, v.canonical_type_code(c.type_code), int(c.number)), ())
    ids += registry.by_state_symbol.get(c.symbol, ())
    return c.symbol, ids


def _date_str(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _ref(registry: Registry, doc_id: str, effective: dt.date | None = None) -> dict:
    """What a text needs to say about another entry: its id, symbol, date (and effective date)."""
    doc = registry.documents.get(doc_id)
    ref = {"id": doc_id, "symbol": doc.symbol if doc else None, "type": doc.type if doc else None,
           "date": _date_str(doc.date) if doc else None}
    if effective is not None or doc is None:
        ref["effective"] = _date_str(effective)
    return ref


def _document_fields(registry: Registry, doc: Document) -> dict:
    """The fields `show` and `export` both report, JSON-ready."""
    issuer = registry.issuers.get(doc.issuer)
    return {
        "id": doc.id,
        "type": doc.type,
        "number": doc.number,
        "symbol": doc.symbol,
        "issuer": doc.issuer,
        "issuer_name": issuer.name if issuer else None,
        "jurisdiction": issuer.jurisdiction if issuer else None,
        "date": _date_str(doc.date),
        "term": doc.term,
        "title": doc.title,
        "status": doc.status,
        "verified": doc.verified,
        "sources": list(doc.sources),
        "notes": doc.notes,
    }


def entry_record(registry: Registry, doc: Document) -> dict:
    """An entry as a JSON-ready dict (ISO dates), with what it replaced and what replaced it."""
    replaced = []
    for old_id in registry.replaces.get(doc.id, ()):
        old = registry.documents.get(old_id)
        replaced.append(_ref(registry, old_id, old.replaced_by.effective if old and old.replaced_by else None))
    evidence = getattr(doc, "evidence", None)
    return {
        **_document_fields(registry, doc),
        "replaced_by": _ref(registry, doc.replaced_by.id, doc.replaced_by.effective) if doc.replaced_by else None,
        "replaces": replaced,
        "meeting": {"kind": doc.meeting.kind, "number": doc.meeting.number, "term": doc.meeting.term} if doc.meeting else None,
        "evidence": _jsonable(evidence) if evidence is not None else None,
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(x) for k, x in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(x) for x in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# --- show -------------------------------------------------------------------------------------------


def citations_of(registry: Registry, ids: Iterable[str], paths: Sequence[str], *, include: Iterable[str] = (),
                 exclude: Iterable[str] = (), date: dt.date | None = None, jurisdiction: str | None = None,
                 default_jurisdiction: str | None = None, err: TextIO | None = None) -> dict[str, list[dict]]:
    """For each id, the citations in ``paths`` that resolve to it (full citations and short
    forms), as {path, line, column, text}, in file order.  Unreadable files are named on ``err``."""
    from ..context.infer import infer_context
    from ..find.extract import extract_file
    from ..text.files import iter_files
    from ..resolve import resolve_article

    wanted = {i: [] for i in ids}
    for path in iter_files(paths, include, exclude):
        result = extract_file(path)
        if result.error is not None:
            if err is not None:
                err.write(f"{result.error.location()}: warning: not read: {result.error.reason}\n")
            continue
        if not result.citations:
            continue
        context = infer_context(result.text or "", markup=result.markup, date=date, jurisdiction=jurisdiction,
                                default_jurisdiction=default_jurisdiction)
        for r in resolve_article(result.citations, context, registry):
            if r.status == "resolved" and r.document is not None and r.document.id in wanted:
                c = r.citation
                wanted[r.document.id].append({"path": path, "line": c.line, "column": c.column, "text": c.text})
    return wanted


def cmd_show(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO, config: Any = None) -> int:
    in_paths = list(getattr(args, "in_paths", None) or [])
    for p in in_paths:
        if not Path(p).exists():
            raise _UsageError(f"{p}: no such file or directory (--in)")
    docs, symbol = find_entries(registry, args.query)
    if not docs:
        message = f"no registry entry for {args.query!r}"
        if symbol is None:
            message += ": it is neither an id in the registry nor a symbol citelint can read"
            close = difflib.get_close_matches(args.query.strip().lower(), list(registry.documents), n=3)
            if close:
                message += f" (did you mean {', '.join(close)}?)"
        elif symbol != args.query.strip():
            message += f" (read as {symbol})"
        err.write(message + "\n")
        err.flush()
        return EXIT_NOT_FOUND
    records = [entry_record(registry, d) for d in docs]
    if in_paths:
        include = [*(config.include if config is not None else ()), *getattr(args, "include", [])]
        exclude = [*(config.exclude if config is not None else ()), *getattr(args, "exclude", [])]
        cited = citations_of(registry, [d.id for d in docs], in_paths, include=include, exclude=exclude,
                             date=getattr(args, "date", None), jurisdiction=getattr(args, "jurisdiction", None),
                             default_jurisdiction=getattr(config, "jurisdiction", None), err=err)
        for rec in records:
            rec["cited_in"] = cited[rec["id"]]
    else:
        for rec in records:
            rec["cited_in"] = None  # not searched
    if args.format == "json":
        json.dump({"query": args.query, "symbol": symbol, "entries": records}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        out.flush()
        return EXIT_OK
    console = _console(out)
    if len(records) > 1:
        console.print(Text(f"{len(records)} entries for {symbol or args.query} (numbering restarts every term):", style="bold"))
        console.print()
    for n, rec in enumerate(records):
        if n:
            console.print()
        _print_entry(console, rec, in_paths)
    out.flush()
    return EXIT_OK


def _print_entry(console: Console, rec: dict, in_paths: list[str]) -> None:
    def line(label: str, value: Any) -> None:
        if value is None or value == "":
            return
        console.print(Text.assemble((f"{label + ':':<13}", "bold"), " ", str(value)))

    def list_block(label: str, items: list[str]) -> None:
        console.print(Text(label + ":", style="bold"))
        for item in items:
            console.print(Text("  " + item))

    console.print(Text.assemble((rec["id"], "bold cyan"), f"  {rec['symbol']}" if rec["symbol"] else ""))
    line("symbol", rec["symbol"] or "(none)")
    line("type", rec["type"])
    line("number", rec["number"])
    issuer = rec["issuer_name"] or rec["issuer"]
    if rec["jurisdiction"]:
        issuer += f" ({rec['jurisdiction']})"
    line("issued by", f"{issuer} [{rec['issuer']}]")
    line("date", _show_date(rec["date"]) if rec["date"] else "(unknown)")
    line("term", f"khóa {rec['term']}" if rec["term"] else None)
    line("title", rec["title"])
    line("status", rec["status"])
    line("verified", "yes" if rec["verified"] else "no")
    m = rec["meeting"]
    if m:
        if m["kind"] == "plenum":
            line("meeting", f"plenum {m['number'] if m['number'] is not None else '?'} (Hội nghị Trung ương), khóa {m['term']}")
        else:
            line("meeting", f"congress (Đại hội) {m['term']}")
    rb = rec["replaced_by"]
    if rb:
        line("replaced by", _show_ref(rb))
    if rec["replaces"]:
        list_block("it replaced", [_show_ref(r) for r in rec["replaces"]])
    list_block("sources", rec["sources"])
    line("notes", rec["notes"])
    if rec["evidence"] is not None:
        console.print(Text("evidence:", style="bold"))
        _print_tree(console, rec["evidence"], 1)
    if in_paths:
        cited = rec["cited_in"]
        where = ", ".join(in_paths)
        if cited:
            list_block(f"cited in {where} ({len(cited)})", [f"{c['path']}:{c['line']}:{c['column']}  {c['text']}" for c in cited])
        else:
            line("cited in", f"nothing in {where} resolves to it")


def _show_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{iso} ({d.day:02d}/{d.month:02d}/{d.year})"


def _show_ref(ref: dict) -> str:
    name = ref.get("symbol") or ref.get("type") or ref["id"]
    parts = [f"{name} [{ref['id']}]"]
    if ref.get("date"):
        parts.append(f"of {ref['date']}")
    if ref.get("effective"):
        parts.append(f"effective {ref['effective']}")
    return ", ".join(parts)


def _print_tree(console: Console, value: Any, depth: int) -> None:
    pad = "  " * depth
    if isinstance(value, dict):
        for k, x in value.items():
            if isinstance(x, (dict, list)) and x:
                console.print(Text(f"{pad}{k}:"))
                _print_tree(console, x, depth + 1)
            else:
                console.print(Text(f"{pad}{k}: {_scalar(x)}"))
    elif isinstance(value, list):
        for x in value:
            if isinstance(x, (dict, list)) and x:
                console.print(Text(f"{pad}-"))
                _print_tree(console, x, depth + 1)
            else:
                console.print(Text(f"{pad}- {_scalar(x)}"))
    else:
        console.print(Text(f"{pad}{_scalar(value)}"))


def _scalar(x: Any) -> str:
    if isinstance(x, (dict, list)):
        return json.dumps(x, ensure_ascii=False)
    if x is None:
        return "null"
    if isinstance(x, bool):
        return "true" if x else "false"
    return str(x)


# --- stats -------------------------------------------------------------------------------------------


def registry_stats(registry: Registry) -> dict:
    """Counts over the registry, as a JSON-ready dict."""
    docs = [registry.documents[i] for i in registry.documents]
    names = Counter(i.name for i in registry.issuers.values())

    def issuer_label(issuer_id: str) -> str:
        issuer = registry.issuers.get(issuer_id)
        if issuer is None:
            return issuer_id
        return issuer.name if names[issuer.name] == 1 else f"{issuer.name} ({issuer.id})"

    def ranked(counter: Counter) -> dict:
        return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

    by_symbol: dict[str, list[str]] = {}
    for d in docs:
        if d.symbol:
            by_symbol.setdefault(d.symbol, []).append(d.id)
    shared = {s: sorted(ids) for s, ids in sorted(by_symbol.items()) if len(ids) > 1}
    sources = [len(d.sources) for d in docs]
    median = statistics.median(sources) if sources else None
    if isinstance(median, float) and median.is_integer():
        median = int(median)
    verified = sum(1 for d in docs if d.verified)
    return {
        "documents": len(docs),
        "verified": verified,
        "unverified": len(docs) - verified,
        "by_type": ranked(Counter(d.type for d in docs)),
        "by_issuer": ranked(Counter(issuer_label(d.issuer) for d in docs)),
        "by_status": ranked(Counter(d.status for d in docs)),
        "by_term": ranked(Counter(d.term or "(none)" for d in docs)),
        "issuers": len(registry.issuers),
        "term_sets": len(registry.term_sets),
        "with_replaced_by": sum(1 for d in docs if d.replaced_by),
        "shared_symbols": shared,
        "without_date": sorted(d.id for d in docs if d.date is None),
        "sources_per_document": {"min": min(sources) if sources else None, "median": median,
                                 "max": max(sources) if sources else None},
    }


def cmd_stats(args: argparse.Namespace, registry: Registry, registry_path: Path, out: TextIO) -> int:
    stats = registry_stats(registry)
    if args.format == "json":
        json.dump({"registry": str(registry_path), **stats}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        out.flush()
        return EXIT_OK
    spd = stats["sources_per_document"]
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (f"registry: {registry_path}", [
            ("documents", str(stats["documents"])),
            ("  verified", str(stats["verified"])),
            ("  unverified", str(stats["unverified"])),
            ("  with replaced_by", str(stats["with_replaced_by"])),
            ("  without a date", str(len(stats["without_date"]))),
            ("  sources per document", f"min {spd['min']}, median {spd['median']}, max {spd['max']}"),
            ("issuers", str(stats["issuers"])),
            ("term sets", str(stats["term_sets"])),
        ]),
        ("by type", [(k, str(n)) for k, n in stats["by_type"].items()]),
        ("by issuer", [(k, str(n)) for k, n in stats["by_issuer"].items()]),
        ("by status", [(k, str(n)) for k, n in stats["by_status"].items()]),
        ("by term", [(k, str(n)) for k, n in stats["by_term"].items()]),
        (f"symbols shared by several documents ({len(stats['shared_symbols'])})",
         [(s, ", ".join(ids)) for s, ids in stats["shared_symbols"].items()]),
    ]
    if stats["without_date"]:
        sections.append((f"documents without a date ({len(stats['without_date'])})", [(i, "") for i in stats["without_date"]]))
    console = _console(out)
    if console.is_terminal:
        for title, rows in sections:
            table = Table(title=Text(title, style="bold"), title_justify="left", show_header=False, expand=False)
            table.add_column(overflow="fold")
            table.add_column(justify="right" if title.startswith("by ") else "left", overflow="fold")
            for label, value in rows:
                table.add_row(label, value)
            console.print(table)
    else:
        for n, (title, rows) in enumerate(sections):
            if n:
                out.write("\n")
            out.write(title + "\n")
            width = max((len(label) for label, _ in rows), default=0)
            for label, value in rows:
                out.write(f"  {label:<{width}}  {value}".rstrip() + "\n")
    out.flush()
    return EXIT_OK


# --- export -------------------------------------------------------------------------------------------


def export_records(registry: Registry) -> list[dict]:
    """Every document as a flat record (EXPORT_FIELDS), in id order; dates ISO, sources a list."""
    records = []
    for doc_id in sorted(registry.documents):
        d = registry.documents[doc_id]
        record = {
            **_document_fields(registry, d),
            "replaced_by": d.replaced_by.id if d.replaced_by else None,
            "replaced_by_effective": _date_str(d.replaced_by.effective) if d.replaced_by else None,
            "meeting_kind": d.meeting.kind if d.meeting else None,
            "meeting_number": d.meeting.number if d.meeting else None,
            "meeting_term": d.meeting.term if d.meeting else None,
        }
        records.append({name: record[name] for name in EXPORT_FIELDS})
    return records


def write_json(records: list[dict], out: TextIO) -> None:
    json.dump(records, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(records: list[dict], out: TextIO) -> None:
    """RFC 4180: a header row, CRLF line ends, fields with a comma, quote or line break quoted.
    Empty for null; verified as true/false; sources joined with " | "."""
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(EXPORT_FIELDS)
    for r in records:
        row = []
        for f in EXPORT_FIELDS:
            value = r[f]
            if f == "sources":
                value = CSV_SOURCE_SEPARATOR.join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            elif value is None:
                value = ""
            row.append(value)
        writer.writerow(row)


def cmd_export(args: argparse.Namespace, registry: Registry, out: TextIO, to_stdout: bool) -> int:
    fmt = args.format
    target: Path | None = args.output if args.output is not None and str(args.output) != "-" else None
    if fmt is None:
        suffix = target.suffix.lower() if target is not None else ""
        fmt = {".json": "json", ".csv": "csv"}.get(suffix)
        if fmt is None:
            raise _UsageError("choose the format: --format json or --format csv")
    records = export_records(registry)
    write = write_json if fmt == "json" else write_csv
    if target is None:
        if to_stdout:
            _configure_stdout(fmt)
        if fmt == "csv":
            # Through a buffer: the CRLFs of RFC 4180 must not meet a stream's newline translation twice.
            buf = io.StringIO(newline="")
            write(records, buf)
            out.write(buf.getvalue())
        else:
            write(records, out)
        out.flush()
        return EXIT_OK
    if target.is_dir():
        raise _UsageError(f"{target}: is a directory")
    if not target.parent.exists():
        raise _UsageError(f"{target.parent}: no such directory")
    try:
        atomic_write(target, lambda f: write(records, f))
    except OSError as e:
        raise _UsageError(f"{target}: cannot write: {e.strerror or e}") from None
    return EXIT_OK


def atomic_write(target: Path, fill) -> None:
    """Write ``target`` through a temporary file in its directory renamed over it (os.replace):
    a reader sees the old file or the new one, never a part.  UTF-8, no newline translation."""
    directory = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            fd = -1
            fill(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
        tmp = None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
