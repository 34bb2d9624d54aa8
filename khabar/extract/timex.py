"""Temporal expressions in the article body, normalised to ISO values (TIMEX3-like).

Recognised: absolute and partial dates (:mod:`khabar.dates`), day ranges («يومي 19 و20
نوفمبر», «من 9 الى 11 فبراير»), weekdays («يوم الاربعاء»), relative days (أمس، أمس الأول،
اليوم، غدا، بعد غد، الليلة), relative periods (الأسبوع/الشهر/العام الماضي|المقبل|الحالي،
«نوفمبر الماضي»), «منذ/قبل عامين», years («عام 2008», «في 2010») and vague references
(«في وقت سابق», «مؤخرا», «حاليا»). Values are anchored on the article's publication date;
an expression whose value needs an anchor the article lacks keeps its unresolved form
(``XXXX-11-19``) and says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import DateValue, Timex
from ..text.dates import (
    _M,
    _M2,
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
)
from ..text.textnorm import normalize_same_length
from ..text.tokenize import vocabulary

_AR = "\u0621-\u064a"
_B = rf"(?<![{_AR}])(?:[وف](?=[{_AR}]))?"
_E = rf"(?![{_AR}])"


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
    (r"أمس|البارحة", -1),
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
_MONTH_REL = re.compile(rf"{_M}{_M2}\s+(?P<rel>{_f('الماضي|المقبل|القادم|الحالي|الجاري|المنصرم')}){_E}")
_AGO = re.compile(
    _f(rf"{_B}(?P<dir>منذ|قبل|بعد|خلال)\s+(?:(?P<num>\d+|{'|'.join(_NUMWORDS)})\s+)?(?P<unit>{'|'.join(sorted(_UNITS, key=len, reverse=True))})"
       r"(?:\s+(?:و)?نصف)?") + _E
)
_YEAR = re.compile(_f(rf"{_B}(?:(?:(?:في|منذ|خلال|حتى|بحلول|قبل|بعد)\s+)(?:عام|العام|سنة|سنه)?|(?:عام|العام|سنة|سنه))\s*(?P<y>(?:19|20)\d\d)(?!\d)"))
_THIS = re.compile(_f(rf"{_B}(?:هذا|هذه)\s+(?P<unit>العام|السنة|الشهر|الأسبوع|الاسبوع|الخريف|الشتاء|الربيع|الصيف){_E}"))
_SEASON = re.compile(_f(rf"{_B}(?P<unit>الخريف|الشتاء|الربيع|الصيف)\s+(?P<rel>الماضي|المقبل|القادم|الحالي){_E}"))
_SEASONS = {_f("الخريف"): "FA", _f("الشتاء"): "WI", _f("الربيع"): "SP", _f("الصيف"): "SU"}
_PART_MONTH = re.compile(rf"{_B}(?:{_f('مطلع|أوائل|اوائل|منتصف|أواخر|اواخر|نهاية|بداية|أواسط')})\s+(?:شهر\s+)?{_M.replace(chr(94), '')}{_M2}(?:\s*(?:عام\s*)?(?P<y>(?:19|20)\d\d))?")
_RANGE = re.compile(
    _f(rf"{_B}(?:يومي|بين|من|في\s+الفترة\s+من|الفترة\s+من)\s+(?P<d1>[0-3]?\d)\s*(?:و|الى|إلى|حتى|-|–)\s*(?P<d2>[0-3]?\d)\s*(?:من\s+)?")
    + rf"{_M}{_M2}(?:\s*(?:عام\s*)?(?P<y>(?:19|20)\d\d))?"
)
_VAGUE = [
    (r"في\s+وقت\s+سابق|سابقا|سابقاً|مؤخرا|مؤخراً|في\s+السابق|من\s+قبل", "PAST_REF"),
    (r"حاليا|حالياً|الآن|في\s+الوقت\s+الحالي|في\s+الوقت\s+الراهن", "PRESENT_REF"),
    (r"قريبا|قريباً|في\s+وقت\s+لاحق|مستقبلا|مستقبلاً|في\s+المستقبل", "FUTURE_REF"),
]


_RELDAY_RX = [(re.compile(_word(pat)), delta) for pat, delta in _RELDAY]
_VAGUE_RX = [(re.compile(_word(pat)), val) for pat, val in _VAGUE]
_RUSSIA = _f("روسيا ")
_PERIOD_PREC = {"العام": "year", "السنه": "year", "الشهر": "month"}
_UNIT_DAYS = {"D": 1, "W": 7, "M": 30.5, "Y": 365.25}
_UNIT_PREC = {"D": "day", "W": "week", "M": "month", "Y": "year"}
_SEASON_PAST = (_f("الماضي"),)
_SEASON_NEXT = (_f("المقبل"), _f("القادم"))
_YEAR_UNITS = (_f("العام"), _f("السنة"))
_MONTH_UNIT = _f("الشهر")
_WEEKDAY_REL = re.compile(_f(
    r"\s+(?:(?P<x>بعد|قبل)\s+)?(?P<rel>المقبل|المقبلة|القادم|القادمة|الماضي|الماضية|المنصرم|المنصرمة|الفائت|الفائتة)(?![\u0621-\u064a])"))
_WD_NEXT = (_f("المقبل"), _f("القادم"))
_AFTER, _BEFORE = _f("بعد"), _f("قبل")
_FUTURE_CUE = re.compile(_f(
    r"(?<![\u0621-\u064a])[وف]?(?:سوف|المقرر|المزمع|المزمعة|المرتقب|المرتقبة|المقبل|المقبلة|القادم|القادمة|يعتزم|تعتزم"
    r"|المتوقع|يتوقع|تتوقع|المنتظر)(?![\u0621-\u064a])"))
# a verb with the future prefix: «سيسري», «ستنطلق» (what follows «س» is itself a common word, so
# not «سيارة» or «سنوات»)
_FUTURE_VERB = re.compile(r"(?<![\u0621-\u064a])[وف]?س(?P<rest>[يتن][\u0621-\u064a]{2,})")
_NOT_FUTURE = {_f(w) for w in "سيدة سيدات ستين سنية ستريب ستور سيري".split()}
_PAST_AFTER = re.compile(_f(r"\s*(?:الماضي|الماضية|الماضيين|الماضيتين|المنصرم|المنصرمة|المنصرمين|المنقضي|الفائت)(?![\u0621-\u064a])"))
_NEXT_AFTER = re.compile(_f(r"\s*(?:المقبل|المقبلة|القادم|القادمة)(?![\u0621-\u064a])"))
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
        """No expression found so far overlaps [a, b)."""
        return all(b <= s or a >= e for s, e in self.taken)

    def add(self, t: Timex) -> None:
        """Trim the expression, set its text and keep it unless its span is taken."""
        text = self.text
        while t.end > t.start and text[t.end - 1] in " \t،,":
            t.end -= 1
        if text[t.start : t.start + 1] in ("و", "ف") and t.kind != "absolute" and not self.norm.startswith(("في ", "فبراير"), t.start):
            t.start += 1  # «وأمس» → «أمس»
        t.text = text[t.start : t.end]
        if self.free(t.start, t.end):
            self.taken.append((t.start, t.end))
            self.out.append(t)

    def finditer(self, rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of ``rx`` in the window."""
        return rx.finditer(self.norm, self.start, self.end)


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
    """The month number of a match's ``m1`` group."""
    return MONTHS[re.sub(r"\s+", " ", m.group("m1"))]


def _ranges(sc: _Scan) -> None:
    """Day ranges: «يومي 19 و20 نوفمبر/تشرين الثاني», «من 9 الى 11 فبراير»."""
    anchor = sc.anchor
    for m in sc.finditer(_RANGE):
        mo = _month_of(m)
        d1, d2 = int(m.group("d1")), int(m.group("d2"))
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


def _dates(sc: _Scan) -> None:
    """Absolute and partial dates (:func:`khabar.text.dates.find_dates`)."""
    anchor = sc.anchor
    for d in find_dates(sc.text, sc.start, sc.end):
        (mo, day) = d.readings[0]
        notes: list[str] = []
        if d.year:
            val = f"{d.year:04d}-{mo:02d}" + (f"-{day:02d}" if day else "")
            kind, anchored = "absolute", False
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
        starts = {s[0]: hy for hy in (ah[0] - 1, ah[0], ah[0] + 1) if (s := hijri_month_span(hy, h.month))}
        first = _pick(list(starts), anchor, tense, 354)
        y = starts[first] if first else None
    span = hijri_month_span(y, h.month) if y else None
    return (f"{span[0]}/{span[1]}" if span else "XXXX-XX"), "month", y


def _hijri(sc: _Scan) -> None:
    """Hijri dates: «30/10/1436هـ», «25 شوال 1436هـ», «30 شوال الجاري», «غرة رمضان», «منتصف ذي
    الحجة», «عام 1436هـ». The Gregorian value is the normalised one; ``hijri`` keeps the Hijri."""
    anchor = sc.anchor
    for h in find_hijri(sc.text, sc.start, sc.end):
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
        sc.add(Timex(h.start, h.end, "", "DATE", value, precision, kind, anchored, notes, hijri=hijri))


def _month_relative(sc: _Scan) -> None:
    """A month with a relative word: «نوفمبر الماضي»."""
    anchor = sc.anchor
    for m in sc.finditer(_MONTH_REL):
        mo = _month_of(m)
        rel = m.group("rel")
        val = f"XXXX-{mo:02d}"
        if anchor:
            future = rel in ("المقبل", "القادم")
            past = rel in ("الماضي", "المنصرم")
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
            if m.start() < sc.start or norm[max(0, m.start() - 6) : m.start()].endswith(_RUSSIA):
                continue  # «روسيا اليوم» is the outlet (Russia Today)
            val = (anchor + dt.timedelta(days=delta)).isoformat() if anchor else f"REL{delta:+d}D"
            sc.add(Timex(m.start(), m.end(), "", "DATE", val, "day", "relative", bool(anchor)))


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


def _ago(sc: _Scan) -> None:
    """Durations and points back in time: «منذ عامين», «قبل ثلاثة أيام», «خلال أسبوعين»."""
    anchor = sc.anchor
    for m in sc.finditer(_AGO):
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


def _weekday_delta(wd: int, anchor: dt.date, m: re.Match[str] | None) -> int:
    """Days from the anchor to a weekday: «السبت المقبل» the next one, «السبت بعد المقبل» the
    one after it, «السبت الماضي» the last one, «… قبل الماضي» the one before; a bare weekday
    the nearest such day (past-leaning: «الاثنين» in a Wednesday article is two days ago)."""
    if m is None:
        delta = (wd - anchor.weekday()) % 7
        return delta - 7 if delta > 3 else delta
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
            val = (anchor + dt.timedelta(days=_weekday_delta(wd, anchor, rel))).isoformat()
        else:
            val = f"XXXX-WXX-{wd + 1}"
        sc.add(Timex(s, e, "", "DATE", val, "day", "weekday", bool(anchor)))


def _this_value(unit: str, step: int, anchor: dt.date | None) -> tuple[str, str]:
    """(value, precision) of «هذا العام», «هذا الخريف», «الصيف الماضي» for this unit and step."""
    if unit in _SEASONS:
        y = f"{anchor.year + step:04d}" if anchor else "XXXX"
        return f"{y}-{_SEASONS[unit]}", "season"
    if unit in _YEAR_UNITS:
        return (str(anchor.year + step) if anchor else f"REL{step:+d}Y"), "year"
    if unit == _MONTH_UNIT:
        return (f"{anchor.year:04d}-{anchor.month:02d}" if anchor else "REL+0M"), "month"
    iso = anchor.isocalendar() if anchor else None
    return (f"{iso.year:04d}-W{iso.week:02d}" if iso else "REL+0W"), "week"


def _this_and_seasons(sc: _Scan) -> None:
    """«هذا العام», «هذا الخريف», «الصيف الماضي»."""
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


def _vague(sc: _Scan) -> None:
    """Vague references: «في وقت سابق», «مؤخرا», «حاليا», «قريبا»."""
    for rx, val in _VAGUE_RX:
        for m in rx.finditer(sc.norm[: sc.end]):
            if m.start() >= sc.start:
                sc.add(Timex(m.start(), m.end(), "", "DATE", val, "vague", "vague"))


# The finders in priority order: where two expressions overlap the earlier finder's is kept.
_FINDERS = (_hijri, _ranges, _dates, _month_relative, _relative_days, _relative_periods, _ago, _weekdays,
            _this_and_seasons, _part_of_month, _years, _vague)


def find_timexes(text: str, published: DateValue | None, start: int = 0, end: int | None = None) -> list[Timex]:
    """The temporal expressions in text[start:end], anchored on the publication date, in text order."""
    end = len(text) if end is None else end
    sc = _Scan(text, normalize_same_length(text), _anchor(published), start, end)
    for finder in _FINDERS:
        finder(sc)
    sc.out.sort(key=lambda t: t.start)
    return sc.out
