"""Browsing the store: `list`, `show`, `search`, `entities`, `entity`, `quotes`."""

from __future__ import annotations

import json
import os
import sys
import time

import click

from ..store.base import Facets
from .app import main
from .common import DATE, DB_HELP, _actor_ids, _check_window, _date_str, _store
from .events import _plover_type

EVENT_CONFIDENCE = 0.4  # an event counts for --type at this confidence, as in `khabar events` and the web search


def _story_id(store, story: str) -> str:
    s = store.story(story.strip())
    if s is None:
        raise click.BadParameter(f"no story {story!r} (or the prefix is ambiguous)", param_hint="--story")
    return s["id"]

LOW_DATE_CONFIDENCE = 0.5


def _bold_words(snippet: str, query: str) -> str:
    """The query's own (not excluded) words in bold, longest first."""
    from ..store.query import compile_query

    words = {w for t in compile_query(query).terms for w in t.text.split()}
    for word in sorted(words, key=len, reverse=True):
        snippet = snippet.replace(word, click.style(word, bold=True))
    return snippet


def _asdict(obj) -> dict:
    import dataclasses

    return dataclasses.asdict(obj)


def _listed_date(r) -> str:
    """The date column of ``khabar list``: low-confidence dates are marked, guesses say so."""
    s = _date_str(r.published, r.precision)
    if r.published and r.date_confidence is not None and r.date_confidence < LOW_DATE_CONFIDENCE:
        s += " (guess)" if r.date_method == "guess" else " ?"
    return s


def _quoted(text: str, kind: str, width: int) -> str:
    """A statement as printed: direct quotes inside «…», reported speech after ≈ (on one line)."""
    text = " ".join(text.split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    if kind != "direct":
        return f"≈ {text}"
    return text if text.startswith("«") and text.endswith("»") else f"«{text.strip('«»')}»"


@main.command(name="list")
@click.option("--db", default=None, help=DB_HELP)
@click.option("-n", "--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@click.option("--outlet", default=None)
@click.option("--from", "date_from", type=DATE, default=None, help="YYYY[-MM[-DD]]")
@click.option("--to", "date_to", type=DATE, default=None, help="YYYY[-MM[-DD]] (inclusive)")
@click.option("--json", "as_json", is_flag=True)
def list_(db: str | None, limit: int, offset: int, outlet: str | None, date_from: str | None,
          date_to: str | None, as_json: bool) -> None:
    """List stored articles, newest first."""
    _check_window(date_from, date_to)
    store = _store(db)
    rows = store.list(limit=limit, offset=offset, outlet=outlet, date_from=date_from, date_to=date_to)
    if as_json:
        for r in rows:
            click.echo(json.dumps(r.__dict__ if hasattr(r, "__dict__") else _asdict(r), ensure_ascii=False))
        return
    for r in rows:
        click.echo(f"{r.id}  {_listed_date(r):<24} {(r.outlet or '—'):<14} {r.title or ''}")
    uncertain = sum(1 for r in rows if _listed_date(r).endswith(("?", "(guess)")))
    legend = f"; uncertain dates ({uncertain}) marked ? or (guess), see khabar show ID" if uncertain else ""
    click.echo(f"({len(rows)} of {store.count()} articles{legend})", err=True)


@main.command()
@click.argument("article_id")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="the full stand-off analysis as JSON")
@click.option("--tokens", is_flag=True, help="with --json: include tokens (recomputed)")
def show(article_id: str, db: str | None, as_json: bool, tokens: bool) -> None:
    """Show an article's metadata and clean text (ID may be a unique prefix)."""
    store = _store(db)
    a = store.get(article_id)
    if a is None:
        raise click.ClickException(f"no article with id {article_id!r}")
    if as_json:
        if tokens:
            from ..text.tokenize import analyse_text

            a.sentences = analyse_text(a.article.text)
        click.echo(json.dumps(a.to_dict(tokens=tokens), ensure_ascii=False, indent=2))
        return
    art = a.article
    p = art.published
    lines = [
        ("id", art.id), ("title", art.title), ("outlet", f"{art.outlet_name or '—'} [{art.outlet or '—'}]"
         + (f" via {art.extra.get('outlet_evidence')}" if art.extra.get("outlet_evidence") else "")),
        ("url", art.url), ("agencies", ", ".join(art.agencies) or None), ("dateline", art.dateline),
    ]
    if p:
        d = _date_str(p.value, p.precision) + (f" {p.time}" if p.time else "")
        d += f"  confidence {p.confidence:.2f}, {p.method or 'no evidence'}"
        lines.append(("published", d))
        if p.evidence:
            lines.append(("  evidence", f"«{art.text[p.evidence.start:p.evidence.end]}» @{p.evidence.start}"))
        if p.earliest and p.latest:
            lines.append(("  window", f"{p.earliest} .. {p.latest}"))
        if p.candidates:
            lines.append(("  candidates", ", ".join(p.candidates)))
        for n in p.notes:
            lines.append(("  note", n))
    st = store.story_of(art.id) if hasattr(store, "story_of") else None
    if st and st.get("story_date"):  # kept apart from the publication date, with its evidence
        lines.append(("story date", f"{st['story_date']}  (derived from its story's thread, not its own date)"))
        lines.append(("  evidence", st.get("story_date_note")))
    for c in art.credits:
        lines.append(("credit", f"{c.kind}: {c.name}" + (f" [{c.code}]" if c.code else "")))
    lines += [("language", f"{art.language} ({art.language_score:.2f})"), ("source", art.source_path),
              ("sentences", str(len(a.sentences)))]
    if art.standfirst:
        lines.append(("standfirst", art.standfirst))
    for err in art.extra.get("stage_errors", []):
        lines.append(("warning", f"layer failed and was skipped: {err}"))
    if a.mentions:
        counts: dict[str, int] = {}
        for m in a.mentions:
            if m.entity:
                counts[m.entity] = counts.get(m.entity, 0) + 1
        names = {e.id: (e.en or e.name) for e in a.entities}
        top = sorted(counts.items(), key=lambda kv: -kv[1])
        lines.append(("entities", " · ".join(f"{names.get(k, k)} ×{v}" for k, v in top[:25])))
    for k, v in lines:
        if v:
            click.echo(f"{k:>12}: {v}")
    names = {e.id: (e.en or e.name) for e in a.entities}
    for q in a.quotes:
        who = q.source if q.unnamed and q.source else names.get(q.speaker or "", q.speaker_text)
        click.echo(f"{'quote':>12}: {who} [{q.verb}] {_quoted(art.text[q.start:q.end], q.kind, 140)}")
    for t in a.timexes:
        hijri = f" (Hijri {t.hijri})" if t.hijri else ""
        click.echo(f"{'time':>12}: «{t.text}» = {t.value}{hijri}")
    for e in a.events:
        rep = f" (reported by {names.get(e.reported_by or '', e.reported_by)})" if e.reported_by else ""
        click.echo(f"{'event':>12}: {e.plover} {e.mode} {names.get(e.actor, e.actor)} → "
                   f"{names.get(e.recipient or '', e.recipient or '—')} [{e.cameo}, {e.goldstein:+.1f}] «{e.trigger}»{rep}")
    click.echo("")
    click.echo(art.text)


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@click.option("--db", default=None, help=DB_HELP)
@click.option("-n", "--limit", type=int, default=20, show_default=True)
@click.option("--outlet", default=None)
@click.option("--actor", "actors", multiple=True, help="only articles mentioning this actor (repeatable): NATO, RUS, Lavrov, الناتو…")
@click.option("--from", "date_from", type=DATE, default=None, help="YYYY[-MM[-DD]]")
@click.option("--to", "date_to", type=DATE, default=None, help="YYYY[-MM[-DD]] (inclusive)")
@click.option("--type", "plover", default=None, callback=_plover_type,
              help="only articles reporting an event of this PLOVER type (confidence ≥ 0.4), e.g. PROTEST")
@click.option("--story", default=None, help="only the articles of this story (its id, an article's id, or a prefix)")
@click.option("--json", "as_json", is_flag=True)
def search(query: tuple[str, ...], db: str | None, limit: int, outlet: str | None, actors: tuple[str, ...],
           date_from: str | None, date_to: str | None, plover: str | None, story: str | None, as_json: bool) -> None:
    """Full-text search over stems + lemmas («الدرع الصاروخي» finds «الدرع الصاروخية»).

    \b
    QUERY syntax:
      الدرع الصاروخي          every word (AND is implied; may be written)
      "مجلس روسيا الناتو"     a phrase: these words, in this order
      روسيا OR الناتو          either
      ترامب -بوتين            without a word (also: ترامب NOT بوتين)
      NOT ترامب               only exclusions: the articles without it, newest first
      title:الناتو            in the title (also title:"…")
      (روسيا OR موسكو) الناتو  grouping
    Any other syntax (*, body:, a dangling AND/OR/NOT, an unbalanced quote) is an error.
    Hits holding the query as a phrase, then with its words close together, rank first.
    """
    _check_window(date_from, date_to)
    typo = next((w for w in query if w.startswith("--")), None)  # -word excludes a word; --word is no option
    if typo:
        raise click.UsageError(f"no such option: {typo}")
    store = _store(db)
    q = " ".join(query)
    if not q.strip() and not actors and not plover and not story:
        raise click.UsageError("give a QUERY, or at least one of --actor, --type, --story")
    facets = Facets(plover, EVENT_CONFIDENCE, _story_id(store, story) if story else None)
    t0 = time.perf_counter()
    try:
        hits = store.search(q, limit=2 * limit, outlet=outlet, date_from=date_from, date_to=date_to,
                            actors=_actor_ids(store, actors), facets=facets)
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    hits, copies = _collapse_copies(store, hits, limit)
    ms = (time.perf_counter() - t0) * 1000
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    for h in hits:
        r = h.row
        canonical, others = copies.get(r.id, (r.id, []))
        if as_json:
            click.echo(json.dumps({"id": r.id, "score": round(h.score, 4), "title": r.title, "outlet": r.outlet,
                                   "published": r.published, "precision": r.precision, "snippet": h.snippet,
                                   "copy_of": None if canonical == r.id else canonical, "copies": others},
                                  ensure_ascii=False))
            continue
        more = f"  +{len(others)} {'copy' if len(others) == 1 else 'copies'}" if others else ""
        more += "" if canonical == r.id else f"  (copy of {canonical})"
        click.echo(f"{r.id}  {h.score:6.2f}  {_date_str(r.published, r.precision):<22} {(r.outlet or '—'):<12} "
                   f"{r.title or ''}{more}")
        snip = h.snippet
        if color:
            snip = _bold_words(snip, q)
        click.echo(f"    {snip}")
    click.echo(f"{len(hits)} hits in {ms:.1f} ms", err=True)


def _collapse_copies(store, hits: list, limit: int) -> tuple[list, dict[str, tuple[str, list[str]]]]:
    """One hit per article and its copies (khabar.stories): the best-ranked of them stands for all,
    at most ``limit``; returns the hits kept and, for each, (its canonical article, the other
    versions: the canonical's copies, and the canonical itself when the hit is a copy)."""
    groups = store.copies_of([h.row.id for h in hits]) if hits else {}
    canon = {c: k for k, cs in groups.items() for c in cs}
    kept, seen, out = [], set(), {}
    for h in hits:
        key = canon.get(h.row.id, h.row.id)
        if key in seen:
            continue
        seen.add(key)
        kept.append(h)
        out[h.row.id] = (key, [v for v in [key, *groups.get(key, [])] if v != h.row.id])
        if len(kept) == limit:
            break
    return kept, out


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("-n", "--limit", type=int, default=30, show_default=True)
@click.option("--type", "type_", type=click.Choice(["PER", "ORG", "LOC", "MISC"], case_sensitive=False))
@click.option("--json", "as_json", is_flag=True)
def entities(db: str | None, limit: int, type_: str | None, as_json: bool) -> None:
    """Top actors by the number of articles that mention them."""
    store = _store(db)
    rows = store.top_entities(limit=limit, type_=type_)
    for r in rows:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False))
            continue
        label = r["name"] or r["entity_id"]
        en = f" ({r['en']})" if r.get("en") else ""
        kb = "" if r.get("kb") else "  [not in KB]"
        click.echo(f"{r['docs']:>6} art {r['n']:>7} men  {r['type'] or '?':<4} {r['entity_id']:<28} {label}{en}{kb}")


@main.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--db", default=None, help=DB_HELP)
@click.option("-n", "--limit", type=int, default=20, show_default=True, help="articles to list")
def entity(name: tuple[str, ...], db: str | None, limit: int) -> None:
    """An actor: canonical identity, roles, spelling variants seen, articles (NAME: id, English or Arabic)."""
    from ..kb.actors import knowledge_base

    store = _store(db)
    q = " ".join(name)
    kb = knowledge_base()
    ids = [a.id for a in kb.find(q)] or store.find_entities(q)
    if not ids:
        raise click.ClickException(f"unknown actor {q!r}")
    for eid in ids[:3]:
        a = kb.get(eid)
        stored = store.entity(eid)
        click.echo(f"{eid}: {a.en if a else (stored or {}).get('name')}")
        if a:
            click.echo(f"  type {a.type} ({a.kind})  country {a.country or '—'}  sector {a.sector or '—'}")
            click.echo(f"  Arabic forms: {' ، '.join(a.forms[:12])}")
            if a.aliases_en:
                click.echo(f"  English aliases: {', '.join(a.aliases_en)}")
            for t in a.terms:
                role = kb.roles[t.role].en if t.role in kb.roles else t.role
                end = "present" if t.end.year >= 2099 else t.end.isoformat()
                click.echo(f"  role: {role}  {t.start.isoformat()} .. {end}")
        if stored:
            click.echo("  seen as: " + " ، ".join(f"{v['text']} ×{v['n']}" for v in stored["variants"][:15]))
            arts = stored["articles"]
            click.echo(f"  in {len(arts)} articles:")
            for r in arts[:limit]:
                click.echo(f"    {r.id}  {_date_str(r.published, r.precision):<22} {r.title or ''}")
        else:
            click.echo("  (not mentioned in this store)")


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--actor", "actors", multiple=True, help="speaker (repeatable): Lavrov, NATO, راسموسن…")
@click.option("--unnamed", is_flag=True, help="only statements by unnamed sources («دبلوماسي روسي»)")
@click.option("--from", "date_from", type=DATE, default=None, help="YYYY[-MM[-DD]]")
@click.option("--to", "date_to", type=DATE, default=None, help="YYYY[-MM[-DD]] (inclusive)")
@click.option("-n", "--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def quotes(db: str | None, actors: tuple[str, ...], unnamed: bool, date_from: str | None, date_to: str | None,
           limit: int, as_json: bool) -> None:
    """Who said what: direct and reported statements with their speakers."""
    _check_window(date_from, date_to)
    store = _store(db)
    speakers = [i for ids in _actor_ids(store, actors) for i in ids] if actors else None
    rows = store.quotes(speakers=speakers, limit=limit, date_from=date_from, date_to=date_to,
                        unnamed=True if unnamed else None)
    for r in rows:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False))
            continue
        who = r["speaker_en"] or r["speaker_name"] or r["speaker"] or "—"
        if r["unnamed"]:
            who = f"{r['source'] or r['speaker_text']} (unnamed{', ' + r['source_country'] if r['source_country'] else ''})"
        click.echo(f"{r['article_id'][:10]}  {_date_str(r['published'], r['precision']):<14} {who} [{r['verb']}] "
                   f"{_quoted(r['text'], r['kind'], 160)}")
    click.echo(f"{len(rows)} statements", err=True)
