"""Store test helpers: build typed records and articles directly (no extractor)."""
from __future__ import annotations

import os
from rasad.records import Actor, Article, ArticleResult, DateValue, Evidence, Location, Record
from rasad.store.types import ArticleInput

PG_URL = os.environ.get("RASAD_TEST_PG_URL")

PLACES = {"Homs": (34.73, 36.71, "SY", "Homs"), "Aleppo": (36.20, 37.16, "SY", "Aleppo"),
          "Gaza": (31.50, 34.47, "PS", "Gaza Strip"), "Khan Yunis": (31.34, 34.30, "PS", "Gaza Strip")}


def event_record(aid: str, n: int = 1, *, day: str = "2024-03-02", place: str = "Homs",
                 etype: str = "Explosions/Remote violence", sub: str = "Air/drone strike",
                 actor1: str = "Military Forces of Israel", actor2: str | None = None,
                 fatalities: int | None = 3, text: str = "غارة") -> Record:
    lat, lon, cc, adm = PLACES[place]
    return Record(id=f"{aid}:{n}", kind="event", event_type=etype, sub_event_type=sub,
                  date=DateValue(start=day, end=day, precision="day", text="السبت"),
                  location=Location(name=place, country=cc, admin1=adm, lat=lat, lon=lon,
                                    precision="town", text=place),
                  actor1=Actor(name=actor1, type="state_forces"),
                  actor2=Actor(name=actor2, type="civilians") if actor2 else None,
                  fatalities=fatalities, evidence=[Evidence(start=0, end=len(text), text=text)])


def article(aid: str, records: list[Record], *, source: str = "SANA", published: str = "2024-03-02",
            text: str | None = None) -> tuple[ArticleInput, ArticleResult]:
    body = text if text is not None else f"غارة على المدينة. تقرير {aid}"
    return (ArticleInput(id=aid, text=body, published=published, source=source),
            ArticleResult(article=Article(id=aid, source=source, published=published), records=records))
