"""Temporal expressions in the article body, normalised to ISO values (TIMEX3-like).

Recognised: absolute and partial dates (:mod:`khabar.dates`), day ranges («يومي 19 و20
نوفمبر», «من 9 الى 11 فبراير»), weekdays («يوم الاربعاء»), relative days (أمس، أمس الأول،
اليوم، غدا، بعد غد، الليلة), relative periods (الأسبوع/الشهر/العام الماضي|المقبل|الحالي،
«نوفمبر الماضي»), «منذ/قبل عامين», years («عام 2008», «في 2010») and vague references
(«في وقت سابق», «مؤخرا», «حاليا»); durations («منذ نحو 9 أعوام» → P9Y, «الـ24 ساعة الماضية» →
PT24H), quarters and halves («الربع الثاني للعام» → 2015-Q2), year ranges («ما بين عامي 2012 و2013»),
coordinated days («17 و25 ديسمبر» → a list), sports seasons, centuries, months alone («شباط/فبراير»)
and years alone («بروسيا 2018»); from batch C (issue #15): two dated days joined by «إلى» as one range, a
weekday equated with a date by «الموافق», «حينها / آنذاك» and «بعدها بسبعة أعوام» from the last date named,
counts after «لأجل / في» and decades, a period a market report closes («ينهي الذهب الأسبوع»), a night
across two days, contract months («تسليم يونيو»), school years and yearly days («… من كل عام»). Word
lists live in khabar/data/timex_words.toml. Values are anchored on the article's publication date;
an expression whose value needs an anchor the article lacks keeps its unresolved form
(``XXXX-11-19``) and says so.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..model import DateValue, Timex
from ..text.dates import (
    _M,
    _M2,
    _WD,
    MONTHS,
    WEEKDAY_RE,
    WEEKDAYS,
    HijriExpr,
    find_dates,
    find_hijri,
    gregorian_to_hijri,
    hijri_month_span,
    hijri_to_gregorian,
    hijri_year_for,
    hijri_year_span,
    month_matches,
    no_pair,
)
from ..text.textnorm import normalize_same_length
from ..text.tokenize import vocabulary

_AR = "\u0621-\u064a"
_B = rf"(?<![{_AR}])(?:[وف](?=[{_AR}]))?"
# a word ends where no letter follows; a final tanween or shadda («مؤخراً», «غداً») reads as a tatweel
# in the search form and belongs to the word
_E = rf"\u0640*(?![{_AR}])"


def _anchor(pub: DateValue | None) -> dt.date | None:
    if pub and pub.value and pub.precision == "day" and not pub.value.startswith("X"):
        return dt.date.fromisoformat(pub.value[:10])
    return None


# A date without a year and without a word of tense is taken as past unless it falls within this
# many days after the publication date (news report what happened; an occurrence almost a year
# back is unlikely without its year; a date further ahead is announced with a future verb or
# «المقبل»: «20 حزيران/يونيو» in an article of 2018-02-15 is 2017's).
AHEAD_WINDOW_DAYS = 60


def _pick(cands: list[dt.date], anchor: dt.date, future: bool | None = None, year_days: int = 365) -> dt.date | None:
    """Of the occurrences of a yearless date: the next one (``future``), the last one not after
    the anchor (``future is False``), or without a cue the last one unless it is more than a year
    less AHEAD_WINDOW_DAYS back (then the nearest). ``year_days``: 354 for the Hijri year."""
    day = dt.timedelta(days=1)
    past = [c for c in cands if c <= anchor + day]
    ahead = [c for c in cands if c >= anchor - day]
    last, nxt = (max(past) if past else None), (min(ahead) if ahead else None)
    if future is True:
        return nxt or last
    if future is False:
        return last or nxt
    if last and (anchor - last).days <= year_days - AHEAD_WINDOW_DAYS:
        return last
    return min(cands, key=lambda c: abs((c - anchor).days)) if cands else None


def _closest_year(month: int, day: int, anchor: dt.date, future: bool | None = None) -> dt.date | None:
    """The occurrence of this month/day (day 0: the month) the anchor points to (:func:`_pick`)."""
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cands.append(dt.date(y, month, day or 1))
        except ValueError:
            continue
    return _pick(cands, anchor, future)


_RELDAY = [
    (r"أمس\s+الأول|اول\s+امس|أول\s+أمس|اول\s+من\s+امس|أول\s+من\s+أمس", -2),
    (r"أمس|(?:صباح|مساء|ظهر|عصر|فجر|يوم|ليلة|ليل)\s+الأمس|بالأمس|منذ\s+الأمس|البارحة", -1),
    (r"اليوم", 0),
    (r"الليلة|هذا\s+المساء|صباح\s+اليوم|مساء\s+اليوم", 0),
    (r"بعد\s+غد", 2),
    (r"غدا|غداً|غد", 1),
]
_UNITS = {"يوم": "D", "أيام": "D", "ايام": "D", "يومين": "D", "أسبوع": "W", "اسبوع": "W", "أسابيع": "W", "اسابيع": "W",
          "أسبوعين": "W", "اسبوعين": "W", "شهر": "M", "أشهر": "M", "اشهر": "M", "شهور": "M", "شهرين": "M",
          "عام": "Y", "أعوام": "Y", "اعوام": "Y", "عامين": "Y", "سنة": "Y", "سنوات": "Y", "سنتين": "Y"}
_NUMWORDS = {"ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "اربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6,
             "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "تسعة": 9, "تسع": 9, "عشرة": 10, "عشر": 10}


def _f(p: str) -> str:  # noqa: D103
    from ..text.textnorm import fold

    return fold(p)


def _word(pat: str) -> str:
    """A pattern of alternatives as a whole word: every alternative keeps both boundaries
    («غدا|غد» must not find «بغداد»)."""
    return _B + "(?:" + _f(pat) + ")" + _E


_NUMWORDS_F = {_f(k): v for k, v in _NUMWORDS.items()}
_UNITS_F = {_f(k): v for k, v in _UNITS.items()}
_REL_PERIOD = re.compile(
    _f(rf"{_B}(?:في\s+|خلال\s+|منذ\s+)?(?P<unit>الأسبوع|الاسبوع|الشهر|العام|السنة)\s+(?P<rel>الماضي|الماضية|المنصرم|المقبل|المقبلة|القادم|القادمة|الحالي|الحالية|الجاري|الجارية){_E}")
)
_MONTH_REL = re.compile(rf"{_M}{_M2}\s+(?P<rel>{_f('الماضي|المقبل|القادم|الحالي|الجاري|المنصرم|الفائت')}){_E}")
_AGO = re.compile(
    _f(rf"{_B}(?P<dir>منذ|قبل|بعد|خلال)\s+(?:(?P<num>\d+|{'|'.join(_NUMWORDS)})\s+)?(?P<unit>{'|'.join(sorted(_UNITS, key=len, reverse=True))})"
       r"(?:\s+(?:و)?نصف)?") + _E + r"(?!\s*(?:19|20)\d\d)"  # «منذ عام 2003» is the year 2003
)
# «منذ يوم الأحد الماضي», «خلال شهر أبريل»: «يوم» or «شهر» without a count before a weekday or a month is the noun
# of a date, not a length of time
_DATE_NOUN_AFTER = re.compile(_f(rf"\s+(?:{'|'.join(sorted(WEEKDAYS, key=len, reverse=True))}|{'|'.join(sorted(MONTHS, key=len, reverse=True))})"
                                 r"(?![\u0621-\u064a])"))
# («العام المالي 2019», «السنة المالية 2020»: a fiscal year, named by its year)
_YEAR = re.compile(_f(rf"{_B}(?:(?:(?:في|منذ|خلال|حتى|بحلول|قبل|بعد)\s+)(?:(?:عام|العام|سنة|سنه|السنة)(?:\s+(?:المالي|المالية))?)?"
                      rf"|(?:عام|العام|سنة|سنه|السنة)(?:\s+(?:المالي|المالية))?)\s*(?P<y>(?:19|20)\d\d)(?!\d)"))
_THIS = re.compile(_f(rf"{_B}(?:هذا|هذه)\s+(?P<unit>العام|السنة|الشهر|الأسبوع|الاسبوع|الخريف|الشتاء|الربيع|الصيف){_E}"))
_SEASON = re.compile(_f(rf"{_B}(?P<unit>الخريف|الشتاء|الربيع|الصيف)\s+(?P<rel>الماضي|المقبل|القادم|الحالي){_E}"))
_SEASONS = {_f("الخريف"): "FA", _f("الشتاء"): "WI", _f("الربيع"): "SP", _f("الصيف"): "SU"}
_PART_MONTH = re.compile(rf"{_B}(?:{_f('مطلع|أوائل|اوائل|منتصف|أواخر|اواخر|نهاية|بداية|أواسط')})\s+(?:شهر\s+)?{_M.replace(chr(94), '')}{_M2}(?:\s*(?:عام\s*)?(?P<y>(?:19|20)\d\d))?")
_RANGE = re.compile(
    _f(rf"{_B}(?:يومي|بين|من|في\s+الفترة\s+من|الفترة\s+من)\s+(?P<d1>[0-3]?\d)\s*(?:و|الى|إلى|حتى|-|–)\s*(?P<d2>[0-3]?\d)\s*(?:من\s+)?")
    + rf"{_M}{_M2}(?:\s*(?:عام\s*)?(?P<y>(?:19|20)\d\d))?"
)


def _words() -> dict:
    """The word lists of khabar/data/timex_words.toml."""
    import tomllib
    from importlib import resources

    return tomllib.loads((resources.files("khabar") / "data" / "timex_words.toml").read_text(encoding="utf-8"))


_WORDS = _words()
_VAGUE = [("|".join(pats), val) for val, pats in _WORDS["vague"].items()]


_RELDAY_RX = [(re.compile(_word(pat)), delta) for pat, delta in _RELDAY]
_VAGUE_RX = [(re.compile(_word(pat)), val) for pat, val in _VAGUE]
# outlets named «… اليوم»: Russia Today, the Saudi «عين اليوم», Egypt's «أخبار اليوم»
_OUTLET_TODAY = re.compile(_f(r"(?<![\u0621-\u064a])(?:روسيا|عين|أخبار|اخبار)\s+$"))
# «اليوم» with an adjective names a day: «اليوم العالمي للمرأة», «اليوم الوطني», «اليوم الأول من المؤتمر»
_NAMED_DAY = re.compile(_f(r"\s+(?:العالمي|الوطني|الدولي|العربي|الخليجي|المفتوح|الأول|الاول|الثاني|الثالث|الرابع|الخامس|السادس|السابع|الثامن|التاسع|العاشر|الأخير|الاخير"
                           r"|التالي|السابق|الختامي|نفسه|ذاته)") + _E)
_ALL_DAY = re.compile(_f(r"(?<![\u0621-\u064a])(?:مدار|طوال|طيلة|طول)\s+$"))
# a relative day with its weekday in brackets: «اليوم (الأحد)», «أمس (السبت)»
_BRACKET_WD = re.compile(r"\s*[(（]\s*" + WEEKDAY_RE.pattern + r"\s*[)）]")
_PERIOD_PREC = {"العام": "year", "السنه": "year", "الشهر": "month"}
_UNIT_DAYS = {"D": 1, "W": 7, "M": 30.5, "Y": 365.25}
_UNIT_PREC = {"D": "day", "W": "week", "M": "month", "Y": "year", "N": "minute"}
_SEASON_PAST = (_f("الماضي"),)
_SEASON_NEXT = (_f("المقبل"), _f("القادم"))
_YEAR_UNITS = (_f("العام"), _f("السنة"))
_MONTH_UNIT = _f("الشهر")
_WEEKDAY_REL = re.compile(_f(
    r"\s+(?:(?P<x>بعد|قبل)\s+)?(?P<rel>المقبل|المقبلة|القادم|القادمة|الماضي|الماضية|المنصرم|المنصرمة|الفائت|الفائتة)(?![\u0621-\u064a])"))
_WD_NEXT = (_f("المقبل"), _f("القادم"))
_AFTER, _BEFORE = _f("بعد"), _f("قبل")
_FUTURE_CUE = re.compile(_f(
    r"(?<![\u0621-\u064a])[وف]?(?:سوف|المقرر|المزمع|المزمعة|المرتقب|المرتقبة|المقبل|المقبلة|المقبلين|المقبلتين|القادم|القادمة"
    r"|القادمين|القادمتين|يعتزم|تعتزم"
    r"|المتوقع|يتوقع|تتوقع|المنتظر)(?![\u0621-\u064a])"))
# a verb with the future prefix: «سيسري», «ستنطلق» (what follows «س» is itself a common word, so
# not «سيارة» or «سنوات»)
_FUTURE_VERB = re.compile(r"(?<![\u0621-\u064a])[وف]?س(?P<rest>[يتن][\u0621-\u064a]{2,})")
_NOT_FUTURE = {_f(w) for w in "سيدة سيدات ستين سنية ستريب ستور سيري".split()}
_PAST_AFTER = re.compile(_f(r"\s*(?:الماضي|الماضية|الماضيين|الماضيتين|المنصرم|المنصرمة|المنصرمين|المنقضي|الفائت)(?![\u0621-\u064a])"))
_NEXT_AFTER = re.compile(_f(r"\s*(?:المقبل|المقبلة|المقبلين|المقبلتين|القادم|القادمة|القادمين|القادمتين)(?![\u0621-\u064a])"))
_SINCE_BEFORE = re.compile(_f(r"(?<![\u0621-\u064a])منذ\s+(?:[\u0621-\u064a]+\s+)?$"))
_SENT_END = ".؟?!\n"


@dataclass(slots=True)
class _Scan:
    """What every finder shares: the text, its search form, the anchor date, the window
    [start, end) and the expressions found so far (an earlier finder's span wins)."""

    text: str
    norm: str
    anchor: dt.date | None
    start: int
    end: int
    out: list[Timex] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)

    def free(self, a: int, b: int) -> bool:
        """No expression found so far overlaps [a, b). ``taken`` is kept sorted and its spans never overlap, so
        only the last span starting before ``b`` can (a binary search: thousands of expressions stay linear)."""
        i = bisect.bisect_left(self.taken, (b,))
        return i == 0 or self.taken[i - 1][1] <= a

    def add(self, t: Timex) -> None:
        """Trim the expression, set its text and keep it unless its span is taken."""
        text = self.text
        while t.end > t.start and text[t.end - 1] in " \t،,":
            t.end -= 1
        if text[t.start : t.start + 1] in ("و", "ف") and t.kind != "absolute" and not self.norm.startswith(("في ", "فبراير"), t.start):
            t.start += 1  # «وأمس» → «أمس»
        t.text = text[t.start : t.end]
        if self.free(t.start, t.end):
            bisect.insort(self.taken, (t.start, t.end))
            self.out.append(t)

    def finditer(self, rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of ``rx`` in the window (a month's other name after a mere space must name the same month:
        ``month_matches``)."""
        return month_matches(rx, self.norm, self.start, self.end)


def _tense(sc: _Scan, start: int, end: int) -> bool | None:
    """Whether a yearless date points ahead (True), back (False) or says nothing (None): a
    relative word right after it, «منذ» before it, a future verb or «المقبل» in its sentence."""
    norm = sc.norm
    if _PAST_AFTER.match(norm, end):
        return False
    if _NEXT_AFTER.match(norm, end):
        return True
    if _SINCE_BEFORE.search(norm[max(0, start - 20) : start]):
        return False  # «منذ بداية يناير»: since, so before the publication date
    s0 = max(max(norm.rfind(c, 0, start) for c in _SENT_END) + 1, start - 100)
    e0 = min([i for i in (norm.find(c, end) for c in _SENT_END) if i >= 0] + [len(norm), end + 40])
    if _FUTURE_CUE.search(norm, s0, e0):
        return True
    vocab = vocabulary()
    for m in _FUTURE_VERB.finditer(norm, s0, e0):
        if vocab.get(m.group("rest"), 0) >= 20 and m.group(0).lstrip("وف") not in _NOT_FUTURE:
            return True  # «الذي سيسري في 25 أيار/مايو»
    return None


def _month_of(m: re.Match[str]) -> int:
    """The month number of a match's ``m1`` group (``_Scan.finditer`` has dropped a second name that is no
    pair)."""
    return MONTHS[re.sub(r"\s+", " ", m.group("m1"))]


# «خلال الفترة 1-4 يونيو 2015م»: two days joined by a dash need no word before them
_DASH_RANGE = re.compile(
    rf"(?<![\d/.\-–])(?P<d1>[0-3]?\d)\s*[-–]\s*(?P<d2>[0-3]?\d)\s+(?:{_f('من')}\s+)?{_M}{_M2}(?:\s*(?:{_f('عام')}\s*)?(?P<y>(?:19|20)\d\d))?"
)


def _ranges(sc: _Scan) -> None:
    """Day ranges: «يومي 19 و20 نوفمبر/تشرين الثاني», «من 9 الى 11 فبراير», «1-4 يونيو»."""
    anchor = sc.anchor
    for m in [*sc.finditer(_RANGE), *sc.finditer(_DASH_RANGE)]:
        mo = _month_of(m)
        d1, d2 = int(m.group("d1")), int(m.group("d2"))
        if d1 >= d2:
            continue
        y = int(m.group("y")) if m.group("y") else None
        notes = []
        if y is None and anchor:
            a = _closest_year(mo, d1, anchor, _tense(sc, m.start(), m.end()))
            y = a.year if a else None
            notes.append(f"year from the publication date {anchor}")
        try:
            if y:
                val = f"{dt.date(y, mo, d1).isoformat()}/{dt.date(y, mo, d2).isoformat()}"
            else:
                val = f"XXXX-{mo:02d}-{d1:02d}/XXXX-{mo:02d}-{d2:02d}"
        except ValueError:
            continue
        sc.add(Timex(m.start(), m.end(), "", "DATE", val, "day", "range", bool(anchor and not m.group("y")), notes))


# «الثامن عشر من مايو من كل عام»: a yearly day has no year
_YEARLY = re.compile(_f(r"\s*(?:من\s+)?(?:كل\s+(?:عام|سنة)|سنويا|سنوياً)") + _E)


def _dates(sc: _Scan) -> None:
    """Absolute and partial dates (:func:`khabar.text.dates.find_dates`)."""
    anchor = sc.anchor
    for d in find_dates(sc.text, sc.start, sc.end):
        (mo, day) = d.readings[0]
        notes: list[str] = []
        if d.year:
            val = f"{d.year:04d}-{mo:02d}" + (f"-{day:02d}" if day else "")
            kind, anchored = "absolute", False
        elif _YEARLY.match(sc.norm, d.end):
            val, kind, anchored = f"XXXX-{mo:02d}" + (f"-{day:02d}" if day else ""), "partial", False
            notes.append("every year: no year")
        elif anchor:
            a = _closest_year(mo, day, anchor, _tense(sc, d.start, d.end))
            val = (a.isoformat() if day else f"{a.year:04d}-{mo:02d}") if a else f"XXXX-{mo:02d}-{day:02d}"
            kind, anchored = "partial", True
            notes.append(f"year from the publication date {anchor}")
            if d.weekday is not None and a and day and a.weekday() != d.weekday:
                notes.append("stated weekday does not match")
        else:
            val = f"XXXX-{mo:02d}" + (f"-{day:02d}" if day else "")
            kind, anchored = "partial", False
        sc.add(Timex(d.start, d.end, "", "DATE", val, "day" if day else "month", kind, anchored, notes))


def _hijri_day(h: HijriExpr, anchor: dt.date | None, tense: bool | None) -> tuple[int | None, dt.date | None]:
    """(Hijri year, Gregorian day) of a Hijri date with a day: its year as stated, from «الجاري /
    المقبل / الماضي», or the occurrence around the anchor that :func:`_pick` chooses."""
    assert h.month and h.day
    if h.year or anchor is None:
        return h.year, hijri_to_gregorian(h.year, h.month, h.day) if h.year else None
    y = hijri_year_for(h.month, h.rel, anchor)
    if y is not None:
        return y, hijri_to_gregorian(y, h.month, h.day)
    ah = gregorian_to_hijri(anchor)
    if ah is None:
        return None, None
    cands = {g: hy for hy in (ah[0] - 1, ah[0], ah[0] + 1) if (g := hijri_to_gregorian(hy, h.month, h.day))}
    g = _pick(list(cands), anchor, tense, 354)
    return (cands[g], g) if g else (None, None)


def _hijri_value(h: HijriExpr, anchor: dt.date | None, tense: bool | None) -> tuple[str, str, int | None]:
    """(Gregorian value, precision, Hijri year) of a Hijri expression: a day, or the range of days
    of a month or year; ``XXXX…`` when the year is neither stated nor found from the anchor."""
    if h.month is None:
        first, span = hijri_year_span(h.year_from or h.year or 0), hijri_year_span(h.year or 0)
        return (f"{first[0]}/{span[1]}" if first and span else "XXXX"), "year", h.year
    if h.day:
        y, g = _hijri_day(h, anchor, tense)
        g1 = hijri_to_gregorian(y, h.month, h.day_from) if y and h.day_from else None
        if g and g1:
            return f"{g1.isoformat()}/{g.isoformat()}", "day", y
        return (g.isoformat() if g else "XXXX-XX-XX"), "day", y
    y = h.year or (hijri_year_for(h.month, h.rel, anchor) if anchor else None)
    if y is None and anchor and (ah := gregorian_to_hijri(anchor)):
        spans = {hy: s for hy in (ah[0] - 1, ah[0], ah[0] + 1) if (s := hijri_month_span(hy, h.month))}
        current = [hy for hy, (a, b) in spans.items() if a <= anchor <= b]  # the month the article is written in
        first = None if current else _pick([sp[0] for sp in spans.values()], anchor, tense, 354)
        y = current[0] if current else next((hy for hy, sp in spans.items() if sp[0] == first), None)
    span = hijri_month_span(y, h.month) if y else None
    return (f"{span[0]}/{span[1]}" if span else "XXXX-XX"), "month", y


# the weekdays that name a dated day: «يومي الاثنين والثلاثاء 18ـ19/ 10/ 1436هـ» (with «الموافق» between them
# they are two expressions, see _equated_weekdays)
_WD_ALT = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_WEEKDAYS_BEFORE = re.compile(
    rf"(?<![\u0621-\u064a])(?:(?:يوم|يومي)\s+)?(?:{_WD_ALT})(?:\s*و\s*(?:{_WD_ALT}))?\s*[،,]?\s*$")


def _hijri(sc: _Scan) -> None:
    """Hijri dates: «30/10/1436هـ», «25 شوال 1436هـ», «30 شوال الجاري», «غرة رمضان», «منتصف ذي
    الحجة», «عام 1436هـ». The Gregorian value is the normalised one; ``hijri`` keeps the Hijri."""
    anchor = sc.anchor
    for h in find_hijri(sc.text, sc.start, sc.end):
        if h.year is None and h.rel is None and _YEARLY.match(sc.norm, h.end):
            continue  # «شهر رمضان من كل عام»: an undated season
        tense = None if h.year or h.rel is not None else _tense(sc, h.start, h.end)
        value, precision, hy = _hijri_value(h, anchor, tense)
        notes = ["Hijri date (Umm al-Qura)"]
        anchored = bool(anchor and not h.year and hy)
        if anchored:
            notes.append(f"Hijri year {hy} from the publication date {anchor}")
        if h.part:
            notes.append(f"part of the month: {h.part}")
        hijri = h.hijri if h.year else h.hijri.replace("XXXX", f"{hy:04d}" if hy else "XXXX")
        g = dt.date.fromisoformat(value[-10:]) if precision == "day" and value[:1].isdigit() else None
        if h.weekday is not None and g and g.weekday() != h.weekday:
            notes.append("stated weekday does not match")
        kind = "absolute" if h.year else "relative" if h.rel is not None else "partial"
        lead = _WEEKDAYS_BEFORE.search(sc.norm, max(sc.start, h.start - 40), h.start) if h.day else None
        sc.add(Timex(lead.start() if lead else h.start, h.end, "", "DATE", value, precision, kind, anchored, notes,
                     hijri=hijri))


def _month_relative(sc: _Scan) -> None:
    """A month with a relative word: «نوفمبر الماضي»."""
    anchor = sc.anchor
    for m in sc.finditer(_MONTH_REL):
        mo = _month_of(m)
        rel = m.group("rel")
        val = f"XXXX-{mo:02d}"
        if anchor:
            future = rel in ("المقبل", "القادم")
            past = rel in ("الماضي", "المنصرم", "الفايت")
            y = anchor.year
            if past and mo >= anchor.month:
                y -= 1
            if future and mo <= anchor.month:
                y += 1
            val = f"{y:04d}-{mo:02d}"
        sc.add(Timex(m.start(), m.end(), "", "DATE", val, "month", "relative", bool(anchor)))


def _relative_days(sc: _Scan) -> None:
    """Relative days: أمس، أمس الأول، اليوم، غدا، بعد غد، الليلة."""
    anchor, norm = sc.anchor, sc.norm
    for rx, delta in _RELDAY_RX:
        for m in rx.finditer(norm[: sc.end]):
            if m.start() < sc.start or _OUTLET_TODAY.search(norm[max(0, m.start() - 8) : m.start()]):
                continue  # «روسيا اليوم», «عين اليوم» are outlets
            if _NAMED_DAY.match(norm, m.end()):
                continue  # «اليوم العالمي للمتاحف», «اليوم الوطني», «اليوم الأول»: a day named, not today
            if _ALL_DAY.search(norm, max(0, m.start() - 10), m.start()):
                continue  # «على مدار اليوم», «طوال اليوم»: all day long, not a date
            val = (anchor + dt.timedelta(days=delta)).isoformat() if anchor else f"REL{delta:+d}D"
            wd = _BRACKET_WD.match(norm, m.end())  # kept when it is the day meant («الليلة (السبت)» may not be)
            same = wd and (anchor is None or WEEKDAYS[wd.group("wd")] == (anchor + dt.timedelta(days=delta)).weekday())
            e = wd.end() if wd and same and wd.end() <= sc.end else m.end()
            sc.add(Timex(m.start(), e, "", "DATE", val, "day", "relative", bool(anchor)))


def _period_value(unit: str, step: int, anchor: dt.date) -> str:
    """The anchored value of «العام/الشهر/الأسبوع» moved ``step`` units from the anchor."""
    if unit in ("العام", "السنه"):
        return str(anchor.year + step)
    if unit == "الشهر":
        mo = anchor.month + step
        y = anchor.year + (mo - 1) // 12
        return f"{y:04d}-{(mo - 1) % 12 + 1:02d}"
    wk = anchor + dt.timedelta(weeks=step)
    iso = wk.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


# «12 من الشهر المقبل», «يوم 5 من الشهر الجاري»: a day of a month named relative to the anchor
_DAY_OF_REL_MONTH = re.compile(_f(
    rf"{_B}(?:يوم\s+)?(?P<d>[12]\d|3[01]|0?[1-9])\s*من\s+(?:هذا\s+)?الشهر\s+(?P<rel>الحالي|الجاري|المقبل|القادم|الماضي|المنصرم)") + _E)


def _days_of_relative_months(sc: _Scan) -> None:
    """«12 من الشهر المقبل» → that day of the next month."""
    if sc.anchor is None or _f("الشهر") not in sc.norm[sc.start : sc.end]:
        return
    for m in sc.finditer(_DAY_OF_REL_MONTH):
        y, mo = (int(x) for x in _period_value("الشهر", _rel_step(m.group("rel")), sc.anchor).split("-"))
        try:
            day = dt.date(y, mo, int(m.group("d")))
        except ValueError:
            continue
        sc.add(Timex(m.start(), m.end(), "", "DATE", day.isoformat(), "day", "relative", True))


# «الساعة 11 من صباح هذا اليوم», «الساعة العاشرة من مساء أمس»: an hour of a day named relative to the anchor
_HOUR_WORDS = {"الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6, "السابعة": 7,
               "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11, "الحادية عشر": 11, "الثانية عشرة": 12,
               "الثانية عشر": 12}
_HOUR_WORDS_F = {_f(k): v for k, v in _HOUR_WORDS.items()}
_HOUR_OF_DAY = re.compile(_f(
    rf"{_B}الساعة\s+(?P<h>[01]?\d|2[0-3]|{'|'.join(sorted(_HOUR_WORDS, key=len, reverse=True))})\s*"
    rf"(?:من\s+)?(?P<part>صباح|مساء|ظهر|عصر|فجر)\s+(?:هذا\s+|يوم\s+)?(?P<day>(?:ال)?(?:{'|'.join(p for p, _ in _RELDAY)}))") + _E)
_RELDAY_WHOLE = [(re.compile(_f(pat)), delta) for pat, delta in _RELDAY]  # «الغد» is «غد»


def _hours_of_days(sc: _Scan) -> None:
    """«الساعة 11 من صباح هذا اليوم» → the anchor's day at 11:00 (afternoon and evening hours +12)."""
    if sc.anchor is None or _f("الساعة") not in sc.norm[sc.start : sc.end]:
        return
    for m in sc.finditer(_HOUR_OF_DAY):
        h = int(m.group("h")) if m.group("h").isdigit() else _HOUR_WORDS_F[" ".join(m.group("h").split())]
        if m.group("part") in (_f("مساء"), _f("عصر")) and h < 12 or m.group("part") == _f("ظهر") and h < 6:
            h += 12
        day_word = " ".join(m.group("day").split())
        delta = next(d for rx, d in _RELDAY_WHOLE if rx.fullmatch(day_word) or rx.fullmatch(day_word[2:]))
        day = sc.anchor + dt.timedelta(days=delta)
        sc.add(Timex(m.start(), m.end(), "", "TIME", f"{day.isoformat()}T{h:02d}:00", "hour", "relative", True))


def _relative_periods(sc: _Scan) -> None:
    """Relative periods: الأسبوع/الشهر/العام الماضي|المقبل|الحالي."""
    anchor = sc.anchor
    for m in sc.finditer(_REL_PERIOD):
        unit, rel = m.group("unit"), m.group("rel")
        step = -1 if rel.startswith(("الماضي", "المنصرم")) else 1 if rel.startswith(("المقبل", "القادم")) else 0
        val = _period_value(unit, step, anchor) if anchor else f"REL{step:+d}{unit}"
        prec = _PERIOD_PREC.get(unit, "week")
        sc.add(Timex(m.start(), m.end(), "", "DATE", val, prec, "relative", bool(anchor)))


def _ago_count(m: re.Match[str]) -> int:
    """How many units an «منذ/قبل/خلال …» match counts («عامين» is two, a bare unit one)."""
    raw_num = m.group("num")
    n = int(raw_num) if raw_num and raw_num.isdigit() else _NUMWORDS_F.get(raw_num or "", 0)
    if not n:
        n = 2 if m.group("unit").endswith(("ين", "تين")) else 1
    return n


# «بعد أسبوع من إقالة …», «قبل أشهر من الانتخابات»: counted from an event, not from the article's date
_FROM_EVENT = re.compile(_f(r"\s+من\s+(?!(?:الآن|الان|اليوم|الزمن|الزمان|تاريخه|تاريخ\s+اليوم)(?![\u0621-\u064a]))[\u0621-\u064a]"))
# plural units without a count: «منذ أسابيع», «قبل أيام» (a vague length of time)
_VAGUE_UNITS = {_f(u) for u in ("أيام", "ايام", "أسابيع", "اسابيع", "أشهر", "اشهر", "شهور", "أعوام", "اعوام", "سنوات")}


def _ago(sc: _Scan) -> None:
    """Durations and points back in time: «منذ عامين», «قبل ثلاثة أيام», «خلال أسبوعين». Not a time
    counted from an event («بعد أسبوع من إقالة …»); «قبل أيام» with no count is a vague past, and
    «منذ أسابيع», «خلال أيام» vague lengths (not tagged)."""
    anchor = sc.anchor
    for m in sc.finditer(_AGO):
        if not m.group("num") and m.group("unit") in (_f("يوم"), _f("شهر")) and _DATE_NOUN_AFTER.match(sc.norm, m.end()):
            continue
        if m.group("dir") in (_BEFORE, _AFTER) and _FROM_EVENT.match(sc.norm, m.end()):
            continue  # («خلال ثلاثة أيام من المفاوضات» is a length of time)
        if not m.group("num") and m.group("unit") in _VAGUE_UNITS and "نصف" not in m.group(0):
            if m.group("dir") == _BEFORE:
                sc.add(Timex(m.start(), m.end(), "", "DATE", "PAST_REF", "vague", "vague"))
            continue
        unit = _UNITS_F.get(m.group("unit"), "D")
        n = _ago_count(m)
        half = "نصف" in m.group(0)
        val = f"P{n}{unit}"
        typ = "DURATION"
        if m.group("dir") in ("قبل", "منذ") and anchor:
            days = int(_UNIT_DAYS[unit] * (n + (0.5 if half else 0)))
            if days > (anchor - dt.date(1, 1, 1)).days:  # «منذ 5000 عام»: before the calendar starts
                continue
            ref = anchor - dt.timedelta(days=days)
            val = ref.isoformat() if unit in "DW" else (f"{ref.year:04d}-{ref.month:02d}" if unit == "M" else str(ref.year))
            typ = "DATE"
        sc.add(Timex(m.start(), m.end(), "", typ, val, _UNIT_PREC[unit], "relative", bool(anchor and typ == "DATE")))


def _weekday_delta(wd: int, anchor: dt.date, m: re.Match[str] | None, ahead: bool = False) -> int:
    """Days from the anchor to a weekday: «السبت المقبل» the next one, «السبت بعد المقبل» the
    one after it, «السبت الماضي» the last one, «… قبل الماضي» the one before; a bare weekday
    the last such day («الاثنين» in a Friday article is four days ago; news reports what has
    happened), except the next day (a programme: «يبث الحفل السبت» on a Friday); with ``ahead`` (the
    sentence speaks of the future) the nearest one, up to three days ahead."""
    if m is None:
        delta = (wd - anchor.weekday()) % 7
        return delta if delta <= (3 if ahead else 1) else delta - 7
    twice = 7 if m.group("x") else 0
    if m.group("rel").startswith(_WD_NEXT):
        return ((wd - anchor.weekday()) % 7 or 7) + twice
    return -((anchor.weekday() - wd) % 7 or 7) - twice


def _weekdays(sc: _Scan) -> None:
    """Weekdays, alone or with «المقبل / بعد المقبل / الماضي / قبل الماضي»."""
    anchor = sc.anchor
    for m in sc.finditer(WEEKDAY_RE):
        wd = WEEKDAYS[m.group("wd")]
        s = m.start("wd") if m.group(0)[:1] in "وف" else m.start()
        rel = _WEEKDAY_REL.match(sc.norm, m.end())
        if rel and rel.group("x") and rel.group("x") != (_AFTER if rel.group("rel").startswith(_WD_NEXT) else _BEFORE):
            rel = None  # «الأحد بعد الماضي» is no such day
        e = rel.end() if rel else m.end()
        if anchor:
            ahead = rel is None and _tense(sc, s, e) is True
            val = (anchor + dt.timedelta(days=_weekday_delta(wd, anchor, rel, ahead))).isoformat()
        else:
            val = f"XXXX-WXX-{wd + 1}"
        sc.add(Timex(s, e, "", "DATE", val, "day", "weekday", bool(anchor)))


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # a winter is named by the year of its December


def _season_year(code: str, step: int, anchor: dt.date) -> int:
    """The year of «الصيف المقبل» (the next summer not yet begun: in March, this year's), «الصيف الماضي»
    (the last one over: in March, last year's) or this season (``step`` 0)."""
    start, y, mo = _SEASON_START[code], anchor.year, anchor.month
    if step > 0:
        return y if mo < start else y + 1
    if step < 0:
        if code == "WI":
            return y - 1 if mo >= 3 else y - 2
        return y if mo >= start + 3 else y - 1
    return y - 1 if code == "WI" and mo < 3 else y  # «هذا الشتاء» in January: the winter begun last December


def _this_value(unit: str, step: int, anchor: dt.date | None) -> tuple[str, str]:
    """(value, precision) of «هذا العام», «هذا الخريف», «الصيف الماضي» for this unit and step."""
    if unit in _SEASONS:
        y = f"{_season_year(_SEASONS[unit], step, anchor):04d}" if anchor else "XXXX"
        return f"{y}-{_SEASONS[unit]}", "season"
    if unit in _YEAR_UNITS:
        return (str(anchor.year + step) if anchor else f"REL{step:+d}Y"), "year"
    if unit == _MONTH_UNIT:
        return (f"{anchor.year:04d}-{anchor.month:02d}" if anchor else "REL+0M"), "month"
    iso = anchor.isocalendar() if anchor else None
    return (f"{iso.year:04d}-W{iso.week:02d}" if iso else "REL+0W"), "week"


# a season of a named year: «ربيع 2013», «في صيف عام 2016»
_SEASON_YEAR = re.compile(_f(rf"{_B}(?P<s>(?:ال)?(?P<unit>خريف|شتاء|ربيع|صيف))\s+(?:عام\s+|العام\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"))


def _this_and_seasons(sc: _Scan) -> None:
    """«هذا العام», «هذا الخريف», «الصيف الماضي», «ربيع 2013»."""
    for m in sc.finditer(_SEASON_YEAR):
        code = _SEASONS[_f("ال") + m.group("unit")]
        sc.add(Timex(m.start("s"), m.end(), "", "DATE", f"{m.group('y')}-{code}", "season", "absolute"))
    anchor = sc.anchor
    for rx in (_THIS, _SEASON):
        for m in sc.finditer(rx):
            unit = m.group("unit")
            rel = m.groupdict().get("rel") or ""
            step = -1 if rel in _SEASON_PAST else 1 if rel in _SEASON_NEXT else 0
            val, prec = _this_value(unit, step, anchor)
            sc.add(Timex(m.start(), m.end(), "", "DATE", val, prec, "relative", bool(anchor)))


def _part_of_month(sc: _Scan) -> None:
    """A part of a month: «مطلع كانون الاول/ديسمبر», «أواخر نوفمبر»."""
    anchor = sc.anchor
    for m in sc.finditer(_PART_MONTH):
        mo = _month_of(m)
        y = int(m.group("y")) if m.group("y") else None
        if y is None and anchor:
            tense = _tense(sc, m.start(), m.end())
            a = _closest_year(mo, 1 if tense is False else 15, anchor, tense)
            y = a.year if a else None
        sc.add(Timex(m.start(), m.end(), "", "DATE", f"{y:04d}-{mo:02d}" if y else f"XXXX-{mo:02d}", "month", "partial", bool(anchor)))


def _years(sc: _Scan) -> None:
    """Years: «عام 2008», «في 2010»."""
    for m in sc.finditer(_YEAR):
        sc.add(Timex(m.start(), m.end(), "", "DATE", m.group("y"), "year", "absolute"))


# «من قبل» followed by a noun is the agent of a passive («من قبل المستثمرين», «من قبل مسؤولين»):
# it means "before" only at the end of a clause or before a particle («كشف من قبل كيف …»).
_MIN_QABL = _f("من قبل")
_ADVERB_NEXT = re.compile(_f(r"\s*(?:$|[^\s\u0621-\u064a]|(?:كيف|أن|إن|ان|ما|لم|لن|قد|في|على|عن|إلى|الى|مع|بل|ثم|عندما|حين|أو|او|لكن|ولكن|وقد|حتى)(?![\u0621-\u064a]))"))


def _vague(sc: _Scan) -> None:
    """Vague references: «في وقت سابق», «مؤخرا», «حاليا», «قريبا»."""
    for rx, val in _VAGUE_RX:
        for m in rx.finditer(sc.norm[: sc.end]):
            if m.group(0).lstrip("وف") == _MIN_QABL and not _ADVERB_NEXT.match(sc.norm, m.end()):
                continue
            if sc.text[m.start() : m.end()].lstrip("وف").startswith("آلان"):
                continue  # the name Alan («آلان دزاغويف»), not «الآن» (now): one search form
            if m.start() >= sc.start:
                sc.add(Timex(m.start(), m.end(), "", "DATE", val, "vague", "vague"))


# ----------------------------------------------------------------------------- more constructions
# (issue #15): hedged and bounded durations, quarters and halves, year ranges, coordinated days,
# anaphoric years, sports seasons, centuries, months without day or year, older years.

_NUM = rf"(?:\d+|{'|'.join(_NUMWORDS)})"
_UNIT_ALT = "|".join(sorted(_UNITS, key=len, reverse=True))
_APPROX = r"(?:نحو|حوالي|حوالى|قرابة|زهاء|ما\s+يقارب|ما\s+يزيد\s+(?:عن|على)|أكثر\s+من|اكثر\s+من|أقل\s+من|اقل\s+من)"
# «منذ نحو 9 أعوام», «منذ أكثر من أربع سنوات», «بعد أكثر من شهرين»: a hedged count is a length of time
_HEDGED_SINCE = re.compile(_f(rf"{_B}(?:منذ|بعد|خلال|لمدة|طوال|على\s+مدى)\s+{_APPROX}\s+(?:(?P<num>{_NUM})\s+)?(?P<unit>{_UNIT_ALT})") + _E)
# counted units in the accusative or plural: «27 عاما», «48 ساعة»
_COUNT_UNITS = {"عاما": "Y", "عامًا": "Y", "سنة": "Y", "سنوات": "Y", "أعوام": "Y", "اعوام": "Y", "شهرا": "M",
                "أشهر": "M", "اشهر": "M", "شهور": "M", "يوما": "D", "أيام": "D", "ايام": "D", "أسبوعا": "W", "أسابيع": "W",
                "اسابيع": "W", "ساعة": "H", "ساعات": "H", "دقيقة": "N", "دقائق": "N"}  # N: minutes
_COUNT_UNITS_F = {_f(k): v for k, v in _COUNT_UNITS.items()}
# (a tanwin, «شهرًا», is a tatweel in the same-length normalised text: allowed between any two letters)
_COUNT_ALT = "|".join(r"\u0640*".join(u) for u in sorted(_COUNT_UNITS, key=len, reverse=True))


def _count_unit(form: str) -> str:
    return _COUNT_UNITS_F[form.replace("\u0640", "")]

# «يعود إلى 27 عاما», «لمدة 3 أيام», «لأجل عشر سنوات», «للمرة الأولى في أربع سنوات», «لمدة عامين»: the
# count after a word of extent («إلى 18 عاما» alone is an age or the end of a range of counts, not a duration)
_DUALS = {"يومين": "D", "أسبوعين": "W", "اسبوعين": "W", "شهرين": "M", "عامين": "Y", "سنتين": "Y", "ساعتين": "H", "دقيقتين": "N",
          # nominative: «ويستمر العقد سنتان»
          "يومان": "D", "أسبوعان": "W", "اسبوعان": "W", "شهران": "M", "عامان": "Y", "سنتان": "Y", "ساعتان": "H", "دقيقتان": "N"}
_DUALS_F = {_f(k): v for k, v in _DUALS.items()}
_BOUNDED = re.compile(_f(rf"{_B}(?:لمدة|مدة|طوال|طيلة|على\s+مدى|على\s+مدار|لأجل|بأجل|في|(?:يعود|تعود|يرجع|ترجع|يمتد|تمتد)\s+(?:إلى|الى))\s+")
                      + _f(rf"(?:(?P<num>{_NUM})\s+(?P<unit>{_COUNT_ALT})|(?P<dual>{'|'.join(_DUALS)})){_E}(?P<half>\s+و?نصف{_E})?"))
# «الـ24 ساعة الماضية», «الأيام الـ10 الأخيرة», «في عامٍ واحد»
_LAST_N = re.compile(_f(rf"{_B}(?:(?:ال\u0640*)(?P<num>\d+)\s+(?P<unit>{_COUNT_ALT})|(?P<unit2>الساعات|الأيام|الايام|الأسابيع|الأشهر|الاشهر|الشهور|السنوات|الأعوام|الاعوام)\s+ال\u0640*(?P<num2>\d+))"
                        r"\s+(?:الماضية|الماضي|الأخيرة|الاخيرة|المنصرمة|المقبلة|القادمة)") + _E)
# «للثلاثة الأشهر القادمة», «الأيام الخمسة الماضية»: a definite count in words
_LAST_N_WORDS = re.compile(_f(
    rf"(?<![\u0621-\u064a])[وف]?(?:(?:ال|لل)(?P<num>{'|'.join(_NUMWORDS)})\s+(?P<unit>الساعات|الأيام|الايام|الأسابيع|الاسابيع|الأشهر|الاشهر|الشهور|السنوات|الأعوام|الاعوام)"
    rf"|(?P<unit2>الساعات|الأيام|الايام|الأسابيع|الاسابيع|الأشهر|الاشهر|الشهور|السنوات|الأعوام|الاعوام)\s+ال(?P<num2>{'|'.join(_NUMWORDS)}))"
    r"\s+(?:الماضية|الماضي|الأخيرة|الاخيرة|المنصرمة|المقبلة|القادمة|السابقة|التالية|الأولى|الاولى|المتبقية|الباقية)") + _E)
# «العامين الماضيين», «الشهرين القادمين»: a definite dual with its adjective
_LAST_TWO = re.compile(_f(rf"{_B}ال(?P<dual>{'|'.join(_DUALS)})\s+(?:الماضيين|الأخيرين|الاخيرين|المنصرمين|الفائتين|المقبلين|القادمين"
                          r"|السابقين|التاليين|الأولين|الاولين)") + _E)
_DEFINITE_PLURAL_BEFORE = re.compile(r"(?<![\u0621-\u064a])[وفبل]?ال[\u0621-\u064a]+(?:ين|ون|ان)\s+$")
_PLURAL_UNITS = {_f("الساعات"): "H", _f("الأيام"): "D", _f("الايام"): "D", _f("الأسابيع"): "W", _f("الأشهر"): "M",
                 _f("الاشهر"): "M", _f("الشهور"): "M", _f("السنوات"): "Y", _f("الأعوام"): "Y", _f("الاعوام"): "Y"}
# «مهلة أسبوع», «لمدة عام», «طيلة شهر»: one unit after a word of extent
_EXTENT_UNIT = re.compile(_f(r"(?<![\u0621-\u064a])[وفبل]?(?:مهلة|لمدة|مدة|طوال|طيلة)\s+(?P<unit>عام|سنة|شهر|يوم|أسبوع|اسبوع|ساعة)") + _E
                          + _f(r"(?:\s+(?:كامل|كاملة|واحد|واحدة)(?![\u0621-\u064a]))?")
                          # «طوال يوم الخميس», «لمدة شهر مارس», «طوال يوم أمس»: the noun of a date, not a length
                          + _f(r"(?!\s+(?:من|على|أمس|امس|غد|الماضي|المقبل|القادم|الحالي|الجاري|"
                               rf"{'|'.join(sorted(WEEKDAYS, key=len, reverse=True))}|{'|'.join(sorted(MONTHS, key=len, reverse=True))})"
                               r"(?![\u0621-\u064a]))"))
_ONE_UNIT = re.compile(_f(r"(?<![\u0621-\u064a])(?:في|خلال|لمدة)\s+(?P<unit>عام|سنة|شهر|يوم|أسبوع|اسبوع|ساعة)\u0640*\s+واحد\u0640*(?:ة\u0640*)?") + _E)


# «خمس سنوات ونصف» → P5Y6M, «ثلاثة أشهر ونصف» → P3M15D
_HALF = {"Y": "6M", "M": "15D"}


def _duration_value(n: int, unit: str) -> str:
    return f"PT{n}H" if unit == "H" else f"PT{n}M" if unit == "N" else f"P{n}{unit}"


def _durations(sc: _Scan) -> None:
    """Durations: «منذ نحو 9 أعوام» (a hedged «منذ»), «إلى 27 عاما», «الـ24 ساعة الماضية», «في عامٍ واحد»."""
    for m in sc.finditer(_HEDGED_SINCE):
        unit = _UNITS_F.get(m.group("unit"), "D")
        sc.add(Timex(m.start(), m.end(), "", "DURATION", _duration_value(_ago_count(m), unit), _UNIT_PREC[unit], "duration"))
    for m in sc.finditer(_BOUNDED):
        unit = _DUALS_F[m.group("dual")] if m.group("dual") else _count_unit(m.group("unit"))
        n = 2 if m.group("dual") else int(m.group("num")) if m.group("num").isdigit() else _NUMWORDS_F[m.group("num")]
        val = _duration_value(n, unit) + (_HALF.get(unit, "") if m.group("half") else "")
        sc.add(Timex(m.start("dual" if m.group("dual") else "num"), m.end(), "", "DURATION", val,
                     _UNIT_PREC.get(unit, "hour"), "duration"))
    for m in sc.finditer(_LAST_N):
        unit = _count_unit(m.group("unit")) if m.group("unit") else _PLURAL_UNITS[m.group("unit2")]
        n = int(m.group("num") or m.group("num2"))
        sc.add(Timex(m.start(), m.end(), "", "DURATION", _duration_value(n, unit), _UNIT_PREC.get(unit, "hour"), "duration"))
    for m in sc.finditer(_LAST_TWO):
        if _DEFINITE_PLURAL_BEFORE.search(sc.norm, max(0, m.start() - 30), m.start()):
            continue  # «الأمينين العامين السابقين»: the adjective "general", not two years
        unit = _DUALS_F[m.group("dual")]
        sc.add(Timex(m.start(), m.end(), "", "DURATION", _duration_value(2, unit), _UNIT_PREC.get(unit, "hour"), "duration"))
    for m in sc.finditer(_LAST_N_WORDS):
        unit = _PLURAL_UNITS[m.group("unit") or m.group("unit2")]
        n = _NUMWORDS_F[m.group("num") or m.group("num2")]
        sc.add(Timex(m.start(), m.end(), "", "DURATION", _duration_value(n, unit), _UNIT_PREC.get(unit, "hour"), "duration"))
    for m in sc.finditer(_EXTENT_UNIT):
        unit = _UNITS_F.get(m.group("unit")) or "H"
        sc.add(Timex(m.start("unit"), m.end(), "", "DURATION", _duration_value(1, unit), _UNIT_PREC.get(unit, "hour"), "duration"))
    for m in sc.finditer(_ONE_UNIT):
        unit = _UNITS_F.get(m.group("unit")) or "H"
        sc.add(Timex(m.start(), m.end(), "", "DURATION", _duration_value(1, unit), _UNIT_PREC.get(unit, "hour"), "duration"))


# a count of time units anywhere: «لم يتجاوز 12 شهرًا», «ثلاث سنوات», «أسبوعين» (a dual alone) — but not an
# age («(81 عاما)», «البالغ 27 عاما», «30 عاما من العمر»), nor a count after «قبل/بعد/منذ» (points back or
# ahead: ``_ago``'s, or counted from an event); after «خلال» a count is a length («خلال ثلاثة عشر يوما»)
_TEEN_UNITS = {**{k: v for k, v in _NUMWORDS.items() if v < 10}, "أحد": 1, "احد": 1, "إحدى": 1, "احدى": 1, "اثنا": 2,
               "اثني": 2, "اثنتا": 2, "اثنتي": 2}
_TEEN_UNITS_F = {_f(k): v for k, v in _TEEN_UNITS.items()}
_TEEN_BEFORE = re.compile(_f(rf"(?<![\u0621-\u064a])(?:[وفبل]|ال|لل)*(?:{'|'.join(_TEEN_UNITS)})\s+$"))
# («خمسة عشر عاما»: a teen, the units word before «عشر»)
# («لا تقل عن (12) شهرا»: a number in brackets, as regulations write it)
_COUNTED = re.compile(_f(rf"(?<![\u0621-\u064a])[وف]?[لب]?(?:(?:(?:(?P<teen>{'|'.join(_TEEN_UNITS)})\s+)?(?P<num>{_NUM})\s+"
                         rf"|\(\s*(?P<pnum>\d+)\s*\)\s*)(?P<unit>{_COUNT_ALT})|(?P<dual>{'|'.join(_DUALS)}))") + _E)
_HEDGE_BEFORE = re.compile(_f(rf"(?<![\u0621-\u064a])(?P<pre>[وف]?[لب]?)(?P<approx>{_APPROX})\s+$"))
# an age («البالغ 27 عاما», «أعمارهم بين 16 و 17 عاما», «توفي عن 81 عاما») or a count after قبل/بعد/منذ
_NOT_A_LENGTH_BEFORE = re.compile(_f(
    r"(?<![\u0621-\u064a])[وفبل]?(?:(?:عمر|العمر|عمره|عمرها|عمرهم|عمرهما|أعمار|اعمار|أعمارهم|اعمارهم|أعمارهن|اعمارهن|أعمارها|اعمارها"
    r"|البالغ|البالغة|البالغين|البالغون|يبلغ|تبلغ|يناهز|تناهز|سن|سنه|ابن|ابنة|طفل|طفلة|فتى|فتاة|شاب|شابة|مسن|مسنة)"
    r"\s+(?:[\u0621-\u064a\d]+\s+){0,3}|(?:قبل|بعد|منذ)\s+(?:[\u0621-\u064a]+\s+){0,3}"
    r"|(?:توفي|توفيت|رحل|رحلت|مات|ماتت|يموت|تموت)\s+(?:[\u0621-\u064a]+\s+)?عن\s+)$"))
_RANGE_END = re.compile(_f(r"(?<![\u0621-\u064a])(?:من|بين)\s+\d+\s*(?:إلى|الى|حتى|و|-|–)\s*$"))  # «من 18 الى 11 ساعة»
_AGE_AFTER = re.compile(_f(r"\s+(?:من\s+(?:العمر|عمره|عمرها|عمرهم)|في\s+(?:العمر|عمره|عمرها))(?![\u0621-\u064a])"))


def _counted_durations(sc: _Scan) -> None:
    """Counts of time units that no other finder took: lengths of time (ages and event-relative counts left out)."""
    for m in sc.finditer(_COUNTED):
        hedge = _HEDGE_BEFORE.search(sc.norm, max(sc.start, m.start() - 30), m.start())  # «نحو 20 دقيقة»: kept in the span
        lead = hedge.start("approx") if hedge else m.start()
        before = sc.norm[max(sc.start, lead - 24) : lead]
        if _NOT_A_LENGTH_BEFORE.search(before) or _AGE_AFTER.match(sc.norm, m.end()) or _RANGE_END.search(before):
            continue
        if (hedge.group("pre") if hedge else sc.norm[m.start() : m.start("dual" if m.group("dual") else "num")]).endswith("ب"):
            continue  # «قبل بدء النشاط بيومين», «بعدها بسبعة أعوام», «بنحو 20 دقيقة»: by how much, from an event
        after = sc.norm[m.end() : m.end() + 2].lstrip()
        if (before.rstrip().endswith("(") and after.startswith(")")) or (before.rstrip().endswith(("،", ",")) and
                                                                           after.startswith(("،", ","))):
            continue  # «بوتفليقة (81 عاما)», «بوتفليقة، 81 عاما، …»: an age in apposition
        first = "dual" if m.group("dual") else "teen" if m.group("teen") else "pnum" if m.group("pnum") else "num"
        if m.start(first) and sc.norm[m.start(first) - 1] in ".,٫":
            continue  # «1.5 ساعة»: not a count of 5
        if m.group("dual"):
            unit, n = _DUALS_F[m.group("dual")], 2
        else:
            unit = _count_unit(m.group("unit"))
            num = m.group("num") or m.group("pnum")
            n = int(num) if num.isdigit() else _NUMWORDS_F[num]
            if m.group("teen"):
                if n != 10:
                    continue
                n += _TEEN_UNITS_F[m.group("teen")]
            elif n == 10 and not num.isdigit() and _TEEN_BEFORE.search(before):
                continue  # «الخمسة عشر عاما»: a teen this pass does not read, not ten
        if n > 0:
            at = sc.norm.index("(", m.start()) if first == "pnum" else m.start(first)
            sc.add(Timex(lead if hedge else at, m.end(), "", "DURATION", _duration_value(n, unit),
                         _UNIT_PREC.get(unit, "hour"), "duration"))


# clock times: «الساعة 10:30 صباحا», «16:02 ت م» (Mecca time), «(14:40)» — hours and two-digit minutes with a cue
# («الساعة», a part of the day, a time zone or brackets): a ratio «1:10» or a score has none
_CLOCK = re.compile(_f(r"(?<![\d:/.])(?:(?P<hour>(?:تمام\s+)?الساعة)\s+|(?P<open>\(\s*))?(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?![\d:/])"
                       r"(?:\s*(?P<part>صباحا|صباحاً|ص|مساء|مساءً|م|ظهرا|ظهراً|عصرا|فجرا|ليلا|ت\s?م|بتوقيت\s+[\u0621-\u064a]+|GMT|جرينتش|غرينتش)"
                       r"(?![\u0621-\u064a]))?(?P<close>\s*\))?"))
_PM = {_f(w) for w in ("مساء", "مساءً", "م", "ظهرا", "ظهراً", "عصرا")}
_NIGHT = _f("ليلا")


def _day_before(sc: _Scan, pos: int) -> Timex | None:
    """The nearest day-precision date ending at most 40 characters before ``pos`` (in that sentence part)."""
    days = [t for t in sc.out if _is_day(t) and t.end <= pos]
    day = max(days, key=lambda t: t.end, default=None)
    return day if day is not None and pos - day.end <= 40 else None


def _day_after(sc: _Scan, pos: int) -> Timex | None:
    """A day-precision date starting right after ``pos`` («الساعة العاشرة ليلا 3 أغسطس»)."""
    return next((t for t in sc.out if _is_day(t) and 0 <= t.start - pos <= 3), None)


def _hour_24(h: int, part: str) -> int:
    """The hour on a 24-hour clock from a 12-hour one and the part of the day said with it («12 صباحا» is
    midnight)."""
    if h == 12 and part in (_f("صباحا"), _f("فجرا")):
        return 0
    if (part in _PM and h < 12 and not (part == _f("ظهرا") and h >= 11)) or (part == _NIGHT and 6 <= h < 12):
        return h + 12
    return 0 if part == _NIGHT and h == 12 else h


def _clock_times(sc: _Scan) -> None:
    """A time of day on the day of the nearest date before it in that sentence part, else on the article's date."""
    for m in sc.finditer(_CLOCK):
        h, part = int(m.group("h")), (m.group("part") or "").strip()
        if not (m.group("hour") or part or (m.group("open") and m.group("close"))):
            continue
        h = _hour_24(h, part)
        day = _day_before(sc, m.start())
        base = day.value if day is not None else sc.anchor.isoformat() if sc.anchor else None
        if base is None or len(base) != 10:
            continue
        s = m.start("h") if m.group("open") else m.start()
        e = m.end("part") if part else m.end("min")
        sc.add(Timex(s, e, "", "TIME", f"{base}T{h:02d}:{m.group('min')}", "minute", "clock",
                     day.anchored if day is not None else True))


# a whole hour with the part of the day: «الساعة الثامنة صباحا», «الساعة 8 صباحا», «قرابة السابعة صباحا» (a number
# without «الساعة» is an hour only when written as an ordinal word); «مساء الخميس» names the day: left out
_HOUR = re.compile(_f(
    rf"{_B}(?:(?P<hour>(?:تمام\s+)?الساعة)\s+)?(?P<h>[01]?\d|2[0-3]|{'|'.join(sorted(_HOUR_WORDS, key=len, reverse=True))})\s+"
    r"(?:من\s+)?(?P<part>صباحا|صباحاً|مساء|مساءً|ظهرا|ظهراً|عصرا|عصراً|فجرا|فجراً|ليلا|ليلاً)") + _E
    + _f(rf"(?!\s+(?:اليوم|أمس|امس|الأمس|غد|الغد|يوم|{'|'.join(sorted(WEEKDAYS, key=len, reverse=True))})(?![\u0621-\u064a]))"))


_HOUR_HEDGE = re.compile(_f(r"(?<![\u0621-\u064a])[و]?(?:قرابة|نحو|حوالي|حوالى|تمام|عند|منذ|حتى|في|من|إلى|الى)\s+$"))


def _hour_times(sc: _Scan) -> None:
    """A whole hour (``_HOUR``) on the day of the nearest date before it, else on the article's date."""
    if sc.anchor is None:
        return
    for m in sc.finditer(_HOUR):
        word = " ".join(m.group("h").split())
        if not m.group("hour") and (word.isdigit() or not _HOUR_HEDGE.search(sc.norm, max(0, m.start() - 12), m.start())):
            continue  # «الفترة الثانية مساء», «الحلقة الثالثة مساء»: an ordinal, not an hour
        part = m.group("part").replace("\u0640", "").rstrip("ً")
        h = _hour_24(int(word) if word.isdigit() else _HOUR_WORDS_F[word], part)
        day = _day_after(sc, m.end()) or _day_before(sc, m.start())
        base = day.value if day is not None else sc.anchor.isoformat()
        sc.add(Timex(m.start(), m.end(), "", "TIME", f"{base}T{h:02d}:00", "hour", "clock",
                     day.anchored if day is not None else True))


# decades: «عقد ونصف», «منذ عقدين», «خلال ثلاثة عقود», «قبل عقد من الزمن» (a bare «عقد» is a contract or
# «held»: «بعد عقد الاجتماع»)
_DECADE = re.compile(_f(
    rf"{_B}(?:(?P<dir>منذ|قبل|خلال|لمدة|طوال|على\s+مدى)\s+)?(?P<hedge>{_APPROX}\s+)?(?:عقد\s+(?:و)?(?P<half>نصف)|عقد\s+من\s+الزمن"
    rf"|(?P<two>عقدين|عقدان)(?:\s+(?:و)?(?P<half2>نصف))?(?:\s+من\s+الزمن)?|(?P<num>{_NUM})\s+عقود(?:\s+(?:و)?(?P<half3>نصف))?(?:\s+من\s+الزمن)?)") + _E)


def _decades(sc: _Scan) -> None:
    """Decades: a length of time (``P15Y``), or with a plain «منذ / قبل» the year that many decades back."""
    for m in sc.finditer(_DECADE):
        num = m.group("num")
        n = 20 if m.group("two") else (int(num) if num.isdigit() else _NUMWORDS_F[num]) * 10 if num else 10
        n += 5 if m.group("half") or m.group("half2") or m.group("half3") else 0
        if m.group("dir") in (_f("منذ"), _BEFORE) and not m.group("hedge") and sc.anchor:
            sc.add(Timex(m.start(), m.end(), "", "DATE", str(sc.anchor.year - n), "year", "relative", True))
        else:
            sc.add(Timex(m.start(), m.end(), "", "DURATION", f"P{n}Y", "year", "duration"))


# named decades: «الثمانينات», «نهاية الثمانينات الميلادية», «ستينيات القرن الماضي» → 196X (not an age:
# «في الأربعينات من عمره»)
_DECADE_TENS = {"عشرين": 2, "ثلاثين": 3, "أربعين": 4, "اربعين": 4, "خمسين": 5, "ستين": 6, "سبعين": 7, "ثمانين": 8, "تسعين": 9}
_CENTURY_OF = {"الماضي": -1, "المنصرم": -1, "العشرين": 1900, "التاسع عشر": 1800, "الحادي والعشرين": 2000}
_NAMED_DECADE = re.compile(_f(
    rf"{_B}(?:(?:مطلع|أوائل|اوائل|بداية|منتصف|أواسط|اواسط|أواخر|اواخر|نهاية|نهايات|حقبة)\s+)?(?P<al>ال)?"
    rf"(?P<d>{'|'.join(_DECADE_TENS)})(?:ات|يات)(?:\s+(?:الميلادية|(?:من\s+)?(?:ال)?قرن\s+(?P<c>{'|'.join(_CENTURY_OF)})))?") + _E)
_DECADE_TENS_F = {_f(k): v for k, v in _DECADE_TENS.items()}
_PERSON_IN = re.compile(_f(r"(?<![\u0621-\u064a])(?:شاب|شابة|رجل|امرأة|سيدة|فتاة|فتى|طفل|مواطن|مواطنة|مقيم|مقيمة|مريض|مريضة"
                           r"|عمره|عمرها|عمرهم|العمر|أعمارهم|اعمارهم)\s+(?:[\u0621-\u064a]+\s+)?(?:في|فى)\s+$"))
_DECADE_WORD = re.compile(_f(rf"(?:{'|'.join(_DECADE_TENS)})(?:ات|يات)"))
_CENTURY_OF_F = {_f(k): v for k, v in _CENTURY_OF.items()}


def _named_decades(sc: _Scan) -> None:
    """«الثمانينات» → ``198X``: the century the text names, else the latest such decade begun by the anchor."""
    if not _DECADE_WORD.search(sc.norm, sc.start, sc.end):
        return  # (the full pattern is slow to try at every position)
    for m in sc.finditer(_NAMED_DECADE):
        c = m.group("c")
        if (not m.group("al") and not c) or _AGE_AFTER.match(sc.norm, m.end()) or _PERSON_IN.search(
                sc.norm, max(sc.start, m.start() - 30), m.start()):
            continue  # «في الأربعينات من عمره», «شاب في العشرينات»: an age
        tens = _DECADE_TENS_F[m.group("d")]
        if c:
            base = _CENTURY_OF_F[" ".join(c.split())]
            if base < 0:
                base = ((sc.anchor.year // 100) - 1) * 100 if sc.anchor else 1900
        elif sc.anchor:
            base = sc.anchor.year // 100 * 100
            base -= 100 if base + tens * 10 > sc.anchor.year else 0
        else:
            base = 1900
        sc.add(Timex(m.start(), m.end(), "", "DATE", f"{(base + tens * 10) // 10}X", "decade", "absolute" if c else "relative",
                     bool(sc.anchor and not c)))


_YEAR_WORD = r"(?:من\s+العام|من\s+عام|من\s+السنة|من\s+سنة|للعام|لعام|للسنة|لسنة|العام|عام)"
_REL_WORD = r"الحالي|الحالية|الجاري|الجارية|الماضي|الماضية|المنصرم|المقبل|المقبلة|القادم|القادمة"
# «الربع الثاني للعام», «النصف الأول من العام الحالي», «الربع الأخير من عام 2014»
_PART_YEAR = re.compile(_f(
    rf"{_B}(?:في\s+|خلال\s+)?(?P<part>الربع|النصف)\s+(?P<ord>الأول|الاول|الثاني|الثالث|الرابع|الأخير|الاخير)\s+"
    rf"(?:{_YEAR_WORD}\s*(?P<y>(?:19|20)\d\d)?(?:\s+(?P<rel>{_REL_WORD}))?|من\s+(?P<y2>(?:19|20)\d\d))") + r"(?!\d)" + _E)
_PART_ORD = {_f("الأول"): 1, _f("الثاني"): 2, _f("الثالث"): 3, _f("الرابع"): 4, _f("الأخير"): 0}


def _rel_step(rel: str | None) -> int:
    if not rel:
        return 0
    return -1 if rel.startswith(("الماضي", "المنصرم")) else 1 if rel.startswith(("المقبل", "القادم")) else 0


def _parts_of_year(sc: _Scan) -> None:
    """Quarters and halves of a year: «الربع الثاني للعام» → 2015-Q2, «النصف الأول من العام» → 2015-H1."""
    for m in sc.finditer(_PART_YEAR):
        half = m.group("part") == _f("النصف")
        n = _PART_ORD[m.group("ord")] or (2 if half else 4)
        if half and n > 2:
            continue
        y = m.group("y") or m.group("y2")
        year = y or (str(sc.anchor.year + _rel_step(m.group("rel"))) if sc.anchor else "XXXX")
        val = f"{year}-{'H' if half else 'Q'}{n}"
        sc.add(Timex(m.start(), m.end(), "", "DATE", val, "half" if half else "quarter", "absolute" if y else "relative",
                     bool(sc.anchor and not y)))


_Y4 = r"(?:19|20)\d\d"
# «الفترة ما بين عامي 2012 و2013», «بين عامي 2012 و2013», «من عام 2010 إلى 2014», «عامي 2012 و2014»
_YEAR_SPAN = re.compile(_f(
    rf"{_B}(?:(?P<between>(?:في\s+)?(?:الفترة\s+)?(?:ما\s+)?بين\s+(?:عامي|العامين|سنتي|عام|العام|سنة)\s*)(?P<a>{_Y4})\s*(?:و|-|–)\s*(?:عام\s*)?(?P<b>{_Y4})"
    rf"|(?P<from>(?:في\s+)?(?:الفترة\s+)?من\s+(?:عام|العام|سنة)\s*)(?P<c>{_Y4})\s*(?:إلى|الى|حتى|-|–)\s*(?:عام\s*)?(?P<d>{_Y4})"
    rf"|(?:عامي|سنتي)\s+(?P<e>{_Y4})\s*و\s*(?P<f>{_Y4})"
    # «الحرب الأهلية (1975-1990)», «موسم 2015/ 2016»
    rf"|(?<![\d/.\-–])(?P<g>{_Y4})\s*[-–/]\s*(?P<h>{_Y4})(?![/\-–]|\.\d))") + r"(?!\d)")


_NUMBER_WORD_BEFORE = re.compile(_f(r"(?<![\u0621-\u064a])(?:رقم|الرقم|برقم)\s*$"))  # «القرار رقم 2016/2017»


def _year_spans(sc: _Scan) -> None:
    """Ranges and pairs of years: «ما بين عامي 2012 و2013» → 2012/2013; «عامي 2010 و2014» → 2010,2014."""
    for m in sc.finditer(_YEAR_SPAN):
        a, b = next((m.group(x), m.group(y)) for x, y in ("ab", "cd", "ef", "gh") if m.group(x))
        if int(b) <= int(a) or (m.group("g") and (int(b) - int(a) > 100 or _NUMBER_WORD_BEFORE.search(sc.norm, max(0, m.start() - 8), m.start()))):
            continue
        pair = m.group("e") is not None and int(b) != int(a) + 1
        sc.add(Timex(m.start(), m.end(), "", "DATE", f"{a},{b}" if pair else f"{a}/{b}", "year", "range"))


# «17 و25 ديسمبر (كانون الأول) 2013», «11 و12 تموز/يوليو»: two days of one month
_COORD_DAYS = re.compile(
    rf"(?<![\d\u0621-\u064a/])[وف]?(?<![\d/])(?P<d1>[0-3]?\d)\s*و\s*(?P<d2>[0-3]?\d)\s+(?:من\s+)?{_M}{_M2}(?:\s*(?:عام\s*)?(?P<y>{_Y4}))?(?!\d)")


def _coordinated_days(sc: _Scan) -> None:
    """Two days of a month: consecutive ones are a range, others a list (a range would claim the days between)."""
    for m in sc.finditer(_COORD_DAYS):
        mo, d1, d2 = _month_of(m), int(m.group("d1")), int(m.group("d2"))
        if m.group("m2") and MONTHS[re.sub(r"\s+", " ", m.group("m2"))] != mo or not 1 <= d1 < d2 <= 31:
            continue
        y = int(m.group("y")) if m.group("y") else None
        if y is None and sc.anchor:
            a = _closest_year(mo, d1, sc.anchor, _tense(sc, m.start(), m.end()))
            y = a.year if a else None
        try:
            days = [dt.date(y, mo, d).isoformat() if y else f"XXXX-{mo:02d}-{d:02d}" for d in (d1, d2)]
            if y:
                dt.date(y, mo, d2)
        except ValueError:
            continue
        val = "/".join(days) if d2 == d1 + 1 else ",".join(days)
        anchored = bool(sc.anchor and not m.group("y"))
        notes = [f"year from the publication date {sc.anchor}"] if anchored else []
        sc.add(Timex(m.start(), m.end(), "", "DATE", val, "day", "range", anchored, notes))


# «تلك السنة», «ذلك العام», «العام نفسه»: a year named only by reference to an earlier one
_ANAPHORIC_YEAR = re.compile(_f(rf"{_B}(?:(?:تلك|ذلك|نفس)\s+(?:السنة|العام)|(?:العام|السنة)\s+(?:ذاته|ذاتها|نفسه|نفسها)){_E}"))


def _anaphoric_years(sc: _Scan) -> None:
    """«تلك السنة» → XXXX: a year the text refers back to, left unresolved."""
    for m in sc.finditer(_ANAPHORIC_YEAR):
        sc.add(Timex(m.start(), m.end(), "", "DATE", "XXXX", "year", "anaphoric"))


# a football season runs from August to May: «هذا الموسم», «الموسم المنصرم»
# «بداية الموسم», «مطلع الموسم الجديد»: a part of the season is the season; a bare «الموسم» is not tagged
_SEASON_SPORT = re.compile(_f(
    rf"{_B}(?:هذا\s+الموسم|(?:(?P<part>بداية|مطلع|نهاية|ختام|منتصف|انطلاق|انطلاقة|بدء)\s+)?الموسم"
    rf"(?:\s+(?P<rel>الحالي|الجاري|الماضي|المنصرم|الفائت|المقبل|القادم|الجديد))?){_E}"))
_SPORT_CUE = re.compile(_f(r"(?<![\u0621-\u064a])(?:[وفبل]|ال)*(?:دوري|مباراة|مباريات|هدف|هدفا|أهداف|اهداف|لاعب|لاعبا|نادي|بطولة|منتخب"
                           r"|الفريق|فريق|كأس|كاس|(?:كرة|اتحاد)\s+القدم|اللقب|مدرب|الملعب|ملعب|المحترفين|الانتقالات)"))


_NOT_ADJECTIVE = frozenset(_f(w) for w in ("الذي", "التي", "الذين", "إلى", "إلا", "اللذين", "اللتين"))


def _season_value(anchor: dt.date, rel: str | None) -> str:
    """The season (``2017/2018``) at the anchor: the current one (from July the coming one), for
    «المنصرم/الماضي» the one before (in May and June, the one just ending), or the next one."""
    end = anchor.year + (1 if anchor.month >= 7 else 0)
    step = _rel_step(rel)
    if step < 0 and anchor.month not in (5, 6):
        end -= 1
    elif step > 0:
        end += 1
    return f"{end - 1}/{end}"


def _sport_seasons(sc: _Scan) -> None:
    """Sports seasons, when the sentence speaks of matches, goals or players (not «موسم الحج»)."""
    if sc.anchor is None:
        return
    for m in sc.finditer(_SEASON_SPORT):
        if m.group(0).startswith(_f("الموسم")) and not m.group("rel"):
            continue  # a bare «الموسم» points back to a season named before
        nxt = sc.norm[m.end() : m.end() + 12].split()[:1]
        if m.group("part") and not m.group("rel") and nxt and nxt[0].startswith("ال") and nxt[0] not in _NOT_ADJECTIVE:
            continue  # «بداية الموسم الزراعي / السياحي»: not a sports season (but «بداية الموسم الذي …»)
        if not _SPORT_CUE.search(sc.norm, max(sc.start, m.start() - 250), min(sc.end, m.end() + 150)):
            continue
        rel = m.group("rel")
        if rel == _f("الجديد"):  # the season about to start, or the next one while this one runs
            rel = None if sc.anchor.month >= 7 else _f("المقبل")
        sc.add(Timex(m.start(), m.end(), "", "DATE", _season_value(sc.anchor, rel), "year", "relative", True))


# a school year runs from September to June: «العام الدراسي الجديد», «السنة الدراسية الماضية»
_SCHOOL_YEAR = re.compile(_f(rf"{_B}(?:في\s+|خلال\s+)?(?:ال|لل)(?:عام|سنة)\s+(?:الدراسي|الدراسية)\s+(?P<rel>{_REL_WORD}|الجديد|الجديدة|الفائت|الفائتة)") + _E)


def _school_year_value(anchor: dt.date, rel: str) -> str:
    """The school year (``2015/2016``): the coming one starts in the next September (from June on, the
    one about to start), the current one is in progress (until August, the one that started last
    year), the last one has ended (from July on, the one just ended)."""
    y = anchor.year
    if rel.startswith((_f("الجديد"), _f("المقبل"), _f("القادم"))):
        start = y if anchor.month <= 9 else y + 1
    elif rel.startswith((_f("الماضي"), _f("المنصرم"), _f("الفائت"))):
        start = y - 1 if anchor.month >= 7 else y - 2
    else:
        start = y if anchor.month >= 9 else y - 1
    return f"{start}/{start + 1}"


def _school_years(sc: _Scan) -> None:
    """School years with a relative word, from the publication date."""
    if sc.anchor is None:
        return
    for m in sc.finditer(_SCHOOL_YEAR):
        sc.add(Timex(m.start(), m.end(), "", "DATE", _school_year_value(sc.anchor, m.group("rel")), "year", "relative", True))


_CENTURY_ORD = {_f(w): n for w, n in (("التاسع عشر", 19), ("العشرين", 20), ("الحادي والعشرين", 21), ("الثامن عشر", 18),
                                      ("السابع عشر", 17), ("السادس عشر", 16))}
_CENT_ALT = "|".join(sorted((k.replace(" ", r"\s+") for k in _CENTURY_ORD), key=len, reverse=True))
_CENTURY = re.compile(rf"{_B}(?:ال)?قرن(?:ين|ان)?\s+(?P<a>{_CENT_ALT})(?:\s+و\s*(?P<b>{_CENT_ALT}))?{_E}")


def _centuries(sc: _Scan) -> None:
    """Centuries: «القرن العشرين» → 19XX, «القرنين العشرين والحادي والعشرين» → 19XX/20XX."""
    for m in sc.finditer(_CENTURY):
        cents = [_CENTURY_ORD[re.sub(r"\s+", " ", g)] for g in (m.group("a"), m.group("b")) if g]
        val = "/".join(f"{c - 1}XX" for c in cents)
        sc.add(Timex(m.start(), m.end(), "", "DATE", val, "century", "absolute"))


_MONTH_ALT = "|".join(sorted((k.replace(" ", r"\s+") for k in MONTHS), key=len, reverse=True))
_PLAIN_MONTHS = {_f(forms) for forms in ("يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس",
                                         "اغسطس", "سبتمبر", "أكتوبر", "اكتوبر", "نوفمبر", "ديسمبر")}
# a month without day or year: «شباط/فبراير» (both names), «شهر مايو», «في يناير»
_BARE_MONTH = re.compile(
    rf"{_B}(?:(?P<prep>{_f('في|خلال|منذ|حتى|مطلع|بداية|نهاية|بحلول|قبل|بعد')})\s+)?[بل]?(?P<shahr>{_f('شهر')}\s+)?(?P<m1>{_MONTH_ALT})(?![\u0621-\u064a])"
    rf"(?:(?:\s*[/\\(]\s*|\s+)(?P<m2>{_MONTH_ALT})(?![\u0621-\u064a])\s*\)?)?")
_REL_YEAR = "|".join(("الماضي", "الماضية", "المنصرم", "الجاري", "الحالي", "الحالية", "المقبل", "المقبلة", "القادم"))
# «أبريل (نيسان) من العام الماضي», «مارس من العام المقبل»: a month of the year before, this one or the next
_MONTH_OF_REL_YEAR = re.compile(
    rf"{_B}(?P<shahr>{_f('شهر')}\s+)?(?P<m1>{_MONTH_ALT})(?![\u0621-\u064a])"
    rf"(?:(?:\s*[/\\(]\s*|\s+)(?P<m2>{_MONTH_ALT})(?![\u0621-\u064a])\s*\)?)?"
    rf"\s+(?:{_f('من')}\s+)?(?:{_f('العام|السنة')})\s+(?P<rel>{_f(_REL_YEAR)})"
    r"(?![\u0621-\u064a])")
# «13 فبراير/شباط العام الماضي», «5 مارس من العام المقبل»: a day of the year before, this one or the next
_DAY_OF_REL_YEAR = re.compile(
    rf"(?:{_WD}\s*[،,]?\s*)?(?<![\d/.])(?P<d>[0-3]?\d)(?!\d)\s*(?:{_f('من')}\s+)?{_M}{_M2}\s+(?:{_f('من')}\s+)?(?:{_f('العام|السنة')})\s+"
    rf"(?P<rel>{_f(_REL_YEAR)})(?![\u0621-\u064a])")
_YEAR_STEP = {_f(w): (-1 if w.startswith(("الماضي", "المنصرم")) else 1 if w.startswith(("المقبل", "القادم")) else 0)
              for w in _REL_YEAR.split("|")}


def _days_of_relative_years(sc: _Scan) -> None:
    """«13 فبراير/شباط العام الماضي»: the day in the year the relative word points to (run before ``_dates``,
    which would give the day the nearest year and leave «العام الماضي» a date of its own)."""
    for m in sc.finditer(_DAY_OF_REL_YEAR):
        y = sc.anchor.year + _YEAR_STEP[m.group("rel")] if sc.anchor else None
        d, mo = int(m.group("d")), _month_of(m)
        if y is None or not 1 <= d <= calendar.monthrange(y, mo)[1]:
            continue
        sc.add(Timex(m.start(), m.end(), "", "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "day", "relative", True))


def _months_of_relative_years(sc: _Scan) -> None:
    """«أبريل (نيسان) من العام الماضي»: the month of the year the relative word points to."""
    for m in sc.finditer(_MONTH_OF_REL_YEAR):
        mo = _month_of(m)
        s = m.start("shahr") if m.group("shahr") else m.start("m1")
        if sc.anchor:
            y = sc.anchor.year + _YEAR_STEP[m.group("rel")]
            sc.add(Timex(s, m.end(), "", "DATE", f"{y:04d}-{mo:02d}", "month", "relative", True))
        else:
            sc.add(Timex(s, m.end(), "", "DATE", f"XXXX-{mo:02d}", "month", "relative", False))


# the month that closes a span of months, with the year: «بين آب/أغسطس وتشرين الأول/أكتوبر 2015»
_MONTH_SPAN_END = re.compile(
    rf"\s*(?:و|{_f('إلى|الى|حتى')}|-|–)\s*(?:{_f('شهر')}\s+)?(?P<m1>{_MONTH_ALT})(?![\u0621-\u064a])"
    rf"(?:\s*[/\\(]\s*(?:{_MONTH_ALT})(?![\u0621-\u064a])\s*\)?)?\s*(?:{_f('من')}\s+)?(?:{_f('عام')}\s*)?(?P<y>{_Y4})(?!\d)")


def _bare_month_year(sc: _Scan, m: re.Match[str], mo: int) -> tuple[int | None, bool]:
    """(year, anchored) of a month alone: the year of the month that closes its span, or the one
    the publication date points to (past-leaning, as for yearless days)."""
    span = _MONTH_SPAN_END.match(sc.norm, m.end(), sc.end)
    if span:
        y = int(span.group("y"))
        return (y if mo <= _month_of(span) else y - 1), False
    a = _closest_year(mo, 0, sc.anchor, _tense(sc, m.start(), m.end())) if sc.anchor else None
    return (a.year if a else None), bool(a)


def _bare_months(sc: _Scan) -> None:
    """Months alone, their year from a month span's end or from the publication date."""
    for m in sc.finditer(_BARE_MONTH):
        mo = _month_of(m)
        m2 = m.group("m2")
        if m2 and MONTHS[re.sub(r"\s+", " ", m2)] != mo:
            continue
        if not (m2 or m.group("shahr") or (m.group("prep") and m.group("m1") in _PLAIN_MONTHS)
                or (m.group("m1") in _PLAIN_MONTHS and _SPAN_OPEN.search(sc.norm, max(0, m.start() - 6), m.start())
                    and _NEXT_MONTH.match(sc.norm, m.end(), sc.end))):
            continue
        chain = [(m.start("shahr") if m.group("shahr") else m.start("m1"), m.end(), mo), *_next_months(sc, m.end())]
        years = _chain_years(sc, m, chain)
        if len(chain) > 1 and (yr := _TRAILING_YEAR.match(sc.norm, chain[-1][1])):
            chain[-1] = (chain[-1][0], yr.end(), chain[-1][2])  # «وأبريل 2012»: the year in the last month's span
        for (s, e, mo_k), (y, anchored) in zip(chain, years, strict=True):
            sc.add(Timex(s, e, "", "DATE", f"{y:04d}-{mo_k:02d}" if y else f"XXXX-{mo_k:02d}", "month", "partial", anchored))


# «بين يناير وأبريل», «من يوليو إلى سبتمبر»: a month that opens a span of months
_SPAN_OPEN = re.compile(_f(r"(?<![\u0621-\u064a])(?:بين|من)\s+$"))
# a month coordinated with the one before it: «في يونيو أو يوليو», «بين يناير وأبريل», «في ديسمبر ويناير»
_NEXT_MONTH = re.compile(
    rf"\s*(?:{_f('و|أو|او|إلى|الى|حتى')}|-)\s*(?P<shahr>{_f('شهر')}\s+)?(?P<m1>{_MONTH_ALT})(?![\u0621-\u064a])"
    rf"(?:(?:\s*[/\\(]\s*|\s+)(?P<m2>{_MONTH_ALT})(?![\u0621-\u064a])\s*\)?)?")


def _next_months(sc: _Scan, at: int) -> list[tuple[int, int, int]]:
    """(start, end, month) of the months coordinated after a month found alone."""
    out = []
    while (n := _NEXT_MONTH.match(sc.norm, at, sc.end)) and not no_pair(n):
        out.append((n.start("shahr") if n.group("shahr") else n.start("m1"), n.end(), _month_of(n)))
        at = n.end()
    return out


_TRAILING_YEAR = re.compile(rf"\s*(?:{_f('عام|العام')}\s*)?(?P<y>{_Y4})(?!\d)")
_RANGE_WORD = re.compile(_f(r"\s*(?:إلى|الى|حتى|-|–)"))


def _chain_years(sc: _Scan, first: re.Match[str], chain: list[tuple[int, int, int]]) -> list[tuple[int | None, bool]]:
    """(year, anchored) of each month of a chain. A span of months («بين يوليو وديسمبر», «من يوليو إلى
    سبتمبر») runs forward in time; a list («في مايو ونيسان») names months of one year, each placed alone. A
    year or a relative word after the last month («في نوفمبر وديسمبر 2013», «بين سبتمبر ويناير الماضيين»)
    places the last one first."""
    span = bool(_SPAN_OPEN.search(sc.norm, max(0, first.start() - 6), first.start())) or any(
        _RANGE_WORD.match(sc.norm, a_end) for (_, a_end, _) in chain[:-1])
    end, last = chain[-1][1], chain[-1][2]
    yr = _TRAILING_YEAR.match(sc.norm, end)
    tense = False if _PAST_AFTER.match(sc.norm, end) else True if _NEXT_AFTER.match(sc.norm, end) else None
    if len(chain) == 1:
        return [_bare_month_year(sc, first, last)]
    if yr or (tense is not None and sc.anchor):
        a = None if yr else _closest_year(last, 0, sc.anchor, tense)
        y_last = int(yr.group("y")) if yr else a.year if a else None
        if not span:
            return [(y_last if yr else (c.year if (c := _closest_year(mo, 0, sc.anchor, tense)) else None), True)
                    for (_, _, mo) in chain]
        ys = [y_last]
        for (_, _, mo), (_, _, nxt) in zip(reversed(chain[:-1]), reversed(chain[1:]), strict=True):
            ys.append(ys[-1] - (mo > nxt) if ys[-1] else None)
        return [(y, bool(y)) for y in reversed(ys)]
    y, anchored = _bare_month_year(sc, first, chain[0][2])
    out = [(y, anchored)]
    for (_, _, prev), (_, _, mo) in zip(chain, chain[1:], strict=False):
        if span:
            y = (y + (mo < prev)) if y else None
        else:
            c = _closest_year(mo, 0, sc.anchor, _tense(sc, first.start(), first.end())) if sc.anchor else None
            y = c.year if c else None
        out.append((y, anchored))
    return out


# a year before 1900 with its word: «عام 1854» (without هـ: the Hijri finder takes «عام 1436هـ»)
_OLD_YEAR = re.compile(_f(rf"{_B}(?:(?:في|منذ|حتى|قبل|بعد)\s+)?(?:عام|العام|سنة)\s*(?P<y>1[5-8]\d\d)(?!\d)(?!\s*ه)"))


# a bare year, as in a named event («كأس العالم بروسيا 2018», «رؤية 2030»): a plausible year not
# counting something (the next word is no noun), not a quantity («بلغ 2018», «نحو 2000») and not the
# number of a resolution, law, article, flight or road («القرار 1973»)
_BARE_YEAR = re.compile(
    r"(?<![\d\u0621-\u064a/.,:%$\u0640-])(?P<y>19[5-9]\d|20[0-3]\d)(?![\d/.,:%\u0660-\u0669])"
    + _f(r"(?=\s*(?:$|[^\s\u0621-\u064a\d]|(?:في|على|من|إلى|الى|حيث|التي|الذي|عندما|حين|بعد|قبل|وسط|أو|او)(?![\u0621-\u064a])|و[\u0621-\u064a]))"))
_NOT_YEAR_BEFORE = re.compile(_f(r"(?:بلغ|بلغت|يبلغ|تبلغ|نحو|حوالي|قرابة|رقم|الرقم|العدد|عدد|إلى|الى|من|بين|و|مجموع|إجمالي|اجمالي)\s*$"))
# the noun a number identifies, up to three words back: «لقرار مجلس الأمن الدولي 1973»
_ID_NOUN_BEFORE = re.compile(_f(r"(?<![\u0621-\u064a])(?:[وفبل]|ال|لل)*(?:قرار|رقم|قانون|مادة|بند|رحلة|طريق|غرفة|طراز)"
                                r"(?:\s+[\u0621-\u064a\u0640]+){0,3}\s*$"))


def _bare_years(sc: _Scan) -> None:
    """Years written alone, after a name: «بروسيا 2018» → 2018."""
    for m in sc.finditer(_BARE_YEAR):
        if _NOT_YEAR_BEFORE.search(sc.norm, max(sc.start, m.start() - 12), m.start()) or _ID_NOUN_BEFORE.search(
                sc.norm, max(sc.start, m.start() - 50), m.start()):
            continue
        sc.add(Timex(m.start(), m.end(), "", "DATE", m.group("y"), "year", "absolute"))


def _old_years(sc: _Scan) -> None:
    """Years from 1500 to 1899 written after «عام/سنة»."""
    for m in sc.finditer(_OLD_YEAR):
        sc.add(Timex(m.start(), m.end(), "", "DATE", m.group("y"), "year", "absolute"))


# «ينهي الذهب الأسبوع», «منهية الأسبوع على خسارة»: the period of the publication date
_PERIOD_END = re.compile(_f(rf"{_B}(?:{'|'.join(_WORDS['period_end']['verbs'])})\s+(?:[\u0621-\u064a]+\s+)?"
                            r"(?:(?:تعاملات|تداولات)\s+)?(?P<unit>الأسبوع|الاسبوع|الشهر)") + _E)


def _closed_periods(sc: _Scan) -> None:
    """A period a market report closes: «ينهي الذهب الأسبوع» is the week of the publication date."""
    if sc.anchor is None:
        return
    for m in sc.finditer(_PERIOD_END):
        unit = m.group("unit")
        val = _period_value(unit, 0, sc.anchor)
        sc.add(Timex(m.start("unit"), m.end(), "", "DATE", val, _PERIOD_PREC.get(unit, "week"), "relative", True))


# «ليلة السبت-الأحد», «ليل الجمعة إلى السبت»: a night across two days is the range of both
_NIGHT_ACROSS = re.compile(_f(rf"{_B}(?:ليلة|ليله|ليل)\s+(?P<a>{_WD_ALT})\s*(?:-|–|/|إلى|الى|على)\s*(?P<b>{_WD_ALT})") + _E)


def _nights_across(sc: _Scan) -> None:
    """The night from one weekday to the next: both days, the second one resolved as a weekday."""
    for m in sc.finditer(_NIGHT_ACROSS):
        a, b = WEEKDAYS[m.group("a")], WEEKDAYS[m.group("b")]
        if b != (a + 1) % 7:
            continue
        if sc.anchor is None:
            val = f"XXXX-WXX-{a + 1}/XXXX-WXX-{b + 1}"
        else:
            rel = _WEEKDAY_REL.match(sc.norm, m.end())
            ahead = rel is None and _tense(sc, m.start(), m.end()) is True
            second = sc.anchor + dt.timedelta(days=_weekday_delta(b, sc.anchor, rel, ahead))
            val = f"{(second - dt.timedelta(days=1)).isoformat()}/{second.isoformat()}"
        sc.add(Timex(m.start(), m.end(), "", "DATE", val, "day", "weekday", sc.anchor is not None))


# «العقود الأميركية للذهب تسليم يونيو»: a contract month, the next one from the publication month on
_DELIVERY = re.compile(rf"{_B}(?:{_f('|'.join(_WORDS['delivery']['words']))})\s+(?:{_f('شهر')}\s+)?(?P<m1>{_MONTH_ALT})(?![\u0621-\u064a])"
                       rf"(?:(?:\s*[/\\(]\s*|\s+)(?P<m2>{_MONTH_ALT})(?![\u0621-\u064a])\s*\)?)?")


def _delivery_months(sc: _Scan) -> None:
    """Contract months: the first such month on or after the publication month."""
    for m in sc.finditer(_DELIVERY):
        mo = _month_of(m)
        y = (sc.anchor.year + (mo < sc.anchor.month)) if sc.anchor else None
        sc.add(Timex(m.start("m1"), m.end(), "", "DATE", f"{y:04d}-{mo:02d}" if y else f"XXXX-{mo:02d}", "month",
                     "partial", bool(sc.anchor)))


# ----------------------------------------------------------------------------- joined expressions
# Passes over what the finders found: two dates joined into a range, a weekday given the value of
# the date «الموافق» equates it with.

_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
# «من 4-9-1436هـ إلى 15-9-1436هـ», «بتاريخ 1 يناير حتى 5 فبراير»: nothing else between the dates
_RANGE_JOIN = re.compile(_f(r"\s*(?:و\s*)?(?:إلى|الى|حتى|لغاية)\s*(?:(?:نهاية|انتهاء)\s+(?:دوام\s+)?)?"))
_WD_SPAN = re.compile(rf"(?:(?:يوم|مساء|صباح)\s+)?(?:{'|'.join(sorted(WEEKDAYS, key=len, reverse=True))})(?![\u0621-\u064a])")
_EQUALS = re.compile(_f(r"\s*[،,]?\s*الموافق\s*"))


def _is_day(t: Timex) -> bool:
    return t.type == "DATE" and bool(_DAY_VALUE.fullmatch(t.value))


_WEEKDAY_RELWORD = re.compile(_f(r"(?:الماضي|المقبل|القادم|المنصرم)"))  # a weekday that says which one it is


def _joined_ranges(sc: _Scan) -> None:
    """Two dated days joined by «إلى / حتى» are one range: «4 – 9 - 1436هـ إلى 15- 9 - 1436هـ» →
    ``2015-06-21/2015-07-02`` (and ``1436-09-04/1436-09-15``); so are two weekdays («من الثلاثاء إلى
    الخميس»: the Thursday after that Tuesday). Weekdays each equated with a date («يوم الأحد الموافق
    24-10-1436هـ وحتى يوم الثلاثاء الموافق 3-11-1436هـ») stay four expressions, the smallest phrases (batch C's
    reading; batch F's annotator made one range of them: docs/annotation-who-when.md §4)."""
    out: list[Timex] = []
    for t in sorted(sc.out, key=lambda t: t.start):
        p = out[-1] if out else None
        if p and p.kind == t.kind == "weekday" and p.value >= t.value and t.value[:1].isdigit() and p.value[:1].isdigit() \
                and _RANGE_JOIN.fullmatch(sc.norm, p.end, t.start) and not _WEEKDAY_RELWORD.search(sc.norm, t.start, t.end):
            d = dt.date.fromisoformat(p.value)
            t.value = (d + dt.timedelta(days=(_weekday_of(sc, t) - d.weekday()) % 7 or 7)).isoformat()
        if (p and _is_day(p) and _is_day(t) and p.value < t.value and (p.hijri is None) == (t.hijri is None)
                and _RANGE_JOIN.fullmatch(sc.norm, p.end, t.start)):
            hijri = f"{p.hijri}/{t.hijri}" if p.hijri and t.hijri else None
            out[-1] = Timex(p.start, t.end, sc.text[p.start : t.end], "DATE", f"{p.value}/{t.value}", "day", "range",
                            p.anchored or t.anchored, p.notes + [n for n in t.notes if n not in p.notes], hijri)
        else:
            out.append(t)
    sc.out[:], sc.taken[:] = out, sorted((t.start, t.end) for t in out)


def _equated_weekdays(sc: _Scan) -> None:
    """«يوم الأحد (القادم) الموافق 24-10-1436هـ»: the weekday and the date are two expressions with
    the date's value (when the date falls on that weekday); a date found with its weekday is split."""
    out: list[Timex] = []
    for t in sorted(sc.out, key=lambda t: t.start):
        wd = _WD_SPAN.match(sc.norm, t.start, t.end) if _is_day(t) else None
        eq = _EQUALS.match(sc.norm, wd.end(), t.end) if wd else None
        if wd and eq and eq.end() < t.end:  # a date found with «الأحد الموافق» before it
            day = Timex(t.start, wd.end(), sc.text[t.start : wd.end()], "DATE", t.value, "day", "weekday", t.anchored)
            t.start, t.text = eq.end(), sc.text[eq.end() : t.end]
            out.append(day)
        out.append(t)
    by_start = {t.start: t for t in out}
    for t in out:
        eq = _EQUALS.match(sc.norm, t.end) if t.kind == "weekday" else None
        date = by_start.get(eq.end()) if eq else None
        if date and _is_day(date) and dt.date.fromisoformat(date.value).weekday() == _weekday_of(sc, t):
            t.value, t.anchored = date.value, date.anchored
            t.notes.append("the date it is equated with («الموافق»)")
    sc.out[:], sc.taken[:] = out, sorted((t.start, t.end) for t in out)


def _today_with_date(sc: _Scan) -> None:
    """«اليوم الخميس 7/ 10/ 1436هـ»: a relative day right before a date of the same day that starts with
    its weekday is one expression."""
    out: list[Timex] = []
    for t in sorted(sc.out, key=lambda t: t.start):
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "relative" and prev.precision == "day" and prev.value == t.value
                and not sc.norm[prev.end : t.start].strip(" ،,") and _WD_SPAN.match(sc.norm, t.start, t.end)):
            t.start, t.text = prev.start, sc.text[prev.start : t.end]
            out[-1] = t
            continue
        out.append(t)
    sc.out[:], sc.taken[:] = out, sorted((t.start, t.end) for t in out)


def _weekday_of(sc: _Scan, t: Timex) -> int | None:
    m = WEEKDAY_RE.search(sc.norm, t.start, t.end)
    return WEEKDAYS[m.group("wd")] if m else None


# «حينها», «آنذاك»: the time last named; «بعدها بسبعة أعوام», «قبل ذلك بيومين»: counted from it
_THEN = re.compile(_word("|".join(_WORDS["then"]["words"])))
_COUNTED_FROM = re.compile(_f(rf"{_B}(?P<dir>بعدها|قبلها|بعد\s+ذلك|قبل\s+ذلك)\s*[،,]?\s+ب\u0640*\s*(?:(?P<num>{_NUM})\s+)?(?P<unit>{_UNIT_ALT})") + _E)
_YEAR_VALUE = re.compile(r"\d{4}")


def _last_point(sc: _Scan, pos: int, since: int) -> Timex | None:
    """The last dated expression (a year, month or day; no range, duration or vague reference)
    that ends before ``pos`` and starts after ``since``."""
    pts = [t for t in sc.out if since <= t.start and t.end <= pos and t.type == "DATE"
           and re.fullmatch(r"\d{4}(?:-\d\d){0,2}", t.value)]
    return max(pts, key=lambda t: t.end, default=None)


def _counted_value(ref: Timex, n: int, unit: str, back: bool) -> str | None:
    """A year counted from a year, or a day counted in days or weeks from a day."""
    if unit == "Y" and _YEAR_VALUE.fullmatch(ref.value):
        return str(int(ref.value) + (-n if back else n))
    if unit in "DW" and _DAY_VALUE.fullmatch(ref.value):
        days = n * (7 if unit == "W" else 1)
        return (dt.date.fromisoformat(ref.value) + dt.timedelta(days=-days if back else days)).isoformat()
    return None


def _anaphoric_times(sc: _Scan) -> None:
    """«حينها / آنذاك» take the value of the last date in their sentence (else PAST_REF);
    «بعدها بسبعة أعوام» is seven years after the last date within the two sentences before."""
    found = sorted([(m, False) for m in sc.finditer(_THEN)] + [(m, True) for m in sc.finditer(_COUNTED_FROM)],
                   key=lambda x: x[0].start())
    for m, counted in found:
        s0 = max(sc.norm.rfind(c, 0, m.start()) for c in _SENT_END) + 1
        if counted:
            ref = _last_point(sc, m.start(), max(sc.start, s0 - 300))
            unit = _UNITS_F.get(m.group("unit"), "D")
            val = _counted_value(ref, _ago_count(m), unit, m.group("dir").startswith(_BEFORE)) if ref else None
            if val:
                sc.add(Timex(m.start(), m.end(), "", "DATE", val, _UNIT_PREC[unit], "anaphoric", ref.anchored,
                             [f"counted from «{ref.text}»"]))
            continue
        ref = _last_point(sc, m.start(), max(sc.start, s0))
        if ref:
            sc.add(Timex(m.start(), m.end(), "", "DATE", ref.value, ref.precision, "anaphoric", ref.anchored,
                         [f"the time of «{ref.text}»"], hijri=ref.hijri))
        else:
            sc.add(Timex(m.start(), m.end(), "", "DATE", "PAST_REF", "vague", "vague"))


# The finders in priority order: where two expressions overlap the earlier finder's is kept.
_FINDERS = (_hijri, _year_spans, _ranges, _coordinated_days, _days_of_relative_years, _dates, _parts_of_year, _month_relative, _months_of_relative_years, _days_of_relative_months, _hours_of_days, _relative_days,
            _durations, _decades, _named_decades, _closed_periods, _relative_periods, _ago, _nights_across, _weekdays, _this_and_seasons,
            _sport_seasons, _school_years, _part_of_month, _delivery_months, _bare_months, _years, _old_years, _anaphoric_years,
            _centuries, _vague, _counted_durations, _clock_times, _hour_times, _bare_years,
            # passes over what was found: weekdays equated with dates, joined ranges, «حينها»
            _equated_weekdays, _today_with_date, _joined_ranges, _anaphoric_times)


def find_timexes(text: str, published: DateValue | None, start: int = 0, end: int | None = None,
                 names: Sequence[tuple[int, int]] = ()) -> list[Timex]:
    """The temporal expressions in text[start:end], anchored on the publication date, in text order.
    ``names``: spans of people's names, which hold no date («محمد رمضان», «أحمد الخميس», «رجب طيب أردوغان»)."""
    end = len(text) if end is None else end
    sc = _Scan(text, normalize_same_length(text), _anchor(published), start, end)
    for a, b in sorted(names):
        if sc.free(a, b):
            bisect.insort(sc.taken, (a, b))
    for finder in _FINDERS:
        finder(sc)
    sc.out.sort(key=lambda t: t.start)
    return sc.out
