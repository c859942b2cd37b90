"""`citelint registry generate`: harvesting, merging without losing work, conflicts, safety."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from citelint.find.extract import extract_file
from citelint.registry.build import load_registry
from conftest import ROOT, SEED_004, SEEDS, SHIPPED_REGISTRY, run_citelint, write_config


def run(*args, cwd: Path | None = None):
    return run_citelint("registry", "generate", *args, cwd=cwd or ROOT, cache=(cwd or ROOT) / ".cache-test")


def dated_full_citations_in_seeds() -> set[str]:
    symbols = set()
    for path in SEEDS.glob("*.txt"):
        symbols |= {c.symbol for c in extract_file(str(path)).citations if c.kind in ("party", "state", "law") and c.date}
    return symbols


def test_seeds_into_an_empty_registry(tmp_path):
    target = tmp_path / "registry"
    result = run(str(SEEDS), "--into", str(target))
    assert result.returncode == 0, result.stderr
    registry = load_registry(target, use_cache=False)  # what was written is a valid registry
    assert {d.symbol for d in registry.documents.values()} == dated_full_citations_in_seeds()
    assert len(registry.documents) == 11
    for doc in registry.documents.values():
        assert doc.verified is False
        assert doc.sources and all(":" in s and s.split(":")[0].endswith(".txt") for s in doc.sources)
        assert doc.evidence["articles"] >= 1
    qd24 = next(d for d in registry.documents.values() if d.symbol == "24-QĐ/TW")
    assert qd24.date.isoformat() == "2021-07-30"
    assert registry.issuers[qd24.issuer].name == "Ban Chấp hành Trung ương"
    (date,) = qd24.evidence["date"]
    assert date["value"] == "2021-07-30"
    assert date["sources"] == [os.path.relpath(SEEDS / "004_8b74df4c981ce569.txt", target) + ":6"]
    assert "added 11 entries and 4 issuers" in result.stderr and "0 conflicts" in result.stderr


def test_a_second_run_changes_nothing(tmp_path):
    target = tmp_path / "registry"
    assert run(str(SEEDS), "--into", str(target)).returncode == 0
    first = (target / "generated.yaml").read_bytes()
    mtime = (target / "generated.yaml").stat().st_mtime_ns
    again = run(str(SEEDS), "--into", str(target))
    assert again.returncode == 0 and "unchanged" in again.stderr
    assert (target / "generated.yaml").read_bytes() == first
    assert (target / "generated.yaml").stat().st_mtime_ns == mtime  # not even rewritten


def test_into_the_shipped_registry_adds_nothing_and_finds_no_conflict(tmp_path):
    target = tmp_path / "registry"
    shutil.copytree(SHIPPED_REGISTRY, target)
    before = {str(p.relative_to(target)): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    result = run(str(SEEDS), "--into", str(target))
    assert result.returncode == 0, result.stderr
    assert "added 0 entries" in result.stderr and "0 conflicts" in result.stderr
    # no registry file touched or created; the only new file is the run's (empty, hidden) lock
    after = {str(p.relative_to(target)): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert {k: v for k, v in after.items() if not k.startswith(".")} == before
    assert {k: v for k, v in after.items() if k.startswith(".")} == {".generated.yaml.lock": b""}


ARTICLE_A = "Thứ Hai, 7/2/2022, 09:00\n\nTheo Quy định số 99-QĐ/TW ngày 1/2/2022 của Bộ Chính trị về công tác cán bộ.\n"
ARTICLE_B = "Thứ Ba, 8/2/2022, 10:00\n\nDư luận quan tâm.\nQuy định số 99-QĐ/TW ngày 3/2/2022 của Bộ Chính trị đã nêu rõ.\n"


@pytest.fixture
def shipped(tmp_path):
    target = tmp_path / "registry"
    shutil.copytree(SHIPPED_REGISTRY, target)
    return target


def test_two_articles_disagreeing_on_a_date_is_a_conflict(tmp_path, shipped):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (articles / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    result = run("articles", "--into", "registry", cwd=tmp_path)
    assert result.returncode == 1
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("conflict:")]
    assert line == "conflict: 99-QĐ/TW: the articles disagree on its date: 2022-02-01 (articles/a.txt:3) vs 2022-02-03 (articles/b.txt:4)"
    # the registry records the sources relative to itself
    assert "- ../articles/a.txt:3" in (shipped / "generated.yaml").read_text(encoding="utf-8")
    doc = next(d for d in load_registry(shipped, use_cache=False).documents.values() if d.symbol == "99-QĐ/TW")
    assert doc.date is None  # nothing silently picked
    assert sorted(x["value"] for x in doc.evidence["date"]) == ["2022-02-01", "2022-02-03"]
    assert doc.term == "XIII" and doc.issuer == "tw-bct"


def test_a_date_contradicting_a_verified_entry_is_a_conflict(tmp_path, shipped):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "c.txt").write_text("Thứ Hai, 20/12/2021, 09:00\n\nQuy định số 41-QĐ/TW ngày 3/12/2021 của Bộ Chính trị.\n",
                                    encoding="utf-8")
    documents_before = (shipped / "documents.yaml").read_bytes()
    result = run("articles", "--into", "registry", cwd=tmp_path)
    assert result.returncode == 1
    assert "conflict: 41-QĐ/TW: date 2021-12-03 (articles/c.txt:3) contradicts the verified registry entry: 2021-11-03" in result.stderr
    assert (shipped / "documents.yaml").read_bytes() == documents_before  # a hand-written entry is never touched


def test_hand_edits_comments_and_order_survive_a_merge(tmp_path, shipped):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    assert run(str(articles), "--into", str(shipped)).returncode == 0
    generated = shipped / "generated.yaml"
    text = generated.read_text(encoding="utf-8")
    # someone checks the entry: a comment, the title, verified, quoting and key order of their own
    text = text.replace("documents:\n", "documents:\n  # checked against the Politburo's website, 2026-11-20\n")
    text = text.replace("    issuer: tw-bct\n", "    issuer: 'tw-bct'   # the Politburo\n    title: Về công tác cán bộ (checked)\n")
    text = text.replace("    verified: false\n", "    verified: true\n")
    generated.write_text(text, encoding="utf-8")
    edited = generated.read_text(encoding="utf-8")
    # a new article cites the same document, another cites a new one
    (articles / "b.txt").write_text("Thứ Tư, 9/2/2022, 10:00\n\nQuy định số 99-QĐ/TW ngày 1/2/2022 của Bộ Chính trị về "
                                    "“công tác cán bộ lãnh đạo”; và Chỉ thị số 98-CT/TW ngày 2/2/2022 của Ban Bí thư.\n",
                                    encoding="utf-8")
    result = run(str(articles), "--into", str(shipped))
    assert result.returncode == 0, result.stderr
    merged = generated.read_text(encoding="utf-8")
    assert "  # checked against the Politburo's website, 2026-11-20\n" in merged
    assert "    issuer: 'tw-bct'   # the Politburo\n" in merged
    assert "    title: Về công tác cán bộ (checked)\n" in merged  # not overwritten by the article's title
    assert "    verified: true\n" in merged
    # the hand-edited entry's lines come first and in their order; the new entry is appended
    first_entry = edited[edited.index("  - id: tw-bct-qd-99-2022"):edited.index("    evidence:")]
    assert first_entry in merged
    assert merged.index("tw-bct-qd-99-2022") < merged.index("98-CT/TW")
    assert "added 1 entry" in result.stderr and "enriched 1" in result.stderr
    doc = load_registry(shipped, use_cache=False).documents["tw-bct-qd-99-2022"]
    assert doc.evidence["articles"] == 2 and doc.verified is True


def test_dry_run_and_diff_write_nothing(tmp_path):
    target = tmp_path / "registry"
    dry = run(str(SEEDS), "--into", str(target), "--dry-run")
    assert dry.returncode == 0 and "would add 11 entries" in dry.stderr
    assert not (target / "generated.yaml").exists()
    diff = run(str(SEEDS), "--into", str(target), "--diff")
    assert diff.stdout.startswith(f"--- {target / 'generated.yaml'}\n+++ ")
    assert "+    symbol: 24-QĐ/TW\n" in diff.stdout
    assert not (target / "generated.yaml").exists()


def test_output_file_is_matched_against_the_configured_registry(tmp_path):
    write_config(tmp_path, SHIPPED_REGISTRY)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    shutil.copy(SEED_004, articles / "seed.txt")
    result = run("articles", "-o", "new.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "new.yaml").read_text(encoding="utf-8")
    assert "99-QĐ/TW" in text and "24-QĐ/TW" not in text  # what the registry has is not repeated


def test_killed_between_writing_and_renaming_leaves_the_old_registry(tmp_path):
    target = tmp_path / "registry"
    assert run(str(SEEDS / "002_a21f578245a916a4.txt"), "--into", str(target)).returncode == 0
    before = (target / "generated.yaml").read_bytes()
    script = textwrap.dedent(f"""
        import os, signal, sys
        os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)  # dies after the write, before the rename
        from citelint.cli.main import main
        sys.exit(main(["registry", "generate", {str(SEEDS)!r}, "--into", {str(target)!r}]))
    """)
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={**os.environ, "CITELINT_CACHE_DIR": str(tmp_path / "cache")})
    assert killed.returncode == -9
    assert (target / "generated.yaml").read_bytes() == before
    assert list(target.glob(".generated.yaml.*.tmp"))  # the half-done work is aside, not in place
    assert load_registry(target, use_cache=False).documents  # and the registry still loads
    # the next run completes and clears the leftover
    assert run(str(SEEDS), "--into", str(target)).returncode == 0
    assert not list(target.glob(".generated.yaml.*.tmp"))
    assert (target / "generated.yaml").read_bytes() != before


def test_concurrent_runs_take_turns(tmp_path):
    from citelint.fs import locked

    target = tmp_path / "registry"
    target.mkdir()
    with locked(target / "generated.yaml"):
        proc = subprocess.Popen([sys.executable, "-m", "citelint", "registry", "generate", str(SEEDS), "--into", str(target)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "CITELINT_CACHE_DIR": str(tmp_path / "cache")})
        time.sleep(3)
        assert proc.poll() is None  # waiting for the lock
        assert not (target / "generated.yaml").exists()
    assert proc.wait(timeout=60) == 0
    assert "added 11 entries" in proc.stderr.read()


def test_a_failed_write_is_reported_and_the_old_file_kept(tmp_path):
    target = tmp_path / "registry"
    assert run(str(SEEDS / "002_a21f578245a916a4.txt"), "--into", str(target)).returncode == 0
    before = (target / "generated.yaml").read_bytes()
    script = textwrap.dedent(f"""
        import errno, os, sys
        real_fdopen = os.fdopen
        class Full:  # a file on a full disk: every write fails
            def __init__(self, f): self.f = f
            def __enter__(self): return self
            def __exit__(self, *a): self.f.close()
            def write(self, data): raise OSError(errno.ENOSPC, "No space left on device")
            def flush(self): pass
            def fileno(self): return self.f.fileno()
        os.fdopen = lambda fd, mode: Full(real_fdopen(fd, mode))
        from citelint.cli.main import main
        sys.exit(main(["registry", "generate", {str(SEEDS)!r}, "--into", {str(target)!r}]))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={**os.environ, "CITELINT_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 2
    assert "cannot write (No space left on device); the previous file is unchanged" in result.stderr
    assert (target / "generated.yaml").read_bytes() == before
    assert not list(target.glob(".generated.yaml.*.tmp"))


def test_the_configured_jurisdiction_decides_whose_committee_tu_is(tmp_path):
    # An article that names no place: /TU means the committee of the configured jurisdiction,
    # for `registry generate` as for `check` (the same analysis runs in both).
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "articles" / "a.txt").write_text(
        "Thứ Hai, 7/2/2022, 09:00\n\nChương trình số 05-CTr/TU ngày 1/2/2022 về công tác cán bộ.\n", encoding="utf-8")
    (project / "citelint.toml").write_text('jurisdiction = "Nghệ An"\n', encoding="utf-8")
    result = run("articles", "-o", "generated.yaml", "--no-registry", cwd=project)
    assert result.returncode == 0, result.stderr
    registry = load_registry(project / "generated.yaml", use_cache=False)
    (doc,) = registry.documents.values()
    assert doc.symbol == "05-CTr/TU" and registry.issuers[doc.issuer].jurisdiction == "Nghệ An"
    # --jurisdiction wins over the configuration
    again = run("articles", "-o", "other.yaml", "--no-registry", "--jurisdiction", "Hà Nội", cwd=project)
    assert again.returncode == 0, again.stderr
    (doc,) = load_registry(project / "other.yaml", use_cache=False).documents.values()
    assert load_registry(project / "other.yaml", use_cache=False).issuers[doc.issuer].jurisdiction == "Hà Nội"
