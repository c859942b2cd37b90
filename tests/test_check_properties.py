"""Properties of `check` on any text, in any markup: it never raises, every finding's span lies
in the text with line and column agreeing with its offsets, every fix edits inside the text,
JSON parses, and the same input gives the same output twice.

The default budget is small; set CITELINT_FUZZ_EXAMPLES (e.g. 20000) for a long run."""

from __future__ import annotations

import io
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citelint.check.analyse import lint_text
from citelint.config import Options
from citelint.report.formats import ReportStream

from test_extract_properties import PIECES

MARKUP_PIECES = ["<p>", "</p>", "<a href='x'>", "</a>", "<!--", "-->", "<!-- citelint-disable-next-line CL201 -->",
                 "<br>", "&amp;", "&#272;", "# ", "**", "[", "](", ")", "---\n", "date: 2021-13-45\n", "\r\n", "\r"]
EXAMPLES = int(os.environ.get("CITELINT_FUZZ_EXAMPLES", "150"))

texts = st.one_of(
    st.lists(st.sampled_from(PIECES + MARKUP_PIECES), max_size=50).map("".join),
    st.text(max_size=300),
)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of an offset; lines end at "\\n", as every
    report counts them (a "\\r" before it is the line's last character; the language server
    converts to the editor's own lines)."""
    start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - start + 1


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["text", "markdown", "html"]))
def test_check_on_any_text(fixture_registry, text, markup):
    options = Options(registry=fixture_registry)
    report = lint_text(text, path=f"a.{ {'text': 'txt', 'markdown': 'md', 'html': 'html'}[markup] }", markup=markup, options=options)
    for d in report.diagnostics:
        assert 0 <= d.start <= d.end <= len(text)
        assert (d.line, d.column) == _line_col(text, d.start), (d.code, d.start)
        assert (d.end_line, d.end_column) == _line_col(text, d.end), (d.code, d.end)
        if d.fix is not None:
            for edit in d.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text)
    out = io.StringIO()
    stream = ReportStream("json", out)
    stream.add(report)
    stream.close()
    assert len(json.loads(out.getvalue())) == len(report.diagnostics)
    again = lint_text(text, path=report.path, markup=markup, options=options)
    assert again.diagnostics == report.diagnostics
