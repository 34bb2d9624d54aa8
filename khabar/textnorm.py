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

import re
import unicodedata

# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_BIDI = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹",
    "01234567890123456789",
)

_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"})
_FINAL = str.maketrans({"ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
# Persian/Urdu letters frequently typed in Arabic text.
_PERSIAN = str.maketrans({"ک": "ك", "ی": "ي", "ۀ": "ه", "ھ": "ه", "ڤ": "ف", "پ": "ب", "چ": "ج", "گ": "ك"})

ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]")


def strip_diacritics(text: str) -> str:
    """Remove tashkeel and tatweel (display-preserving for everything else)."""
    return _DIACRITICS.sub("", text).replace(_TATWEEL, "")


def fold_digits(text: str) -> str:
    """Arabic-Indic and Eastern (Persian) digits → ASCII digits, same length."""
    return text.translate(_DIGITS)


def normalize_light(text: str) -> str:
    """Normalisation that keeps the information a stemmer needs (taa marbuta, alef maqsura).

    Used before Snowball stemming: presentation forms, bidi marks, diacritics, tatweel,
    hamza-carrying alefs and digits are folded; ة and ى are kept.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _BIDI.sub("", text)
    text = strip_diacritics(text)
    text = text.translate(_PERSIAN).translate(_ALEF).translate(_DIGITS)
    return text


def normalize(text: str) -> str:
    """Full search form: :func:`normalize_light` plus ى→ي, ة→ه, ؤ→و, ئ→ي, lower-cased Latin."""
    return normalize_light(text).translate(_FINAL).lower()


def normalize_same_length(text: str) -> str:
    """A normalised copy with exactly the same length and offsets as ``text``.

    Diacritics and tatweel are replaced by a placeholder (U+0640 is kept as tatweel
    so regexes can skip it) rather than deleted, so a match position in the result is
    a position in the display text. Useful for pattern matching over display text.
    """
    out = []
    for ch in text:
        if _DIACRITICS.match(ch):
            out.append(_TATWEEL)
            continue
        c = ch.translate(_PERSIAN).translate(_ALEF).translate(_DIGITS).translate(_FINAL)
        out.append(c.lower() if len(c.lower()) == 1 else c)
    return "".join(out)


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
    return normalize_light(text).translate(_FINAL)
