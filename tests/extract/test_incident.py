"""The typed incident draft and its one way out (``to_record``), on invented sentences."""
import datetime as dt
import pickle

from rasad.extract.api import make_doc, pipeline
from rasad.extract.assemble import to_record
from rasad.extract.incident import ClaimMention, DateSpan, Incident, SourceMention
from rasad.text.spans import Span

PUB = "2023-10-29"


def _doc(text, published=PUB):
    return pipeline().run(make_doc(text, published))


def test_date_span_of_a_mention_keeps_its_words_and_the_publication_day_has_none():
    doc = _doc("قصفت المدفعية بلدة بيت حانون أمس.")
    d = DateSpan.of(doc.dates[0])
    assert d.first == dt.date(2023, 10, 28) and d.precision == "day" and d.own and d.span is doc.dates[0]
    p = DateSpan.published(doc)
    assert p.first == p.last == dt.date(2023, 10, 29) and not p.own and p.span is None
    assert DateSpan.published(make_doc("نص بلا تاريخ نشر.")) is None


def test_every_mention_and_sentence_view_is_a_span():
    doc = _doc("قصفت المدفعية الإسرائيلية بلدة بيت حانون أمس وقتل ثلاثة مدنيين.")
    for m in [*doc.sentences, *doc.numbers, *doc.dates, *doc.places, *doc.actors]:
        assert isinstance(m, Span)
        assert doc.raw[m.start:m.end] == m.text
        assert pickle.loads(pickle.dumps(m)) == m


def test_to_record_reads_the_typed_incident():
    day = DateSpan(dt.date(2023, 10, 27), dt.date(2023, 10, 28), "day")
    inc = Incident(kind="tally", fatalities=12, date=day,
                   claim=ClaimMention("Ministry of Health", "report", None),
                   sources=[SourceMention("Anonymous source", None)])
    rec = to_record(inc, "a1", 2000)
    assert rec.kind == "tally" and rec.fatalities == 12 and rec.status == "occurred"
    assert rec.date.precision == "range" and rec.date.start == "2023-10-27" and rec.date.text is None
    assert rec.claim.by == "Ministry of Health" and rec.claim.type == "report"
    assert [s.name for s in rec.sources] == ["Anonymous source"]


def test_a_copy_has_a_trail_of_its_own():
    inc = Incident(kind="event")
    inc.trail.fired.append("merge.same_day_place")
    c = inc.copy()
    c.trail.fired.append("fields.same_hand")
    assert inc.trail.fired == ["merge.same_day_place"]
    assert c == inc         # the trail is not part of what the incident says
