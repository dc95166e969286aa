"""One Knowledge object per setting: user tables are seen at once and never outlive their setting."""
import pytest

import rasad
from rasad.errors import KnowledgeError
from rasad.knowledge import loader, vocab
from rasad.knowledge.actors import ActorResolver
from rasad.knowledge.core import Knowledge, cached, current
from rasad.text.normalize import normalize
from rasad.text.numbers import find_numbers

HEAD = "# source: invented for a test\n# licence: Apache-2.0\n"
# invented words: a weapon, a number word and an armed group no table knows
WEAPON, NUMBER, GROUP = "زمردون", "بلوطعشر", "كتائب الغيم الأزرق"
S_WEAPON = "هاجم المسلحون القرية بزمردون يوم الاثنين."
S_NUMBER = "قتل بلوطعشر شخصا في الهجوم."
S_GROUP = "أعلنت كتائب الغيم الأزرق مسؤوليتها عن الهجوم."


@pytest.fixture
def user_dir(tmp_path):
    (tmp_path / "weapons.tsv").write_text(HEAD + f"surface\tcls\tkey\n{WEAPON}\tnoun\tartillery\n",
                                          encoding="utf-8")
    (tmp_path / "number_words.tsv").write_text(
        HEAD + f"word\tvalue\tkind\tgender\tform\n{NUMBER}\t13\tunit\tm\tsg\n", encoding="utf-8")
    (tmp_path / "actors.tsv").write_text(
        HEAD + "key\tname\tname_ar\taliases\ttype\tcountry\tparent\tvalid_from\tvalid_to\trole\t"
        f"area\tsource\nzz.blue\tBlue Cloud Brigades\t{GROUP}\t\trebel_group\t\t\t\t\tactor\t\t"
        "invented\n", encoding="utf-8")
    yield tmp_path
    loader.set_knowledge_dirs([])


def _seen() -> dict:
    """What the text, vocabulary and actor layers make of the three invented sentences."""
    weapons = [m.data.key for m in vocab.find_weapons(normalize(S_WEAPON))]
    numbers = [n.value for n in find_numbers(normalize(S_NUMBER))]
    actors = [m.actor.key for m in ActorResolver.default().find(normalize(S_GROUP))]
    via_api = [w["key"] for w in rasad.analyze(S_WEAPON, published="2024-01-01")["weapons"]]
    return {"weapon": "artillery" in weapons and "artillery" in via_api,
            "number": 13 in numbers, "actor": "zz.blue" in actors}


def test_user_dir_is_seen_then_forgotten(user_dir):
    loader.set_knowledge_dirs([])
    assert _seen() == {"weapon": False, "number": False, "actor": False}
    loader.set_knowledge_dirs([user_dir])
    assert _seen() == {"weapon": True, "number": True, "actor": True}
    loader.set_knowledge_dirs([])
    assert _seen() == {"weapon": False, "number": False, "actor": False}


def test_the_setting_switches_the_knowledge_without_a_clear(user_dir, monkeypatch):
    monkeypatch.delenv("RASAD_KNOWLEDGE_DIR", raising=False)
    assert _seen()["weapon"] is False
    monkeypatch.setenv("RASAD_KNOWLEDGE_DIR", str(user_dir))
    assert _seen() == {"weapon": True, "number": True, "actor": True}
    monkeypatch.delenv("RASAD_KNOWLEDGE_DIR")
    assert _seen() == {"weapon": False, "number": False, "actor": False}


def test_one_object_holds_the_tables_and_what_is_built(user_dir):
    loader.set_knowledge_dirs([])
    kb = current()
    assert isinstance(kb, Knowledge) and current() is kb and kb.dirs == (loader.DATA_DIR,)
    assert vocab.weapons() is vocab.weapons()           # built once per Knowledge
    assert "weapons" in kb.loaded()["tables"]
    assert "rasad.knowledge.vocab.weapons" in kb.loaded()["built"]
    old_matcher = vocab.weapons()
    loader.set_knowledge_dirs([user_dir])
    assert current() is not kb and current().dirs == (loader.DATA_DIR, user_dir)
    assert vocab.weapons() is not old_matcher
    assert kb.build(vocab.weapons.builder) is old_matcher  # the old object keeps its own


def test_cached_builds_once_per_knowledge_and_sees_its_own_tables(user_dir):
    calls = []

    @cached
    def weapon_count() -> int:
        calls.append(1)
        return len(loader.load_table("weapons").rows)

    loader.set_knowledge_dirs([])
    base = weapon_count()
    assert weapon_count() == base and len(calls) == 1
    loader.set_knowledge_dirs([user_dir])
    assert weapon_count() == base + 1 and len(calls) == 2
    # an explicit Knowledge answers for its own directories, whatever the settings
    assert Knowledge([loader.DATA_DIR]).build(weapon_count.builder) == base


def test_required_columns_are_checked_per_file(tmp_path):
    (tmp_path / "weapons.tsv").write_text(HEAD + f"surface\tkey\n{WEAPON}\tartillery\n",
                                          encoding="utf-8")
    kb = Knowledge([loader.DATA_DIR, tmp_path])
    assert len(kb.table("weapons").rows) > 1             # no requirement: both files read
    with pytest.raises(KnowledgeError) as e:
        kb.table("weapons", ("surface", "cls", "key"))
    assert "cls" in str(e.value) and "weapons.tsv" in str(e.value)


def test_a_bad_user_dir_is_refused_and_changes_nothing(tmp_path):
    loader.set_knowledge_dirs([])
    kb = current()
    with pytest.raises(KnowledgeError):
        loader.set_knowledge_dirs([tmp_path / "missing"])
    assert current() is kb
