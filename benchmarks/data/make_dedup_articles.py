import json
# incident: key, date, type, sub, actor1 (name, type, ar), actor2, place (en, ar, cc, admin1, lat, lon)
P = {
 "khan": ("Khan Yunis", "خان يونس", "PS", "Gaza Strip", 31.3462, 34.3063),
 "rafah": ("Rafah", "رفح", "PS", "Gaza Strip", 31.2969, 34.2455),
 "saraqib": ("Saraqib", "سراقب", "SY", "Idlib", 35.8647, 36.8006),
 "tanf": ("Al-Tanf", "التنف", "SY", "Homs", 33.4990, 38.6650),
 "daraa": ("Daraa", "درعا", "SY", "Daraa", 32.6189, 36.1021),
 "sweida": ("As-Suwayda", "السويداء", "SY", "As-Suwayda", 32.7089, 36.5695),
 "hodeidah": ("Al Hudaydah", "الحديدة", "YE", "Al Hudaydah", 14.7978, 42.9545),
 "baalbek": ("Baalbek", "بعلبك", "LB", "Baalbek-Hermel", 34.0058, 36.2181),
 "nabatieh": ("Nabatieh", "النبطية", "LB", "Nabatieh", 33.3772, 35.4836),
 "hebron": ("Hebron", "الخليل", "PS", "West Bank", 31.5326, 35.0998),
 "khartoum": ("Khartoum", "الخرطوم", "SD", "Khartoum", 15.5518, 32.5324),
}
A = {
 "isr": ("Military Forces of Israel", "state_forces", "الجيش الإسرائيلي"),
 "civ_ps": ("Civilians (Palestine)", "civilians", "مدنيون"),
 "hts": ("Hayat Tahrir al-Sham", "rebel_group", "هيئة تحرير الشام"),
 "syr": ("Military Forces of Syria", "state_forces", "الجيش السوري"),
 "irq": ("Islamic Resistance in Iraq", "political_militia", "المقاومة الإسلامية في العراق"),
 "usa": ("Military Forces of the United States", "external_other", "القوات الأميركية"),
 "unk": ("Unidentified armed group", "political_militia", "مجهولون"),
 "prot": ("Protesters (Syria)", "protesters", "محتجون"),
 "houthi": ("Ansar Allah", "rebel_group", "جماعة أنصار الله"),
 "civ_lb": ("Civilians (Lebanon)", "civilians", "مدنيون"),
 "saf": ("Military Forces of Sudan", "state_forces", "الجيش السوداني"),
 "rsf": ("Rapid Support Forces", "political_militia", "قوات الدعم السريع"),
}
VERB = {"Air/drone strike": "غارة جوية استهدفت", "Armed clash": "اشتباكات عنيفة في",
        "Remote explosive/landmine/IED": "انفجار عبوة ناسفة في", "Peaceful protest": "وقفة احتجاجية في",
        "Shelling/artillery/missile attack": "هجوم صاروخي قرب", "Arrests": "حملة اعتقالات في"}
I = {
 "I1": ("2024-01-10", "Explosions/Remote violence", "Air/drone strike", "isr", "civ_ps", "khan"),
 "I2": ("2024-01-10", "Explosions/Remote violence", "Air/drone strike", "isr", "civ_ps", "rafah"),
 "I3": ("2024-02-03", "Battles", "Armed clash", "hts", "syr", "saraqib"),
 "I4": ("2023-10-28", "Explosions/Remote violence", "Air/drone strike", "irq", "usa", "tanf"),
 "I5": ("2024-03-05", "Explosions/Remote violence", "Remote explosive/landmine/IED", "unk", "syr", "daraa"),
 "I6": ("2024-03-15", "Explosions/Remote violence", "Remote explosive/landmine/IED", "unk", "syr", "daraa"),
 "I7": ("2024-03-08", "Protests", "Peaceful protest", "prot", None, "sweida"),
 "I8": ("2024-02-20", "Explosions/Remote violence", "Shelling/artillery/missile attack", "houthi", None, "hodeidah"),
 "I9": ("2024-02-26", "Explosions/Remote violence", "Air/drone strike", "isr", "civ_lb", "baalbek"),
 "I10": ("2024-02-26", "Explosions/Remote violence", "Air/drone strike", "isr", "civ_lb", "nabatieh"),
 "I11": ("2024-01-15", "Strategic developments", "Arrests", "isr", None, "hebron"),
 "I12": ("2024-01-20", "Battles", "Armed clash", "saf", "rsf", "khartoum"),
 "I13": ("2024-01-21", "Battles", "Armed clash", "saf", "rsf", "khartoum"),
}
# (outlet, published offset days, [(incident, fatalities, actor1 override)])
R = [
 ("Al Jazeera", 0, [("I1", 12, None), ("I2", 5, None)]), ("WAFA", 1, [("I1", 13, None)]),
 ("Anadolu", 0, [("I1", 12, None)]), ("Palestine TV", 1, [("I2", 6, None)]),
 ("SANA", 0, [("I3", 7, "unk")]), ("Syrian Observatory", 1, [("I3", 9, None)]), ("Enab Baladi", 1, [("I3", 8, None)]),
 ("Rudaw", 1, [("I4", None, None)]), ("Al Mayadeen", 0, [("I4", None, None)]),
 ("SANA", 0, [("I5", 2, None)]), ("Horan Free League", 0, [("I5", 2, None)]), ("Syria TV", 1, [("I5", 3, None)]),
 ("SANA", 0, [("I6", 1, None)]), ("Suwayda24", 0, [("I7", 0, None)]), ("Enab Baladi", 1, [("I7", 0, None)]),
 ("Al Masirah", 0, [("I8", None, None)]), ("Al Arabiya", 1, [("I8", None, None)]),
 ("NNA", 0, [("I9", 2, None)]), ("Al Akhbar", 1, [("I9", 2, None), ("I10", 1, None)]), ("Al Manar", 0, [("I9", 3, None)]),
 ("NNA", 0, [("I10", 1, None)]), ("WAFA", 0, [("I11", 0, None)]), ("Quds News", 0, [("I11", 0, None)]),
 ("Sudan Tribune", 0, [("I12", 15, None)]), ("Al Taghyeer", 1, [("I12", 20, None)]), ("Sudan Tribune", 0, [("I13", 4, None)]),
]
from datetime import date, timedelta
out = open("/work/main/benchmarks/data/dedup_articles.jsonl", "w", encoding="utf-8")
for n, (outlet, off, items) in enumerate(R, 1):
    pub = max(date.fromisoformat(I[k][0]) for k, _, _ in items) + timedelta(days=off)
    paras, recs = [], []
    text = ""
    for k, fat, a1o in items:
        d, et, sub, a1, a2, pl = I[k]
        p = P[pl]
        actor = A[a1o or a1]
        ago = (pub - date.fromisoformat(d)).days
        when = "اليوم" if ago == 0 else "أمس"
        fat_s = "" if fat is None else (" دون وقوع إصابات" if fat == 0 else f"، ما أسفر عن مقتل {fat} أشخاص")
        lead = ["أفادت مصادر محلية", "قال مراسلنا", "ذكرت مصادر ميدانية", "أعلن ناشطون", "نقلت وكالات عن شهود"][n % 5]
        sent = f"{lead} بأن {actor[2]} نفذ {when} {VERB[sub]} مدينة {p[1]}{fat_s}."
        start = len(text) + (1 if text else 0)
        text = (text + "\n" if text else "") + sent
        rec = {"kind": "event", "status": "occurred", "event_type": et, "sub_event_type": sub,
               "date": {"start": d, "end": d, "precision": "day", "text": when},
               "actor1": {"name": actor[0], "name_ar": actor[2], "text": actor[2], "type": actor[1]},
               "actor2": ({"name": A[a2][0], "type": A[a2][1]} if a2 else None),
               "location": {"name": p[0], "name_ar": p[1], "text": p[1], "country": p[2], "admin1": p[3],
                            "lat": p[4], "lon": p[5], "precision": "town"},
               "fatalities": fat, "evidence": [{"start": start, "end": start + len(sent), "text": sent}],
               "incident": k}
        recs.append(rec)
    for r in recs:
        assert text[r["evidence"][0]["start"]:r["evidence"][0]["end"]] == r["evidence"][0]["text"]
    out.write(json.dumps({"id": f"bench-{n:03d}", "source": outlet, "published": pub.isoformat(),
                          "title": None, "url": None, "text": text, "records": recs}, ensure_ascii=False) + "\n")
