"""The ``citelint`` command.

Exit codes, as ruff has them: 0 when everything was read, 1 when some input could not be read
(each such file is named with the reason, and every other file is still processed), 2 for a
usage error or an internal error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from typing import Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__
from .extract import FileResult, extract_document, extract_file
from .load import Document, LoadError, iter_files, markup_for
from .encoding import DecodeError, decode_bytes

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="citelint",
        description="Find and check citations of Vietnamese Party and State documents.",
    )
    ap.add_argument("--version", action="version", version=f"citelint {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", required=True)

    ex = sub.add_parser(
        "extract",
        help="list every citation found in the given files",
        description="List every citation found in the given files and directories ('-' reads standard input).",
    )
    ex.add_argument("paths", nargs="+", metavar="PATH", help="files or directories ('-' for standard input)")
    ex.add_argument("--format", choices=("table", "jsonl", "json"), default="table", help="output format (default: table)")
    ex.add_argument("--include", action="append", default=[], metavar="GLOB", help="in directories, read only files matching GLOB (repeatable)")
    ex.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="skip files and directories matching GLOB (repeatable)")
    ex.add_argument("--stdin-filename", metavar="NAME", help="name to report for standard input (its suffix chooses the markup)")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "extract":
            return cmd_extract(args)
        raise AssertionError(args.command)
    except BrokenPipeError:
        # The reader went away (`citelint extract ... | head`): stop quietly, as Unix tools do.
        sys.stdout = open(os.devnull, "w")
        return EXIT_OK


def _results(args: argparse.Namespace) -> Iterable[tuple[FileResult, BaseException | None]]:
    """Each file's result; an internal error in one file is reported with that file only."""
    paths = [p for p in args.paths if p != "-"]
    if "-" in args.paths:
        yield _guarded(lambda: _stdin_result(args.stdin_filename or "-"), args.stdin_filename or "-")
    for path in iter_files(paths, args.include, args.exclude):
        yield _guarded(lambda path=path: extract_file(path), path)


def _guarded(fn, path: str) -> tuple[FileResult, BaseException | None]:
    try:
        return fn(), None
    except Exception as e:  # noqa: BLE001 — one broken file must not hide the others
        return FileResult(path), e


def _stdin_result(name: str) -> FileResult:
    data = sys.stdin.buffer.read()
    try:
        decoded = decode_bytes(data)
    except DecodeError as e:
        return FileResult(name, error=LoadError(name, e.reason, e.line, e.column))
    doc = Document(name, decoded.text, markup_for(name), decoded.encoding, tuple(decoded.notes))
    return FileResult(name, extract_document(doc), encoding=doc.encoding, notes=doc.notes)


def cmd_extract(args: argparse.Namespace) -> int:
    _configure_stdout(args.format)
    out = sys.stdout
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    status = EXIT_OK
    table_rows = []
    json_records = []
    for result, crash in _results(args):
        if crash is not None:
            err.print(f"[bold red]error[/]: {result.path}: internal error while reading this file: {crash!r}")
            err.print(Text("".join(traceback.format_exception(crash)), style="dim"))
            status = EXIT_ERROR
            continue
        if result.error is not None:
            err.print(Text.assemble((str(result.error.location()), "bold"), ": ", ("error", "bold red"), f": {result.error.reason}"))
            status = max(status, EXIT_FINDINGS)
            continue
        for note in result.notes:
            err.print(Text.assemble((result.path, "bold"), ": ", ("note", "cyan"), f": {note}"))
        for c in result.citations:
            if args.format == "jsonl":
                out.write(json.dumps(c.record(), ensure_ascii=False) + "\n")
            elif args.format == "json":
                json_records.append(c.record())
            else:
                table_rows.append(c)
    if args.format == "json":
        json.dump(json_records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "table":
        _print_table(table_rows)
    out.flush()
    return status


def _configure_stdout(fmt: str) -> None:
    """JSON is written in UTF-8 whatever the locale (RFC 8259; a Windows pipe is cp1252), with a
    path's undecodable bytes as ``\\udcXX`` escapes; the table replaces what the terminal cannot show."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is None:
        return
    if fmt == "table":
        reconfigure(errors="replace")
    else:
        reconfigure(encoding="utf-8", errors="backslashreplace")


class _StdoutConsole(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit with status 1 ("some input could not be read"); let main() stop quietly.
        self.quiet = True
        raise BrokenPipeError


def _print_table(citations: list) -> None:
    """One table per file: where, what kind, the text as written, and what it was parsed into."""
    console = _StdoutConsole(highlight=False)
    by_path: dict[str, list] = {}
    for c in citations:
        by_path.setdefault(c.path, []).append(c)
    for path, items in by_path.items():
        table = Table(title=Text(path, style="bold"), title_justify="left", header_style="bold", expand=False)
        table.add_column("line:col", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("citation", overflow="fold", ratio=3)
        table.add_column("parsed", overflow="fold", ratio=3)
        table.add_column("deviations", overflow="fold", ratio=1)
        for c in items:
            table.add_row(f"{c.line}:{c.column}", c.kind, c.text, _parsed_summary(c), ", ".join(d.code for d in c.deviations))
        console.print(table)
    files = len(by_path)
    console.print(f"{len(citations)} citation{'s' if len(citations) != 1 else ''} in {files} file{'s' if files != 1 else ''}")


def _parsed_summary(c) -> str:
    parts = [c.symbol or (f"{c.type_name or ''} {c.number}".strip() if c.number else None)]
    if c.meeting == "plenum":
        parts.append(f"plenum {c.plenum}" + (f", khóa {c.term}" if c.term else ""))
    elif c.meeting == "congress":
        parts.append(f"congress {c.term}")
    elif c.term:
        parts.append(f"khóa {c.term}")
    if c.type_name and c.symbol:
        parts.append(c.type_name)
    if c.date:
        parts.append(c.date.isoformat())
    if c.issuer_text:
        parts.append(c.issuer_text)
    return " · ".join(p for p in parts if p)


if __name__ == "__main__":
    sys.exit(main())
