"""Within-article name repair for quote speakers: the person mentions the quote extractor reads,
with two kinds of error of the entity layer undone by what the article itself shows.

* A proclitic split off a name: «وقال باير» read as و + ب + «اير», «والتر» as و + «التر»,
  «بالمر» as ب + «المر». The letter belongs to the name when the article never writes the name
  without it (a proclitic depends on the syntax around each occurrence; a name's first letter
  does not), or when the whole form is the last name of a person named in full («ديفيد باير»).
* A surname the entity layer did not read as a name («وقال قطان» after «أحمد بن عبدالعزيز
  قطان»): a token that is the last name of a person named in full elsewhere in the article,
  and not a common word of the news corpus, is a mention of that person.

A later one-word mention that equals the last name of a full name (or, when the linker found
no known actor for it, the first name) links to that full name's person.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Mention
from ..text.textnorm import normalize_same_length
from ..text.tokenize import vocabulary

_AR = "\u0621-\u064a"
_WORD = re.compile(rf"[{_AR}\u0640]+")
_CLITICS = "وفبلك"
_COMMON = 150  # corpus count above which a form is a word before it is a name


def _key(s: str) -> str:
    return " ".join(w.replace("\u0640", "") for w in s.split())


def _tokens(norm: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _key(m.group())) for m in _WORD.finditer(norm)]


def _full_names(norm: str, mentions: list[Mention], index: int = -1) -> dict[str, Mention]:
    """Last name (``index`` 0: first name) → the person mention named in full (≥ 2 words) that
    ends (starts) with it; a name two different people share is left out."""
    out: dict[str, Mention] = {}
    clash: set[str] = set()
    for m in mentions:
        words = _key(norm[m.start : m.end]).split()
        if m.type != "PER" or not m.entity or len(words) < 2 or len(words[index]) < 3:
            continue
        last = words[index]
        if last in out and out[last].entity != m.entity:
            clash.add(last)
        elif last not in out or m.end - m.start > out[last].end - out[last].start:
            out[last] = m
    return {k: v for k, v in out.items() if k not in clash}


def _bound_clitic(norm: str, m: Mention, toks: list[tuple[int, int, str]], full: dict[str, Mention]) -> int:
    """The start of ``m`` with a proclitic letter the tokenizer split off its name put back, or
    ``m.start`` where the letter is a proclitic (or there is none)."""
    s = m.start
    if s == 0 or norm[s - 1] not in _CLITICS:
        return s
    ws = s - 1
    while ws > 0 and norm[ws - 1] in _CLITICS and s - ws < 2:
        ws -= 1
    if ws > 0 and re.match(rf"[{_AR}\u0640]", norm[ws - 1]):
        return s  # inside a longer word
    first = _key(norm[s : m.end]).split()[0] if norm[s : m.end].split() else ""
    for cut in range(ws, s):  # the longest form first: «وباير» → «باير» only if that is a name
        whole = _key(norm[cut : s]) + first
        if whole in full and full[whole].start != m.start:
            return cut
        forms = [t[2] for t in toks]
        if forms.count(whole) >= 2 and first not in forms:
            return cut  # «والتر» ×2 and never «التر»: the و is the name's
    return s


def repair_person_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with person names repaired (see the module's docstring), in text order."""
    norm = normalize_same_length(text)
    toks = _tokens(norm)
    out: list[Mention] = []
    for m in mentions:
        if m.type == "PER":
            s = _bound_clitic(norm, m, toks, _full_names(norm, mentions))
            if s != m.start:
                m = replace(m, start=s, text=text[s : m.end])
        out.append(m)
    full, firsts = _full_names(norm, out), _full_names(norm, out, 0)
    for i, m in enumerate(out):
        words = _key(norm[m.start : m.end]).split()
        if m.type != "PER" or len(words) != 1:
            continue
        p = full.get(words[0]) or (firsts.get(words[0]) if m.entity and m.entity.startswith("new:") else None)
        if p is not None and p.entity != m.entity:  # «بالمر», «فلورانس» after «فلورانس بارلي»
            out[i] = replace(m, entity=p.entity)
    return sorted(out + _surname_mentions(text, norm, toks, out, full), key=lambda m: m.start)


def _surname_mentions(text: str, norm: str, toks: list[tuple[int, int, str]], mentions: list[Mention],
                      full: dict[str, Mention]) -> list[Mention]:
    """Tokens that are the last name of a person named in full, outside every mention: mentions of
    that person, where the form has four letters or more and is not a common word of the news
    corpus («طالب», «أمين» are names and words)."""
    covered = [(m.start, m.end) for m in mentions]
    vocab = vocabulary()
    out: list[Mention] = []
    for s, e, form in toks:
        p = full.get(form)
        if p is None or len(form) < 4 or vocab.get(form, 0) > _COMMON or any(a <= s < b for a, b in covered):
            continue
        out.append(Mention(s, e, text[s:e], "PER", p.entity, "coref-surname", 0.6))
    return out
