"""Human-readable renderings for a person at a terminal: records as a table, analyses as annotated text."""
from __future__ import annotations

from ..records import ArticleResult


def _cut(s: str | None, n: int) -> str:
    s = s or "-"
    return s if len(s) <= n else s[: n - 1] + "…"


def format_table(res: ArticleResult) -> str:
    a = res.article
    lines = [f"# {a.id}  {a.source or ''}  {a.published or ''}  {len(res.records)} record(s)"]
    head = f"{'kind':<9} {'status':<11} {'date':<23} {'type':<56} {'place':<22} {'actor1':<28} {'actor2':<28} {'wpn':<9} {'k':>4} {'inj':>4}"
    lines.append(head)
    lines.append("-" * len(head))
    for r in res.records:
        date = f"{r.date.start}..{r.date.end}" if r.date and r.date.end != r.date.start else (r.date.start if r.date else "-")
        typ = f"{r.event_type}/{r.sub_event_type}" if r.kind == "event" else (
            f"{r.incidents} incidents" if r.kind == "aggregate" else "toll")
        lines.append(
            f"{r.kind:<9} {r.status:<11} {date:<23} {_cut(typ, 56):<56} "
            f"{_cut(r.location.name if r.location else None, 22):<22} {_cut(r.actor1.name if r.actor1 else None, 28):<28} "
            f"{_cut(r.actor2.name if r.actor2 else None, 28):<28} {_cut(r.weapon, 9):<9} "
            f"{'' if r.fatalities is None else r.fatalities:>4} {'' if r.injured is None else r.injured:>4}")
    return "\n".join(lines)


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
