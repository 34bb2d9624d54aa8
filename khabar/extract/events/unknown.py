"""Events whose actor the text does not name: casualty and bombing reports, passive arrests and
abductions («قتل سبعة متظاهرين», «فجر انتحاري نفسه», «اختطف مسلحون مجهولون …»). The event needs
a participant the text does identify — the victims, the one arrested or attacked — and its actor is
coded with what the text supports: ``XXX_UAF`` for unidentified gunmen, kidnappers or a suicide
bomber, else ``XXX`` (not described at all). A place is never the actor's country."""

from __future__ import annotations

import re

from ...model import Mention
from ...text.textnorm import fold
from .actors import _locative, _sentence_country
from .doc import _Doc
from .forms import _AR
from .state import Candidate, Reading

UNKNOWN = "XXX"  # the text does not describe the actor
UNKNOWN_ARMED = "XXX_UAF"  # unidentified gunmen, kidnappers, a suicide bomber of unknown affiliation
UNKNOWN_METHOD = "unknown actor"

# Who is not named but described as an unidentified armed actor
_UNIDENTIFIED = re.compile(fold(
    rf"(?<![{_AR}])[وف]?(?:ال)?(?:مسلحون\s+مجهولون|مسلحين\s+مجهولين|مجهولون|مجهولين|مسلح\s+مجهول|انتحاري|انتحارية|انتحاريون"
    rf"|انتحاريين|خاطفون|خاطفين|الخاطفون|الخاطفين|ملثمون|ملثمين|عصابة|عصابات|مسلحون|مسلحين)(?![{_AR}])"))
# Counted people who suffer the act: «12 شخصا», «خمسة مدنيين», «عشرات القرويين»
_VICTIMS = re.compile(fold(
    rf"(?<![{_AR}])(?:\d+|عدد|عشرات|العشرات|مئات|المئات|اثنين|اثنان|شخصين|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة"
    rf"|أحد عشر|اثني عشر|اثنا عشر|[{_AR}]+ة عشر)\s+(?:من\s+)?(?:ال)?(?:أشخاص|اشخاص|شخصا|شخص|مدنيين|مدنيا|مواطنين|مواطنا"
    rf"|قرويين|قرويا|أطفال|اطفال|طفلا|نساء|امرأة|سكان|ركاب|راكبا|مصلين|مصليا|زوار|زائرا|مدنيون|أشخاصا|رجال|رجلا|رجلين)(?![{_AR}])"))
# Force personnel among the victims («مقتل خمسة جنود», «إصابة ثلاثة من رجال الشرطة»)
_VICTIM_FORCE = re.compile(fold(
    rf"(?<![{_AR}])(?:\d+|عدد|عشرات|اثنين|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة)\s+(?:من\s+)?(?:ال)?"
    rf"(?:(?P<mil>جنود|جنديا|عسكريين|عسكريا|ضباط|ضابطا)|(?P<cop>شرطيين|شرطيا|رجال\s+الشرطة|رجال\s+الأمن|عناصر\s+الأمن|أفراد\s+الأمن))(?![{_AR}])"))

# Counted people named by their role, whose sector the guidelines give («اعتقلت الشرطة 20 صحفيا» → media)
_ROLE_SECTORS = (
    ("MED", "صحفيين|صحفيا|صحافيين|صحافيا|إعلاميين|إعلاميا|اعلاميين|اعلاميا"),
    ("EDU", "طلاب|طالبا|طالبات|معلمين|معلما|معلمات|أساتذة|اساتذة|أكاديميين|اكاديميين"),
    ("HLH", "أطباء|اطباء|طبيبا|مسعفين|مسعفا|ممرضين|ممرضات"),
    ("REF", "لاجئين|لاجئا|مهاجرين|مهاجرا|نازحين|نازحا"),
    ("LAB", "عمال|عاملا|عاملات|نقابيين|نقابيا"),
    ("OPP", "معارضين|معارضا"),
    ("CVL", "ناشطين|ناشطا|ناشطات|متظاهرين|متظاهرا|محتجين|محتجا|مدونين|مدونا|محامين|محاميا"),
)
_VICTIM_ROLE = re.compile(fold(
    rf"(?<![{_AR}])(?:\d+|عدد|عشرات|العشرات|مئات|المئات|آلاف|الآلاف|اثنين|اثنان|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة)"
    rf"\s+(?:من\s+)?(?:ال)?(?:" + "|".join(f"(?P<{sec}>{words})" for sec, words in _ROLE_SECTORS) + rf")(?![{_AR}])"))


_BEFORE_COURT = re.compile(fold(rf"(?<![{_AR}])(?:أمام|امام|لدى)\s+$"))


def unknown_actor(doc: _Doc, st: Reading, c: Candidate) -> Mention:
    """The unnamed actor of a trigger: ``XXX_UAF`` when the clause describes unidentified armed men
    or a suicide bomber, else ``XXX``; a mention on the trigger itself (it names no one)."""
    s = st.s
    if c.trig.plover == "COERCE":  # «يُحاكم أمام المحكمة الجزائية»: the court before which it happens
        court = next((m for m in doc.mentions if c.te <= m.start <= c.te + 40 and m.start < s.end
                      and (m.entity or "").endswith("_JUD") and _BEFORE_COURT.search(doc.norm, max(c.te, m.start - 8), m.start)), None)
        if court is not None:
            return court
    lo, hi = max(s.start, c.ts - 60), min(s.end, c.te + 60)
    code = UNKNOWN_ARMED if _UNIDENTIFIED.search(doc.norm, lo, hi) else UNKNOWN
    return Mention(c.ts, c.te, doc.text[c.ts : c.te], "ORG", code, "unknown", 0.5)


# One person who suffers the act, by role («اختُطف صحفي فرنسي», «اعتُقل ناشط حقوقي في القاهرة»)
_ONE_VICTIM = re.compile(fold(
    rf"\s+(?:(?P<med>صحفي|صحافي|مراسل|مصور)|(?P<mil>جندي|ضابط)|(?P<cop>شرطي)|(?P<hlh>طبيب|طبيبة)|(?P<cvl>ناشط|ناشطة|مواطن"
    rf"|مواطنة|رجل|امرأة|سيدة|طفل|طفلة|شاب|شابة|فتاة|فتى|مهندس|عامل|عاملة|مدني|سائح|سائحة|رجل\s+أعمال))[اًٌ]*"
    rf"(?:\s+(?P<adj>[{_AR}]+))?(?![{_AR}])"))


def one_victim(doc: _Doc, st: Reading, c: Candidate) -> Mention | None:
    """A single person named by role right after a passive or nominal harm trigger, coded with the
    nationality after it, else the country of the sentence's place, else unknown."""
    m = _ONE_VICTIM.match(doc.norm, c.te, min(st.s.end, c.te + 40))
    if m is None:
        return None
    sector = next(k for k in ("med", "mil", "cop", "hlh", "cvl") if m.group(k)).upper()
    iso = doc.kb.adjective_nationality(m.group("adj")) if m.group("adj") else None
    country = iso or _place_country(doc, st) or UNKNOWN
    s0 = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
    return Mention(s0, m.end(), doc.text[s0 : m.end()], "ORG", f"{country}_{sector}", "victims", 0.5)


def victims(doc: _Doc, st: Reading, c: Candidate) -> Mention | None:
    """The counted victims right around a casualty trigger that names no one («مقتل 12 شخصا»,
    «لقي 12 شخصا حتفهم»): the people of the place the sentence is set in, by their role."""
    s = st.s
    lo, hi = max(s.start, c.ts - 30), min(s.end, c.te + 40)
    country = _sentence_country(doc, s)
    if country is None:
        return None
    m = _VICTIM_FORCE.search(doc.norm, lo, hi)
    sector = ("MIL" if m.group("mil") else "COP") if m else None
    if m is None:
        m = _VICTIM_ROLE.search(doc.norm, lo, hi)
        sector = next((sec for sec, _ in _ROLE_SECTORS if m.group(sec)), None) if m else None
    if m is None:
        m = _VICTIMS.search(doc.norm, lo, hi)
        sector = "CVL"
    if m is None:
        return None
    return Mention(m.start(), m.end(), doc.text[m.start() : m.end()], "ORG", f"{country}_{sector}", "victims", 0.5)


_UNNAMED_AFTER = re.compile(fold(rf"\s+(?:ال)?(?:مجهولون|مجهولين|مجهول|ملثمون|ملثمين|ملثم)(?![{_AR}])"))


def unidentified(doc: _Doc, m: Mention) -> Mention:
    """A generic armed group the text marks as unidentified («مسلحون مجهولون», «انتحاري», «الخاطفون»)
    is an unknown armed actor, not the armed men of the place it acts in."""
    if not _GENERIC.match(m.entity or "") or not (
        _UNNAMED_AFTER.match(doc.norm, m.end) or _UNIDENTIFIED.fullmatch(doc.norm, m.start, m.end)
        and not doc.norm[m.start : m.end].strip().endswith(("مسلحون", "مسلحين"))
    ):
        return m
    return Mention(m.start, m.end, m.text, m.type, UNKNOWN_ARMED, m.method, m.confidence)


_GENERIC = re.compile(r"^[A-Z]{3}_(?:REB|UAF|CVL|MIL)$")


# A physical attack, not a verbal one: a killing, a blast, weapons, casualties in the sentence
_LETHAL = re.compile(fold(
    rf"(?<![{_AR}])[وفبل]?(?:ال)?(?:قتل|مقتل|قتلى|قتيل|قتيلا|جرحى|جريح|مصاب|مصابين|إصابة|إصابات|مصرع|حتف|انفجار|تفجير|انتحاري|"
    rf"مفخخة|مفخخ|عبوة|ناسفة|صاروخ|صواريخ|صاروخي|قذيفة|قذائف|غارة|غارات|قصف|رصاص|الرصاص|النار|نار|سكين|سكاكين|طعن|"
    rf"كيميائي|كيماوي|بغاز|سام|مسلح|مسلحين|مسلحون|ضحايا|ضحية|دموي|دامي|جثث|جثة|شهداء|شهيد)(?![{_AR}])"))
_LETHAL_CAMEO = {"180", "181", "183", "186", "190", "195"}


def people_of(doc: _Doc, c: Candidate, place: Mention) -> Mention | None:
    """The people of a place that is attacked («في قصفها على مدينة دوما» → SYR_CVL)."""
    a = doc.kb.get(place.entity or "")
    country = a.country if a is not None else None
    if not country or country == "IGO":
        return None
    return Mention(place.start, place.end, place.text, "ORG", f"{country}_CVL", "victims", 0.5)


def lethal_unnamed(doc: _Doc, st: Reading, c: Candidate) -> Mention | None:
    """The unnamed victims of a physical attack that names neither its author nor its victims
    («الهجوم الكيميائي المفترض في دوما», «بعد الانفجار الذي وقع في …»): the people of the place the
    sentence is set in, or people of unknown country; None for a verbal «هجوم» (no casualty, blast or
    weapon in the sentence)."""
    if c.trig.cameo not in _LETHAL_CAMEO or accident(doc, st):
        return None
    place = _place_country(doc, st)
    own = _LETHAL.fullmatch(doc.norm, c.ts, c.te) is not None and not (
        place is None and doc.norm[c.ts : c.te].lstrip("وفبل").startswith("ال"))
    if not (own or _LETHAL.search(doc.norm, st.s.start, c.ts) or _LETHAL.search(doc.norm, c.te, st.s.end)):
        return None  # a bare «القتل» with no place, victims or weapon («إن القتل مستمر»): no participant
    country = place or UNKNOWN
    return Mention(c.ts, c.te, doc.text[c.ts : c.te], "ORG", f"{country}_CVL", "victims", 0.4)


def _place_country(doc: _Doc, st: Reading) -> str | None:
    """The country of a place named in the sentence as a place (a city, «في إيران»), not a state acting."""
    for m in doc.mentions:
        if st.s.start <= m.start < st.s.end and m.type == "LOC" and m.entity:
            a = doc.kb.get(m.entity)
            if a is not None and a.country and a.country != "IGO" and (a.kind != "country" or _locative(doc, m)):
                return a.country
    return None


_ACCIDENT = re.compile(fold(
    rf"(?<![{_AR}])[وفبل]?(?:ال)?(?:حادث\s+سير|حادث\s+مروري|حادث\s+مرور|حوادث\s+السير|حوادث\s+مرورية|تصادم|اصطدام|انقلاب\s+سيارة"
    rf"|غرق|حريق|زلزال|انهيار|صعق|ماس\s+كهربائي|تسرب\s+غاز|سقوط\s+طائرة|تحطم|فيضان|فيضانات|سيول|بركان|عاصفة)(?![{_AR}])"))


def accident(doc: _Doc, st: Reading) -> bool:
    """The casualties of an accident or a disaster («حادث سير», «حريق», «زلزال»), not of an attack."""
    return _ACCIDENT.search(doc.norm, st.s.start, st.s.end) is not None


_HUMAN_SECTORS = {"CVL", "MED", "EDU", "HLH", "LEG", "REF", "BUS", "LAB", "OPP"}


def governed_human(doc: _Doc, st: Reading, c: Candidate) -> Mention | None:
    """The person a penal act names after a preposition («تنفيذ حكم القتل قصاصاً بالجاني»): an unnamed
    person or group of the sentence right after the trigger."""
    for m in doc.mentions:
        if c.te <= m.start <= c.te + 40 and m.start < st.s.end and m.method == "generic" and (
                (m.entity or "").rpartition("_")[2] in _HUMAN_SECTORS):
            return m
    return None
