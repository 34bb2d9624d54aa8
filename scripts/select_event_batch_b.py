#!/usr/bin/env python3
"""Reproducible selection of event-gold batch B (ANT + SaudiNewsNet).

Procedure (same for batch A with seed 11001; batch B uses seed 11002):
  * ANT: lines with index >= 5000 of articles.jsonl.gz (0-based line index); SaudiNewsNet: all lines.
  * body (`text`, stripped) of 400-2,500 characters; ANT category `sport` and the SaudiNewsNet sport
    outlets (arreyadi, arriyadiyah) left out; ANT ids already in events_ant.tsv left out.
  * each article goes to the keyword family with the most keyword occurrences in its body (substring
    counts; ties -> first family in the order below); articles with no keyword are not candidates.
  * per family the candidate list (in file order) is shuffled with the family's shared Random, and
    the first 5 (ANT) / 3 (SaudiNewsNet) are taken.
  * disjointness from batch A: batch B takes only ODD ANT indices and ODD SaudiNewsNet line numbers
    (0-based); batch A may take any, so B also drops anything that the seed-11001 run of this same
    procedure (without the parity restriction) selects.
Prints one line per selected article: corpus, family, index, id, chars.
"""
import gzip
import json
import random
import sys
from pathlib import Path

RAW = Path('/work/shared/eval/raw')
FAMILIES = [
    ('attack', ['قتل', 'مقتل', 'انفجار', 'هجوم', 'غارة', 'اشتباك', 'مسلحون', 'انتحاري', 'اختطف']),
    ('protest', ['تظاهر', 'احتجاج', 'مسيرة', 'اعتصام', 'إضراب']),
    ('arrest', ['اعتقل', 'القبض', 'احتجاز', 'حظر تجول', 'ترحيل']),
    ('diplomacy', ['زار', 'استقبل', 'محادثات', 'اتفاق', 'وقع', 'قمة', 'مساعدات']),
    ('statement', ['انتقد', 'أدان', 'اتهم', 'حذر', 'دعا', 'رفض', 'طالب']),
]
PER = {'ant': 5, 'snn': 3}


def load(corpus):
    path = RAW / ('ant_multisource' if corpus == 'ant' else 'saudinewsnet') / 'articles.jsonl.gz'
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        return [json.loads(line) for line in f]


def family(text):
    counts = [sum(text.count(k) for k in kws) for _, kws in FAMILIES]
    best = max(counts)
    return None if best == 0 else FAMILIES[counts.index(best)][0]


def candidates(corpus, rows, parity, exclude_ids):
    out = {name: [] for name, _ in FAMILIES}
    for i, r in enumerate(rows):
        if corpus == 'ant' and i < 5000:
            continue
        if parity is not None and i % 2 != parity:
            continue
        if r['id'] in exclude_ids:
            continue
        if corpus == 'ant' and r.get('category') == 'sport':
            continue
        if corpus == 'snn' and r.get('source') in ('arreyadi', 'arriyadiyah'):
            continue
        text = (r.get('text') or '').strip()
        if not 400 <= len(text) <= 2500:
            continue
        fam = family(text)
        if fam:
            out[fam].append((i, r['id'], len(text)))
    return out


def select(seed, data, parity, exclude_ids, avoid=frozenset()):
    rng = random.Random(seed)
    picked = []
    for corpus in ('ant', 'snn'):
        cands = candidates(corpus, data[corpus], parity, exclude_ids)
        for name, _ in FAMILIES:
            lst = list(cands[name])
            rng.shuffle(lst)
            lst = [c for c in lst if c[1] not in avoid][:PER[corpus]]
            picked += [(corpus, name) + c for c in lst]
    return picked


def main():
    data = {c: load(c) for c in ('ant', 'snn')}
    gold = Path(__file__).resolve().parents[1] / 'khabar/data/gold/events_ant.tsv'
    exclude = {ln.split('\t')[0] for ln in gold.read_text(encoding='utf-8').splitlines()
               if ln and not ln.startswith('#')}
    batch_a = {p[3] for p in select(11001, data, None, exclude)}
    for corpus, fam, i, doc_id, n in select(11002, data, 1, exclude, avoid=batch_a):
        print(corpus, fam, i, doc_id, n, sep='\t')


if __name__ == '__main__':
    sys.exit(main())
