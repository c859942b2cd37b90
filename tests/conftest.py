"""What many test modules share: the project's paths, the two registries loaded once, and a
helper that runs the ``citelint`` command line in a subprocess.

The paths are plain constants (tests/ is on ``sys.path``, so a test module imports them with
``from conftest import ROOT, SEEDS``); the registries are session fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
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


def write_config(folder: Path, registry: Path, *lines: str) -> Path:
    """``folder/citelint.toml`` naming ``registry`` (by its absolute path), then ``lines``."""
    path = folder / "citelint.toml"
    path.write_text("".join(f"{line}\n" for line in (f'registry = "{registry.as_posix()}"', *lines)), encoding="utf-8")
    return path


# --- the command line in a subprocess -------------------------------------------------------------


def citelint_env(cache: Path | None = None, **extra: str) -> dict[str, str]:
    """This process's environment with a wide terminal (COLUMNS=200), the registry cache in
    ``cache`` when given, and ``extra``."""
    env = {**os.environ, "COLUMNS": "200"}
    if cache is not None:
        env["CITELINT_CACHE_DIR"] = str(cache)
    env.update(extra)
    return env


def plain_env(**extra: str) -> dict[str, str]:
    """An environment for byte-exact output: no colour, a dumb 200-column terminal, UTF-8, and
    nothing inherited that forces colour, a terminal or an output encoding; then ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in _TERMINAL_VARIABLES}
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
