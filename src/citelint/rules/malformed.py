"""CL1xx: citations that are not written as a document symbol should be.

Most of these come straight from the deviations the extractor recorded while parsing, each
with its span and, where rewriting is safe, the canonical replacement."""

from __future__ import annotations

import re
from typing import Iterator

from .. import vocabulary as v
from ..diagnostics import Diagnostic
from ..i18n import _
from .base import RuleContext, safe_fix
from .catalog import RULE_FOR_DEVIATION

NEEDS_REGISTRY = False


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for i, c in enumerate(ctx.citations):
        for d in c.deviations:
            rule = RULE_FOR_DEVIATION[d.code]
            fix = None
            if rule.fixes_deviations and d.replacement is not None:
                shown = d.replacement if d.replacement.strip() else _("a space")
                message = _("write {text}").format(text=repr(shown)) if d.start != d.end else _("insert {text}").format(text=shown)
                fix = safe_fix(message, [(d.start, d.end, d.replacement)])
            yield ctx.diagnostic(rule.code, i, d.message, span=(d.start, d.end) if d.end > d.start else (d.start, d.start), fix=fix)
        if ctx.tone_placement:
            yield from _tone_placement(ctx, i, c)
        contradiction = _type_word_contradicts_code(c)
        if contradiction:
            yield ctx.diagnostic("CL102", i, contradiction,
                                 help=_("{code} is the code of: {types}").format(
                                     code=c.type_code, types=", ".join(v.types_for_code(c.type_code)) or _("no known type")))


def _type_word_contradicts_code(c) -> str | None:
    if not c.type_word or not c.type_code:
        return None
    word_type = v.type_name_for_word(c.type_word)
    if word_type == "Văn bản":
        return None
    if c.type_code in v.LAW_PROMULGATION_CODES and word_type in ("Luật", "Pháp lệnh"):
        return None  # a law cited by the order that promulgated it
    if v.JOINT_CODES.get(c.type_code) == word_type:
        return None  # a joint circular is a circular
    if c.type_code in v.TYPE_BY_NAME[word_type].codes:
        return None
    if c.kind == "state" and c.type_code in v.STATE_UNIT_CODES:
        return None  # "43/TC-QLCS", "27/1997/TC-VT": TC is the Ministry of Finance, not Thông cáo
    return _("the type word {word} contradicts the type code {code} of {symbol}").format(
        word=repr(c.type_word), code=repr(c.type_code), symbol=c.symbol)


_NEWER = {new: old for old, new in v.OLDER_TO_NEWER.items()}
_LETTER = re.compile(r"[^\W\d_]")


def _tone_placement(ctx: RuleContext, i: int, c) -> Iterator[Diagnostic]:
    """Word-final oa/oe/uy written in the other convention than the configured one."""
    wrong = _NEWER if ctx.tone_placement == "old" else v.OLDER_TO_NEWER  # what to look for -> what to write
    text = c.text
    for j in range(len(text) - 1):
        pair = text[j : j + 2]
        if pair not in wrong:
            continue
        if j + 2 < len(text) and _LETTER.match(text[j + 2]):
            continue  # not word-final ("hoàn")
        if pair[0] in "uU" and j > 0 and text[j - 1] in "qQ":
            continue  # the u of "qu" carries no tone ("quý")
        start = c.start + j
        word_start = j
        while word_start > 0 and _LETTER.match(text[word_start - 1]):
            word_start -= 1
        word = text[word_start : j + 2]
        fixed = word[: j - word_start] + wrong[pair]
        yield ctx.diagnostic("CL111", i, _("{word} should be written {fixed} in this publication's convention ({convention})").format(
                             word=repr(word), fixed=repr(fixed), convention=ctx.tone_placement),
                             span=(start, start + 2), fix=safe_fix(_("write {text}").format(text=repr(fixed)), [(start, start + 2, wrong[pair])]))
