"""Faults a run must survive without hanging or losing the other files' results."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from citelint.check import runner
from citelint.config import Config, Options


@pytest.fixture
def alarm():
    """Fails the test (instead of hanging the suite) if it runs past the given seconds."""
    def handler(signum, frame):
        raise TimeoutError("the run hung")

    old = signal.signal(signal.SIGALRM, handler)
    yield lambda seconds: signal.alarm(seconds)
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.skipif(runner.start_method() != "fork", reason="the workers inherit the patched checker only when forked")
@pytest.mark.parametrize("files, victim", [(40, 13), (400, 3)])  # 400: batches are still sent after the death
def test_a_killed_worker_costs_its_file_only(tmp_path, monkeypatch, alarm, files, victim):
    for i in range(files):
        (tmp_path / f"a{i:03}.txt").write_text("Theo Quy định 41- QĐ/TW.\n" if i % 2 else "Không có gì.\n", encoding="utf-8")
    name = f"a{victim:03}.txt"
    (tmp_path / name).write_text("die", encoding="utf-8")
    real = runner.check_file

    def check_file(path, options=None):
        if path.endswith(name):
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        return real(path, options)

    monkeypatch.setattr(runner, "check_file", check_file)
    alarm(60)
    reports = list(runner.check_paths([str(tmp_path)], Options(config=Config()), jobs=2))
    assert [os.path.basename(r.path) for r in reports] == [f"a{i:03}.txt" for i in range(files)]
    by_name = {os.path.basename(r.path): [d.code for d in r.diagnostics] for r in reports}
    assert by_name[name] == ["CL999"]
    assert "stopped" in reports[victim].diagnostics[0].message
    monkeypatch.undo()
    serial = {os.path.basename(r.path): [d.code for d in r.diagnostics]
              for r in runner.check_paths([str(tmp_path)], Options(config=Config()), jobs=1) if not r.path.endswith(name)}
    assert {k: v for k, v in by_name.items() if k != name} == serial  # the batch's other files were checked again
    assert by_name["a001.txt"]  # ... and they have findings (CL106)


@pytest.mark.skipif(runner.start_method() != "fork", reason="the workers inherit the patched checker only when forked")
def test_a_batch_sent_after_a_worker_died_goes_to_a_new_pool(tmp_path, monkeypatch, alarm):
    from concurrent.futures import wait

    (tmp_path / "die.txt").write_text("die", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Theo Quy định 41- QĐ/TW.\n", encoding="utf-8")
    real = runner.check_file
    monkeypatch.setattr(runner, "check_file", lambda p, o=None: os.kill(os.getpid(), signal.SIGKILL) if p.endswith("die.txt") else real(p, o))
    alarm(60)
    pool = runner._Pool(Options(config=Config()), 2)
    try:
        dead = pool.submit([str(tmp_path / "die.txt")])
        wait([dead])  # the pool is broken now
        later = pool.submit([str(tmp_path / "ok.txt")])  # sent after the death
        (blob, _source), = later.result()
        assert runner.unpack_report((blob, None), str(tmp_path / "ok.txt")).diagnostics[0].code == "CL106"
    finally:
        pool.close()


def test_jobs_past_four_per_core_are_capped(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text("Không có gì.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "citelint", "check", "--no-cache", "-j", "100000", "--lang", "en", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert f"using {4 * (os.cpu_count() or 1)} processes" in run.stderr


def _as_another_user(cmd: list[str]) -> list[str]:
    """The command as a user without root's power to read anything (as ``nobody`` when run as
    root, which reads mode-000 files and directories)."""
    if os.geteuid() != 0:
        return cmd
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot drop the power to read anything")
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd]


@pytest.fixture
def shared_tree():
    """A directory others may enter (pytest's own tmp_path is private to its user)."""
    top = Path(tempfile.mkdtemp(prefix="citelint-faults-"))
    top.chmod(0o755)
    yield top
    for d, dirs, _ in os.walk(top):
        for name in dirs:
            os.chmod(os.path.join(d, name), 0o755)
    shutil.rmtree(top)


def _tree(top: Path) -> Path:
    tree = top / "articles"
    (tree / "locked").mkdir(parents=True)
    (tree / "a.txt").write_text("Theo Quy định 41- QĐ/TW.\n", encoding="utf-8")
    (tree / "locked" / "b.txt").write_text("Theo Quy định 41- QĐ/TW.\n", encoding="utf-8")
    for p in (tree, tree / "a.txt", tree / "locked", tree / "locked" / "b.txt"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    return tree


CITELINT_CMD = [sys.executable, "-m", "citelint"]


def test_an_unreadable_directory_in_the_tree_is_reported_not_skipped(shared_tree):
    tree = _tree(shared_tree)
    (tree / "locked").chmod(0)
    run = subprocess.run(_as_another_user([*CITELINT_CMD, "check", "--no-cache", "--lang", "en", "--format", "concise", "articles"]),
                         capture_output=True, text=True, cwd=shared_tree, timeout=120, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert run.returncode == 1, run.stdout + run.stderr  # not clean: a file it could not see
    assert "articles/locked:1:1: CL901" in run.stdout and "permission denied" in run.stdout
    assert "articles/a.txt:1:17: CL106" in run.stdout
    assert "Traceback" not in run.stderr


def test_an_unreadable_directory_named_on_the_command_line_is_an_error_not_a_traceback(shared_tree):
    tree = _tree(shared_tree)
    tree.chmod(0)
    run = subprocess.run(_as_another_user([*CITELINT_CMD, "check", "--no-cache", "--lang", "en", "--format", "concise", "articles"]),
                         capture_output=True, text=True, cwd=shared_tree, timeout=120, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode in (1, 2)
    assert "articles" in run.stdout + run.stderr and "ermission denied" in run.stdout + run.stderr


def test_a_fifo_in_the_tree_is_not_read(tmp_path, alarm):
    (tmp_path / "a.txt").write_text("Theo Quy định 41- QĐ/TW.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    alarm(60)
    from citelint.text.files import iter_files

    assert list(iter_files([str(tmp_path)])) == [str(tmp_path / "a.txt")]
    run = subprocess.run([*CITELINT_CMD, "check", "--no-cache", "--format", "concise", str(tmp_path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "CL106" in run.stdout


# --- writes: symbolic links, ownership, concurrent edits ------------------------------------

BAD = "Theo Quy định 41- QĐ/TW.\n"  # CL106, a safe fix
GOOD = "Theo Quy định 41-QĐ/TW.\n"


def citelint(*args, cwd, check=None):
    run = subprocess.run([*CITELINT_CMD, *args, "--lang", "en"],
                         capture_output=True, text=True, cwd=cwd, timeout=120,
                         env={**os.environ, "CITELINT_CACHE_DIR": str(Path(cwd) / ".registry-cache")})
    if check is not None:
        assert run.returncode == check, run.stdout + run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    return run


@pytest.fixture
def project(tmp_path):
    top = tmp_path / "project"
    top.mkdir()
    (top / "citelint.toml").write_text("# a project\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    return top, outside


def test_a_configured_baseline_linked_outside_the_project_is_not_written(project):
    top, outside = project
    (top / "a.txt").write_text(BAD, encoding="utf-8")
    (top / "citelint.toml").write_text('baseline = "citelint-baseline.json"\n', encoding="utf-8")
    victim = outside / "victim.json"  # a dangling link: writing it would create a file there
    (top / "citelint-baseline.json").symlink_to(victim)
    run = citelint("check", "--no-cache", "--write-baseline", "a.txt", cwd=top, check=2)
    assert "outside" in run.stderr and "citelint-baseline.json" in run.stderr
    assert not victim.exists() and list(outside.iterdir()) == []
    assert (top / "citelint-baseline.json").is_symlink()


def test_a_baseline_named_on_the_command_line_is_written_through_its_link(project):
    top, outside = project
    (top / "a.txt").write_text(BAD, encoding="utf-8")
    real = outside / "base.json"
    (top / "mine.json").symlink_to(real)
    citelint("check", "--no-cache", "--baseline", "mine.json", "--write-baseline", "a.txt", cwd=top, check=0)
    assert (top / "mine.json").is_symlink() and "CL106" in real.read_text(encoding="utf-8")


@pytest.mark.parametrize("link", [".citelint_cache", ".citelint_cache/results.sqlite"])
def test_a_results_cache_linked_elsewhere_is_not_used(project, link):
    top, outside = project
    (top / "a.txt").write_text(GOOD, encoding="utf-8")
    target = outside / "db"
    if link == ".citelint_cache":
        target.mkdir()
    else:
        (top / ".citelint_cache").mkdir()
        target.write_bytes(b"")
    (top / link).symlink_to(target)
    run = citelint("check", "a.txt", cwd=top, check=0)
    assert "results cache was not used" in run.stderr and "symbolic link" in run.stderr
    assert (list(target.iterdir()) == []) if target.is_dir() else target.read_bytes() == b""


def test_a_planted_lock_link_creates_nothing_elsewhere(project):
    top, outside = project
    (top / "reg").mkdir()
    (top / "a.txt").write_text(GOOD, encoding="utf-8")
    (top / "reg" / ".generated.yaml.lock").symlink_to(outside / "created")
    run = citelint("registry", "generate", "a.txt", "--into", "reg", cwd=top, check=2)
    assert "generated.yaml.lock" in run.stderr
    assert not (outside / "created").exists()


def test_a_configured_registry_outside_the_project_is_not_generated_into(project):
    top, outside = project
    (top / "citelint.toml").write_text(f'registry = "{outside}"\nbuiltin-registry = false\n', encoding="utf-8")
    (top / "a.txt").write_text("Theo Quy định số 41-QĐ/TW ngày 3/11/2021 của Bộ Chính trị.\n", encoding="utf-8")
    run = citelint("registry", "generate", "a.txt", cwd=top, check=2)
    assert "outside" in run.stderr
    assert list(outside.iterdir()) == [] or all(p.name.startswith(".") and p.name.endswith(".lock") for p in outside.iterdir())
    # named on the command line, the same directory is written
    citelint("registry", "generate", "a.txt", "--into", str(outside), cwd=top, check=0)
    assert (outside / "generated.yaml").exists()


def test_fix_keeps_a_link_a_link_and_writes_outside_only_when_named(project):
    top, outside = project
    (top / "real.txt").write_text(BAD, encoding="utf-8")
    (top / "link.txt").symlink_to(top / "real.txt")
    far = outside / "far.txt"
    far.write_text(BAD, encoding="utf-8")
    (top / "far-link.txt").symlink_to(far)
    run = citelint("check", "--no-cache", "--fix", ".", cwd=top, check=2)
    assert (top / "link.txt").is_symlink() and (top / "real.txt").read_text(encoding="utf-8") == GOOD
    assert far.read_text(encoding="utf-8") == BAD and "far-link.txt" in run.stderr and "outside" in run.stderr
    citelint("check", "--no-cache", "--fix", "far-link.txt", cwd=top, check=0)
    assert (top / "far-link.txt").is_symlink() and far.read_text(encoding="utf-8") == GOOD


def test_fix_leaves_read_only_and_other_users_files_alone_and_goes_on(project):
    top, _ = project
    for name in ("a.txt", "ro.txt", "theirs.txt", "z.txt"):
        (top / name).write_text(BAD, encoding="utf-8")
    (top / "ro.txt").chmod(0o444)
    if os.geteuid() == 0:
        os.chown(top / "theirs.txt", 65534, 65534)
    run = citelint("check", "--no-cache", "--fix", "--format", "concise", ".", cwd=top)
    assert (top / "a.txt").read_text(encoding="utf-8") == GOOD and (top / "z.txt").read_text(encoding="utf-8") == GOOD
    assert (top / "ro.txt").read_text(encoding="utf-8") == BAD and oct((top / "ro.txt").stat().st_mode & 0o777) == "0o444"
    assert "ro.txt: not fixed: it is read-only" in run.stderr
    if os.geteuid() == 0:
        assert (top / "theirs.txt").read_text(encoding="utf-8") == BAD and (top / "theirs.txt").stat().st_uid == 65534
        assert "theirs.txt: not fixed: it belongs to another user" in run.stderr
    assert "ro.txt:1:17: CL106" in run.stdout  # still reported


def test_fix_reports_every_file_when_one_cannot_be_written(shared_tree):
    top = shared_tree
    sub = top / "sub"
    sub.mkdir()
    for p in (top / "a.txt", sub / "b.txt", top / "z.txt"):
        p.write_text(BAD, encoding="utf-8")
    if os.geteuid() == 0:  # the files are nobody's, who runs the fix
        for p in (top, sub, top / "a.txt", sub / "b.txt", top / "z.txt"):
            os.chown(p, 65534, 65534)
    sub.chmod(0o555)  # its file may be read, not replaced
    run = subprocess.run(_as_another_user([*CITELINT_CMD, "check", "--no-cache", "--fix", "--format", "concise", ".", "--lang", "en"]),
                         capture_output=True, text=True, cwd=top, timeout=120,
                         env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "CITELINT_CACHE_DIR": str(top / ".cache")})
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert "sub/b.txt: cannot write" in run.stderr and "sub/b.txt:1:17: CL106" in run.stdout
    assert (top / "a.txt").read_text(encoding="utf-8") == GOOD and (top / "z.txt").read_text(encoding="utf-8") == GOOD
    assert (sub / "b.txt").read_text(encoding="utf-8") == BAD


def test_fix_does_not_lose_an_edit_made_meanwhile(tmp_path):
    from citelint.check.analyse import lint_text
    from citelint.check.fixes import fix_file, write_fixed
    from citelint.fs import ChangedMeanwhile

    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    result = fix_file(str(path), lambda t: list(lint_text(t, path=str(path)).diagnostics))
    assert result.changed
    path.write_text(BAD + "Một đoạn mới.\n", encoding="utf-8")  # an editor saves meanwhile
    with pytest.raises(ChangedMeanwhile):
        write_fixed(result)
    assert path.read_text(encoding="utf-8") == BAD + "Một đoạn mới.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_fix_keeps_other_programs_temporary_files(project):
    top, _ = project
    (top / "X.md").write_text(BAD, encoding="utf-8")
    (top / ".X.md.swp.tmp").write_text("an editor's", encoding="utf-8")
    citelint("check", "--no-cache", "--fix", "X.md", cwd=top, check=0)
    assert (top / ".X.md.swp.tmp").read_text(encoding="utf-8") == "an editor's"
    assert (top / "X.md").read_text(encoding="utf-8") == GOOD
