"""`citelint report`: one self-contained HTML page, opened in a real browser, showing the numbers
of the records it was built from; `check --format corpus` and `report --from` give the same page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import html5lib
import pytest
from conftest import SEEDS, SHIPPED_REGISTRY, run_citelint

from citelint import build_report
from citelint.report.corpus import read_corpus, render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds and a few articles of our own, checked into corpus records; and the page."""
    root = tmp_path_factory.mktemp("corpus")
    articles = root / "articles"
    shutil.copytree(SEEDS, articles)
    (articles / "extra.md").write_text("Theo Nghị định 30/2020/NĐ-CP ngày 5/3/2020 và Nghị quyết số 99-NQ/TW.\n", encoding="utf-8")
    records = root / "run.jsonl"
    p = run_citelint("check", str(articles), "--format", "corpus", "-o", str(records), "--no-baseline", "--no-cache",
                     "--registry", str(SHIPPED_REGISTRY), cwd=root)
    assert p.returncode == 1, p.stderr  # the articles have findings
    page = root / "report.html"
    p = run_citelint("report", "--from", str(records), "-o", str(page), cwd=root)
    assert p.returncode == 0, p.stderr
    return root, records, page


def _numbers(records: Path) -> dict:
    articles = [json.loads(line)["article"] for line in records.read_text(encoding="utf-8").splitlines()
                if '"article"' in line[:12]]
    diagnostics = [d for a in articles for d in a["diagnostics"]]
    return {"articles": len(articles), "citations": sum(a["citations"] for a in articles),
            "resolved": sum(a["resolved"] for a in articles),
            "errors": sum(d["severity"] == "error" for d in diagnostics),
            "warnings": sum(d["severity"] == "warning" for d in diagnostics),
            "articles-with-findings": sum(bool(a["diagnostics"]) for a in articles),
            "by_rule": {code: sum(d["code"] == code for d in diagnostics) for code in {d["code"] for d in diagnostics}}}


def test_the_page_shows_the_records_numbers(corpus):
    _root, records, page = corpus
    expected = _numbers(records)
    doc = html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    shown = {dd.get("id")[2:]: int(dd.get("data-value")) for dd in doc.iter("dd") if dd.get("id") != "n-resolved-share"}
    assert shown == {k: v for k, v in expected.items() if k != "by_rule"}
    assert expected["articles"] == 6 and expected["citations"] > 40
    rules = {tr.get("data-rule"): int(tr.findall("td")[2].text.replace(".", "")) for tr in doc.iter("tr") if tr.get("data-rule")}
    assert rules == expected["by_rule"]
    assert len([li for li in doc.iter("li") if "finding" in li.get("class", "")]) == expected["errors"] + expected["warnings"]


def test_the_page_is_self_contained(corpus):
    text = corpus[2].read_text(encoding="utf-8")
    assert "<svg" in text  # the charts, inline
    assert not re.search(r"<script[^>]+src=|<link\b|<img\b|@import|url\((?!#)", text)
    assert len(text.encode("utf-8")) < 5_000_000


def test_checking_or_reading_the_records_gives_the_same_page(corpus):
    root, _records, page = corpus
    direct = root / "direct.html"
    p = run_citelint("report", str(root / "articles"), "-o", str(direct), "--no-baseline", "--no-cache",
                     "--registry", str(SHIPPED_REGISTRY), cwd=root)
    assert p.returncode == 0, p.stderr
    assert direct.read_text(encoding="utf-8") == page.read_text(encoding="utf-8")


def test_the_model_for_a_program(corpus):
    articles, documents = read_corpus([corpus[1]])
    model = build_report(articles, documents)
    assert model.summary.citations == sum(d.citations for d in model.documents) + (model.summary.citations - model.summary.resolved)
    assert model.documents[0].citations >= model.documents[-1].citations
    assert sum(n for _y, n in model.by_document_year) <= model.summary.resolved
    replaced = {d.id: d.replaced_by for d in model.documents if d.replaced_by}
    assert replaced["tw-qd-24-2021"] == "232-QĐ/TW (20/01/2025)"  # what replaced it, and from when
    assert render_html(model) == render_html(model)  # the same page every time


@pytest.mark.parametrize("content, message", [
    ("not json\n", "run.jsonl:1:1: not JSON"),
    ('{"article": {}}\n', "run.jsonl:1:1: not a corpus file"),
    ('{"citelint": "0.1.0", "corpus_format": 1}\n{"article": {"path": 3}}\n', "run.jsonl:2:1: not a corpus record"),
    ('{"citelint": "9", "corpus_format": 99}\n', "run.jsonl:1:1: corpus format 99"),
    ('{"citelint": "0.1.0", "corpus_format": 1}\n{"article": {"path": "a", "citations": 1, "resolved": 0, "documents": [], '
     '"diagnostics": [{"line": 1}]}}\n', "run.jsonl:2:1: not a corpus record"),
    ('{"citelint": "0.1.0", "corpus_format": 1}\n{"documents": {"x": {"date": 2020}}}\n', "run.jsonl:2:1: not a corpus record"),
])
def test_records_that_are_not_a_corpus_are_located(tmp_path, content, message):
    bad = tmp_path / "run.jsonl"
    bad.write_text(content, encoding="utf-8")
    p = run_citelint("report", "--from", str(bad), "-o", str(tmp_path / "r.html"), cwd=tmp_path)
    assert p.returncode == 2 and message in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "r.html").exists()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_the_page_renders_in_a_browser_without_script_errors(corpus, tmp_path):
    _root, records, page = corpus
    expected = _numbers(records)
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    assert 'data-ready="1"' in dom, dom[:500]  # the script ran to its end
    assert "data-script-errors" not in dom
    doc = html5lib.parse(dom, namespaceHTMLElements=False)
    shown = {dd.get("id")[2:]: int(dd.get("data-value")) for dd in doc.iter("dd") if dd.get("id") != "n-resolved-share"}
    assert shown == {k: v for k, v in expected.items() if k != "by_rule"}
    # the filters, preset by the address, applied by the page's script in the browser
    code, count = max(expected["by_rule"].items(), key=lambda kv: kv[1])
    filtered = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", f"{page.as_uri()}#rule={code}"],
                              capture_output=True, text=True, timeout=120).stdout
    doc = html5lib.parse(filtered, namespaceHTMLElements=False)
    visible = [li for li in doc.iter("li") if "finding" in li.get("class", "") and "hidden" not in li.get("class", "")]
    assert len(visible) == count and {li.get("data-rule") for li in visible} == {code}
    assert doc.find(".//*[@id='shown']").get("data-value") == str(count)
    # and it draws
    shot = tmp_path / "report.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}", "--window-size=1200,1600",
                    page.as_uri()], capture_output=True, text=True, timeout=120)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
