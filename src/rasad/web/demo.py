"""Sample articles for ``rasad demo``: bundled samples (or ../shared/gold), extracted and stored.

An article whose extraction fails keeps its annotated records when the file carries them
(the gold files do); otherwise the failure is reported, never hidden.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Callable, Iterable

from rasad.errors import InputError, RasadError
from rasad.records import Article, ArticleResult, Record
from rasad.store import AddSummary, ArticleInput

log = logging.getLogger("rasad.web.demo")
PKG = Path(__file__).resolve().parent.parent


def sample_paths() -> list[Path]:
    own = sorted((PKG / "samples").glob("*.jsonl"))
    if own:
        return own
    for parent in PKG.parents:
        gold = parent / "shared" / "gold"
        if gold.is_dir():
            return sorted(gold.glob("*.jsonl"))
    return []


def read_jsonl(paths: Iterable[Path]) -> list[dict[str, Any]]:
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"invalid JSON: {exc.msg}", source=str(path), line=n) from exc
                if not isinstance(d, dict) or not isinstance(d.get("text"), str):
                    raise InputError("expected an object with a text", source=str(path), line=n)
                d["_origin"] = f"{path}:{n}"
                out.append(d)
    return out


def annotated(d: dict[str, Any]) -> ArticleResult:
    """The article's own (gold-format) records as an ArticleResult; evidence spans are the first
    occurrences in the text of the record's Arabic actor names and its place name."""
    art = Article(id=d["id"], source=d.get("source"), published=d.get("published"),
                  url=d.get("url"), title=d.get("title"))
    recs = [_from_gold(d["text"], d["id"], i, g) for i, g in enumerate(d.get("records", []))]
    return ArticleResult(article=art, records=recs)


def _from_gold(text: str, article_id: str, i: int, g: dict[str, Any]) -> Record:
    from rasad.records import record_id
    # gold lists acceptable alternatives; the first is the canonical value
    r = {k: (v[0] if isinstance(v, list) and k not in ("breakdown", "sources") and v else v) for k, v in g.items()
         if k not in ("actor1", "actor2", "date", "location", "note")}
    evidence: list[dict[str, Any]] = []

    def find(names: list[str]) -> str | None:
        for n in names:
            pos = text.find(n) if n else -1
            if pos >= 0:
                evidence.append({"start": pos, "end": pos + len(n), "text": n})
                return n
        return None

    if isinstance(r.get("claim"), dict):
        r["claim"] = {"type": "report", **r["claim"]}
    if isinstance(r.get("sources"), list):
        r["sources"] = [x if isinstance(x, dict) else {"name": str(x)} for x in r["sources"]]
    for key in ("actor1", "actor2"):
        names = g.get(key) or []
        if isinstance(names, list) and names:
            r[key] = {"name": names[0], "name_ar": find(names[1:])}
    if isinstance(g.get("date"), dict) and g["date"].get("start"):
        start, end = g["date"]["start"], g["date"].get("end") or g["date"]["start"]
        r["date"] = {"start": start, "end": end, "precision": "day" if start == end else "range"}
    if isinstance(g.get("location"), dict) and g["location"].get("name"):
        loc = {k: v for k, v in g["location"].items() if k != "tolerance_km"}
        loc["text"] = find([loc["name"], *([loc["name_ar"]] if loc.get("name_ar") else [])])
        r["location"] = loc
    r["evidence"] = evidence
    r["id"] = record_id(article_id, i, g.get("kind"))
    from pydantic import ValidationError
    for _ in range(5):  # gold-only shapes the contract model does not take: drop those fields
        try:
            return Record.model_validate(r)
        except ValidationError as exc:
            bad = {e["loc"][0] for e in exc.errors() if e["loc"]} - {"kind"}
            if not bad:
                raise
            for k in bad:
                r.pop(k, None)
    return Record.model_validate(r)


def load(store: Any, items: list[dict[str, Any]], extract_fn: Callable[..., Any] | None,
         extractor_version: str | None = None) -> tuple[AddSummary, list[str]]:
    """Store every item; ``extract_fn`` None uses the items' own records. Returns problems seen."""
    pairs, problems = [], []
    for d in items:
        inp = ArticleInput(id=d.get("id"), text=d["text"], published=d.get("published"),
                           source=d.get("source"), title=d.get("title"), url=d.get("url"),
                           origin=d.get("_origin"))
        result = None
        if extract_fn is not None:
            try:
                result = extract_fn(d["text"], published=d.get("published"), source=d.get("source"),
                                    id=d.get("id"), title=d.get("title"), url=d.get("url"))
            except RasadError as exc:
                problems.append(f"{d.get('_origin')}: extraction failed: {exc}")
                if not d.get("records"):
                    continue
        if result is None:
            result = annotated(d)
        if inp.id is None:
            inp.id = result.article.id
        pairs.append((inp, result))
    return store.add_articles(pairs, extractor_version=extractor_version), problems
