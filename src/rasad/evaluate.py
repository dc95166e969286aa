"""Scoring against gold, by the rules of the gold format (the same figures as the referee score.py).

Event matching: equal event type, overlapping dates, location within the gold tolerance; pairs one
to one, best first. Argument accuracy over matched events; report P/R/F1 over aggregates and tallies.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any, Iterable

SYMMETRIC = {"Battles", "Protests", "Riots"}
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_PUNCT = re.compile(r"[\"'«»“”‘’()\[\]\-_.,،]")


def norm(s: str | None) -> str:
    s = _DIACRITICS.sub("", s or "")
    s = re.sub("[إأآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    return " ".join(_PUNCT.sub(" ", s).casefold().split())


def km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _span(d):
    d = d or {}
    s, e = d.get("start"), d.get("end") or d.get("start")
    return (s, e) if s else None


def overlaps(p, g) -> bool:
    p, g = _span(p), _span(g)
    return bool(p and g and p[0] <= g[1] and g[0] <= p[1])


def place_ok(pred, gold) -> bool:
    pred, gold = pred or {}, gold or {}
    tol = gold.get("tolerance_km", 25)
    if gold.get("lat") is None:
        return bool(gold.get("country")) and pred.get("country") == gold.get("country")
    if pred.get("lat") is not None and pred.get("lon") is not None:
        return km((pred["lat"], pred["lon"]), (gold["lat"], gold["lon"])) <= tol
    return tol >= 100 and bool(pred.get("country")) and pred.get("country") == gold.get("country")


def actor_ok(pred, accepted) -> bool:
    keys = {norm(pred.get(k)) for k in ("name", "name_ar", "text") if pred and pred.get(k)}
    return bool(keys & {norm(x) for x in accepted})


def _types(g) -> set:
    t = g.get("event_type")
    return set(t) if isinstance(t, list) else {t}


def event_args(p, g) -> tuple[int, int]:
    right = scored = 0
    subs = g.get("sub_event_type")
    if subs:
        subs = subs if isinstance(subs, list) else [subs]
        scored += 1
        right += p.get("sub_event_type") in subs
    a1, a2 = g.get("actor1"), g.get("actor2")
    if _types(g) & SYMMETRIC and a1 and a2:
        scored += 2
        right += max(actor_ok(p.get("actor1"), a1) + actor_ok(p.get("actor2"), a2),
                     actor_ok(p.get("actor1"), a2) + actor_ok(p.get("actor2"), a1))
    else:
        for key, acc in (("actor1", a1), ("actor2", a2)):
            if acc:
                scored += 1
                right += actor_ok(p.get(key), acc)
    for key in ("weapon", "fatalities", "injured"):
        if g.get(key) is not None:
            scored += 1
            right += p.get(key) == g[key]
    return right, scored


def event_match(p, g) -> bool:
    return (isinstance(p.get("event_type"), str) and p["event_type"] in _types(g)
            and overlaps(p.get("date"), g.get("date")) and place_ok(p.get("location"), g.get("location")))


def report_match(p, g) -> bool:
    key = "incidents" if g["kind"] == "aggregate" else "fatalities"
    return p.get("kind") == g["kind"] and overlaps(p.get("date"), g.get("date")) and p.get(key) == g.get(key)


def _pair(preds, golds, match, quality):
    cands = [(quality(p, g), pi, gi) for pi, p in enumerate(preds) for gi, g in enumerate(golds) if match(p, g)]
    cands.sort(key=lambda c: c[0], reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for _, pi, gi in cands:
        if pi not in used_p and gi not in used_g:
            used_p.add(pi)
            used_g.add(gi)
            pairs.append((pi, gi))
    return pairs


def _quality(p, g):
    r, s = event_args(p, g)
    pl, gl = p.get("location") or {}, g.get("location") or {}
    near = 0.0
    if None not in (pl.get("lat"), pl.get("lon"), gl.get("lat"), gl.get("lon")):
        near = -km((pl["lat"], pl["lon"]), (gl["lat"], gl["lon"]))
    return (not g.get("optional"), r / s if s else 0.0, near)


def _prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold_docs: Iterable[dict], pred_docs: Iterable[dict]) -> tuple[dict[str, Any], list[str]]:
    gold_docs = list(gold_docs)
    preds = {str(d.get("article", {}).get("id")): d.get("records", []) for d in pred_docs}
    t = dict(etp=0, efp=0, efn=0, rtp=0, rfp=0, rfn=0, right=0, scored=0)
    log: list[str] = []
    for doc in gold_docs:
        did = str(doc["id"])
        recs = [r for r in preds.get(did, []) if r.get("status", "occurred") == "occurred"]
        pev = [r for r in recs if r.get("kind") == "event"]
        prep = [r for r in recs if r.get("kind") in ("aggregate", "tally")]
        gev = [g for g in doc["records"] if g["kind"] == "event"]
        grep_ = [g for g in doc["records"] if g["kind"] in ("aggregate", "tally")]
        pairs = _pair(pev, gev, event_match, _quality)
        mp, mg = {pi for pi, _ in pairs}, {gi for _, gi in pairs}
        for pi, gi in pairs:
            if gev[gi].get("optional"):
                continue
            t["etp"] += 1
            r, s = event_args(pev[pi], gev[gi])
            t["right"] += r
            t["scored"] += s
            if r < s:
                log.append(f"[{did}] args {r}/{s}: gold={json.dumps(gev[gi], ensure_ascii=False)} pred={json.dumps(pev[pi], ensure_ascii=False)}")
        for pi, p in enumerate(pev):
            if pi not in mp:
                t["efp"] += 1
                log.append(f"[{did}] false event: {p.get('event_type')} {p.get('date')} {(p.get('location') or {}).get('name')}")
        for gi, g in enumerate(gev):
            if gi not in mg and not g.get("optional"):
                t["efn"] += 1
                log.append(f"[{did}] missed event: {g.get('event_type')} {g.get('date')} {(g.get('location') or {}).get('name')}")
        rpairs = _pair(prep, grep_, report_match, lambda p, g: (not g.get("optional"), 0.0, 0.0))
        rp, rg = {pi for pi, _ in rpairs}, {gi for _, gi in rpairs}
        t["rtp"] += sum(1 for _, gi in rpairs if not grep_[gi].get("optional"))
        t["rfp"] += sum(1 for pi in range(len(prep)) if pi not in rp)
        t["rfn"] += sum(1 for gi, g in enumerate(grep_) if gi not in rg and not g.get("optional"))
        log += [f"[{did}] missed report: {g['kind']} {g.get('date')}" for gi, g in enumerate(grep_) if gi not in rg and not g.get("optional")]
        log += [f"[{did}] false report: {p.get('kind')} {p.get('date')}" for pi, p in enumerate(prep) if pi not in rp]
    ep, er, ef = _prf(t["etp"], t["efp"], t["efn"])
    rp_, rr, rf = _prf(t["rtp"], t["rfp"], t["rfn"])
    out = {
        "articles": len(gold_docs), "articles_predicted": sum(1 for d in gold_docs if str(d["id"]) in preds),
        "event_precision": round(ep, 4), "event_recall": round(er, 4), "event_f1": round(ef, 4),
        "argument_accuracy": round(t["right"] / t["scored"], 4) if t["scored"] else 0.0,
        "report_precision": round(rp_, 4), "report_recall": round(rr, 4), "report_f1": round(rf, 4),
        "counts": t,
    }
    return out, log
