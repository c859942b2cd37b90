"""The language of citelint's messages: English (the source) or Vietnamese, from gettext
catalogs (``locale/vi/LC_MESSAGES/citelint.po``, compiled to ``.mo`` beside it).

The language is chosen, first to last, by ``--lang``, the configuration's ``lang`` key, and
the locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``vi_VN.UTF-8`` → Vietnamese);
anything else is English.  Every message is written in the source as ``_("... {name} ...")`` and
formatted after translation, so a translation may reorder the values.  ``N_`` marks text that is
translated where it is shown (the rule catalogue)."""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("en", "vi")
_DOMAIN = "citelint"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """"vi" when the first locale variable that is set names Vietnamese, else "en"."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            first = value.split(":")[0].lower()
            return "vi" if first.startswith("vi") else "en"
    return "en"


@lru_cache(maxsize=None)
def _translations(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(_DOMAIN, localedir=str(LOCALE_DIR), languages=[language])


def set_language(language: str | None) -> str:
    """Use ``language`` ("vi", "en"; None: the environment's) for the messages made from now on."""
    global _current, _language
    language = language or language_from_environment()
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (known: {', '.join(LANGUAGES)})")
    _current, _language = _translations(language), language
    return language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """``message`` in the current language."""
    return _current.gettext(message)


def counted(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` (both marked with ``N_``, each its own catalogue entry), by
    English's rule, translated: Vietnamese words do not change with the count."""
    return _(singular if n == 1 else plural).format(n=n)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue; it is translated where it is shown, with ``_``."""
    return message


#: What citelint counts in its summaries and notes: singular and plural, each its own entry.
COUNTED = {
    "article": (N_("{n} article"), N_("{n} articles")),
    "citation": (N_("{n} citation"), N_("{n} citations")),
    "conflict": (N_("{n} conflict"), N_("{n} conflicts")),
    "document": (N_("{n} document"), N_("{n} documents")),
    "entry": (N_("{n} entry"), N_("{n} entries")),
    "error": (N_("{n} error"), N_("{n} errors")),
    "file": (N_("{n} file"), N_("{n} files")),
    "finding": (N_("{n} finding"), N_("{n} findings")),
    "fix": (N_("{n} fix"), N_("{n} fixes")),
    "invalid row": (N_("{n} invalid row"), N_("{n} invalid rows")),
    "issuer": (N_("{n} issuer"), N_("{n} issuers")),
    "warning": (N_("{n} warning"), N_("{n} warnings")),
}


def count_of(word: str, n: int) -> str:
    """``3 findings`` (``word`` a key of :data:`COUNTED`), in the current language."""
    one, many = COUNTED[word]
    return counted(one, many, n)
