"""The pre-commit hooks (`.pre-commit-hooks.yaml`), run by the real pre-commit program.

pre-commit installs a ``language: python`` hook by cloning the hook repository and running
``pip install .`` in a fresh virtualenv.  To do that offline, a wheelhouse is built once per
session (citelint's wheel, its dependencies' and its build backend's: ``pip install .`` builds
citelint from source in an isolated build environment, so hatchling must be there too), and
every pre-commit call runs with ``PIP_NO_INDEX=1 PIP_FIND_LINKS=<wheelhouse>`` and its own
``PRE_COMMIT_HOME``.  Building the wheelhouse needs the package index; everything after it does
not.

The hook repository is a git repository made from a copy of this working tree (the published
``.pre-commit-hooks.yaml`` is read from it); each test makes a user's repository with a
``citelint.toml`` naming a registry (a copy of tests/fixtures/registry) and a
``.pre-commit-config.yaml`` using the hook at that repository's commit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURE_REGISTRY, ROOT, run_captured

pytestmark = pytest.mark.slow  # the real pre-commit on a real git repository: run with -m slow

HEADER = "Thứ Sáu, 19/11/2021, 10:43\n\n"
# 41-QĐ/TW was issued by the Politburo (Bộ Chính trị), not the Secretariat: CL302, an error.
WRONG_ISSUER = HEADER + "Quy định số 41-QĐ/TW ngày 3/11/2021 của Ban Bí thư.\n"
CLEAN = HEADER + "Quy định số 41-QĐ/TW ngày 3/11/2021 của Bộ Chính trị.\n"

# What a copy of the working tree leaves out (besides what .gitignore keeps out of the commit).
_NOT_COPIED = {".git", ".venv", ".hypothesis", ".pytest_cache", ".ruff_cache", "__pycache__", "build", "dist", ".work"}


def _git(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    proc = run_captured(["git", *args], cwd, env)
    assert proc.returncode == 0, f"git {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}"
    return proc.stdout.strip()


def _pre_commit(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return run_captured([sys.executable, "-m", "pre_commit", *args], cwd, env)


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# --- session fixtures: the wheelhouse, the hook repository, pre-commit's environment ----------


@pytest.fixture(scope="session")
def base_env(tmp_path_factory, wheelhouse) -> dict[str, str]:
    """The environment of every git and pre-commit call: offline installs, an isolated
    PRE_COMMIT_HOME, an isolated git configuration, and no citelint on PATH but the hook's."""
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.fail("pre-commit is not installed: pip install -e '.[dev]'")
    home = tmp_path_factory.mktemp("precommit-home")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT", "PIP_", "VIRTUALENV_", "CITELINT_"))
           and k not in ("FORCE_COLOR", "NO_COLOR", "PYTHONPATH", "PYTHONHOME")}
    if sys.prefix != sys.base_prefix:  # the test runs in a venv holding citelint: keep its bin off PATH
        venv_bin = str(Path(sys.executable).parent)
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p and p != venv_bin)
        env.pop("VIRTUAL_ENV", None)
    gitconfig = home / "gitconfig"
    gitconfig.write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[core]\n\tautocrlf = false\n",
                         encoding="utf-8")
    env.update(
        PIP_CONFIG_FILE=os.devnull,  # no pip.conf: its find-links or index would hide a wheel missing from the wheelhouse
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PRE_COMMIT_HOME=str(home / "pre-commit-cache"),
        VIRTUALENV_NO_PERIODIC_UPDATE="1",
        VIRTUALENV_OVERRIDE_APP_DATA=str(home / "virtualenv-app-data"),
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        CITELINT_CACHE_DIR=str(home / "citelint-cache"),
    )
    return env


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory, base_env) -> tuple[Path, str]:
    """A git repository holding a copy of this working tree: (its path, the commit's sha)."""
    repo = tmp_path_factory.mktemp("precommit-hook-repo") / "citelint"
    shutil.copytree(ROOT, repo, symlinks=True, ignore=lambda _dir, names: [n for n in names if n in _NOT_COPIED
                                                                           or n.endswith((".pyc", ".egg-info"))])
    assert (repo / ".pre-commit-hooks.yaml").read_bytes() == (ROOT / ".pre-commit-hooks.yaml").read_bytes()
    _git(["init", "-q"], repo, base_env)
    _git(["config", "user.name", "citelint tests"], repo, base_env)
    _git(["config", "user.email", "tests@citelint.invalid"], repo, base_env)
    _git(["add", "-A"], repo, base_env)
    _git(["commit", "-q", "-m", "citelint"], repo, base_env)
    return repo, _git(["rev-parse", "HEAD"], repo, base_env)


@pytest.fixture(scope="session")
def installed(tmp_path_factory, base_env, hook_repo) -> dict[str, str]:
    """pre-commit's environment for the hooks, installed once, offline (base_env is returned)."""
    repo = _user_repo(tmp_path_factory.mktemp("precommit-install") / "user", base_env, hook_repo, ("citelint", "citelint-fix"))
    started = time.monotonic()
    proc = _pre_commit(["install-hooks"], repo, base_env)
    assert proc.returncode == 0, f"pre-commit install-hooks failed offline ({proc.returncode}):\n{proc.stdout}"
    print(f"\npre-commit install-hooks: {time.monotonic() - started:.1f} s")
    # The hook runs the citelint that pre-commit installed, in its own virtualenv.
    assert list(Path(base_env["PRE_COMMIT_HOME"]).glob("repo*/py_env-*/bin/citelint")), proc.stdout
    return base_env


def _user_repo(path: Path, env: dict[str, str], hook_repo: tuple[Path, str], hooks: tuple[str, ...]) -> Path:
    """A user's repository: citelint.toml naming a registry, a .pre-commit-config.yaml using
    ``hooks`` from the hook repository, all committed."""
    url, sha = hook_repo
    path.mkdir(parents=True)
    _git(["init", "-q"], path, env)
    _git(["config", "user.name", "A Writer"], path, env)
    _git(["config", "user.email", "writer@example.invalid"], path, env)
    shutil.copytree(FIXTURE_REGISTRY, path / "registry")
    (path / "citelint.toml").write_text('registry = "registry"\nbuiltin-registry = false\n', encoding="utf-8")
    (path / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {url}\n"
        f"    rev: {sha}\n"
        "    hooks:\n" + "".join(f"      - id: {h}\n" for h in hooks),
        encoding="utf-8",
    )
    _git(["add", "-A"], path, env)
    _git(["commit", "-q", "-m", "set up citelint"], path, env)
    return path


def _commits(repo: Path, env: dict[str, str]) -> int:
    return int(_git(["rev-list", "--count", "HEAD"], repo, env))


# --- the tests --------------------------------------------------------------------------------


def test_manifest_is_valid(installed):
    proc = _pre_commit(["validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], ROOT, installed)
    assert proc.returncode == 0, proc.stdout


def test_error_fails_the_hook_and_the_commit(tmp_path, installed, hook_repo):
    env = installed
    repo = _user_repo(tmp_path / "user", env, hook_repo, ("citelint",))
    (repo / "articles").mkdir()
    article = repo / "articles" / "quy-dinh-41.md"
    article.write_text(WRONG_ISSUER, encoding="utf-8")
    _git(["add", "articles"], repo, env)

    proc = _pre_commit(["run", "--color", "never", "--files", "articles/quy-dinh-41.md"], repo, env)
    assert proc.returncode == 1, proc.stdout
    assert re.search(r"^citelint\.+Failed$", proc.stdout, re.MULTILINE), proc.stdout
    assert "articles/quy-dinh-41.md:3:1: CL302" in proc.stdout, proc.stdout
    assert "Bộ Chính trị" in proc.stdout, proc.stdout

    proc = _pre_commit(["install"], repo, env)
    assert proc.returncode == 0, proc.stdout
    before = _commits(repo, env)
    proc = run_captured(["git", "commit", "-m", "an article"], repo, env)
    assert proc.returncode != 0, proc.stdout
    assert "articles/quy-dinh-41.md:3:1: CL302" in proc.stdout, proc.stdout
    assert _commits(repo, env) == before, "the commit was made"
    assert "A  articles/quy-dinh-41.md" in _git(["status", "--porcelain"], repo, env)  # still staged, not committed


def test_clean_article_commits(tmp_path, installed, hook_repo):
    env = installed
    repo = _user_repo(tmp_path / "user", env, hook_repo, ("citelint",))
    (repo / "bai-viet.md").write_text(CLEAN, encoding="utf-8")
    _git(["add", "bai-viet.md"], repo, env)
    proc = _pre_commit(["install"], repo, env)
    assert proc.returncode == 0, proc.stdout
    before = _commits(repo, env)
    proc = run_captured(["git", "commit", "-m", "a clean article"], repo, env)
    assert proc.returncode == 0, proc.stdout
    assert re.search(r"^citelint\.+Passed$", proc.stdout, re.MULTILINE), proc.stdout
    assert _commits(repo, env) == before + 1
    assert _git(["status", "--porcelain"], repo, env) == ""


def test_fix_hook_rewrites_only_the_fix(tmp_path, installed, hook_repo):
    env = installed
    repo = _user_repo(tmp_path / "user", env, hook_repo, ("citelint-fix",))
    lines = ["Thứ Sáu, 19/11/2021, 10:43", "", "Quy định số 41-QĐ/TƯ ngày 3/11/2021 của Bộ Chính trị.", ""]
    original = b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8")  # a BOM and CRLF line endings
    fixed = original.replace("41-QĐ/TƯ".encode(), "41-QĐ/TW".encode())
    assert fixed != original and fixed.count(b"\r\n") == 3 and fixed.startswith(b"\xef\xbb\xbf")
    article = repo / "bai-viet.txt"
    article.write_bytes(original)
    _git(["add", "bai-viet.txt"], repo, env)

    proc = _pre_commit(["run", "--color", "never", "--files", "bai-viet.txt"], repo, env)
    assert proc.returncode == 1, proc.stdout
    assert re.search(r"^citelint \(fix\)\.+Failed$", proc.stdout, re.MULTILINE), proc.stdout
    assert "files were modified by this hook" in proc.stdout, proc.stdout
    assert article.read_bytes() == fixed
    assert not [p.name for p in repo.iterdir() if p.name.endswith(".tmp")]  # the atomic write left nothing

    proc = _pre_commit(["run", "--color", "never", "--files", "bai-viet.txt"], repo, env)
    assert proc.returncode == 0, proc.stdout
    assert re.search(r"^citelint \(fix\)\.+Passed$", proc.stdout, re.MULTILINE), proc.stdout
    assert article.read_bytes() == fixed

    # The same through `git commit`: the first commit fails and leaves the fix in the work tree;
    # staging it makes the second one pass.
    article.write_bytes(original)
    _git(["add", "bai-viet.txt"], repo, env)
    assert _pre_commit(["install"], repo, env).returncode == 0
    before = _commits(repo, env)
    proc = run_captured(["git", "commit", "-m", "an article"], repo, env)
    assert proc.returncode != 0, proc.stdout
    assert "files were modified by this hook" in proc.stdout, proc.stdout
    assert _commits(repo, env) == before
    assert article.read_bytes() == fixed
    _git(["add", "bai-viet.txt"], repo, env)
    proc = run_captured(["git", "commit", "-m", "an article"], repo, env)
    assert proc.returncode == 0, proc.stdout
    assert _commits(repo, env) == before + 1
    committed = subprocess.run(["git", "show", "HEAD:bai-viet.txt"], cwd=repo, env=env, stdout=subprocess.PIPE, check=True).stdout
    assert committed == fixed


def test_many_files_in_parallel_batches(tmp_path, installed, hook_repo):
    """40 files: pre-commit splits them across parallel citelint processes (one per CPU), which
    race on creating the registry cache.  Every file's finding is reported; nothing crashes."""
    repo = _user_repo(tmp_path / "user", installed, hook_repo, ("citelint",))
    cache = tmp_path / "shared" / "citelint-cache"  # does not exist yet: the processes race on creating it
    env = {**installed, "CITELINT_CACHE_DIR": str(cache)}
    (repo / "articles").mkdir()
    names = [f"articles/bai-{i:02d}.{'md' if i % 2 else 'txt'}" for i in range(40)]
    for name in names:
        (repo / name).write_text(WRONG_ISSUER, encoding="utf-8")
    _git(["add", "articles"], repo, env)

    proc = _pre_commit(["run", "--color", "never", "--files", *names], repo, env)
    out = proc.stdout
    assert proc.returncode == 1, out
    assert "- exit code: 1" in out, out  # findings; an internal or usage error would be 2
    for bad in ("Traceback", "CL999", "internal error", "exit code: 2"):
        assert bad not in out, out
    missing = [n for n in names if f"{n}:3:1: CL302" not in out]
    assert not missing, f"no finding reported for {missing}:\n{out}"
    # Each citelint process ends with its own summary table: count the processes and their files.
    batches = [int(n) for n in re.findall(r"^\W*articles\W+(\d+)\W*$", out, re.MULTILINE)]
    assert sum(batches) == len(names), out
    if _cpu_count() > 1:
        assert len(batches) > 1, f"pre-commit ran a single process:\n{out}"
    cached = sorted(p.name for p in cache.iterdir())
    assert len(cached) == 1 and re.fullmatch(r"registry-[0-9a-f]{64}\.json", cached[0]), cached
