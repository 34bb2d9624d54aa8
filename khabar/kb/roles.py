"""People, their offices and office terms: date evidence from who is named with which title.

The data live in the knowledge base (:mod:`khabar.kb`, ``data/kb/``). :func:`office_constraints` finds people named *together with a title of an
office they held* («أندرس فوغ راسموسن الأمين العام لحلف الناتو», «الرئيس دميتري مدفيديف») and
returns the date intervals in which that description was true. A title followed by
«السابق/السابقة» (former) yields "after the term ended" instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from ..text.textnorm import fold, normalize_same_length
from .actors import Actor, Role, Term, knowledge_base

_AR = "\u0621-\u064a"


@dataclass(frozen=True, slots=True)
class Constraint:
    person: str
    role: str
    intervals: tuple[tuple[dt.date, dt.date], ...]
    start: int  # offset of the name mention
    end: int
    note: str


def roles() -> dict[str, Role]:
    return knowledge_base().roles


def people() -> tuple[Actor, ...]:
    return tuple(a for a in knowledge_base().actors.values() if a.kind == "person")


def _words_rx(forms: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    alt = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted({fold(f) for f in forms}, key=len, reverse=True))
    return re.compile(rf"(?<![{_AR}])(?P<pre>لل|[وفبل])?(?:{alt})(?![{_AR}])")


@functools.lru_cache(maxsize=1)
def _person_patterns() -> list[tuple[Actor, re.Pattern[str]]]:
    return [(p, _words_rx(p.forms)) for p in people() if p.terms]


@functools.lru_cache(maxsize=256)
def _title_pattern(role_id: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    r = roles()[role_id]
    full = _words_rx(r.titles) if r.titles else None
    adj = _words_rx(r.adjacent) if r.adjacent else None
    return full, adj


_FORMER = re.compile(rf"^\s*(?:ال[{_AR}]+\s+){{0,2}}(?:ال)(?:سابق|اسبق)[هة]?(?![{_AR}])")
_SEP = re.compile(r"[\s،,]*$")


def office_constraints(text: str, today: dt.date, window: int = 80) -> list[Constraint]:
    """Date intervals implied by people named with a title of an office they held; ``today`` is the
    analysis's reference date (the latest possible date), never the wall clock."""
    norm = normalize_same_length(text)
    out: list[Constraint] = []
    for person, rx in _person_patterns():
        for m in rx.finditer(norm):
            by_role: dict[str, list[Term]] = {}
            for t in person.terms:
                by_role.setdefault(t.role, []).append(t)
            for role_id, terms in by_role.items():
                full, adj = _title_pattern(role_id)
                found = None
                lo, hi = max(0, m.start() - window), min(len(norm), m.end() + window)
                for rx_t, after_ok in ((full, True), (adj, False)):
                    if rx_t is None or found:
                        continue
                    for tm in rx_t.finditer(norm, lo, hi):
                        if tm.end() <= m.start():  # title, then the name: «الرئيس الروسي دميتري ميدفيديف»
                            if _SEP.match(norm, tm.end(), m.start()):
                                found = tm
                                break
                        elif after_ok and tm.start() >= m.end():  # name, then title in apposition
                            if _SEP.match(norm, m.end(), tm.start()) and not tm.group("pre"):
                                found = tm
                                break
                if not found:
                    continue
                former = bool(_FORMER.match(norm[found.end() : found.end() + 40]))
                role = roles()[role_id]
                if former:
                    ivs = ((max(t.end for t in terms), today),)
                    note = f"{person.en} named as former {role.en} (after {ivs[0][0]})"
                else:
                    ivs = tuple((t.start, min(t.end, today)) for t in terms)
                    # An open term ends at the reference date; the note says "since" so that it
                    # does not depend on which reference date was used.
                    span = ", ".join(f"{t.start}..{'' if t.end >= today else t.end}" for t in terms)
                    note = f"{person.en} named as {role.en} ({span})"
                out.append(Constraint(person.id, role_id, ivs, m.start(), m.end(), note))
    return out


def intersect(constraints: list[Constraint]) -> tuple[list[tuple[dt.date, dt.date]], list[str]]:
    """Intersect the interval sets of all constraints; conflicting evidence is dropped, not forced."""
    current: list[tuple[dt.date, dt.date]] | None = None
    notes: list[str] = []
    seen: set[tuple[str, str]] = set()
    for c in constraints:
        if (c.person, c.role) in seen:
            continue
        seen.add((c.person, c.role))
        if current is None:
            current = list(c.intervals)
            notes.append(c.note)
            continue
        nxt = [
            (max(a, x), min(b, y)) for a, b in current for x, y in c.intervals if max(a, x) <= min(b, y)
        ]
        if nxt:
            current = nxt
            notes.append(c.note)
        else:
            notes.append(f"ignored (conflicts with the rest): {c.note}")
    return current or [], notes
