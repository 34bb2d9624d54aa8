"""Exports: JSONL (the full stand-off analysis), CSV and Parquet (one row per article)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from typing import IO, Any

from .model import Analysis
from .tokenize import analyse_text

FLAT_FIELDS = [
    "id", "title", "outlet", "outlet_name", "url", "published", "date_precision", "date_confidence",
    "date_method", "date_time", "dateline", "agencies", "language", "category", "author", "source_path",
    "n_sentences", "text",
]


def flat_row(a: Analysis) -> dict[str, Any]:
    art = a.article
    p = art.published
    return {
        "id": art.id, "title": art.title, "outlet": art.outlet, "outlet_name": art.outlet_name, "url": art.url,
        "published": p.value if p else None, "date_precision": p.precision if p else None,
        "date_confidence": p.confidence if p else None, "date_method": p.method if p else None,
        "date_time": p.time if p else None, "dateline": art.dateline, "agencies": ";".join(art.agencies),
        "language": art.language, "category": art.category, "author": art.author, "source_path": art.source_path,
        "n_sentences": len(a.sentences), "text": art.text,
    }


GDELT_FIELDS = [
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "SOURCEURL", "PLOVER", "Mode", "Context", "Evidence", "Confidence",
]


def _quad(cameo: str) -> int:
    root = int(cameo[:2]) if cameo[:2].isdigit() else 1
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 14 else 4


def export_events(analyses: Iterable[Analysis], fmt: str, fh: IO[str]) -> int:
    """Events as PLOVER JSONL or a GDELT-compatible TSV (one row per event, mentions merged)."""
    from .kb import knowledge_base

    kb = knowledge_base()
    merged: dict[str, dict] = {}
    for a in analyses:
        for e in a.events:
            row = merged.get(e.id)
            ev_text = a.article.text[e.mentions[0].start : e.mentions[0].end] if e.mentions else ""
            if row is None:
                row = merged[e.id] = {"event": e, "mentions": 0, "articles": set(), "url": a.article.url,
                                      "evidence": ev_text, "article": a.article.id, "outlets": set()}
            row["mentions"] += len(e.mentions)
            row["articles"].add(a.article.id)
            row["outlets"].add(a.article.outlet or a.article.id)
    n = 0
    if fmt == "gdelt":
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(GDELT_FIELDS)
    for row in merged.values():
        e = row["event"]
        act, rec = kb.get(e.actor), kb.get(e.recipient) if e.recipient else None
        if fmt == "plover":
            fh.write(json.dumps({
                "id": e.id, "date": e.date, "event_type": e.plover, "mode": e.mode, "context": e.context,
                "cameo": e.cameo, "goldstein": e.goldstein,
                "actor": {"id": e.actor, "name": act.en if act else e.actor, "country": e.actor_country,
                          "sector": e.actor_sector},
                "recipient": {"id": e.recipient, "name": rec.en if rec else e.recipient, "country": e.recipient_country,
                              "sector": e.recipient_sector} if e.recipient else None,
                "location": e.location, "trigger": e.trigger, "reported_by": e.reported_by,
                "evidence": row["evidence"], "article": row["article"], "url": row["url"],
                "num_mentions": row["mentions"], "num_articles": len(row["articles"]),
                "confidence": e.confidence, "actor_found_by": e.method,
            }, ensure_ascii=False) + "\n")
        else:
            w.writerow([
                e.id, (e.date or "").replace("-", "")[:8], e.actor_country or e.actor, act.en if act else e.actor,
                e.actor_country or "", e.actor_sector or "", (e.recipient_country or e.recipient or ""),
                rec.en if rec else (e.recipient or ""), e.recipient_country or "", e.recipient_sector or "", 1,
                e.cameo, e.cameo[:3], e.cameo[:2], _quad(e.cameo), e.goldstein, row["mentions"], len(row["outlets"]),
                len(row["articles"]), e.location or "", row["url"] or "", e.plover, e.mode, e.context,
                " ".join(row["evidence"].split())[:300], e.confidence,
            ])
        n += 1
    return n


def export(analyses: Iterable[Analysis], fmt: str, out: str | None, tokens: bool = False) -> int:
    n = 0
    if fmt in ("plover", "gdelt"):
        fh2: IO[str] = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            return export_events(analyses, fmt, fh2)
        finally:
            if out:
                fh2.close()
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not out:
            raise ValueError("parquet export needs --output FILE")
        rows = [flat_row(a) for a in analyses]
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
                fh.write(json.dumps(a.to_dict(tokens=tokens), ensure_ascii=False) + "\n")
                n += 1
        elif fmt == "csv":
            w = csv.DictWriter(fh, fieldnames=FLAT_FIELDS)
            w.writeheader()
            for a in analyses:
                w.writerow(flat_row(a))
                n += 1
        else:
            raise ValueError(f"unknown export format {fmt!r} (jsonl, csv, parquet)")
    finally:
        if out:
            fh.close()
    return n
