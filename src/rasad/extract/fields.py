"""Field fillers for one incident: places, date, actors, weapons, casualties, status, claim, sources.

Each reads one sentence view (and the Doc for its text) and returns mentions, never copies of the
text, so every value keeps its span.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..knowledge.loader import load_table
from ..knowledge.vocab import number_of as vocab_number_of
from ..text.normalize import norm_key
from .context import SentenceView, key_of
from .incident import ClaimMention, DateSpan, SourceMention
from .registry import Trail, on, rule

COORDINATED = rule("fields.coordinated_places", "fields",
                   "places joined by و or commas (التنف والركبان) are one event each")
COARSE_BESIDE_FINE = rule("fields.coarse_beside_fine", "fields",
                          "a country or province listed beside a finer place in it is not a "
                          "place of its own")
STATEMENT_DATE = rule("fields.statement_date", "fields",
                      "a date between a speech or accusation word and the incident dates the "
                      "statement")
WEAPON_NUMBER = rule("fields.weapon_number", "fields",
                     "how many weapons: a dual or singular form, or the numeral right before it")
NO_CASUALTIES = rule("fields.no_casualties", "fields",
                     "'without casualties' (دون وقوع إصابات) is zero injured")
LOWEST_FIGURE = rule("fields.lowest_figure", "fields",
                     "two figures for one casualty field in a sentence: the lowest")
ONE_PERSON = rule("fields.one_person", "fields",
                  "a casualty word before one person (قتل شاب) counts one")
NUMERAL_AFTER_NOUN = rule("fields.numeral_after_noun", "fields",
                          "a numeral after its counted noun (مقتل مدنيين اثنين) counts the "
                          "casualties")
NUMBER_BEFORE_VERB = rule("fields.number_before_verb", "fields",
                          "a number and its noun right before a casualty verb (130 فلسطينيا "
                          "قتلوا) count it")
FUTURE_VERB = rule("fields.future_verb", "fields",
                   "a future verb (سترسل، سيتم) shortly before the incident word makes it planned")
STATUS_AFTER = rule("fields.status_after", "fields",
                    "a status cue that qualifies what precedes it (تحرير الحديدة مطلوب) after "
                    "the incident word")
RESPONSIBILITY_BY_ACTOR1 = rule("fields.responsibility_by_actor1", "fields",
                                "a claim of responsibility with no speaker named is the "
                                "initiator's")
SOURCE_NEEDS_ATTRIBUTION = rule("fields.source_needs_attribution", "fields",
                                "a body that is both actor and source is a source only after an "
                                "attribution word")

_GAP_PUNCT = re.compile(r'^[\s"\',;:()\-]*$')
COARSE = {"country", "admin1", "region"}
STATEMENT_KEYS = {"claim.report", "claim.responsibility", "accusation"}
_STATUS = (("status.denial", "denied"), ("status.threat", "threatened"), ("status.conditional", "hypothetical"),
           ("status.call", "hypothetical"), ("status.future", "planned"), ("status.plan", "planned"),
           ("status.fear", "hypothetical"))


def _gap(doc_text: str, a_end: int, b_start: int) -> str:
    return doc_text[a_end:b_start] if b_start > a_end else ""


def _joined(gap: str) -> bool:
    """Is ``gap`` only punctuation and at most one coordinating word (و…), or و with the head
    noun of the next place (ومديرية، وبلدة)?"""
    words = [w for w in re.split(r'[\s"\',;:()\-]+', gap) if w]
    if not words:
        return _GAP_PUNCT.match(gap) is not None
    if len(words) != 1 or not words[0].startswith("و"):
        return False
    heads, relations = _place_words()
    if norm_key(words[0]) in relations:
        return False            # وسط ليبيا: "central", not و + a word
    return len(words[0]) <= 5 or words[0][1:] in heads or words[0][1:].removeprefix("ال") in heads


@lru_cache(maxsize=1)
def _place_words() -> tuple[frozenset[str], frozenset[str]]:
    from ..knowledge.geocoder import place_words
    w = place_words()
    return w.heads, w.relations


def coordinated_places(places: list, sv: SentenceView, trail: Trail | None = None) -> list:
    """The first place of ``places`` and those coordinated with it in the sentence, finest kept."""
    if not places:
        return []
    trail = trail or Trail()
    doc_text = sv.doc_text
    start = places[0]
    out = [start]
    idx = next((k for k, p in enumerate(sv.places) if p is start), None)
    if idx is not None and on(COORDINATED):
        prev = start
        for p in sv.places[idx + 1:]:
            if getattr(p, "within", False) or not _joined(_gap(doc_text, prev.nend, p.nstart)):
                break           # بريف إدلب after جبل الزاوية contains it: not a second place
            out.append(p)
            prev = p
        trail.applies(COORDINATED, len(out) > 1)
    fine = [p for p in out if getattr(p, "precision", None) not in COARSE]
    if fine:
        countries = {p.best.country for p in fine}
        kept = [p for p in out if getattr(p, "precision", None) not in COARSE or p.best.country not in countries]
        if trail.applies(COARSE_BESIDE_FINE, len(kept) < len(out)):
            out = kept
    seen, uniq = set(), []
    for p in out:
        if p.best.id not in seen:
            seen.add(p.best.id)
            uniq.append(p)
    return uniq


def date_for(sv: SentenceView, trig, doc, trail: Trail | None = None) -> DateSpan | None:
    dates = [d for d in sv.dates if getattr(d, "relation", "past") != "future"]
    if not dates:
        return None
    if trig is not None:
        trail = trail or Trail()
        before = [d for d in dates if d.nend <= trig.nstart]
        own = [d for d in before if not _statement_date(sv, d, trig)] if on(STATEMENT_DATE) else before
        if trail.applies(STATEMENT_DATE, not own and bool(before) and len(dates) == len(before)):
            return None         # the only date is the statement's: the incident has none of its own
        trail.applies(STATEMENT_DATE, len(own) < len(before))
        before = own
        pick = before[-1] if before else dates[0]
    else:
        pick = dates[0]
    return DateSpan.of(pick)


STATUS_AFTER_REACH = 30  # characters from an incident word to a status cue that follows it
STATEMENT_REACH = 40    # characters from a speech or accusation word to the date it carries


def _statement_date(sv: SentenceView, d, trig) -> bool:
    """``اتهام الفصائل للجيش يوم الأحد بتنفيذ غارة``: a date between a speech or
    accusation word and a ب-phrase naming the incident dates the statement, not the incident."""
    if not any(key_of(c) in STATEMENT_KEYS and 0 <= d.nstart - c.nend <= STATEMENT_REACH for c in sv.cues):
        return False
    words = sv.doc_text[d.nend:trig.nstart].split()
    return bool(words) and len(words) <= 2 and words[0].startswith("ب")


AMBIGUOUS_WEAPON = rule("fields.ambiguous_weapon", "fields",
                        "a word that is a weapon only in one sense (مسيرة: drone or march) counts only "
                        "for an attack or interception with no protest")
ARMED_FAMILIES = ("attack.", "intercept", "clash")


def _weapon_sense_ok(w, triggers: list, trail: Trail) -> bool:
    if not getattr(w.data, "ambiguous", False) or not on(AMBIGUOUS_WEAPON):
        return True
    keys = {key_of(t) for t in triggers}
    ok = "protest" not in keys and any(k.startswith(ARMED_FAMILIES) for k in keys)
    if not ok:
        trail.fire(AMBIGUOUS_WEAPON)
    return ok


def weapons_for(sv: SentenceView, triggers: list, trail: Trail | None = None):
    first = triggers[0]
    trail = trail or Trail()
    ws = sorted((w for w in sv.weapons if _weapon_sense_ok(w, triggers, trail)),
                key=lambda w: abs(w.nstart - first.nstart))
    keys = [w.data.key for w in ws]
    count = None
    spans = []
    if ws and on(WEAPON_NUMBER):
        w = ws[0]
        spans.append(w)
        number = vocab_number_of(w)     # a broken plural row (صواريخ) says pl even without a suffix
        if number == "du":
            count = 2
        else:
            num = next((n for n in sv.numbers if 0 <= w.nstart - n.nend <= 1 and not n.vague
                        and getattr(n, "kind", "cardinal") in ("cardinal", "dual")), None)
            if num is not None:
                count = int(num.value)
                spans.append(num)
            elif number == "sg":
                count = 1
        trail.applies(WEAPON_NUMBER, count is not None)
    elif ws:
        spans.append(ws[0])
    return keys, count, spans


def casualties(sv: SentenceView, triggers: list, doc, trail: Trail | None = None) -> dict:
    out: dict = {"spans": []}
    text = doc.norm.text
    trail = trail or Trail()
    for cue in sv.cues:
        k = key_of(cue)
        if not k.startswith("casualty."):
            continue
        field = {"casualty.killed": "fatalities", "casualty.injured": "injured", "casualty.missing": "missing"}.get(k)
        if k == "casualty.none":
            if trail.applies(NO_CASUALTIES, True):
                out.setdefault("injured", 0)
                out["spans"].append(cue)
            continue
        if field is None:
            continue
        num = _count_for(cue, sv, text, trail)
        if num is None and field == "fatalities":
            num = _split_idiom_count(cue, sv, trail)
        if num is None:
            one = _one_person_after(cue, doc) if field != "missing" else None
            if trail.applies(ONE_PERSON, one is not None):
                if out.get(field) in (None, 0):
                    out[field] = 1
                out["spans"] += [cue, one]
            continue
        v = int(num.value)
        if out.get(field) in (None, 0):
            out[field] = v
        elif trail.applies(LOWEST_FIGURE, v < out[field]):
            out[field] = v
        out["spans"] += [num, cue]
    return out


SPLIT_IDIOM = rule("fields.split_death_idiom", "fields",
                   "لقي سبعة جنود مصرعهم: the count stands between the verb and its death noun")
SPLIT_REACH = 40        # characters between the verb's end and the death noun


def _split_idiom_count(cue, sv: SentenceView, trail: Trail):
    """The number right after a casualty head verb (لقي، لقوا) that this death noun completes."""
    if not on(SPLIT_IDIOM):
        return None
    for head in sv.cues_of("casualty.head"):
        if 0 < cue.nstart - head.nend <= SPLIT_REACH:
            n = next((n for n in sv.numbers if 0 <= n.nstart - head.nend <= 2 and not n.vague
                      and getattr(n, "kind", "cardinal") in ("cardinal", "dual")), None)
            if n is not None and n.nend <= cue.nstart:
                trail.fire(SPLIT_IDIOM)
                return n
    return None


TAKEN = rule("fields.count_taken_before", "fields",
             "a number that follows one casualty word (قتل اثنان وأصيب) is not also counted by the next")


def _taken_before(n, cue, sv: SentenceView, trail: Trail) -> bool:
    if not on(TAKEN):
        return False
    taken = any(c is not cue and key_of(c).startswith("casualty.") and 0 <= n.nstart - c.nend <= 2
                for c in sv.cues)
    if taken:
        trail.fire(TAKEN)
    return taken


def _count_for(cue, sv: SentenceView, text: str, trail: Trail):
    """The number a casualty word counts: one overlapping or right beside it (مقتل 11، 11 قتيلا،
    أصيب سبعة), else a number and its counted noun right before a verb (130 فلسطينيا قتلوا) that
    no casualty word right before it has taken already (قتل ثلاثة أشخاص وأصيب سبعة)."""
    nums = [n for n in sv.numbers if not n.vague and getattr(n, "kind", "cardinal") in ("cardinal", "dual")]
    for n in nums:
        if n.nstart <= cue.nstart < n.nend or cue.nstart <= n.nstart < cue.nend:
            return n
        if 0 <= cue.nstart - n.nend <= 2 and _GAP_PUNCT.match(text[n.nend:cue.nstart]) \
                and not _taken_before(n, cue, sv, trail):
            return n
        if 0 <= n.nstart - cue.nend <= 6 and re.match(r"^[\s\w]{0,6}$", text[cue.nend:n.nstart]):
            return n
    for n in nums:
        between = text[cue.nend:n.nstart].split()
        if 0 < n.nstart - cue.nend <= 16 and len(between) == 1 and between[0].removeprefix("ال") in _person_forms() \
                and trail.applies(NUMERAL_AFTER_NOUN, True):
            return n            # مقتل مدنيين اثنين: the numeral after its noun
    if getattr(cue.entry, "cls", None) != "verb":
        return None
    for n in nums:
        if n.counted and 0 < cue.nstart - n.nend <= len(n.counted) + 3 and len(text[n.nend:cue.nstart].split()) == 1 \
                and not any(key_of(c).startswith("casualty.") and 0 <= n.nstart - c.nend <= 3 for c in sv.cues) \
                and trail.applies(NUMBER_BEFORE_VERB, True):
            return n
    return None


@lru_cache(maxsize=1)
def _person_forms() -> frozenset[str]:
    """Every written form (singular, dual, plural) of the nouns for people in counted_nouns."""
    t = load_table("counted_nouns", required=("singular",))
    out = set()
    for r in t.rows:
        if r.get("kind") == "person":
            for col in ("singular", "dual", "plural"):
                out.update(norm_key(w) for w in (r.get(col) or "").split())
    return frozenset(out)


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    t = load_table("counted_nouns", required=("singular",))
    return frozenset(norm_key(r["singular"]) for r in t.rows if r.get("kind") == "person")


def _one_person_after(cue, doc):
    """The token right after a casualty word when it is one person (قتل شاب، مقتل جندي، إصابة طفل)."""
    i = bisect.bisect_left(doc.token_starts, cue.nend + 1)
    if i >= len(doc.tokens):
        return None
    tok = doc.tokens[i]
    if tok.nstart - cue.nend > 1:
        return None
    w = tok.norm
    nouns = _person_nouns()
    for pro in ("", "ال"):
        if pro and not w.startswith(pro):
            continue
        if w[len(pro):] in nouns:
            return tok
    return None


@lru_cache(maxsize=1)
def _future_forms() -> tuple[tuple[str, ...], frozenset[str]]:
    t = load_table("future_forms", required=("form", "kind"))
    prefixes = tuple(norm_key(r["form"]) for r in t.rows if r["kind"] == "prefix")
    exceptions = frozenset(norm_key(r["form"]) for r in t.rows if r["kind"] == "exception")
    return prefixes, exceptions


def is_future_verb(word: str) -> bool:
    """A token with the future proclitic (سترسل، سيتم، وستجهز); common nouns with the same start excluded."""
    prefixes, exceptions = _future_forms()
    for pro in ("", "و", "ف"):
        if pro and not word.startswith(pro):
            continue
        w = word[len(pro):]
        if len(w) >= 4 and w.startswith(prefixes) and w not in exceptions and w[:-1] not in exceptions \
                and not any(w.startswith(e) for e in exceptions if len(e) >= 5):
            return True
    return False


def status_for(sv: SentenceView, triggers: list, doc, trail: Trail | None = None) -> str:
    first = triggers[0]
    trail = trail or Trail()
    if any(getattr(t, "future", False) for t in triggers):
        return "planned"
    lo = bisect.bisect_left(doc.token_starts, max(sv.nstart, first.nstart - 90))
    hi = bisect.bisect_left(doc.token_starts, first.nstart)
    for tok in (doc.tokens[lo:hi] if on(FUTURE_VERB) else ()):
        if tok.nstart >= sv.nstart and first.nstart - tok.nend <= 80 and is_future_verb(tok.norm):
            trail.fire(FUTURE_VERB)
            return "planned"
    last = triggers[-1]
    for key, status in _STATUS:
        for c in sv.cues:
            if key_of(c) != key:
                continue
            if c.nend <= first.nstart and first.nstart - c.nend <= 80:
                return status
            # a cue of scope "before" qualifies what precedes it: تحرير الحديدة مطلوب
            if getattr(c.data, "scope", None) == "before" and 0 <= c.nstart - last.nend <= STATUS_AFTER_REACH \
                    and trail.applies(STATUS_AFTER, True):
                return status
    return "occurred"


def claim_for(sv: SentenceView, trig, a1, doc, trail: Trail | None = None) -> ClaimMention | None:
    trail = trail or Trail()
    for key, ctype in (("claim.responsibility", "claim_of_responsibility"), ("status.denial", "denial"),
                       ("claim.confirmation", "confirmation"), ("claim.report", "report")):
        cues = [c for c in sv.cues if key_of(c) == key and c.nend <= trig.nstart]
        if not cues:
            continue
        c = cues[-1]
        speaker = next((a for a in sv.actors if 0 <= a.nstart - c.nend <= 15), None)
        if speaker is None:
            speaker = next((a for a in reversed(sv.actors) if 0 <= c.nstart - a.nend <= 15), None)
        if trail.applies(RESPONSIBILITY_BY_ACTOR1, ctype == "claim_of_responsibility" and speaker is None
                         and a1 is not None):
            speaker = a1
        if speaker is None:
            continue
        return ClaimMention(speaker.actor.name, ctype, c.text, c, speaker)
    return None


def sources_for(sv: SentenceView, doc, trail: Trail | None = None) -> list[SourceMention]:
    out, seen = [], set()
    trail = trail or Trail()
    for a in sv.actors:
        if getattr(a.actor, "role", "actor") in ("source", "both") and a.actor.name not in seen:
            if trail.applies(SOURCE_NEEDS_ATTRIBUTION, getattr(a.actor, "role", "actor") == "both" and not any(
                    key_of(c) in ("source.attribution", "claim.report") and 0 <= a.nstart - c.nend <= 15
                    for c in sv.cues)):
                continue
            seen.add(a.actor.name)
            out.append(SourceMention(a.actor.name, a.text, a))
    for c in sv.cues_of("source.anonymous"):
        out.append(SourceMention("Anonymous source", c.text, c))
    return out
