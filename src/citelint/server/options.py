"""The language server's command line, readable without pygls (``citelint server --help`` works
in an installation without the ``server`` extra)."""

from __future__ import annotations

import argparse

from ..i18n import _

DEFAULT_DEBOUNCE_MS = 150


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="citelint server", description=_("Run citelint's language server (LSP) over stdio."),
                                 epilog=_("Needs pygls: pip install 'citelint-vn[server]'."))
    ap.add_argument("--stdio", action="store_true", help=_('talk over standard input and output (the default and only transport)'))
    ap.add_argument("--debounce-ms", type=float, metavar="MS",
                    help=_('how long to wait after the last change before checking (default: $CITELINT_LSP_DEBOUNCE_MS, else {DEFAULT_DEBOUNCE_MS})').format(DEFAULT_DEBOUNCE_MS=DEFAULT_DEBOUNCE_MS))
    ap.add_argument("--log-level", choices=("debug", "info", "warning", "error"), default="warning",
                    help=_('what to log on standard error (default: warning)'))
    return ap
