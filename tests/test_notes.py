"""English notes: every fact a sentence states is the record's own (samples, invented records)."""
from __future__ import annotations

import re
from datetime import date

import pytest

from rasad.extract.api import extract
from rasad.notes import Facts, english_date, facts_of_record, sentence
from rasad.records import Actor, Claim, DateValue, Location, Record
from rasad.samples import iter_samples

_DATE = re.compile(r"^(?:On|Between|In the week of|In) (\d{1,2} \w+ \d{4}|\w+ \d{4}|\d{4})")
_KILLED = re.compile(r"(\d+) (?:people were|person was) killed")
_INJURED = re.compile(r"(\d+) (?:people were|person was) injured")
_PLACE = re.compile(r" in (.+?)(?: \(([^()]*)\))?(?:,| and |;)")


def check(rec: Record, text: str) -> None:
    """Every date, count, actor and place the sentence states equals the record's field."""
    f = facts_of_record(rec)
    m = _DATE.match(text)
    assert m, text
    stated = m.group(1)
    if re.fullmatch(r"\d{4}", stated):
        assert rec.date.start.startswith(stated)
    elif re.fullmatch(r"\w+ \d{4}", stated):
        d = date.fromisoformat(rec.date.start)
        assert english_date(rec.date.start).endswith(stated) and d.day >= 1
    else:
        assert stated == english_date(rec.date.start)
    killed = _KILLED.search(text)
    assert (int(killed.group(1)) if killed else None) == (rec.fatalities or None)
    if rec.fatalities == 0:
        assert "no fatalities were reported" in text
    if rec.fatalities is None and not rec.injured:
        assert "no casualties were reported" in text
    hurt = _INJURED.search(text)
    assert (int(hurt.group(1)) if hurt else None) == (rec.injured or None)
    if rec.actor1:
        assert rec.actor1.name in text
    if rec.actor2 and "[" not in text:
        assert rec.actor2.name in text
    if rec.location:
        where = f"{rec.location.name} ("
        inner = text[text.index(where) + len(where):] if where in text else None
        if inner is not None:
            stated_places = inner[: inner.index(")")].split(", ")
            assert stated_places[-1] == f.country
            if len(stated_places) == 2:
                assert stated_places[0] == rec.location.admin1
        else:
            assert f" in {rec.location.name}" in text
    if rec.claim:
        assert rec.claim.by in text


def _sample_records():
    out = []
    for a in iter_samples():
        res = extract(a.text, published=a.published, source=a.source, id=a.id, title=a.title)
        out.extend(r for r in res.records if r.kind == "event")
    return out


def test_every_sample_event_has_an_english_note_that_states_its_own_fields():
    recs = _sample_records()
    assert len(recs) > 20
    for rec in recs:
        assert rec.notes and not re.search("[\u0600-\u06ff]", rec.notes)
        assert rec.notes.endswith(".")
        check(rec, rec.notes)
        assert rec.notes_ar and re.search("[\u0600-\u06ff]", rec.notes_ar)


def _rec(**kw) -> Record:
    base = dict(kind="event",
                date=DateValue(start="2025-02-03", end="2025-02-03", precision="day"),
                event_type="Battles", sub_event_type="Armed clash",
                actor1=Actor(name="Blue River Brigade"),
                actor2=Actor(name="Military Forces of Oman"),
                location=Location(name="Sur", admin1="Ash Sharqiyah South", country="OM"),
                fatalities=7)
    base.update(kw)
    return Record(**base)


@pytest.mark.parametrize("rec", [
    _rec(),
    _rec(fatalities=None, injured=2, actor2=None),
    _rec(fatalities=0, claim=Claim(by="Blue River Brigade", type="claim_of_responsibility")),
    _rec(fatalities=1, date=DateValue(start="2025-03-01", end="2025-03-04", precision="range")),
    _rec(date=DateValue(start="2025-06-01", end="2025-06-30", precision="month"), actor1=None,
         event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
         weapon="drone"),
    _rec(location=Location(name="Hebron", admin1="Hebron", country="PS"), fatalities=None),
    _rec(sub_event_type="Nothing ACLED has", event_type="Strategic developments",
         status="planned"),
])
def test_invented_records_state_their_own_fields(rec):
    from rasad.notes import annotate
    annotate(rec)
    check(rec, rec.notes)


def test_details_of_the_wording():
    rec = _rec(date=DateValue(start="2025-06-01", end="2025-06-30", precision="month"),
               actor1=None, event_type="Explosions/Remote violence",
               sub_event_type="Air/drone strike", weapon="drone", fatalities=12)
    text = sentence(facts_of_record(rec))
    assert text == ("In June 2025, an unidentified armed group carried out an air/drone strike on "
                    "Military Forces of Oman using drones in Sur (Ash Sharqiyah South, Oman); "
                    "12 people were killed.")
    ps = facts_of_record(_rec(location=Location(name="Jenin", country="PS")))
    assert "(Palestine)" in sentence(ps)
    assert sentence(Facts()) == sentence(Facts())           # deterministic
    assert sentence(Facts()).startswith("On an unknown date, an unidentified armed group")


def test_users_override_templates(tmp_path):
    from rasad.knowledge.loader import set_knowledge_dirs
    (tmp_path / "note_templates.tsv").write_text(
        "# source: test\n# licence: Apache-2.0\nkey\ttemplate\n"
        "Armed clash\t{actor1} exchanged fire[ with {actor2}] in {place}\n", encoding="utf-8")
    set_knowledge_dirs([str(tmp_path)])
    try:
        assert "Blue River Brigade exchanged fire with" in sentence(facts_of_record(_rec()))
    finally:
        set_knowledge_dirs([])
