"""Cue families are declared in cue_families.tsv with the code that reads them: an undeclared key
is refused on load, and a family that its readers do not read fails here."""
import ast
import importlib
import inspect

import pytest

from rasad.errors import KnowledgeError
from rasad.knowledge import loader, vocab
from rasad.knowledge.vocab import CueFamily
from rasad.text.normalize import normalize

HEAD = "# source: invented for a test\n# licence: Apache-2.0\n"


def strings_of(module_name: str) -> set[str]:
    """Every string constant in a module's source."""
    src = inspect.getsource(importlib.import_module(f"rasad.{module_name}"))
    return {n.value for n in ast.walk(ast.parse(src))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def reads(strings: set[str], key: str) -> bool:
    """The key itself, or a prefix of it ending in a dot (``casualty.``), is written in the code."""
    parts = key.split(".")
    return key in strings or any(".".join(parts[:i]) + "." in strings for i in range(1, len(parts)))


def unread(families) -> list[str]:
    cache: dict[str, set[str]] = {}
    out = []
    for f in families:
        if not f.readers:
            out.append(f"{f.table}:{f.key} has no reader")
        for m in f.readers:
            if not reads(cache.setdefault(m, strings_of(m)), f.key):
                out.append(f"{f.table}:{f.key} is not read by rasad.{m}")
    return out


def package_families():
    loader.set_knowledge_dirs([])
    return list(vocab.cue_families().values())


def test_every_family_has_a_reader_that_reads_it():
    fams = package_families()
    assert len(fams) > 30
    assert unread(fams) == []


def test_every_declared_family_is_used_in_its_table():
    used = {(t, r["key"]) for t in vocab.CUE_TABLES for r in loader.load_table(t).rows}
    assert [f"{f.table}:{f.key}" for f in package_families() if (f.table, f.key) not in used] == []


def test_the_check_catches_a_family_nobody_reads():
    fams = [CueFamily("cues", "casualty.killed", ("extract.fields",), "read by prefix"),
            CueFamily("cues", "place.nowhere", ("extract.fields",), "invented, unread"),
            CueFamily("cues", "tally", (), "no reader")]
    assert unread(fams) == ["cues:place.nowhere is not read by rasad.extract.fields",
                            "cues:tally has no reader"]


@pytest.fixture
def user_dir(tmp_path):
    yield tmp_path
    loader.set_knowledge_dirs([])


def test_an_undeclared_key_is_refused_on_load(user_dir):
    (user_dir / "cues.tsv").write_text(HEAD + "surface\tcls\tkey\tscope\nهدنة هشة\tname\t"
                                       "truce.fragile\tsentence\n", encoding="utf-8")
    loader.set_knowledge_dirs([user_dir])
    with pytest.raises(KnowledgeError) as e:
        vocab.find_cues(normalize("أعلنت الأطراف هدنة هشة في المدينة."))
    assert "truce.fragile" in str(e.value) and "cues.tsv:4" in str(e.value)
    (user_dir / "cue_families.tsv").write_text(
        HEAD + "table\tkey\treaders\tpurpose\ncues\ttruce.fragile\tmy.module\ta fragile truce\n",
        encoding="utf-8")
    loader.set_knowledge_dirs([user_dir])
    keys = [m.key for m in vocab.find_cues(normalize("أعلنت الأطراف هدنة هشة في المدينة."))]
    assert "truce.fragile" in keys


def test_an_undeclared_extraction_cue_key_is_refused(user_dir):
    (user_dir / "extraction_cues.tsv").write_text(HEAD + "surface\tcls\tkey\nتلك\tname\tdemonstr\n",
                                                  encoding="utf-8")
    loader.set_knowledge_dirs([user_dir])
    with pytest.raises(KnowledgeError) as e:
        vocab.cue_families()
    assert "demonstr" in str(e.value) and "extraction_cues" in str(e.value)
