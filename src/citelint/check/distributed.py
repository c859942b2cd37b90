"""Checking and harvesting many articles on a Dask cluster (``pip install 'citelint-vn[dask]'``).

    from citelint import Options
    from citelint.distributed import connect, check_paths
    with connect("tcp://scheduler:8786") as client:
        reports = check_paths(files, client, Options(config=config, registry=registry))

The results are the local run's, in the same order: every file goes through the same
:func:`~citelint.check.analyse.check_file` (or :func:`~citelint.harvest.generate.read_article`), only in a worker
process.  How it is spread:

- the options (configuration, registry, date, jurisdiction) go to every worker once, scattered
  before the first task (a graph key of their own for :func:`lint_bag`), never once per file;
- files go in batches (:func:`batch_size`: a few per worker thread, at most
  :data:`MAX_BATCH` files), so 80,000 files make a few hundred tasks, not 80,000.

The workers read the files themselves: they must see them under the same names, on a shared
file system, and a relative name means the same file only where the worker runs in the same
directory as the caller.  A worker that does not is refused with :class:`DistributedError`
(name the files by absolute paths, or start the workers in that directory): checked there, a
relative name would be another file, or none.  Dask is imported only here, and only when one of
these functions is called; citelint without the extra never needs it.
"""

from __future__ import annotations

import math
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..config import Options
from ..diagnostics import FileReport
from ..errors import DistributedError
from ..i18n import _

__all__ = [
    "MAX_BATCH",
    "DistributedError",
    "article_reader",
    "batch_size",
    "check_paths",
    "connect",
    "iter_check_paths",
    "lint_bag",
]

INSTALL_HINT = "pip install 'citelint-vn[dask]'"
CONNECT_TIMEOUT = 10.0  # seconds
DEFAULT_PORT = 8786  # Dask's, when the address names none
MAX_BATCH = 256  # files per task, at most
MIN_BATCH = 16  # files per task, at least (when there are that many): a task costs about a millisecond


# --- connecting ---------------------------------------------------------------------------------


def _dask_distributed():
    try:
        import dask.distributed as dd
    except ImportError as e:
        raise DistributedError(_('running on a Dask cluster needs dask.distributed: {INSTALL_HINT} ({e})').format(INSTALL_HINT=INSTALL_HINT, e=e)) from None
    return dd


def connect(address: str, *, timeout: float = CONNECT_TIMEOUT, set_as_default: bool = True):
    """A :class:`dask.distributed.Client` of the scheduler at ``address`` ("tcp://host:8786",
    "host:8786", "host": port 8786).  Raises :class:`DistributedError` at once when Dask is not
    installed or nothing listens there, and within ``timeout`` seconds when the scheduler does
    not answer.  The workers must run the same citelint version as this process (checked here).
    Like any Dask client it becomes the default one (``bag.compute()`` runs on it) unless
    ``set_as_default`` is false."""
    dd = _dask_distributed()
    _probe(address, timeout)
    client = _client(dd, address, timeout, set_as_default)
    try:
        _check_workers(client)
    except BaseException:
        client.close()
        raise
    return client


def _client(dd, address: str, timeout: float, set_as_default: bool):
    """``Client(address)``, given up after ``timeout`` (and a margin): Dask's own timeout does
    not cover a peer that accepts the connection and never completes the handshake."""
    box: dict[str, Any] = {}

    def start() -> None:
        try:
            box["client"] = dd.Client(address, timeout=f"{timeout}s", set_as_default=set_as_default)
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
            box["error"] = e

    thread = threading.Thread(target=start, name="citelint-dask-connect", daemon=True)
    thread.start()
    thread.join(timeout + 5)
    if thread.is_alive():
        raise DistributedError(_('cannot connect to the Dask scheduler at {address}: no answer within {timeout:g} s (is it a Dask scheduler?)').format(address=address, timeout=timeout))
    error = box.get("error")
    if isinstance(error, (OSError, TimeoutError)):
        raise DistributedError(_('cannot connect to the Dask scheduler at {address} within {timeout:g} s: {describe}').format(address=address, timeout=timeout, describe=_describe(error))) from None
    if error is not None:
        raise DistributedError(_('cannot connect to the Dask scheduler at {address}: {describe} (is it a Dask scheduler, of a version that matches this one?)').format(address=address, describe=_describe(error))) from None
    return box["client"]


def _probe(address: str, timeout: float) -> None:
    """A plain TCP connection first: where nothing listens, say so now, not after the timeout
    Dask spends retrying; and where something listens, it must speak first, as a Dask scheduler
    does (it sends its handshake on accepting a connection)."""
    text = address if "://" in address else f"tcp://{address}"
    parts = urlsplit(text)
    if parts.scheme != "tcp":
        return  # tls://, inproc://, ucx://: Dask's own connection says what is wrong
    try:
        host, port = parts.hostname, parts.port or DEFAULT_PORT
    except ValueError:
        raise DistributedError(_('not a scheduler address: {address!r} (expected tcp://HOST:PORT)').format(address=address)) from None
    if not host:
        raise DistributedError(_('not a scheduler address: {address!r} (expected tcp://HOST:PORT)').format(address=address))
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as e:
        reason = "timed out" if isinstance(e, TimeoutError) else (e.strerror or str(e))
        raise DistributedError(_('cannot connect to the Dask scheduler at {address}: {reason} (is a scheduler running there?)').format(address=address, reason=reason)) from None
    with sock:
        try:
            greeting = sock.recv(1)
        except OSError as e:
            reason = f"no answer within {timeout:g} s" if isinstance(e, TimeoutError) else (e.strerror or str(e))
            raise DistributedError(_('cannot connect to the Dask scheduler at {address}: {reason} (is it a Dask scheduler?)').format(address=address, reason=reason)) from None
    if not greeting:
        raise DistributedError(_('cannot connect to the Dask scheduler at {address}: the connection was closed (is it a Dask scheduler?)').format(address=address))


def _describe(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0]}" if text else type(e).__name__


def _worker_version() -> str:
    import citelint

    return citelint.__version__


def _check_workers(client) -> None:
    """Every worker imports citelint, the same version as here (the results must be the same)."""
    from .. import __version__

    try:
        versions = client.run(_worker_version)
    except Exception as e:  # noqa: BLE001
        raise DistributedError(_("the Dask workers cannot run citelint (pip install 'citelint-vn=={version}' where they run): {describe}").format(version=__version__, describe=_describe(e))) from None
    other = {w: v for w, v in versions.items() if v != __version__}
    if other:
        listed = ", ".join(f"{w} has {v}" for w, v in sorted(other.items()))
        raise DistributedError(_('the Dask workers run another citelint version than {version}: {listed}').format(version=__version__, listed=listed))


# --- what the workers run ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    """What every task of one run shares: sent to each worker once."""

    options: Options
    cwd: str  # the caller's working directory: what relative names are relative to


def _same_directory(paths: Iterable[str], cwd: str) -> None:
    here = os.getcwd()
    if here == cwd:
        return
    relative = next((p for p in paths if not os.path.isabs(p)), None)
    if relative is not None:
        raise DistributedError(
            _('a Dask worker runs in {here}, not in {cwd}, so it would read another file than {relative!r}: name the files by absolute paths, or start the workers in {cwd}').format(here=here, cwd=cwd, relative=relative))


def _check_batch(paths: list[str], job: _Job) -> list[tuple[bytes, str | None]]:
    from .analyse import check_file
    from .runner import pack_report

    _same_directory(paths, job.cwd)
    return [pack_report(check_file(p, job.options)) for p in paths]


def _read_batch(paths: list[str], job: _Job) -> list:
    from ..harvest.generate import read_article

    _same_directory(paths, job.cwd)
    return [read_article(p, job.options) for p in paths]


def _lint_partition(items: Iterable, job: _Job) -> list[FileReport]:
    from ..errors import LoadError
    from ..text.files import document_from_bytes, markup_for
    from .analyse import check_file, input_error, lint_text

    out = []
    for item in items:
        if isinstance(item, (str, os.PathLike)):
            path = os.fspath(item)
            _same_directory([path], job.cwd)
            out.append(check_file(path, job.options))
            continue
        name, text = item
        if isinstance(text, (bytes, bytearray)):
            try:
                text = document_from_bytes(name, bytes(text)).text
            except LoadError as e:
                out.append(input_error(name, "CL901", e.reason, e.line or 1, e.column or 1, job.options.config))
                continue
        out.append(lint_text(text, path=name, markup=markup_for(name), options=job.options))
    return out


# --- batching ----------------------------------------------------------------------------------


def batch_size(n_files: int, n_threads: int) -> int:
    """Files per task: about four tasks per worker thread (so that a slow batch does not leave
    the others idle), between :data:`MIN_BATCH` and :data:`MAX_BATCH` files."""
    if n_files <= 0:
        return 1
    size = math.ceil(n_files / (4 * max(1, n_threads)))
    return max(1, min(MAX_BATCH, max(MIN_BATCH, size), n_files))


def _batches(items: Sequence[str], size: int) -> list[list[str]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _threads(client) -> int:
    try:
        return sum(client.nthreads().values()) or 1
    except Exception:  # noqa: BLE001
        return 1


def _cluster_errors() -> tuple[type[BaseException], ...]:
    from distributed import KilledWorker

    return (KilledWorker, CancelledError, TimeoutError, OSError)


def _in_order(client, fn: Callable, batches: list[list[str]], shared, name: str) -> Iterator[list]:
    """Each batch's results, in the order of the batches, as they arrive; every batch is
    submitted at once.  A cluster failure becomes a :class:`DistributedError`."""
    token = uuid.uuid4().hex
    futures = [client.submit(fn, batch, shared, key=f"citelint-{name}-{token}-{i}", pure=False)
               for i, batch in enumerate(batches)]
    try:
        for i in range(len(futures)):
            try:
                result = futures[i].result()
            except DistributedError:
                raise
            except _cluster_errors() as e:
                raise DistributedError(_('the Dask cluster failed during the run: {describe}').format(describe=_describe(e))) from e
            futures[i] = None  # let the cluster forget what was already handed over
            yield result
    finally:
        client.cancel([f for f in futures if f is not None])


def _scatter(client, value):
    try:
        return client.scatter(value, broadcast=True, hash=False)
    except _cluster_errors() as e:
        raise DistributedError(_('cannot send the options to the Dask workers: {describe}').format(describe=_describe(e))) from e


# --- the library calls -----------------------------------------------------------------------------


def check_paths(paths: Sequence[str], client, options: Options | None = None, *, batch: int | None = None) -> list[FileReport]:
    """``[check_file(p, options) for p in paths]``, computed on the cluster of ``client``: the
    same reports in the same order.  ``paths`` are files (as
    :func:`~citelint.text.files.iter_files` gives them); ``batch`` overrides :func:`batch_size`."""
    return list(iter_check_paths(paths, client, options, batch=batch))


def iter_check_paths(paths: Sequence[str], client, options: Options | None = None, *,
                     batch: int | None = None) -> Iterator[FileReport]:
    """:func:`check_paths`, one report at a time as the batches come back, in order (for output
    that streams).  Every batch is submitted when iteration starts."""
    from .runner import unpack_report

    paths = [os.fspath(p) for p in paths]
    if not paths:
        return
    job = _scatter(client, _Job(options or Options(), os.getcwd()))
    size = batch or batch_size(len(paths), _threads(client))
    batches = _batches(paths, size)
    for names, part in zip(batches, _in_order(client, _check_batch, batches, job, "check")):
        yield from map(unpack_report, part, names)


def lint_bag(bag, options: Options | None = None):
    """A :class:`dask.bag.Bag` of :class:`FileReport`, one per element of ``bag``, lazily.

    An element is a path (``str``: checked as :func:`~citelint.check.analyse.check_file` does)
    or a ``(name, text)`` pair (linted as :func:`~citelint.check.analyse.lint_text` does, the
    markup from the name's suffix; ``bytes`` are decoded as files are).  Without a registry in
    ``options``, only the CL1xx rules run, as for :func:`lint_text`.  The options are one key of
    the graph, computed once and sent to each worker once; the bag's partitions are the tasks
    (``dask.bag.from_sequence(paths, partition_size=256)``)."""
    try:
        from dask import delayed
    except ImportError as e:
        raise DistributedError(_('lint_bag needs dask: {INSTALL_HINT} ({e})').format(INSTALL_HINT=INSTALL_HINT, e=e)) from None
    job = delayed(_Job(options or Options(), os.getcwd()), name=f"citelint-options-{uuid.uuid4().hex}", traverse=False)
    return bag.map_partitions(_lint_partition, job)


def article_reader(client, options: Options | None = None, *, batch: int | None = None,
                   progress: Callable[[str], None] | None = None):
    """A ``reader`` for :func:`citelint.harvest.generate.generate`: :func:`read_article` of every file on
    the cluster, the results in the order of the files (yielded as they arrive, batch by batch).
    ``progress`` is called with each file's path as its result is handed over."""

    def reader(files: list[str]) -> Iterator:
        files = [os.fspath(f) for f in files]
        if not files:
            return
        size = batch or batch_size(len(files), _threads(client))
        batches = _batches(files, size)
        job = _scatter(client, _Job(options or Options(), os.getcwd()))
        for names, part in zip(batches, _in_order(client, _read_batch, batches, job, "read")):
            for name, result in zip(names, part):
                if progress:
                    progress(name)
                yield result

    return reader
