"""What every command shares: exit codes, the consoles, standard output's encoding, the
configuration and registry a command runs with, and the options several commands take."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ..richlater import LaterConsole, Text, real_console

from ..config import Config, Options, find_config, load_config
from ..errors import UsageError
from ..i18n import LANGUAGES, _, count_of, set_language
from ..registry.build import load_layered
from ..registry.index import Registry

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


# --- output -------------------------------------------------------------------------------------------


def stdout_console(out: TextIO | None = None, **kwargs) -> Console:
    """A console on standard output (or ``out``) that lets a closed pipe stop the command quietly."""
    from rich.console import Console

    class StdoutConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit with status 1 ("some input could not be read"); let main() stop quietly.
            self.quiet = True
            raise BrokenPipeError

    return StdoutConsole(file=out, highlight=False, **kwargs)


def stderr_console(*, quiet: bool = False) -> Console:
    """The console for messages on standard error (rich is imported when one is written);
    ``quiet``: one that keeps them (-q)."""
    def make():
        from rich.console import Console

        return Console(file=io.StringIO()) if quiet else Console(stderr=True, highlight=False, soft_wrap=True)

    return LaterConsole(make)


def configure_stdout(text: bool) -> None:
    """Machine-readable output (JSON, CSV) is written in UTF-8 whatever the locale (RFC 8259; a
    Windows pipe is cp1252), with a path's undecodable bytes as ``\\udcXX`` escapes; text for
    people replaces what the terminal cannot show."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        if text:
            reconfigure(errors="replace")
        else:
            reconfigure(encoding="utf-8", errors="backslashreplace")
    except (ValueError, OSError):
        pass


def print_error(err: Console, message: str) -> None:
    err.print(Text.assemble((_("error"), "bold red"), f": {message}"))


def print_warning(err: Console, message: str) -> None:
    err.print(Text.assemble((_("warning"), "yellow"), f": {message}"))


def print_note(err: Console, message: str) -> None:
    err.print(Text.assemble((_("note"), "cyan"), f": {message}"))


def plural(n: int, word: str) -> str:
    """``3 findings``, in the current language."""
    return count_of(word, n)


@contextmanager
def progress(console: Console, what: str = "reading articles"):
    """A progress line on a terminal (long runs); nothing when stderr is a file or a pipe."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=real_console(console),
                  transient=True) as bar:
        task = bar.add_task(what)
        count = 0

        def step(path: str) -> None:
            nonlocal count
            count += 1
            bar.update(task, description=f"{what}: {count} ({path})")

        yield step


# --- options several commands take --------------------------------------------------------------------


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def add_config_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, metavar="FILE",
                   help=_('configuration file (default: the nearest pyproject.toml with [tool.citelint], or citelint.toml)'))
    p.add_argument("--lang", choices=LANGUAGES,
                   help=_('the language of the messages (default: config `lang`, else the locale: LANG=vi_VN.UTF-8 is Vietnamese)'))


def add_registry_options(p: argparse.ArgumentParser, *, no_registry: str | None = "use no registry at all, not even the built-in one",
                         registry: str = "the project's registry directory or file, added to the built-in one (default: as configured)") -> None:
    p.add_argument("--registry", type=Path, metavar="PATH", help=registry)
    p.add_argument("--no-builtin-registry", action="store_true",
                   help=_('leave out the documents shipped with citelint (config: builtin-registry = false)'))
    if no_registry:
        p.add_argument("--no-registry", action="store_true", help=no_registry)


def add_article_options(p: argparse.ArgumentParser, *, prefix: str = "") -> None:
    """--date and --jurisdiction: what the articles do not say about themselves."""
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help=_("{prefix}the articles' date, when they do not say").format(prefix=prefix))
    p.add_argument("--jurisdiction", metavar="PLACE",
                   help=_("{prefix}the articles' jurisdiction (e.g. 'Hà Nội'): whose committee /TU means").format(prefix=prefix))


def add_article_reading_options(p: argparse.ArgumentParser) -> None:
    """What every command that reads articles takes: the registry, the configuration, what the
    articles do not say about themselves, and which files to read."""
    add_registry_options(p)
    add_config_option(p)
    add_article_options(p)
    add_file_options(p)


def add_file_options(p: argparse.ArgumentParser, *, prefix: str = "") -> None:
    p.add_argument("--include", action="append", default=[], metavar="GLOB",
                   help=_('{prefix}in directories, read only files matching GLOB (repeatable)').format(prefix=prefix))
    p.add_argument("--exclude", "--extend-exclude", action="append", default=[], metavar="GLOB",
                   help=_('{prefix}skip files and directories matching GLOB (repeatable)').format(prefix=prefix))
    p.add_argument("--respect-gitignore", action=argparse.BooleanOptionalAction, default=None,
                   help=_("in directories, skip the files git ignores (default: on; config: respect-gitignore)"))


# --- configuration and registry --------------------------------------------------------------------------


def load_configuration(args: argparse.Namespace, paths: list[str] | None = None) -> Config:
    """The configuration a command runs with: ``--config FILE``, else the one nearest the first
    path named, else the working directory's; command-line options win over it."""
    config_file = getattr(args, "config", None)
    if config_file is not None:
        if not config_file.is_file():
            raise UsageError(_('{config_file}: no such configuration file').format(config_file=config_file))
        config = load_config(config_file)
    else:
        named = getattr(args, "paths", []) if paths is None else paths
        first = next((Path(p) for p in named if p != "-"), Path.cwd())
        found = find_config(first if first.exists() else Path.cwd())
        if found is None:
            # files outside any configured project: the working directory's configuration (as
            # ruff does), not none — its registry and baseline must not silently drop out
            found = find_config(Path.cwd())
            if found is not None:
                print_note(stderr_console(), _('the checked files have no configuration of their own: using {found}').format(found=found))
        config = load_config(found)
    changes: dict = {}
    if getattr(args, "select", None):
        changes["select"] = rule_codes(args.select)
    if getattr(args, "extend_select", None):
        changes["extend_select"] = config.extend_select + rule_codes(args.extend_select)
    if getattr(args, "ignore", None):
        changes["ignore"] = config.ignore + rule_codes(args.ignore)
    if getattr(args, "include", None):
        changes["include"] = tuple(args.include)
    if getattr(args, "exclude", None):
        changes["exclude"] = config.exclude + tuple(args.exclude)
    if getattr(args, "respect_gitignore", None) is not None:
        changes["respect_gitignore"] = args.respect_gitignore
    if getattr(args, "baseline", None):
        changes["baseline"] = args.baseline
    changes["lang"] = set_language(getattr(args, "lang", None) or config.lang)  # None: the locale's
    return config.with_overrides(**changes)


def rule_codes(values: list[str]) -> tuple[str, ...]:
    from ..rules import RULES

    codes = tuple(c.strip() for v in values for c in v.split(",") if c.strip())
    for c in codes:
        if c != "ALL" and not any(code.startswith(c) for code in RULES):
            raise UsageError(_('{c!r} selects no rule (see `citelint rule --all`)').format(c=c))
    return codes


def registry_path(args: argparse.Namespace, config: Config, *, default: Path | None = None) -> Path | None:
    """The registry a command reads: ``--registry``, else the configured one, else ``default``
    (None: no registry); with ``--no-registry``, none."""
    if getattr(args, "no_registry", False):
        return None
    path = getattr(args, "registry", None) or config.registry or default
    if path is not None and not Path(path).exists():
        raise UsageError(_('{path}: no such registry').format(path=path))
    return Path(path) if path is not None else None


def use_builtin_registry(args: argparse.Namespace, config: Config) -> bool:
    return config.builtin_registry and not getattr(args, "no_builtin_registry", False) and not getattr(args, "no_registry", False)


def open_registry(args: argparse.Namespace, config: Config, *, default: Path | None = None) -> Registry | None:
    """The built-in registry under the project's (``--registry`` or the configured one); None
    with ``--no-registry``, or with neither."""
    path = registry_path(args, config, default=default)
    return load_layered(path, builtin=use_builtin_registry(args, config))


def run_options(args: argparse.Namespace, config: Config, registry: Registry | None) -> Options:
    return Options(config=config, registry=registry, date=getattr(args, "date", None),
                   jurisdiction=getattr(args, "jurisdiction", None))
