"""``citelint check``: report citations that are malformed, unresolved or in conflict with the
registry; ``--fix`` / ``--diff`` apply or show the fixes.

Exit status, as ruff has it: 0 no finding at error severity, 1 findings at error severity (an
unreadable file among them), 2 a usage, configuration, registry or internal error.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from contextlib import contextmanager
from pathlib import Path


from ..config import Config, Options
from ..errors import CitelintError, LoadError, UsageError
from ..i18n import _
from ..richlater import real_console
from ..text.files import iter_files, load_stdin, markup_for
from .common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    add_article_reading_options,
    configure_stdout,
    load_configuration,
    open_registry,
    plural,
    print_error,
    print_note,
    print_warning,
    run_options,
    stderr_console,
)

FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson", "pylint", "azure", "corpus")


def add_parser(sub) -> None:
    ck = sub.add_parser(
        "check",
        help=_('report citations that are malformed, unresolved or in conflict with the registry'),
        description=_('Check every citation in the given files and directories against the registry.'),
    )
    ck.add_argument("paths", nargs="*", default=["."], metavar="PATH", help=_("files or directories ('-' for standard input; default: .)"))
    ck.add_argument("--format", choices=FORMATS, default=os.environ.get("CITELINT_OUTPUT_FORMAT") or "full",
                    help=_('output format (default: $CITELINT_OUTPUT_FORMAT, else full; corpus: what `citelint report --from` reads)'))
    ck.add_argument("-o", "--output-file", type=Path, metavar="FILE",
                    help=_('write the report to FILE (atomically: the old file stays until the report is whole)'))
    ck.add_argument("-q", "--quiet", action="store_true", help=_('print the findings and nothing else (no summary, no notes)'))
    ck.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                    help=_('colour in the text formats (default: auto, on a terminal without NO_COLOR)'))
    ck.add_argument("--sarif-root", metavar="DIR",
                    help=_("with --format sarif: make paths relative to DIR (default: the git repository's root, if any)"))
    ck.add_argument("--exit-zero", action="store_true", help=_('exit 0 even when findings at error severity remain'))
    ck.add_argument("--watch", action="store_true",
                    help=_('check again whenever a checked file, the configuration or the registry changes (Ctrl-C stops)'))
    ck.add_argument("--exit-non-zero-on-fix", action="store_true",
                    help=_('with --fix: exit 1 when a file was changed, even if no finding remains'))
    ck.add_argument("--statistics", action="store_true", help=_('count the findings per rule'))
    ck.add_argument("--select", action="append", metavar="CODES", help=_('rules to run, comma-separated codes or prefixes (replaces the configured selection)'))
    ck.add_argument("--extend-select", action="append", metavar="CODES", help=_('rules to run in addition'))
    ck.add_argument("--ignore", action="append", metavar="CODES", help=_('rules not to run'))
    ck.add_argument("--baseline", type=Path, metavar="FILE", help=_('accept the findings recorded in FILE'))
    ck.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N", help=_('check files in N processes (default: every core)'))
    ck.add_argument("--no-cache", action="store_true", help=_('do not reuse or store results in .citelint_cache/'))
    ck.add_argument("--scheduler", metavar="ADDRESS",
                    help=_('check the files on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786): the same output; needs citelint-vn[dask], and workers that see the files under the same names (--jobs and the cache do not apply)'))
    ck.add_argument("--fix", action="store_true", help=_('apply the safe fixes to the files (atomically; every other byte kept)'))
    ck.add_argument("--unsafe-fixes", action="store_true", help=_('with --fix or --diff: apply unsafe fixes too (dates from verified registry entries)'))
    ck.add_argument("--diff", action="store_true", help=_('show the fixes as a unified diff; change nothing'))
    ck.add_argument("--no-baseline", action="store_true", help=_('ignore the configured baseline: show every finding'))
    ck.add_argument("--write-baseline", action="store_true", help=_('record the current findings in the baseline file and exit 0'))
    add_article_reading_options(ck)
    ck.add_argument("--stdin-filename", metavar="NAME", help=_('name to report for standard input (its suffix chooses the markup)'))
    ck.set_defaults(run=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    from ..check.baseline import Baseline

    if getattr(args, "watch", False):
        return _watch(args)

    if args.format not in FORMATS:  # from $CITELINT_OUTPUT_FORMAT, which argparse does not check
        raise UsageError(_('unknown output format {format!r} (from $CITELINT_OUTPUT_FORMAT); expected one of: {formats}').format(
            format=args.format, formats=", ".join(FORMATS)))
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError(_('--unsafe-fixes needs --fix or --diff'))
    if args.exit_non_zero_on_fix and not args.fix:
        raise UsageError(_('--exit-non-zero-on-fix needs --fix'))
    if args.jurisdiction is not None:
        from ..context.places import canonical_jurisdiction

        if canonical_jurisdiction(args.jurisdiction) is None:
            raise UsageError(_('unknown jurisdiction {place!r}: a province or centrally-run city (e.g. "Hà Nội", "Đà Nẵng")').format(
                place=args.jurisdiction))
    config = load_configuration(args)
    registry = open_registry(args, config)
    if args.write_baseline and config.baseline is None:
        raise UsageError(_('--write-baseline needs a baseline file: --baseline FILE, or `baseline` in the configuration'))
    baseline = None
    if config.baseline is not None and not args.write_baseline and not args.no_baseline:
        baseline = Baseline.load(config.baseline)
    err = stderr_console(quiet=args.quiet)  # -q: the findings only
    args.paths = _existing(args.paths, config, err)
    if registry is None and not args.no_registry:
        print_note(err, _('no registry (the built-in one is turned off and none is configured): only the CL1xx rules run'))
    options = run_options(args, config, registry)
    if args.fix or args.diff:
        if args.scheduler:
            raise UsageError(_('--scheduler does not combine with --fix or --diff'))
        return _fix_files(args, options, baseline, err)
    with dask_client(args.scheduler) as client:
        return _report(args, options, baseline, err, client)


def _report(args: argparse.Namespace, options: Options, baseline, err: Console, client) -> int:
    from ..check.baseline import write_baseline

    config = options.config
    if args.write_baseline:
        reports = list(check_all(args, options, err, client))
        try:
            # a configured baseline stays in the project; one named with --baseline goes where it says
            n, kept = write_baseline(config.baseline, reports, root=None if args.baseline else config.root)
        except OSError as e:
            raise UsageError(_('{path}: cannot write the baseline ({reason})').format(path=config.baseline, reason=e.strerror or e)) from None
        more = _(" (and kept {plural} of files not checked now)").format(plural=plural(kept, "finding")) if kept else ""
        err.print(_('wrote {plural} to {baseline}{more}').format(plural=plural(n, 'finding'), baseline=config.baseline, more=more))
        return EXIT_OK
    with _output(args) as out, _progress(args, err) as step:
        stream = _stream(args, out, options.registry)
        accepted = checked = 0
        errors = internal = False
        from ..report.formats import TEXT_FORMATS

        text = baseline is not None or args.format in TEXT_FORMATS  # the baseline's fingerprints read the text
        for report in check_all(args, options, err, client, text=text):
            checked += 1
            step(checked)
            if baseline is not None:
                before = len(report.diagnostics)
                report = baseline.filter(report)
                accepted += before - len(report.diagnostics)
            errors = errors or any(d.severity == "error" for d in report.diagnostics)
            internal = internal or any(d.code == "CL999" for d in report.diagnostics)
            stream.add(report)
        stream.close()
    if accepted:
        print_note(err, _('{plural} accepted by the baseline {baseline}').format(plural=plural(accepted, 'finding'), baseline=config.baseline))
    if internal:
        return EXIT_ERROR
    if not checked:
        print_warning(err, _("nothing was checked"))
        return EXIT_ERROR
    return EXIT_FINDINGS if errors and not args.exit_zero else EXIT_OK


def _linter(options: Options, baseline, path: str, markup: str):
    """``text -> report`` for the file at ``path``, without what the baseline accepts: what
    --fix fixes and reports."""
    from ..check.analyse import lint_text

    def lint(text: str):
        report = lint_text(text, path=path, markup=markup, options=options)
        return baseline.filter(report) if baseline is not None else report

    return lint


def _fix_stdin(args: argparse.Namespace, options: Options, baseline) -> int:
    """`citelint check - --fix`: the fixed text on standard output (as an editor's formatter
    wants it), the findings that remain on standard error."""
    from ..check.fixes import fix_until_stable
    from ..report.formats import write_report

    name = args.stdin_filename or "-"
    doc = load_stdin(name)
    lint = _linter(options, baseline, name, doc.markup)
    text, _applied = fix_until_stable(doc.text, lambda t: list(lint(t).diagnostics), unsafe=args.unsafe_fixes)
    configure_stdout(text=False)
    sys.stdout.write(text)
    sys.stdout.flush()
    report = lint(text)
    if report.diagnostics and not args.quiet:
        write_report([report], "concise", sys.stderr)
    if args.exit_non_zero_on_fix and text != doc.text:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if any(d.severity == "error" for d in report.diagnostics) and not args.exit_zero else EXIT_OK


WATCH_INTERVAL = 0.5  # seconds between two looks at the files, in --watch


def _watch(args: argparse.Namespace) -> int:
    """`check --watch`: a check, then another each time what it read changes (the files, the
    configuration, the registry, the baseline), until Ctrl-C."""
    import copy
    import time

    if args.fix or args.diff or args.write_baseline or args.scheduler or "-" in args.paths or args.output_file:
        raise UsageError(_("--watch prints each check: it does not combine with --fix, --diff, --write-baseline, "
                           "--scheduler, -o or standard input"))
    err = stderr_console()
    try:
        while True:
            once = copy.copy(args)
            once.watch = False
            seen = _watched_state(once)
            try:
                cmd_check(once)
            except CitelintError as e:  # a broken configuration or registry: said, and watched until fixed
                print_error(err, str(e))
            sys.stdout.flush()
            print_note(err, _("watching for changes (Ctrl-C to stop)"))
            while _watched_state(once) == seen:
                time.sleep(WATCH_INTERVAL)
    except KeyboardInterrupt:
        return EXIT_OK


def _watched_state(args: argparse.Namespace) -> dict[str, float]:
    """The modification times of what a check reads: its files, the configuration, the
    registry's files and the baseline."""
    from ..config import find_config

    config_path = args.config or find_config(Path(next((p for p in args.paths if p != "-"), ".")).resolve())
    state: dict[str, float] = {}
    names = list(iter_files(args.paths, tuple(args.include or ()), tuple(args.exclude or ())))
    if config_path is not None:
        names.append(str(config_path))
        try:
            from ..config import load_config

            config = load_config(Path(config_path))
            for extra in (config.registry, config.baseline):
                if extra is not None:
                    names += [str(p) for p in Path(extra).rglob("*")] if Path(extra).is_dir() else [str(extra)]
        except CitelintError:
            pass
    if args.registry is not None:
        names += [str(p) for p in Path(args.registry).rglob("*")] if Path(args.registry).is_dir() else [str(args.registry)]
    for name in names:
        try:
            state[name] = os.stat(name).st_mtime_ns
        except OSError:
            state[name] = -1
    return state


PROGRESS_AFTER = 300  # files: a run longer than this shows a progress line on a terminal


@contextmanager
def _progress(args: argparse.Namespace, err: Console):
    """A transient progress line on standard error, once more than PROGRESS_AFTER files are
    checked, when standard error is a terminal and the report does not go to that terminal
    (-o FILE, or standard output redirected): the report's lines would interleave with it."""
    if args.quiet or not sys.stderr.isatty() or not err.is_terminal or (args.output_file is None and sys.stdout.isatty()):
        yield lambda n: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=real_console(err), transient=True,
                   redirect_stdout=False, redirect_stderr=False)
    task = None

    def step(n: int) -> None:
        nonlocal task
        if n == PROGRESS_AFTER:
            bar.start()
            task = bar.add_task("")
        if task is not None:
            bar.update(task, description=_("checking: {n} files").format(n=n))

    try:
        yield step
    finally:
        if task is not None:
            bar.stop()


def _stream(args: argparse.Namespace, out, registry):
    from ..report.formats import ReportStream

    color = {"auto": None, "always": True, "never": False}[args.color]
    root = None
    if args.format == "sarif":
        root = args.sarif_root or _repository_root()
    return ReportStream(args.format, out, statistics=args.statistics, quiet=args.quiet, color=color, sarif_root=root,
                        registry=registry)


def _repository_root() -> str | None:
    """The root of the git repository the working directory is in, if any."""
    import subprocess

    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


@contextmanager
def _output(args: argparse.Namespace):
    """Where the report goes: standard output, or with -o a file written atomically (an
    interrupted or failed run leaves the old file as it was)."""
    if args.output_file is None:
        if args.format in ("json", "json-lines", "sarif", "gitlab", "junit", "rdjson"):
            configure_stdout(text=False)
        yield sys.stdout
        sys.stdout.flush()
        return
    from ..fs import atomic_file

    try:
        with atomic_file(args.output_file) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            yield text
            text.flush()
            text.detach()
    except OSError as e:
        raise UsageError(_('{path}: cannot write the report ({reason})').format(path=args.output_file, reason=e.strerror or e)) from None


MAX_JOBS_PER_CORE = 4


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be a whole number of at least 1: {value!r}").format(value=text))
    return value


def _existing(paths: list[str], config: Config, err: Console) -> list[str]:
    """The paths to check: a path that does not exist (a mistyped name, a glob the shell did not
    expand) is said and left out, as is a directory with no article in it."""
    kept = []
    for p in paths:
        if p == "-" or Path(p).is_file():
            kept.append(p)
        elif Path(p).is_dir():
            if next(iter_files([p], config.include, config.exclude, gitignore=config.respect_gitignore), None) is None:
                print_warning(err, _('{path}: no article files in this directory').format(path=p))
            kept.append(p)
        else:
            print_warning(err, _('{path}: no such file or directory (nothing checked there)').format(path=p))
    return kept


def check_all(args: argparse.Namespace, options: Options, err: Console, client=None, *, text: bool = True):
    """Standard input first (if named), then every file, in order; parallel and cached as asked.
    ``text``: whether a cached report with findings needs its file's text (its format prints it)."""
    from ..check.analyse import input_error, lint_text
    from ..check.results_cache import ResultCache, cache_directory, settings_key
    from ..check.runner import check_paths

    config = options.config
    if "-" in args.paths:
        name = args.stdin_filename or "-"
        try:
            doc = load_stdin(name)
        except LoadError as e:
            yield input_error(name, "CL901", e.reason, e.line or 1, e.column or 1, config)
        else:
            yield lint_text(doc.text, path=name, markup=doc.markup, options=options)
    paths = [p for p in args.paths if p != "-"]
    if not paths:
        return
    if client is not None:
        from ..check.distributed import iter_check_paths

        yield from iter_check_paths(list(iter_files(paths, config.include, config.exclude, gitignore=config.respect_gitignore)), client, options)
        return
    cache = None if args.no_cache else ResultCache(cache_directory(config), settings_key(options))
    cores = os.cpu_count() or 1
    jobs = args.jobs if args.jobs is not None else cores
    if jobs > MAX_JOBS_PER_CORE * cores:
        # more processes than that only wait for the cores, and enough of them exhaust memory
        print_note(err, _('--jobs {jobs}: using {used} processes ({per} per core)').format(
            jobs=jobs, used=MAX_JOBS_PER_CORE * cores, per=MAX_JOBS_PER_CORE))
        jobs = MAX_JOBS_PER_CORE * cores
    if jobs > 1 and len(paths) == 1 and Path(paths[0]).is_file():
        jobs = 1  # one file: no process pool to start
    try:
        yield from check_paths(paths, options, jobs=max(1, jobs), cache=cache, text=text)
    finally:
        if cache is not None:
            cache.close()
            if cache.problem:
                print_warning(err, _('the results cache was not used: {problem}').format(problem=cache.problem))


@contextmanager
def dask_client(address: str | None):
    """The Dask client of ``--scheduler ADDRESS`` (None without it), closed at the end."""
    if not address:
        yield None
        return
    from ..check.distributed import connect

    client = connect(address)
    try:
        yield client
    finally:
        client.close()


def _fix_files(args: argparse.Namespace, options: Options, baseline, err: Console) -> int:
    """`check --fix` / `--diff`: fix each file, then report what is left.  A finding the
    baseline accepts is neither fixed nor reported, as `check` does not report it."""
    from ..check.analyse import check_file
    from ..check.fixes import fix_file, write_fixed

    if "-" in args.paths:
        if args.paths != ["-"] or args.diff:
            raise UsageError(_('--fix reads standard input alone (it prints the fixed text); --diff works on files'))
        return _fix_stdin(args, options, baseline)
    config: Config = options.config
    reports = []
    fixed_total = accepted = unwritten = 0
    named = {p for p in args.paths if p != "-"}
    for path in iter_files([p for p in args.paths if p != "-"], config.include, config.exclude, gitignore=config.respect_gitignore):
        lint = _linter(options, baseline, path, markup_for(path))
        try:
            result = fix_file(path, lambda t, lint=lint: list(lint(t).diagnostics), unsafe=args.unsafe_fixes)
        except OSError as e:
            print_error(err, _('{path}: cannot read: {value}').format(path=path, value=e.strerror or e))
            continue
        if result.refused:
            print_note(err, _('{path}: not fixed: {refused}').format(path=path, refused=result.refused))
        elif result.changed:
            if args.diff:
                fixed_total += len(result.applied)
                sys.stdout.write(result.diff())
            else:
                try:
                    write_fixed(result, root=None if path in named else config.root)
                except OSError as e:
                    # this file stays as it was; the others are still fixed and reported
                    print_error(err, _('{path}: cannot write ({value}); the file is unchanged').format(path=path, value=e.strerror or e))
                    unwritten += 1
                else:
                    fixed_total += len(result.applied)
        if not args.diff:
            report = check_file(path, options)
            if baseline is not None:
                before = len(report.diagnostics)
                report = baseline.filter(report)
                accepted += before - len(report.diagnostics)
            reports.append(report)
    if args.diff:
        err.print(_('{plural} would be applied').format(plural=plural(fixed_total, 'fix')))
        return EXIT_FINDINGS if fixed_total else EXIT_OK
    err.print(_('fixed {plural}').format(plural=plural(fixed_total, 'finding')))
    with _output(args) as out:
        stream = _stream(args, out, options.registry)
        for report in reports:
            stream.add(report)
        stream.close()
    if accepted:
        print_note(err, _('{plural} accepted by the baseline {baseline}').format(plural=plural(accepted, 'finding'), baseline=config.baseline))
    if unwritten:
        return EXIT_ERROR
    if args.exit_non_zero_on_fix and fixed_total:
        return EXIT_FINDINGS
    remaining = [d for r in reports for d in r.diagnostics]
    return EXIT_FINDINGS if any(d.severity == "error" for d in remaining) and not args.exit_zero else EXIT_OK
