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


def day(n: int) -> str:
    """The n-th day after 2020-01-01, ISO."""
    from datetime import date, timedelta
    return (date(2020, 1, 1) + timedelta(days=n)).isoformat()


def far_apart(tag: str, first: int, n: int) -> list[tuple[ArticleInput, ArticleResult]]:
    """``n`` articles, one event each, dated 5 days apart (never merged: each is a new event)."""
    return [article(f"{tag}{i}", [event_record(f"{tag}{i}", day=day(5 * (first + i)))],
                    published=day(5 * (first + i)), text=f"تقرير {tag} رقم {i}") for i in range(n)]


def write_worker(url: str, tag: str, first: int, n: int, batch: int, barrier, out: str) -> None:
    """A writer process: wait for the others, open the store (so migrations race too), then store
    ``n`` articles in batches; the summed summary goes to the JSON file ``out``."""
    import json

    from rasad.store import open_store
    items = far_apart(tag, first, n)
    barrier.wait(timeout=120)
    st = open_store(url)
    total = {"new": 0, "unchanged": 0, "failed": 0, "events_new": 0}
    for i in range(0, n, batch):
        s = st.add_articles(items[i:i + batch], "1")
        for k in total:
            total[k] += getattr(s, k, 0)
    st.close()
    with open(out, "w", encoding="utf-8") as f:
        json.dump(total, f)


def cli_extract(text, published=None, source=None, id=None, title=None, url=None):
    """A stand-in extractor for ``rasad ingest --extractor storefix:cli_extract``: one event on the
    article's publication day in Homs, its evidence the first word."""
    from rasad.records import text_id
    aid = id or text_id(text)
    rec = event_record(aid, day=published, text=text.split()[0])
    return ArticleResult(article=Article(id=aid, source=source, published=published, title=title,
                                         url=url), records=[rec])
