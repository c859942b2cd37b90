"""The Vietnamese messages: every message the source marks has a translation, the compiled
catalogue is the one the .po file gives, and the language is chosen by --lang, the `lang`
configuration key and the locale, in that order."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import ROOT, citelint_env, run_citelint, write_config

babel = pytest.importorskip("babel", reason="the catalogue checks need Babel: pip install -e '.[dev]'")
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

LOCALE = ROOT / "src" / "citelint" / "locale"
PO = LOCALE / "vi" / "LC_MESSAGES" / "citelint.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None}


def _catalog():
    with PO.open("rb") as f:
        return read_po(f, locale="vi")


def _source_messages() -> set:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT / "src" / "citelint"), keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def _placeholders(s: str) -> set[str]:
    return set(re.findall(r"\{[^{}]*\}", s.replace("{{", "").replace("}}", "")))


def test_every_message_of_the_source_has_a_vietnamese_translation():
    catalog = _catalog()
    translated = {}
    for m in catalog:
        if m.id:
            translated[m.id] = m.string
    missing = sorted(str(m) for m in _source_messages() - set(translated))
    assert missing == [], "messages without a catalogue entry (pybabel extract, then update the .po): " + repr(missing[:10])
    empty = [m.id for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    assert empty == [], f"untranslated: {empty[:10]}"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert fuzzy == [], f"translations marked fuzzy: {fuzzy[:10]}"


def test_translations_keep_the_placeholders_and_the_spaces_around():
    for m in _catalog():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for s in strings:
            assert _placeholders(s) == _placeholders(ids[-1]) or _placeholders(s) == _placeholders(ids[0]), (m.id, s)
            assert s[: len(s) - len(s.lstrip())] == ids[0][: len(ids[0]) - len(ids[0].lstrip())], (m.id, s)
            assert s[len(s.rstrip()):] == ids[0][len(ids[0].rstrip()):], (m.id, s)


def test_the_compiled_catalogue_is_the_po_files():
    out = io.BytesIO()
    write_mo(out, _catalog())
    assert MO.read_bytes() == out.getvalue(), "recompile: pybabel compile -d src/citelint/locale -D citelint"


# --- end to end ----------------------------------------------------------------------------------------------------

ARTICLE = "Thứ Sáu, 19/11/2021, 10:43\n\nQuy định số 41-QĐ/TƯ ngày 3/11/2021 của Ban Bí thư về miễn nhiệm.\n"


@pytest.fixture
def project(tmp_path):
    write_config(tmp_path, ROOT / "registry", builtin=False)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _check(project: Path, *args: str, env: dict | None = None):
    return run_citelint("check", "a.txt", "--format", "concise", *args, cwd=project, cache=project / ".cache", env=env)


def test_lang_option_config_and_locale_choose_the_language(project):
    english = _check(project, "--lang", "en").stdout
    assert "issuer code 'TƯ' should be written 'TW'" in english and "was issued by Bộ Chính trị, not Ban Bí thư" in english
    vietnamese = _check(project, "--lang", "vi").stdout
    assert "CL107" in vietnamese and "should be written" not in vietnamese
    assert "41-QĐ/TW" in vietnamese and "Bộ Chính trị" in vietnamese
    assert "lỗi" in vietnamese  # the summary: "1 lỗi, 1 cảnh báo ..."
    # the locale, when nothing else says
    assert _check(project, env=citelint_env(LANG="vi_VN.UTF-8")).stdout == vietnamese
    # the configuration's lang wins over the locale, --lang over both
    config = project / "citelint.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'lang = "en"\n', encoding="utf-8")
    assert _check(project, env=citelint_env(LANG="vi_VN.UTF-8")).stdout == english
    assert _check(project, "--lang", "vi", env=citelint_env(LANG="vi_VN.UTF-8")).stdout == vietnamese


def test_a_cached_result_is_in_the_language_asked_for(project):
    # the results cache keys on the configuration, the language included
    first = _check(project, "--lang", "en").stdout
    second = _check(project, "--lang", "vi").stdout
    assert first != second and "should be written" in first and "should be written" not in second


def test_rule_documentation_and_help_in_vietnamese(project):
    doc = run_citelint("rule", "CL302", "--lang", "vi", cwd=project).stdout
    assert doc.startswith("# CL302 issuer-mismatch") and "## What it does" not in doc
    helped = run_citelint("check", "--help", "--lang", "vi", cwd=project).stdout
    assert "--fix" in helped and "apply the safe fixes" not in helped


def test_an_unknown_lang_in_the_configuration_is_an_error(project):
    config = project / "citelint.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'lang = "fr"\n', encoding="utf-8")
    result = _check(project)
    assert result.returncode == 2 and "lang must be" in result.stderr
