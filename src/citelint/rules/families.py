"""The rule families, in the order their findings are gathered: CL1xx (how a citation is
written), CL2xx (whether the registry knows it), CL3xx (whether it agrees with the registry and
the article).  A family that needs the registry is skipped without one."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic
from . import conflicting, malformed, unresolved
from .base import RuleContext

FAMILIES = (malformed, unresolved, conflicting)


def run_rules(ctx: RuleContext) -> Iterator[Diagnostic]:
    for family in FAMILIES:
        if family.NEEDS_REGISTRY and ctx.registry is None:
            continue
        yield from family.check(ctx)
