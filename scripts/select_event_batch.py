"""Select a fresh, stratified batch of articles for hand annotation of events (batch "a").

Reproducible: ``python scripts/select_event_batch.py`` prints the chosen ids (family, corpus, id, length, title).

Recipe
- Pools: ANT (``articles.jsonl.gz`` in file order, index >= 5000) and SaudiNewsNet (all articles).
- Body (``text``) of 400-2,500 characters; ANT category ``sport`` and the SaudiNewsNet sports papers
  (``arreyadi``, ``arriyadiyah``) are left out (football «هجوم»/«اتفاق» are not events); ANT articles already in
  ``khabar/data/gold/events_ant.tsv`` are left out; a text identical to one already taken is skipped.
- Five keyword families. A keyword matches a whole word with optional proclitics (و/ف, ب/ل/ك, ال) and a short
  suffix, so «وزارة» does not count as «زار». Each article is put in its *dominant* family (most hits; ties go
  to the earlier family) and must have at least two hits in it.
- ``random.Random(11001)``; for each family in order, ANT then SaudiNewsNet, ``rng.sample`` over the sorted ids of
  that family: 5 ANT + 3 SaudiNewsNet per family (25 + 15).
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

RAW = Path("/work/shared/eval/raw")
ANT = RAW / "ant_multisource" / "articles.jsonl.gz"
SNN = RAW / "saudinewsnet" / "articles.jsonl.gz"
EXISTING_GOLD = Path(__file__).resolve().parent.parent / "khabar" / "data" / "gold" / "events_ant.tsv"

FAMILIES: dict[str, list[str]] = {
    "attacks": ["قتل", "مقتل", "انفجار", "هجوم", "غارة", "اشتباك", "مسلحون", "انتحاري", "اختطف"],
    "protests": ["تظاهر", "احتجاج", "مسيرة", "اعتصام", "إضراب"],
    "arrests": ["اعتقل", "القبض", "احتجاز", "حظر تجول", "ترحيل"],
    "diplomacy": ["زار", "استقبل", "محادثات", "اتفاق", "وقع", "قمة", "مساعدات"],
    "statements": ["انتقد", "أدان", "اتهم", "حذر", "دعا", "رفض", "طالب"],
}
PER_FAMILY = {"ant": 5, "snn": 3}
SEED = 11001

_AR = "\u0600-\u06FF"
_PREFIX = "(?:[وف])?(?:[بلك])?(?:ال)?"
# Short nominal/verbal endings; «ة» is not allowed after a bare verb stem (وزارة ≠ زار, قمة is a noun itself).
_SUFFIX_NOUN = "(?:ات|ة|ان|ين|ون|ه|ها|هم|ي|ا|ى)?"
_SUFFIX_VERB = "(?:ت|تا|ا|وا|ن|نا|ه|ها|هم|ي)?"
_VERBS = {"قتل", "زار", "استقبل", "وقع", "اعتقل", "تظاهر", "انتقد", "أدان", "اتهم", "حذر", "دعا", "رفض", "طالب", "اختطف"}


def _pattern(keyword: str) -> re.Pattern[str]:
    stem = re.escape(keyword).replace("\\ ", r"\s+")
    if keyword == "القبض":  # «القبض» already carries the article; allow «بالقبض», «والقبض»
        return re.compile(f"(?<![{_AR}])[وف]?[بل]?القبض(?![{_AR}])")
    if keyword == "مسلحون":
        return re.compile(f"(?<![{_AR}])[وف]?(?:ال)?مسلح(?:ون|ين)(?![{_AR}])")
    suffix = _SUFFIX_VERB if keyword in _VERBS else _SUFFIX_NOUN
    return re.compile(f"(?<![{_AR}]){_PREFIX}{stem}{suffix}(?![{_AR}])")


PATTERNS = {fam: [_pattern(k) for k in kws] for fam, kws in FAMILIES.items()}


def family_of(text: str) -> str | None:
    hits = {fam: sum(len(p.findall(text)) for p in pats) for fam, pats in PATTERNS.items()}
    best = max(FAMILIES, key=lambda f: (hits[f], -list(FAMILIES).index(f)))
    return best if hits[best] >= 2 else None


def _existing_ids() -> set[str]:
    if not EXISTING_GOLD.exists():
        return set()
    return {ln.split("\t", 1)[0] for ln in EXISTING_GOLD.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")}


def load(corpus: str) -> list[dict]:
    path = ANT if corpus == "ant" else SNN
    out = []
    skip = _existing_ids() if corpus == "ant" else set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if corpus == "ant" and i < 5000:
                continue
            r = json.loads(line)
            text = r.get("text") or ""
            if not 400 <= len(text) <= 2500:
                continue
            if corpus == "ant" and r.get("category") == "sport":
                continue
            if corpus == "snn" and r.get("source") in {"arreyadi", "arriyadiyah"}:
                continue
            if r["id"] in skip:
                continue
            out.append(r)
    return out


def select() -> list[tuple[str, str, dict]]:
    rng = random.Random(SEED)
    pools = {c: load(c) for c in ("ant", "snn")}
    by_family = {c: {f: [] for f in FAMILIES} for c in pools}
    for c, rows in pools.items():
        for r in rows:
            fam = family_of(r["text"])
            if fam:
                by_family[c][fam].append(r)
    chosen: list[tuple[str, str, dict]] = []
    seen_texts: set[str] = set()
    for fam in FAMILIES:
        for c in ("ant", "snn"):
            cands = sorted(by_family[c][fam], key=lambda r: r["id"])
            order = rng.sample(cands, len(cands))
            n = 0
            for r in order:
                if n == PER_FAMILY[c]:
                    break
                if r["text"] in seen_texts:
                    continue
                seen_texts.add(r["text"])
                chosen.append((fam, c, r))
                n += 1
    return chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="print the article texts too (for annotation; do not commit the output)")
    args = ap.parse_args()
    for fam, c, r in select():
        print(f"{fam}\t{c}\t{r['id']}\t{len(r['text'])}\t{(r.get('title') or '').strip()}")
        if args.full:
            print(r["text"].strip(), "\n")


if __name__ == "__main__":
    main()
