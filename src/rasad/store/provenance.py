"""Where an exported event comes from: its articles, reports, evidence and confidence.

Read-only lookups over the store's tables, a batch of events at a time, for the provenance block
of ``rasad.store.export`` (and the claim the English notes name).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from rasad.store.models import ArticleModel, EventModel, RecordModel

SEP = "; "


def provenance_of(store: Any, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """event id -> article_ids, article_urls, evidence_ar, confidence, claim_by, claim_type,
    weapon, injured, date_precision, date_end (None where unknown)."""
    if not event_ids:
        return {}
    out: dict[str, dict[str, Any]] = {}
    with store.Session() as s:
        for eid, notes, weapon, injured, prec, end in s.execute(select(
                EventModel.id, EventModel.notes, EventModel.weapon, EventModel.injured,
                EventModel.date_precision, EventModel.date_end)
                .where(EventModel.id.in_(event_ids))):
            out[eid] = {"evidence_ar": notes, "weapon": weapon, "injured": injured,
                        "date_precision": prec, "date_end": end,
                        "_arts": [], "_urls": [], "_conf": [], "_ar": None}
        q = (select(RecordModel.event_id, RecordModel.article_id, RecordModel.data,
                    ArticleModel.url)
             .join(ArticleModel, ArticleModel.id == RecordModel.article_id)
             .where(RecordModel.event_id.in_(event_ids))
             .order_by(RecordModel.event_id, RecordModel.article_id, RecordModel.id))
        for eid, aid, data, url in s.execute(q):
            _absorb(out.setdefault(eid, {"_arts": [], "_urls": [], "_conf": [], "_ar": None}),
                    aid, data or {}, url)
    return {eid: _done(p) for eid, p in out.items()}


def _absorb(p: dict[str, Any], aid: str, data: dict[str, Any], url: str | None) -> None:
    if aid not in p["_arts"]:
        p["_arts"].append(aid)
        if url:
            p["_urls"].append(url)
    if isinstance(data.get("confidence"), (int, float)):
        p["_conf"].append(float(data["confidence"]))
    if p["_ar"] is None and data.get("notes_ar"):
        p["_ar"] = data["notes_ar"]
    claim = data.get("claim") or {}
    if "claim_by" not in p and claim.get("by") and claim.get("type"):
        p["claim_by"], p["claim_type"] = claim["by"], claim["type"]


def _done(p: dict[str, Any]) -> dict[str, Any]:
    return {
        "article_ids": SEP.join(p["_arts"]) or None, "article_urls": SEP.join(p["_urls"]) or None,
        "evidence_ar": p["_ar"] or p.get("evidence_ar"),
        "confidence": round(max(p["_conf"]), 2) if p["_conf"] else None,
        "claim_by": p.get("claim_by"), "claim_type": p.get("claim_type"),
        "weapon": p.get("weapon"), "injured": p.get("injured"),
        "date_precision": p.get("date_precision"), "date_end": p.get("date_end"),
    }
