"""What the pages and the API show, shaped from the store's reads (no web framework here).

Highlighting is built from the stored offsets: the article text is cut at every annotation
boundary into pieces, and each piece carries the annotations that cover it. Templates escape
each piece (Jinja2 autoescape); no raw article text is ever inserted into the HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..kb.actors import knowledge_base
from ..model import Analysis
from ..store.query import compile_query
from ..text.tokenize import tokenize

DATE_RX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
SAFE_URL = re.compile(r"https?://[^\s\"'<>]+", re.I)


class BadParam(ValueError):
    """A request parameter that cannot be used (answered with 400)."""


def check_date(value: str | None, name: str) -> str | None:
    if not value:
        return None
    value = value.strip()
    if not DATE_RX.fullmatch(value):
        raise BadParam(f"{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def safe_url(url: str | None) -> str | None:
    """The URL when it may be a link (http/https only: never javascript:, data:, …)."""
    return url if url and SAFE_URL.fullmatch(url.strip()) else None


def actor_name(eid: str | None, lang: str = "ar", fallback: str | None = None) -> str:
    """Display name of an entity id: the KB's Arabic or English name, else the stored name."""
    if not eid:
        return "—"
    a = knowledge_base().get(eid)
    if a:
        return a.en if lang == "en" else a.name_ar
    return fallback or eid.split(":")[-1]


def resolve_actor(store, name: str | None) -> list[str] | None:
    """Entity ids a name may denote (KB id, English alias, Arabic form, a stored entity id); None for no name."""
    if not name or not name.strip():
        return None
    name = name.strip()
    ids = [a.id for a in knowledge_base().find(name)]
    if not ids and store.entity_summary(name, limit=0):  # a stored id (new:PER:…), as actor links give
        ids = [name]
    if not ids:  # (no scan of every mention for a free-text name: that costs as much as the store)
        raise BadParam(f"unknown actor {name!r}")
    return ids


# ---------------------------------------------------------------------- highlighting
@dataclass(slots=True)
class Ann:
    start: int
    end: int
    kind: str  # ent | quote | speaker | verb | ev | tx | pubdate | dateline
    index: int
    cls: str
    tip: str = ""
    href: str | None = None


@dataclass(slots=True)
class Piece:
    t: str
    s: int
    e: int
    cls: str = ""
    tip: str = ""
    href: str | None = None
    data: dict[str, str] = field(default_factory=dict)
    anchor: str = ""  # an element id: "cite" on the first piece of a cited span


def pieces(text: str, anns: list[Ann]) -> list[Piece]:
    """The text cut at every annotation boundary; each piece lists the annotations covering it."""
    n = len(text)
    anns = [a for a in anns if 0 <= a.start < a.end <= n]
    bounds = sorted({0, n, *(a.start for a in anns), *(a.end for a in anns)})
    starts: dict[int, list[Ann]] = {}
    for a in anns:
        starts.setdefault(a.start, []).append(a)
    active: list[Ann] = []
    out = []
    for s, e in zip(bounds, bounds[1:], strict=False):
        active = [a for a in active if a.end > s] + starts.get(s, [])
        if not active:
            out.append(Piece(text[s:e], s, e))
            continue
        data: dict[str, list[str]] = {}
        for a in active:
            data.setdefault(a.kind, []).append(str(a.index))
        cls = " ".join(dict.fromkeys(c for a in active for c in a.cls.split()))
        tip = " · ".join(dict.fromkeys(a.tip for a in active if a.tip))
        href = next((a.href for a in active if a.href), None)
        out.append(Piece(text[s:e], s, e, cls, tip, href, {k: " ".join(v) for k, v in data.items()}))
    return out


def annotations(a: Analysis, lang: str) -> list[Ann]:
    """Every annotation of an analysis as a highlightable span (entities link to their actor page)."""
    art = a.article
    names = {e.id: e for e in a.entities}
    out = []
    for i, m in enumerate(a.mentions):
        ent = names.get(m.entity or "")
        tip = f"{m.type} · {actor_name(m.entity, lang, ent.name if ent else m.text)}" if m.entity else m.type
        out.append(Ann(m.start, m.end, "m", i, f"ent ent-{m.type}", tip, f"/actor/{m.entity}" if m.entity else None))
    for i, q in enumerate(a.quotes):
        who = q.source if q.unnamed and q.source else actor_name(q.speaker, lang, q.speaker_text) if q.speaker \
            else q.speaker_text
        out.append(Ann(q.start, q.end, "q", i, f"quote quote-{q.kind}", f"«{who}» {q.verb}".strip()))
        if q.speaker_start is not None and q.speaker_end is not None:
            out.append(Ann(q.speaker_start, q.speaker_end, "sp", i, "speaker"))
    for i, t in enumerate(a.timexes):
        out.append(Ann(t.start, t.end, "x", i, "tx", f"{t.type} = {t.value} ({t.precision})"))
    for i, ev in enumerate(a.events):
        tip = (f"{ev.plover} {ev.mode} p={ev.confidence:.2f}: {actor_name(ev.actor, lang)} → "
               f"{actor_name(ev.recipient, lang) if ev.recipient else '—'}")
        for em in ev.mentions:
            out.append(Ann(em.trigger_start, em.trigger_end, "v", i, "ev", tip))
    pub = art.published
    if pub and pub.evidence:
        out.append(Ann(pub.evidence.start, pub.evidence.end, "d", 0, "pubdate", f"{pub.value} ({pub.precision})"))
    if art.dateline_span:
        out.append(Ann(art.dateline_span.start, art.dateline_span.end, "dl", 0, "dateline", art.dateline or ""))
    return out


def article_view(a: Analysis, lang: str, cite: tuple[int, int] | None = None) -> dict:
    """Everything the article page shows; ``cite``: a span to mark (a story's timeline or summary
    links to its evidence this way), the first of its pieces carrying the anchor ``#cite``."""
    art = a.article
    anns = annotations(a, lang)
    if cite and 0 <= cite[0] < cite[1] <= len(art.text):
        anns.append(Ann(cite[0], cite[1], "c", 0, "cite"))
    else:
        cite = None
    cut = pieces(art.text, anns)
    if cite:
        next(p for p in cut if p.s >= cite[0]).anchor = "cite"
    names = {e.id: e for e in a.entities}
    counts = Counter(m.entity for m in a.mentions if m.entity)
    entities = [{"id": eid, "name": actor_name(eid, lang, names[eid].name if eid in names else None),
                 "type": names[eid].type if eid in names else "", "n": n} for eid, n in counts.most_common()]
    quotes = [{"i": i, "kind": q.kind, "text": art.text[q.start:q.end], "verb": q.verb, "speaker": q.speaker,
               "who": q.source if q.unnamed and q.source else actor_name(q.speaker, lang, q.speaker_text)
               if q.speaker else q.speaker_text} for i, q in enumerate(a.quotes)]
    events = [{"i": i, "plover": e.plover, "cameo": e.cameo, "mode": e.mode, "confidence": e.confidence,
               "goldstein": e.goldstein, "actor": e.actor, "actor_name": actor_name(e.actor, lang),
               "recipient": e.recipient, "recipient_name": actor_name(e.recipient, lang) if e.recipient else "—",
               "trigger": e.trigger, "date": e.date} for i, e in enumerate(a.events)]
    pub = art.published
    evidence = art.text[pub.evidence.start:pub.evidence.end] if pub and pub.evidence else None
    return {"a": a, "art": art, "pieces": cut, "cite": cite, "entities": entities,
            "quotes": quotes, "events": events, "timexes": a.timexes, "pub": pub, "evidence": evidence,
            "url": safe_url(art.url), "removed": art.removed_lines}


def snippet_pieces(snippet: str, query: str) -> list[Piece]:
    """A search snippet with the words matching the query (by stem or lemma) marked."""
    try:
        terms = compile_query(query).terms if query.strip() else ()
    except ValueError:
        terms = ()
    stems = {s for t in terms for s, _ in t.tokens}
    lemmas = {lm for t in terms for _, lm in t.tokens}
    anns = [Ann(t.start, t.end, "h", 0, "hit") for t in tokenize(snippet) if t.kind != "punct"
            and ((t.stem and t.stem in stems) or (t.lemma and t.lemma in lemmas))]
    return pieces(snippet, anns)


# ---------------------------------------------------------------------- actors, threads
def roles_of(eid: str, lang: str) -> list[dict]:
    kb = knowledge_base()
    a = kb.get(eid)
    if not a:
        return []
    return [{"role": kb.roles[t.role].en if t.role in kb.roles else t.role, "start": t.start.isoformat(),
             "end": t.end.isoformat()} for t in sorted(a.terms, key=lambda t: t.start)]


def counterpart_dyads(store, eid: str, lang: str, limit: int = 10) -> list[dict]:
    out = []
    for d in store.top_dyads(limit=limit, actors=[eid]):
        other = d["b"] if d["a"] == eid else d["a"]
        out.append({**d, "other": other, "other_name": actor_name(other, lang)})
    return out


def thread_view(store, a_ids: list[str], b_ids: list[str], limit: int = 200) -> dict:
    """Until stories exist, a thread is the articles that name both actors: timeline, outlets, summary."""
    rows = store.list(limit=limit, actors=[a_ids, b_ids])
    known = [r for r in rows if r.published and not r.published.startswith("X")]  # a year is known
    timeline = sorted(known, key=lambda r: (r.published, r.id)) + [r for r in rows if r not in known]
    outlets = Counter(r.outlet_name or r.outlet or "—" for r in rows)
    dated = [r.published for r in known]
    return {"rows": timeline, "outlets": outlets.most_common(), "n": len(rows),
            "first": dated[0] if dated else "—", "last": dated[-1] if dated else "—"}


__all__ = ["Ann", "BadParam", "Piece", "actor_name", "annotations", "article_view", "check_date",
           "counterpart_dyads", "pieces", "resolve_actor", "roles_of", "safe_url", "snippet_pieces", "thread_view"]
