"""Arabic date expressions and publication-date resolution.

Our own patterns recognise the forms Arabic news writes:

* Egyptian/Gulf month names (يناير … ديسمبر, with يونيه/يوليه/إبريل spellings),
  Levantine/Iraqi ones (كانون الثاني … كانون الأول), Maghrebi ones (يناير … دجنبر, جانفي …
  ديسمبر) and dual forms («نوفمبر/تشرين الثاني», «كانون الاول/ديسمبر», «تشرين الثاني / نوفمبر»);
* weekday + day + month with or without a year («يوم الاربعاء 3 نوفمبر/تشرين الثاني»),
  ordinal days («الرابع من كانون الاول»), numeric dates (3/11/2010, 2010-11-03) and bare
  day/month pairs («07/04 11:07»), in ASCII or Arabic-Indic digits.

A date with its year or its day/month order missing is resolved from evidence and never
guessed silently: candidate dates are those compatible with the expression, with the weekday
it states or that the lead mentions, with the office terms of people named with their title
(:mod:`khabar.roles`), and with the present. The result says how precise it is, how sure, and
which evidence decided it. dateparser is used only to convert ISO/RFC metadata strings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
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


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_AR_BOUND_L = r"(?<![\u0621-\u064a])"
_AR_BOUND_R = r"(?![\u0621-\u064a])"
_M = rf"{_AR_BOUND_L}(?:ب|ل|في\s+)?(?:شهر\s+)?(?P<m1>{_alt(MONTHS)}){_AR_BOUND_R}"
_M2 = rf"(?:\s*[/\\(（-]\s*(?:شهر\s+)?(?P<m2>{_alt(MONTHS)}){_AR_BOUND_R}\s*\)?)?"
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

    @property
    def precision(self) -> str:
        return "day" if self.readings and self.readings[0][1] else "month"


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """All absolute/partial date expressions in ``text[start:end]`` with display offsets."""
    end = len(text) if end is None else end
    norm = normalize_same_length(text[start:end])
    out: list[DateExpr] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(m: re.Match[str], ex: DateExpr) -> None:
        while ex.end > ex.start and text[ex.end - 1] in " \t،,(/":
            ex.end -= 1
        ex.text = text[ex.start : ex.end]
        if free(m.start(), m.end()):
            taken.append((m.start(), m.end()))
            out.append(ex)

    for m in DAY_MONTH_RE.finditer(norm):
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
    for m in MONTH_YEAR_RE.finditer(norm):
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
    notes: list[str] = []
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
