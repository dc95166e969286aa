"""`rasad extract --format table`: fits the width, keeps its column rules, isolates the Arabic."""
from __future__ import annotations

import io
import re
from contextlib import redirect_stdout

import pytest
from rich.cells import cell_len

from rasad.cli import main
from rasad.extract.api import extract
from rasad.extract.table import FSI, PDI, format_table, isolate_rtl
from rasad.samples import sample_path

ARABIC = re.compile("[\u0600-\u06ff]")
RULES = "│┌┐└┘├┤┬┴┼"


def _visible(line: str) -> str:
    return line.replace(FSI, "").replace(PDI, "")


def _rule_columns(line: str) -> list[int]:
    """Display columns of the table's vertical rules on one line (isolates take no cell)."""
    cols, at = [], 0
    for ch in _visible(line):
        if ch in RULES:
            cols.append(at)
        at += cell_len(ch)
    return cols


def _tables(text: str) -> list[list[str]]:
    out, cur = [], []
    for line in text.splitlines():
        if line.startswith("┌"):
            cur = [line]
        elif cur:
            cur.append(line)
            if line.startswith("└"):
                out.append(cur)
                cur = []
    return out


@pytest.mark.parametrize("width", [80, 200])
def test_cli_table_fits_and_never_breaks_its_columns(width, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(width))
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["extract", str(sample_path()), "--format", "table"]) == 0
    text = buf.getvalue()
    tables = _tables(text)
    assert len(tables) == 16
    for table in tables:
        rules = _rule_columns(table[0])
        assert rules[0] == 0 and len(rules) >= 8
        for line in table:
            assert cell_len(_visible(line)) <= width
            assert _rule_columns(line) == rules, line
    assert "evidence" in text
    assert ("│kind" in text) == (width == 200)      # the kind and weapon columns need room


def test_arabic_evidence_is_shown_and_isolated_line_by_line():
    res = extract("قصفت طائرات مجهولة بلدة عين الصفا في ريف حمص يوم الأحد، ما أدى إلى مقتل ثلاثة "
                  "مدنيين.", published="2024-05-06")
    text = format_table(res, width=120)
    body = [l for l in text.splitlines() if ARABIC.search(l)]
    assert body
    for line in body:
        assert line.count(FSI) == line.count(PDI) >= 1
        # every Arabic letter sits inside an isolate, and the isolate closes on its own line
        outside = re.sub(f"{FSI}[^{PDI}]*{PDI}", "", line)
        assert not ARABIC.search(outside)
    assert "3" in text or "ثلاثة" in text


def test_isolate_rtl_wraps_runs_not_latin():
    got = isolate_rtl("│ abc │ غارة جوية … على حمص │")
    assert got == f"│ abc │ {FSI}غارة جوية … على حمص{PDI} │"
    assert isolate_rtl("plain") == "plain"
