"""``citelint registry``: validate the registry, grow it from articles, and look into it.

- ``validate [PATH]``: every error with file:line:column;
- ``generate PATH... [--into DIR | -o FILE]``: harvest the citations carrying facts;
- ``show SYMBOL|ID [--in PATH...]``: every entry with that id or symbol (a symbol names one
  document per term, and one per province for local codes: all of them are shown), with its
  issuer, succession, meeting, sources and notes; with ``--in``, the citations in those
  articles that resolve to it;
- ``stats``: counts over the registry;
- ``export --format json|csv [-o FILE]``: one record per document, in id order.

Exit status: 0 done; 1 ``show`` found no entry, or ``generate`` found conflicting sources or
unreadable files; 2 a usage error or an invalid registry.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any


from ..errors import RegistryInvalid, UsageError
from ..fs import locked, write_atomically
from ..richlater import Console, Text
from ..registry.build import builtin_registry_dir, load_layered, registry_files
from .check import dask_client
from .common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    add_article_options,
    add_config_option,
    add_registry_options,
    configure_stdout,
    load_configuration,
    open_registry,
    plural,
    print_error,
    progress,
    registry_path,
    use_builtin_registry,
    run_options,
    stderr_console,
    stdout_console,
)
from ..i18n import _
from ..jsonio import dump_indented

EXIT_NOT_FOUND = 1
DEFAULT_REGISTRY = "the project's registry directory or file, over the built-in one (default: the configured one, else ./registry)"


def add_parser(sub) -> None:
    rg = sub.add_parser("registry", help=_('work with the registry of documents'))
    rsub = rg.add_subparsers(dest="registry_command", metavar="COMMAND", required=True)

    rv = rsub.add_parser("validate", help=_('check the registry files, over the built-in ones; every error with file:line:column'))
    rv.add_argument("path", nargs="?", type=Path, help=DEFAULT_REGISTRY)
    rv.add_argument("--no-builtin-registry", action="store_true", help=_('validate PATH alone, not over the built-in registry'))
    add_config_option(rv)
    rv.set_defaults(run=cmd_validate)

    rgen = rsub.add_parser(
        "generate",
        help=_('grow the registry from the citations in articles'),
        description=_('Harvest every citation carrying facts (a date, an issuing body, a title) into registry entries with their provenance. New entries go to DIR/generated.yaml (--into) or FILE (-o); hand-written entries are never changed. Exit 1 when sources disagree (each conflict is reported with its sources).'),
    )
    rgen.add_argument("paths", nargs="+", metavar="PATH", help=_('articles: files or directories'))
    where = rgen.add_mutually_exclusive_group()
    where.add_argument("--into", type=Path, metavar="DIR", help=_('the registry directory to grow (default: the configured registry)'))
    where.add_argument("-o", "--output", type=Path, metavar="FILE", help=_('write the new entries to FILE (the configured registry, if any, is only read)'))
    rgen.add_argument("--dry-run", action="store_true", help=_('report, write nothing'))
    rgen.add_argument("--diff", action="store_true", help=_('show the change as a unified diff, write nothing'))
    add_registry_options(rgen, no_registry="with -o: match against no registry", registry="with -o: the registry to match against")
    add_config_option(rgen)
    add_article_options(rgen)
    rgen.add_argument("--include", action="append", default=[], metavar="GLOB", help=_('in directories, read only files matching GLOB'))
    rgen.add_argument("--exclude", action="append", default=[], metavar="GLOB", help=_('skip files and directories matching GLOB'))
    rgen.add_argument("--scheduler", metavar="ADDRESS",
                      help=_('read the articles on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786); needs citelint-vn[dask]'))
    rgen.set_defaults(run=cmd_generate)

    ri = rsub.add_parser(
        "import",
        help=_('add documents from a table (CSV or JSON) to a registry directory'),
        description=_('Read one document per row (symbol, type and a source are required; issuer, date, title, effective_date, names, status are read when present), check every row (errors name the file and line), and write the entries into DIR as one YAML file per issuer and decade.  Nothing is written unless every row is valid (or --skip-invalid) and the registry with the new files validates.  Importing the same table again writes the same files; entries the registry has in other files are left to them.  Exit 1 when rows were skipped.'),
    )
    ri.add_argument("table", type=Path, metavar="FILE", help=_('a CSV file with a header row, or a JSON list of objects'))
    ri.add_argument("--extra", type=Path, metavar="FILE", help=_('a second table keyed by type and symbol: effective dates'))
    ri.add_argument("--into", type=Path, metavar="DIR", required=True, help=_('the directory the files are written to (inside a registry)'))
    ri.add_argument("--skip-invalid", action="store_true", help=_('report invalid rows and import the others'))
    ri.add_argument("--dry-run", action="store_true", help=_('report, write nothing'))
    add_registry_options(ri, no_registry=None, registry="the registry DIR belongs to (default: the configured one, else DIR's parent)")
    add_config_option(ri)
    ri.set_defaults(run=cmd_import)

    common = argparse.ArgumentParser(add_help=False)
    add_registry_options(common, no_registry=None, registry=DEFAULT_REGISTRY)
    add_config_option(common)

    sh = rsub.add_parser(
        "show", parents=[common],
        help=_('show the entries with an id or symbol, and where articles cite them'),
        description=_('Show every registry entry with this id or symbol (24-QĐ/TW; TƯ, T.Ư and spacing are accepted). A symbol can name several documents (numbering restarts every term): each is shown.'),
    )
    sh.add_argument("query", metavar="SYMBOL|ID", help=_("a document's symbol (24-QĐ/TW) or registry id (tw-qd-24-2021)"))
    sh.add_argument("--in", dest="in_paths", action="extend", nargs="+", default=[], metavar="PATH",
                    help=_('list the citations of the entry in these files and directories (repeatable)'))
    sh.add_argument("--format", choices=("text", "json"), default="text", help=_('output format (default: text)'))
    add_article_options(sh, prefix="with --in: ")
    sh.add_argument("--include", dest="in_include", action="append", default=[], metavar="GLOB",
                    help=_('with --in: in directories, read only files matching GLOB'))
    sh.add_argument("--exclude", dest="in_exclude", action="append", default=[], metavar="GLOB",
                    help=_('with --in: skip files and directories matching GLOB'))
    sh.set_defaults(run=cmd_show)

    st = rsub.add_parser("stats", parents=[common], help=_("count the registry's documents, issuers and term sets"),
                         description=_('Counts over the registry: documents by type, issuer, status and term, and more.'))
    st.add_argument("--format", choices=("text", "json"), default="text", help=_('output format (default: text)'))
    st.set_defaults(run=cmd_stats)

    ex = rsub.add_parser("export", parents=[common], help=_('write every document as JSON or CSV'),
                         description=_('Write every document, one record each, in id order.'))
    ex.add_argument("--format", choices=("json", "csv"), default=None,
                    help=_("json (an array) or csv (a header row; sources joined with ' | '); default: from the suffix of -o FILE"))
    ex.add_argument("-o", "--output", type=Path, metavar="FILE", help=_('write to FILE (atomically) instead of standard output'))
    ex.set_defaults(run=cmd_export)


# --- validate --------------------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    config = load_configuration(args, paths=[str(args.path)] if args.path else [])
    path = args.path or config.registry or _local_registry()
    if path is not None and not Path(path).exists():
        raise UsageError(_('{path}: no such registry').format(path=path))
    builtin = use_builtin_registry(args, config)
    what = _layers_text(args, config, path)
    if not what:
        raise UsageError(_('nothing to validate: the built-in registry is turned off and no registry is named'))
    try:
        registry = load_layered(path, builtin=builtin, use_cache=False)  # the layers together: a project entry may name a built-in one
    except RegistryInvalid as e:
        err = stderr_console()
        for x in e.errors:
            err.print(Text.assemble((f"{x.path}:{x.line}:{x.column}", "bold"), ": ", ("error", "bold red"), f": {x.message}"))
        err.print(_('{value} in the registry {what}').format(value=plural(len(e.errors), 'error'), what=what))
        return EXIT_ERROR
    assert registry is not None
    layers = Counter(registry.layer_of("documents", i) for i in registry.documents)
    by_layer = ", ".join(f"{n} {layer}" for layer, n in sorted(layers.items()))
    Console(highlight=False).print(
        f"{what}: valid: {len(registry.documents)} documents ({by_layer}), {len(registry.issuers)} issuers, {len(registry.term_sets)} term sets"
    )
    return EXIT_OK


def _layers_text(args: argparse.Namespace, config, path: Path | None) -> str:
    """The layers read, as the output names them: "built-in + registry"."""
    builtin = use_builtin_registry(args, config)
    shipped = builtin_registry_dir() if builtin else None
    if path is not None and shipped is not None and Path(path).resolve() == shipped:
        path = None  # the project's registry is the built-in one (a checkout of citelint)
    return " + ".join((["built-in"] if builtin else []) + ([str(path)] if path is not None else []))


def _open(args: argparse.Namespace, config):
    registry = open_registry(args, config, default=_local_registry())
    if registry is None:
        raise UsageError(_('no registry: the built-in one is turned off and none is named (--registry PATH)'))
    return registry


def _local_registry() -> Path | None:
    """``./registry`` when there is one: the registry commands' default project registry."""
    return Path("registry") if Path("registry").exists() else None


# --- generate --------------------------------------------------------------------------------------------


def cmd_generate(args: argparse.Namespace) -> int:
    import difflib

    from ..harvest.generate import GENERATED_FILE, generate

    config = load_configuration(args)
    err = stderr_console()
    if args.output is not None:
        target = args.output
        ref_path = registry_path(args, config)
    else:
        directory = args.into or config.registry
        if directory is None:
            raise UsageError(_('say where the entries go: --into DIR (a registry directory) or -o FILE'))
        if Path(directory).exists() and not Path(directory).is_dir():
            raise UsageError(_('{directory}: --into takes a registry directory').format(directory=directory))
        Path(directory).mkdir(parents=True, exist_ok=True)
        target, ref_path = Path(directory) / GENERATED_FILE, Path(directory)
    if not target.parent.is_dir():
        raise UsageError(_('{parent}: no such directory').format(parent=target.parent))
    reference = [(str(p), p.read_bytes()) for p in registry_files(ref_path)] if ref_path and Path(ref_path).exists() else []
    options = run_options(args, config, None)

    with dask_client(args.scheduler) as client, locked(target), progress(err) as step:
        reader = None
        if client is not None:
            from ..check.distributed import article_reader

            reader = article_reader(client, options, progress=step)
        outcome = generate(args.paths, target, options, reference_files=reference, progress=step, reader=reader)
        if args.diff:
            diff = difflib.unified_diff(outcome.old_text.splitlines(keepends=True), outcome.new_text.splitlines(keepends=True),
                                        fromfile=str(target), tofile=str(target))
            sys.stdout.writelines(diff)
        elif not args.dry_run and outcome.changed:
            try:
                # a configured registry stays in the project; --into and -o go where they say
                write_atomically(target, outcome.new_text, exclusive=True,
                                 root=None if (args.output is not None or args.into) else config.root)
            except OSError as e:
                raise UsageError(_('{target}: cannot write ({value}); the previous file is unchanged').format(target=target, value=e.strerror or e)) from None

    for problem in outcome.unreadable:
        print_error(err, problem)
    for conflict in outcome.conflicts:
        err.print(Text.assemble(("conflict", "bold red"), f": {conflict.describe()}"))
    verb = "would add" if (args.dry_run or args.diff) else "added"
    err.print(
        f"{plural(outcome.files_read, 'file')} read, {outcome.citations_seen} citations with facts, "
        f"{verb} {plural(len(outcome.added), 'entry')}"
        + (f" and {plural(len(outcome.added_issuers), 'issuer')}" if outcome.added_issuers else "")
        + f", enriched {len(outcome.enriched)}, {plural(len(outcome.conflicts), 'conflict')}"
        + ("" if outcome.changed or args.dry_run or args.diff else f"; {target} unchanged")
    )
    if outcome.conflicts or outcome.unreadable:
        return EXIT_FINDINGS
    return EXIT_OK


# --- show, stats, export ------------------------------------------------------------------------------------


def cmd_show(args: argparse.Namespace) -> int:
    import difflib

    from ..registry.inspect import citations_of, entry_record, find_entries

    config = load_configuration(args, paths=[])
    registry = _open(args, config)
    configure_stdout(text=args.format == "text")
    out, err = sys.stdout, sys.stderr
    in_paths = list(args.in_paths or [])
    for p in in_paths:
        if not Path(p).exists():
            raise UsageError(_('{p}: no such file or directory (--in)').format(p=p))
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
        files = replace(config, include=(*config.include, *args.in_include), exclude=(*config.exclude, *args.in_exclude))
        cited = citations_of([d.id for d in docs], in_paths, run_options(args, files, registry), err=err)
        for rec in records:
            rec["cited_in"] = cited[rec["id"]]
    else:
        for rec in records:
            rec["cited_in"] = None  # not searched
    if args.format == "json":
        dump_indented({"query": args.query, "symbol": symbol, "entries": records}, out)
        out.write("\n")
        out.flush()
        return EXIT_OK
    console = stdout_console(soft_wrap=True, markup=False, emoji=False)
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
    if rec["co_issuers"]:
        line("with", ", ".join(rec["co_issuers"]))
    line("date", _show_date(rec["date"]) if rec["date"] else "(unknown)")
    line("in force from", _show_date(rec["effective"]) if rec["effective"] else None)
    line("term", f"khóa {rec['term']}" if rec["term"] else None)
    line("title", rec["title"])
    line("called", "; ".join(rec["names"]) if rec["names"] else None)
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
    line("layer", rec["layer"])
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



def cmd_stats(args: argparse.Namespace) -> int:
    from rich.table import Table

    from ..registry.inspect import registry_stats

    config = load_configuration(args, paths=[])
    path = registry_path(args, config, default=_local_registry())
    registry = _open(args, config)
    configure_stdout(text=args.format == "text")
    out = sys.stdout
    stats = registry_stats(registry)
    if args.format == "json":
        dump_indented({"registry": _layers_text(args, config, path), **stats}, out)
        out.write("\n")
        out.flush()
        return EXIT_OK
    spd = stats["sources_per_document"]
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (f"registry: {_layers_text(args, config, path)}", [
            ("documents", str(stats["documents"])),
            *((f"  {layer}", str(n)) for layer, n in stats["by_layer"].items()),
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
    console = stdout_console(soft_wrap=True, markup=False, emoji=False)
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



def cmd_export(args: argparse.Namespace) -> int:
    import io

    from ..registry.inspect import export_records, write_csv, write_json

    config = load_configuration(args, paths=[])
    registry = _open(args, config)
    out = sys.stdout
    fmt = args.format
    target: Path | None = args.output if args.output is not None and str(args.output) != "-" else None
    if fmt is None:
        suffix = target.suffix.lower() if target is not None else ""
        fmt = {".json": "json", ".csv": "csv"}.get(suffix)
        if fmt is None:
            raise UsageError(_('choose the format: --format json or --format csv'))
    records = export_records(registry)
    write = write_json if fmt == "json" else write_csv
    if target is None:
        configure_stdout(text=False)
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
        raise UsageError(_('{target}: is a directory').format(target=target))
    if not target.parent.exists():
        raise UsageError(_('{parent}: no such directory').format(parent=target.parent))
    buf = io.StringIO(newline="")
    write(records, buf)
    try:
        write_atomically(target, buf.getvalue())
    except OSError as e:
        raise UsageError(_('{target}: cannot write: {value}').format(target=target, value=e.strerror or e)) from None
    return EXIT_OK


# --- import --------------------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from ..registry.build import build_registry
    from ..registry.importer import IMPORT_HEADER, import_table, render_files

    config = load_configuration(args, paths=[])
    err = stderr_console()
    for f in (args.table, args.extra):
        if f is not None and not f.is_file():
            raise UsageError(_('{f}: no such file').format(f=f))
    into: Path = args.into
    if into.exists() and not into.is_dir():
        raise UsageError(_('{into}: not a directory').format(into=into))
    root = registry_path(args, config) or (into.parent if into.parent.exists() else None)
    builtin = use_builtin_registry(args, config)
    # the registry the files join, without the files a previous import wrote there
    ours = {p.resolve() for p in into.glob("*.yaml") if _written_by_import(p, IMPORT_HEADER)} if into.is_dir() else set()
    layers: list[tuple[str, bytes, str]] = []
    shipped = builtin_registry_dir() if builtin else None
    for layer, base in (("built-in", shipped), ("project", root)):
        if base is None or (layer == "project" and shipped is not None and Path(base).resolve() == shipped):
            continue
        layers += [(str(p), p.read_bytes(), layer) for p in registry_files(base) if p.resolve() not in ours]
    try:
        current = build_registry(layers) if layers else None
    except RegistryInvalid as e:
        raise UsageError(_('the registry {root} is invalid before the import: {e}').format(root=root, e=e)) from None
    issuers = list(current.issuers.values()) if current is not None else []
    known = set(current.documents) if current is not None else set()
    symbols = {(d.type, d.symbol) for d in current.documents.values() if d.symbol} if current is not None else set()
    result = import_table(args.table, issuers, extra=args.extra, known_ids=known, known_symbols=symbols)
    for w in result.warnings:
        err.print(Text.assemble((f"{w.path}:{w.line}", "bold"), ": ", ("warning", "bold yellow"), f": {w.message}"))
    for e in result.errors:
        err.print(Text.assemble((f"{e.path}:{e.line}", "bold"), ": ", ("error", "bold red"), f": {e.message}"))
    if result.errors and not args.skip_invalid:
        err.print(_('{value} in {table}: nothing written (--skip-invalid imports the others)').format(value=plural(len(result.errors), 'invalid row'), table=args.table))
        return EXIT_ERROR
    files = render_files(result.documents, args.table.name)
    # the registry with the new files must validate before anything is written
    try:
        build_registry(layers + [(str(into / name), text.encode("utf-8"), "project") for name, text in files.items()])
    except RegistryInvalid as e:
        for x in e.errors[:20]:
            err.print(Text.assemble((f"{x.path}:{x.line}:{x.column}", "bold"), ": ", ("error", "bold red"), f": {x.message}"))
        err.print(_('the imported entries do not validate with the registry: nothing written'))
        return EXIT_ERROR
    changed = [name for name, text in files.items() if not (into / name).is_file() or (into / name).read_text(encoding="utf-8") != text]
    stale = sorted(p for p in ours if p.name not in files)
    if not args.dry_run:
        into.mkdir(parents=True, exist_ok=True)
        with locked(into / "import"):  # two imports into one directory take turns
            for name in changed:
                write_atomically(into / name, files[name], exclusive=True)
            for p in stale:
                p.unlink()
    verb = "would write" if args.dry_run else "wrote"
    verified = sum(1 for d in result.documents if d.get("verified"))
    Console(highlight=False, stderr=True).print(
        f"{plural(len(result.documents), 'document')} ({verified} verified) in {plural(len(files), 'file')} of {into}: "
        f"{verb} {len(changed)}, {len(files) - len(changed)} unchanged"
        + (f", {len(stale)} removed" if stale else "")
        + (f"; {result.skipped} already in the registry" if result.skipped else "")
        + (f"; {plural(len(result.errors), 'invalid row')} skipped" if result.errors else ""))
    return EXIT_FINDINGS if result.errors else EXIT_OK


def _written_by_import(path: Path, header: str) -> bool:
    try:
        with path.open(encoding="utf-8") as f:
            return f.readline().startswith(header)
    except (OSError, UnicodeDecodeError):
        return False
