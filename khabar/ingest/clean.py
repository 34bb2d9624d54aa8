"""Cleaning scraped article text: site chrome out, header metadata aside, repeats removed.

Input is the text of a page as scraped (one block per line). Each line is classified:

* chrome (share/follow/subscribe/cookie/comment-policy lines, bare URLs…): removed, kept in
  ``removed`` so nothing is lost and outlet brands / URLs can still be read from it;
* footer blocks («التعليقات», «اقرأ أيضا», related links): the trigger and the short lines after it;
* section labels («أخبار», «مباشر»): removed only above the title or below the body;
* header metadata lines: a date line («12 كانون الثاني 2022 16:53», «07/04 11:07»), a dateline
  line («موسكو ـ أ ش أ»), a credit line («المصدر: روسيا اليوم»): removed from the body and
  returned for the metadata stage;
* the title: the first substantial line.

Repeated paragraphs (a lead printed twice, a teaser whose sentences reappear verbatim in the
body) are dropped, keeping the fuller later copy.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from ..text.dates import find_dates, find_numeric_pair
from ..text.textnorm import fold, normalize, normalize_same_length

_WORD = re.compile(r"[\w\u0621-\u064a]+")


@dataclass(slots=True)
class HeaderLine:
    kind: str  # date | dateline | credit
    text: str


@dataclass(slots=True)
class Cleaned:
    title: str | None
    paragraphs: list[str]
    header: list[HeaderLine] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def chrome_patterns() -> dict[str, list[re.Pattern[str]]]:
    sections: dict[str, list[re.Pattern[str]]] = {
        k: [] for k in ("line", "any", "topic", "notice", "report", "prefix", "footer", "label")
    }
    cur = "line"
    text = (resources.files("khabar") / "data" / "chrome.txt").read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            cur = m.group(1)
            continue
        sections[cur].append(re.compile(fold(line), re.IGNORECASE))
    return sections


@functools.lru_cache(maxsize=1)
def agencies() -> list[tuple[str, str, re.Pattern[str]]]:
    """(code, english name, regex of the Arabic/Latin forms) from data/agencies.tsv."""
    out = []
    text = (resources.files("khabar") / "data" / "agencies.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name, forms = line.split("\t")
        alts = sorted({normalize(f) for f in forms.split("|") if f}, key=len, reverse=True)
        rx = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
        out.append((code, name, re.compile(rf"(?<![\w\u0621-\u064a])(?:{rx})(?![\w\u0621-\u064a])")))
    return out


def find_agency(text: str) -> list[str]:
    n = normalize(text)
    return [code for code, _, rx in agencies() if rx.search(n)]


_HASHTAG = re.compile(r"#([\w\u0621-\u064a]+(?:_[\w\u0621-\u064a]+)*)")  # «#ميليشيات_الحوثي» → «ميليشيات الحوثي»


def _words(s: str) -> int:
    return len(_WORD.findall(s))


def is_long(line: str) -> bool:
    """A body-like line: a real paragraph rather than a label, link or headline."""
    return _words(line) >= 14 or (_words(line) >= 6 and line.rstrip()[-1:] in ".؟?!:\"»”")


def _any(kind: str, n: str) -> bool:
    return any(p.search(n) for p in chrome_patterns()[kind])


def _notice(line: str, n: str, edge: bool) -> bool:
    """Is a line that matches a [topic] (cookies, privacy policy) a notice rather than news?

    Weighs length, structure and position: a link-sized line is a notice; up to 60 words, one
    with a notice's wording (the site speaking of itself, consent, «اضغط هنا») and no reporting
    structure is; a short plain line at the edge of the page is. A body paragraph that reports
    on cookies («وقالت المحكمة إن … ملفات تعريف الارتباط») is not.
    """
    words = _words(line)
    if words <= 6:
        return True
    if words > 60 or _any("report", n):
        return False
    return _any("notice", n) or (edge and words <= 20)


def _match(kind: str, line: str, edge: bool = False) -> bool:
    """Does ``line`` match the [kind] patterns? For "line", the notices of [any] and [topic]
    count too; ``edge``: the line lies above or below the body paragraphs."""
    n = fold(line.strip())
    if kind == "line":
        if _any("any", n) and (edge or not _any("report", n)):
            return True
        if _any("topic", n) and _notice(line, n, edge):
            return True
        if _words(line) > 15:
            return False
    return _any(kind, n)


def strip_prefix(line: str) -> tuple[str, str]:
    """Cut a chrome run glued to the start of a line: (kept text, removed prefix)."""
    n = normalize_same_length(line)  # same offsets as ``line``
    for p in chrome_patterns()["prefix"]:
        m = p.match(n)
        if m and m.end() < len(line):
            return line[m.end() :].lstrip(), line[: m.end()].rstrip()
    return line, ""


_DASH = r"[ـ\-–—:]"
_CREDIT = re.compile(rf"^\s*(?:المصدر|المصادر|مصدر|نقلا عن|نقلاً عن|source|via)\s*{_DASH}?\s*(?P<name>.+?)\s*$", re.I)


def _header_kind(line: str) -> str | None:
    s = line.strip()
    if _words(s) > 8:
        return None
    if find_numeric_pair(s):
        return "date"
    ds = find_dates(s)
    if ds:
        covered = sum(d.end - d.start for d in ds)
        if covered >= 0.6 * len(s.replace(" ", "")):
            return "date"
    if _CREDIT.match(s):
        return "credit"
    if find_agency(s) and _words(s) <= 6:
        return "dateline"
    return None


def _shingles(text: str, k: int = 3) -> set[tuple[str, ...]]:
    w = normalize(text)
    toks = re.findall(r"[\w\u0621-\u064a]+", w)
    if len(toks) < k:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i : i + k]) for i in range(len(toks) - k + 1)}


def _tokens(text: str) -> set[str]:
    return set(_WORD.findall(normalize(text)))


def restates(first: str, second: str, contained: float = 0.75, jaccard: float = 0.6) -> bool:
    """Is ``first`` (a standfirst) a reworded repeat of ``second`` (the lead)?

    Word-set overlap, not wording: most of the standfirst's words recur in the lead
    (``contained``) and the two are of like size and content (``jaccard``), so a one-line
    summary followed by a long, different paragraph is not a repeat. On ANT this holds for
    44 of 31,525 articles (France24 standfirsts restated by the lead).
    """
    a, b = _tokens(first), _tokens(second)
    if len(a) < 12 or len(b) < 12:
        return False
    common = len(a & b)
    return common / len(a) >= contained and common / len(a | b) >= jaccard


def dedupe(paragraphs: list[str], threshold: float = 0.8) -> tuple[list[str], list[str]]:
    """Drop exact repeats and paragraphs whose word 3-grams mostly reappear in other paragraphs.

    A teaser/lead whose sentences all come back later (seed 000) is removed in favour of the
    body copy; of two exact copies the first is kept. A first paragraph that the next one
    restates in other words (a standfirst and the lead, seed 003) is dropped for the lead.
    """
    keep: list[str] = []
    dropped: list[str] = []
    seen: set[str] = set()
    for p in paragraphs:
        key = " ".join(normalize(p).split())
        # A short formula may legitimately recur («كما جرى استعراض …»); a repeated paragraph is long.
        if key in seen and _words(p) >= 12:
            dropped.append(p)
            continue
        seen.add(key)
        keep.append(p)
    if len(keep) >= 2 and restates(keep[0], keep[1]):
        dropped.append(keep.pop(0))
    # One pass from the end: ``later`` holds the 3-grams of every paragraph after the current
    # one, so the whole check is linear in the text (it was a union per paragraph: quadratic).
    later: set[tuple[str, ...]] = set()
    repeat = [False] * len(keep)
    for i in range(len(keep) - 1, -1, -1):
        mine = _shingles(keep[i])
        if len(mine) >= 5 and later and len(mine & later) / len(mine) >= threshold:
            repeat[i] = True
        later |= mine
    final = [p for p, r in zip(keep, repeat, strict=True) if not r]
    dropped += [p for p, r in zip(keep, repeat, strict=True) if r]
    return final, dropped


def clean_lines(text: str, title: str | None = None) -> Cleaned:
    """Clean a scraped text dump (or extracted HTML text). ``title`` if known from metadata."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [" ".join(_HASHTAG.sub(lambda m: m.group(1).replace("_", " "), ln).split()) for ln in lines]
    removed: list[str] = []
    for i, ln in enumerate(lines):
        kept, cut = strip_prefix(ln) if ln else (ln, "")
        if cut:
            removed.append(cut)
            lines[i] = kept
    header: list[HeaderLine] = []
    n = len(lines)
    long_idx = [i for i, ln in enumerate(lines) if ln and is_long(ln) and not _match("line", ln)]
    first_long = long_idx[0] if long_idx else n
    last_long = long_idx[-1] if long_idx else -1
    keep = [True] * n
    # Footer blocks: trigger + the short lines after it (until the next real paragraph).
    i = 0
    while i < n:
        if lines[i] and _match("footer", lines[i]):
            keep[i] = False
            j = i + 1
            while j < n and not (lines[j] and is_long(lines[j]) and j <= last_long and not _match("line", lines[j])):
                keep[j] = False
                j += 1
            i = j
            continue
        i += 1
    for i, ln in enumerate(lines):
        if not ln or not keep[i]:
            continue
        if _match("line", ln, edge=i < first_long or i > last_long):
            keep[i] = False
        elif (i < first_long or i > last_long) and _match("label", ln) and _words(ln) <= 4:
            keep[i] = False
    for i, ln in enumerate(lines):
        if ln and not keep[i]:
            removed.append(ln)
    # Header lines (dates, datelines, credits) anywhere outside the body paragraphs.
    body_candidates: list[int] = []
    for i, ln in enumerate(lines):
        if not ln or not keep[i]:
            continue
        hk = _header_kind(ln) if not is_long(ln) else None
        if hk:
            header.append(HeaderLine(hk, ln))
            keep[i] = False
            continue
        body_candidates.append(i)
    # Title: first substantial line above the body (unless given); a text of one line (a wire
    # sentence, a pasted paragraph) is all body.
    if title is None and len(body_candidates) > 1:
        for i in body_candidates:
            if 3 <= _words(lines[i]) <= 40:
                title = lines[i]
                body_candidates.remove(i)
                break
    elif title is not None:
        tkey = normalize(title).strip()
        body_candidates = [i for i in body_candidates if normalize(lines[i]).strip() != tkey]
    paragraphs = [lines[i] for i in body_candidates]
    paragraphs, dups = dedupe(paragraphs)
    return Cleaned(title=title, paragraphs=paragraphs, header=header, removed=removed, duplicates=dups)
