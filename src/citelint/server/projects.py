"""The configuration, registry and baseline that apply to each open document, loaded once and
reloaded when their files change."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp

from ..check.baseline import Baseline
from ..config import Config, Options, find_config, load_config
from ..errors import BaselineError, ConfigError, RegistryInvalid
from ..fs import path_matches
from ..i18n import language_from_environment
from ..registry.build import load_layered, registry_files
from ..registry.index import Registry


@dataclass
class Settings:
    """What applies to one document: its configuration, registry and baseline."""

    config: Config
    registry: Registry | None = None
    baseline: Baseline | None = None
    excluded: bool = False

    @property
    def options(self) -> Options:
        return Options(config=self.config, registry=self.registry)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class Projects:
    """Configurations, registries and baselines, loaded once and reloaded when their files
    change (modification time and size).  Used from the lint thread only."""

    def __init__(self) -> None:
        self._configs: dict[Path, tuple[Any, Config | ConfigError]] = {}
        self._registries: dict[tuple[Path | None, bool], tuple[Any, Registry | None]] = {}
        self._baselines: dict[Path, tuple[Any, Baseline | None]] = {}
        self.messages: list[tuple[lsp.MessageType, str]] = []  # problems to tell the user, once each

    def _note(self, kind: lsp.MessageType, message: str) -> None:
        self.messages.append((kind, message))

    def settings_for(self, path: str | None) -> Settings:
        config_path = find_config(Path(path)) if path is not None else None
        locale = language_from_environment()  # the editor's locale, unless the configuration says
        if config_path is None:  # no configuration: the built-in registry alone
            return Settings(Config(lang=locale), registry=self._registry(None, builtin=True))
        config = self._config(config_path)
        if config is None:  # a broken configuration: said, and only the CL1xx rules run
            return Settings(Config(lang=locale))
        return Settings(
            config if config.lang else config.with_overrides(lang=locale),
            registry=self._registry(config.registry, builtin=config.builtin_registry),
            baseline=self._baseline(config.baseline) if config.baseline is not None else None,
            excluded=_excluded(path, config),
        )

    def _config(self, path: Path) -> Config | None:
        stamp = _stat(path)
        cached = self._configs.get(path)
        if cached is None or cached[0] != stamp:
            try:
                value: Config | ConfigError = load_config(path)
            except ConfigError as e:
                value = e
                self._note(lsp.MessageType.Error, f"citelint: {e}; checking without it (only the CL1xx rules run)")
            self._configs[path] = cached = (stamp, value)
        return cached[1] if isinstance(cached[1], Config) else None

    def _registry(self, root: Path | None, *, builtin: bool) -> Registry | None:
        """The built-in registry (if ``builtin``) under the project's registry ``root``."""
        key = (root.resolve() if root is not None else None, builtin)
        try:
            files = registry_files(key[0]) if key[0] is not None and key[0].exists() else []
        except OSError:
            files = []
        stamp = tuple((str(p), _stat(p)) for p in files)  # the built-in files never change under a server
        cached = self._registries.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        registry: Registry | None = None
        if root is not None and not root.exists():
            self._note(lsp.MessageType.Error, f"citelint: {root}: no such registry; only the CL1xx rules run")
        else:
            try:
                registry = load_layered(key[0], builtin=builtin)
            except RegistryInvalid as e:
                self._note(lsp.MessageType.Error, f"citelint: only the CL1xx rules run: {e}")
            except OSError as e:
                self._note(lsp.MessageType.Error, f"citelint: cannot read the registry {root}: {e}")
            else:
                if cached is not None:
                    self._note(lsp.MessageType.Info, f"citelint: reloaded the registry {root}")
        self._registries[key] = (stamp, registry)
        return registry

    def _baseline(self, path: Path) -> Baseline | None:
        stamp = _stat(path)
        cached = self._baselines.get(path)
        if cached is None or cached[0] != stamp:
            value = None
            if stamp is None:
                self._note(lsp.MessageType.Warning, f"citelint: {path}: no such baseline file; every finding is shown")
            else:
                try:
                    value = Baseline.load(path)
                except BaselineError as e:
                    self._note(lsp.MessageType.Warning, f"citelint: {e}; every finding is shown")
            self._baselines[path] = cached = (stamp, value)
        return cached[1]


def _excluded(path: str, config: Config) -> bool:
    """Whether the configuration's ``exclude`` globs drop this file, as they would for
    `check` (the path relative to the configuration's directory, its name, or a directory it
    is in)."""
    return path_matches(path, config.exclude, config.path.parent if config.path is not None else None)
