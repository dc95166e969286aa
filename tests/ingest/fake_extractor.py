"""A stand-in extractor for ingest tests: one event per article, read off a marker line.

A line ``EVENT <type>|<YYYY-MM-DD>|<place>|<fatalities>`` gives the event; ``FAIL`` raises.
"""
from __future__ import annotations

from rasad.records import Article, ArticleResult, DateValue, Evidence, Location, Record, text_id

PLACES = {"Homs": (34.73, 36.71, "SY"), "Gaza": (31.50, 34.47, "PS")}


def extract(text, published=None, source=None, id=None, title=None, url=None):
    if "FAIL" in text:
        raise ValueError("cannot parse this article")
    aid = id or text_id(text)
    recs = []
    for line in text.splitlines():
        if line.startswith("EVENT "):
            etype, day, place, fat = line[6:].split("|")
            lat, lon, cc = PLACES[place]
            start = text.index(line)
            recs.append(Record(id=f"{aid}:{len(recs)}", kind="event", event_type=etype,
                               sub_event_type="Air/drone strike",
                               date=DateValue(start=day, end=day, precision="day"),
                               location=Location(name=place, country=cc, lat=lat, lon=lon,
                                                 precision="town"),
                               fatalities=int(fat),
                               evidence=[Evidence(start=start, end=start + len(line), text=line)]))
    return ArticleResult(article=Article(id=aid, source=source, published=published, title=title,
                                         url=url), records=recs)


def slow_extract(text, published=None, source=None, id=None, title=None, url=None):
    """``extract`` that takes ``$RASAD_FAKE_DELAY`` seconds per article (kill-and-resume tests)."""
    import os
    import time
    time.sleep(float(os.environ.get("RASAD_FAKE_DELAY", "0.05")))
    return extract(text, published=published, source=source, id=id, title=title, url=url)


def knowledge_probe(text, published=None, source=None, id=None, title=None, url=None):
    """``extract`` whose article title names the ``--knowledge-dir`` overrides it ran with."""
    import os

    from rasad.ingest.batch import user_knowledge_dirs
    res = extract(text, published=published, source=source, id=id, title=title, url=url)
    res.article.title = os.pathsep.join(user_knowledge_dirs()) or "-"
    return res
