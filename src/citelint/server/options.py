"""The language server's command line and ``CITELINT_LSP_DEBOUNCE_MS``, readable without pygls
(``citelint server --help`` works in an installation without the ``server`` extra).

The debounce delay, from either, is a number of milliseconds from 0 to 10000: anything else
(``inf``, ``nan``, a negative number, a word) is refused, by the option as a usage error, by the
variable with a message on standard error and the default delay."""

from __future__ import annotations

import argparse
import os
import sys

from ..i18n import _

DEFAULT_DEBOUNCE_MS = 150
MAX_DEBOUNCE_MS = 10_000  # a longer pause is a mistake (a value in seconds?), not a preference


def parse_debounce_ms(text: str) -> float:
    """A debounce delay in milliseconds, from 0 to :data:`MAX_DEBOUNCE_MS`; ValueError for
    anything else (not a number, negative, too long, ``inf``, ``nan``)."""
    value = float(text)
    if not 0 <= value <= MAX_DEBOUNCE_MS:  # False for nan as well
        raise ValueError(text)
    return value


def debounce_problem(text: str) -> str:
    """What is wrong with a debounce delay :func:`parse_debounce_ms` refuses."""
    return _("not a number of milliseconds from 0 to {max}: {value!r}").format(max=MAX_DEBOUNCE_MS, value=text)


def _debounce_ms(text: str) -> float:
    try:
        return parse_debounce_ms(text)
    except ValueError:
        raise argparse.ArgumentTypeError(debounce_problem(text)) from None


def debounce_from_env(default: int = DEFAULT_DEBOUNCE_MS) -> float:
    """The debounce delay in seconds, from ``CITELINT_LSP_DEBOUNCE_MS``; a value that is not a
    number of milliseconds from 0 to MAX_DEBOUNCE_MS is said on standard error and the default
    used (``inf`` or ``nan`` would stop the diagnostics as you type)."""
    name = "CITELINT_LSP_DEBOUNCE_MS"
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default / 1000
    try:
        return parse_debounce_ms(raw) / 1000
    except ValueError:
        print(_("citelint server: ignoring {name}: {problem}; the default, {default} ms, is used").format(
            name=name, problem=debounce_problem(raw), default=default), file=sys.stderr, flush=True)
        return default / 1000


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="citelint server", description=_("Run citelint's language server (LSP) over stdio."),
                                 epilog=_("Needs pygls: pip install 'citelint-vn[server]'."))
    ap.add_argument("--stdio", action="store_true", help=_('talk over standard input and output (the default and only transport)'))
    ap.add_argument("--debounce-ms", type=_debounce_ms, metavar="MS",
                    help=_('how long to wait after the last change before checking (default: $CITELINT_LSP_DEBOUNCE_MS, else {DEFAULT_DEBOUNCE_MS})').format(DEFAULT_DEBOUNCE_MS=DEFAULT_DEBOUNCE_MS))
    ap.add_argument("--log-level", choices=("debug", "info", "warning", "error"), default="warning",
                    help=_('what to log on standard error (default: warning)'))
    return ap
