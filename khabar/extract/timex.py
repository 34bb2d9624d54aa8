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
from ..text.dates import _M, _M2, MONTHS, WEEKDAY_RE, WEEKDAYS, find_dates
from ..text.textnorm import normalize_same_length

_AR = "\u0621-\u064a"
_B = rf"(?<![{_AR}])(?:[وف](?=[{_AR}]))?"
_E = rf"(?![{_AR}])"


def _anchor(pub: DateValue | None) -> dt.date | None:
    if pub and pub.value and pub.precision == "day" and not pub.value.startswith("X"):
        return dt.date.fromisoformat(pub.value[:10])
    return None


def _closest_year(month: int, day: int, anchor: dt.date, future: bool | None = None) -> dt.date | None:
    """The date with this month/day nearest the anchor (past if ``future`` is False…)."""
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = dt.date(y, month, day or 1)
        except ValueError:
            continue
        if future is True and d < anchor - dt.timedelta(days=1):
            continue
        if future is False and d > anchor + dt.timedelta(days=1):
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best


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
            a = _closest_year(mo, d1, anchor)
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
            a = _closest_year(mo, day, anchor)
            val = (a.isoformat() if day else f"{a.year:04d}-{mo:02d}") if a else f"XXXX-{mo:02d}-{day:02d}"
            kind, anchored = "partial", True
            notes.append(f"year from the publication date {anchor}")
            if d.weekday is not None and a and day and a.weekday() != d.weekday:
                notes.append("stated weekday does not match")
        else:
            val = f"XXXX-{mo:02d}" + (f"-{day:02d}" if day else "")
            kind, anchored = "partial", False
        sc.add(Timex(d.start, d.end, "", "DATE", val, "day" if day else "month", kind, anchored, notes))


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


def _weekdays(sc: _Scan) -> None:
    """Weekdays: the nearest such day to the publication date (past-leaning)."""
    anchor = sc.anchor
    for m in sc.finditer(WEEKDAY_RE):
        wd = WEEKDAYS[m.group("wd")]
        s = m.start("wd") if m.group(0)[:1] in "وف" else m.start()
        if anchor:
            delta = (wd - anchor.weekday()) % 7
            if delta > 3:
                delta -= 7  # «الاثنين» in a Wednesday article is two days ago
            val = (anchor + dt.timedelta(days=delta)).isoformat()
        else:
            val = f"XXXX-WXX-{wd + 1}"
        sc.add(Timex(s, m.end(), "", "DATE", val, "day", "weekday", bool(anchor)))


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
            a = _closest_year(mo, 15, anchor)
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
_FINDERS = (_ranges, _dates, _month_relative, _relative_days, _relative_periods, _ago, _weekdays,
            _this_and_seasons, _part_of_month, _years, _vague)


def find_timexes(text: str, published: DateValue | None, start: int = 0, end: int | None = None) -> list[Timex]:
    """The temporal expressions in text[start:end], anchored on the publication date, in text order."""
    end = len(text) if end is None else end
    sc = _Scan(text, normalize_same_length(text), _anchor(published), start, end)
    for finder in _FINDERS:
        finder(sc)
    sc.out.sort(key=lambda t: t.start)
    return sc.out
