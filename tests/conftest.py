"""What many test modules share: the project's paths, the two registries loaded once, and a
helper that runs the ``citelint`` command line in a subprocess.

The paths are plain constants (tests/ is on ``sys.path``, so a test module imports them with
``from conftest import ROOT, SEEDS``); the registries are session fixtures."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tomllib
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_004 = SEEDS / "004_8b74df4c981ce569.txt"
SHIPPED_REGISTRY = ROOT / "registry"
FIXTURE_REGISTRY = ROOT / "tests" / "fixtures" / "registry"

CITELINT = (sys.executable, "-m", "citelint")

# Variables that would make the output depend on the terminal the tests happen to run in.
_TERMINAL_VARIABLES = {"FORCE_COLOR", "PYTHONIOENCODING", "TTY_COMPATIBLE", "TTY_INTERACTIVE"}


# --- the registries, loaded once (without the cache) ----------------------------------------------
# (citelint is imported when a test asks for one, not when this file is: a module that tests one
# part of the package is collected even while another part does not import)


@pytest.fixture(scope="session")
def shipped_registry():
    """The registry shipped in registry/."""
    from citelint.registry.build import load_registry

    return load_registry(SHIPPED_REGISTRY, use_cache=False)


@pytest.fixture(scope="session")
def fixture_registry():
    """The small registry made for the tests, tests/fixtures/registry."""
    from citelint.registry.build import load_registry

    return load_registry(FIXTURE_REGISTRY, use_cache=False)


# --- a project ------------------------------------------------------------------------------------


def write_config(folder: Path, registry: Path, *lines: str, builtin: bool = False) -> Path:
    """``folder/citelint.toml`` naming ``registry`` (by its absolute path), then ``lines``; the
    built-in registry is turned off unless ``builtin`` (a test's registry is all it knows)."""
    path = folder / "citelint.toml"
    head = [f'registry = "{registry.as_posix()}"'] + ([] if builtin else ["builtin-registry = false"])
    path.write_text("".join(f"{line}\n" for line in (*head, *lines)), encoding="utf-8")
    return path


# --- the command line in a subprocess -------------------------------------------------------------


def _english(environ) -> dict[str, str]:
    """``environ`` without a Vietnamese locale: the tests read citelint's English messages unless
    they ask for Vietnamese (LANG=vi_VN.UTF-8 in ``extra``, or --lang vi)."""
    env = {k: v for k, v in environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    if env.get("LANG", "").lower().startswith("vi"):
        env["LANG"] = "C.UTF-8"
    return env


def citelint_env(cache: Path | None = None, **extra: str) -> dict[str, str]:
    """This process's environment with a wide terminal (COLUMNS=200), the registry cache in
    ``cache`` when given, and ``extra``."""
    env = {**_english(os.environ), "COLUMNS": "200"}
    if cache is not None:
        env["CITELINT_CACHE_DIR"] = str(cache)
    env.update(extra)
    return env


def plain_env(**extra: str) -> dict[str, str]:
    """An environment for byte-exact output: no colour, a dumb 200-column terminal, UTF-8, and
    nothing inherited that forces colour, a terminal or an output encoding; then ``extra``."""
    env = {k: v for k, v in _english(os.environ).items() if k not in _TERMINAL_VARIABLES}
    env.update(COLUMNS="200", NO_COLOR="1", TERM="dumb", PYTHONUTF8="1")
    env.update(extra)
    return env


def run_citelint(*args: str, cwd: Path | None = ROOT, cache: Path | None = None, env: dict[str, str] | None = None,
                 input: str | bytes | None = None, binary: bool = False,
                 timeout: float | None = None) -> subprocess.CompletedProcess:
    """``python -m citelint ARGS`` in ``cwd``, its output captured.

    The environment is ``env`` (by default :func:`citelint_env`), with CITELINT_CACHE_DIR set
    to ``cache`` when given.  Output is text, or with ``binary`` bytes, and then also decoded
    as UTF-8 in ``.out`` and ``.err``."""
    env = citelint_env() if env is None else dict(env)
    if cache is not None:
        env["CITELINT_CACHE_DIR"] = str(cache)
    p = subprocess.run([*CITELINT, *args], cwd=cwd, env=env, input=input, capture_output=True, text=not binary,
                       timeout=timeout, check=False)
    if binary:
        p.out = p.stdout.decode("utf-8")  # type: ignore[attr-defined]
        p.err = p.stderr.decode("utf-8", errors="replace")  # type: ignore[attr-defined]
    return p


# --- the wheel, as users install it ------------------------------------------------------------


def run_captured(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``cmd``; stdout and stderr together in ``.stdout`` (decoded as UTF-8)."""
    return subprocess.run(cmd, check=False, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace", timeout=timeout)


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory) -> Path:
    """citelint's wheel and every wheel its installation needs, built once (needs the index)."""
    directory = tmp_path_factory.mktemp("wheels") / "wheelhouse"
    build_requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    cmd = [sys.executable, "-m", "pip", "wheel", "--disable-pip-version-check", "--wheel-dir", str(directory), str(ROOT),
           *build_requires]
    started = time.monotonic()
    try:
        proc = run_captured(cmd, ROOT, timeout=1500)
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"building the wheelhouse timed out after {e.timeout} s: {' '.join(cmd)}\n{e.output or ''}")
    if proc.returncode != 0:
        pytest.fail(f"building the wheelhouse failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout}")
    wheels = sorted(p.name for p in directory.glob("*.whl"))
    assert any(w.startswith("citelint_vn-") for w in wheels), wheels
    print(f"\nwheelhouse: {len(wheels)} wheels in {time.monotonic() - started:.1f} s")
    return directory




# --- a guard for inputs built to be slow ------------------------------------------------------------


@contextmanager
def finishes_within(seconds: int):
    """Fail, rather than hang, when the block has not finished after ``seconds`` (far more than
    it needs: a guard against quadratic time, not a benchmark).  Where there is no SIGALRM
    (Windows), the block just runs."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def timeout(signum, frame):
        raise TimeoutError(f"not finished after {seconds} s")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
