"""Token forms the event rules read: a word without its clitics, and what its inflection says
(a verb with a conjunction, a plural or passive verb, a pronoun suffix, the future prefix)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...model import Token
from ...text.textnorm import normalize

_AR = "\u0621-\u064a"


def _tok_base(t: Token) -> str:
    """Search form without proclitics and pronoun suffixes: «وغاراتها» → «غارات»."""
    segs = [g for g in t.segments if g.kind in ("article", "stem")]
    if not segs:
        return t.norm
    return normalize(t.text[segs[0].start - t.start : segs[-1].end - t.start])


def _tok_core(t: Token) -> str:
    """Search form of a token without conjunction/preposition proclitics (keeps the article). A short
    stem after «ب/ل/ك» keeps that letter when the whole word is a trigger of another type: «بحث»,
    «وبحثت» (discussed) are not ب + «حث/حثت» (urge); «بشن», «بحبس» still split."""
    segs = [g for g in t.segments if g.kind == "proclitic"]
    for i, g in enumerate(t.segments):
        if g.kind != "proclitic":
            core = normalize(t.text[g.start - t.start :])
            if i and len(core) <= 4 and normalize(t.text[segs[-1].start - t.start : segs[-1].end - t.start]) in _STEM_LETTERS \
                    and LISTED is not None:
                whole = normalize(t.text[segs[-1].start - t.start :])
                if (types := LISTED(whole)) and types != LISTED(core):
                    return whole
            return core
    return t.norm


def _kept_letter(t: Token) -> bool:
    """Did :func:`_tok_core` keep a «ب/ل/ك» the segmenter took for a preposition («بحث»)?"""
    stem = next((g for g in t.segments if g.kind != "proclitic"), None)
    return stem is not None and len(_tok_core(t)) == len(normalize(t.text[stem.start - t.start :])) + 1


_STEM_LETTERS = ("ب", "ل", "ك")
# the trigger types a word is listed with (empty when none); set by the lexicon module, which reads this one
LISTED: Callable[[str], frozenset[str]] | None = None


def _has_enclitic(t: Token | None) -> bool:
    """A third-person pronoun suffix («يقصفها», «وتأييده»); «ي» is left out: «قتلى» (the dead)
    is not «قتل» + «my»."""
    return t is not None and any(
        g.kind == "enclitic" and t.text[g.start - t.start : g.end - t.start] not in ("ي", "ى", "ني") for g in t.segments)


def _has_future_prefix(t: Token) -> bool:
    return any(g.kind == "proclitic" and t.text[g.start - t.start : g.end - t.start] == "س" for g in t.segments)


def _core_of(tok: Token | None) -> str:
    return _tok_core(tok) if tok is not None else ""


def _plural_verb(tok: Token | None) -> bool:
    """A verb that carries a plural subject pronoun («أطلقوا», «يشنون», «احتلوا»)."""
    c = _core_of(tok)
    bare = re.sub(r"(?:ها|هما|هم|ه)$", "", c) if len(c) >= 5 else c  # «أوقفوه», «يشنونها»
    return len(c) >= 4 and (c.endswith("وا") or (c[:1] in "يت" and bare.endswith("ون")) or (bare != c and bare.endswith("و")))


def _inflected_verb(tok: Token | None) -> bool:
    """Marked as a verb by its inflection, not a bare form a noun could share («وطالب» student)."""
    c = _core_of(tok)
    return len(c) >= 4 and (c.endswith(("وا", "ت", "تا")) or c[:1] in "يتن")


def _after_proclitics(tok: Token) -> str:
    """The token's display text from its first non-proclitic segment on (vowels kept)."""
    for g in tok.segments:
        if g.kind != "proclitic":
            return tok.text[g.start - tok.start :]
    return tok.text


def _voweled_passive(tok: Token | None) -> bool:
    """«قُتل», «أُصيب»: a damma on the first letter marks the passive."""
    if tok is None:
        return False
    core = _after_proclitics(tok)
    return len(core) > 1 and core[1] == "\u064f"


def _passive_perfect(tok: Token | None) -> bool:
    """A voweled passive perfect: «قُتل», «أُعلن», «اتُّهمت» (a damma on one of the first letters;
    imperfects «يُرسل» are left out — their damma may be active)."""
    if tok is None:
        return False
    core = _after_proclitics(tok)
    if not core or core[0] in "يتن":
        return False
    return "\u064f" in core[1:5]


def _has_conj(tok: Token | None) -> bool:
    """The verb opens a coordinated clause («وأطلقوا», «فضربوا»)."""
    if tok is None:
        return False
    return any(g.kind == "proclitic" and tok.text[g.start - tok.start : g.end - tok.start] in ("و", "ف")
               for g in tok.segments)
