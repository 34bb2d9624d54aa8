"""Select ANT article pairs for same-story gold (issue #12), to be judged by hand like SemEval-2022 Task 8.

Reproducible, one random.Random(SEED). khabar's models are not run: the strata use surface word overlap only.
  * ANT articles dated 2018, outside the weeks already used for story work (tuned 2018-03-12..18, judged
    2018-04-09..15 and 2018-05-07..13), body 400-6,000 characters;
  * a pivot article drawn at random (outlet first, uniformly, then the article), a partner from ANOTHER outlet
    dated within 2 days, not a copy (lead words not all shared);
  * strata by the number of distinct lead words (>= 4 letters, title + first 300 body characters) the two share:
    0-1, 2-4, 5-8, 9+; N_PER pairs per stratum, so that same-story pairs and hard different-story pairs are both
    frequent (random pairs are almost all unrelated);
  * no article twice.

    python scripts/select_story_pairs.py > pairs.tsv          # pair_id, id1, id2, stratum
    python scripts/select_story_pairs.py --texts OUT_DIR       # also writes the texts the annotators read
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from khabar.stories.signature import words  # noqa: E402  normalised words, no model

SEED = 20261201
N_PER = 60
STRATA = ((0, 1), (2, 4), (5, 8), (9, 10_000))
EXCLUDED_WEEKS = (("2018-03-12", "2018-03-18"), ("2018-04-09", "2018-04-15"), ("2018-05-07", "2018-05-13"))
SHOWN_CHARS = 1000  # body characters the annotators read (SemEval's texts: median 810, at most ~1,100)


def lead_set(a: dict) -> frozenset[str]:
    return frozenset(w for w in words(f"{a.get('title') or ''} {(a.get('text') or '')[:300]}") if len(w) >= 4)


def eligible(a: dict) -> bool:
    d = (a.get("date") or "")[:10]
    if not d.startswith("2018") or any(lo <= d <= hi for lo, hi in EXCLUDED_WEEKS):
        return False
    return 400 <= len(a.get("text") or "") <= 6000 and bool(a.get("title"))


def stratum(k: int) -> int | None:
    return next((i for i, (lo, hi) in enumerate(STRATA) if lo <= k <= hi), None)


def select(path: Path) -> tuple[list[tuple[str, str, int]], dict[str, dict]]:
    arts = [a for a in map(json.loads, gzip.open(path, "rt", encoding="utf-8")) if eligible(a)]
    by_id = {a["id"]: a for a in arts}
    by_day: dict[int, list[dict]] = defaultdict(list)
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    for a in arts:
        by_day[dt.date.fromisoformat(a["date"][:10]).toordinal()].append(a)
        by_outlet[a["source"]].append(a)
    leads = {a["id"]: lead_set(a) for a in arts}
    rng = random.Random(SEED)
    outlets = sorted(by_outlet)
    chosen: list[tuple[str, str, int]] = []
    used: set[str] = set()
    need = [N_PER] * len(STRATA)
    for _ in range(200_000):
        if not any(need):
            break
        p = rng.choice(by_outlet[rng.choice(outlets)])
        if p["id"] in used:
            continue
        day = dt.date.fromisoformat(p["date"][:10]).toordinal()
        near = [b for d in range(day - 2, day + 3) for b in by_day.get(d, ())
                if b["source"] != p["source"] and b["id"] not in used]
        shared = [(len(leads[p["id"]] & leads[b["id"]]), b) for b in near]
        wanted = [(k, b) for k, b in shared if (s := stratum(k)) is not None and need[s]
                  and leads[b["id"]] != leads[p["id"]]]
        if not wanted:
            continue
        k, b = rng.choice(wanted)
        s = stratum(k)
        assert s is not None
        need[s] -= 1
        used.update((p["id"], b["id"]))
        chosen.append((p["id"], b["id"], s))
    rng.shuffle(chosen)
    return chosen, by_id


def shown(a: dict) -> str:
    body = (a.get("text") or "")[:SHOWN_CHARS]
    return f"[{a['source']}, {a['date'][:10]}]\nعنوان: {a.get('title') or ''}\n{body}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--texts", help="write the annotators' text files (two halves, pairs in order) here")
    args = ap.parse_args()
    chosen, by_id = select(Path(args.shared) / "eval/raw/ant_multisource/articles.jsonl.gz")
    print("pair_id\tid1\tid2\tstratum")
    for i, (a, b, s) in enumerate(chosen, 1):
        print(f"P{i:03d}\t{a}\t{b}\t{s}")
    if args.texts:
        out = Path(args.texts)
        out.mkdir(parents=True, exist_ok=True)
        half = (len(chosen) + 1) // 2
        for part, rows in (("1", chosen[:half]), ("2", chosen[half:])):
            start = 1 if part == "1" else half + 1
            with open(out / f"pairs_part{part}.txt", "w", encoding="utf-8") as f:
                for i, (a, b, _s) in enumerate(rows, start):
                    f.write(f"===== P{i:03d} =====\n--- A ---\n{shown(by_id[a])}\n--- B ---\n{shown(by_id[b])}\n\n")


if __name__ == "__main__":
    main()
