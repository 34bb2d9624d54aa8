"""Tokenisation with clitic segmentation, sentence splitting, stemming and lemmas.

Offsets always point into the display text. Clitics (و ف ب ل ك س, the article ال and
pronoun suffixes) are split off as :class:`~khabar.model.Segment` s of a token, not by
rewriting the text, so «والصواريخ» stays one token spanning its eight letters with the
segments و + ال + صواريخ.

Segmentation is guided by a word-frequency list learned from the unlabeled ANT corpus
(``data/vocab.tsv.gz``): a proclitic is split only when what remains is itself a common
word, so «لروسيا» → ل + روسيا but «لافروف», «بروكسل», «فلاديمير» stay whole.
"""

from __future__ import annotations

import functools
import gzip
import re
from importlib import resources

import Stemmer

from ..model import Segment, Sentence, Token
from .textnorm import WORD_CACHE_SIZE, normalize, normalize_light, normalize_word

_AR = "\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u06fa-\u06ff"
TOKEN_RE = re.compile(
    rf"(?P<word>[{_AR}]+(?:[\u200c\u200d][{_AR}]+)*)"
    r"|(?P<number>[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,٫٬][0-9\u0660-\u0669\u06f0-\u06f9]+)*%?)"
    r"|(?P<latin>[A-Za-z\u00c0-\u024f]+(?:['’.-][A-Za-z\u00c0-\u024f]+)*)"
    r"|(?P<punct>[^\s\w]|_)",
    re.UNICODE,
)

PROCLITICS = ("و", "ف", "ب", "ل", "ك", "س")
# Suffix pronouns, longest first.
ENCLITICS = ("كما", "هما", "كم", "كن", "هم", "هن", "نا", "ها", "ني", "ه", "ك", "ي")
# Frequent words that start with a proclitic letter or ال and must never be split.
_NO_SPLIT = frozenset(
    normalize(w)
    for w in (
        "الله الذي التي الذين اللذين اللتين اللاتي اللواتي الى إلى الا إلا الان الآن"
        " لكن لكنه لكنها لم لن لا لما لدى لدي له لها لهم لهما ليس ليست لقد لعل لو لولا لأن لان"
        " بل بين بعد بعض بسبب بما بشأن بن بنت بها به بهم كان كانت كما كل كلا كيف كذلك كي"
        " في فقط فيما فيه فيها فوق وفق"
        " سوف سيد سيدة"
    ).split()
)


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, int]:
    path = resources.files("khabar") / "data" / "vocab.tsv.gz"
    vocab: dict[str, int] = {}
    with resources.as_file(path) as p, gzip.open(p, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            w, _, c = line.rstrip("\n").partition("\t")
            vocab[w] = int(c)
    return vocab


@functools.lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("arabic")


def _freq(word: str) -> int:
    return vocabulary().get(word, 0)


# Proclitic slots, in order: conjunction (و ف) then preposition/future (ب ل ك س).
_PROCLITIC_SLOTS = (("و", "ف"), ("ب", "ل", "ك", "س"))


def _letter_index(word: str) -> tuple[str, list[int]]:
    """The normalised letters of ``word`` and, for each letter, its position in ``word``
    (diacritics and tatweel are skipped; a ligature such as ﻻ gives two letters)."""
    idx: list[int] = []
    parts: list[str] = []
    for i, ch in enumerate(word):
        n_ch = normalize(ch)
        parts.append(n_ch)
        idx.extend([i] * len(n_ch))  # a ligature (ﻻ) normalises to two letters
    return "".join(parts), idx


@functools.lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """data/given_names.txt (scripts/build_given_names.py): first names that start with a proclitic letter."""
    text = (resources.files("khabar") / "data" / "given_names.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _is_proclitic(letters: str, pos: int, full: int) -> bool:
    """Whether ``letters[pos]`` is split off as a proclitic; ``full`` is the frequency of
    ``letters[pos:]`` as a whole word. A first name is kept whole («فيصل» is no «ف» + «يصل»)."""
    if letters[pos:] in _given_names():
        return False
    n = len(letters)
    rest = letters[pos + 1 :]
    if rest.startswith("ال") and n - pos - 1 >= 4:
        ok = True
    elif letters[pos] == "ل" and rest.startswith("ل") and len(rest) >= 3:
        ok = True  # لل = ل + ال (للناتو)
    else:
        ok = _freq(rest) >= max(3, full // 4) or (full == 0 and _freq(rest) > 0)
    if letters[pos] == "س" and not (rest[:1] in ("ي", "ت", "ن") or (rest[:1] == "ا" and len(rest) >= 4)):
        ok = False  # the future «س» only before an imperfect verb: «سعيد», «سامي» are names
    return ok and rest not in ("ه", "ها")


def _split_proclitics(letters: str, segs: list[tuple[int, int, str]]) -> int:
    """Append up to two proclitic segments to ``segs``; returns the position after them."""
    n = len(letters)
    pos = 0
    full = _freq(letters)
    for allowed in _PROCLITIC_SLOTS:
        if pos < n and letters[pos] in allowed and n - pos - 1 >= 2 and _is_proclitic(letters, pos, full):
            segs.append((pos, pos + 1, "proclitic"))
            pos += 1
            full = _freq(letters[pos:])
    return pos


def _split_article(letters: str, segs: list[tuple[int, int, str]], pos: int) -> int:
    """Append the definite article (or the assimilated ل of لل) at ``pos`` to ``segs`` when
    there is one; returns the position after it."""
    n = len(letters)
    if letters.startswith("ال", pos) and n - pos - 2 >= 2 and letters[pos:] not in _NO_SPLIT:
        segs.append((pos, pos + 2, "article"))
        return pos + 2
    if (segs and segs[-1][2] == "proclitic" and letters[segs[-1][0]] == "ل" and letters.startswith("ل", pos) and n - pos >= 3
            and not _lam_initial(letters[pos:])):
        segs.append((pos, pos + 1, "article"))
        return pos + 1
    return pos


def _lam_initial(rest: str) -> bool:
    """After the preposition ل, ``rest`` is a word that begins with ل («للبنان» = ل + لبنان, «لليبيا»),
    not the article's assimilated ل («للمنتخب» = ل + المنتخب): the corpus writes ``rest`` far more often
    than its definite reading («لبنان» against «البنان») and than the word without its ل (a frequent «لصالح»
    is ل + «صالح», so «للصالح» is ل + «الصالح»)."""
    bare = _freq(rest)
    return bare >= 20 and bare > 5 * max(_freq("ال" + rest[1:]), _freq(rest[1:]))


def _pronoun_host_freq(rest: str, suf: str) -> int:
    """Frequency of the word a pronoun suffix ``suf`` is attached to (``rest``): «موقفها» →
    موقف + ها ; a taa marbuta turns into ت before a pronoun (حكومتها)."""
    cand = {rest, rest + "ه"} if suf != "ه" else {rest}
    if rest.endswith("ت"):
        cand.add(rest[:-1] + "ه")
    return max(_freq(c) for c in cand)


def _enclitic_start(word: str, letters: str, idx: list[int], pos: int, has_article: bool) -> int:
    """Letter position where a pronoun suffix starts (``len(letters)`` when there is none);
    the stem starts at ``pos``."""
    n = len(letters)
    if has_article or n - pos < 4:
        return n
    stem_part = letters[pos:]
    base_freq = _freq(stem_part)
    ends_taa = word[idx[n - 1]] == "ة"  # «تظاهرة», «سلمية»: a taa marbuta is no pronoun «ه»
    for suf in ENCLITICS:
        if ends_taa and suf.endswith("ه"):
            continue
        if stem_part.endswith(suf) and len(stem_part) - len(suf) >= 3:
            if _pronoun_host_freq(stem_part[: -len(suf)], suf) >= max(5, base_freq // 3):
                return n - len(suf)
    return n


def _word_offsets(word: str, idx: list[int], segs: list[tuple[int, int, str]]) -> tuple[tuple[int, int, str], ...]:
    """Letter-position segments mapped back to offsets in ``word``, covering it whole (the
    first from 0, the last to its end, no gaps left by diacritics between segments)."""
    out = []
    for k, (a, b, kind) in enumerate(segs):
        s, e = idx[a], idx[b - 1] + 1
        if k == len(segs) - 1:
            e = len(word)
        if k == 0:
            s = 0
        out.append((s, e, kind))
    # Close gaps left by diacritics between segments.
    fixed = []
    for k, (s, e, kind) in enumerate(out):
        if k + 1 < len(out):
            e = out[k + 1][0]
        fixed.append((s, e, kind))
    return tuple(fixed)


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def segment_word(word: str) -> tuple[tuple[int, int, str], ...]:
    """Split an Arabic word into clitic segments; returns (start, end, kind) relative to the word.

    Works on the normalised form letter by letter; normalisation keeps one character per
    letter (diacritics aside), so positions are mapped back through an index table.
    """
    letters, idx = _letter_index(word)
    n = len(letters)
    if n < 3 or letters in _NO_SPLIT:
        return ((0, len(word), "stem"),)
    segs: list[tuple[int, int, str]] = []
    pos = _split_proclitics(letters, segs)
    pos = _split_article(letters, segs, pos)
    has_article = any(k == "article" for _, _, k in segs)
    end = _enclitic_start(word, letters, idx, pos, has_article)
    segs.append((pos, end, "stem"))
    if end < n:
        segs.append((end, n, "enclitic"))
    return _word_offsets(word, idx, segs)


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def stem(word: str) -> str:
    """Snowball Arabic stem of a word after our light normalisation, in search form."""
    return normalize(_stemmer().stemWord(normalize_light(word)))


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def lemma(word: str) -> str:
    """simplemma lemma (dictionary form), in search form; folds many broken plurals."""
    import simplemma  # here, not at the top: commands that only read a store never load it

    try:
        return normalize(simplemma.lemmatize(normalize_light(word), lang="ar"))
    except Exception:  # pragma: no cover - simplemma guards its own data
        return normalize(word)


def _analyse_word(tok: Token) -> None:
    segs, tok.stem, tok.lemma = _word_analysis(tok.text)
    tok.segments = [Segment(tok.start + s, tok.start + e, k) for s, e, k in segs]


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _word_analysis(word: str) -> tuple[tuple[tuple[int, int, str], ...], str, str]:
    """(segments relative to the word, stem, lemma) of a word."""
    segs = segment_word(word)
    base = next(((s, e) for s, e, k in segs if k == "stem"), None)
    core = word[base[0] : base[1]] if base else word
    has_article = any(k == "article" for _, _, k in segs)
    # Stem the word with its article (Snowball strips ال itself and handles ية/ات better so).
    st = stem(("ال" + core) if has_article else core) or normalize(core)
    return segs, st, lemma(core) or st


def tokenize(text: str, start: int = 0, end: int | None = None, analyse: bool = True) -> list[Token]:
    """Tokens of ``text[start:end]`` with absolute offsets."""
    end = len(text) if end is None else end
    toks: list[Token] = []
    for m in TOKEN_RE.finditer(text, start, end):
        kind = m.lastgroup or "punct"
        s = m.group(0)
        tok = Token(start=m.start(), end=m.end(), text=s, norm=normalize_word(s), kind=kind)
        if kind == "word" and analyse:
            _analyse_word(tok)
        elif kind in ("number", "latin"):
            tok.stem = tok.lemma = tok.norm
            tok.segments = [Segment(tok.start, tok.end, "stem")]
        toks.append(tok)
    return toks


# --------------------------------------------------------------------------- sentences

# Abbreviations that end with a dot but do not end a sentence: single Arabic letters
# (د. = Dr, م. = engineer / AD, أ. = Prof, ق.م), and common Latin ones.
_ABBREV_BEFORE_DOT = re.compile(
    r"(?:(?:^|[\s(«\"])[\u0621-\u064a]|\b(?:Dr|Mr|Mrs|Ms|Prof|St|No|vs|etc|Jr|Sr|Inc|Ltd))$"
)
_SENT_END = re.compile(r"[.!?؟]+|…")
_CLOSERS = "\"'”’»)]}"


def split_sentences(text: str) -> list[Sentence]:
    """Split into sentences: at . ! ? ؟ … followed by space, and at line breaks.

    Does not break on «،» or «؛», on a dot after a single letter (د. م. أ.), on decimals
    (10.2) or inside dotted abbreviations. Each line (paragraph) is a hard boundary;
    ``Sentence.paragraph`` counts lines.
    """
    out: list[Sentence] = []
    para = -1
    pos = 0
    for line in text.split("\n"):
        lstart = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        para += 1
        cur = lstart
        lend = lstart + len(line)
        for m in _SENT_END.finditer(text, lstart, lend):
            e = m.end()
            # Extend over closing quotes/brackets.
            while e < lend and text[e] in _CLOSERS:
                e += 1
            if e < lend and not text[e].isspace():
                continue  # 10.2, U.S.A, «..»text
            if m.group(0) == "." and _ABBREV_BEFORE_DOT.search(text[cur : m.start()]):
                continue
            _add_sentence(out, text, cur, e, para)
            cur = e
        _add_sentence(out, text, cur, lend, para)
    return out


# A run of text this long without a sentence end is no sentence (a scraped page with its
# punctuation lost, a table flattened into one line): it is cut into pieces no longer than
# this, so every per-sentence stage stays linear in the article's length. Real sentences
# are far shorter (longest of 32k sentences in 3,000 ANT articles: 2,030 characters).
MAX_SENTENCE_CHARS = 3000
_SOFT_BREAK = re.compile(r"[،؛,;:]\s|\s")


def _add_sentence(out: list[Sentence], text: str, s: int, e: int, para: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    while e - s > MAX_SENTENCE_CHARS:
        cut = _long_sentence_cut(text, s)
        _add_sentence(out, text, s, cut, para)
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        out.append(Sentence(start=s, end=e, paragraph=para))


def _long_sentence_cut(text: str, s: int) -> int:
    """Where to cut an over-long sentence starting at ``s``: after the last clause break
    («،» «؛» …) in the second half of the window, else at its last space, else hard."""
    limit = s + MAX_SENTENCE_CHARS
    half = s + MAX_SENTENCE_CHARS // 2
    clause = space = None
    for m in _SOFT_BREAK.finditer(text, half, limit):
        if m.group(0)[0].isspace():
            space = m.start()
        else:
            clause = m.start() + 1
    return clause or space or limit


def analyse_text(text: str, analyse: bool = True) -> list[Sentence]:
    sents = split_sentences(text)
    for s in sents:
        s.tokens = tokenize(text, s.start, s.end, analyse=analyse)
    return sents


def index_terms(text: str) -> tuple[str, str]:
    """Space-joined stems and lemmas of ``text`` (for the full-text index and queries)."""
    stems: list[str] = []
    lemmas: list[str] = []
    for t in tokenize(text):
        if t.kind == "punct":
            continue
        stems.append(t.stem or t.norm)
        lemmas.append(t.lemma or t.norm)
    return " ".join(stems), " ".join(lemmas)


def strip_proclitics(word: str) -> str:
    """The word without its conjunction/preposition proclitics (keeps ال): «ولروسيا» → «روسيا»."""
    segs = segment_word(word)
    start = next((s for s, _, k in segs if k != "proclitic"), 0)
    return word[start:]


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def cluster_key(word: str) -> str:
    """Form under which word clusters are learned and looked up: normalised, proclitics off."""
    n = normalize(word)
    if not n or not ("\u0621" <= n[0] <= "\u064a"):
        return re.sub(r"\d", "0", n)
    return normalize(strip_proclitics(word))
