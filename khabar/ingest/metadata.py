"""Article metadata: outlet, wire agencies, source credits, dateline city, publication date."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlparse

from ..kb.media import DESK_CITY, YEAR_BEFORE_CREDIT
from ..kb.roles import intersect, office_constraints
from ..model import Credit, DateValue, Span
from ..text import dates as D
from ..text.textnorm import fold, normalize, normalize_same_length
from .clean import _CREDIT, Cleaned, agencies, find_agency


@dataclass(frozen=True, slots=True)
class Outlet:
    code: str
    name_en: str
    name_ar: str
    domains: tuple[str, ...]
    brand: re.Pattern[str] | None


@functools.lru_cache(maxsize=1)
def outlets() -> list[Outlet]:
    out = []
    text = (resources.files("khabar") / "data" / "outlets.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t") + [""] * 5
        code, en, ar, domains, brand = parts[:5]
        rx = re.compile(fold(brand), re.I) if brand.strip() else None
        out.append(Outlet(code, en, ar, tuple(d for d in domains.split("|") if d), rx))
    return out


def is_place(name: str) -> bool:
    """A country, capital, city or region of the knowledge base (``data/places.tsv``)."""
    from ..kb.actors import knowledge_base

    return any(a.type == "LOC" for a in knowledge_base().exact(name))


def outlet_from_url(url: str | None) -> Outlet | None:
    if not url:
        return None
    try:
        p = urlparse(url if "://" in url else "http://" + url)
    except ValueError:
        return None
    host = (p.hostname or "").lower().removeprefix("www.")
    path = p.path.lower()
    for o in outlets():
        for d in o.domains:
            dom, _, pre = d.partition("/")
            if (host == dom or host.endswith("." + dom)) and (not pre or path.startswith("/" + pre)):
                return o
    return None


def outlet_from_code(code: str | None) -> Outlet | None:
    if not code:
        return None
    c = code.lower().replace("-", "_")
    for o in outlets():
        if o.code == c or o.code.split("_")[0] == c.split("_")[0] == c:
            return o
    return None


def outlet_from_lines(lines: list[str]) -> Outlet | None:
    for ln in lines:
        n = fold(ln)
        for o in outlets():
            if o.brand and o.brand.search(n):
                return o
    return None


URL_RE = re.compile(r"https?://[^\s\"'<>]+")

# Inline dateline at the start of the first paragraph:
#   «موسكو: …», «القاهرة - أ ش أ - …», «واشنطن (رويترز) - …», «دبي، الإمارات العربية المتحدة (CNN)— …»
_DATELINE_RE = re.compile(
    r"^\s*(?P<city>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,2})"
    r"(?:\s*[،,]\s*(?P<region>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,3}))?"
    r"\s*(?:\((?P<agency>[^)]{1,30})\)|[ـ\-–—]\s*(?P<agency2>[^ـ\-–—:]{1,25}?)\s*[ـ\-–—])?"
    r"\s*(?P<sep>[:ـ\-–—]+)\s*"
)


# The agency first («واس- الرياض:»), or a dated line that ends with it («الرياض 25 شوال 1436 هـ الموافق 10
# اغسطس 2015 م واس»): the Saudi Press Agency's two forms, and any other agency's written so (the same forms
# make the agency a mention: ``kb/media.py``).
_AGENCY_FIRST_RE = re.compile(rf"^\s*(?P<agency>[^\s:ـ\-–—]{{2,12}})\s*[ـ\-–—]\s*(?P<city>{DESK_CITY})\s*:\s*")
_DATED_LINE_RE = re.compile(rf"^\s*(?P<city>{DESK_CITY})\s+[^\n.،؛!؟]{{0,80}}?{YEAR_BEFORE_CREDIT}(?P<agency>[^\s\n]{{2,12}})[ \t]*(?=\n|$)")


def _agency_dateline(paragraph: str) -> tuple[str, Span, list[str]] | None:
    """(city, span, agency codes) of a dateline in one of the two agency-credit forms above."""
    for rx in (_AGENCY_FIRST_RE, _DATED_LINE_RE):
        m = rx.match(paragraph)
        if m and (codes := find_agency(m.group("agency"))):
            words = m.group("city").split()
            city = next((" ".join(words[:k]) for k in range(len(words), 0, -1) if is_place(" ".join(words[:k]))), None)
            if city is not None:
                return city, Span(m.start(), m.end()), codes
    return None


def find_dateline(paragraph: str) -> tuple[str, Span, list[str]] | None:
    """(city, span of the whole dateline, agency codes) if the paragraph opens with one."""
    return _plain_dateline(paragraph) or _agency_dateline(paragraph)


def _plain_dateline(paragraph: str) -> tuple[str, Span, list[str]] | None:
    """«موسكو: …», «القاهرة - أ ش أ - …», «واشنطن (رويترز) - …» (``_DATELINE_RE``)."""
    m = _DATELINE_RE.match(paragraph)
    if not m:
        return None
    city = m.group("city")
    words = city.split()
    agency_txt = m.group("agency") or m.group("agency2") or ""
    codes = find_agency(agency_txt) if agency_txt else []
    # Take the longest known place name at the start of the city group.
    for k in range(len(words), 0, -1):
        cand = " ".join(words[:k])
        if is_place(cand) and (k == len(words) or m.group("region") is None):
            if k != len(words) and not codes:
                return None
            return cand, Span(m.start("city"), m.end()), codes
    if codes:  # unknown place with an agency credit: still a dateline
        return city, Span(m.start("city"), m.end()), codes
    return None


def dateline_line(line: str) -> tuple[str | None, list[str]]:
    """A header line like «موسكو ـ أ ش أ»: (city or None, agency codes)."""
    codes = find_agency(line)
    m = re.match(r"^\s*(?P<city>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,2})\s*[ـ\-–—:(]", line)
    city = None
    if m and is_place(m.group("city")):
        city = m.group("city")
    return city, codes


def credits_from(header_lines: list[str], removed: list[str]) -> list[Credit]:
    out: list[Credit] = []
    for ln in header_lines + removed:
        m = _CREDIT.match(ln)
        if not m:
            continue
        name = m.group("name").strip(" .")
        codes = find_agency(name)
        o = outlet_from_lines([name])
        if codes:
            out.append(Credit("agency", name, codes[0], ln))
        elif o:
            out.append(Credit("source", name, o.code, ln))
        else:
            out.append(Credit("source", name, "", ln))
    return out


# ----------------------------------------------------------------------------- dates


def publication_date(
    text: str,
    cleaned: Cleaned | None,
    body_start: int,
    meta_date: str | None = None,
    today: dt.date | None = None,
    crawled: bool = False,
    guess: str | None = None,
    crawl_day: dt.date | None = None,
) -> DateValue:
    """Resolve the publication date from metadata, header date lines, the lead, and evidence.

    ``text`` is the cleaned article text; ``body_start`` is where the body (after the title)
    begins in it, so the lead is the first paragraph after that offset. ``meta_date`` is a
    date the source states explicitly (markup, feed, record field); ``guess`` is a library's
    heuristic guess, used only when the text dates nothing and the evidence allows it;
    ``crawl_day`` the day a crawler fetched the page, the weakest candidate of all (a crawled page
    that nothing else dates was most probably published that day).
    """
    today = today or dt.date.today()
    if meta_date:
        v = D.parse_iso(meta_date)
        if v and v.value:
            v.notes.append(f"from metadata: {meta_date}")
            return v
    ranges, range_notes = intersect(office_constraints(text, today))
    lead_end = text.find("\n", body_start)
    lead_end = len(text) if lead_end < 0 else lead_end
    lead_wd = D.find_weekdays(text, body_start, lead_end)
    ev = D.Evidence(ranges=ranges, range_notes=range_notes, today=today, crawled=crawled)
    if lead_wd:
        ev.weekday = lead_wd[0][2]
        ev.weekday_note = f"weekday «{text[lead_wd[0][0]:lead_wd[0][1]].strip()}» in the lead"
    # 1. A header date line (printed by the site next to the title).
    for hl in cleaned.header if cleaned else []:
        if hl.kind != "date":
            continue
        expr = D.find_numeric_pair(hl.text) or next(iter(D.find_dates(hl.text)), None)
        if expr is None:
            continue
        v = D.resolve(expr, ev, "header", 0.95)
        v.evidence = None
        v.notes.insert(0, f"header line «{hl.text}»")
        if v.value:
            return v
    # 2. A date in the lead paragraph: the reported day, usually the publication day.
    v = _lead_date(text, body_start, lead_end, ev, lead_wd)
    if v is not None:
        return v
    # 2b. A Hijri day «… الجاري» in the lead, its year from the crawl date.
    h = _lead_hijri(text, body_start, lead_end, ev)
    if h is not None:
        return h
    # 3. A library's guess, if the evidence allows it: a weak candidate, shown as a guess.
    g = _weak_guess(guess, ev)
    if g is not None:
        return g
    # 3b. A crawled page that nothing in it dates: the crawl day, weakly.
    c = _crawl_candidate(crawl_day, ev)
    if c is not None:
        return c
    # 4. Nothing dated: report the window the evidence allows.
    if ranges:
        lo = min(a for a, _ in ranges)
        hi = max(b for _, b in ranges)
        notes = list(range_notes)
        if ev.weekday is not None:
            notes.append(ev.weekday_note)
        value, precision = (str(lo.year), "year") if lo.year == hi.year else (None, "none")
        return DateValue(value, precision, 0.3 if value else 0.0, "office-terms", None, None,
                         notes=notes, earliest=lo.isoformat(), latest=hi.isoformat())
    return DateValue(None, "none", 0.0, "", notes=["no date evidence"])


def _lead_date(text: str, body_start: int, lead_end: int, ev: D.Evidence, lead_wd: list[tuple[int, int, int]]
               ) -> DateValue | None:
    """The first day the lead dates, unless the article itself shows it to be past: a later dated event in
    the body (only a crawl date bounds what "later" may be), or the weekday the lead gives the report."""
    later = _latest_reported_date(text, body_start, ev.today) if ev.crawled else None
    report_wd = next((wd for s, e, wd in lead_wd if not _ahead_weekday(text, s, e)), None)
    for expr in D.find_dates(text, body_start, lead_end):
        if expr.precision != "day":
            continue
        v = D.resolve(expr, ev, "lead", 0.75)
        if v.value and not _recalled(v, expr, later, report_wd):
            v.notes.insert(0, "date of the lead event, taken as publication day")
            return v
    return None


_TOMORROW_BEFORE = re.compile(r"(?:غدا|غدًا|الغد|غد|بعد|(?:س[يتن])[\u0621-\u064a]+)\W{0,3}(?:يوم\W+)?$")


def _ahead_weekday(text: str, s: int, e: int) -> bool:
    """A weekday the lead gives to something ahead («الثلاثاء المقبل», «فجر الغد السبت», «سيعقد الثلاثاء»), not
    the day of the report."""
    a = max(0, s - 25)
    window = normalize_same_length(text[a : e + 20])
    return bool(_AHEAD.match(window, e - a) or _TOMORROW_BEFORE.search(window, 0, s - a))


_AHEAD = re.compile(r"\W{0,3}(?:ال)?(?:مقبل|قادم|مقبلة|قادمة|المقبل|القادم|المقبلة|القادمة)(?![\u0621-\u064a])")
_AHEAD_BEFORE = re.compile(r"(?:بحلول|حتى|قبل|سوف|موعد|المقرر|مقرر|(?<![\u0621-\u064a])س[يتن][\u0621-\u064a]{2,})"
                           r"\W{0,3}(?:\S+\W+){0,2}$")


def _latest_reported_date(text: str, start: int, today: dt.date) -> dt.date | None:
    """The latest day (a month: its first day) with a year that the body dates, not after ``today`` and not
    announced as ahead («في مارس 2016 المقبل», «بحلول 2020»): the article was written after it."""
    out: dt.date | None = None
    for expr in D.find_dates(text, start, len(text)):
        if not expr.year or not expr.readings:
            continue
        m, d = expr.readings[0]
        try:
            day = dt.date(expr.year, m, d or 1)
        except ValueError:
            continue
        if day > today or _AHEAD.match(text, expr.end) or _AHEAD_BEFORE.search(text, max(0, expr.start - 30), expr.start):
            continue
        out = day if out is None or day > out else out
    return out


def _recalled(v: DateValue, expr: D.DateExpr, later: dt.date | None, report_wd: int | None) -> bool:
    """The lead's day is an event the article recalls, not its publication day: the body dates another event
    more than a month later («توفي عرفات في 11 نوفمبر 2004 … منذ أغسطس 2012»), or the lead names the day
    of the report with a weekday that is not this date's («أعلنت النيابة الثلاثاء … توفي … 11 نوفمبر 2004»,
    a Thursday)."""
    if not v.value or not re.match(r"\d{4}-\d\d-\d\d", v.value):
        return False  # no full day («XXXX-08-15»: its year unknown)
    day = dt.date.fromisoformat(v.value[:10])
    if later is not None and later > day + dt.timedelta(days=31):
        return True
    return report_wd is not None and expr.weekday is None and day.weekday() != report_wd


GUESS_CONFIDENCE = 0.2


def _lead_hijri(text: str, start: int, end: int, ev: D.Evidence) -> DateValue | None:
    """A Hijri day without its year in the lead («يوم 27 شوال الجاري»): the Gulf press dates the
    day's news so. Its year comes from the crawl date (``ev.today``), so only for crawled pages;
    «المقبل» is ahead and «الماضي» an earlier event («قتل في 17 رمضان الماضي»), not the publication
    day. Full Hijri dates come in through find_dates."""
    if not ev.crawled:
        return None
    for h in D.find_hijri(text, start, end):
        if not (h.day and h.month) or h.year or h.rel != 0:
            continue
        y = D.hijri_year_for(h.month, h.rel, ev.today)
        g = D.hijri_to_gregorian(y, h.month, h.day) if y else None
        if g is None or not ev.floor <= g <= ev.today or (ev.ranges and not any(a <= g <= b for a, b in ev.ranges)):
            continue
        notes = [f"Hijri date {y:04d}-{h.month:02d}-{h.day:02d} (Umm al-Qura) in the lead, its year from the crawl date {ev.today}",
                 "date of the lead event, taken as publication day"]
        if h.weekday is not None and g.weekday() != h.weekday:
            notes.append(f"stated weekday {D.WEEKDAY_AR[h.weekday]} does not match (sighting may differ by a day)")
        return DateValue(g.isoformat(), "day", 0.6, "lead", Span(h.start, h.end), notes=notes)
    return None


def _weak_guess(guess: str | None, ev: D.Evidence) -> DateValue | None:
    """A heuristic date (htmldate) that fits the evidence, at low confidence; else None."""
    v = D.parse_iso(guess) if guess else None
    if v is None or not v.value:
        return None
    day = dt.date.fromisoformat(v.value) if v.precision == "day" else None
    if day is None:
        return None
    if not ev.floor <= day <= ev.today or (ev.ranges and not any(a <= day <= b for a, b in ev.ranges)):
        return None
    value, precision = v.value, "day"
    if day.month == day.day == 1:  # htmldate fills a bare year with January 1st
        value, precision = str(day.year), "year"
    notes = [f"guessed by htmldate from the page ({guess}), not stated in markup", *ev.range_notes]
    return DateValue(value, precision, GUESS_CONFIDENCE, "guess", None, None, notes=notes)


CRAWL_CONFIDENCE = 0.3


def _crawl_candidate(crawl_day: dt.date | None, ev: D.Evidence) -> DateValue | None:
    """The crawl day as a weak publication date, when it fits the evidence (office terms, the
    floor); else None. A weekday in the lead that is not the crawl day's is noted, not followed."""
    if crawl_day is None or not ev.floor <= crawl_day or (ev.ranges and not any(a <= crawl_day <= b for a, b in ev.ranges)):
        return None
    notes = [f"crawl date {crawl_day}: nothing in the page dates the article, so the day it was fetched is taken",
             *ev.range_notes]
    if ev.weekday is not None and ev.weekday != crawl_day.weekday():
        notes.append(f"{ev.weekday_note} is not the crawl day's ({D.WEEKDAY_AR[crawl_day.weekday()]})")
    return DateValue(crawl_day.isoformat(), "day", CRAWL_CONFIDENCE, "crawl", None, None, notes=notes)


def agencies_in_lead(paragraph: str) -> list[str]:
    """Agency credits in parentheses or after a dash at the start/end of the lead."""
    found = []
    head = paragraph[:80]
    tail = paragraph[-40:]
    for code, _, rx in agencies():
        for part in (head, tail):
            n = normalize(part)
            for m in rx.finditer(n):
                a, b = m.start(), m.end()
                before = n[max(0, a - 3) : a]
                after = n[b : b + 3]
                if "(" in before or ")" in after or re.search(r"[ـ\-–—]", before + after):
                    found.append(code)
                    break
    return list(dict.fromkeys(found))


# ----------------------------------------------------------------------------- per-article metadata


def url_from_chrome(removed: list[str]) -> str | None:
    """A page URL printed in the site chrome that cleaning removed («انسخ الرابط https://…»)."""
    for ln in removed:
        m = URL_RE.search(ln)
        if m:
            return m.group(0)
    return None


def dateline_and_agencies(cleaned: Cleaned, body_start: int, credits: list[Credit]
                          ) -> tuple[str | None, Span | None, list[str]]:
    """The dateline city (header line or the lead's «موسكو ـ أ ش أ»), its span in the clean text
    (the body starts at ``body_start``) and the wire agencies credited, in order of appearance."""
    agencies: list[str] = []
    dateline = None
    dateline_span = None
    for h in cleaned.header:
        if h.kind == "dateline":
            city, codes = dateline_line(h.text)
            agencies += codes
            dateline = dateline or city
    offset = body_start
    for para in cleaned.paragraphs[:2]:  # the first paragraph may be a standfirst
        dl = find_dateline(para)
        if dl:
            city, span, codes = dl
            dateline = dateline or city
            dateline_span = Span(offset + span.start, offset + span.end)
            agencies += codes
            agencies += agencies_in_lead(para)
            break
        offset += len(para) + 1
    if cleaned.paragraphs:
        agencies += agencies_in_lead(cleaned.paragraphs[0])
    agencies += [c.code for c in credits if c.kind == "agency"]
    return dateline, dateline_span, list(dict.fromkeys(a for a in agencies if a))


def find_outlet(code: str | None, url: str | None, removed: list[str], sitename: str | None,
                credits: list[Credit]) -> tuple[str | None, str | None, str | None]:
    """The outlet as (code, English name, evidence): from the record's own outlet code or the URL
    ("metadata"), else the site chrome or site name ("site chrome"), else a source credit line."""
    outlet = outlet_from_code(code) or outlet_from_url(url)
    how = "metadata" if outlet else None
    if outlet is None:
        outlet = outlet_from_lines(removed + ([sitename] if sitename else []))
        how = "site chrome" if outlet else None
    if outlet is None:
        for c in credits:
            if c.kind == "source" and c.code:
                outlet = outlet_from_code(c.code)
                how = "credit line"
                break
    if outlet is None:
        return code or None, sitename or code, how
    return outlet.code, outlet.name_en, how


def standfirst(abstract: str | None, body: str) -> str | None:
    """Keep a feed abstract only when it is not just the opening of the body."""
    if not abstract:
        return None
    a = " ".join(normalize(re.sub(r"<[^>]+>", " ", abstract)).split())
    b = " ".join(normalize(body[: len(abstract) + 200]).split())
    if not a or b.startswith(a[: max(20, len(a) - 5)]) or a in " ".join(normalize(body).split()):
        return None
    return " ".join(abstract.split())
