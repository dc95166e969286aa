"""Where an incident happened: datelines, a finer place given later, country-level incidents."""
import rasad


def _events(text, published="2021-05-10", disable=()):
    from rasad.extract import registry
    with registry.run(disable):
        res = rasad.extract(text, published=published)
    return [r for r in res.records if r.kind == "event"]


def test_a_dateline_is_where_the_report_was_filed():
    text = ("القاهرة، مصر (CNN) -- قتل ثلاثة جنود في انفجار عبوة ناسفة استهدف دوريتهم في مدينة "
            "العريش الأحد.")
    evs = _events(text)
    assert [e.location.name for e in evs] == ["el-Arish"]
    text = "بيروت (رويترز) - أصيب خمسة مدنيين في قصف مدفعي على بلدة الخيام اليوم."
    evs = _events(text)
    assert evs and all(e.location.name != "Beirut" for e in evs)


def test_the_next_sentence_places_an_incident_named_by_its_country():
    text = ("لقي سبعة جنود أتراك مصرعهم وأصيب عشرون آخرون اليوم في هجوم بسيارة مفخخة في تركيا.\n"
            "وقالت السلطات إن الهجوم استهدف حافلة عسكرية في مدينة قيصري.")
    evs = _events(text)
    assert [(e.location.name, e.fatalities) for e in evs] == [("Kayseri", 7)]
    assert "incidents.place_ahead" in evs[0].rules
    assert _events(text, disable=["incidents.place_ahead", "incidents.country_level"]) == []


def test_a_new_incident_further_on_keeps_its_place_to_itself():
    text = ("قتل جنديان في هجوم بعبوة ناسفة في العراق.\n"
            "وفي حادث آخر، شنت طائرات غارة على مدينة الرمادي.")
    evs = _events(text)
    assert all(e.event_type != "Explosions/Remote violence" or e.location.name != "Ramadi"
               or e.sub_event_type == "Air/drone strike" for e in evs)


def test_an_incident_placed_only_in_a_country_is_coded_at_country_precision():
    text = "قتل خمسة مدنيين وأصيب تسعة آخرون في هجوم بعبوة ناسفة في الصومال أمس."
    evs = _events(text)
    assert [(e.location.precision, e.location.country, e.fatalities) for e in evs] == \
        [("country", "SO", 5)]
    assert _events(text, disable=["incidents.country_level"]) == []
