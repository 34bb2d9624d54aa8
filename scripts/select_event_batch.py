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


PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODES = {"asserted", "negated", "proposed", "hypothetical", "future"}
SECTORS = {"GOV", "LAB", "MIL", "COP", "REB", "OPP", "CVL", "MED", "BUS", "JUD", "LEG", "EDU", "HLH", "REF", "IGO", "NGO",
           "SPY", "UAF"}
_ACTOR = re.compile(r"^(?:[A-Z]{3}(?:_[A-Z]{3})?|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)$")


def find_cue(text: str, cue: str) -> int:
    """Start of the cue in text (``#n`` = n-th occurrence), or -1."""
    n = 1
    m = re.fullmatch(r"(.*)#(\d+)", cue)
    if m:
        cue, n = m.group(1), int(m.group(2))
    pos = -1
    for _ in range(n):
        pos = text.find(cue, pos + 1)
        if pos < 0:
            return -1
    return pos


def check(paths: list[str]) -> int:
    """Verify gold TSVs against the selected articles: cues are substrings of ``text``, labels are valid, and every
    selected article of that corpus is covered (by rows or by a ``# <id>: ... no event`` comment)."""
    chosen = select()
    texts = {r["id"]: r["text"] for _, _, r in chosen}
    corpus_of = {r["id"]: c for _, c, r in chosen}
    errors = 0
    for path in paths:
        covered: set[str] = set()
        corpora: set[str] = set()
        for ln_no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            if line.startswith("#"):
                m = re.match(r"#\s*(\S+):.*no event", line)
                if m and m.group(1) in texts:
                    covered.add(m.group(1))
                continue
            cols = line.split("\t")
            where = f"{path}:{ln_no}"
            if len(cols) != 6:
                print(f"{where}: {len(cols)} columns")
                errors += 1
                continue
            doc, typ, actor, recip, mode, cue = cols
            if doc not in texts:
                print(f"{where}: {doc} not in the selected batch")
                errors += 1
                continue
            covered.add(doc)
            corpora.add(corpus_of[doc])
            if typ not in PLOVER:
                print(f"{where}: bad type {typ}")
                errors += 1
            if mode not in MODES:
                print(f"{where}: bad mode {mode}")
                errors += 1
            for role, val in (("actor", actor), ("recipient", recip)):
                if role == "recipient" and val in {"-", "*"}:
                    continue
                cameo = re.fullmatch(r"[A-Z]{3}_([A-Z]{3})", val)
                if not _ACTOR.match(val) or (cameo and cameo.group(1) not in SECTORS):
                    print(f"{where}: bad {role} {val}")
                    errors += 1
            if actor in {"-", "*"}:
                print(f"{where}: no participant")
                errors += 1
            words = len(re.sub(r"#\d+$", "", cue).split())
            if not 1 <= words <= 5:
                print(f"{where}: cue of {words} words")
                errors += 1
            if find_cue(texts[doc], cue) < 0:
                print(f"{where}: cue not found: {cue!r}")
                errors += 1
        for doc, c in corpus_of.items():
            if c in corpora and doc not in covered:
                print(f"{path}: article {doc} not annotated")
        print(f"{path}: {len(covered)} articles checked")
    print("OK" if not errors else f"{errors} errors")
    return 1 if errors else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="print the article texts too (for annotation; do not commit the output)")
    ap.add_argument("--check", nargs="+", metavar="TSV", help="verify gold TSVs of this batch (cues, labels, coverage)")
    args = ap.parse_args()
    if args.check:
        raise SystemExit(check(args.check))
    for fam, c, r in select():
        print(f"{fam}\t{c}\t{r['id']}\t{len(r['text'])}\t{(r.get('title') or '').strip()}")
        if args.full:
            print(r["text"].strip(), "\n")


if __name__ == "__main__":
    main()
