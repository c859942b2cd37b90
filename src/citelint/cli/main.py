"""The ``citelint`` command: the parser of every command group, and the one place where an
error citelint raises on purpose becomes ``error: MESSAGE`` and exit status 2."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from rich.text import Text

from .. import __version__
from ..errors import CitelintError
from . import check, extract, registry, rule
from .common import EXIT_ERROR, EXIT_OK, print_error, stderr_console


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="citelint",
        description="Find and check citations of Vietnamese Party and State documents.",
    )
    ap.add_argument("--version", action="version", version=f"citelint {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", required=True)
    check.add_parser(sub)
    extract.add_parser(sub)
    sub.add_parser("server", help="run the language server for editors (LSP over stdio)",
                   description="Run the language server over stdio: diagnostics, hover, fixes. Options: --debounce-ms MS.")
    rule.add_parser(sub)
    registry.add_parser(sub)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["server"]:
        # The language server takes its own options (--stdio...); pygls is loaded only here, after
        # they are read (so --help works without it).
        from ..server.options import build_parser as server_parser

        server_parser().parse_args(argv[1:])
        try:
            from ..server.app import main as server_main
        except ImportError as e:
            print(f"citelint server needs pygls: pip install 'citelint-vn[server]' ({e})", file=sys.stderr)
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
        err.print(Text("interrupted: nothing was written"))
        return 130
