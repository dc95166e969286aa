"""The text and knowledge stages: each wraps one module of the text or knowledge layer."""
from __future__ import annotations

from ..text.normalize import normalize
from ..text.tokens import sentences, tokens
from .doc import Doc, Stage


def stage_normalize(doc: Doc) -> None:
    doc.norm = normalize(doc.raw)


def stage_sentences(doc: Doc) -> None:
    doc.sentences = sentences(doc.norm)


def stage_tokens(doc: Doc) -> None:
    doc.tokens = tokens(doc.norm)
    doc.token_starts = [t.nstart for t in doc.tokens]


def stage_numbers(doc: Doc) -> None:
    from ..text.numbers import find_numbers

    doc.numbers = find_numbers(doc.norm)


def stage_dates(doc: Doc) -> None:
    from ..text.dates import find_dates

    doc.dates = find_dates(doc.norm, doc.published)


def stage_places(doc: Doc) -> None:
    from ..knowledge.geocoder import Geocoder

    doc.places = Geocoder.default().find(doc.norm, published=doc.published)


def stage_actors(doc: Doc) -> None:
    from ..knowledge.actors import ActorResolver

    res = ActorResolver.default()
    doc.demonyms = res.find_demonyms(doc.norm)
    doc.actors = res.find(doc.norm, on_date=doc.published, demonyms=doc.demonyms)


def stage_vocab(doc: Doc) -> None:
    from ..knowledge import vocab

    doc.weapons = vocab.find_weapons(doc.norm)
    doc.triggers = vocab.find_triggers(doc.norm)
    doc.cues = vocab.find_cues(doc.norm)


TEXT_STAGES = [
    Stage("normalize", stage_normalize, (), ("norm",)),
    Stage("sentences", stage_sentences, ("norm",), ("sentences",)),
    Stage("tokens", stage_tokens, ("norm",), ("tokens", "token_starts")),
    Stage("numbers", stage_numbers, ("norm",), ("numbers",)),
    Stage("dates", stage_dates, ("norm",), ("dates",)),
]

KNOWLEDGE_STAGES = [
    Stage("places", stage_places, ("norm",), ("places",)),
    Stage("actors", stage_actors, ("norm",), ("actors", "demonyms")),
    Stage("vocab", stage_vocab, ("norm",), ("weapons", "triggers", "cues")),
]
