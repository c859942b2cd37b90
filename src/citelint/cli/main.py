"""The ``citelint`` command.

Exit codes, as ruff has them.  `check`: 0 no finding at error severity, 1 findings at error
severity (an unreadable file among them), 2 a usage, configuration, registry or internal error.
`extract`: 0 every file read, 1 some file unreadable (named with the reason; the others are
still processed), 2 a usage or internal error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import __version__
from ..config import Config, ConfigError, find_config, load_config
from ..text.encoding import DecodeError, decode_bytes
from ..text.files import Document, LoadError, iter_files, markup_for
from ..registry.build import Registry, RegistryInvalid, load_registry

if TYPE_CHECKING:  # the extractor is imported when a command needs it
    from ..find.extract import FileResult

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A problem with the command line, the configuration or the registry: exit 2."""


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="citelint",
        description="Find and check citations of Vietnamese Party and State documents.",
    )
    ap.add_argument("--version", action="version", version=f"citelint {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", required=True)

    ck = sub.add_parser(
        "check",
        help="report citations that are malformed, unresolved or in conflict with the registry",
        description="Check every citation in the given files and directories against the registry.",
    )
    ck.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or directories ('-' for standard input; default: .)")
    ck.add_argument("--format", choices=("full", "concise", "json", "json-lines", "sarif", "github"), default="full",
                    help="output format (default: full)")
    ck.add_argument("--statistics", action="store_true", help="count the findings per rule")
    ck.add_argument("--select", action="append", metavar="CODES", help="rules to run, comma-separated codes or prefixes (replaces the configured selection)")
    ck.add_argument("--extend-select", action="append", metavar="CODES", help="rules to run in addition")
    ck.add_argument("--ignore", action="append", metavar="CODES", help="rules not to run")
    ck.add_argument("--baseline", type=Path, metavar="FILE", help="accept the findings recorded in FILE")
    ck.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="check files in N processes (default: every core)")
    ck.add_argument("--no-cache", action="store_true", help="do not reuse or store results in .citelint_cache/")
    ck.add_argument("--scheduler", metavar="ADDRESS",
                    help="check the files on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786): the same output; "
                    "needs citelint[dask], and workers that see the files under the same names (--jobs and the cache do not apply)")
    ck.add_argument("--fix", action="store_true", help="apply the safe fixes to the files (atomically; every other byte kept)")
    ck.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: apply unsafe fixes too (dates from verified registry entries)")
    ck.add_argument("--diff", action="store_true", help="show the fixes as a unified diff; change nothing")
    ck.add_argument("--no-baseline", action="store_true", help="ignore the configured baseline: show every finding")
    ck.add_argument("--write-baseline", action="store_true", help="record the current findings in the baseline file and exit 0")
    _common_options(ck)

    ex = sub.add_parser(
        "extract",
        help="list every citation found in the given files",
        description="List every citation found in the given files and directories ('-' reads standard input). "
        "With a registry (--registry, or configured), each record also says how it resolved.",
    )
    ex.add_argument("paths", nargs="+", metavar="PATH", help="files or directories ('-' for standard input)")
    ex.add_argument("--format", choices=("table", "jsonl", "json"), default="table", help="output format (default: table)")
    _common_options(ex)

    sub.add_parser("server", help="run the language server for editors (LSP over stdio)",
                   description="Run the language server over stdio: diagnostics, hover, fixes. Options: --debounce-ms MS.")
    ru = sub.add_parser("rule", help="explain a rule", description="Print the documentation of a rule.")
    ru.add_argument("rule", nargs="?", metavar="CODE", help="a rule's code (CL201) or name (unknown-document)")
    ru.add_argument("--all", action="store_true", help="list every rule")

    rg = sub.add_parser("registry", help="work with the registry of documents")
    rsub = rg.add_subparsers(dest="registry_command", metavar="COMMAND", required=True)
    rv = rsub.add_parser("validate", help="check the registry files; every error with file:line:column")
    rv.add_argument("path", nargs="?", type=Path, help="registry directory or file (default: the configured one, else ./registry)")
    rv.add_argument("--config", type=Path, metavar="FILE", help="configuration file")
    rgen = rsub.add_parser(
        "generate",
        help="grow the registry from the citations in articles",
        description="Harvest every citation carrying facts (a date, an issuing body, a title) into registry entries with "
        "their provenance. New entries go to DIR/generated.yaml (--into) or FILE (-o); hand-written entries are never "
        "changed. Exit 1 when sources disagree (each conflict is reported with its sources).",
    )
    rgen.add_argument("paths", nargs="+", metavar="PATH", help="articles: files or directories")
    where = rgen.add_mutually_exclusive_group()
    where.add_argument("--into", type=Path, metavar="DIR", help="the registry directory to grow (default: the configured registry)")
    where.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the new entries to FILE (the configured registry, if any, is only read)")
    rgen.add_argument("--dry-run", action="store_true", help="report, write nothing")
    rgen.add_argument("--diff", action="store_true", help="show the change as a unified diff, write nothing")
    rgen.add_argument("--no-registry", action="store_true", help="with -o: match against no registry")
    rgen.add_argument("--registry", type=Path, metavar="PATH", help="with -o: the registry to match against")
    rgen.add_argument("--config", type=Path, metavar="FILE", help="configuration file")
    rgen.add_argument("--include", action="append", default=[], metavar="GLOB")
    rgen.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    rgen.add_argument("--scheduler", metavar="ADDRESS",
                      help="read the articles on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786); needs citelint[dask]")
    try:
        from ..registry.inspect import add_subcommands
    except ImportError:  # pragma: no cover - the module ships with citelint
        pass
    else:
        reg_opts = argparse.ArgumentParser(add_help=False)
        reg_opts.add_argument("--registry", type=Path, metavar="PATH", help="registry directory or file (default: the configured one, else ./registry)")
        reg_opts.add_argument("--config", type=Path, metavar="FILE", help="configuration file")
        add_subcommands(rsub, parents=[reg_opts])
    return ap


def _common_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--registry", type=Path, metavar="PATH", help="registry directory or file (default: as configured)")
    p.add_argument("--no-registry", action="store_true", help="use no registry even if one is configured")
    p.add_argument("--config", type=Path, metavar="FILE", help="configuration file (default: the nearest pyproject.toml with [tool.citelint], or citelint.toml)")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the articles' date, when they do not say")
    p.add_argument("--jurisdiction", metavar="PLACE", help="the articles' jurisdiction (e.g. 'Hà Nội'): whose committee /TU means")
    p.add_argument("--include", action="append", default=[], metavar="GLOB", help="in directories, read only files matching GLOB (repeatable)")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="skip files and directories matching GLOB (repeatable)")
    p.add_argument("--stdin-filename", metavar="NAME", help="name to report for standard input (its suffix chooses the markup)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["server"]:
        # The language server takes its own options (--stdio...); pygls is loaded only here.
        try:
            from ..server.app import main as server_main
        except ImportError as e:
            print(f"citelint server needs pygls: pip install 'citelint[server]' ({e})", file=sys.stderr)
            return EXIT_ERROR
        return server_main(argv[1:])
    args = build_parser().parse_args(argv)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        if args.command == "extract":
            return cmd_extract(args)
        if args.command == "check":
            return cmd_check(args)
        if args.command == "rule":
            return cmd_rule(args)
        if args.command == "registry":
            return cmd_registry(args)
        raise AssertionError(args.command)
    except UsageError as e:
        err.print(Text.assemble(("error", "bold red"), f": {e}"))
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`citelint extract ... | head`): stop quietly, as Unix tools do.
        sys.stdout = open(os.devnull, "w")
        return EXIT_OK
    except KeyboardInterrupt:
        err.print("interrupted: nothing was written")
        return 130


# --- configuration and registry -------------------------------------------------------------------


def _config(args: argparse.Namespace) -> Config:
    try:
        if args.config is not None:
            if not args.config.is_file():
                raise UsageError(f"{args.config}: no such configuration file")
            config = load_config(args.config)
        else:
            first = next((Path(p) for p in getattr(args, "paths", []) if p != "-"), Path.cwd())
            config = load_config(find_config(first if first.exists() else Path.cwd()))
    except ConfigError as e:
        raise UsageError(str(e)) from None
    changes: dict = {}
    if getattr(args, "select", None):
        changes["select"] = _codes(args.select)
    if getattr(args, "extend_select", None):
        changes["extend_select"] = config.extend_select + _codes(args.extend_select)
    if getattr(args, "ignore", None):
        changes["ignore"] = config.ignore + _codes(args.ignore)
    if getattr(args, "include", None):
        changes["include"] = tuple(args.include)
    if getattr(args, "exclude", None):
        changes["exclude"] = config.exclude + tuple(args.exclude)
    if getattr(args, "baseline", None):
        changes["baseline"] = args.baseline
    return config.with_overrides(**changes)


def _codes(values: list[str]) -> tuple[str, ...]:
    from ..rules import RULES

    codes = tuple(c.strip() for v in values for c in v.split(",") if c.strip())
    for c in codes:
        if c != "ALL" and not any(code.startswith(c) for code in RULES):
            raise UsageError(f"{c!r} selects no rule (see `citelint rule --all`)")
    return codes


def _registry(args: argparse.Namespace, config: Config) -> Registry | None:
    if getattr(args, "no_registry", False):
        return None
    path = args.registry or config.registry
    if path is None:
        return None
    if not Path(path).exists():
        raise UsageError(f"{path}: no such registry")
    try:
        return load_registry(path)
    except RegistryInvalid as e:
        raise UsageError(f"the registry {path} is invalid:\n" + "\n".join(str(x) for x in e.errors)
                         + "\n(run `citelint registry validate` for the full list)") from None


def _results(args: argparse.Namespace, config: Config) -> Iterable[tuple[FileResult, BaseException | None]]:
    """Each file's result; an internal error in one file is reported with that file only."""
    from ..find.extract import extract_file

    paths = [p for p in args.paths if p != "-"]
    if "-" in args.paths:
        yield _guarded(lambda: _stdin_result(args.stdin_filename or "-"), args.stdin_filename or "-")
    for path in iter_files(paths, config.include, config.exclude):
        yield _guarded(lambda path=path: extract_file(path), path)


def _guarded(fn, path: str) -> tuple[FileResult, BaseException | None]:
    from ..find.extract import FileResult

    try:
        return fn(), None
    except Exception as e:  # noqa: BLE001 — one broken file must not hide the others
        return FileResult(path), e


def _stdin_result(name: str) -> FileResult:
    from ..find.extract import FileResult, extract_document

    data = sys.stdin.buffer.read()
    try:
        decoded = decode_bytes(data)
    except DecodeError as e:
        return FileResult(name, error=LoadError(name, e.reason, e.line, e.column))
    doc = Document(name, decoded.text, markup_for(name), decoded.encoding, tuple(decoded.notes))
    return FileResult(name, extract_document(doc), encoding=doc.encoding, notes=doc.notes, text=doc.text, markup=doc.markup)


def cmd_extract(args: argparse.Namespace) -> int:
    config = _config(args)
    registry = _registry(args, config)
    _configure_stdout(args.format)
    out = sys.stdout
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    status = EXIT_OK
    table_rows = []
    json_records = []
    for result, crash in _results(args, config):
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
        resolutions = _resolutions(result, registry, config, args) if registry is not None else None
        for i, c in enumerate(result.citations):
            record = c.record()
            if resolutions is not None:
                record["resolution"] = resolutions[i]
            if args.format == "jsonl":
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif args.format == "json":
                json_records.append(record)
            else:
                table_rows.append(c)
    if args.format == "json":
        json.dump(json_records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "table":
        _print_table(table_rows)
    out.flush()
    return status


def _resolutions(result: FileResult, registry: Registry, config: Config, args: argparse.Namespace) -> list[dict]:
    from ..context.infer import infer_context
    from ..resolve import resolve_article

    context = infer_context(result.text or "", markup=result.markup, date=args.date, jurisdiction=args.jurisdiction,
                            default_jurisdiction=config.jurisdiction)
    return [r.resolution(registry).model_dump(mode="json") for r in resolve_article(result.citations, context, registry)]


# --- check ---------------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    from ..check.analyse import Baseline

    config = _config(args)
    registry = _registry(args, config)
    if args.write_baseline and config.baseline is None:
        raise UsageError("--write-baseline needs a baseline file: --baseline FILE, or `baseline` in the configuration")
    baseline = None
    if config.baseline is not None and not args.write_baseline and not args.no_baseline:
        try:
            baseline = Baseline.load(config.baseline)
        except FileNotFoundError:
            raise UsageError(f"{config.baseline}: no such baseline file (create it with --write-baseline)") from None
        except ValueError as e:
            raise UsageError(str(e)) from None
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if registry is None and not args.no_registry:
        err.print(Text.assemble(("note", "cyan"), ": no registry configured (--registry, or `registry` in [tool.citelint]): "
                                "only the CL1xx rules run"))
    options = dict(config=config, registry=registry, date=args.date, jurisdiction=args.jurisdiction)
    if args.fix or args.diff:
        if args.scheduler:
            raise UsageError("--scheduler does not combine with --fix or --diff")
        return _fix_files(args, config, options, err)
    with _dask_client(args.scheduler) as client:
        return _report_check(args, config, options, baseline, err, client)


def _report_check(args: argparse.Namespace, config: Config, options: dict, baseline, err: Console, client) -> int:
    from ..check.analyse import write_baseline
    from ..report.formats import ReportStream

    if args.write_baseline:
        reports = list(_check_all(args, config, options, err, client))
        n = write_baseline(config.baseline, reports)
        err.print(f"wrote {n} finding{'s' if n != 1 else ''} to {config.baseline}")
        return EXIT_OK
    if args.format in ("json", "json-lines", "sarif"):
        _configure_stdout("json")
    stream = ReportStream(args.format, sys.stdout, statistics=args.statistics)
    accepted = 0
    errors = internal = False
    for report in _check_all(args, config, options, err, client):
        if baseline is not None:
            before = len(report.diagnostics)
            report = baseline.filter(report)
            accepted += before - len(report.diagnostics)
        errors = errors or any(d.severity == "error" for d in report.diagnostics)
        internal = internal or any(d.code == "CL999" for d in report.diagnostics)
        stream.add(report)
    stream.close()
    sys.stdout.flush()
    if accepted:
        err.print(Text.assemble(("note", "cyan"), f": {accepted} finding{'s' if accepted != 1 else ''} accepted by the baseline {config.baseline}"))
    if internal:
        return EXIT_ERROR
    return EXIT_FINDINGS if errors else EXIT_OK


def _check_all(args: argparse.Namespace, config: Config, options: dict, err: Console, client=None):
    """Standard input first (if named), then every file, in order; parallel and cached as asked."""
    from ..check.results_cache import ResultCache, cache_directory, settings_key
    from ..check.analyse import _input_error, check_paths, lint_text

    if "-" in args.paths:
        name = args.stdin_filename or "-"
        try:
            decoded = decode_bytes(sys.stdin.buffer.read())
        except DecodeError as e:
            yield _input_error(name, "CL901", e.reason, e.line or 1, e.column or 1, config)
        else:
            yield lint_text(decoded.text, path=name, markup=markup_for(name), **options)
    paths = [p for p in args.paths if p != "-"]
    if not paths:
        return
    if client is not None:
        from ..check.distributed import iter_check_paths

        yield from iter_check_paths(list(iter_files(paths, config.include, config.exclude)), client, **options)
        return
    cache = None
    if not args.no_cache:
        cache = ResultCache(cache_directory(config), settings_key(config, options["registry"],
                                                                  {"date": args.date, "jurisdiction": args.jurisdiction}))
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs > 1 and len(paths) == 1 and Path(paths[0]).is_file():
        jobs = 1  # one file: no process pool to start
    try:
        yield from check_paths(paths, jobs=max(1, jobs), cache=cache, **options)
    finally:
        if cache is not None:
            cache.close()
            if cache.problem:
                err.print(Text.assemble(("warning", "yellow"), f": the results cache was not used: {cache.problem}"))


@contextmanager
def _dask_client(address: str | None):
    """The Dask client of ``--scheduler ADDRESS`` (None without it), closed at the end; a missing
    Dask, an unreachable scheduler or a cluster that fails during the run is a usage error."""
    if not address:
        yield None
        return
    from ..check.distributed import DistributedError, connect

    try:
        client = connect(address)
    except DistributedError as e:
        raise UsageError(str(e)) from None
    try:
        yield client
    except DistributedError as e:
        raise UsageError(str(e)) from None
    finally:
        client.close()


def _fix_files(args: argparse.Namespace, config: Config, options: dict, err: Console) -> int:
    """`check --fix` / `--diff`: fix each file, then report what is left."""
    from ..check.analyse import check_file, lint_text
    from ..check.fixes import fix_file, write_fixed
    from ..report.formats import write_report

    if "-" in args.paths:
        raise UsageError("--fix and --diff work on files, not on standard input")
    reports = []
    fixed_total = 0
    for path in iter_files([p for p in args.paths if p != "-"], config.include, config.exclude):
        markup = markup_for(path)

        def lint(text: str, path: str = path, markup: str = markup) -> list:
            return list(lint_text(text, path=path, markup=markup, **options).diagnostics)

        try:
            result = fix_file(path, lint, unsafe=args.unsafe_fixes)
        except OSError as e:
            err.print(Text.assemble(("error", "bold red"), f": {path}: cannot read: {e.strerror or e}"))
            continue
        if result.refused:
            err.print(Text.assemble(("note", "cyan"), f": {path}: not fixed: {result.refused}"))
        elif result.changed:
            fixed_total += len(result.applied)
            if args.diff:
                sys.stdout.write(result.diff())
            else:
                try:
                    write_fixed(result)
                except OSError as e:
                    raise UsageError(f"{path}: cannot write ({e.strerror or e}); the file is unchanged") from None
        if not args.diff:
            reports.append(check_file(path, **options))
    if args.diff:
        err.print(f"{fixed_total} fix{'es' if fixed_total != 1 else ''} would be applied")
        return EXIT_FINDINGS if fixed_total else EXIT_OK
    err.print(f"fixed {fixed_total} finding{'s' if fixed_total != 1 else ''}")
    write_report(reports, args.format, sys.stdout, statistics=args.statistics)
    remaining = [d for r in reports for d in r.diagnostics]
    return EXIT_FINDINGS if any(d.severity == "error" for d in remaining) else EXIT_OK


# --- rule, registry ---------------------------------------------------------------------------------


def cmd_rule(args: argparse.Namespace) -> int:
    from rich.markdown import Markdown

    from ..rules import RULES, RULES_BY_NAME, rule_doc

    console = Console(highlight=False)
    if args.all or not args.rule:
        table = Table(header_style="bold")
        for col in ("code", "name", "severity", "summary"):
            table.add_column(col, overflow="fold")
        for r in RULES.values():
            table.add_row(r.code, r.name, r.severity, r.summary)
        console.print(table)
        return EXIT_OK
    rule = RULES.get(args.rule.upper()) or RULES_BY_NAME.get(args.rule)
    if rule is None:
        raise UsageError(f"no rule {args.rule!r} (see `citelint rule --all`)")
    doc = rule_doc(rule)
    if console.is_terminal:
        console.print(Markdown(doc))
    else:
        sys.stdout.write(doc + "\n")
    return EXIT_OK


def cmd_registry(args: argparse.Namespace) -> int:
    if args.registry_command == "generate":
        return cmd_generate(args)
    if args.registry_command in ("show", "stats", "export"):
        from ..registry.inspect import run

        config = _config(argparse.Namespace(config=getattr(args, "config", None), paths=[]))
        path = getattr(args, "registry", None) or config.registry or Path("registry")
        if not Path(path).exists():
            raise UsageError(f"{path}: no such registry")
        try:
            registry = load_registry(path)
        except RegistryInvalid as e:
            raise UsageError(f"the registry {path} is invalid (run `citelint registry validate`): {e.errors[0]}") from None
        return run(args, registry, Path(path), config=config)
    if args.registry_command == "validate":
        config = _config(argparse.Namespace(config=args.config, paths=[str(args.path)] if args.path else []))
        path = args.path or config.registry or Path("registry")
        if not Path(path).exists():
            raise UsageError(f"{path}: no such registry")
        try:
            registry = load_registry(path, use_cache=False)
        except RegistryInvalid as e:
            err = Console(stderr=True, highlight=False, soft_wrap=True)
            for x in e.errors:
                err.print(Text.assemble((f"{x.path}:{x.line}:{x.column}", "bold"), ": ", ("error", "bold red"), f": {x.message}"))
            err.print(f"{len(e.errors)} error{'s' if len(e.errors) != 1 else ''} in the registry {path}")
            return EXIT_ERROR
        Console(highlight=False).print(
            f"{path}: valid: {len(registry.documents)} documents, {len(registry.issuers)} issuers, {len(registry.term_sets)} term sets"
        )
        return EXIT_OK
    raise AssertionError(args.registry_command)


def cmd_generate(args: argparse.Namespace) -> int:
    config = _config(argparse.Namespace(config=args.config, paths=args.paths))
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    with _dask_client(args.scheduler) as client:
        return _generate(args, config, err, client)


def _generate(args: argparse.Namespace, config: Config, err: Console, client) -> int:
    import difflib

    from ..harvest.generate import GENERATED_FILE, generate, locked, write_atomically
    from ..registry.build import registry_files

    if args.output is not None:
        target = args.output
        ref_path = None if args.no_registry else (args.registry or config.registry)
    else:
        directory = args.into or config.registry
        if directory is None:
            raise UsageError("say where the entries go: --into DIR (a registry directory) or -o FILE")
        if Path(directory).exists() and not Path(directory).is_dir():
            raise UsageError(f"{directory}: --into takes a registry directory")
        Path(directory).mkdir(parents=True, exist_ok=True)
        target, ref_path = Path(directory) / GENERATED_FILE, Path(directory)
    if not target.parent.is_dir():
        raise UsageError(f"{target.parent}: no such directory")
    reference = [(str(p), p.read_bytes()) for p in registry_files(ref_path)] if ref_path and Path(ref_path).exists() else []

    with locked(target), _progress(err) as step:
        reader = None
        if client is not None:
            from ..check.distributed import article_reader

            reader = article_reader(client, progress=step)
        try:
            outcome = generate(args.paths, target, reference_files=reference, include=config.include or (),
                               exclude=config.exclude or (), progress=step, reader=reader)
        except RegistryInvalid as e:
            raise UsageError("the registry is invalid:\n" + "\n".join(str(x) for x in e.errors)) from None
        if args.diff:
            diff = difflib.unified_diff(outcome.old_text.splitlines(keepends=True), outcome.new_text.splitlines(keepends=True),
                                        fromfile=str(target), tofile=str(target))
            sys.stdout.writelines(diff)
        elif not args.dry_run and outcome.changed:
            try:
                write_atomically(target, outcome.new_text)
            except OSError as e:
                raise UsageError(f"{target}: cannot write ({e.strerror or e}); the previous file is unchanged") from None

    for problem in outcome.unreadable:
        err.print(Text.assemble(("error", "bold red"), f": {problem}"))
    for conflict in outcome.conflicts:
        err.print(Text.assemble(("conflict", "bold red"), f": {conflict.describe()}"))
    verb = "would add" if (args.dry_run or args.diff) else "added"
    err.print(
        f"{outcome.files_read} file{'s' if outcome.files_read != 1 else ''} read, {outcome.citations_seen} citations with facts, "
        f"{verb} {len(outcome.added)} entr{'ies' if len(outcome.added) != 1 else 'y'}"
        + (f" and {len(outcome.added_issuers)} issuer{'s' if len(outcome.added_issuers) != 1 else ''}" if outcome.added_issuers else "")
        + f", enriched {len(outcome.enriched)}, {len(outcome.conflicts)} conflict{'s' if len(outcome.conflicts) != 1 else ''}"
        + ("" if outcome.changed or args.dry_run or args.diff else f"; {target} unchanged")
    )
    if outcome.conflicts or outcome.unreadable:
        return EXIT_FINDINGS
    return EXIT_OK


@contextmanager
def _progress(console: Console):
    """A progress line on a terminal (long runs); nothing when stderr is a file or a pipe."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("reading articles")
        count = 0

        def step(path: str) -> None:
            nonlocal count
            count += 1
            bar.update(task, description=f"reading articles: {count} ({path})")

        yield step


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


