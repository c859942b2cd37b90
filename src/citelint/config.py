"""Configuration: ``[tool.citelint]`` in the nearest pyproject.toml, or a citelint.toml.

    [tool.citelint]
    registry = "registry"            # relative to the file that says it; added to the built-in one
    builtin-registry = true          # false: only the project's registry
    jurisdiction = "Hà Nội"          # for articles that do not say where they are about
    select = ["CL"]                  # rule codes or prefixes ("CL1", "CL201"); default: all
    extend-select = []
    ignore = ["CL109"]
    include = ["*.md"]               # in directories, read only these (default: known suffixes)
    exclude = ["drafts/"]
    baseline = "citelint-baseline.json"
    tone-placement = "old"           # or "new": CL111 reports citations written the other way
    [tool.citelint.per-file-ignores]
    "archive/*" = ["CL306"]
    [tool.citelint.severity]
    CL201 = "error"

A citelint.toml holds the same keys at its top level (no [tool.citelint] table).
Command-line options override the file.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError
from .fs import path_matches
from .rules import RULES
from .i18n import _

if TYPE_CHECKING:
    from .registry.index import Registry

_KEYS = {"registry", "builtin-registry", "jurisdiction", "select", "extend-select", "ignore", "include", "exclude",
         "per-file-ignores", "severity", "baseline", "tone-placement", "lang", "respect-gitignore"}


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file it came from
    registry: Path | None = None
    builtin_registry: bool = True  # the documents shipped with citelint, under the project's registry
    jurisdiction: str | None = None
    select: tuple[str, ...] = ("CL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    baseline: Path | None = None
    tone_placement: str | None = None  # "old" (hóa, ủy) or "new" (hoá, uỷ): CL111's convention
    respect_gitignore: bool = True  # walk directories without what git ignores
    lang: str | None = None  # the messages' language, "vi" or "en" (None: English in the library; the
    # command line and the language server fill in the locale's)

    @property
    def root(self) -> Path:
        """The project's directory: the configuration file's, else the working directory.  What
        citelint writes on its own account (the cache, a configured baseline or registry, the
        files of a walked directory under --fix) stays inside it."""
        return self.path.parent if self.path is not None else Path.cwd()

    def enabled(self, code: str, path: str | None = None) -> bool:
        selected = _matches(code, self.select) or _matches(code, self.extend_select)
        if not selected or _matches(code, self.ignore):
            return False
        if path is not None:
            base = self.path.parent if self.path is not None else None
            for pattern, codes in self.per_file_ignores:
                if _matches(code, codes) and path_matches(path, [pattern], base):
                    return False
        return True

    def with_overrides(self, **changes) -> "Config":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _matches(code: str, selectors: tuple[str, ...]) -> bool:
    return any(s == "ALL" or code.startswith(s) for s in selectors)


@dataclass(frozen=True)
class Options:
    """Everything a check depends on besides the article: the configuration, the registry, and
    the date and jurisdiction given on the command line (for articles that do not say).  One
    object, the one the results cache keys on and the Dask path ships to its workers."""

    config: Config = field(default_factory=Config)
    registry: Registry | None = None
    date: dt.date | None = None
    jurisdiction: str | None = None


def _is(path: Path, test) -> bool:
    """``path.is_file()`` or ``is_dir()``, false where a directory may not be searched."""
    try:
        return test(path)
    except OSError:
        return False


def find_config(start: Path) -> Path | None:
    """The nearest citelint.toml, or pyproject.toml with a [tool.citelint] table, upwards."""
    directory = start if _is(start, Path.is_dir) else start.parent
    directory = directory.resolve()
    for d in (directory, *directory.parents):
        own = d / "citelint.toml"
        if _is(own, Path.is_file):
            return own
        pyproject = d / "pyproject.toml"
        if _is(pyproject, Path.is_file):
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                return pyproject  # let load_config report it
            if "citelint" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(_('{path}: invalid TOML: {e}').format(path=path, e=e)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(_('{path}: cannot read: {e}').format(path=path, e=e)) from None
    table = data.get("tool", {}).get("citelint", {}) if path.name == "pyproject.toml" else data
    where = f"{path} [tool.citelint]" if path.name == "pyproject.toml" else str(path)
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(_('{where}: unknown key(s): {value} (known: {value2})').format(where=where, value=', '.join(unknown), value2=', '.join(sorted(_KEYS))))
    base = path.parent

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise ConfigError(_('{where}: {key} must be a list of strings').format(where=where, key=key))
        return tuple(value)

    def codes(key: str) -> tuple[str, ...]:
        values = strings(key)
        for s in values:
            if s != "ALL" and not any(code.startswith(s) for code in RULES):
                raise ConfigError(_('{where}: {key}: {s!r} selects no rule (rules are CL101..CL999; see `citelint rule --all`)').format(where=where, key=key, s=s))
        return values

    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(_('{where}: severity must be a table of CODE = "error" | "warning"').format(where=where))
    for code, level in severity.items():
        if code not in RULES:
            raise ConfigError(_('{where}: severity: unknown rule {code!r}').format(where=where, code=code))
        if level not in ("error", "warning"):
            raise ConfigError(_('{where}: severity.{code} must be "error" or "warning", not {level!r}').format(where=where, code=code, level=level))
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(_('{where}: per-file-ignores must be a table of GLOB = [CODES]').format(where=where))
    per_file = []
    for pattern, value in pfi.items():
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise ConfigError(_('{where}: per-file-ignores.{pattern!r} must be a list of rule codes').format(where=where, pattern=pattern))
        per_file.append((pattern, tuple(value)))
    tone = table.get("tone-placement")
    if tone is not None and tone not in ("old", "new"):
        raise ConfigError(_('{where}: tone-placement must be "old" (hóa, ủy) or "new" (hoá, uỷ), not {tone!r}').format(where=where, tone=tone))
    gitignore = table.get("respect-gitignore", True)
    if not isinstance(gitignore, bool):
        raise ConfigError(_("{where}: respect-gitignore must be true or false").format(where=where))
    lang = table.get("lang")
    if lang is not None and lang not in ("vi", "en"):
        raise ConfigError(_('{where}: lang must be "vi" or "en", not {lang!r}').format(where=where, lang=lang))
    registry = table.get("registry")
    builtin = table.get("builtin-registry", True)
    if not isinstance(builtin, bool):
        raise ConfigError(_('{where}: builtin-registry must be true or false').format(where=where))
    jurisdiction = table.get("jurisdiction")
    baseline = table.get("baseline")
    for key, value in (("registry", registry), ("jurisdiction", jurisdiction), ("baseline", baseline)):
        if value is not None and not isinstance(value, str):
            raise ConfigError(_('{where}: {key} must be a string').format(where=where, key=key))
    return Config(
        path=path,
        registry=(base / registry) if registry else None,
        builtin_registry=builtin,
        jurisdiction=jurisdiction,
        select=codes("select") or ("CL",),
        extend_select=codes("extend-select"),
        ignore=codes("ignore"),
        include=strings("include"),
        exclude=strings("exclude"),
        per_file_ignores=tuple(per_file),
        severity=dict(severity),
        baseline=(base / baseline) if baseline else None,
        tone_placement=tone,
        lang=lang,
        respect_gitignore=gitignore,
    )
