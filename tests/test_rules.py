"""Every rule: one article that triggers it, and one that does not.

The registry is a small fixture made for these cases (tests/fixtures/registry)."""

from __future__ import annotations

import datetime as dt

import pytest

from citelint import extract
from citelint.check.analyse import check_file, lint_text
from citelint.config import Options
from citelint.rules import RULES

NOV_2021 = dt.date(2021, 11, 19)


@pytest.fixture(scope="module")
def registry(fixture_registry):
    return fixture_registry


# code -> (article that triggers it, article that does not, article date, jurisdiction)
CASES = {
    "CL101": ("Theo Quy định số 30/2/2021 của Bộ Chính trị.", "Theo Quy định số 41-QĐ/TW của Bộ Chính trị.", NOV_2021, None),
    "CL102": ("Thực hiện Nghị quyết số 18-CT/TW.", "Thực hiện Nghị quyết số 18-NQ/TW.", NOV_2021, None),
    "CL103": ("Nghị quyết số 04-NQ/TW ngày 30/2/2016 của Trung ương.", "Nghị quyết số 04-NQ/TW ngày 30/10/2016 của Trung ương.", NOV_2021, None),
    "CL104": ("Theo Quy định 41/QĐ-TW.", "Theo Quy định 41-QĐ/TW.", NOV_2021, None),
    "CL105": ("Theo Thông báo 159-TB ngày 2/2/2020.", "Theo Quy định 41-QĐ/TW.", NOV_2021, None),
    "CL106": ("Theo Quy định 41- QĐ/TW.", "Theo Quy định 41-QĐ/TW.", NOV_2021, None),
    "CL107": ("Theo Quy định số 41-QĐ/TƯ.", "Theo Quy định số 41-QĐ/TW.", NOV_2021, None),
    "CL108": ("Theo Quy định số 41–QĐ/TW.", "Theo Quy định số 41-QĐ/TW.", NOV_2021, None),
    "CL109": ("Chương trình số 01-CTr/TU của Thành ủy Hà Nội khóa 17.", "Chương trình số 01-CTr/TU của Thành ủy Hà Nội khóa XVII.", NOV_2021, "Hà Nội"),
    "CL110": ("Theo Nghị định 51/1999 của Chính phủ.", "Theo Nghị định 30/2020/NĐ-CP của Chính phủ.", NOV_2021, None),
    "CL201": ("Thực hiện Nghị quyết số 99-NQ/TW.", "Thực hiện Nghị quyết số 18-NQ/TW.", NOV_2021, None),
    "CL202": ("Ban Chỉ đạo Chương trình 07 của Thành ủy họp.",
              "Chương trình 01-CTr/TU của Thành ủy. Ban Chỉ đạo Chương trình 01 họp.", NOV_2021, "Hà Nội"),
    "CL203": ("Ban Chỉ đạo Chương trình 01-CTr/TU họp.", "Ban Chỉ đạo Chương trình 01-CTr/TU ngày 17/3/2021 họp.", None, "Hà Nội"),
    "CL301": ("Quy định số 41-QĐ/TW ngày 3/12/2021 của Bộ Chính trị.", "Quy định số 41-QĐ/TW ngày 3/11/2021 của Bộ Chính trị.", dt.date(2021, 12, 20), None),
    "CL302": ("Quy định số 41-QĐ/TW ngày 3/11/2021 của Ban Bí thư.", "Quy định số 41-QĐ/TW ngày 3/11/2021 của Bộ Chính trị.", NOV_2021, None),
    "CL303": ("Quyết định số 37-QĐ/TW ngày 25/10/2021.", "Quy định số 37-QĐ/TW ngày 25/10/2021.", NOV_2021, None),
    "CL304": ("theo tinh thần Nghị quyết T.Ư 4 (khoá XIII).", "theo tinh thần Nghị quyết T.Ư 4 (khoá XII).", dt.date(2021, 12, 11), None),
    "CL305": ("Chương trình 01-CTr/TU ngày 17/3/2021 của Thành ủy.", "Chương trình 01-CTr/TU ngày 26/4/2016 của Thành ủy.", dt.date(2019, 4, 11), "Hà Nội"),
    "CL306": ("Theo Quy định số 41-QĐ/TW của Bộ Chính trị về miễn nhiệm.", "Theo Quy định số 377-QĐ/TW của Bộ Chính trị.", dt.date(2025, 12, 1), None),
    "CL307": ("Quy định số 99-QĐ/TW ngày 3/11/2021. Sau đó, Quy định số 99-QĐ/TW ngày 3/12/2021.",
              "Quy định số 99-QĐ/TW ngày 3/11/2021. Sau đó, Quy định số 99-QĐ/TW ngày 3/11/2021.", dt.date(2021, 12, 20), None),
    "CL308": ("Chương trình số 01-CTr/TU ngày 17/3/2021 của Thành ủy Hà Nội khóa XVI.",
              "Chương trình số 01-CTr/TU ngày 17/3/2021 của Thành ủy Hà Nội khóa XVII.", NOV_2021, "Hà Nội"),
    "CL902": ("Theo Quy định 41-QĐ/TW. <!-- citelint-disable-line CL1O7 -->",
              "Theo Quy định 41-QĐ/TW. <!-- citelint-disable-line CL107 -->", NOV_2021, None),
}


def codes(report):
    return [d.code for d in report.diagnostics]


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_triggers(code, registry):
    bad, good, date, place = CASES[code]
    report = lint_text(bad, options=Options(registry=registry, date=date, jurisdiction=place))
    assert code in codes(report), [(d.code, d.message) for d in report.diagnostics]
    d = next(d for d in report.diagnostics if d.code == code)
    assert d.name == RULES[code].name and d.message
    assert bad[d.start : d.end] or d.start == d.end  # a span in the article


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_stays_quiet(code, registry):
    bad, good, date, place = CASES[code]
    report = lint_text(good, options=Options(registry=registry, date=date, jurisdiction=place))
    assert code not in codes(report), [(d.code, d.message) for d in report.diagnostics]


def test_every_rule_has_a_case():
    assert set(CASES) | {"CL111", "CL901", "CL903", "CL999"} == set(RULES)


@pytest.mark.parametrize("value", ["2021-13-45", '"tháng trước"', "30/2/2021"])
def test_cl903_an_unreadable_front_matter_date_is_said_and_trusted_text_dates_are_not(registry, value):
    article = f"---\ntitle: Tin\ndate: {value}\n---\nHà Nội, ngày 20/12/2021.\nQuy định số 41-QĐ/TW ngày 3/12/2021 của Bộ Chính trị.\n"
    report = lint_text(article, markup="markdown", options=Options(registry=registry))
    (d,) = [d for d in report.diagnostics if d.code == "CL903"]
    assert article[d.start:d.end] == value.strip('"') and d.line == 3 and d.severity == "warning"
    # the date in the text (20/12/2021) is used, but not trusted enough for an error
    assert report.context.date == dt.date(2021, 12, 20) and report.context.date_confidence == "low"
    good = article.replace(f"date: {value}", "date: 2021-12-20")
    report = lint_text(good, markup="markdown", options=Options(registry=registry))
    assert "CL903" not in codes(report) and report.context.date_confidence == "high"
    assert "CL903" not in codes(lint_text(article.replace(f"date: {value}\n", ""), markup="markdown", options=Options(registry=registry)))


def test_cl111_tone_placement_follows_the_configured_convention(registry):
    from citelint.config import Config

    newer = "Chương trình số 01-CTr/TU của Thành uỷ Hà Nội khoá XVII và Quý II."
    older = "Chương trình số 01-CTr/TU của Thành ủy Hà Nội khóa XVII và Quý II."
    assert codes(lint_text(newer, options=Options(config=Config()))) == []  # no convention configured: both are fine
    old = Config(tone_placement="old")
    found = [d for d in lint_text(newer, options=Options(config=old)).diagnostics if d.code == "CL111"]
    assert [newer[d.start : d.end] for d in found] == ["uỷ", "oá"]
    fixed = newer
    for d in sorted(found, key=lambda d: -d.start):
        (e,) = d.fix.edits
        fixed = fixed[: e.start] + e.replacement + fixed[e.end :]
    assert fixed == older  # "Quý" untouched: the u of "qu" carries no tone
    assert "CL111" not in codes(lint_text(older, options=Options(config=old)))
    assert [d.code for d in lint_text(older, options=Options(config=Config(tone_placement="new"))).diagnostics if d.code == "CL111"] == ["CL111"] * 2


def test_cl901_unreadable_file(tmp_path, registry):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    good = tmp_path / "ok.txt"
    good.write_text("Theo Quy định số 41-QĐ/TW ngày 3/11/2021 của Bộ Chính trị.", encoding="utf-8")
    (d,) = check_file(str(bad), Options(registry=registry)).diagnostics
    assert (d.code, d.severity, d.line, d.column) == ("CL901", "error", 3, 1)  # the NUL after "\x1a\n"
    assert "binary" in d.message
    assert "CL901" not in codes(check_file(str(good), Options(registry=registry, date=NOV_2021)))


def test_cl999_internal_error_is_reported_for_that_file_only(tmp_path, registry, monkeypatch):
    import citelint.resolve as resolve_module

    path = tmp_path / "a.txt"
    path.write_text("Nghị quyết số 18-NQ/TW.", encoding="utf-8")
    clean = check_file(str(path), Options(registry=registry, date=NOV_2021))
    assert "CL999" not in codes(clean)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(resolve_module, "resolve_article", broken)
    (d,) = check_file(str(path), Options(registry=registry, date=NOV_2021)).diagnostics
    assert d.code == "CL999" and "boom" in d.message


# --- what the messages say ------------------------------------------------------------------------

def test_plenum_without_resolution_names_what_it_issued(registry):
    (d,) = [d for d in lint_text(CASES["CL304"][0], options=Options(registry=registry, date=dt.date(2021, 12, 11))).diagnostics if d.code == "CL304"]
    assert "21-KL/TW" in d.message and "37-QĐ/TW" in d.message
    assert {c.id for c in d.resolution.candidates} == {"tw-kl-21-2021", "tw-qd-37-2021"}


def test_replaced_document_names_the_replacement(registry):
    (d,) = [d for d in lint_text(CASES["CL306"][0], options=Options(registry=registry, date=dt.date(2025, 12, 1))).diagnostics if d.code == "CL306"]
    assert "377-QĐ/TW" in d.message and "08/10/2025" in d.message


def test_ambiguity_names_the_candidates(registry):
    (d,) = [d for d in lint_text(CASES["CL203"][0], options=Options(registry=registry, jurisdiction="Hà Nội")).diagnostics if d.code == "CL203"]
    assert "26/04/2016" in d.message and "17/03/2021" in d.message  # dates in one format, dd/mm/yyyy
    assert [c.id for c in d.resolution.candidates] == ["hn-ctr-01-2016", "hn-ctr-01-2021"]


def test_date_fix_is_unsafe_and_from_the_registry(registry):
    text = CASES["CL301"][0]
    (d,) = [d for d in lint_text(text, options=Options(registry=registry, date=dt.date(2021, 12, 20))).diagnostics if d.code == "CL301"]
    assert d.fix.applicability == "unsafe"
    (edit,) = d.fix.edits
    assert text[edit.start : edit.end] == "3/12/2021" and edit.replacement == "3/11/2021"


def test_style_fixes_are_safe_and_exact(registry):
    text = CASES["CL107"][0]
    (d,) = lint_text(text, options=Options(registry=registry, date=NOV_2021)).diagnostics
    (edit,) = d.fix.edits
    assert d.fix.applicability == "safe"
    assert text[: edit.start] + edit.replacement + text[edit.end :] == CASES["CL107"][1]


def test_issuer_names_that_fit_several_bodies_are_not_conflicts(registry):
    # "Trung ương" is what the press calls the Central Committee, the Politburo and the Secretariat alike
    report = lint_text("Quy định số 41-QĐ/TW ngày 3/11/2021 của Trung ương.", options=Options(registry=registry, date=NOV_2021))
    assert "CL302" not in codes(report)
    assert report.resolved == 1


def test_tu_means_the_committee_of_the_article(registry):
    text = "Thực hiện Nghị quyết số 15-NQ/TU của Ban Thường vụ."
    ha_noi = lint_text(text, options=Options(registry=registry, date=NOV_2021, jurisdiction="Hà Nội"))
    nghe_an = lint_text(text, options=Options(registry=registry, date=NOV_2021, jurisdiction="Nghệ An"))
    unknown = lint_text(text, options=Options(registry=registry, date=NOV_2021))
    from citelint.find.extract import extract
    from citelint.resolve import resolve_article

    (c,) = extract(text)
    assert resolve_article([c], ha_noi.context, registry)[0].document.id == "hn-nq-15-tu-2017"
    assert resolve_article([c], nghe_an.context, registry)[0].document.id == "na-nq-15-tu-2016"
    # no place known: both provinces' documents fit, and the article's date must not choose
    assert "CL203" in codes(unknown)
    (d,) = unknown.diagnostics
    assert {x.id for x in d.resolution.candidates} == {"hn-nq-15-tu-2017", "na-nq-15-tu-2016"}


def test_tu_is_not_tw(registry):
    from citelint.find.extract import extract
    from citelint.resolve import resolve_article

    report = lint_text("Nghị quyết số 15-NQ/TƯ ngày 5/5/2022.", options=Options(registry=registry, date=NOV_2021, jurisdiction="Hà Nội"))
    (c,) = extract("Nghị quyết số 15-NQ/TƯ ngày 5/5/2022.")
    assert resolve_article([c], report.context, registry)[0].status == "unknown"  # 15-NQ/TW is not in the fixture


@pytest.mark.parametrize("text", [
    "Luật số 21-LCT/HĐNN8 ngày 30/6/1989",  # a law cited by its promulgation order
    "Pháp lệnh số 51-L/CTN",
    "Thông tư số 55/2015/TTLT-BTC-BKHCN",  # a joint circular called a circular
    "Quyết định 07-UB/LĐTL",  # an old symbol whose first code is no document type
])
def test_no_contradiction_of_type_word_and_code(text):
    assert "CL102" not in codes(lint_text(text))


def test_the_plenum_named_as_issuer_is_checked_and_is_no_wrong_issuer(registry):
    right = ("Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương khóa XII; "
             "Nghị quyết số 19-NQ/TW của Hội nghị Trung ương 6 (khóa XII).")
    report = lint_text(right, options=Options(registry=registry, date=NOV_2021))
    assert codes(report) == [] and report.resolved == 2
    wrong = "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị Trung ương 7 khóa XII."
    report = lint_text(wrong, options=Options(registry=registry, date=NOV_2021))
    assert [(d.code, d.message) for d in report.diagnostics] == [
        ("CL308", "18-NQ/TW was passed at plenum 6 (khóa XII), not plenum 7")]


def findings(text, registry, **options):
    report = lint_text(text, options=Options(registry=registry, **options))
    return [(d.code, d.severity, d.message) for d in report.diagnostics]


def test_a_year_the_text_mentions_dates_no_error(registry):
    # the only year is a past event's: the article is not "of 2019", so no CL305 (41-QĐ/TW is of 2021)
    body = "Năm 2019, ông được bổ nhiệm. Nay ông bị xử lý theo Quy định số 41-QĐ/TW ngày 3/11/2021 của Bộ Chính trị.\n"
    assert [f for f in findings(body, registry) if f[0] in ("CL305", "CL306")] == []
    # the same article dated by its front matter: the date is evidence, the finding an error
    dated = "---\ndate: 2019-05-01\n---\n" + body
    report = lint_text(dated, markup="markdown", options=Options(registry=registry))
    assert ("CL305", "error") in [(d.code, d.severity) for d in report.diagnostics]


def test_another_terms_document_with_the_same_number_is_unknown_not_a_conflict(registry):
    # 18-NQ/TW of khóa XI is not the 2017 resolution (khóa XII) misquoted: numbering restarts every term
    got = findings("Nghị quyết số 18-NQ/TW của Hội nghị Trung ương 6 khóa XI.", registry, date=NOV_2021)
    assert [c for c, _, _ in got] == ["CL201"] and "of this date or term" in got[0][2]
    # a 2016 article cannot cite the 2021 programme: Hà Nội's 01-CTr/TU of 2016 is meant
    got = findings("Thực hiện Chương trình số 01-CTr/TU của Thành ủy.", registry, date=dt.date(2016, 9, 1), jurisdiction="Hà Nội")
    assert all(c not in ("CL305", "CL308") for c, _, _ in got)


def test_a_conflict_on_an_unverified_fact_is_a_warning_that_says_so(registry):
    # hn-ctr-01-2016's date is not verified in the registry
    got = findings("Chương trình số 01-CTr/TU ngày 26/5/2016 của Thành ủy Hà Nội.", registry, date=NOV_2021, jurisdiction="Hà Nội")
    assert ("CL301", "warning", "01-CTr/TU is dated 26/04/2016 in the registry, not 26/05/2016 (the registry's fact is unverified)") in got


def test_a_document_chosen_by_an_uncertain_article_date_gives_warnings(registry):
    # 35-CT/TW is of 2019 (khóa XII) and of 2024 (khóa XIII): the year the text mentions chooses one,
    # so a conflict with it is not certain
    text = "Năm 2020, tỉnh thực hiện Chỉ thị số 35-CT/TW của Ban Bí thư."
    got = findings(text, registry)
    assert [(c, s) for c, s, _ in got] == [("CL302", "warning")]
    assert got[0][2].endswith("(the document was chosen by an uncertain article date)")
    assert [(c, s) for c, s, _ in findings(text, registry, date=dt.date(2020, 6, 1))] == [("CL302", "error")]


def test_two_dates_for_one_document_are_reported_once_and_where_the_registry_disagrees(registry):
    # the registry knows 41-QĐ/TW's date: the occurrence that disagrees is the finding (CL301), once
    text = ("Quy định số 41-QĐ/TW ngày 3/11/2021. Sau đó, Quy định số 41-QĐ/TW ngày 3/12/2021; "
            "Quy định số 41-QĐ/TW ngày 3/12/2021.")
    report = lint_text(text, options=Options(registry=registry, date=dt.date(2021, 12, 20)))
    assert [(d.code, text[d.start : d.end].count("3/12/2021")) for d in report.diagnostics] == [("CL301", 1), ("CL301", 1)]
    # a document the registry lacks: one CL307 however many times it is cited again
    text = "Quy định số 99-QĐ/TW ngày 3/11/2021. Quy định số 99-QĐ/TW ngày 3/12/2021. Quy định số 99-QĐ/TW ngày 4/12/2021."
    report = lint_text(text, options=Options(registry=registry, date=dt.date(2021, 12, 20)))
    assert [d.code for d in report.diagnostics if d.code == "CL307"] == ["CL307"]
    # the date after a document named in another's title may be the outer one's: no conflict
    text = ("Thông tư số 01/2020/TT-BLĐTBXH hướng dẫn thi hành Nghị định số 61/2015/NĐ-CP ngày 10/02/2020. "
            "Nghị định số 61/2015/NĐ-CP ngày 9/7/2015 của Chính phủ quy định chính sách.")
    assert "CL307" not in codes(lint_text(text, options=Options(registry=registry, date=dt.date(2021, 12, 20))))
    text = ("Nghị định số 74/2019/NĐ-CP ngày 23/9/2019 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số "
            "61/2015/NĐ-CP ngày 10/02/2020 của Bộ Lao động - Thương binh và Xã hội. Nghị định số 61/2015/NĐ-CP ngày 9/7/2015.")
    assert "CL307" not in codes(lint_text(text, options=Options(registry=registry, date=dt.date(2021, 12, 20))))
    # ... but a date typo of a document amended by a dated one is still found
    text = ("Thông tư số 23/2007/TT-BTC ngày 21/3/2007 của Bộ Tài chính. Thông tư 142/2009/TT-BTC ngày 14/7/2009 sửa đổi, "
            "bổ sung Thông tư 23/2007/TT-BTC ngày 21/3/2009 của Bộ Tài chính.")
    assert "CL307" in codes(lint_text(text, options=Options(registry=registry, date=dt.date(2021, 12, 20))))


def test_two_dates_of_a_state_symbol_in_two_years(registry):
    def cl307(text):
        report = lint_text(text, options=Options(registry=registry, date=dt.date(2024, 1, 5)))
        return [(d.severity, d.message) for d in report.diagnostics if d.code == "CL307"]

    # a symbol without a year: the Prime Minister numbers directives afresh every year
    assert cl307("Chỉ thị số 21/CT-TTg ngày 05/8/2021 về dự toán 2022. Chỉ thị số 21/CT-TTg ngày 10/6/2023 về dự toán 2024.") == []
    # ... but in one year the number is one directive
    assert [s for s, _ in cl307("Chỉ thị số 21/CT-TTg ngày 05/8/2021. Chỉ thị số 21/CT-TTg ngày 15/8/2021.")] == ["error"]
    # a date of another year than the symbol's: the date or the symbol is miswritten, not surely the date
    ((severity, message),) = cl307("Nghị định số 120/2016/NĐ-CP ngày 23/8/2016 quy định chi tiết Luật Phí. "
                                   "Nghị định số 120/2016/NĐ-CP ngày 19/10/2020 quy định chi tiết Luật Quản lý thuế.")
    assert severity == "warning" and "symbol may be miswritten" in message
    # the same day and month in another year is a typo of the year: an error
    assert [s for s, _ in cl307("Thông tư số 23/2007/TT-BTC ngày 21/3/2007 hướng dẫn chế độ công tác phí. "
                                "Thông tư số 23/2007/TT-BTC ngày 21/3/2009 vẫn áp dụng.")] == ["error"]


def test_a_body_after_a_list_of_dated_items_is_the_last_ones_only(registry):
    # each item has its own date: "của Ban Chấp hành Trung ương" is certain only for the last one
    text = ("Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019, Quy định số 41-QĐ/TW ngày 3/11/2021 và "
            "Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương.")
    report = lint_text(text, options=Options(registry=registry, date=NOV_2021))
    assert codes(report) == [] and report.resolved == 3
    # a shared suffix still applies to every item, its date included
    (a, b) = extract("Nghị quyết số 18, 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương.")
    assert (a.symbol, a.date, a.issuer_text) == ("18-NQ/TW", dt.date(2017, 10, 25), "Ban Chấp hành Trung ương")
    assert (b.symbol, b.date) == ("19-NQ/TW", dt.date(2017, 10, 25))


def test_a_long_local_body_name_is_matched_whole(registry):
    # "Ban Thường vụ Thành ủy Hà Nội" is five words before its place: it names the issuer
    text = "Thực hiện Nghị quyết số 15-NQ/TU ngày 4/7/2017 của Ban Thường vụ Thành ủy Hà Nội."
    report = lint_text(text, options=Options(registry=registry, date=NOV_2021, jurisdiction="Hà Nội"))
    assert codes(report) == [] and report.resolved == 1
    # ... and the place it names chooses the province: Nghệ An's 15-NQ/TU (of 2016, unverified)
    text = "Thực hiện Nghị quyết số 15-NQ/TU ngày 4/7/2017 của Ban Thường vụ Tỉnh ủy Nghệ An."
    report = lint_text(text, options=Options(registry=registry, date=NOV_2021, jurisdiction="Hà Nội"))
    assert [(d.code, d.severity, d.resolution.resolved.id) for d in report.diagnostics] == [
        ("CL301", "warning", "na-nq-15-tu-2016")]


def test_unresolved_messages_say_what_is_true_and_show_the_right_shape(registry):
    def one(text, code, **kw):
        report = lint_text(text, options=Options(registry=registry, date=NOV_2021, **kw))
        return next(d for d in report.diagnostics if d.code == code)

    # a State decree's full form carries a year and an issuer; a Party programme's a committee
    assert one("Theo Nghị định 108, nhà đầu tư được hưởng ưu đãi.", "CL202").help.endswith(
        "Nghị định số 108/<năm>/NĐ-<cơ quan> ngày ...")
    assert one("Ban Chỉ đạo Chương trình 07 của Thành ủy họp.", "CL202", jurisdiction="Hà Nội").help.endswith(
        "Chương trình số 07-CTr/<cấp ủy> ngày ...")
    # a short form means the nearest full citation before it, as a reader takes it: no ambiguity
    # ("fits 0 documents" before), whichever full citations come after
    text = "Nghị định số 108/2005/NĐ-CP quy định cư trú. Theo Nghị định 108, nhiều hộ chưa đủ điều kiện. Nghị định 108/CP cũ."
    report = lint_text(text, options=Options(registry=registry, date=NOV_2021))
    assert "CL203" not in codes(report)


@pytest.mark.parametrize("text", [
    "Quy định số 377-QĐ/TW thay thế Quy định số 41-QĐ/TW của Bộ Chính trị.",
    "Trước đây, theo Quy định số 41-QĐ/TW của Bộ Chính trị, việc miễn nhiệm được làm khác.",
    "Quy định số 41-QĐ/TW của Bộ Chính trị đã hết hiệu lực.",
])
def test_a_replaced_document_mentioned_as_history_is_no_finding(registry, text):
    report = lint_text(text, options=Options(registry=registry, date=dt.date(2025, 12, 1)))
    assert "CL306" not in codes(report)


@pytest.mark.parametrize("text", ["Thông tư số 43/TC-QLCS ngày 3/7/1996.", "Thông tư số 27/1997/TC-VT của Bộ Tài chính."])
def test_the_ministry_of_finances_old_code_contradicts_no_type_word(registry, text):
    assert "CL102" not in codes(lint_text(text, options=Options(registry=registry, date=NOV_2021)))


def test_short_forms_that_are_no_unresolved_documents(registry):
    def cl202(text):
        return "CL202" in codes(lint_text(text, options=Options(registry=registry, date=NOV_2021)))

    assert not cl202("Quy định 20% đại biểu tán thành thì được thông qua.")  # a share, not a document
    # a scheme called by the number of the decision that approved it
    assert not cl202("Quyết định số 599/QĐ-TTg ngày 17/4/2013 phê duyệt Đề án đào tạo. Đề án 599 đã cử 500 người.")
    assert cl202("Đề án 599 đã cử 500 người đi học.")
    assert not cl202("Nghị quyết số 30a/2008/NQ-CP về hỗ trợ giảm nghèo nhanh.")  # a number with a letter


def test_a_short_form_the_article_dates_is_identified_not_unresolved(registry):
    def found(text):
        report = lint_text(text, options=Options(registry=registry, date=NOV_2021))
        return [(d.code, d.message) for d in report.diagnostics if d.code in ("CL201", "CL202")]

    # the article gives the decree's date once: every mention of it is identified by number and
    # date (not "refers to no full citation"), though never by its symbol
    text = ("Quỹ việc làm được lập từ nghị định 81. Điều 14, nghị định 81 (ban hành ngày 23/11/1995) quy định tỷ lệ "
            "đóng góp. Nhưng nghị định 81 không quy định chế tài.")
    assert [message for _, message in found(text)] == [
        "'nghị định 81' is cited without its symbol (dated 23/11/1995 at line 1), and no registry document of that number and year fits",
        "'Điều 14, nghị định 81 (ban hành ngày 23/11/1995)' is cited without its symbol (dated 23/11/1995 in this article), "
        "and no registry document of that number and year fits",
        "'nghị định 81' is cited without its symbol (dated 23/11/1995 at line 1), and no registry document of that number and year fits"]
    # two dates for one number: one may be an outer document's ("nghị định 116 sửa đổi ... nghị
    # định 81 (ban hành 23/4/2004)" dates 116), so neither identifies it
    text = ("Điều 14, nghị định 81 (ban hành ngày 23/11/1995) quy định tỷ lệ đóng góp. Điều 7 của nghị định 116 "
            "sửa đổi bổ sung một số điều của nghị định 81 (ban hành 23/4/2004) quy định mức hỗ trợ.")
    assert all("refers to no full citation" in message for _, message in found(text))
    # "ký ngày" dates it too, and a year written with the number identifies a State decree
    assert "(dated 07/10/2004 in this article)" in found("Quyết định số 4945 ký ngày 7/10/2004 của UBND TP buộc tháo dỡ.")[0][1]
    assert "(of 2003 in this article)" in found("Nghị định số 113/2003 quy định xử phạt.")[0][1]
    # the registry's document of that number and year is the one meant, its date checked;
    # another year's is another document (numbering restarts)
    def dated(text):
        report = lint_text(text, options=Options(registry=registry, date=dt.date(2022, 1, 1)))
        return report.resolved, codes(report)

    assert dated("Quy định 41 ngày 3/11/2021 của Bộ Chính trị về miễn nhiệm.") == (1, [])
    assert dated("Quy định 41 ngày 5/11/2021 của Bộ Chính trị về miễn nhiệm.") == (1, ["CL301"])
    assert dated("Quy định 41 ngày 3/11/2015 của Bộ Chính trị về miễn nhiệm.") == (0, ["CL202"])
    # ... but a bare number is a reference with nothing to identify it
    assert found("Nghị định 113 quy định xử phạt.")[0][1].endswith("refers to no full citation in this article, "
                                                                  "and no single registry document fits")


def test_meeting_references_that_are_no_ambiguity(registry):
    def found(text):
        report = lint_text(text, options=Options(registry=registry, date=dt.date(2019, 1, 1)))
        return codes(report)

    # several plenums' resolutions cited together mean all of them
    assert "CL203" not in found("Thực hiện các Nghị quyết Hội nghị Trung ương 6, 7 khóa XII về sắp xếp bộ máy.")
    assert "CL203" not in found("Thực hiện Nghị quyết Trung ương 6 và 7 khóa XII, tỉnh đã sắp xếp bộ máy.")
    # one plenum that passed two resolutions, cited as one, is ambiguous
    assert "CL203" in found("Thực hiện Nghị quyết Trung ương 6 khóa XII, tỉnh đã sắp xếp bộ máy.")
    # "Nghị quyết 13 Đại hội Đảng bộ": 13 is the congress's number, no document's
    assert "CL202" not in found("Thực hiện Nghị quyết 13 Đại hội Đảng bộ thành phố, quận đã làm đường.")


def test_a_state_committees_code_ending_in_tw_is_no_party_symbol(registry):
    (c,) = extract("Quyết định số 109/QĐ-BCĐCLNTW ngày 09/11/2022 của Trưởng Ban Chỉ đạo.")
    assert (c.kind, c.symbol, c.deviations) == ("state", "109/QĐ-BCĐCLNTW", ())
    (c,) = extract("Chỉ thị 54/CT-TW của Ban Bí thư.")  # the Secretariat's, written the State's way
    assert (c.kind, c.symbol, [d.code for d in c.deviations]) == ("party", "54-CT/TW", ["party-number-state-separators"])


def test_a_capitalised_word_after_a_dash_is_no_issuer_code():
    # "- Phụ lục I", "- Quy chuẩn": a word begins, the symbol has ended
    (c,) = extract("Theo Quyết định 04/QĐ-UBND - Phụ lục I kèm theo.")
    assert (c.symbol, c.deviations) == ("04/QĐ-UBND", ())
    (c,) = extract("Nghị quyết số 12-NQ/ThU ngày 3/4/2020 của Thị ủy.")  # "ThU" is a code
    assert c.symbol == "12-NQ/ThU"


@pytest.mark.parametrize("text", [
    "Theo Quy định 1.4 của Công ước Lao động hàng hải, chủ tàu phải bảo đảm.",  # a convention's section
    "Chương trình 135 đã giúp nhiều xã đặc biệt khó khăn.",  # a national programme named by its decision
    "TIỂU DỰ ÁN 1 - PHÁT TRIỂN KINH TẾ NÔNG NGHIỆP",  # a heading in capitals
])
def test_numbers_that_name_no_document(text):
    assert extract(text) == []


def test_a_joint_circular_shortened_to_circular_refers_to_its_full_citation(registry):
    text = ("Thực hiện theo Thông tư liên tịch số 1232/1998/TTLT-BQP-BLĐTBXH-BTC ngày 24 tháng 4 năm 1998 của Liên bộ "
            "(sau đây gọi tắt là Thông tư số 1232/1998/TTLT). Chế độ nghỉ phép theo Phần B Thông tư số 1232/1998/TTLT.")
    assert "CL202" not in codes(lint_text(text, options=Options(registry=registry, date=NOV_2021)))
    # a short form's year must be the full citation's: 12/2005 is not 12/2006/NĐ-CP
    text = "Nghị định số 12/2006/NĐ-CP ngày 23/01/2006 của Chính phủ. Theo Nghị định số 12/2005, việc cấp phép khác."
    assert "CL202" in codes(lint_text(text, options=Options(registry=registry, date=NOV_2021)))


def test_the_topic_of_the_sentence_chooses_among_a_plenums_resolutions():
    from citelint.registry.build import load_layered

    registry = load_layered(None)

    def named(text):
        from citelint.check.analyse import analyse

        (r,) = [r for r in analyse(text, options=Options(registry=registry, date=NOV_2021)).resolved if r.citation.kind == "named"]
        return r.status, r.document.symbol if r.document else None, bool(r.weak)

    # 13-NQ/TW of plenum 4 (khóa XI) is on infrastructure: its own words are in the sentence
    assert named("Thực hiện Nghị quyết Trung ương 4 (khóa XI) về kết cấu hạ tầng đồng bộ, tỉnh đầu tư.") == (
        "resolved", "13-NQ/TW", True)
    # nothing of either's own in the sentence: both stay candidates
    assert named("Thực hiện Nghị quyết Trung ương 4 (khóa XI), tỉnh đã làm nhiều việc.")[0] == "ambiguous"


def test_the_date_after_a_list_in_an_outer_title_is_the_outer_documents(registry):
    text = ("Thông tư số 20/2017/TT-BNNPTNT ngày 10/11/2017 quy định về giống. (Điều 3 Thông tư số 34/2018/TT-BNNPTNT "
            "sửa đổi Thông tư số 30/2017/TT-BNNPTNT ngày 29/12/2017 và Thông tư số 20/2017/TT-BNNPTNT ngày 16/11/2018 "
            "của Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn)")
    assert "CL307" not in codes(lint_text(text, options=Options(registry=registry, date=NOV_2021)))


def test_a_bare_short_form_in_an_article_of_unknown_date_names_no_candidates(registry):
    # 15-NQ/TW (2022) and Hà Nội's 15-NQ/TU (2017) are not candidates for "Nghị quyết 15" in an
    # article whose date nothing gives: no ambiguity is claimed
    text = "Thực hiện Nghị quyết 15, thành phố phân luồng giao thông."
    assert "CL203" not in codes(lint_text(text, options=Options(registry=registry, jurisdiction="Hà Nội")))
    # dated 2018, the 2022 resolution cannot be meant either: Hà Nội's of 2017 is the one
    report = lint_text(text, options=Options(registry=registry, jurisdiction="Hà Nội", date=dt.date(2018, 3, 1)))
    assert "CL203" not in codes(report) and report.resolved == 1


def test_a_date_in_the_lead_is_no_evidence_for_an_error(registry):
    # the lead's date is an earlier event's: the article is not of 2019
    body = "Ngày 26-8-2019, ông được bổ nhiệm.\nNay ông bị xử lý theo Quy định số 41-QĐ/TW ngày 3/11/2021 của Bộ Chính trị.\n"
    report = lint_text(body, options=Options(registry=registry))
    assert report.context.date_confidence == "low" and "CL305" not in codes(report)
    # a header line dates the article: the finding is an error
    report = lint_text("Thứ Ba, 30/04/2019 08:00\n" + body, options=Options(registry=registry))
    assert report.context.date_confidence == "high" and ("CL305", "error") in [(d.code, d.severity) for d in report.diagnostics]
