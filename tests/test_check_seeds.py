"""The seed articles against the shipped registry: what each citation resolves to."""

from __future__ import annotations

import pytest

from citelint.check.analyse import check_file
from citelint.config import Options
from citelint.context.infer import infer_context
from citelint.find.extract import extract_file
from citelint.resolve import resolve_article
from conftest import SEEDS


@pytest.fixture(scope="module")
def registry(shipped_registry):
    return shipped_registry


def resolved(name: str, registry):
    result = extract_file(str(SEEDS / name))
    context = infer_context(result.text)
    return context, resolve_article(result.citations, context, registry)


def ids(rs, **where):
    return [r.document.id if r.document else r.status for r in rs if all(getattr(r.citation, k) == v for k, v in where.items())]


def test_programme_01_of_the_term_in_force(registry):
    # 01-CTr/TU names the 2016 programme (term XVI) in the 2019 and 2018 articles...
    ctx, rs = resolved("000_883b030afed6ad88.txt", registry)
    assert ctx.date.isoformat() == "2019-04-11"
    assert ids(rs, symbol="01-CTr/TU") == ["hn-ctr-01-2016"] * 2
    assert ids(rs, kind="short") == ["hn-ctr-01-2016"] * 3  # "Chương trình 01", via its antecedent
    _, rs = resolved("002_a21f578245a916a4.txt", registry)
    assert ids(rs, symbol="01-CTr/TU") == ["hn-ctr-01-2016"] * 2
    # ...and the 2021 programme (term XVII) in the 2022 article
    ctx, rs = resolved("001_9387de9a32f19963.txt", registry)
    assert ctx.date.isoformat() == "2022-07-13"
    assert ids(rs, symbol="01-CTr/TU") == ["hn-ctr-01-2021"] * 2
    assert ids(rs, kind="short") == ["hn-ctr-01-2021"] * 2


def test_plenums_that_passed_several_resolutions_are_ambiguous(registry):
    # plenum 4 of khóa XI passed 12-NQ/TW (Party building) and 13-NQ/TW (infrastructure); the
    # seed's sentence names neither's topic alone, so both are candidates (CL203)
    _, rs = resolved("000_883b030afed6ad88.txt", registry)
    (r,) = [r for r in rs if r.citation.kind == "named"]
    assert r.status == "ambiguous" and [d.id for d in r.candidates] == ["tw-nq-12-2012", "tw-nq-13-2012"]
    _, rs = resolved("002_a21f578245a916a4.txt", registry)
    (r,) = [r for r in rs if r.citation.kind == "named"]
    assert r.status == "ambiguous" and [d.symbol for d in r.candidates] == ["04-NQ/TW", "05-NQ/TW", "06-NQ/TW"]


def test_coordinated_resolutions_18_and_19(registry):
    _, rs = resolved("002_a21f578245a916a4.txt", registry)
    docs = [r.document for r in rs if r.citation.symbol in ("18-NQ/TW", "19-NQ/TW")]
    assert [d.id for d in docs] == ["tw-nq-18-2017", "tw-nq-19-2017"]
    assert {d.date.isoformat() for d in docs} == {"2017-10-25"}


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_every_short_form_resolves(name, registry):
    _, rs = resolved(name, registry)
    for r in rs:
        if r.citation.kind == "short":
            assert r.status == "resolved", (r.citation.text, r.status, r.note)


def test_short_forms_without_antecedent_resolve_through_the_registry(registry):
    _, rs = resolved("002_a21f578245a916a4.txt", registry)
    by_text = {r.citation.text: r for r in rs if r.citation.kind == "short"}
    assert by_text["Nghị quyết số 15"].document.id == "hn-nq-15-tu-2017"
    assert by_text["Nghị quyết số 15"].via == "registry"
    assert by_text["Chỉ thị số 15 của Thành ủy"].document.id == "hn-ct-15-tu"
    assert by_text["Đề án 06"].document.id == "hn-da-06-2013" and by_text["Đề án 06"].via == "antecedent"


def test_guide_01_of_2021_by_its_date(registry):
    _, rs = resolved("004_8b74df4c981ce569.txt", registry)
    assert ids(rs, symbol="01-HD/TW") == ["tw-hd-01-2021"]
    assert all(r.status == "resolved" for r in rs if r.citation.symbol)
    # the Party Charter, named in two titles, is not looked up by name (and not reported)
    assert [(r.citation.text, r.status) for r in rs if not r.citation.symbol] == [("Điều lệ Đảng", "not-looked-up")] * 2


def test_plenum_4_of_term_xiii_issued_no_resolution(registry):
    report = check_file(str(SEEDS / "003_f1b95d96ca388da7.txt"), Options(registry=registry))
    (d,) = [d for d in report.diagnostics if d.code == "CL304"]
    assert d.severity == "error" and d.line == 27
    assert "21-KL/TW" in d.message and "37-QĐ/TW" in d.message
    assert d.citation.text == "Nghị quyết T.Ư 4 (khoá XIII)"
    # the congress XIII resolution, cited four times, resolves
    assert report.citations == 5 and report.resolved == 4


def test_all_seeds_findings(registry):
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        found += [(path.name[:3], d.line, d.code) for d in check_file(str(path), Options(registry=registry)).diagnostics]
    assert found == [
        ("000", 11, "CL203"),  # Nghị quyết Trung ương 4 (khóa XI): 12-NQ/TW or 13-NQ/TW
        ("001", 3, "CL109"),  # khóa 17
        ("002", 6, "CL203"),  # Nghị quyết Trung ương 4 (khóa XII): 04, 05 or 06-NQ/TW
        ("003", 27, "CL304"),  # Nghị quyết T.Ư 4 (khoá XIII)
        *[("004", 6, "CL107")] * 5,  # TƯ for TW
    ]
