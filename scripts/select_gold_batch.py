"""Select the fresh who/when gold batch (12 SaudiNewsNet + 8 ANT articles).

Reproducible: one random.Random(20261130), used first for SaudiNewsNet, then for ANT.
Filters (surface heuristics only; khabar is not run):
  * body (`text`) 600-3,000 characters;
  * at least one name cue (a title, institution or place word that signals a named
    person, organisation or place);
  * at least one quotation cue (قال/أكد/أوضح/صرح/أضاف or «…») or a date expression;
  * ANT: index >= 5000 in the file, id not already in khabar/data/gold/*.tsv (this batch's own
    *_fresh.tsv files excepted, so that the selection stays reproducible);
  * SaudiNewsNet: 4 of the 12 are taken first from the articles with a Hijri date cue.

    python scripts/select_gold_batch.py [--shared ../shared]   # prints the chosen ids
    python scripts/select_gold_batch.py --check gold/saudinewsnet/*.tsv khabar/data/gold/*_fresh.tsv

--check verifies gold TSVs against the corpus records. Every surface or cue `X#n` must have at
least n non-overlapping matches of X in the record's `text` (counted as khabar's eval harness
counts them). An entity surface must not be glued to following letters. Unsuffixed quote and timex
cues that occur more than once are listed, so that their first occurrence can be confirmed by hand.
"""
import argparse
import glob
import gzip
import json
import os
import random
import re

SEED = 20261130
N_SNN, N_ANT, N_SNN_HIJRI = 12, 8, 4
ANT_MIN_INDEX = 5000

NAME_CUES = re.compile(
    r"(الملك|الأمير|الرئيس|الوزير|وزير|وزارة|وكالة|هيئة|مجلس|جامعة|شركة|منظمة|الأمم المتحدة|"
    r"السعودية|المملكة|الرياض|جدة|مكة|المدينة|الدمام|اليمن|مصر|العراق|سوريا|إيران|الولايات المتحدة|"
    r"واشنطن|لندن|موسكو|باريس|بغداد|دمشق|القاهرة|الأردن|لبنان|تركيا|روسيا|فرنسا|ألمانيا|الصين|"
    r"إسرائيل|فلسطين|قطر|الإمارات|الكويت|البحرين|عمان|ليبيا|تونس|الجزائر|المغرب|السودان|الهلال|النصر|الاتحاد|الأهلي)")
QUOTE_CUES = re.compile(r"(قال|أكد|أوضح|صرح|أضاف|«[^»]{3,}»)")
DATE_CUES = re.compile(
    r"(\bهـ|\d{4}م|\b1[34]\d\d\b|\b20[01]\d\b|يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|"
    r"أكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|محرم|صفر|ربيع|جمادى|رجب|"
    r"شعبان|رمضان|شوال|ذي القعدة|ذي الحجة|ذو القعدة|ذو الحجة|السبت|الأحد|الاثنين|الإثنين|الثلاثاء|"
    r"الأربعاء|الخميس|الجمعة|أمس|اليوم|غدا)")
_HMONTH = (r"(?:محرم|صفر|ربيع الأول|ربيع الأولى|ربيع الثاني|ربيع الآخر|جمادى الأولى|جمادى الآخرة|جمادى الثانية|رجب|"
           r"شعبان|رمضان|شوال|ذي القعدة|ذو القعدة|ذي الحجة|ذو الحجة)")
# a Hijri date: a number followed by هـ, or a day number / year next to a Hijri month name
HIJRI_CUES = re.compile(r"(\d\s*هـ|\d{1,2}\s+(?:من\s+)?(?:شهر\s+)?" + _HMONTH + r"(?![\u0621-\u064A])|"
                        + _HMONTH + r"\s+(?:من\s+)?(?:العام\s+|عام\s+)?14[0-4]\d)")


def read(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            yield i, json.loads(line)


def eligible(text):
    return (text is not None and 600 <= len(text) <= 3000 and NAME_CUES.search(text)
            and (QUOTE_CUES.search(text) or DATE_CUES.search(text)))


# the gold files that existed when this batch was selected; every later one (batch C and on) is ignored, so that
# the selection stays reproducible (counting them made it drift)
EARLIER = {"events_ant.tsv", "events_seeds.tsv", "quotes_ant.tsv", "quotes_seeds.tsv", "timex_seeds.tsv"}


def used_ant_ids(gold_dir):
    ids = set()
    for p in glob.glob(os.path.join(gold_dir, "*.tsv")):
        if os.path.basename(p) not in EARLIER:  # this batch's own output and later batches: not "already used"
            continue
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    ids.add(line.split("\t", 1)[0])
    return ids


def select(shared, gold_dir):
    rng = random.Random(SEED)
    snn = [r for _, r in read(os.path.join(shared, "eval/raw/saudinewsnet/articles.jsonl.gz"))
           if eligible(r.get("text"))]
    snn.sort(key=lambda r: r["id"])
    rng.shuffle(snn)
    hijri = [r for r in snn if HIJRI_CUES.search(r["text"])]
    chosen = hijri[:N_SNN_HIJRI]
    taken = {r["id"] for r in chosen}
    chosen += [r for r in snn if r["id"] not in taken][:N_SNN - len(chosen)]

    used = used_ant_ids(gold_dir)
    ant = [r for i, r in read(os.path.join(shared, "eval/raw/ant_multisource/articles.jsonl.gz"))
           if i >= ANT_MIN_INDEX and r["id"] not in used and eligible(r.get("text"))]
    ant.sort(key=lambda r: r["id"])
    return [r["id"] for r in chosen], [r["id"] for r in rng.sample(ant, N_ANT)]


AR_LETTER = re.compile(r"[\u0621-\u064A]")


def check(paths, shared):
    rows = []
    bad_rows = 0
    for p in paths:
        kind = "entities" if "entities" in os.path.basename(p) else (
            "quotes" if "quotes" in os.path.basename(p) else "timex")
        with open(p, encoding="utf-8") as f:
            for ln, line in enumerate(f, 1):
                if line.startswith("#") or not line.strip():
                    continue
                fields = line.rstrip("\n").split("\t")
                # quotes: doc, speaker, kind, cue and (as the files' header says) the speaker as written, or -
                ok = (len(fields) == 4 and fields[1] in ("PER", "ORG", "LOC", "MISC")) if kind == "entities" else (
                    (len(fields) in (4, 5) and fields[2] in ("direct", "indirect")) if kind == "quotes"
                    else len(fields) == 3)
                if not ok:
                    print(f"BAD ROW {p}:{ln}: {fields}")
                    bad_rows += 1
                    continue
                cue = fields[2] if kind == "entities" else fields[3] if kind == "quotes" else fields[1]
                rows.append((p, ln, kind, fields[0], cue))
    ids = {r[3] for r in rows}
    texts = {}
    for corpus in ("eval/raw/saudinewsnet/articles.jsonl.gz", "eval/raw/ant_multisource/articles.jsonl.gz"):
        for _, r in read(os.path.join(shared, corpus)):
            if r["id"] in ids:
                texts[r["id"]] = r["text"]
    problems = 0
    for p, ln, kind, doc, cue in rows:
        # as khabar/eval/harness.py: "X#n" = n-th occurrence; a '#' not followed by digits only is text (a hashtag)
        head, sep, nth = cue.rpartition("#")
        s, nth = (head, nth) if sep and nth.isdigit() else (cue, "")
        n = int(nth) if nth else 1
        if doc not in texts:
            print(f"UNKNOWN DOC {p}:{ln}: {doc}")
            problems += 1
            continue
        text = texts[doc]
        starts = [m.start() for m in re.finditer(re.escape(s), text)] if s else []
        if len(starts) < n:
            print(f"NOT FOUND {p}:{ln}: {doc} {cue!r} ({len(starts)} matches)")
            problems += 1
            continue
        end = starts[n - 1] + len(s)
        if kind == "entities" and end < len(text) and AR_LETTER.match(text[end]):
            print(f"GLUED {p}:{ln}: {doc} {cue!r}")
            problems += 1
        if kind != "entities" and not nth and len(starts) > 1:
            print(f"note {p}:{ln}: {doc} {cue!r} occurs {len(starts)} times; first taken")
    problems += bad_rows
    print(f"{len(rows)} rows, {len(ids)} documents, {problems} problems")
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--gold-dir", default=os.path.join(here, "..", "khabar", "data", "gold"))
    ap.add_argument("--check", nargs="+", metavar="TSV", help="check gold TSVs instead of selecting")
    a = ap.parse_args()
    if a.check:
        raise SystemExit(1 if check(a.check, a.shared) else 0)
    snn, ant = select(a.shared, a.gold_dir)
    for i in snn:
        print("saudinewsnet", i, sep="\t")
    for i in ant:
        print("ant", i, sep="\t")


if __name__ == "__main__":
    main()
