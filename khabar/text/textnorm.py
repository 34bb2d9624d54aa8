"""Arabic text normalisation.

Two forms are used across khabar:

* the *display* form is the cleaned article text, never altered here;
* the *search* form (:func:`normalize`) folds spelling variation that Arabic news
  writes freely: hamza-carrying alefs, alef maqsura, taa marbuta, diacritics (tashkeel),
  tatweel, Arabic-Indic / Persian digits and presentation-form ligatures.

Every function is length-agnostic: offsets always refer to the display text, never to
a normalised copy.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from ..model import env_int

# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"

_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹",
    "01234567890123456789",
)

_ALEF_PAIRS = [("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ٲ", "ا"), ("ٳ", "ا")]
_FINAL_PAIRS = [("ى", "ي"), ("ة", "ه"), ("ؤ", "و"), ("ئ", "ي")]
# Persian/Urdu letters frequently typed in Arabic text.
_PERSIAN_PAIRS = [("ک", "ك"), ("ی", "ي"), ("ۀ", "ه"), ("ھ", "ه"), ("ڤ", "ف"), ("پ", "ب"), ("چ", "ج"), ("گ", "ك")]

ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]")


def strip_diacritics(text: str) -> str:
    """Remove tashkeel and tatweel (display-preserving for everything else)."""
    return _DIACRITICS.sub("", text).replace(_TATWEEL, "")


def fold_digits(text: str) -> str:
    """Arabic-Indic and Eastern (Persian) digits → ASCII digits, same length."""
    return text.translate(_DIGITS)


def _fold_table(final: bool) -> dict[int, str | None]:
    """One ``str.translate`` table for everything :func:`normalize_light` folds after NFKC (bidi marks,
    diacritics and tatweel deleted; Persian letters, hamza alefs and digits mapped), plus ى ة ؤ ئ
    when ``final``. The key sets are disjoint and no value is a key, so one pass equals the chain."""
    table: dict[int, str | None] = {}
    for cp in [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]:
        table[cp] = None
    for cp in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), ord(_TATWEEL)]:
        table[cp] = None
    for src, dst in [*_PERSIAN_PAIRS, *_ALEF_PAIRS, *(_FINAL_PAIRS if final else [])]:
        table[ord(src)] = dst
    table.update(_DIGITS)
    return table


_LIGHT_TABLE = _fold_table(False)
_FULL_TABLE = _fold_table(True)
# Per-word caches (analyses, features, vectors of word forms) hold at most this many entries each:
# a long ingest meets hundreds of thousands of forms, and a worker must stay well under 500 MB.
WORD_CACHE_SIZE = env_int("KHABAR_WORD_CACHE", 50_000)
_WORD_CACHE: dict[str, str] = {}
_WORD_CACHE_MAX = 100_000


def normalize_light(text: str) -> str:
    """Normalisation that keeps the information a stemmer needs (taa marbuta, alef maqsura).

    Used before Snowball stemming: presentation forms, bidi marks, diacritics, tatweel,
    hamza-carrying alefs and digits are folded; ة and ى are kept.
    """
    return unicodedata.normalize("NFKC", text).translate(_LIGHT_TABLE)


def normalize(text: str) -> str:
    """Full search form: :func:`normalize_light` plus ى→ي, ة→ه, ؤ→و, ئ→ي, lower-cased Latin.
    Short strings (words, names) are cached."""
    if len(text) > 40:
        return unicodedata.normalize("NFKC", text).translate(_FULL_TABLE).lower()
    out = _WORD_CACHE.get(text)
    if out is None:
        if len(_WORD_CACHE) >= _WORD_CACHE_MAX:
            _WORD_CACHE.clear()
        out = _WORD_CACHE[text] = unicodedata.normalize("NFKC", text).translate(_FULL_TABLE).lower()
    return out


def _same_length_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0x0610, 0x061B)) + list(range(0x064B, 0x0660)) + [0x0670] + list(range(0x06D6, 0x06EE)):
        table[cp] = _TATWEEL
    for src, dst in [*_PERSIAN_PAIRS, *_ALEF_PAIRS, *_FINAL_PAIRS]:
        table[ord(src)] = dst
    for i, d in enumerate("٠١٢٣٤٥٦٧٨٩"):
        table[ord(d)] = str(i)
    for i, d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
        table[ord(d)] = str(i)
    return table


@functools.lru_cache(maxsize=32)
def normalize_same_length(text: str) -> str:
    """A normalised copy with exactly the same length and offsets as ``text``.

    Diacritics are replaced by tatweel (U+0640) rather than deleted, so a match position in
    the result is a position in the display text. Useful for pattern matching over display
    text. Single pass (``str.translate``), cached: the date, entity, quote, time and event
    stages all match patterns against the same article.
    """
    out = text.translate(_SAME_LEN).lower()
    if len(out) != len(text):  # a rare Latin letter whose lower case is longer (İ)
        out = "".join(c.lower() if len(c.lower()) == 1 else c for c in text.translate(_SAME_LEN))
    return out


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def normalize_word(word: str) -> str:
    """:func:`normalize` with a cache, for tokens."""
    return normalize(word)


_SAME_LEN = _same_length_table()


def is_arabic(text: str, threshold: float = 0.5) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if ARABIC_LETTER.match(c)) / len(letters) >= threshold


def arabic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if ARABIC_LETTER.match(c)) / len(letters)


def fold(text: str) -> str:
    """:func:`normalize` without lower-casing: safe to apply to regex sources."""
    return unicodedata.normalize("NFKC", text).translate(_FULL_TABLE)


def content_id(text: str) -> str:
    """Content hash of a cleaned text in search form: the same story ingested twice, from a text
    dump or HTML, with other diacritics or whitespace, gets one id (``Article.id``)."""
    key = " ".join(normalize(text).split())
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@functools.cache
def word_list(path: str, form: str = "normalize") -> frozenset[str]:
    """A data list of ``khabar/data/<path>`` (one entry a line, ``#`` comments), each entry in
    ``form``: ``normalize`` (search form) or ``fold``."""
    from importlib import resources

    text = (resources.files("khabar") / "data" / path).read_text(encoding="utf-8")
    norm = fold if form == "fold" else normalize
    return frozenset(norm(ln.strip()) for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))

