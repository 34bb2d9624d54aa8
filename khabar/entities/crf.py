"""Named-entity recognition: a CRF (python-crfsuite) trained by ``scripts/train_ner.py``.

Types: PER, ORG, LOC, MISC (ANERcorp's PERS is reported as PER). Features come from our
own Arabic text layer, not from a downloaded model: normalised form, proclitic-stripped base
and its Snowball stem, affixes, clitics, shape, word clusters learned from unlabeled ANT
text (``data/clusters.tsv.gz``), gazetteers (places, the actor knowledge base), title and
trigger words before a token, and a ±2 window. The trained model is
``data/models/ner.crfsuite``; ``khabar eval ner`` measures it on ANERcorp test.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..text.textnorm import WORD_CACHE_SIZE, normalize, normalize_word
from ..text.tokenize import cluster_key, segment_word, stem

MODEL_DIR = Path(str(resources.files("khabar") / "data" / "models"))
MODEL_PATH = MODEL_DIR / "ner.crfsuite"  # stage 1: sentence features
MODEL2_PATH = MODEL_DIR / "ner-doc.crfsuite"  # stage 2: + document consistency features

PER_TRIGGERS = {normalize(w) for w in (
    "الرئيس رئيس الرئيسة وزير وزيرة الوزير الوزيرة السيد السيدة الشيخ الملك الملكة الأمير الأميرة الدكتور الدكتورة د"
    " المتحدث المتحدثة الناطق الناطقة المستشار المستشارة الجنرال العقيد اللواء العميد المشير الفريق النائب النائبة"
    " السفير السفيرة المبعوث المبعوثة الأمين الزعيم القائد الإمام البابا المرشح المرشحة رئيسة الكاتب الكاتبة"
    " المدرب اللاعب اللاعبة الفنان الفنانة المخرج الممثل الممثلة المطرب المطربة الصحفي الصحفية الحاكم المحافظ"
    " قال قالت أكد أكدت أضاف أضافت أعلن أعلنت صرح صرحت أوضح أوضحت ابن بن بنت أبو أم نجل عقيلة زوجة زوج"
).split()}
ORG_TRIGGERS = {normalize(w) for w in (
    "شركة شركات منظمة منظمات حزب وكالة جامعة مجلس حركة اتحاد جمعية مؤسسة هيئة بنك مصرف صندوق نادي فريق"
    " لجنة جبهة تنظيم جماعة وزارة محكمة مركز معهد صحيفة جريدة قناة إذاعة مجموعة تحالف حلف برلمان ائتلاف"
).split()}
LOC_TRIGGERS = {normalize(w) for w in (
    "مدينة بلدة محافظة ولاية عاصمة قرية منطقة إقليم جزيرة جزر نهر بحر جبل مخيم حي شارع ميناء مطار دولة"
    " جمهورية مملكة إمارة سلطنة العاصمة شمال جنوب شرق غرب وسط في الى إلى من"
).split()}


@functools.lru_cache(maxsize=1)
def clusters() -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    path = resources.files("khabar") / "data" / "clusters.tsv.gz"
    with resources.as_file(path) as p, gzip.open(p, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            w, a, b, c = line.rstrip("\n").split("\t")
            out[w] = (a, b, c)
    return out


@functools.lru_cache(maxsize=1)
def gazetteers() -> dict[str, dict[tuple[str, ...], str]]:
    """Multi-word gazetteers in search form: {first token: {token tuple: TYPE}}."""
    from ..kb.actors import knowledge_base

    index: dict[str, dict[tuple[str, ...], str]] = {}
    for form, typ in knowledge_base().gazetteer_forms():
        toks = tuple(normalize(form).split())
        if toks:
            index.setdefault(toks[0], {})[toks] = typ
    return index


_PRO = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
_SUF = ("ه", "ها", "هم", "هما", "نا", "كم", "ي", "ات", "ون", "ين", "يه", "يون", "يين")


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def lexical_profile(core: str) -> tuple[str, str, str]:
    """How the word behaves in unlabeled text (ANT word counts): names rarely take the article
    or pronoun/plural suffixes. Returns bucketed (article ratio, suffix ratio, frequency)."""
    from ..text.tokenize import vocabulary

    v = vocabulary()
    get = v.get
    bare = sum([get(p + core, 0) for p in _PRO])
    al = sum([get(p + "ال" + core, 0) for p in ("", "و", "ف", "ب", "ك", "وب")]) + get("لل" + core, 0)
    suf = sum([get(core + x, 0) for x in _SUF])
    tot = bare + al + suf
    if tot == 0:
        return "na", "na", "0"

    def bucket(x: float) -> str:
        return "0" if x == 0 else "lo" if x < 0.05 else "mid" if x < 0.3 else "hi" if x < 0.8 else "all"

    return bucket(al / tot), bucket(suf / tot), str(min(6, len(str(tot))))


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _base(word: str) -> str:
    segs = segment_word(word)
    start = next((s for s, _, k in segs if k != "proclitic"), 0)
    return normalize(word[start:])


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _shape(w: str) -> str:
    if re.fullmatch(r"[\u0621-\u064a\u0640-\u065f]+", w):
        return "ar"
    if re.fullmatch(r"[0-9٠-٩.,%]+", w):
        return "num"
    if re.fullmatch(r"[A-Za-z]+", w):
        return "Aa" if w[:1].isupper() else "a"
    if re.fullmatch(r"\W+", w):
        return "punct"
    return "mix"


def _gaz_tags(bases: list[str]) -> list[str]:
    """Longest-match gazetteer tags (B-TYPE/I-TYPE) over the sentence, on bases without ال too."""
    tags = ["O"] * len(bases)
    gaz = gazetteers()
    keys = [b for b in bases]
    alt = [b[2:] if b.startswith("ال") and len(b) > 4 else b for b in bases]
    i = 0
    while i < len(keys):
        best = None
        for seq in (keys, alt):
            for cand, typ in gaz.get(seq[i], {}).items():
                n = len(cand)
                if tuple(seq[i : i + n]) == cand and (best is None or n > best[0]):
                    best = (n, typ)
        if best:
            n, typ = best
            tags[i] = "B-" + typ
            for j in range(i + 1, i + n):
                tags[j] = "I-" + typ
            i += n
        else:
            i += 1
    return tags


_NO_CLUSTER = ("-", "-", "-")


@dataclass(slots=True)
class TokenRecord:
    """Per-token inputs of one sentence, computed once and shared by both taggers (the CRF's
    features, the neural tagger's ``token_inputs``)."""

    words: list[str]
    norms: list[str]
    shapes: list[str]
    bases: list[str]
    gaz: list[str]  # longest-match gazetteer tags
    ckeys: list[str]  # cluster / embedding keys
    cls: list[tuple[str, str, str]]  # word clusters (three granularities)


def token_record(words: list[str]) -> TokenRecord:
    cl = clusters()
    norms = [normalize_word(w) for w in words]
    shapes = [_shape(w) for w in words]
    bases = [_base(w) if s == "ar" else n for w, n, s in zip(words, norms, shapes, strict=True)]
    ckeys = [cluster_key(w) for w in words]
    cls = [cl.get(k, _NO_CLUSTER) for k in ckeys]
    return TokenRecord(words, norms, shapes, bases, _gaz_tags(bases), ckeys, cls)


def sentence_features(words: list[str], rec: TokenRecord | None = None) -> list[dict[str, float]]:
    rec = rec or token_record(words)
    norms, bases, gaz, cls = rec.norms, rec.bases, rec.gaz, rec.cls
    feats: list[dict[str, float]] = []
    for i in range(len(words)):
        n, b = norms[i], bases[i]
        shape = rec.shapes[i]
        f: dict[str, float] = {
            "bias": 1.0, "w=" + n: 1.0, "b=" + b: 1.0, "sh=" + shape: 1.0,
            "c1=" + cls[i][0]: 1.0, "c2=" + cls[i][1]: 1.0, "c3=" + cls[i][2]: 1.0, "gaz=" + gaz[i]: 1.0,
        }
        if shape == "ar":
            core = b[2:] if b.startswith("ال") and len(b) > 3 else b
            f["st=" + stem(core)] = 1.0
            f["al"] = float(b.startswith("ال"))
            if len(b) < len(n):
                f["pro=" + n[: len(n) - len(b)]] = 1.0
            for k in (1, 2, 3, 4):
                if len(core) > k:
                    f[f"p{k}=" + core[:k]] = 1.0
                    f[f"s{k}=" + core[-k:]] = 1.0
            f["len=" + str(min(len(core), 8))] = 1.0
            pal, psuf, pfreq = lexical_profile(core)
            f["lal=" + pal] = 1.0
            f["lsuf=" + psuf] = 1.0
            f["lfq=" + pfreq] = 1.0
            f["lal|suf=" + pal + psuf] = 1.0
            if cls[i][0] == "-":
                f["oov"] = 1.0
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < len(words):
                f[f"{off}:b=" + bases[j]] = 1.0
                f[f"{off}:c2=" + cls[j][1]] = 1.0
                f[f"{off}:c1=" + cls[j][0]] = 1.0
                if abs(off) == 1:
                    f[f"{off}:w=" + norms[j]] = 1.0
                    f[f"{off}:c3=" + cls[j][2]] = 1.0
                    f[f"{off}:gaz=" + gaz[j]] = 1.0
                    f[f"{off}:sh=" + rec.shapes[j]] = 1.0
            else:
                f[f"{off}:edge"] = 1.0
        if i > 0:
            p = bases[i - 1]
            pc = p[2:] if p.startswith("ال") else p
            if p in PER_TRIGGERS or pc in PER_TRIGGERS:
                f["trig=PER"] = 1.0
            if p in ORG_TRIGGERS or pc in ORG_TRIGGERS:
                f["trig=ORG"] = 1.0
            if p in LOC_TRIGGERS or pc in LOC_TRIGGERS:
                f["trig=LOC"] = 1.0
            f["-1|0=" + bases[i - 1] + "|" + b] = 1.0
            f["c-1|0=" + cls[i - 1][1] + "|" + cls[i][1]] = 1.0
        if i + 1 < len(words):
            f["0|+1=" + b + "|" + bases[i + 1]] = 1.0
        feats.append(f)
    return feats


@dataclass(slots=True)
class Span:
    start: int  # token index
    end: int  # exclusive
    type: str


def bio_to_spans(tags: list[str]) -> list[Span]:
    """Entity spans from IOB2 tags (an I- without B- starts a span, as seqeval does)."""
    spans: list[Span] = []
    cur: Span | None = None
    for i, t in enumerate(tags + ["O"]):
        typ = t[2:] if t != "O" else None
        if cur and (t == "O" or t.startswith("B-") or typ != cur.type):
            cur.end = i
            spans.append(cur)
            cur = None
        if t != "O" and cur is None:
            cur = Span(i, i + 1, typ or "")
    return spans


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _core(word: str) -> str:
    b = _base(word) if _shape(word) == "ar" else normalize(word)
    return b[2:] if b.startswith("ال") and len(b) > 4 else b


def doc_attributes(
    docs_words: list[list[str]], stage1: list[list[str]], window: int | None = None,
    shapes: list[list[str]] | None = None,
) -> list[list[list[str]]]:
    """Stage-2 attributes per token (each with value 1): a word's stage-1 labels *elsewhere in the
    same document* (label consistency: «راسموسن» tagged PER once is PER everywhere), and the stage-1
    labels around it. ``window`` (in sentences) makes a pseudo-document for corpora without article
    boundaries; ``shapes``: the words' shapes when known."""
    cores = [[_core(w) for w in ws] for ws in docs_words]
    shapes = shapes or [[_shape(w) for w in ws] for ws in docs_words]
    # Occurrences of each core form: sentence index → list of (token index, stage-1 tag).
    occ: dict[str, list[tuple[int, int, str]]] = {}
    first: dict[tuple[str, str], tuple[int, int]] = {}  # (core, type) → its first occurrence
    for si, (cs, tags) in enumerate(zip(cores, stage1, strict=True)):
        for ti, (c, t) in enumerate(zip(cs, tags, strict=True)):
            if _counted(c, shapes[si][ti]):
                occ.setdefault(c, []).append((si, ti, t))
                first.setdefault((c, t[2:] if t != "O" else "O"), (si, ti))
    # Without a window a token's votes depend only on its core, its own type, and whether it is the
    # first occurrence of that type (which then moves to the next one in the order of the votes).
    memo: dict[tuple[str, str | None, bool], list[str]] = {}
    out: list[list[list[str]]] = []
    for si, ws in enumerate(docs_words):
        sent: list[list[str]] = []
        for ti in range(len(ws)):
            t1 = stage1[si][ti]
            attrs = ["s1=" + t1, "s1t=" + (t1[2:] if t1 != "O" else "O")]
            if ti > 0:
                attrs.append("-1:s1=" + stage1[si][ti - 1])
            if ti + 1 < len(ws):
                attrs.append("+1:s1=" + stage1[si][ti + 1])
            c = cores[si][ti]
            if window is not None:
                attrs += _doc_votes(occ.get(c, ()), si, ti, window)
                sent.append(attrs)
                continue
            own = t1[2:] if t1 != "O" else "O"
            key = (c, own, first.get((c, own)) == (si, ti)) if (c, own) in first and _counted(c, shapes[si][ti]) \
                else (c, None, False)
            if key not in memo:
                memo[key] = _doc_votes(occ.get(c, ()), si, ti, None)
            attrs += memo[key]
            sent.append(attrs)
        out.append(sent)
    return out


def _counted(core: str, shape: str) -> bool:
    """Whether a token takes part in the document votes."""
    return len(core) >= 3 and shape in ("ar", "Aa")


def _doc_votes(lst: list[tuple[int, int, str]] | tuple, si: int, ti: int, window: int | None) -> list[str]:
    """The document-consistency attributes of token ``ti`` of sentence ``si`` from the occurrences
    ``lst`` of its core form."""
    votes: dict[str, int] = {}
    others = 0
    lo, hi = 0, len(lst)
    if window is not None and lst:
        lo = bisect.bisect_left(lst, (si - window, -1, ""))
        hi = bisect.bisect_right(lst, (si + window, 1 << 30, "~"))
    if hi - lo <= 200:  # very frequent forms (function words) carry no name evidence
        for sj, tj, t in lst[lo:hi]:
            if (sj, tj) == (si, ti):
                continue
            others += 1
            key = t[2:] if t != "O" else "O"
            votes[key] = votes.get(key, 0) + 1
    if not others:
        return ["doc=none"]
    ent = {k: v for k, v in votes.items() if k != "O"}
    if ent:
        best = max(ent, key=lambda k: ent[k])
        return ["doc=" + best, "docfrac=" + best + ("hi" if ent[best] * 2 >= others else "lo")]
    return ["doc=O"]


def doc_features(
    docs_words: list[list[str]], stage1: list[list[str]], window: int | None = None,
    base: list[list[dict[str, float]]] | None = None,
) -> list[list[dict[str, float]]]:
    """Stage-2 features: the sentence features plus :func:`doc_attributes`.
    ``base``: the sentence features already computed for stage 1 (extended in place, not recomputed)."""
    out: list[list[dict[str, float]]] = []
    for si, attrs in enumerate(doc_attributes(docs_words, stage1, window)):
        feats = base[si] if base is not None else sentence_features(docs_words[si])
        for f, extra in zip(feats, attrs, strict=True):
            for a in extra:
                f[a] = 1.0
        out.append(feats)
    return out


class NER:
    """Two-stage CRF tagger: per-sentence, then with document-level consistency features."""

    def __init__(self, model: Path | str = MODEL_PATH, model2: Path | str | None = MODEL2_PATH) -> None:
        import pycrfsuite

        if not Path(model).exists():
            raise FileNotFoundError(f"NER model not found: {model} (run scripts/train_ner.py)")
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model))
        self.tagger2 = None
        self.model_paths = [Path(model)]
        if model2 and Path(model2).exists():
            self.model_paths.append(Path(model2))
            self.tagger2 = pycrfsuite.Tagger()
            self.tagger2.open(str(model2))

    def tag(self, words: list[str]) -> list[str]:
        return self.tag_document([words])[0]

    def features(self, sentences: list[list[str]], window: int | None = None
                 ) -> tuple[list[list[str]], list[list[dict[str, float]]]]:
        """Stage-1 tags and the features of the final stage (stage 2 when its model is loaded)."""
        feats = [sentence_features(ws) for ws in sentences]
        s1 = [self.tagger.tag(f) if f else [] for f in feats]
        if self.tagger2 is not None:
            feats = doc_features(sentences, s1, window, base=feats)
        return s1, feats

    def final_tagger(self):
        return self.tagger2 or self.tagger

    def tag_document(self, sentences: list[list[str]], window: int | None = None) -> list[list[str]]:
        """Tag all sentences of one document (an article); returns IOB2 tags per sentence."""
        _, feats = self.features(sentences, window)
        tg = self.final_tagger()
        return [[t.replace("PERS", "PER") for t in tg.tag(f)] if f else [] for f in feats]


# ----------------------------------------------------------------------------- evaluation


def read_conll(path: str | Path) -> list[tuple[list[str], list[str]]]:
    sents: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    sents.append((words, tags))
                words, tags = [], []
                continue
            w, _, t = line.rpartition(" ")
            words.append(w)
            tags.append(t.replace("PERS", "PER"))
    if words:
        sents.append((words, tags))
    return sents


def evaluate(gold: list[list[str]], pred: list[list[str]]) -> dict[str, dict[str, float]]:
    """Entity-level exact-match P/R/F1 per type and micro-averaged (seqeval's default)."""
    from collections import Counter

    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs = {(s.start, s.end, s.type) for s in bio_to_spans(g)}
        ps = {(s.start, s.end, s.type) for s in bio_to_spans(p)}
        for s in gs & ps:
            tp[s[2]] += 1
        for s in ps - gs:
            fp[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1
    out: dict[str, dict[str, float]] = {}
    for typ in sorted(set(tp) | set(fp) | set(fn)) + ["micro"]:
        t = sum(tp.values()) if typ == "micro" else tp[typ]
        f_ = sum(fp.values()) if typ == "micro" else fp[typ]
        n = sum(fn.values()) if typ == "micro" else fn[typ]
        p = t / (t + f_) if t + f_ else 0.0
        r = t / (t + n) if t + n else 0.0
        out[typ] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": t + n}
    return out
