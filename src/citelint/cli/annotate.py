"""``citelint annotate``: articles with every resolved citation a link to its document, and
every finding marked (see :mod:`citelint.report.annotate`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import LoadError, UsageError
from ..i18n import _
from ..text.files import iter_files, load_document, markup_for
from .common import (
    EXIT_ERROR,
    EXIT_OK,
    add_article_reading_options,
    load_configuration,
    open_registry,
    plural,
    print_error,
    print_note,
    run_options,
    stderr_console,
)


def add_parser(sub) -> None:
    an = sub.add_parser(
        "annotate",
        help=_("write articles with each resolved citation a link to its document, and findings marked"),
        description=_("Write each article with every resolved citation a link to its document (its public source, "
                      "or --link-template) with a tooltip, and every finding marked (class citelint-error / "
                      "citelint-warning). HTML keeps every byte outside the inserted tags; Markdown gets "
                      "[text](url \"tooltip\"); plain text is written as an HTML page. Annotating an annotated "
                      "article changes nothing."),
    )
    an.add_argument("paths", nargs="+", metavar="PATH", help=_("files or directories"))
    out = an.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", type=Path, metavar="OUT",
                     help=_("write to OUT (one article), or into the directory OUT (several); default: standard output"))
    an.add_argument("-j", "--jobs", type=int, metavar="N", help=_("annotate with N processes (default: one per core)"))
    out.add_argument("--in-place", action="store_true",
                     help=_("replace each HTML or Markdown file with its annotated text (encoding, BOM and line endings kept)"))
    an.add_argument("--link-template", metavar="TEMPLATE",
                    help=_("make each link from the document's fields, e.g. 'https://example.vn/van-ban/{{id}}' "
                           "(fields: {fields})").format(fields="{id} {symbol} {number} {type} {year} {date} {issuer}"))
    add_article_reading_options(an)
    an.set_defaults(run=cmd_annotate)


def _output_name(path: str, markup: str) -> str:
    name = Path(path).name
    return f"{Path(name).stem}.html" if markup == "text" else name


class _Job:
    """What annotating one file needs, sent to a worker process: the options, where to write."""

    def __init__(self, options, template: str | None, in_place: bool, output: Path | None, several: bool) -> None:
        self.options, self.template, self.in_place, self.output, self.several = options, template, in_place, output, several

    def __call__(self, path: str) -> tuple[str | None, str | None, Path | None]:
        """(an error message, the annotated text for standard output, the directory written into)."""
        from ..check.fixes import encoder_for, read_for_rewrite
        from ..fs import write_atomically
        from ..report.annotate import annotate_text

        markup = markup_for(path)
        try:
            if self.in_place:
                if markup == "text":
                    return _("{path}: a plain text file cannot hold links: annotate it as HTML with -o").format(path=path), None, None
                read = read_for_rewrite(path)
                if isinstance(read, str):
                    return _("{path}: not annotated in place: {reason}").format(path=path, reason=read), None, None
                new = annotate_text(read.text, markup=markup, options=self.options, path=path, link_template=self.template)
                if new == read.text:
                    return None, None, None
                write_atomically(Path(path), read.encode(new), expected=read.data, sync_directory=False)
                return None, None, Path(path).parent
            doc = load_document(path)
            new = annotate_text(doc.text, markup=markup, options=self.options, path=path, link_template=self.template)
            if self.output is None:
                return None, new, None
            target = self.output / _output_name(path, markup) if self.several else self.output
            # HTML and Markdown written as the article is encoded (BOM too); an HTML page made of
            # plain text, and a file in a legacy encoding, in UTF-8
            encode = encoder_for(doc.encoding) if markup != "text" else None
            data = encode(new) if encode is not None else new.encode("utf-8")
            # a file made from the article: nothing of the user's is lost if a crash cuts it, so
            # it is not synced (that made annotating a corpus five times slower than checking it)
            write_atomically(target, data, durable=False)
            return None, None, None
        except LoadError as e:
            return f"{e.path}: {e.reason}", None, None
        except OSError as e:
            return f"{path}: {e.strerror or e}", None, None


def cmd_annotate(args: argparse.Namespace) -> int:
    from ..fs import fsync_directory
    from ..report.annotate import TemplateError, check_template

    if args.link_template is not None:
        try:
            check_template(args.link_template)
        except TemplateError as e:
            raise UsageError(str(e)) from None
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(_("--jobs must be at least 1"))
    config = load_configuration(args)
    registry = open_registry(args, config)
    options = run_options(args, config, registry)
    err = stderr_console()
    paths = list(iter_files(args.paths, config.include, config.exclude, gitignore=config.respect_gitignore))
    if not paths:
        raise UsageError(_("no article to annotate in {paths}").format(paths=", ".join(args.paths)))
    several = len(paths) > 1 or any(Path(p).is_dir() for p in args.paths)
    if several and not args.in_place:
        if args.output is None:
            raise UsageError(_("several articles: write them into a directory (-o DIR) or in place (--in-place)"))
        if not args.output.is_dir():
            raise UsageError(_("{path}: not a directory (several articles are written into one)").format(path=args.output))
    job = _Job(options, args.link_template, args.in_place, args.output, several)
    jobs = min(args.jobs or os.cpu_count() or 1, len(paths))
    status = EXIT_OK
    written: set[Path] = set()  # the directories written into: each made durable once, at the end
    for problem, text, directory in _run(job, paths, jobs):
        if problem is not None:
            print_error(err, problem)
            status = EXIT_ERROR
        if text is not None:
            sys.stdout.write(text)
        if directory is not None:
            written.add(directory)
    for directory in written:
        try:
            fsync_directory(directory)
        except OSError:
            pass
    if status == EXIT_OK and (args.in_place or args.output is not None):
        print_note(err, _("annotated: {articles}").format(articles=plural(len(paths), "article")))
    return status


_JOB: _Job | None = None  # the job of the worker processes, inherited when they fork


def _job_of_worker(path: str):
    return _JOB(path)


def _run(job: _Job, paths: list[str], jobs: int):
    """``job`` on each path, in order; in ``jobs`` processes when more than one (forked: they
    inherit the job and its registry rather than receive them with every batch of paths)."""
    global _JOB
    if jobs <= 1:
        yield from map(job, paths)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from ..check.analyse import preload

    preload()  # the grammar and rules, loaded once and inherited by the workers
    _JOB = job
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_job_of_worker, paths, chunksize=max(1, min(64, len(paths) // (jobs * 4))))
    finally:
        _JOB = None
