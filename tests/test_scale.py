"""Parallel checking and the results cache: the same output as a serial run, always."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CITELINT, FIXTURE_REGISTRY, SEEDS, SHIPPED_REGISTRY, run_citelint, write_config


def run(*args, cwd: Path):
    return run_citelint("check", *args, cwd=cwd, cache=cwd / ".registry-cache")


@pytest.fixture
def tree(tmp_path):
    """60 articles in nested folders (the seeds, renamed and edited so that findings differ),
    one binary file, and a configuration naming the shipped registry."""
    write_config(tmp_path, SHIPPED_REGISTRY)
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(60):
        folder = tmp_path / "articles" / f"d{i % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        if i % 7 == 0:
            text += f"\nQuy định số 41-QĐ/TW ngày {1 + i % 27}/11/2021 của Ban Bí thư.\n"
        (folder / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "articles" / "d1" / "photo.txt").write_bytes(b"GIF89a\x00\x01")
    return tmp_path


@pytest.mark.slow  # worker processes over 60 files, three times
@pytest.mark.parametrize("fmt", ["json", "sarif", "concise"])
def test_parallel_output_is_identical_to_serial(tree, fmt):
    serial = run("articles", "--format", fmt, "--jobs", "1", "--no-cache", cwd=tree)
    parallel = run("articles", "--format", fmt, "--jobs", "2", "--no-cache", cwd=tree)
    assert serial.returncode == parallel.returncode == 1  # CL302, CL301 and the binary file
    assert parallel.stdout == serial.stdout
    assert "CL901" in serial.stdout and "CL302" in serial.stdout


def test_cached_output_is_identical_and_the_cache_is_used(tree):
    serial = run("articles", "--format", "json", "--jobs", "1", "--no-cache", cwd=tree)
    assert not (tree / ".citelint_cache").exists()  # --no-cache writes nothing
    cold = run("articles", "--format", "json", "--jobs", "2", cwd=tree)
    db = tree / ".citelint_cache" / "results.sqlite"
    assert db.exists() and (tree / ".citelint_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 60  # not the unreadable file
    warm = run("articles", "--format", "json", "--jobs", "2", cwd=tree)
    warm_serial = run("articles", "--format", "json", "--jobs", "1", cwd=tree)
    assert cold.stdout == warm.stdout == warm_serial.stdout == serial.stdout
    # a file whose size and modification time did not change is taken from the cache unread
    path = tree / "articles" / "d0" / "a00.txt"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ngày 1/11/2021", "ngày 2/11/2021"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert run("articles", "--format", "json", cwd=tree).stdout == serial.stdout


def test_a_changed_file_is_checked_again(tree):
    run("articles", "--format", "json", cwd=tree)
    path = tree / "articles" / "d0" / "a00.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("của Ban Bí thư", "của Bộ Chính trị"), encoding="utf-8")
    cached = run("articles", "--format", "json", cwd=tree)
    fresh = run("articles", "--format", "json", "--no-cache", cwd=tree)
    assert cached.stdout == fresh.stdout
    assert "a00.txt" not in [line for line in cached.stdout.splitlines() if "CL302" in line]


@pytest.mark.slow  # several full runs over 60 files
def test_configuration_and_registry_changes_invalidate(tree):
    first = run("articles", "--format", "concise", cwd=tree)
    assert "CL302" in first.stdout
    write_config(tree, SHIPPED_REGISTRY, 'ignore = ["CL302"]')
    ignored = run("articles", "--format", "concise", cwd=tree)
    assert "CL302" not in ignored.stdout and ignored.stdout == run("articles", "--format", "concise", "--no-cache", cwd=tree).stdout
    # a registry that lacks 41-QĐ/TW: the citations become unknown (CL201), not cached conflicts
    registry = tree / "registry"
    shutil.copytree(SHIPPED_REGISTRY, registry)
    docs = (registry / "documents.yaml").read_text(encoding="utf-8")
    start = docs.index("  - id: tw-qd-41-2021")
    end = docs.index("  - id:", start + 10)
    (registry / "documents.yaml").write_text(docs[:start] + docs[end:], encoding="utf-8")
    (tree / "citelint.toml").write_text('registry = "registry"\nbuiltin-registry = false\n', encoding="utf-8")
    changed = run("articles", "--format", "concise", cwd=tree)
    assert changed.stdout == run("articles", "--format", "concise", "--no-cache", cwd=tree).stdout
    assert "41-QĐ/TW is not in the registry" in changed.stdout


@pytest.mark.slow  # concurrent processes
def test_concurrent_processes_share_the_cache(tree):
    env = {**os.environ, "CITELINT_CACHE_DIR": str(tree / ".registry-cache")}
    cmd = [*CITELINT, "check", "articles", "--format", "json", "--jobs", "1"]
    procs = [subprocess.Popen(cmd, cwd=tree, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [p.communicate(timeout=120) for p in procs]
    reference = run("articles", "--format", "json", "--no-cache", cwd=tree).stdout
    assert all(out == reference for out, _ in outputs), [err for _, err in outputs]
    assert not any("Traceback" in err for _, err in outputs)
    with sqlite3.connect(tree / ".citelint_cache" / "results.sqlite") as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 60


@pytest.mark.slow  # several full runs over 60 files
def test_a_file_named_from_another_directory_is_reported_under_that_name(tree):
    run("articles", "--format", "json", cwd=tree)  # cached under the names relative to tree
    elsewhere = tree / "elsewhere"
    elsewhere.mkdir()
    for fmt in ("json", "concise"):
        cached = run("../articles", "--format", fmt, cwd=elsewhere)
        fresh = run("../articles", "--format", fmt, "--no-cache", cwd=elsewhere)
        assert cached.stdout == fresh.stdout
    assert '"path": "../articles/d0/a00.txt"' in cached.stdout or "../articles/d0/a00.txt" in cached.stdout
    assert "\narticles/" not in "\n" + cached.stdout


def test_a_warm_parallel_run_starts_no_workers(tree, monkeypatch):
    from citelint.check import runner as check_module
    from citelint.check.results_cache import ResultCache, settings_key
    from citelint.config import Options, load_config
    from citelint.registry.build import load_registry

    monkeypatch.chdir(tree)
    (tree / "articles" / "d1" / "photo.txt").unlink()  # unreadable files are never cached
    config = load_config(tree / "citelint.toml")
    registry = load_registry(SHIPPED_REGISTRY)
    key = settings_key(Options(config=config, registry=registry))
    cold = list(check_module.check_paths(["articles"], Options(config=config, registry=registry), jobs=2, cache=ResultCache(tree / ".citelint_cache", key)))

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for files the cache holds")

    monkeypatch.setattr("multiprocessing.get_context", no_pool)
    warm = list(check_module.check_paths(["articles"], Options(config=config, registry=registry), jobs=2, cache=ResultCache(tree / ".citelint_cache", key)))
    def fields(r):
        return r.path, r.diagnostics, r.context, r.citations, r.resolved

    assert [fields(r) for r in warm] == [fields(r) for r in cold]
    assert all(r.source is not None for r in warm if r.diagnostics)  # re-read for code frames
    assert sum(1 for r in warm if r.diagnostics) >= 9


@pytest.mark.parametrize("context", [
    None,
    {"date": "2021-11-30", "year": 2021, "date_source": "header (line 3)", "jurisdiction": "Hà Nội",
     "jurisdiction_source": "text (line 9)"},
    {"year": 2018, "date_source": "text (line 2)"},
])
def test_a_report_without_findings_is_stored_compactly_and_loads_equal(context):
    from citelint.check.results_cache import decode_report, encode_report
    from citelint.diagnostics import ArticleContext, FileReport
    from citelint.records import from_json, replace, to_json

    report = FileReport(path="a/b.txt", context=from_json(ArticleContext, context) if context else None, citations=3, resolved=2,
                        source="text")
    blob = encode_report(report)
    assert blob[:1] == b"J"  # a JSON array of plain values, not a model
    loaded = decode_report(blob, "c/b.txt")
    assert loaded == replace(report, path="c/b.txt", source=None)
    assert from_json(FileReport, to_json(loaded)) == loaded


def test_an_unusable_cache_directory_does_not_stop_the_check(tree):
    (tree / ".citelint_cache").write_text("not a directory\n", encoding="utf-8")
    result = run("articles", "--format", "json", cwd=tree)
    assert result.stdout == run("articles", "--format", "json", "--no-cache", cwd=tree).stdout
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "warning: the results cache was not used:" in result.stderr and ".citelint_cache" in result.stderr


def test_a_damaged_cache_entry_is_checked_again(tree):
    reference = run("articles", "--format", "json", cwd=tree)
    with sqlite3.connect(tree / ".citelint_cache" / "results.sqlite") as con:
        con.execute("UPDATE results SET report = X'50FFFF'")
    again = run("articles", "--format", "json", cwd=tree)
    assert again.stdout == reference.stdout and "Traceback" not in again.stderr


def test_the_public_names_survive_lazy_importing():
    # `check` imports the extractor only when a file needs it, so the cached warm path loads no
    # grammar; the package's public names are the functions and models, whatever was imported first.
    code = (
        "import sys, citelint.check.analyse, citelint.cli.main\n"
        "assert 'lark' not in sys.modules and 'citelint.find.extract' not in sys.modules\n"
        "import citelint.find.extract\n"
        "from citelint import extract, FileResult, Citation\n"
        "import citelint\n"
        "assert citelint.extract is extract and callable(extract) and extract.__module__ == 'citelint.find.extract'\n"
        "assert [c.symbol for c in extract('Theo Nghị định 30/2020/NĐ-CP.')] == ['30/2020/NĐ-CP']\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_workers_started_by_spawn_give_the_same_reports(tree, monkeypatch):
    # Windows and macOS start workers as new interpreters: the options travel to each one.
    from citelint.check import runner as check_module
    from citelint.config import Options, load_config
    from citelint.registry.build import load_registry
    from citelint.report.formats import diagnostic_records

    monkeypatch.chdir(tree)
    config = load_config(tree / "citelint.toml")
    registry = load_registry(SHIPPED_REGISTRY)
    serial = list(check_module.check_paths(["articles"], Options(config=config, registry=registry), jobs=1))
    monkeypatch.setattr(check_module, "start_method", lambda: "spawn")
    spawned = list(check_module.check_paths(["articles"], Options(config=config, registry=registry), jobs=2))
    assert [r.path for r in spawned] == [r.path for r in serial]
    assert diagnostic_records(spawned) == diagnostic_records(serial)
    assert sum(len(r.diagnostics) for r in spawned) >= 10


def test_a_touched_but_unchanged_file_is_reused_and_takes_the_new_time(tree):
    reference = run("articles", "--format", "json", cwd=tree)
    path = tree / "articles" / "d0" / "a00.txt"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert run("articles", "--format", "json", cwd=tree).stdout == reference.stdout
    with sqlite3.connect(tree / ".citelint_cache" / "results.sqlite") as con:
        (mtime,) = con.execute("SELECT mtime_ns FROM results WHERE path = ?", (str(path.resolve()),)).fetchone()
    assert mtime == path.stat().st_mtime_ns


def test_a_crafted_results_cache_runs_no_code(tmp_path):
    # a results cache is in the project, where anyone who can commit can write it: its entries
    # are data (JSON), and anything else (a pickle, as older versions wrote) is a miss
    import pickle
    import sqlite3

    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    write_config(tmp_path, FIXTURE_REGISTRY)
    (tmp_path / "a.txt").write_text("Quy định số 41-QĐ/TƯ ngày 3/11/2021 của Ban Bí thư.\n", encoding="utf-8")
    first = run_citelint("check", "a.txt", "--format", "concise", cwd=tmp_path, cache=tmp_path / ".registry-cache")
    db = sqlite3.connect(tmp_path / ".citelint_cache" / "results.sqlite")
    assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 1
    db.execute("UPDATE results SET report = ?", (b"P" + pickle.dumps(Evil()),))
    db.commit()
    db.close()
    again = run_citelint("check", "a.txt", "--format", "concise", cwd=tmp_path, cache=tmp_path / ".registry-cache")
    assert not marker.exists()
    assert again.stdout == first.stdout and again.returncode == first.returncode == 1
    # a forged JSON entry that is no report is a miss too
    db = sqlite3.connect(tmp_path / ".citelint_cache" / "results.sqlite")
    db.execute("UPDATE results SET report = ?", (b'R{"path": 5}',))
    db.commit()
    db.close()
    assert run_citelint("check", "a.txt", "--format", "concise", cwd=tmp_path, cache=tmp_path / ".registry-cache").stdout == first.stdout


def test_the_registry_cache_is_data_only(tmp_path):
    import json

    cache = tmp_path / "cache"
    write_config(tmp_path, FIXTURE_REGISTRY)
    (tmp_path / "a.txt").write_text("Quy định số 41-QĐ/TW ngày 3/11/2021 của Bộ Chính trị.\n", encoding="utf-8")
    assert run_citelint("check", "a.txt", cwd=tmp_path, cache=cache).returncode == 0
    (written,) = cache.glob("registry-*")
    digest, body = written.read_text(encoding="utf-8").split("\n", 1)  # its SHA-256, then plain JSON
    assert written.suffix == ".json" and json.loads(body)["format"] and len(digest) == 64
    written.write_bytes(b"\x00garbage")  # damaged: a miss, the registry is read again
    result = run_citelint("check", "a.txt", "--format", "concise", cwd=tmp_path, cache=cache)
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_a_warm_run_reads_no_file_when_its_format_prints_no_text(tree, monkeypatch):
    from citelint.check import runner as check_module
    from citelint.check.results_cache import ResultCache, settings_key
    from citelint.config import Options, load_config
    from citelint.registry.build import load_registry

    monkeypatch.chdir(tree)
    config = load_config(tree / "citelint.toml")
    registry = load_registry(SHIPPED_REGISTRY)
    options = Options(config=config, registry=registry)
    key = settings_key(options)
    cold = list(check_module.check_paths(["articles"], options, cache=ResultCache(tree / ".citelint_cache", key)))
    read = []
    real = check_module.load_document
    monkeypatch.setattr(check_module, "load_document", lambda p: read.append(p) or real(p))
    warm = list(check_module.check_paths(["articles"], options, cache=ResultCache(tree / ".citelint_cache", key), text=False))
    assert [(r.path, r.diagnostics) for r in warm] == [(r.path, r.diagnostics) for r in cold]
    assert sum(1 for r in warm if r.diagnostics) >= 9 and read == []  # no file read again for JSON
    list(check_module.check_paths(["articles"], options, cache=ResultCache(tree / ".citelint_cache", key), text=True))
    assert len(read) >= 9  # the full report's code frames need them
