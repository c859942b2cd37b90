"""Checking many files: in order, in parallel worker processes, and from the results cache."""

from __future__ import annotations

import itertools
import sys
from collections import deque
from typing import Iterator

from ..config import Options
from ..diagnostics import FileReport
from ..records import replace
from ..errors import LoadError
from ..text.files import iter_files, load_document
from ..i18n import _
from .analyse import check_file, input_error, preload
from .results_cache import decode_report, encode_report


def check_paths(paths, options: Options | None = None, *, jobs: int = 1, cache=None, text: bool = True) -> Iterator[FileReport]:
    """Reports for every file under ``paths``, in the order :func:`iter_files` gives them, one at a
    time (a large tree is streamed, never held).  ``jobs`` > 1 checks files in that many worker
    processes; the output is the same as a serial run's.  ``cache`` (a ResultCache) reuses the
    results of unchanged files; ``text``: whether a cached report with findings is joined by
    its file's text again (for the formats that print it)."""
    options = options or Options()
    files = iter_files(paths, options.config.include, options.config.exclude, gitignore=options.config.respect_gitignore)
    try:
        if jobs <= 1:
            for path, report, state in _cached(files, cache, text=text):
                if report is None:
                    report = check_file(path, options)
                    _store(cache, state, report)
                yield report
        else:
            yield from _parallel(files, options, cache, jobs, text)
    finally:
        if cache is not None:
            cache.flush()


_BATCH = 32  # files sent to a worker at a time


class _Batch:
    """Files sent to a worker together, and the worker's answer once sent."""

    __slots__ = ("files", "answer", "results")

    def __init__(self) -> None:
        self.files: list[tuple[str, tuple | None]] = []  # (path, state for the cache)
        self.answer = None  # the Future
        self.results: list | None = None  # the packed reports, once known

    def ready(self) -> bool:
        return self.results is not None or (self.answer is not None and self.answer.done())


class _Pool:
    """Worker processes that survive the death of one of them.  A worker killed while checking
    (by the kernel's out-of-memory killer, a signal) breaks the whole process pool: every batch
    it had is checked again, a file at a time, in a new pool; a file whose worker dies again is
    reported (CL999) and the run goes on."""

    def __init__(self, options: Options, jobs: int) -> None:
        self.options, self.jobs = options, jobs
        self.executor = None

    def _start(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = start_method()
        context = multiprocessing.get_context(method)
        if method == "fork":
            _set_worker_options(self.options)  # inherited by the forked workers: config and registry sent once
            return ProcessPoolExecutor(self.jobs, mp_context=context)
        # a new interpreter per worker (Windows, macOS): the options are sent to each once
        return ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_set_worker_options, initargs=(self.options,))

    def submit(self, paths: list[str]):
        self._restart_if_broken()  # a worker died since the last batch was sent
        if self.executor is None:
            preload()  # imported once here, not in every worker
            self.executor = self._start()
        return self.executor.submit(_worker_check, paths)

    def results(self, batch: _Batch) -> list:
        from concurrent.futures.process import BrokenProcessPool

        if batch.results is None:
            try:
                batch.results = batch.answer.result()
            except BrokenProcessPool:
                batch.results = [self._alone(path) for path, _ in batch.files]
        return batch.results

    def _alone(self, path: str):
        """One file checked by itself in a sound pool: its packed report, or the report that its
        worker died."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.submit([path]).result()[0]  # submit starts a new pool if this one broke
        except BrokenProcessPool:
            return input_error(path, "CL999", _("internal error: the process checking this file stopped "
                                                 "(killed, or out of memory)"), 1, 1, self.options.config)

    def _restart_if_broken(self) -> None:
        if self.executor is not None and getattr(self.executor, "_broken", False):
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def close(self) -> None:
        if self.executor is not None:
            for process in list((getattr(self.executor, "_processes", None) or {}).values()):
                process.terminate()  # an interrupted run does not wait for the batches in flight
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def _parallel(files, options: Options, cache, jobs: int, text: bool = True) -> Iterator[FileReport]:
    """The parent answers what the cache holds; the other files go to ``jobs`` worker processes
    in batches; reports come out in the files' order, with a bounded number in flight.  The
    pool is started at the first file the cache cannot answer (a warm run starts none).  The
    parent alone writes the cache, a batch of entries per transaction."""
    pool = _Pool(options, jobs)
    pending: deque = deque()  # a FileReport, or (batch, index in it)
    batch = _Batch()
    limit = jobs * _BATCH * 4

    def send() -> None:
        nonlocal batch
        batch.answer = pool.submit([path for path, _ in batch.files])
        batch = _Batch()

    def result(item) -> FileReport:
        if not isinstance(item, tuple):
            return item
        owner, i = item
        packed = pool.results(owner)[i]
        path, state = owner.files[i]
        if isinstance(packed, FileReport):  # its worker died
            return packed
        report = unpack_report(packed, path)
        _store(cache, state, report, packed[0])
        return report

    try:
        for path, report, state in _cached(files, cache, text=text):
            if report is not None:
                pending.append(report)
            else:
                pending.append((batch, len(batch.files)))
                batch.files.append((path, state))
                if len(batch.files) == _BATCH:
                    send()
            while pending and (not isinstance(pending[0], tuple) or pending[0][0].ready() or len(pending) > limit):
                if isinstance(pending[0], tuple) and pending[0][0] is batch:
                    send()  # too many waiting: the batch goes as it is
                yield result(pending.popleft())
        if batch.files:
            send()
        while pending:
            yield result(pending.popleft())
    finally:
        pool.close()
        _set_worker_options(None)


_WORKER: Options | None = None


def start_method() -> str:
    """fork where it is safe and cheap (Linux); elsewhere spawn, as Python itself defaults to."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _set_worker_options(options: Options | None) -> None:
    global _WORKER
    _WORKER = options


def _worker_check(paths: list[str]) -> list[tuple[bytes, str | None]]:
    return [pack_report(check_file(path, _WORKER)) for path in paths]


def pack_report(report: FileReport) -> tuple[bytes, str | None]:
    """A report as a worker process (local or on a Dask cluster) sends it back: in the results
    cache's compact encoding, with the text only where a finding's code frame needs it."""
    return encode_report(report), report.source if report.diagnostics else None


def unpack_report(packed: tuple[bytes, str | None], path: str) -> FileReport:
    blob, source = packed
    report = decode_report(blob, path)
    return report if source is None else replace(report, source=source)


def _cached(files, cache, chunk: int = 256, *, text: bool = True) -> Iterator[tuple[str, FileReport | None, tuple | None]]:
    """Each file with its cached report (if unchanged) and what identifies its state otherwise;
    the cache is asked for ``chunk`` files at a time."""
    if cache is None:
        for path in files:
            yield path, None, None
        return
    files = iter(files)
    while paths := list(itertools.islice(files, chunk)):
        for path, (report, state) in zip(paths, cache.lookup_many(paths)):
            if report is not None and report.diagnostics and text:
                # Code frames and fingerprints want the text: read again for files with findings only.
                try:
                    report = replace(report, source=load_document(path).text)
                except LoadError:
                    pass
            yield path, report, state


def _store(cache, state: tuple | None, report: FileReport, blob: bytes | None = None) -> None:
    """Keep a new result, unless the file could not be read or checked (those are tried again)."""
    if cache is not None and state is not None and not any(d.code in ("CL901", "CL999") for d in report.diagnostics):
        cache.store(state, report, blob)
