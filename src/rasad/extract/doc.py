"""The document object every stage reads and writes, and the pipeline that runs the stages.

Like spaCy's ``Doc``: one object per article holding the raw text (never changed), its normalized
form with the offset map, and the annotations each stage sets. Each ``Stage`` declares what it
needs and what it sets; ``Pipeline.run`` checks both and names the stage that failed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import StageError
from ..text.normalize import Normalized


@dataclass
class Decision:
    """Why a sentence did or did not yield a record (``rasad analyze`` shows these)."""

    sentence: int
    trigger: str | None
    made: bool
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "trigger": self.trigger, "made": self.made, "reason": self.reason}


@dataclass
class Doc:
    raw: str
    published: dt.date | None = None
    id: str = ""
    source: str | None = None
    title: str | None = None
    url: str | None = None
    norm: Normalized | None = None
    sentences: list = field(default_factory=list)
    tokens: list = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)  # normalized start of each token, for bisect
    numbers: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    places: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    demonyms: list = field(default_factory=list)
    weapons: list = field(default_factory=list)
    triggers: list = field(default_factory=list)
    cues: list = field(default_factory=list)
    views: list = field(default_factory=list)           # one SentenceView per sentence
    aggregates: list = field(default_factory=list)      # Incident drafts of kind aggregate
    tallies: list = field(default_factory=list)         # Incident drafts of kind tally
    report_sentences: set[int] = field(default_factory=set)   # sentences the reports used
    incidents: list = field(default_factory=list)       # Incident drafts of kind event
    records: list = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    dateline: int = 0               # normalized end of the dateline (City, Country (Agency) --), or 0
    dateline: int = 0               # normalized end of the dateline (City, Country (Agency) --), or 0
    done: set[str] = field(default_factory=set)
    index: dict = field(default_factory=dict, repr=False, compare=False)   # see ``derived``

    def derived(self, name: str, source: list, build: Callable[[list], Any]) -> Any:
        """``build(source)``, built once per document (while ``source`` is the same list): the
        sorted starts and filtered lists the rules read for every sentence or incident, which
        rebuilt each time would make extraction time grow with the square of the text."""
        hit = self.index.get(name)
        if hit is None or hit[0] is not source or hit[1] != len(source):
            hit = self.index[name] = (source, len(source), build(source))
        return hit[2]


@dataclass(frozen=True)
class Stage:
    name: str
    func: Callable[[Doc], None]
    needs: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()


class Pipeline:
    def __init__(self, stages: list[Stage]):
        names = set()
        for st in stages:
            for need in st.needs:
                if need not in names:
                    raise ValueError(f"stage {st.name!r} needs {need!r}, which no earlier stage sets")
            names.update(st.sets)
        self.stages = stages

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run(self, doc: Doc, until: str | None = None) -> Doc:
        for st in self.stages:
            try:
                st.func(doc)
            except StageError:
                raise
            except Exception as e:  # noqa: BLE001 - re-raised with the stage's name
                raise StageError(st.name, e) from e
            doc.done.update(st.sets)
            if st.name == until:
                break
        return doc
