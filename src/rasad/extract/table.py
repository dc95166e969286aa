"""Human-readable renderings for a person at a terminal: records as a table, analyses as annotated text."""
from __future__ import annotations

import io
import re
import shutil

from ..records import ArticleResult
from ..store.acled_fields import admin_name


FSI, PDI = "\u2068", "\u2069"      # first-strong isolate / pop directional isolate
# a run of right-to-left script, with the spaces and punctuation between its words
_RTL_RUN = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]"
                      r"(?:[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\s\d.,:;()«»\"'…-]*"
                      r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff])?")
SNIPPET = 160


def _date(r) -> str:
    if r.date is None:
        return "-"
    return f"{r.date.start}\n→{r.date.end}" if r.date.end != r.date.start else r.date.start


def _what(r) -> str:
    if r.kind == "aggregate":
        what = f"{r.incidents} incidents" if r.incidents is not None else "incidents"
    elif r.kind == "tally":
        what = "casualty toll"
    else:
        what = r.sub_event_type or r.event_type or "-"
    return what if r.status == "occurred" else f"{what} ({r.status})"


def _place(r) -> str:
    loc = r.location
    if loc is None:
        return "-"
    inner = [x for x in (admin_name(loc.admin1), loc.country) if x and x != loc.name]
    return f"{loc.name} ({', '.join(inner)})" if inner else loc.name


def _evidence(r) -> str:
    text = getattr(r, "notes_ar", None) or " … ".join(e.text for e in r.evidence)
    return (text[: SNIPPET - 1] + "…") if len(text) > SNIPPET else (text or "-")


def isolate_rtl(line: str) -> str:
    """Wrap each right-to-left run of a rendered line in FSI…PDI, so that a terminal's bidi
    algorithm reorders it inside its own cell and never across the table's column rules."""
    return _RTL_RUN.sub(lambda m: f"{FSI}{m.group(0)}{PDI}", line)


def format_table(res: ArticleResult, width: int | None = None) -> str:
    """The article's records as a table that fits ``width`` columns (default: the terminal's).

    Cells wrap inside their column (the rules never move); the Arabic evidence is cut to one
    line per row and isolated (FSI/PDI) line by line after layout, since rich measures cells
    without bidi."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    width = width or shutil.get_terminal_size((120, 24)).columns
    a = res.article
    t = Table(box=box.SQUARE, show_lines=False, pad_edge=False, expand=True,
              title=f"{a.id}  {a.source or ''}  {a.published or ''}  {len(res.records)} record(s)")
    wide = width >= 140
    what = {"width": 24} if wide else {"ratio": 2}      # a wide table never wraps the type
    cols: list[tuple[str, dict]] = [("date", {"width": 11}), ("what", what),
                                    ("place", {"ratio": 2}), ("actor1", {"ratio": 2}),
                                    ("actor2", {"ratio": 2})]
    if wide:
        cols.insert(0, ("kind", {"no_wrap": True}))
        cols.append(("weapon", {"ratio": 1}))
    cols += [("dead", {"justify": "right", "width": 4}),
             ("inj", {"justify": "right", "width": 4}),
             ("evidence", {"ratio": 6 if wide else 3, "no_wrap": True, "overflow": "ellipsis",
                           "min_width": 8})]
    for name, kw in cols:
        t.add_column(name, overflow=kw.pop("overflow", "fold"), **kw)
    for r in res.records:
        cells = {"kind": r.kind, "date": _date(r), "what": _what(r), "place": _place(r),
                 "actor1": r.actor1.name if r.actor1 else "-",
                 "actor2": r.actor2.name if r.actor2 else "-", "weapon": r.weapon or "-",
                 "dead": "" if r.fatalities is None else str(r.fatalities),
                 "inj": "" if r.injured is None else str(r.injured), "evidence": _evidence(r)}
        t.add_row(*(cells[name] for name, _ in cols))
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None, force_terminal=False,
            legacy_windows=False, emoji=False, highlight=False).print(t)
    return "\n".join(isolate_rtl(line.rstrip()) for line in buf.getvalue().splitlines())


def format_analysis(text: str, result: dict) -> str:
    out = []
    for s in result.get("sentences", []):
        out.append(f"[{s['i']}] {s['text']}")
        for kind in ("dates", "numbers", "places", "actors", "weapons", "triggers"):
            for m in result.get(kind, []):
                if s["start"] <= m["start"] < s["end"]:
                    out.append(f"     {kind[:-1]:<8} {m['start']:>5}-{m['end']:<5} {m['text']}  →  {_value(m)}")
        for d in s.get("decisions", []):
            out.append(f"     {'EVENT' if d['made'] else 'no event'}: {d['reason']} ({d.get('trigger') or ''})")
    recs = result.get("records", [])
    out.append(f"records: {len(recs)}")
    for r in recs:
        what = f"{r.get('event_type')} / {r.get('sub_event_type')}" if r["kind"] == "event" else r["kind"]
        where = (r.get("location") or {}).get("name") or "-"
        day = (r.get("date") or {}).get("start") or "-"
        out.append(f"  {what} at {where} on {day}")
        out.append(f"     rules: {', '.join(r.get('rules') or []) or '-'}")
    return "\n".join(out)


def _value(m: dict) -> str:
    v = m.get("value", m.get("key"))
    if isinstance(v, dict):
        return ", ".join(f"{k}={v[k]}" for k in v if v[k] is not None)
    return str(v)
