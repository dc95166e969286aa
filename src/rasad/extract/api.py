"""``rasad.extract`` and ``rasad.analyze``: the pipeline run over one article."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from ..errors import InputError
from ..knowledge.loader import load_table, on_clear
from ..records import Article, ArticleResult, text_id
from ..text.matcher import Entry, Matcher
from . import registry
from .assemble import merge_events, to_record
from .context import sentence_views
from .doc import Doc, Pipeline, Stage
from .events import build_events
from .reports import find_aggregates, find_tallies
from .stages import KNOWLEDGE_STAGES, TEXT_STAGES

MAX_CHARS = 2_000_000


@lru_cache(maxsize=1)
def _extraction_cues() -> Matcher:
    t = load_table("extraction_cues", required=("surface", "key"))
    return Matcher([Entry(r["surface"], r["key"], r.get("cls", "name"), data=_Key(r["key"]), prefixes=True)
                    for r in t.rows], "extraction_cues")


on_clear(_extraction_cues.cache_clear)


class _Key:
    __slots__ = ("key", "scope")

    def __init__(self, key: str):
        self.key, self.scope = key, "sentence"


def stage_extraction_cues(doc: Doc) -> None:
    extra = _extraction_cues().best(doc.norm)
    doc.cues = sorted([*doc.cues, *extra], key=lambda m: m.nstart)


def stage_views(doc: Doc) -> None:
    doc.views = sentence_views(doc)


def stage_reports(doc: Doc) -> None:
    # reports first: the sentences they use make no events
    doc.aggregates, used_a = find_aggregates(doc, doc.views)
    doc.tallies, used_t = find_tallies(doc, doc.views, used_a)
    doc.report_sentences = used_a | used_t


def stage_incidents(doc: Doc) -> None:
    # per trigger group: guards, roles, fields and typing (steps.STEPS), one event per place and day
    doc.incidents = build_events(doc, doc.views, doc.report_sentences)


def stage_merge(doc: Doc) -> None:
    doc.incidents = merge_events(doc.incidents)


def stage_records(doc: Doc) -> None:
    recs = [to_record(ev, doc.id, k) for k, ev in enumerate(doc.incidents)]
    recs += [to_record(agg, doc.id, 1000 + k) for k, agg in enumerate(doc.aggregates)]
    recs += [to_record(tl, doc.id, 2000 + k) for k, tl in enumerate(doc.tallies)]
    doc.records = recs


EVENT_STAGES = [
    Stage("views", stage_views, ("sentences", "numbers", "dates", "places", "actors", "triggers", "weapons",
                                 "cues"), ("views",)),
    Stage("reports", stage_reports, ("views",), ("aggregates", "tallies", "report_sentences")),
    Stage("incidents", stage_incidents, ("views", "report_sentences", "tokens"), ("incidents", "decisions")),
    Stage("merge", stage_merge, ("incidents",), ("incidents",)),
    Stage("records", stage_records, ("incidents", "aggregates", "tallies"), ("records",)),
]

PIPELINE_STAGES = [
    *TEXT_STAGES, *KNOWLEDGE_STAGES,
    Stage("extraction_cues", stage_extraction_cues, ("norm", "cues"), ("cues",)),
    *EVENT_STAGES,
]


@lru_cache(maxsize=1)
def pipeline() -> Pipeline:
    return Pipeline(PIPELINE_STAGES)


def parse_published(published) -> dt.date | None:
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError as e:
        raise InputError(f"published is not a date (YYYY-MM-DD): {published!r}") from e


def make_doc(text: str, published=None, source=None, id=None, title=None, url=None) -> Doc:
    if not isinstance(text, str):
        raise InputError(f"article text must be a string, not {type(text).__name__}", article_id=id)
    if not text.strip():
        raise InputError("article text is empty", article_id=id)
    if len(text) > MAX_CHARS:
        raise InputError(f"article has {len(text):,} characters; the limit is {MAX_CHARS:,}", article_id=id)
    return Doc(raw=text, published=parse_published(published), id=str(id) if id else text_id(text),
               source=source, title=title, url=url)


def extract(text: str, published=None, source=None, id=None, title=None, url=None,
            disable=None) -> ArticleResult:
    """The records of one article. ``disable``: rule ids to switch off for this call (on top of
    any run already in progress and the RASAD_DISABLE_RULES setting); ``rasad rules`` lists them."""
    doc = make_doc(text, published, source, id, title, url)
    with _rules_run(disable):
        pipeline().run(doc)
    art = Article(id=doc.id, source=source, published=doc.published.isoformat() if doc.published else None,
                  url=url, title=title)
    return ArticleResult(article=art, records=doc.records)


def _rules_run(disable):
    """A rule run for one call: the ids given switched off on top of those already off (by an
    enclosing ``registry.run``, as the CLI's ``--disable`` opens, or by the setting)."""
    return registry.run(disable)


def run_doc(text: str, published=None, disable=None, **kw) -> Doc:
    doc = make_doc(text, published, **kw)
    with _rules_run(disable):
        return pipeline().run(doc)


def analyze(text: str, published=None, disable=None) -> dict[str, Any]:
    """What each stage found, with spans: the debugging window behind ``rasad analyze``
    (each record lists in ``rules`` the rules that fired for it)."""
    doc = run_doc(text, published, disable=disable)

    def js(items):
        return [m.to_json() for m in items]

    return {
        "dates": js(doc.dates), "numbers": js(doc.numbers), "places": js(doc.places), "actors": js(doc.actors),
        "weapons": js(doc.weapons), "triggers": js(doc.triggers), "cues": js(doc.cues),
        "sentences": [{"i": s.i, "start": s.start, "end": s.end, "text": s.text,
                       "decisions": [d.to_json() for d in doc.decisions if d.sentence == s.i]} for s in doc.sentences],
        "records": [r.model_dump(mode="json") for r in doc.records],
    }
