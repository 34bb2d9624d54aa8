"""Dates from the story: an article whose publication date is unknown, or known without its year,
gets its candidates narrowed by what it mentions and by the dated stories of its thread.

The result is a *story-derived* date, kept apart from the article's own publication date, with its
evidence in words. Nothing is guessed without candidates: the article's own (a month-day with the
years its office terms allow), or, where it has none, the months of the month-days it mentions
(«الرابع من كانون الاول») within the window its office terms allow. Then, in this order:

1. the dated events it mentions: news reports what is recent, so among the candidates after the
   latest dated event it mentions (a month or a day with its year: a war «in August 2008»; a bare
   year is as often a plan, «cooperation in 2010», as an event), the first is taken;
2. otherwise its thread: the candidate nearest to a dated story of the same thread.

A single candidate is taken as it is. Pure functions over plain values (ISO strings).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from ..model import Analysis

_EVENT_DATED = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_MONTH_DAY = re.compile(r"^XXXX-(\d{2}-\d{2})$")


class StoryDate(NamedTuple):
    value: str  # YYYY-MM-DD or YYYY-MM
    note: str  # the evidence: what narrowed it, naming the articles


def date_hint(a: Analysis) -> dict:
    """What the narrowing needs of an article without a full publication date (empty when it has one):
    its own candidates and office-term window, and the dates its text mentions."""
    p = a.article.published
    if p is not None and p.precision == "day" and p.value and not p.value.startswith("X"):
        return {}
    mentions = sorted({t.value for t in a.timexes if t.value and _EVENT_DATED.match(t.value)})
    month_days = sorted({m.group(1) for t in a.timexes if t.value and (m := _MONTH_DAY.match(t.value))})
    hint = {"candidates": list(p.candidates) if p else [], "earliest": p.earliest if p else None,
            "latest": p.latest if p else None, "mentions": mentions, "month_days": month_days}
    return hint if hint["candidates"] or month_days else {}


def candidates(hint: dict) -> tuple[list[str], str]:
    """The article's candidate dates (ISO days or months) and where they come from."""
    if hint.get("candidates"):
        return sorted(hint["candidates"]), f"its own candidates {', '.join(sorted(hint['candidates']))}"
    lo, hi = hint.get("earliest"), hint.get("latest")
    if not (lo and hi):
        return [], ""
    out = sorted({f"{y}-{md[:2]}" for md in hint.get("month_days", []) for y in range(int(lo[:4]), int(hi[:4]) + 1)
                  if lo <= f"{y}-{md}" <= hi})
    mds = ", ".join(hint["month_days"])
    return out, f"the months of the day it mentions ({mds}) within its office terms {lo}..{hi}"


def _ordinal(value: str) -> int:
    parts = [int(x) for x in value.split("-")] + [15, 15]  # a month counts from its middle
    return dt.date(parts[0], parts[1], parts[2] if len(value) > 7 else 15).toordinal()


def story_date(hint: dict, thread: list[tuple[str, str, str]]) -> StoryDate | None:
    """The story-derived date of an article (``hint``: :func:`date_hint`) in a thread whose dated
    articles are ``thread`` (date, article id, story id); None where nothing narrows it to one."""
    cands, source = candidates(hint)
    if not cands:
        return None
    if len(cands) == 1:
        return StoryDate(cands[0], f"the only candidate: {source}")
    mentioned = [m for m in hint.get("mentions", []) if m[:len(cands[0])] < cands[-1]]
    if mentioned:
        latest = max(mentioned)
        after = [c for c in cands if c > latest[:len(c)]]
        if after:
            return StoryDate(after[0], f"the first of {source} after the latest dated event it mentions ({latest})")
    if thread:
        best = min(((abs(_ordinal(c) - _ordinal(d)), c, d, aid, sid) for c in cands for d, aid, sid in thread))
        _, c, d, aid, sid = best
        return StoryDate(c, f"of {source}, the nearest to its thread's dated article {aid} ({d}, story {sid})")
    return None
