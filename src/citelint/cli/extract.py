"""``citelint extract``: every citation found, as a table for people or as JSON.

Exit status: 0 every file read, 1 some file unreadable (named with the reason; the others are
still processed), 2 a usage or internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Iterator


from ..config import Config
from ..errors import LoadError
from ..records import to_json
from ..richlater import Text
from ..text.files import Document, iter_files, load_document, load_stdin
from .common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    add_article_reading_options,
    configure_stdout,
    load_configuration,
    open_registry,
    plural,
    run_options,
    stderr_console,
    stdout_console,
)
from ..i18n import _
from ..jsonio import dump_indented


def add_parser(sub) -> None:
    ex = sub.add_parser(
        "extract",
        help=_('list every citation found in the given files'),
        description=_("List every citation found in the given files and directories ('-' reads standard input). With a registry (--registry, or configured), each record also says how it resolved."),
    )
    ex.add_argument("paths", nargs="+", metavar="PATH", help=_("files or directories ('-' for standard input)"))
    ex.add_argument("--format", choices=("table", "jsonl", "json"), default="table", help=_('output format (default: table)'))
    add_article_reading_options(ex)
    ex.add_argument("--stdin-filename", metavar="NAME", help=_('name to report for standard input (its suffix chooses the markup)'))
    ex.set_defaults(run=cmd_extract)


def _documents(args: argparse.Namespace, config: Config) -> Iterator[tuple[str, Document | LoadError]]:
    """Standard input first (if named), then every file: each as a document, or why it could
    not be read."""
    if "-" in args.paths:
        name = args.stdin_filename or "-"
        try:
            yield name, load_stdin(name)
        except LoadError as e:
            yield name, e
    for path in iter_files([p for p in args.paths if p != "-"], config.include, config.exclude, gitignore=config.respect_gitignore):
        try:
            yield path, load_document(path)
        except LoadError as e:
            yield path, e


def cmd_extract(args: argparse.Namespace) -> int:
    from ..check.analyse import analyse

    config = load_configuration(args)
    registry = open_registry(args, config)
    options = run_options(args, config, registry)
    configure_stdout(text=args.format == "table")
    out = sys.stdout
    err = stderr_console()
    status = EXIT_OK
    table_rows = []
    json_records = []
    for path, doc in _documents(args, config):
        if isinstance(doc, LoadError):
            err.print(Text.assemble((str(doc.location()), "bold"), ": ", ("error", "bold red"), f": {doc.reason}"))
            status = max(status, EXIT_FINDINGS)
            continue
        for note in doc.notes:
            err.print(Text.assemble((path, "bold"), ": ", ("note", "cyan"), f": {note}"))
        try:
            article = analyse(doc.text, path=path, markup=doc.markup, options=options)
            records = [c.record() for c in article.citations]
            if registry is not None:
                for record, r in zip(records, article.resolved):
                    record["resolution"] = to_json(r.resolution(registry))
        except Exception as crash:  # noqa: BLE001 — one broken file must not hide the others
            err.print(_('[bold red]error[/]: {path}: internal error while reading this file: {crash!r}').format(path=path, crash=crash))
            import traceback

            err.print(Text("".join(traceback.format_exception(crash)), style="dim"))
            status = EXIT_ERROR
            continue
        if args.format == "jsonl":
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif args.format == "json":
            json_records.extend(records)
        else:
            table_rows.extend(article.citations)
    if args.format == "json":
        dump_indented(json_records, out)
        out.write("\n")
    elif args.format == "table":
        _print_table(table_rows)
    out.flush()
    return status


def _print_table(citations: list) -> None:
    """One table per file: where, what kind, the text as written, and what it was parsed into."""
    from rich.table import Table

    console = stdout_console()
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
    console.print(f"{plural(len(citations), 'citation')} in {plural(len(by_path), 'file')}")


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
