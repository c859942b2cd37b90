"""``citelint report``: one self-contained HTML page for a corpus (see :mod:`citelint.report.corpus`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..i18n import _
from .common import (
    EXIT_OK,
    add_article_reading_options,
    load_configuration,
    open_registry,
    plural,
    print_note,
    run_options,
    stderr_console,
)


def add_parser(sub) -> None:
    rp = sub.add_parser(
        "report",
        help=_("write one HTML page on a corpus: what it cites, over time, and its findings"),
        description=_("Check the given files and directories (or read the records of a run: --from) and write one "
                      "self-contained HTML page: the summary, the most cited documents and their status, citations over "
                      "time, the findings of each article, with filters by rule, severity and document."),
    )
    rp.add_argument("paths", nargs="*", metavar="PATH", help=_("files or directories to check"))
    rp.add_argument("--from", dest="from_files", action="append", default=[], type=Path, metavar="FILE",
                    help=_("read the records `citelint check --format corpus` wrote instead of checking (repeatable)"))
    rp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help=_("the HTML file to write"))
    rp.add_argument("-j", "--jobs", type=int, metavar="N", help=_("check with N processes (default: one per core)"))
    rp.add_argument("--no-cache", action="store_true", help=_("do not read or write the results cache"))
    rp.add_argument("--no-baseline", action="store_true", help=_("show the findings the configured baseline accepts too"))
    add_article_reading_options(rp)
    rp.set_defaults(run=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from ..fs import write_atomically
    from ..report.corpus import article_record, build_report, cited_documents, read_corpus, render_html

    if bool(args.paths) == bool(args.from_files):
        raise UsageError(_("name the files to check, or the records of a run with --from (one or the other)"))
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(_("--jobs must be at least 1"))
    try:
        import matplotlib  # noqa: F401 - the charts
    except ImportError as e:
        raise UsageError(_("citelint report draws its charts with matplotlib: pip install 'citelint-vn[report]' ({error})").format(
            error=e)) from None
    err = stderr_console()
    if args.from_files:
        articles, documents = read_corpus(args.from_files)
    else:
        from ..check.baseline import Baseline
        from .check import check_all

        config = load_configuration(args)
        # as `check` reports: without the findings the project's baseline accepts
        baseline = Baseline.load(config.baseline) if config.baseline is not None and not args.no_baseline else None
        registry = open_registry(args, config)
        options = run_options(args, config, registry)
        args.stdin_filename = None
        articles, cited = [], set()
        for report in check_all(args, options, err, text=True):
            if baseline is not None:
                report = baseline.filter(report)
            articles.append(article_record(report)["article"])
            cited.update(report.documents)
        documents = cited_documents(cited, registry)
    model = build_report(articles, documents)
    page = render_html(model, article_base=args.output.parent)
    write_atomically(args.output, page)
    print_note(err, _("wrote {path}: {articles}, {citations}, {findings}").format(
        path=args.output, articles=plural(model.summary.articles, "article"), citations=plural(model.summary.citations, "citation"),
        findings=plural(model.summary.errors + model.summary.warnings, "finding")))
    return EXIT_OK
