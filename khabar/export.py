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


def export(analyses: Iterable[Analysis], fmt: str, out: str | None, tokens: bool = False) -> int:
    n = 0
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
