"""Arabic date expressions and publication-date resolution.

Our own patterns recognise the forms Arabic news writes:

* Egyptian/Gulf month names (يناير … ديسمبر, with يونيه/يوليه/إبريل spellings),
  Levantine/Iraqi ones (كانون الثاني … كانون الأول), Maghrebi ones (يناير … دجنبر, جانفي …
  ديسمبر) and dual forms («نوفمبر/تشرين الثاني», «كانون الاول/ديسمبر», «تشرين الثاني / نوفمبر»);
* weekday + day + month with or without a year («يوم الاربعاء 3 نوفمبر/تشرين الثاني»),
  ordinal days («الرابع من كانون الاول»), numeric dates (3/11/2010, 2010-11-03) and bare
  day/month pairs («07/04 11:07»), in ASCII or Arabic-Indic digits;
* Hijri dates (:func:`find_hijri`): «30/10/1436هـ», «25 شوال 1436 هـ», «27 شوال الجاري», «غرة
  رمضان», «منتصف ذي الحجة», «عام 1436هـ», converted by hijridate (Umm al-Qura tables); a full
  one is also a :class:`DateExpr` (``hijri`` set), so datelines date the publication.

A date with its year or its day/month order missing is resolved from evidence and never
guessed silently: candidate dates are those compatible with the expression, with the weekday
it states or that the lead mentions, with the office terms of people named with their title
(:mod:`khabar.roles`), and with the present. The result says how precise it is, how sure, and
which evidence decided it. dateparser is used only to convert ISO/RFC metadata strings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..model import DateValue, Span
from .textnorm import fold, normalize_same_length

# ----------------------------------------------------------------------------- lexicon

_MONTH_FORMS: dict[int, list[str]] = {
    1: ["يناير", "كانون الثاني", "جانفي", "جانفييه", "كانون ثاني"],
    2: ["فبراير", "شباط", "فيفري", "فبرير"],
    3: ["مارس", "آذار", "اذار"],
    4: ["أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "افريل", "ابريل"],
    5: ["مايو", "أيار", "ايار", "ماي"],
    6: ["يونيو", "يونيه", "حزيران", "جوان", "يونيوز"],
    7: ["يوليو", "يوليه", "تموز", "جويلية", "جويلييه", "يوليوز"],
    8: ["أغسطس", "اغسطس", "آب", "اب", "أوت", "اوت", "غشت", "أغسطس"],
    9: ["سبتمبر", "أيلول", "ايلول", "شتنبر"],
    10: ["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول", "تشرين أول"],
    11: ["نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "كانون الاول", "دجنبر", "كانون أول", "دسمبر"],
}
MONTHS: dict[str, int] = {fold(f): m for m, forms in _MONTH_FORMS.items() for f in forms}

# Only the definite forms: bare «أحد» is "one (of)", «جمعة» a name, «سبت» a basket…
_WEEKDAY_FORMS = {
    0: ["الاثنين", "الإثنين", "الأثنين", "الاتنين"],
    1: ["الثلاثاء", "الثلاثا"],
    2: ["الأربعاء", "الاربعاء", "الاربعا"],
    3: ["الخميس"],
    4: ["الجمعة"],
    5: ["السبت"],
    6: ["الأحد", "الاحد"],
}
WEEKDAYS: dict[str, int] = {fold(f): d for d, forms in _WEEKDAY_FORMS.items() for f in forms}
WEEKDAY_AR = {d: forms[0] for d, forms in _WEEKDAY_FORMS.items()}

_ORDINALS = [
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر",
    "الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر", "السادس عشر", "السابع عشر",
    "الثامن عشر", "التاسع عشر", "العشرين", "الحادي والعشرين", "الثاني والعشرين", "الثالث والعشرين",
    "الرابع والعشرين", "الخامس والعشرين", "السادس والعشرين", "السابع والعشرين", "الثامن والعشرين",
    "التاسع والعشرين", "الثلاثين", "الحادي والثلاثين",
]
ORDINALS: dict[str, int] = {fold(w): i + 1 for i, w in enumerate(_ORDINALS)}
ORDINALS[fold("الواحد والثلاثين")] = 31
# the nominative of the tens: «السادس والعشرون من شهر يونيو», «الثلاثون من أبريل»
ORDINALS.update({k[:-2] + "ون": v for k, v in list(ORDINALS.items()) if k.endswith(("عشرين", "ثلاثين"))})


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_AR_BOUND_L = r"(?<![\u0621-\u064a])"
_AR_BOUND_R = r"(?![\u0621-\u064a])"
_M = rf"{_AR_BOUND_L}(?:ب|ل|في\s+)?(?:شهر\s+)?(?P<m1>{_alt(MONTHS)}){_AR_BOUND_R}"
# the same month in the other calendar's name, after a slash, in brackets or (Reuters) after a space:
# «نوفمبر/تشرين الثاني», «يوليو (تموز)», «يونيو حزيران»; the two must agree (checked where it is used)
_M2 = rf"(?:(?:\s*[/\\(（-]\s*|\s+)(?:شهر\s+)?(?P<m2>{_alt(MONTHS)}){_AR_BOUND_R}\s*\)?)?"
_WD = rf"(?:(?:يوم|مساء|صباح|ليل[هة]|فجر)\s+)?(?P<wd>{_alt(WEEKDAYS)}){_AR_BOUND_R}"
_TIME = r"(?:\s*[،,\-–|]?\s*(?:الساع[هة]\s*)?(?P<time>[0-2]?\d:[0-5]\d)(?::[0-5]\d)?(?:\s*(?:ص|م|am|pm|AM|PM)\b)?)?"
_YEAR = r"(?:\s*[،,]?\s*(?:من\s+)?(?:عام|سن[هة]|العام)?\s*(?P<y>(?:19|20)\d\d)(?!\d)(?:\s*م\b)?)?"

# weekday? day month [/month] year? time?
DAY_MONTH_RE = re.compile(
    rf"(?:{_WD}\s*[،,]?\s*(?:الموافق\s+)?)?"
    rf"(?:(?P<d>(?<!\d)[0-3]?\d(?!\d))|(?P<ord>{_alt(ORDINALS)}))\s*(?:من\s+)?{_M}{_M2}{_YEAR}{_TIME}"
)
# month [/month] year  (month precision)
MONTH_YEAR_RE = re.compile(rf"{_M}{_M2}\s*[،,]?\s*(?:من\s+)?(?:عام|سن[هة]|العام)?\s*(?P<y>(?:19|20)\d\d)(?!\d)")
# numeric dates with a year
NUMERIC_DMY_RE = re.compile(
    r"(?<![\d/.-])(?P<a>[0-3]?\d)[/.\-](?P<b>[01]?\d)[/.\-](?P<y>(?:19|20)\d\d)(?![\d/.-])" + _TIME
)
NUMERIC_YMD_RE = re.compile(
    r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)[/.\-](?P<b>[01]?\d)[/.\-](?P<a>[0-3]?\d)(?![\d/.-])"
    r"(?:[Tt\s]+(?P<time>[0-2]?\d:[0-5]\d))?"
)
# a bare day/month pair with a time, on a header line of its own: «07/04 11:07»
NUMERIC_PAIR_RE = re.compile(r"^\s*(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)\s*(?P<time>[0-2]?\d:[0-5]\d)?\s*$")
WEEKDAY_RE = re.compile(rf"{_AR_BOUND_L}(?:[وف])?{_WD}")


@dataclass(slots=True)
class DateExpr:
    """A date expression found in text, before resolution."""

    start: int
    end: int
    text: str
    readings: list[tuple[int, int]]  # (month, day) readings; day 0 = month precision
    year: int | None = None
    weekday: int | None = None
    time: str | None = None
    kind: str = "day-month"
    hijri: str | None = None  # the Hijri date stated, when the expression is one (1436-10-30)

    @property
    def precision(self) -> str:
        return "day" if self.readings and self.readings[0][1] else "month"


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def no_pair(m: re.Match[str]) -> bool:
    """The match's second month name (``m2``) follows a mere space and names another month: no pair
    («25 يناير مارس الجيش»: «مارس» is the verb). After a slash it is a slip, and the first name counts."""
    m2 = m.groupdict().get("m2")
    return bool(m2 and MONTHS[re.sub(r"\s+", " ", m2)] != MONTHS[re.sub(r"\s+", " ", m.group("m1"))]
                and not any(c in m.string[m.end("m1") : m.start("m2")] for c in "/\\(（-"))


def month_matches(rx: re.Pattern[str], norm: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """``rx``'s matches; one whose second month name is no pair (:func:`no_pair`) is taken again without it."""
    for m in rx.finditer(norm, pos, len(norm) if endpos is None else endpos):
        if no_pair(m) and (m := rx.match(norm, m.start(), m.end("m1"))) is None:
            continue
        yield m


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """All absolute/partial date expressions in ``text[start:end]`` with display offsets."""
    end = len(text) if end is None else end
    norm = normalize_same_length(text[start:end])
    out: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    for h in find_hijri(text, start, end):  # full Hijri dates, converted; they keep their span
        hx = hijri_to_date_expr(h)
        if hx is not None:
            out.append(hx)
            taken.append((h.start - start, h.end - start))

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(m: re.Match[str], ex: DateExpr) -> None:
        while ex.end > ex.start and text[ex.end - 1] in " \t،,(/":
            ex.end -= 1
        ex.text = text[ex.start : ex.end]
        if free(m.start(), m.end()):
            taken.append((m.start(), m.end()))
            out.append(ex)

    for m in month_matches(DAY_MONTH_RE, norm):
        g = m.groupdict()
        day = int(g["d"]) if g["d"] else ORDINALS.get(re.sub(r"\s+", " ", g["ord"] or ""), 0)
        month = MONTHS[re.sub(r"\s+", " ", g["m1"])]
        if g.get("m2"):
            m2 = MONTHS[re.sub(r"\s+", " ", g["m2"])]
            if m2 != month:
                continue  # «مايو/أيار» must agree; a disagreement is not a date
        if not 1 <= day <= 31:
            continue
        wd = WEEKDAYS.get(g["wd"]) if g.get("wd") else None
        s, e = start + m.start(), start + m.end()
        add(m, DateExpr(s, e, text[s:e], [(month, day)], int(g["y"]) if g["y"] else None, wd, g.get("time")))
    for m in month_matches(MONTH_YEAR_RE, norm):
        g = m.groupdict()
        month = MONTHS[re.sub(r"\s+", " ", g["m1"])]
        s, e = start + m.start(), start + m.end()
        add(m, DateExpr(s, e, text[s:e], [(month, 0)], int(g["y"]), kind="month-year"))
    for rx in (NUMERIC_YMD_RE, NUMERIC_DMY_RE):
        for m in rx.finditer(norm):
            g = m.groupdict()
            a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
            readings = []
            if 1 <= b <= 12 and _valid(y, b, a):
                readings.append((b, a))
            if rx is NUMERIC_DMY_RE and a <= 12 and b != a and _valid(y, a, b) and b > 12:
                readings = [(a, b)]  # 12/25/2019: only the month/day order is possible
            if not readings:
                continue
            s, e = start + m.start(), start + m.end()
            add(m, DateExpr(s, e, text[s:e], readings, y, None, g.get("time"), kind="numeric"))
    out.sort(key=lambda x: x.start)
    return out


def find_numeric_pair(line: str, offset: int = 0) -> DateExpr | None:
    """A header line that is only «DD/MM HH:MM» (or «MM/DD»): both orders are readings."""
    m = NUMERIC_PAIR_RE.match(normalize_same_length(line))
    if not m:
        return None
    a, b = int(m.group("a")), int(m.group("b"))
    readings = []
    if 1 <= b <= 12 and 1 <= a <= 31:
        readings.append((b, a))  # day/month, the usual Arab order
    if 1 <= a <= 12 and 1 <= b <= 31 and a != b:
        readings.append((a, b))  # month/day
    if not readings:
        return None
    s = offset + m.start("a")
    e = offset + (m.end("time") if m.group("time") else m.end("b"))
    return DateExpr(s, e, line[m.start("a") : e - offset], readings, None, None, m.group("time"), kind="numeric-pair")


def find_weekdays(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """Bare weekday mentions: (start, end, weekday)."""
    end = len(text) if end is None else end
    norm = normalize_same_length(text[start:end])
    return [(start + m.start(), start + m.end(), WEEKDAYS[m.group("wd")]) for m in WEEKDAY_RE.finditer(norm)]


# ----------------------------------------------------------------------------- Hijri (Umm al-Qura)
# The Gulf press dates by the Hijri calendar: «30/10/1436هـ», «25 شوال 1436 هـ», «27 شوال الجاري»,
# «غرة رمضان», «منتصف ذي الحجة», «عام 1436هـ». Our patterns find them; hijridate (MIT, Umm
# al-Qura tables 1343–1500 AH) only converts.

_HIJRI_MONTH_FORMS: dict[int, list[str]] = {
    1: ["محرم", "المحرم"],
    2: ["صفر"],
    3: ["ربيع الأول", "ربيع الاول", "ربيع أول", "ربيع الأوّل"],
    4: ["ربيع الثاني", "ربيع الآخر", "ربيع الاخر", "ربيع ثاني", "ربيع الأخير"],
    5: ["جمادى الأولى", "جمادى الاولى", "جمادى الأول", "جمادى الاول", "جمادى أولى"],
    6: ["جمادى الآخرة", "جمادى الاخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الأخيرة", "جمادى ثانية"],
    7: ["رجب"],
    8: ["شعبان"],
    9: ["رمضان"],
    10: ["شوال"],
    11: ["ذو القعدة", "ذي القعدة", "ذا القعدة"],
    12: ["ذو الحجة", "ذي الحجة", "ذا الحجة"],
}
HIJRI_MONTHS: dict[str, int] = {fold(f): m for m, forms in _HIJRI_MONTH_FORMS.items() for f in forms}
HIJRI_MONTH_AR = {m: forms[0] for m, forms in _HIJRI_MONTH_FORMS.items()}
HIJRI_MIN, HIJRI_MAX = 1343, 1500

_HMARK = fold(r"\s*(?:ه\u0640*|هجري[هة]?|الهجري[هة]?|للهجر[هة])(?![\u0621-\u064a])")
_HYEAR = r"(?P<y>1[34]\d\d)(?!\d)"
_HREL = fold("الجاري|الجارية|الحالي|المقبل|القادم|الماضي|المنصرم|المنقضي")
HIJRI_REL = {fold(w): r for w, r in (("الجاري", 0), ("الجارية", 0), ("الحالي", 0), ("المقبل", 1), ("القادم", 1),
                                       ("الماضي", -1), ("المنصرم", -1), ("المنقضي", -1))}
_HM = rf"{_AR_BOUND_L}(?:[وبل]|في\s+)?(?P<shahr>شهر\s+)?(?P<hm>{_alt(HIJRI_MONTHS)}){_AR_BOUND_R}"
# «رمضان المبارك», «شهر رمضان الكريم»
_HEPITHET = fold(r"\s+(?:المبارك|الكريم|الفضيل|المعظم)") + _AR_BOUND_R
# «(من) (عام) 1436(هـ)», «الجاري», … after a Hijri month
_HTAIL = rf"(?:\s*[،,]?\s*(?:من\s+)?(?:عام|سن[هة]|العام)?\s*{_HYEAR}(?:{_HMARK})?|\s+(?P<rel>{_HREL}){_AR_BOUND_R})?"
_PARTS = r"غر\u0640*ه|" + fold("مستهل|مطلع|أوائل|بداية|منتصف|أواسط|أواخر|نهاية|آخر|ختام")
# weekday? (day | ordinal | غرة) (من)? month tail
HIJRI_DAY_MONTH_RE = re.compile(
    rf"(?:{_WD}\s*[،,]?\s*(?:الموافق\s+)?)?"
    rf"(?:{_AR_BOUND_L}(?:يومي|بين|من|(?:في\s+)?الفتر[هة]\s+من)\s+(?P<d1>(?<!\d)[0-3]?\d)\s*(?:و|ال[يى]|حت[يى]|-|–)\s*)?"
    rf"(?:(?P<d>(?<!\d)[0-3]?\d(?!\d))|(?P<ord>{_alt(ORDINALS)})|{_AR_BOUND_L}[وف]?(?P<part>(?:{_PARTS}){_AR_BOUND_R}))"
    rf"\s*(?:من\s+)?{_HM}{_HTAIL}"
)
# a month with a year or a relative word, without a day: «رمضان 1436هـ», «شهر شوال الجاري»; or named
# as a month, without them: «شهر رمضان المبارك», «رمضان الكريم» («رمضان» alone may be a man's name)
HIJRI_MONTH_RE = re.compile(rf"{_HM}(?P<epithet>{_HEPITHET})?{_HTAIL}")
# numeric: 30/10/1436هـ, 1436/10/30 هـ (the marker may be missing: a year 13xx/14xx is Hijri); the two
# separators are the same, but a hyphen and an en dash are one («4 – 9 - 1436هـ»)
HIJRI_NUMERIC_RE = re.compile(
    r"(?<![\d/.-])(?:(?P<a0>[0-3]?\d)\s*(?P<a0sep>\u0640+|[–-])\s*)?(?P<a>\d{1,4})\s*(?P<sep>[/.\-–])\s*(?P<b>[01]?\d)\s*(?P<sep2>[/.\-–])\s*(?P<c>\d{1,4})(?![\d/.-])" rf"(?P<mark>{_HMARK})?"
)
# a year with its marker: «عام 1436هـ», «1436 هـ» («عام 1492» alone is Gregorian)
HIJRI_YEAR_RE = re.compile(
    rf"(?:{_AR_BOUND_L}(?:[وفل]?(?:عام|العام|سن[هة]|للعام|لعام)\s*(?:الهجري\s*)?))?(?<!\d){_HYEAR}(?P<mark>{_HMARK})?"
)
# a span of years (a fiscal or academic year): «1435/1436هـ», «العام 1436 / 1437 ه», «82-1383ه»
HIJRI_YEARS_RE = re.compile(
    rf"(?:{_AR_BOUND_L}(?:[وفل]?(?:عام|العام|سن[هة]|للعام|لعام)\s*(?:الهجري\s*)?))?(?<![\d/.-])(?P<y1>1[34]\d\d|\d\d)"
    rf"\s*[/\-–]\s*{_HYEAR}(?![/.-]\d)(?P<mark>{_HMARK})?"
)
_PART_DAY = {fold("غرة"): 1}


@dataclass(slots=True)
class HijriExpr:
    """A Hijri date expression: what it states (year, month, day may be missing)."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    rel: int | None = None  # 0 الجاري, 1 المقبل, -1 الماضي
    weekday: int | None = None
    part: str | None = None  # مطلع / منتصف / أواخر …: a part of the month
    kind: str = "hijri"
    year_from: int | None = None  # a span of years: «1435/1436هـ» is 1435 to 1436
    day_from: int | None = None  # a span of days: «من 10 إلى 12 شوال»

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def hijri(self) -> str:
        """The Hijri value as stated or resolved: 1436-10-30, 1436-10, 1436 (XXXX when unknown)."""
        y = f"{self.year:04d}" if self.year else "XXXX"
        if not self.month:
            return f"{self.year_from:04d}/{y}" if self.year_from else y
        ym = f"{y}-{self.month:02d}"
        if self.day_from:
            return f"{ym}-{self.day_from:02d}/{ym}-{self.day:02d}"
        return ym + (f"-{self.day:02d}" if self.day else "")


def hijri_to_gregorian(y: int, m: int, d: int) -> dt.date | None:
    """The Gregorian date of a Hijri (Umm al-Qura) date, or None outside the tables or invalid."""
    from hijridate import Hijri

    try:
        return Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None


def gregorian_to_hijri(d: dt.date) -> tuple[int, int, int] | None:
    """(year, month, day) of a Gregorian date in the Umm al-Qura calendar, or None outside it."""
    from hijridate import Gregorian

    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def hijri_month_span(y: int, m: int) -> tuple[dt.date, dt.date] | None:
    """First and last Gregorian day of a Hijri month."""
    from hijridate import Hijri

    try:
        first = Hijri(y, m, 1)
        return first.to_gregorian(), Hijri(y, m, first.month_length()).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_year_span(y: int) -> tuple[dt.date, dt.date] | None:
    """First and last Gregorian day of a Hijri year."""
    a, b = hijri_month_span(y, 1), hijri_month_span(y, 12)
    return (a[0], b[1]) if a and b else None


def _hijri_year_ok(y: int | None) -> bool:
    return y is None or HIJRI_MIN <= y <= HIJRI_MAX


def _numeric_hijri(g: dict[str, str]) -> tuple[int, int, int] | None:
    """(year, month, day) of a numeric Hijri date in d/m/y or y/m/d order; None if it is not one."""
    a, b, c = g["a"], int(g["b"]), g["c"]
    if len(c) == 4 and len(a) <= 2:
        y, d = int(c), int(a)
    elif len(a) == 4 and len(c) <= 2:
        y, d = int(a), int(c)
    else:
        return None
    if not (HIJRI_MIN <= y <= HIJRI_MAX and 1 <= b <= 12 and 1 <= d <= 30):
        return None
    return y, b, d


def find_hijri(text: str, start: int = 0, end: int | None = None) -> list[HijriExpr]:
    """All Hijri date expressions in ``text[start:end]`` (display offsets), in text order. The dates
    and time stages ask about the same article: the last few answers are kept (copies are returned)."""
    end = len(text) if end is None else end
    key = (text, start, end)
    if key not in _HIJRI_LAST:
        if len(_HIJRI_LAST) >= 4:
            _HIJRI_LAST.pop(next(iter(_HIJRI_LAST)))
        _HIJRI_LAST[key] = _find_hijri(text, start, end)
    return [dataclasses.replace(h) for h in _HIJRI_LAST[key]]


_HIJRI_LAST: dict[tuple[str, int, int], list[HijriExpr]] = {}


def _find_hijri(text: str, start: int, end: int) -> list[HijriExpr]:
    norm = normalize_same_length(text[start:end])
    out: list[HijriExpr] = []

    def add(s: int, e: int, ex: HijriExpr) -> None:
        while e > s and text[start + e - 1] in " \t،,(/":
            e -= 1
        if all(e <= x.start - start or s >= x.end - start for x in out) and _hijri_year_ok(ex.year):
            ex.start, ex.end, ex.text = start + s, start + e, text[start + s : start + e]
            out.append(ex)

    for m in HIJRI_NUMERIC_RE.finditer(norm):
        if m.group("sep").replace("–", "-") != m.group("sep2").replace("–", "-"):
            continue
        ymd = _numeric_hijri(m.groupdict())
        if ymd and (m.group("mark") or ymd[0] >= 1350):
            a0 = int(m.group("a0")) if m.group("a0") and len(m.group("a")) <= 2 else None  # «18ـ19/ 10/ 1436هـ», «3 -5 / 11 / 1436 هـ»
            if a0 and m.group("a0sep") in "-–" and m.group("sep") in "-–":
                a0 = None  # «1-24-10-1436»: no span of days in a date written with dashes
            d0 = a0 if a0 and 1 <= a0 < ymd[2] else None
            add(m.start() if d0 else m.start("a"), m.end(), HijriExpr(0, 0, "", *ymd, kind="hijri-numeric", day_from=d0))
    for m in HIJRI_DAY_MONTH_RE.finditer(norm):
        g = m.groupdict()
        part = re.sub("\u0640", "", g["part"]) if g["part"] else None
        day = int(g["d"]) if g["d"] else ORDINALS.get(re.sub(r"\s+", " ", g["ord"] or ""), 0) or _PART_DAY.get(part or "")
        if not (day or part) or (day and not 1 <= day <= 30):
            continue
        month = HIJRI_MONTHS[re.sub(r"\s+", " ", g["hm"])]
        if not (g["y"] or g["rel"] or day or part):
            continue
        wd = WEEKDAYS.get(g["wd"]) if g.get("wd") else None
        rel = HIJRI_REL.get(g["rel"]) if g["rel"] else None
        d1 = int(g["d1"]) if g["d1"] and day and 1 <= int(g["d1"]) < day else None
        ex = HijriExpr(0, 0, "", int(g["y"]) if g["y"] else None, month, day or None, rel, wd,
                       None if day else part, kind="hijri-day-month" if day else "hijri-part", day_from=d1)
        add(m.start() if d1 or not g["d1"] else m.start("d"), m.end(), ex)
    for m in HIJRI_MONTH_RE.finditer(norm):
        if m.group("y") or m.group("rel") or m.group("shahr") or m.group("epithet") or _hijri_month_after_preposition(norm, m):
            rel = HIJRI_REL.get(m.group("rel")) if m.group("rel") else None
            month = HIJRI_MONTHS[re.sub(r"\s+", " ", m.group("hm"))]
            y = int(m.group("y")) if m.group("y") else None
            s0 = m.start("hm") if norm.startswith(("ب", "ل"), m.start()) and not m.group("shahr") else m.start()
            add(s0, m.end(), HijriExpr(0, 0, "", y, month, None, rel, kind="hijri-month"))
    for m in HIJRI_YEARS_RE.finditer(norm):
        y = int(m.group("y"))
        y1 = int(m.group("y1")) + (y // 100 * 100 if len(m.group("y1")) == 2 else 0)
        if m.group("mark") and y1 in (y - 1, y - 2):
            add(m.start(), m.end(), HijriExpr(0, 0, "", y, None, None, kind="hijri-years", year_from=y1))
    for m in HIJRI_YEAR_RE.finditer(norm):
        if m.group("mark"):  # «عام 1492» without هـ is the Gregorian year
            add(m.start(), m.end(), HijriExpr(0, 0, "", int(m.group("y")), None, None, kind="hijri-year"))
    out.sort(key=lambda x: x.start)
    return out


# «في رمضان», «خلال شوال», «برمضان»: a Hijri month alone after a preposition of time is the month (a name
# such as «محمد رمضان» has none, and the timex layer leaves people's names out); not «صفر» (zero: «1-صفر»),
# «محرم» (a guardian: «إلا بمحرم») nor «ربيع» («في ربيع» is in spring)
_HIJRI_PREP = re.compile(fold(r"(?:^|(?<![\u0621-\u064a]))(?:[وف]?(?:في|خلال|طوال|طيلة|قبل|بعد|حتى|منذ|مع\s+حلول|بحلول)\s+)$"))
_NOT_BARE_HIJRI = {fold("صفر"), fold("محرم")}


def _hijri_month_after_preposition(norm: str, m: re.Match[str]) -> bool:
    hm = re.sub(r"\s+", " ", m.group("hm"))
    if hm in _NOT_BARE_HIJRI or hm.startswith(fold("ربيع")):
        return False
    if norm.startswith(("ب", fold("في")), m.start()):
        return True  # «برمضان», «في رمضان»
    return bool(_HIJRI_PREP.search(norm, max(0, m.start() - 16), m.start()))


def hijri_year_for(month: int, rel: int | None, anchor: dt.date) -> int | None:
    """The Hijri year of a month stated without one, from the anchor: «الجاري» the anchor's
    year, «المقبل» the next such month, «الماضي» the last one; None without a relative word."""
    h = gregorian_to_hijri(anchor)
    if h is None or rel is None:
        return None
    ay, am, _ = h
    if rel == 0:
        return ay
    if rel > 0:
        return ay if month > am else ay + 1
    return ay if month < am else ay - 1


def hijri_to_date_expr(h: HijriExpr) -> DateExpr | None:
    """A Hijri date with day and year as a Gregorian :class:`DateExpr` (for the publication date)."""
    if not (h.year and h.month and h.day):
        return None
    g = hijri_to_gregorian(h.year, h.month, h.day)
    if g is None:
        return None
    return DateExpr(h.start, h.end, h.text, [(g.month, g.day)], g.year, h.weekday, None, kind="hijri",
                    hijri=h.hijri)


# ----------------------------------------------------------------------------- resolution

Interval = tuple[dt.date, dt.date]


@dataclass(slots=True)
class Evidence:
    """What is known about when an article was written, besides the date expression itself."""

    ranges: list[Interval] = field(default_factory=list)  # allowed intervals (already intersected)
    range_notes: list[str] = field(default_factory=list)
    weekday: int | None = None
    weekday_note: str = ""
    today: dt.date = field(default_factory=dt.date.today)
    floor: dt.date = dt.date(1990, 1, 1)
    # ``today`` is a crawl date: pages are crawled soon after publication, so the most
    # recent candidate within a year before it is preferred (with lower confidence).
    crawled: bool = False


def _in_ranges(d: dt.date, ranges: list[Interval]) -> bool:
    return not ranges or any(a <= d <= b for a, b in ranges)


def resolve(expr: DateExpr, ev: Evidence, method: str, base_conf: float) -> DateValue:
    """Resolve a (possibly partial) expression to a :class:`DateValue` using the evidence."""
    span = Span(expr.start, expr.end)
    notes: list[str] = [f"Hijri date {expr.hijri} (Umm al-Qura)"] if expr.hijri else []
    if expr.precision == "month":
        (m, _), y = expr.readings[0], expr.year
        return DateValue(f"{y:04d}-{m:02d}" if y else f"XXXX-{m:02d}", "month" if y else "none", base_conf,
                         method, span, expr.time)
    years = [expr.year] if expr.year else list(range(ev.floor.year, ev.today.year + 1))
    cands = [dt.date(y, m, d) for y in years for m, d in expr.readings if _valid(y, m, d)]
    cands = [c for c in cands if ev.floor <= c <= ev.today]
    if not expr.year and ev.ranges:
        within = [c for c in cands if _in_ranges(c, ev.ranges)]
        if within:
            cands = within
            notes.extend(ev.range_notes)
    if expr.weekday is not None:
        wd = [c for c in cands if c.weekday() == expr.weekday]
        if wd or expr.year:
            notes.append(f"weekday {WEEKDAY_AR[expr.weekday]} stated with the date")
            if not wd:
                notes.append("stated weekday does not match the stated date; weekday ignored")
            else:
                cands = wd
    elif ev.weekday is not None and len(cands) > 1:
        wd = [c for c in cands if c.weekday() == ev.weekday]
        if wd:
            cands = wd
            notes.append(ev.weekday_note or f"weekday {WEEKDAY_AR[ev.weekday]} mentioned in the lead")
    if len(expr.readings) > 1:
        orders = {(c.month, c.day) for c in cands}
        if len(orders) == 1:
            m, d = next(iter(orders))
            notes.append(f"day/month order resolved as {'day/month' if (m, d) == expr.readings[0] else 'month/day'}")
    if not cands:
        return DateValue(None, "none", 0.0, method, span, expr.time, notes=notes + ["no calendar date fits"])
    cands.sort()
    if len(cands) == 1:
        c = cands[0]
        conf = base_conf if expr.year and len(expr.readings) == 1 else base_conf * 0.9
        return DateValue(c.isoformat(), "day", round(conf, 3), method, span, expr.time,
                         candidates=[], notes=notes)
    if ev.crawled and (ev.today - cands[-1]).days <= 366:
        c = cands[-1]
        notes.append(f"most recent of {len(cands)} candidates before the crawl date {ev.today}")
        return DateValue(c.isoformat(), "day", round(base_conf * 0.6, 3), method, span, expr.time,
                         candidates=[x.isoformat() for x in cands[-5:]], notes=notes)
    # Several dates remain: report what they share.
    months = {(c.month, c.day) for c in cands}
    yrs = {c.year for c in cands}
    if len(months) == 1:
        m, d = next(iter(months))
        value = f"{cands[0].year:04d}-{m:02d}-{d:02d}" if len(yrs) == 1 else f"XXXX-{m:02d}-{d:02d}"
        precision = "day" if len(yrs) == 1 else "month-day"
    elif len(yrs) == 1:
        value, precision = f"{cands[0].year:04d}", "year"
    else:
        value, precision = None, "none"
    notes.append(f"{len(cands)} candidate dates remain")
    return DateValue(value, precision, round(base_conf * 0.5, 3), method, span, expr.time,
                     candidates=[c.isoformat() for c in cands[-12:]], notes=notes,
                     earliest=cands[0].isoformat(), latest=cands[-1].isoformat())


def parse_iso(value: str) -> DateValue | None:
    """Metadata dates (ISO-8601, RFC 822 from feeds, HTTP dates) → day-precision DateValue."""
    value = (value or "").strip()
    if not value:
        return None
    m = re.match(r"^((?:19|20)\d\d)(?:-(\d\d))?$", value)
    if m:
        return DateValue(value, "month" if m.group(2) else "year", 0.9, "metadata")
    d: dt.datetime | dt.date | None = None
    try:
        d = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            from email.utils import parsedate_to_datetime

            d = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            d = None
    if d is None:
        try:
            import dateparser

            d = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
        except Exception:
            d = None
    if d is None:
        return None
    if isinstance(d, dt.datetime):
        t = d.strftime("%H:%M") if (d.hour or d.minute) else None
        return DateValue(d.date().isoformat(), "day", 0.99, "metadata", time=t)
    return DateValue(d.isoformat(), "day", 0.99, "metadata")
