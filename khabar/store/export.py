"""Exports: JSONL (the full stand-off analysis), CSV and Parquet (one row per article); events as PLOVER
JSONL or GDELT-style TSV (one row per event)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from typing import IO, Any

from ..model import Analysis, Article, Event
from ..text.tokenize import analyse_text

FLAT_FIELDS = [
    "id", "title", "outlet", "outlet_name", "url", "published", "date_precision", "date_confidence",
    "date_method", "date_time", "dateline", "agencies", "language", "category", "author", "source_path",
    "n_sentences", "story_id", "thread_id", "copy_of", "text",
]


def flat_row(a: Analysis, story: dict | None = None) -> dict[str, Any]:
    """One article as a flat row; ``story``: its row of ``Store.story_map()`` (story, thread, copy of)."""
    art = a.article
    p = art.published
    story = story or {}
    return {
        "id": art.id, "title": art.title, "outlet": art.outlet, "outlet_name": art.outlet_name, "url": art.url,
        "published": p.value if p else None, "date_precision": p.precision if p else None,
        "date_confidence": p.confidence if p else None, "date_method": p.method if p else None,
        "date_time": p.time if p else None, "dateline": art.dateline, "agencies": ";".join(art.agencies),
        "language": art.language, "category": art.category, "author": art.author, "source_path": art.source_path,
        "n_sentences": len(a.sentences), "story_id": story.get("story_id"), "thread_id": story.get("thread_id"),
        "copy_of": story.get("dup_of"), "text": art.text,
    }


GDELT_FIELDS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "SOURCEURL", "PLOVER", "Mode", "Context", "Evidence", "Confidence",
    "DatePrecision", "DateSource", "DateWindow", "Actor1Id", "Actor2Id",
]
# Event exports keep asserted events at least this likely to be right unless asked for all (as `khabar events`).
MIN_CONFIDENCE = 0.4


def _quad(cameo: str) -> int:
    root = int(cameo[:2]) if cameo[:2].isdigit() else 1
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 14 else 4


def _precision(value: str | None) -> str:
    """day / month / year from an ISO date's length; unknown when there is no (fully known) date."""
    if not value or not value[:4].isdigit():
        return "unknown"
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "unknown")


def event_date(e: Event, art: Article) -> dict[str, str | None]:
    """An event's date: its own (a date in its sentence, or the publication date given at analysis), else the
    article's publication date at its precision; when neither is known, precision ``unknown`` and the
    window the article's date is known to lie in (if any)."""
    pub = art.published
    pub_value = pub.value if pub and pub.value and pub.value[:4].isdigit() else None
    value = e.date if e.date and e.date[:4].isdigit() else pub_value
    source = None if value is None else "article" if value == pub_value and pub_value is not None else "text"
    window = f"{pub.earliest}..{pub.latest}" if value is None and pub and pub.earliest and pub.latest else None
    return {"value": value, "precision": _precision(value), "source": source, "window": window}


def _names(a: Analysis) -> dict[str, tuple[str, str]]:
    """Entity id → (display name, Arabic name) from the article's own entities (never an internal id)."""
    return {en.id: (en.en or en.name, en.name) for en in a.entities}


def _party(kb, names: dict[str, tuple[str, str]], eid: str) -> tuple[str, str]:
    """(display name, Arabic name) of an actor: the knowledge base's English name, else the name of the
    entity in the article (its canonical surface form), else the mention-less generic code."""
    act = kb.get(eid)
    if act is not None:
        return act.en, act.name_ar
    if eid in names:
        return names[eid]
    return ("", "") if ":" in eid else (eid, "")


def _keep(e: Event, include_all: bool) -> bool:
    return include_all or (e.mode == "asserted" and (e.confidence or 0.0) >= MIN_CONFIDENCE)


def _merge_events(analyses: Iterable[Analysis], include_all: bool, copies: set[str] | frozenset = frozenset(),
                  ) -> dict[str, dict]:
    """One row per event id over all articles (mentions and articles counted; an article in ``copies``
    repeats another and adds no count, only an event no other article has)."""
    from ..kb.actors import knowledge_base

    kb = knowledge_base()
    merged: dict[str, dict] = {}
    for a in analyses:
        names = _names(a)
        for e in a.events:
            if not _keep(e, include_all):
                continue
            row = merged.get(e.id)
            if row is None:
                ev_text = a.article.text[e.mentions[0].start : e.mentions[0].end] if e.mentions else ""
                row = merged[e.id] = {
                    "event": e, "mentions": 0, "articles": set(), "url": a.article.url, "evidence": ev_text,
                    "article": a.article.id, "outlets": set(), "date": event_date(e, a.article),
                    "actor": _party(kb, names, e.actor), "recipient": _party(kb, names, e.recipient) if e.recipient else None,
                }
            elif a.article.id in copies:
                continue
            row["mentions"] += len(e.mentions)
            row["articles"].add(a.article.id)
            row["outlets"].add(a.article.outlet or a.article.id)
    return merged


def _plover_row(row: dict) -> dict:
    e, d = row["event"], row["date"]
    return {
        "id": e.id, "date": d["value"], "date_precision": d["precision"], "date_source": d["source"],
        "date_window": d["window"], "event_type": e.plover, "mode": e.mode, "context": e.context,
        "cameo": e.cameo, "goldstein": e.goldstein,
        "actor": {"id": e.actor, "name": row["actor"][0], "name_ar": row["actor"][1], "country": e.actor_country,
                  "sector": e.actor_sector},
        "recipient": {"id": e.recipient, "name": row["recipient"][0], "name_ar": row["recipient"][1],
                      "country": e.recipient_country, "sector": e.recipient_sector} if e.recipient else None,
        "location": e.location, "trigger": e.trigger, "reported_by": e.reported_by,
        "evidence": row["evidence"], "article": row["article"], "url": row["url"],
        "num_mentions": row["mentions"], "num_articles": len(row["articles"]),
        "confidence": e.confidence, "actor_found_by": e.method,
    }


def _gdelt_row(row: dict) -> list:
    e, d = row["event"], row["date"]
    digits = (d["value"] or "").replace("-", "")
    rec_name = row["recipient"][0] if row["recipient"] else ""
    return [
        e.id, digits if d["precision"] == "day" else "", digits[:6] if len(digits) >= 6 else "", digits[:4],
        e.actor_country or "", row["actor"][0], e.actor_country or "", e.actor_sector or "",
        e.recipient_country or "", rec_name, e.recipient_country or "", e.recipient_sector or "", 1,
        e.cameo, e.cameo[:3], e.cameo[:2], _quad(e.cameo), e.goldstein, row["mentions"], len(row["outlets"]),
        len(row["articles"]), e.location or "", row["url"] or "", e.plover, e.mode, e.context,
        " ".join(row["evidence"].split())[:300], e.confidence,
        d["precision"], d["source"] or "", d["window"] or "", e.actor, e.recipient or "",
    ]


def export_events(analyses: Iterable[Analysis], fmt: str, fh: IO[str], include_all: bool = False,
                  copies: set[str] | frozenset = frozenset()) -> int:
    """Events as PLOVER JSONL or a GDELT-compatible TSV (one row per event, mentions merged). Names are
    display names (ids in their own fields); by default only asserted events with confidence ≥
    :data:`MIN_CONFIDENCE` (``include_all`` keeps negated/proposed/hypothetical/future and unlikely ones)."""
    merged = _merge_events(analyses, include_all, copies)
    if fmt == "gdelt":
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(GDELT_FIELDS)
        for row in merged.values():
            w.writerow(_gdelt_row(row))
    else:
        for row in merged.values():
            fh.write(json.dumps(_plover_row(row), ensure_ascii=False) + "\n")
    return len(merged)


def export(analyses: Iterable[Analysis], fmt: str, out: str | None, tokens: bool = False,
           include_all: bool = False, stories: dict[str, dict] | None = None) -> int:
    """Write the export; returns the number of rows: articles, or events for plover/gdelt. ``stories``
    (``Store.story_map()``) adds each article's story and thread ids and the article it copies; event
    exports then count no copy twice."""
    n = 0
    stories = stories or {}
    if fmt in ("plover", "gdelt"):
        fh2: IO[str] = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            copies = {k for k, v in stories.items() if v.get("dup_of")}
            return export_events(analyses, fmt, fh2, include_all=include_all, copies=copies)
        finally:
            if out:
                fh2.close()
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not out:
            raise ValueError("parquet export needs --output FILE")
        rows = [flat_row(a, stories.get(a.article.id)) for a in analyses]
        n = len(rows)
        table = pa.Table.from_pylist(rows, schema=pa.schema(
            [(f, pa.int64() if f == "n_sentences" else pa.float64() if f == "date_confidence" else pa.string())
             for f in FLAT_FIELDS]))
        pq.write_table(table, out)
        return n
    fh: IO[str] = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt == "jsonl":
            for a in analyses:
                if tokens:
                    a.sentences = analyse_text(a.article.text)
                d = a.to_dict(tokens=tokens)
                if a.article.id in stories:
                    st = stories[a.article.id]
                    d["story"] = {"story_id": st["story_id"], "thread_id": st["thread_id"], "copy_of": st["dup_of"]}
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
                n += 1
        elif fmt == "csv":
            w = csv.DictWriter(fh, fieldnames=FLAT_FIELDS)
            w.writeheader()
            for a in analyses:
                w.writerow(flat_row(a, stories.get(a.article.id)))
                n += 1
        else:
            raise ValueError(f"unknown export format {fmt!r} (jsonl, csv, parquet)")
    finally:
        if out:
            fh.close()
    return n
