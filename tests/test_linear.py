"""Costs that grow with what a file has, not with its square: many findings on one long line,
many short forms of a few documents.  Each test counts the work done, not the time taken."""

from __future__ import annotations

import io

from citelint import resolve as resolve_mod
from citelint.context.infer import infer_context
from citelint.find.extract import extract
from citelint.report import formats


def test_findings_on_one_long_line_share_its_layout(monkeypatch):
    line = "Nghị quyết số 12-NQ/TW, " * 4000  # 96,000 characters
    displayed = []
    real = formats._display
    monkeypatch.setattr(formats, "_display", lambda ch: displayed.append(1) or real(ch))
    formats._layout.cache_clear()
    step = len("Nghị quyết số 12-NQ/TW, ")
    frames = [formats.frame_line(line, k * step, k * step + 22, 80) for k in range(0, 4000, 10)]
    assert len(displayed) == len(line)  # the line is laid out once for its 400 findings
    shown, carets = frames[200]
    assert shown.startswith("…") and shown.endswith("…")
    assert shown[len(carets) - 22:len(carets)] == "Nghị quyết số 12-NQ/TW"


def test_frame_cut_matches_a_whole_scan():
    """The bisection finds the same window as looking at every cluster."""
    line = "ab\u0301c\tđ\u200bé" * 50 + "Nghị định 30/2020/NĐ-CP" + "xyz\ufeff" * 50
    for start in range(0, len(line), 7):
        shown, carets = formats.frame_line(line, start, start + 3, 30)
        texts, widths, owner, cells = formats._layout(line)
        assert carets.strip(" ") and set(carets.strip(" ")) == {"^"}
        assert len(shown) <= 30 + 2 * 6  # a window of the width (and combining marks) plus the ellipses
        assert "".join(texts[owner[start]:owner[start] + 1]) in shown


def test_short_forms_are_matched_through_an_index(monkeypatch):
    text = "Nghị định số 30/2020/NĐ-CP ngày 5/3/2020. " * 300 + "Theo Nghị định 30, " * 3000
    citations = extract(text)
    assert sum(c.kind == "short" for c in citations) == 3000
    calls = []
    real = resolve_mod._same_type
    monkeypatch.setattr(resolve_mod, "_same_type", lambda *a: calls.append(1) or real(*a))
    from citelint.registry.build import load_registry
    from tests.conftest import FIXTURE_REGISTRY

    out = resolve_mod.resolve_article(citations, infer_context(text), load_registry(FIXTURE_REGISTRY, use_cache=False), text)
    # every short form refers to the nearest full citation before it
    shorts = [(c, r) for c, r in zip(citations, out) if c.kind == "short"]
    assert all(r.via == "antecedent" for _, r in shorts)
    assert len(calls) <= 300  # the 300 full citations are looked at once, not once per short form


def test_json_report_of_many_findings_streams(tmp_path):
    from citelint.check.analyse import lint_text

    report = lint_text("số 1-NQ/ " * 2000, path="x.txt")
    out = io.StringIO()
    writer = formats.ReportStream("json", out)
    writer.add(report)
    writer.close()
    import json

    assert len(json.loads(out.getvalue())) == len(report.diagnostics) >= 2000
