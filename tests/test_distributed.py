"""The Dask path (citelint.distributed): the same reports, in the same order, as the local run.

Everything runs on one real LocalCluster of two worker processes, started once for the module."""

from __future__ import annotations

import datetime as dt
import io
import os
import pickle
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a real Dask cluster on this machine: run with -m slow

dd = pytest.importorskip("dask.distributed", reason="the Dask path needs dask[distributed]: pip install -e '.[dev]'")
import dask.bag as db

from citelint.check.analyse import check_file, lint_text
from citelint.config import Config, Options, find_config, load_config
from citelint.distributed import (
    MAX_BATCH,
    DistributedError,
    article_reader,
    batch_size,
    check_paths,
    connect,
    iter_check_paths,
    lint_bag,
)
from citelint.harvest.generate import generate
from citelint.records import replace
from citelint.registry.build import load_registry, registry_files
from citelint.registry.cache import LazyDocuments
from citelint.report.formats import diagnostic_records, write_report
from citelint.text.encoding import decode_bytes
from citelint.text.files import iter_files, markup_for
from conftest import ROOT, SEEDS, SHIPPED_REGISTRY, citelint_env, run_citelint

EXTRA = (
    "\n\nThứ Sáu, 19/11/2021, 10:43\n"
    "Quy định số 41-QĐ/TW ngày 3/11/2021 của Ban Bí thư về miễn nhiệm.\n"
    "Nghị quyết số 15-NQ/TƯ ngày 5/12/2022 của Bộ Chính trị.\n"
    "Theo Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị khóa XII.\n"
    "<!-- citelint-disable-next-line CL201 -->\n"
    "Quyết định số 999-QĐ/TW ngày 1/1/2020.\n"
)


# --- the cluster and the inputs, once per module ----------------------------------------------------


@pytest.fixture(scope="module")
def cluster():
    with dd.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c


@pytest.fixture(scope="module")
def client(cluster):
    with connect(cluster.scheduler_address) as c:
        yield c


@pytest.fixture(scope="module")
def config() -> Config:
    return load_config(find_config(ROOT))


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    """The shipped registry as a check usually gets it: from the cache (documents built lazily)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITELINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        load_registry(SHIPPED_REGISTRY)  # validates and writes the cache
        reg = load_registry(SHIPPED_REGISTRY)  # read back from it
    assert isinstance(reg.documents, LazyDocuments)
    return reg


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """~30 articles made from the seeds: as Markdown with front matter, as HTML, edited, two
    joined, nested with a BOM and CRLF; and files that cannot be read."""
    root = tmp_path_factory.mktemp("articles")
    seeds = sorted(SEEDS.glob("*.txt"))
    for i, seed in enumerate(seeds):
        text = seed.read_text(encoding="utf-8")
        stem = seed.stem
        put = lambda rel, data: (root / rel).parent.mkdir(parents=True, exist_ok=True) or (root / rel).write_bytes(data)
        put(f"plain/{stem}.txt", text.encode("utf-8"))
        put(f"md/{stem}.md", ("---\ndate: 2021-12-01\n---\n# Tiêu đề\n\n" + text).encode("utf-8"))
        paragraphs = "</p>\n<p>".join(text.split("\n\n"))
        put(f"html/{stem}.html", f"<html><body><p>{paragraphs}</p></body></html>\n".encode())
        put(f"edited/{stem}.txt", (text.replace("11/8/2021", "12/8/2021").replace("/2021", "/2022", 1) + EXTRA).encode("utf-8"))
        nxt = seeds[(i + 1) % len(seeds)].read_text(encoding="utf-8")
        put(f"joined/{stem}.txt", (text + "\n\n" + nxt).encode("utf-8"))
        put(f"nested/a/b/{stem}.txt", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    (root / "broken.txt").write_bytes(b"abc \x81\x8d\x90 \xc3(")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    (root / "empty.md").write_bytes(b"")
    return root


@pytest.fixture(scope="module")
def paths(articles) -> list[str]:
    files = list(iter_files([SEEDS, articles]))
    files.append(str(articles / "missing.txt"))  # named, not there: CL901 as in a local run
    assert len(files) >= 35
    return files


def as_sent(reports):
    """Reports as a worker sends them back: the text kept only where findings need it."""
    return [r if r.diagnostics else replace(r, source=None) for r in reports]


def rendered(reports, fmt: str) -> str:
    buf = io.StringIO()
    write_report(reports, fmt, buf)
    return buf.getvalue()


# --- what is shipped pickles -------------------------------------------------------------------------


def test_what_is_shipped_to_the_workers_pickles(config, registry, paths):
    reg2 = pickle.loads(pickle.dumps(registry))
    assert isinstance(reg2.documents, LazyDocuments)
    assert list(reg2.documents) == list(registry.documents)
    assert all(reg2.documents[k] == registry.documents[k] for k in registry.documents)
    assert pickle.loads(pickle.dumps(config)) == config
    for p in paths[:8]:
        local = check_file(p, Options(config=config, registry=registry))
        assert check_file(p, Options(config=config, registry=reg2)) == local
        back = pickle.loads(pickle.dumps(local))
        assert back == local and back.source == local.source


# --- check_paths -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("batch", [None, 3])
def test_check_paths_is_byte_identical_to_the_local_run(client, config, registry, paths, batch):
    local = [check_file(p, Options(config=config, registry=registry)) for p in paths]
    remote = check_paths(paths, client, Options(config=config, registry=registry), batch=batch)
    assert [r.path for r in remote] == paths
    assert remote == as_sent(local)
    assert [r.source for r in remote] == [r.source for r in as_sent(local)]
    assert all(r.source is not None for r in remote if r.diagnostics and r.diagnostics[0].code != "CL901")
    for fmt in ("json", "sarif", "concise"):
        assert rendered(remote, fmt) == rendered(local, fmt), fmt
    # the inputs are varied enough to mean something
    codes = {d.code for r in local for d in r.diagnostics}
    assert {"CL901"} < codes and len(codes) >= 4


def test_check_paths_with_relative_paths_and_options(client, registry, paths):
    config = Config(ignore=("CL111",), severity={"CL201": "error"})
    relative = [os.path.relpath(p) for p in paths[:12]]
    opts = Options(config=config, registry=registry, jurisdiction="Hà Nội", date=dt.date(2022, 3, 1))
    local = [check_file(p, opts) for p in relative]
    assert check_paths(relative, client, opts) == as_sent(local)
    assert check_paths([], client, opts) == []
    without = [check_file(p) for p in relative]
    assert check_paths(relative, client) == as_sent(without)  # no config, no registry: the CL1xx rules


def test_a_worker_elsewhere_refuses_relative_paths(client, tmp_path, monkeypatch, paths):
    """Workers run where they were started; a relative name there is another file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Nghị quyết số 15-NQ/TƯ\n", encoding="utf-8")
    with pytest.raises(DistributedError, match="absolute paths"):
        check_paths(["a.txt"], client)
    assert check_paths([str(tmp_path / "a.txt")], client) == [check_file(str(tmp_path / "a.txt"))]


def test_batches_bound_the_number_of_tasks():
    assert batch_size(80_000, 2) == MAX_BATCH  # 313 tasks, not 80,000
    assert -(-80_000 // batch_size(80_000, 64)) <= 80_000 // 16
    assert batch_size(30, 2) == 16
    assert batch_size(5, 2) == 5
    assert batch_size(1, 8) == 1
    assert batch_size(2_000, 2) == 250  # four tasks per thread


def test_the_cluster_forgets_a_run(client, config, registry, paths):
    check_paths(paths, client, Options(config=config, registry=registry))

    def n_citelint_tasks(dask_scheduler):
        return sum(1 for k in dask_scheduler.tasks if "citelint" in str(k) or "_Job" in str(k))

    deadline = time.monotonic() + 10
    while client.run_on_scheduler(n_citelint_tasks) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert client.run_on_scheduler(n_citelint_tasks) == 0


# --- lint_bag -------------------------------------------------------------------------------------------


def test_lint_bag_of_paths(client, config, registry, paths):
    readable = [p for p in paths if Path(p).is_file() and Path(p).stat().st_size and "broken" not in p and "binary" not in p]
    bag = db.from_sequence(paths, npartitions=4)
    reports = client.compute(lint_bag(bag, Options(config=config, registry=registry))).result()
    assert reports == [check_file(p, Options(config=config, registry=registry)) for p in paths]
    by_path = {r.path: r for r in reports}
    for p in readable:
        text = decode_bytes(Path(p).read_bytes()).text
        local = lint_text(text, path=p, markup=markup_for(p), options=Options(config=config, registry=registry))
        assert diagnostic_records([by_path[p]]) == diagnostic_records([local])


def test_lint_bag_of_names_and_texts(client, config, registry, paths):
    readable = [p for p in paths if Path(p).is_file() and "broken" not in p and "binary" not in p]
    pairs = [(f"news/{i}{Path(p).suffix}", decode_bytes(Path(p).read_bytes()).text) for i, p in enumerate(readable)]
    pairs.append(("raw/bytes.txt", EXTRA.encode("utf-8")))
    pairs.append(("raw/broken.txt", b"abc \x81\x8d\x90 \xc3("))
    bag = db.from_sequence(pairs, npartitions=5)
    lazy = lint_bag(bag, Options(config=config, registry=registry))
    assert isinstance(lazy, db.Bag)
    reports = client.compute(lazy).result()
    local = [lint_text(t, path=n, markup=markup_for(n), options=Options(config=config, registry=registry)) for n, t in pairs[:-2]]
    local.append(lint_text(EXTRA, path="raw/bytes.txt", markup="text", options=Options(config=config, registry=registry)))
    assert reports[:-1] == local
    assert diagnostic_records(reports[:-1]) == diagnostic_records(local)
    assert [d.code for d in reports[-1].diagnostics] == ["CL901"]
    # without a registry: the CL1xx rules only, as lint_text
    plain = client.compute(lint_bag(db.from_sequence(pairs[:6], npartitions=2))).result()
    assert plain == [lint_text(t, path=n, markup=markup_for(n)) for n, t in pairs[:6]]


# --- generate ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reference", ["empty", "shipped"])
def test_generate_with_the_cluster_reader_is_byte_identical(client, articles, tmp_path, reference):
    directory = tmp_path / "registry"
    if reference == "empty":
        directory.mkdir()
    else:
        shutil.copytree(SHIPPED_REGISTRY, directory)
    target = directory / "generated.yaml"
    ref = [(str(p), p.read_bytes()) for p in registry_files(directory)]
    sources = [str(SEEDS), str(articles), str(articles / "missing.txt")]
    local = generate(sources, target, reference_files=ref)
    seen: list[str] = []
    remote = generate(sources, target, reference_files=ref, reader=article_reader(client, batch=4, progress=seen.append))
    assert remote.new_text == local.new_text
    assert (remote.files_read, remote.unreadable, remote.citations_seen) == (local.files_read, local.unreadable, local.citations_seen)
    assert remote.added == local.added and remote.added_issuers == local.added_issuers and remote.enriched == local.enriched
    assert [c.describe() for c in remote.conflicts] == [c.describe() for c in local.conflicts]
    assert seen == list(iter_files(sources))
    if reference == "empty":
        assert local.added and local.conflicts  # the edited copies disagree with the seeds on a date
    # default batches too
    assert generate(sources, target, reference_files=ref, reader=article_reader(client)).new_text == local.new_text


# --- connect ------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connect_where_nothing_listens_fails_fast():
    address = f"tcp://127.0.0.1:{_free_port()}"
    t0 = time.monotonic()
    with pytest.raises(DistributedError, match="cannot connect to the Dask scheduler at " + address) as e:
        connect(address)
    assert time.monotonic() - t0 < 5
    assert "is a scheduler running there?" in str(e.value)
    port = _free_port()
    with pytest.raises(DistributedError, match=f"at 127.0.0.1:{port}: Connection refused"):
        connect(f"127.0.0.1:{port}")  # no scheme: tcp://
    with pytest.raises(DistributedError, match="not a scheduler address"):
        connect("tcp://127.0.0.1:notaport")


def test_connect_to_something_that_is_not_a_scheduler_gives_up_in_time():
    """A peer that accepts and never speaks (Dask's own handshake would wait for ever), and one
    that closes at once."""
    with socket.socket() as silent, socket.socket() as closing:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        closing.bind(("127.0.0.1", 0))
        closing.listen(4)
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        t0 = time.monotonic()
        with pytest.raises(DistributedError, match=f"{address}: no answer within 1 s"):
            connect(address, timeout=1)
        assert time.monotonic() - t0 < 4

        import threading

        def close_each() -> None:
            conn, _ = closing.accept()
            conn.close()

        threading.Thread(target=close_each, daemon=True).start()
        with pytest.raises(DistributedError, match="the connection was closed"):
            connect(f"tcp://127.0.0.1:{closing.getsockname()[1]}", timeout=2)


def test_a_cluster_lost_during_a_run_is_a_distributed_error(paths):
    with dd.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as lost:
        client = connect(lost.scheduler_address)
        try:
            seen = 0
            with pytest.raises(DistributedError, match="the Dask cluster failed during the run"):
                for _ in iter_check_paths(paths * 20, client, batch=8):
                    seen += 1
                    if seen == 20:
                        lost.close()
            assert seen < len(paths) * 20
        finally:
            client.close()


def test_connect_without_dask_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(DistributedError, match=r"pip install 'citelint-vn\[dask\]'"):
        connect("tcp://127.0.0.1:8786")


def test_connect_refuses_workers_of_another_version(cluster, monkeypatch):
    import citelint

    monkeypatch.setattr(citelint, "__version__", "0.0.0-other")
    with pytest.raises(DistributedError, match="another citelint version"):
        connect(cluster.scheduler_address)


# --- the command line: --scheduler ------------------------------------------------------------------------


def _cli(*args, cwd: Path = ROOT, cache: Path | None = None) -> subprocess.CompletedProcess:
    return run_citelint(*args, cwd=cwd, cache=cache, env=citelint_env(NO_COLOR="1"), timeout=120)


# The local runs compared with the cluster's are fresh ones, not answers from the result cache
# (the Dask path does not use it): this module tests the Dask path, not the cache.
NO_CACHE = ("--no-cache",)


@pytest.mark.parametrize("fmt", ["json", "concise"])
def test_cli_check_with_a_scheduler_prints_the_same(cluster, tmp_path, fmt):
    local = _cli("check", "seeds/", "--format", fmt, *NO_CACHE, cache=tmp_path / "cache")
    remote = _cli("check", "seeds/", "--format", fmt, "--scheduler", cluster.scheduler_address, cache=tmp_path / "cache")
    assert local.returncode in (0, 1), local.stderr
    assert remote.returncode == local.returncode, remote.stderr
    assert remote.stdout == local.stdout


def test_cli_check_of_many_files_with_a_scheduler(cluster, tmp_path, articles):
    args = ("check", str(articles), str(SEEDS), "--format", "json", "--config", str(ROOT / "pyproject.toml"), "--no-baseline")
    local = _cli(*args, *NO_CACHE, cache=tmp_path / "cache")
    remote = _cli(*args, "--scheduler", cluster.scheduler_address, cache=tmp_path / "cache")
    assert local.returncode == 1 and remote.returncode == 1, remote.stderr
    assert remote.stdout == local.stdout


def test_cli_check_with_an_unreachable_scheduler(tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = _cli("check", "seeds/", "--scheduler", address, cache=tmp_path / "cache")
    assert result.returncode == 2
    assert f"cannot connect to the Dask scheduler at {address}" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_generate_with_a_scheduler_writes_the_same_file(cluster, tmp_path, articles):
    a, b = tmp_path / "a", tmp_path / "b"
    local = _cli("registry", "generate", str(SEEDS), str(articles), "--into", str(a), cache=tmp_path / "cache")
    remote = _cli("registry", "generate", str(SEEDS), str(articles), "--into", str(b), "--scheduler", cluster.scheduler_address,
                  cache=tmp_path / "cache")
    assert remote.returncode == local.returncode, remote.stderr
    assert (b / "generated.yaml").read_bytes() == (a / "generated.yaml").read_bytes()
    assert remote.stderr.splitlines()[-1] == local.stderr.splitlines()[-1]


def test_cli_generate_with_an_unreachable_scheduler(tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = _cli("registry", "generate", str(SEEDS), "--into", str(tmp_path / "r"), "--scheduler", address,
                  cache=tmp_path / "cache")
    assert result.returncode == 2
    assert f"cannot connect to the Dask scheduler at {address}" in result.stderr
    assert not (tmp_path / "r" / "generated.yaml").exists()
