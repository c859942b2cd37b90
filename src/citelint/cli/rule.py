"""``citelint rule``: a rule's documentation, or the list of every rule."""

from __future__ import annotations

import argparse
import sys

from ..errors import UsageError
from ..i18n import LANGUAGES, _, set_language
from .common import EXIT_OK, stdout_console


def add_parser(sub) -> None:
    ru = sub.add_parser("rule", help=_('explain a rule'), description=_('Print the documentation of a rule.'))
    ru.add_argument("rule", nargs="?", metavar="CODE", help=_("a rule's code (CL201) or name (unknown-document)"))
    ru.add_argument("--all", action="store_true", help=_('list every rule'))
    ru.add_argument("--lang", choices=LANGUAGES, help=_("the language of the documentation (default: the locale's)"))
    ru.set_defaults(run=cmd_rule)


def cmd_rule(args: argparse.Namespace) -> int:
    from rich.markdown import Markdown
    from rich.table import Table

    from ..rules import RULES, RULES_BY_NAME, rule_doc

    set_language(args.lang)
    console = stdout_console()
    if args.all or not args.rule:
        table = Table(header_style="bold")
        for col in ("code", "name", "severity", "summary"):
            table.add_column(col, overflow="fold")
        for r in RULES.values():
            table.add_row(r.code, r.name, _(r.severity), _(r.summary))
        console.print(table)
        return EXIT_OK
    rule = RULES.get(args.rule.upper()) or RULES_BY_NAME.get(args.rule)
    if rule is None:
        raise UsageError(_('no rule {rule!r} (see `citelint rule --all`)').format(rule=args.rule))
    doc = rule_doc(rule)
    if console.is_terminal:
        console.print(Markdown(doc))
    else:
        sys.stdout.write(doc + "\n")
    return EXIT_OK
