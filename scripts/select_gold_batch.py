"""Select the fresh who/when gold batch (12 SaudiNewsNet + 8 ANT articles).

Reproducible: one random.Random(20261130), used first for SaudiNewsNet, then for ANT.
Filters (surface heuristics only; khabar is not run):
  * body (`text`) 600-3,000 characters;
  * at least one name cue (a title, institution or place word that signals a named
    person, organisation or place);
  * at least one quotation cue (قال/أكد/أوضح/صرح/أضاف or «…») or a date expression;
  * ANT: index >= 5000 in the file, id not already in khabar/data/gold/*.tsv;
  * SaudiNewsNet: 4 of the 12 are taken first from the articles with a Hijri date cue.

    python scripts/select_gold_batch.py [--shared ../shared]   # prints the chosen ids
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


def used_ant_ids(gold_dir):
    ids = set()
    for p in glob.glob(os.path.join(gold_dir, "*.tsv")):
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


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--gold-dir", default=os.path.join(here, "..", "khabar", "data", "gold"))
    a = ap.parse_args()
    snn, ant = select(a.shared, a.gold_dir)
    for i in snn:
        print("saudinewsnet", i, sep="\t")
    for i in ant:
        print("ant", i, sep="\t")


if __name__ == "__main__":
    main()
