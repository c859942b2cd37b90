"""Every rule citelint has: code, name, default severity, and its documentation.

Codes are stable: CL1xx malformed citations, CL2xx unresolved or ambiguous ones, CL3xx
citations that conflict with the registry or the article, CL9xx input and internal errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Severity
from ..i18n import N_, _
from ..models import DeviationCode


@dataclass(frozen=True)
class Rule:
    code: str
    name: str  # kebab-case
    severity: Severity  # the default; configurable
    summary: str  # one line: what a finding of this rule means
    what: str
    why: str
    example: str
    fix: str
    # The extractor's deviations this rule reports (CL1xx), and whether the replacement a
    # deviation carries is a safe fix.
    deviations: tuple[DeviationCode, ...] = ()
    fixes_deviations: bool = False

    @property
    def family(self) -> str:
        return {"1": "malformed", "2": "unresolved", "3": "conflicting", "9": "input"}[self.code[2]]


_RULES = [
    # --- CL1xx: malformed ---------------------------------------------------------------------
    Rule(
        "CL101", "unparseable-symbol", "error",
        N_("Something written as a document symbol is not a well-formed one."),
        N_("Reports a number after a type word that runs on into separators and codes which do not "
        "form any symbol shape (NUMBER-TYPE/ISSUER, NUMBER/YEAR/TYPE-ISSUER, NUMBER/TYPE-ISSUER)."),
        N_("A reader cannot look the document up, and a typo in a symbol often hides a wrong document."),
        "Quy định số 30/2/2021 ...",
        N_("Write the symbol as issued, e.g. 30-QĐ/TW."),
        deviations=("unparsed-symbol",),
    ),
    Rule(
        "CL102", "type-word-contradicts-code", "error",
        N_("The type word in the text names another type than the symbol's type code."),
        N_("Compares the type word before the number (Nghị quyết, Chỉ thị, Quy định...) with the type "
        "code in the symbol (NQ, CT, QĐ...)."),
        N_("One of the two is wrong: either the document is misnamed or the symbol is mistyped."),
        "Nghị quyết số 19-CT/TW",
        N_("Make the word and the code agree: Chỉ thị số 19-CT/TW, or Nghị quyết số 19-NQ/TW."),
    ),
    Rule(
        "CL103", "impossible-date", "error",
        N_("The date of a citation does not exist."),
        N_("Reports dates such as 30/2/2021 or 31/4/2020 in a citation."),
        N_("An impossible date is a typo, and the true date may be what identifies the document."),
        "Nghị quyết số 12-NQ/TW ngày 30/2/2021",
        N_("Correct the date from the document itself."),
        deviations=("invalid-date",),
    ),
    Rule(
        "CL104", "state-separators-on-party-number", "warning",
        N_("A Party document's number is written with the State's separators."),
        N_("Reports Party symbols written NUMBER/TYPE-ISSUER (the State's form) instead of "
        "NUMBER-TYPE/ISSUER (Hướng dẫn 36-HD/VPTW, point 1.3)."),
        N_("The State form makes a Party document look like a government one and defeats search."),
        "Quy định 29/QĐ-TW",
        N_("Quy định 29-QĐ/TW (a safe fix)."),
        deviations=("party-number-state-separators",),
        fixes_deviations=True,
    ),
    Rule(
        "CL105", "missing-issuer-code", "warning",
        N_("A symbol has no issuer code."),
        N_("Reports Party symbols with a number and type code but no /ISSUER part."),
        N_("Without the issuer the same number names documents of every committee."),
        "Thông báo 159-TB",
        N_("Add the issuer code: 159-TB/TW."),
        deviations=("missing-issuer",),
    ),
    Rule(
        "CL106", "irregular-spacing", "warning",
        N_("Spaces inside a symbol, or missing between words and numbers."),
        N_("Reports '18- NQ/TW', '24-QĐ / TW', 'số12', 'ngày22', '70-TB/TWngày'."),
        N_("Symbols with spaces are missed by search and by other tools; glued words read badly."),
        "Quy định 08 - QĐ / TW",
        N_("Quy định 08-QĐ/TW (a safe fix)."),
        deviations=("symbol-spacing", "missing-space"),
        fixes_deviations=True,
    ),
    Rule(
        "CL107", "non-canonical-code", "warning",
        N_("An issuer or type code is not written in its canonical form."),
        N_("Reports TƯ and T.Ư for the Central Committee's TW, and Ctr for CTr.  (TU, a provincial "
        "committee's code, is a different code and is never rewritten.)"),
        N_("The official symbol is 15-NQ/TW; the press's 15-NQ/TƯ is one letter away from 15-NQ/TU, "
        "a provincial document."),
        "Nghị quyết số 15-NQ/TƯ",
        N_("Nghị quyết số 15-NQ/TW (a safe fix)."),
        deviations=("issuer-spelling", "type-code-spelling"),
        fixes_deviations=True,
    ),
    Rule(
        "CL108", "look-alike-character", "warning",
        N_("A character that looks right but is not: Ð (Icelandic eth) for Đ, a dash for a hyphen, a "
        "Cyrillic or Greek capital for a Latin one."),
        N_("Reports U+00D0 Ð typed for U+0110 Đ anywhere in a citation, en/em dashes or minus "
        "signs used as the hyphen of a symbol or date, and Cyrillic or Greek capitals that look "
        "Latin (С, Р, Т, Α...) inside a symbol; the citation is read as if they were Latin."),
        N_("Search and other tools see a different string: 'ÐA' is not 'ĐA'."),
        "Ðề án 06-ÐA/TU; Chỉ thị 16/CT–TTg; Nghị định 30/2020/NĐ-СР (Cyrillic С and Р)",
        N_("Đề án 06-ĐA/TU; Chỉ thị 16/CT-TTg; Nghị định 30/2020/NĐ-CP (safe fixes)."),
        deviations=("eth-for-d", "dash", "look-alike"),
        fixes_deviations=True,
    ),
    Rule(
        "CL109", "arabic-term-number", "warning",
        N_("A term (khóa) written in Arabic numerals."),
        N_("Reports 'khóa 17' where Party usage writes 'khóa XVII'."),
        N_("Terms are Roman numerals in every official text; mixed forms split search results."),
        "Thành ủy Hà Nội khóa 17",
        N_("Thành ủy Hà Nội khóa XVII (a safe fix)."),
        deviations=("arabic-term",),
        fixes_deviations=True,
    ),
    Rule(
        "CL110", "incomplete-symbol", "warning",
        N_("A State document cited by number and year only."),
        N_("Reports the press's 'Nghị định 51/1999' where the symbol is NUMBER/YEAR/TYPE-ISSUER."),
        N_("Number and year without the type code and issuer may fit several documents."),
        "Nghị định 51/1999",
        N_("Nghị định 51/1999/NĐ-CP."),
        deviations=("incomplete-symbol",),
    ),
    Rule(
        "CL111", "tone-placement", "warning",
        N_("A word in a citation places its tone mark against the configured convention."),
        N_("With `tone-placement = \"old\"` (hóa, khóa, thủy, ủy) or `\"new\"` (hoá, khoá, thuỷ, uỷ) in the "
        "configuration, reports citations that write a word-final oa, oe or uy the other way.  Both are valid "
        "Unicode and valid Vietnamese; without the setting this rule finds nothing."),
        N_("A house style applied everywhere keeps search, sorting and diffs consistent."),
        "của Thành uỷ Hà Nội khoá XVII (with tone-placement = \"old\")",
        N_("của Thành ủy Hà Nội khóa XVII (a safe fix)."),
    ),
    # --- CL2xx: unresolved, ambiguous ---------------------------------------------------------
    Rule(
        "CL201", "unknown-document", "warning",
        N_("The cited document is not in the registry."),
        N_("Reports full citations, and plenum or congress references, that match no registry entry."),
        N_("An unknown document cannot be checked; it may also be a wrong number."),
        "Nghị quyết số 99-NQ/TW",
        N_("Check the citation; if it is right, add the document to the registry with its sources "
        "(`citelint registry generate` can draft the entry)."),
    ),
    Rule(
        "CL202", "unresolved-short-form", "warning",
        N_("A short form ('Chương trình 01') with no full citation it refers to."),
        N_("Reports short forms that have no antecedent in the article (a full citation with the same "
        "type and number, before or after) and no unique registry entry that fits the article's "
        "jurisdiction and date."),
        N_("A reader cannot tell which document is meant: numbering restarts every term."),
        "Chương trình 01 (with no 01-CTr/TU anywhere in the article)",
        N_("Cite the document in full once: Chương trình số 01-CTr/TU ngày 17/3/2021 của Thành ủy."),
    ),
    Rule(
        "CL203", "ambiguous-citation", "warning",
        N_("Several registry documents fit the citation."),
        N_("Reports citations that match more than one document (the same symbol in several terms, "
        "/TU in several provinces) when neither a date, a term nor the article tells them apart. "
        "The candidates are named."),
        N_("citelint never guesses: the reader cannot either."),
        "Chương trình 01-CTr/TU (in an article of unknown date)",
        N_("Add the date: Chương trình 01-CTr/TU ngày 17/3/2021."),
    ),
    # --- CL3xx: conflicting ---------------------------------------------------------------------
    Rule(
        "CL301", "date-mismatch", "error",
        N_("The cited date differs from the registry's date for the document."),
        N_("Compares the date written with the citation to the registry entry's date."),
        N_("A wrong date either misstates the document or points at another one."),
        "Quy định số 41-QĐ/TW ngày 3/12/2021 (registry: 03/11/2021)",
        N_("Correct the date (an unsafe fix from a verified entry)."),
    ),
    Rule(
        "CL302", "issuer-mismatch", "error",
        N_("The cited issuing body differs from the registry's."),
        N_("Compares the body named in the citation (của Bộ Chính trị, của Ban Bí thư...) with the "
        "registry entry's issuing body.  The Central Committee, the Politburo and the Secretariat "
        "all write /TW: only the name tells them apart."),
        N_("Attributing a document to the wrong body is a factual error."),
        "Quy định số 41-QĐ/TW ... của Ban Bí thư (registry: Bộ Chính trị)",
        N_("Name the right body (an unsafe fix from a verified entry)."),
    ),
    Rule(
        "CL303", "type-mismatch", "error",
        N_("The cited type differs from the registry's type for the document."),
        N_("QĐ is the code of both Quyết định and Quy định: the type word tells them apart, and it "
        "must be the registry's."),
        N_("'Quyết định số 37-QĐ/TW' misnames the Quy định on what Party members must not do."),
        "Quyết định số 37-QĐ/TW (registry: Quy định)",
        N_("Quy định số 37-QĐ/TW."),
    ),
    Rule(
        "CL304", "no-such-document-of-meeting", "error",
        N_("The cited plenum or congress issued no document of that type."),
        N_("Resolves 'Nghị quyết Trung ương 4 (khóa XIII)' through the registry's record of what each "
        "plenum issued, and reports when the plenum issued no Nghị quyết, naming what it issued."),
        N_("The 4th plenum of the XIII Central Committee issued Kết luận 21-KL/TW and Quy định "
        "37-QĐ/TW, not a resolution: the citation names a document that does not exist."),
        "Nghị quyết T.Ư 4 (khóa XIII)",
        N_("Cite what the plenum issued: Kết luận số 21-KL/TW."),
    ),
    Rule(
        "CL305", "dated-after-article", "error",
        N_("The cited document is dated after the article."),
        N_("Compares the document's date (from the citation or the registry) with the article's date."),
        N_("An article cannot cite a document that did not exist yet: the number or the date is wrong, "
        "or the article's date is."),
        "an article of 11/04/2019 citing Chương trình 01-CTr/TU ngày 17/3/2021",
        N_("Check which document is meant."),
    ),
    Rule(
        "CL306", "replaced-document", "error",
        N_("The cited document had been replaced when the article was written."),
        N_("Reports citations of a document whose registry entry is replaced by another with effect "
        "before the article's date, and names the replacement."),
        N_("Citing a replaced rule as current misinforms readers."),
        "Quy định 22-QĐ/TW in an article of 2025-07 (replaced by 296-QĐ/TW from 2025-05-30)",
        N_("Cite the replacement, or say that the document was replaced."),
    ),
    Rule(
        "CL307", "inconsistent-dates", "error",
        N_("The same document is cited with two different dates in one article."),
        N_("Compares every dated citation of one registry document (or one symbol) in an article."),
        N_("At least one of the dates is wrong."),
        "Quy định số 24-QĐ/TW ngày 30/7/2021 ... Quy định số 24-QĐ/TW ngày 3/7/2021",
        N_("Use the document's date everywhere."),
    ),
    Rule(
        "CL308", "term-mismatch", "error",
        N_("The cited term (khóa) or plenum differs from the registry's for the document."),
        N_("Compares 'khóa XII' written with a citation to the term of the registry entry, and the "
        "plenum named as its issuer ('của Hội nghị Trung ương 6') to the plenum that passed it."),
        N_("Numbering restarts every term: the wrong term names another document."),
        "Chương trình số 01-CTr/TU của Thành ủy khóa XVI (registry: the 2021 programme, khóa XVII)",
        N_("Correct the term, or the number."),
    ),
    # --- CL9xx: input and internal errors -----------------------------------------------------------
    Rule(
        "CL901", "unreadable-file", "error",
        N_("A file could not be read as text."),
        N_("Reports missing files, permission errors, binary files and bytes that fit no supported "
        "encoding (UTF-8, UTF-16 with BOM, Windows-1258, TCVN3, VNI), with the line and column of "
        "the first bad byte."),
        N_("An unread article is an unchecked article."),
        "photo.jpg saved as article.txt",
        N_("Convert the file to UTF-8, or exclude it."),
    ),
    Rule(
        "CL902", "unknown-suppression-code", "warning",
        N_("A suppression comment names no rule."),
        N_("Reads the codes and names in `<!-- citelint-disable... -->` comments; a word that is no "
        "rule's code or name (a typo such as CL1O7, lower case, another tool's code) disables "
        "nothing, and a comment that names only such words disables no rule at all."),
        N_("A mistyped code would otherwise hide every finding on the line, errors included."),
        "<!-- citelint-disable-next-line CL1O7 -->",
        N_("Write the rule's code (CL107) or name; `citelint rule --all` lists them."),
    ),
    Rule(
        "CL903", "unreadable-article-date", "warning",
        N_("The front matter's date cannot be read."),
        N_("Reads the date fields of a Markdown file's front matter (date, published, pubdate...); "
        "when the article has one and none of them is a date (2021-13-45, \"tháng trước\"), says "
        "so at the value. The article's date then comes from its text, trusted too little for an "
        "error to rest on it."),
        N_("The article's date decides which version of a law and which term's document a citation "
        "means; a date that is silently ignored decides it wrongly."),
        "---\ndate: 2021-13-45\n---",
        N_("Write the date as YYYY-MM-DD (2021-11-30)."),
    ),
    Rule(
        "CL999", "internal-error", "error",
        N_("citelint failed on this file."),
        N_("Reports an unexpected failure while checking one file; the other files are still checked."),
        N_("It is a bug in citelint."),
        "",
        N_("Report it with the file."),
    ),
]

RULES: dict[str, Rule] = {r.code: r for r in _RULES}
# the words rule_doc translates: severities and families
_WORDS = (N_("error"), N_("warning"), N_("malformed"), N_("unresolved"), N_("conflicting"), N_("input"))
RULES_BY_NAME: dict[str, Rule] = {r.name: r for r in _RULES}
#: Each deviation code of the extractor → the rule that reports it.
RULE_FOR_DEVIATION: dict[str, Rule] = {d: r for r in _RULES for d in r.deviations}


def rule_doc(rule: Rule) -> str:
    """The text `citelint rule CODE` prints (Markdown), in the current language."""
    parts = [
        f"# {rule.code} {rule.name}",
        "",
        _("Default severity: {severity}. Family: {family}.").format(severity=_(rule.severity), family=_(rule.family)),
        "",
        _(rule.summary),
        "",
        _("## What it does"),
        _(rule.what),
        "",
        _("## Why it matters"),
        _(rule.why),
    ]
    if rule.example:
        parts += ["", _("## Example"), rule.example]
    parts += ["", _("## Fix"), _(rule.fix)]
    return "\n".join(parts)
