"""The ``citelint`` command: the parser of every command group, and the one place where an
error citelint raises on purpose becomes ``error: MESSAGE`` and exit status 2."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from .. import __version__
from ..errors import CitelintError
from . import annotate, check, extract, registry, report, rule
from ..i18n import LANGUAGES, _, set_language
from ..richlater import Text
from .common import EXIT_ERROR, EXIT_OK, print_error, stderr_console


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="citelint",
        description=_('Find and check citations of Vietnamese Party and State documents.'),
    )
    ap.add_argument("--version", action="version", version=f"citelint {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", required=True)
    check.add_parser(sub)
    extract.add_parser(sub)
    annotate.add_parser(sub)
    report.add_parser(sub)
    sub.add_parser("server", help=_('run the language server for editors (LSP over stdio)'),
                   description=_('Run the language server over stdio: diagnostics, hover, fixes. Options: --debounce-ms MS.'))
    rule.add_parser(sub)
    registry.add_parser(sub)
    co = sub.add_parser("completion", help=_("print a shell completion script (bash, zsh, tcsh)"),
                        description=_("Print the completion script for SHELL, e.g. "
                                      "`citelint completion bash > ~/.local/share/bash-completion/completions/citelint`."))
    co.add_argument("shell", choices=("bash", "zsh", "tcsh"), metavar="SHELL", help="bash, zsh or tcsh")
    co.set_defaults(run=_completion)
    return ap


def _completion(args: argparse.Namespace) -> int:
    import shtab

    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # the help texts are made with the parser: its language is --lang's, else the locale's (the
    # configuration's `lang` applies to what a command prints, once it is read)
    set_language(_lang_option(argv))
    if argv[:1] == ["server"]:
        # The language server takes its own options (--stdio...); pygls is loaded only here, after
        # they are read (so --help works without it).
        from ..server.options import build_parser as server_parser

        server_parser().parse_args(argv[1:])
        try:
            from ..server.app import main as server_main
        except ImportError as e:
            print(_("citelint server needs pygls: pip install 'citelint-vn[server]' ({error})").format(error=e), file=sys.stderr)
            return EXIT_ERROR
        return server_main(argv[1:])
    args = build_parser().parse_args(argv)
    err = stderr_console()
    try:
        return args.run(args)
    except CitelintError as e:
        print_error(err, str(e))
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`citelint extract ... | head`): stop quietly, as Unix tools do.
        sys.stdout = open(os.devnull, "w")
        return EXIT_OK
    except KeyboardInterrupt:
        err.print(Text(_("interrupted: nothing was written")))
        return 130
    except OSError as e:
        # what the file system refused where no command expected it (a directory it may not
        # list, a file it may not read): said as such, not as a traceback
        print_error(err, f"{e.filename}: {e.strerror or e}" if e.filename else str(e.strerror or e))
        return EXIT_ERROR


def _lang_option(argv: list[str]) -> str | None:
    """``--lang vi`` / ``--lang=vi`` anywhere on the command line, if valid."""
    for k, arg in enumerate(argv):
        value = argv[k + 1] if arg == "--lang" and k + 1 < len(argv) else arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if value in LANGUAGES:
            return value
    return None
