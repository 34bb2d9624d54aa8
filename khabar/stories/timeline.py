"""Timelines of an actor or a dyad: dated events and key quotes, each with its evidence (issue #12, item 4).

Pure functions over what the store returns (:meth:`khabar.store.base.Store.events` and
:meth:`~khabar.store.base.Store.quotes` rows, plain dicts): no store, no clock.

* An **event** row becomes an :class:`Entry` dated by the event's own date (its precision read
  from the ISO value: day, month or year), saying what happened (PLOVER type, actor → recipient,
  mode) with its evidence (article id and the sentence). Rows that are the same happening (same
  type, actor, mode and date; a row without a recipient joins one that names it) are one entry
  with several sources.
* A **quote** row becomes an entry dated by its article's publication date; the same words
  reported by several articles are one entry. A quote from the same article as an event, inside the
  event's evidence sentence or said by the event's actor, becomes that event's *key quote*.
* :func:`build` orders the entries chronologically, groups them by day / month / year and lists the
  undated ones apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..text.textnorm import normalize


@dataclass(slots=True)
class Source:
    """Where an entry is attested: the article, the evidence text, its span in the article when known."""

    article_id: str
    snippet: str
    start: int | None = None
    end: int | None = None
    title: str | None = None


@dataclass(slots=True)
class KeyQuote:
    text: str
    speaker: str | None
    speaker_text: str
    kind: str
    source: Source


@dataclass(slots=True)
class Entry:
    date: str | None
    precision: str  # day | month | year | none
    kind: str  # event | quote
    plover: str = ""
    mode: str = ""
    actor: str | None = None
    recipient: str | None = None
    goldstein: float | None = None
    confidence: float | None = None
    trigger: str = ""
    reported_by: str | None = None  # who the event is reported by (a speaker), when the article says
    reports: int = 0  # articles reporting it (as the store counts them)
    quote: KeyQuote | None = None
    sources: list[Source] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[str, str, int, str]:
        """Oldest first; on a day, in the order of their first article's text."""
        src = self.sources[0] if self.sources else None
        return (self.date or "", src.article_id if src else "", src.start or 0 if src else 0,
                self.ids[0] if self.ids else "")


@dataclass(slots=True)
class Period:
    label: str  # 2011-07-04 / 2011-07 / 2011 (or a coarser date that cannot be placed inside)
    entries: list[Entry]


@dataclass(slots=True)
class Timeline:
    periods: list[Period]
    undated: list[Entry]

    @property
    def entries(self) -> list[Entry]:
        return [e for p in self.periods for e in p.entries] + self.undated


_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def date_and_precision(value: str | None) -> tuple[str | None, str]:
    """An ISO date (``2011-07-04``, ``2011-07``, ``2011``, possibly with a time) → (date, precision);
    unknown years («XXXX-02-02»), ranges and durations are undated."""
    if not value:
        return None, "none"
    m = _ISO.match(value)
    if not m:
        return None, "none"
    d = m.group(0)
    return d, {10: "day", 7: "month", 4: "year"}[len(d)]


def _event_key(r: dict) -> tuple:
    return (r.get("plover"), r.get("actor"), r.get("mode"), date_and_precision(r.get("date"))[0])


def event_entries(rows: Iterable[dict]) -> list[Entry]:
    """One entry per happening: rows with the same type, actor, mode, date and recipient merge, and a
    row without a recipient joins the entry of the same key that names one (when exactly one does)."""
    by_key: dict[tuple, list[Entry]] = {}
    loose: list[dict] = []
    for r in rows:
        if r.get("recipient") is None:
            loose.append(r)
            continue
        _merge(by_key.setdefault(_event_key(r), []), r)
    for r in loose:
        same = by_key.setdefault(_event_key(r), [])
        named = [e for e in same if e.recipient is not None]
        if len(named) == 1:
            _add_source(named[0], r)
        else:
            _merge(same, r)
    return [e for es in by_key.values() for e in es]


def _merge(entries: list[Entry], r: dict) -> None:
    for e in entries:
        if e.recipient == r.get("recipient"):
            _add_source(e, r)
            return
    date, prec = date_and_precision(r.get("date"))
    e = Entry(date=date, precision=prec, kind="event", plover=r.get("plover") or "", mode=r.get("mode") or "",
              actor=r.get("actor"), recipient=r.get("recipient"), goldstein=r.get("goldstein"),
              confidence=r.get("confidence"), trigger=r.get("trigger") or "", reported_by=r.get("reported_by"))
    entries.append(e)
    _add_source(e, r)


def _add_source(e: Entry, r: dict) -> None:
    e.ids.append(r["id"])
    e.reports += int(r.get("articles") or 1)
    if r.get("confidence") is not None:
        e.confidence = max(e.confidence or 0.0, r["confidence"])
    src = Source(r["article_id"], _one_line(r.get("evidence") or ""), r.get("start"), r.get("end"), r.get("title"))
    if not any(s.article_id == src.article_id and s.snippet == src.snippet for s in e.sources):
        e.sources.append(src)


def _one_line(s: str) -> str:
    return " ".join(s.split())


def _quote_source(q: dict) -> Source:
    return Source(q["article_id"], _one_line(q.get("text") or ""), q.get("start"), q.get("end"), q.get("title"))


def quote_entries(rows: Iterable[dict]) -> list[Entry]:
    """One entry per statement, dated by its article; the same words in several articles are one entry."""
    seen: dict[tuple, Entry] = {}
    for q in rows:
        key = (q.get("speaker"), " ".join(normalize(q.get("text") or "").split()))
        if key in seen:
            e = seen[key]
            if all(s.article_id != q["article_id"] for s in e.sources):
                e.sources.append(_quote_source(q))
                e.reports += 1
            continue
        date, prec = date_and_precision(q.get("published"))
        src = _quote_source(q)
        kq = KeyQuote(src.snippet, q.get("speaker"), q.get("speaker_text") or "", q.get("kind") or "", src)
        seen[key] = Entry(date=date, precision=prec, kind="quote", actor=q.get("speaker"), quote=kq,
                          sources=[src], reports=1, ids=[f"{q['article_id']}:{q.get('start')}"])
    return list(seen.values())


def attach_quotes(events: list[Entry], quotes: list[Entry]) -> list[Entry]:
    """Give each event its key quote: a statement from one of its articles lying inside its evidence
    sentence, else one said there by the event's actor or by whom the event is reported by (direct
    speech first, then the longest).
    Returns the quotes no event took."""
    used: set[int] = set()
    for e in events:
        best: tuple | None = None
        for i, q in enumerate(quotes):
            assert q.quote is not None
            qs = q.quote.source
            for s in e.sources:
                if qs.article_id != s.article_id:
                    continue
                inside = (s.start is not None and qs.start is not None and s.start <= qs.start < (s.end or 0)) \
                    or (bool(qs.snippet) and qs.snippet in s.snippet)
                if not inside and q.actor not in (e.actor, e.reported_by):
                    continue
                rank = (inside, q.quote.kind == "direct", len(qs.snippet) <= 300, len(qs.snippet))
                if best is None or rank > best[0]:
                    best = (rank, i)
        if best is not None:
            e.quote = quotes[best[1]].quote
            used.add(best[1])
    return [q for i, q in enumerate(quotes) if i not in used]


def build(event_rows: Iterable[dict], quote_rows: Iterable[dict] = (), by: str = "day",
          speakers: Iterable[str] | None = None) -> Timeline:
    """The timeline of the events and quotes: key quotes attached to their events, the others standing
    alone when their speaker is one of ``speakers`` (all when None); grouped by ``by`` (day, month or
    year), oldest first; undated entries apart."""
    events = event_entries(event_rows)
    rest = attach_quotes(events, quote_entries(quote_rows))
    if speakers is not None:
        keep = set(speakers)
        rest = [q for q in rest if q.actor in keep]
    entries = sorted(events + rest, key=lambda e: e.sort_key)
    n = {"day": 10, "month": 7, "year": 4}[by]
    periods: list[Period] = []
    undated: list[Entry] = []
    for e in entries:
        if not e.date:
            undated.append(e)
            continue
        label = e.date[:n]
        if periods and periods[-1].label == label:
            periods[-1].entries.append(e)
        else:
            periods.append(Period(label, [e]))
    return Timeline(periods, undated)


__all__ = ["Entry", "KeyQuote", "Period", "Source", "Timeline", "attach_quotes", "build", "date_and_precision",
           "event_entries", "quote_entries"]
