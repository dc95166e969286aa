"""The armed actor whose weapon is named in construct with it (لطائرات التحالف) attacked."""
import rasad
from rasad.extract import registry


def _a1(text, disable=()):
    with registry.run(disable):
        recs = rasad.extract(text, published="2018-04-01").records
    return [r.actor1 and r.actor1.name for r in recs if r.kind == "event"]


def test_the_owner_of_the_aircraft_is_the_attacker():
    text = "قتل قيادي في الميليشيات في غارة جوية لطائرات التحالف العربي على مدينة زبيد أمس."
    assert _a1(text) == ["Saudi-led coalition"]
    assert _a1(text, ["roles.weapon_owner"]) == [None]


def test_the_owner_of_the_guns_is_the_attacker():
    text = "سقط ثلاثة قتلى في قصف بقذائف مدفعية الجيش السوري على بلدة كفرنبل مساء أمس."
    assert _a1(text) == ["Military Forces of Syria"]
