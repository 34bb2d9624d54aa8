"""Names within one article: what the article itself shows about its names, applied to the
mentions the tagger and the gazetteer found (every later step — quotes, events, the entity list —
then reads the same corrected mentions).

* **Proclitic letters.** The tokenizer splits a first letter that looks like a proclitic off words
  it does not know: «باير» → ب + «اير», «والتر» → و + «التر», «بالمر» → ب + «المر». A proclitic
  depends on the syntax around each occurrence; a name's first letter does not. The letters are
  put back when the whole form is a name the article gives in full («ديفيد باير»), a known name
  of the knowledge base, or a form the article repeats while never writing the remainder alone —
  unless the remainder is the known name or a far more frequent word of the news corpus
  («ولندن» is و + London). Conversely a conjunction the tokenizer left on a name («وكحيل») is cut
  off when the article writes the remainder alone or the name follows another of its type in a
  list («نوى وكحيل»).
* **Name parts.** A one-word person mention equal to the last name of a person named in full
  («ديفيد باير» … «باير»), or to the first name when nothing else links it, is that person; a
  token outside every mention that is such a last name («وقال قطان») is a mention of that person
  when the corpus does not know it as a common word.
* **Repeated names.** A name of two words or more that the article gives is the same name
  wherever the article repeats it: an uncovered repeat is a mention, a repeat the tagger only
  partly covered («أناليتيكا» inside «كمبردج أناليتيكا») is the full name, and the repeats take the
  type most of them have («لوكهيد مارتن» once read as a person).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from importlib import resources

from ..kb.actors import skeleton
from ..model import Mention, Token
from ..text.dates import MONTHS
from ..text.textnorm import normalize, normalize_same_length, word_list
from ..text.tokenize import vocabulary
from .crf import lexical_profile

_CLITIC_LETTERS = "وفبلك"
_CONJUNCTIONS = "وف"
_PATRONYM = frozenset(normalize(w) for w in "بن ابن بنت أبو ابو آل ال".split())
_COMMON = 150  # corpus count above which a form is a word before it is a name
_RATIO = 10  # a remainder this many times more frequent than the whole form is the word
_AR = "\u0621-\u064a\u0640"


def is_name(m: Mention) -> bool:
    """A mention found as a name (tagger, gazetteer, pattern, outlet), not a role or an anaphor."""
    return not (m.method in ("generic", "coref") or m.method.startswith("title"))


def _word_counts(toks: list[Token]) -> Counter[str]:
    return Counter(t.norm for t in toks if t.kind == "word")


def _token_at(toks: list[Token], pos: int) -> Token | None:
    for t in toks:
        if t.start <= pos < t.end:
            return t
        if t.start > pos:
            break
    return None


def full_name_parts(text: str, mentions: list[Mention], index: int = -1) -> dict[str, Mention]:
    """Last name (``index`` 0: first name) → the person mention named in full (≥ 2 words) with it;
    a part two different people share is left out, and so is a father's name after «بن»."""
    out: dict[str, Mention] = {}
    clash: set[str] = set()
    for m in mentions:
        words = normalize(text[m.start : m.end]).split()
        if m.type != "PER" or not m.entity or len(words) < 2 or len(words[index]) < 3 or not is_name(m):
            continue
        if index == -1 and words[-2] in _PATRONYM:
            continue  # «محمد بن سلمان»: «سلمان» is his father
        part = words[index]
        if part in out and out[part].entity != m.entity:
            clash.add(part)
        elif part not in out or m.end - m.start > out[part].end - out[part].start:
            out[part] = m
    return {k: v for k, v in out.items() if k not in clash}


def _keeps_letters(whole: str, rest: str, counts: Counter[str], names: set[str], known: set[str]) -> bool:
    """Whether the letters a cut took off belong to the name (see the module's docstring)."""
    if whole in names or whole in known:
        return True
    if rest in known or counts.get(rest):
        return False
    vocab = vocabulary()
    rest_n = vocab.get(rest, 0)
    return counts[whole] >= 2 and (rest_n <= _COMMON or vocab.get(whole, 0) * _RATIO >= rest_n)


def given_name_whole(whole: str, rest: str) -> bool:
    """A name before «بن» that starts with ف, ك or ب is whole when the corpus writes it at least a tenth as
    often as the remainder («فيصل» / «يصل»), not when the remainder is the usual form («فخالد» / «خالد»)."""
    vocab = vocabulary()
    return whole[:1] in "فكب" and vocab.get(whole, 0) * 10 >= vocab.get(rest, 0) > 0


def restore_name_letters(text: str, toks: list[Token], mentions: list[Mention], known: set[str]) -> set[int]:
    """Put back (or cut off) proclitic letters at the start of name mentions, in place; the ids of
    the mentions changed (their links must be looked up again)."""
    counts = _word_counts(toks)
    names: set[str] = set()
    for m in mentions:
        words = normalize(text[m.start : m.end]).split()
        if m.type == "PER" and len(words) >= 2 and is_name(m):
            names.update((words[0], words[-1]))
    changed: set[int] = set()
    for m in mentions:
        t = _token_at(toks, m.start)
        if t is None or not is_name(m) or t.kind != "word":
            continue
        first_end = min(t.end, m.end)
        if normalize(text[m.start : m.end]) in known:
            continue  # «لوكالة الأنباء الفرنسية», «فرانس برس»: the span is a known name as it stands
        if m.start > t.start and all(c in _CLITIC_LETTERS for c in normalize(text[t.start : m.start])):
            rest = normalize(text[m.start : first_end])
            for cut in range(t.start, m.start):  # the longest form first: «وباير» → «باير» only if a name
                if _keeps_letters(normalize(text[cut:first_end]), rest, counts, names - {rest}, known):
                    m.start, m.text = cut, text[cut : m.end]
                    changed.add(id(m))
                    break
        elif m.start == t.start and t.norm[:1] in _CONJUNCTIONS and first_end == t.end:
            if normalize(text[m.start : m.end]).split()[1:2] in (["بن"], ["بنت"]) and given_name_whole(t.norm, t.norm[1:]):
                continue  # «فيصل بن منير»: a given name before «بن», not ف + «يصل» (but «فخالد بن علي» is ف + خالد)
            rest = t.norm[1:]
            listed = any(o.type == m.type and o.end < m.start and not text[o.end : m.start].strip() for o in mentions)
            if len(rest) >= 3 and (counts.get(rest) or listed) and rest not in known and t.norm not in known:
                m.start += 1  # «وكحيل» … «كحيل»: the article writes the place without the conjunction
                m.text = text[m.start : m.end]
                changed.add(id(m))
    return changed


def link_name_parts(text: str, mentions: list[Mention]) -> None:
    """One-word person mentions that are the last name (or, unlinked, the first name) of a person
    the article names in full take that person's entity, in place. A one-word place that is such a
    last name is that person too («ياسر عرفات» … «وأضاف عرفات», not Mount Arafat), unless a place
    word or «في» stands before it or it names a country."""
    lasts, firsts = full_name_parts(text, mentions), full_name_parts(text, mentions, 0)
    for m in mentions:
        words = normalize(text[m.start : m.end]).split()
        if m.type == "LOC" and len(words) == 1 and _surname_not_place(text, m, lasts.get(words[0])) \
                and not _listed_with_place(text, m, mentions):
            m.type, m.entity, m.method = "PER", lasts[words[0]].entity, f"{m.method}+coref-name"
            continue
        if m.type != "PER" or len(words) != 1 or not is_name(m):
            continue
        unlinked = not m.entity or m.entity.startswith("new:")
        p = lasts.get(words[0]) or (firsts.get(words[0]) if unlinked else None)
        if p is not None and p.entity != m.entity and (unlinked or not p.entity.startswith("new:")):
            m.entity, m.method = p.entity, f"{m.method}+coref-name"


_COUNTRY_ID = re.compile(r"[A-Z]{3}")


def _surname_not_place(text: str, m: Mention, person: Mention | None) -> bool:
    """Whether a one-word place mention is the last name of ``person``, named in full earlier or later:
    not a country («السعودية»), not inside the person's own name, and no place word or «في» before it."""
    if person is None or (m.entity and _COUNTRY_ID.fullmatch(m.entity)) or person.start <= m.start < person.end:
        return False
    before = normalize(text[max(0, m.start - 12) : m.start]).split()
    if not before:
        return True
    w = before[-1]
    places = word_list("surname_place_words.txt")
    return not (w in places or (w[:1] in _CLITIC_LETTERS and w[1:] in places))


def _listed_with_place(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """``m`` follows another place in a list («في مدينتي التواهي غربا وكريتر جنوبا»): a place too."""
    if not normalize(text[max(0, m.start - 1) : m.start]) == "و":
        return False
    return any(o.type == "LOC" and o is not m and 0 <= m.start - o.end <= 15 for o in mentions)


_MONTH_WORDS_BEFORE = frozenset(normalize(w) for w in (
    "شهر", "شهري", "منتصف", "مطلع", "أوائل", "أواخر", "بداية", "نهاية", "خلال", "منذ", "في", "حتى", "قبل", "بعد"))


def _month_reading(text: str, start: int, end: int) -> bool:
    """A month name that reads as a month here: a number beside it or a word of time before it."""
    if re.search(r"\d\s*[/(]?\s*$", text[max(0, start - 6) : start]) or re.match(r"\s*[/(]?\s*\d", text[end : end + 6]):
        return True
    before = normalize(text[max(0, start - 15) : start]).split()
    return bool(before) and before[-1] in _MONTH_WORDS_BEFORE


def _core(t: Token) -> int:
    for g in t.segments:
        if g.kind != "proclitic":
            return g.start
    return t.start


_RARE_FAMILY = 100  # corpus count under which a definite word after a first name is a family name


def first_name_mentions(text: str, toks: list[Token], mentions: list[Mention]) -> list[Mention]:
    """People the tagger missed, named by a first name (data/first_names.txt) and a family name with the
    article that the news corpus hardly knows as a word, in apposition with a role: «المتحدث الرسمي بوزارة
    العمل، تيسير المفرج، عن …», «عن سعيد الطاير الرئيس التنفيذي لهيئة …», «وكان سامي اليحيى، ممثل السفارة».
    First names are common words too («عمر الزهور», «بيت القصيد», «خلف القضبان»): the role is the evidence."""
    covered = [(m.start, m.end) for m in mentions]
    vocab, names = vocabulary(), word_list("first_names.txt")
    words = [t for t in toks if t.kind == "word"]
    out: list[Mention] = []
    i = 0
    while i < len(words) - 1:
        t = words[i]
        if normalize(text[t.start : t.end]) not in names:
            i += 1
            continue
        j = i + 1
        while j < len(words) and j - i <= 2 and _family_name(text, words[j], vocab) and words[j].start - words[j - 1].end <= 1:
            j += 1
        span = (t.start, words[j - 1].end)
        if j > i + 1 and _apposed(text, *span) and not any(a < span[1] and span[0] < b for a, b in covered):
            out.append(Mention(span[0], span[1], text[span[0] : span[1]], "PER", None, "first-name", 0.55))
            i = j
            continue
        i += 1
    return out


def _apposed(text: str, start: int, end: int) -> bool:
    """The name at ``start``-``end`` stands between commas, or a role follows it (after a comma or not)."""
    before = text[max(0, start - 3) : start].rstrip()
    after = text[end : end + 40]
    if before.endswith(("،", ",")) and after.lstrip().startswith(("،", ",")):
        return True
    nxt = normalize(after.lstrip(" ،,")).split()
    return bool(nxt) and nxt[0] in word_list("apposed_roles.txt")


def _family_name(text: str, t: Token, vocab: dict[str, int]) -> bool:
    """A definite word the corpus hardly knows, not a plural («المدعوات», «المعوقين») nor a time word («الأمس»)."""
    w = normalize(text[t.start : t.end])
    return (w.startswith("ال") and len(w) >= 5 and vocab.get(w, 0) < _RARE_FAMILY and not w.endswith(("ين", "ون", "ات"))
            and w not in word_list("not_family_names.txt"))



def surname_mentions(text: str, toks: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Tokens outside every mention that are the last (or first) name of a person named in full:
    mentions of that person, where the form has four letters or more and is not a common word of
    the news corpus («طالب», «أمين» are names and words). A last name the corpus writes often but
    never with the article or a suffix is a name all the same («خاشقجي», «كروس»; not a month, «مايو»)."""
    firsts, lasts = full_name_parts(text, mentions, 0), full_name_parts(text, mentions)
    named = {f for f in lasts if not f.startswith("ال") and f not in MONTHS and lexical_profile(f)[:2] == ("0", "0")
             and not _inflected_word(f)}
    lasts = firsts | lasts
    if not lasts:
        return []
    covered = [(m.start, m.end) for m in mentions]
    vocab = vocabulary()
    out: list[Mention] = []
    for t in toks:
        if t.kind != "word" or any(a < t.end and t.start < b for a, b in covered):
            continue
        for s in (t.start, _core(t)):
            form = normalize(text[s : t.end])
            p = lasts.get(form)
            if p is not None and form in MONTHS and not _month_reading(text, s, t.end):
                out.append(Mention(s, t.end, text[s : t.end], "PER", p.entity, "coref-surname", 0.6))
                break  # «تيريزا ماي» … «وأضافت ماي»: the person, not the month (no day, year or «شهر» beside it)
            if p is not None and len(form) >= 4 and (vocab.get(form, 0) <= _COMMON or form in named):
                out.append(Mention(s, t.end, text[s : t.end], "PER", p.entity, "coref-surname", 0.6))
                break
    return out


def _inflected_word(form: str) -> bool:
    """«يدعي»: an imperfect verb the corpus also writes with another person's prefix («تدعي»), not a name
    («يوسف»); «نائبًا»: the accusative of a word the corpus writes without its alif («نائب»)."""
    vocab = vocabulary()
    return (form[:1] in "يتن" and any(vocab.get(p + form[1:], 0) >= 20 for p in "يتن" if p != form[0])) or (
        form.endswith("ا") and vocab.get(form[:-1], 0) >= 20)


_DOT_TAIL = re.compile(r"\.([\w\u0621-\u064a]+)")
# a person's name joined by a hyphen with no space: «كيم جونغ-نام», «كالانتار-زاده»
_HYPHEN_TAIL = re.compile(r"-(?!ال)(?!(?:في|بعد|قبل|من|على|عن|إلى|الى|مع|حيث|ثم|منذ|حتى|لدى|خلال|عند)(?![\u0621-\u064a]))"
                          r"([\u0621-\u064a]+)(?![\w\u0621-\u064a-])")  # («ماكرون-في تصريح»: an aside)


def dotted_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name whose last word goes on after a dot with no space («أجريجيت آي.كيو», «إس.إيه»), or a
    person's name after a hyphen with no space («كيم جونغ-نام»), ends after it: the tagger read the dot as a
    sentence end, the hyphen as a break. A mention of the part after the dot or hyphen goes."""
    out = list(mentions)
    for m in mentions:
        tail = _DOT_TAIL.match(text, m.end) or (_HYPHEN_TAIL.match(text, m.end) if m.type == "PER" else None)
        if tail is None or not is_name(m) or not text[m.end - 1 : m.end].isalpha():
            continue
        if tail.group(0)[0] == "-" and any(o.start == tail.start(1) for o in mentions):
            continue  # «ميسي-رونالدو»: two names
        end = tail.end()
        out = [o for o in out if not (m.end <= o.start < end)]
        m.end, m.text = end, text[m.start : end]
    return out


def repeated_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with every repeat of a name of two words or more (or of one word found after its
    head noun, «شركة نستله» … «نستله») the article gives made a mention of it (see the module's
    docstring), and the repeats of one name given one type."""
    norm = normalize_same_length(text)
    named = [m for m in mentions if is_name(m) and m.type in ("PER", "ORG", "LOC", "MISC")]
    by_form: dict[str, list[Mention]] = {}
    for m in named:
        key = " ".join(normalize(text[m.start : m.end]).split())
        if " " in key or m.method.startswith("pattern:"):  # one word: a name its head noun vouched for («شركة نستله»)
            by_form.setdefault(key, []).append(m)
    out = list(mentions)
    for key, group in sorted(by_form.items(), key=lambda kv: -len(kv[0])):
        types = Counter(m.type for m in group)
        typ, n = types.most_common(1)[0]
        if n * 2 <= len(group):
            typ = group[0].type
        for m in group:
            if m.type != typ and (not m.entity or m.entity.startswith("new:")):
                m.type, m.entity = typ, f"new:{typ}:{skeleton(m.text)}"
        out = _add_repeats(text, norm, key, group[0], typ, out)
    return sorted(out, key=lambda m: (m.start, -m.end))


def _add_repeats(text: str, norm: str, key: str, first: Mention, typ: str, out: list[Mention]) -> list[Mention]:
    words = [re.escape(w) for w in key.split()]
    body = r"\s+".join(words)
    rx = re.compile(rf"(?<![{_AR}])(?:[وف]?[بلك]?)({body})(?![{_AR}])")
    for hit in rx.finditer(norm):
        s, e = hit.start(1), hit.end(1)
        over = [m for m in out if m.start < e and s < m.end]
        if any(m.start == s and m.end == e for m in over):
            continue
        if any(m.start < s or m.end > e or not is_name(m) for m in over):
            continue  # inside a longer name, or crossing one: left as it is
        out = [m for m in out if m not in over]
        out.append(Mention(s, e, text[s:e], typ, first.entity, "repeat", 0.7))
    return out


def _state_heads() -> frozenset[str]:
    return word_list("kb/state_heads.tsv")


def state_heads(text: str, mentions: list[Mention], forms: dict[str, list[str]], home: str | None = None
                ) -> list[Mention]:
    """Bare «المملكة», «السلطنة» (data/kb/state_heads.tsv) outside every mention, «للمملكة» whole: the
    state the article names with that head (``forms``: state id → its forms) — the one it names most,
    else the latest named before; not when the next word makes another state's name («المملكة
    المتحدة») or is a nisba adjective («المملكة الهاشمية»); a plural or a noun may follow («المملكة
    الأعضاء»). A head the article names no state with is the state whose places it names most
    («أبها», «الرياض»: Saudi Arabia), else ``home``, the outlet's country, when its name has that
    head: the Saudi press writes «المملكة» for Saudi Arabia without naming it."""
    heads: dict[str, list[tuple[int, str]]] = {}
    for m in mentions:
        for f in forms.get(m.entity or "", []) if m.type == "LOC" else []:
            if (head := _head_of(f)) is not None:
                heads.setdefault(head, []).append((m.start, m.entity or ""))
    for head, state in _unnamed_heads(heads, mentions, forms, home).items():
        heads[head] = [(-1, state)]
    if not heads:
        return []
    norm = normalize_same_length(text)
    taken = [(m.start, m.end) for m in mentions]
    names = _state_name_starts(forms)
    out: list[Mention] = []
    for m in mentions:  # the tagger's own «(لل)مملكة», left unlinked
        key = normalize(m.text)
        head = key if key in heads else "ال" + key if "ال" + key in heads else None
        if head and m.type == "LOC" and (m.entity or "new:").startswith("new:"):
            m.entity, m.method = _main_state(heads[head], mentions, m.start), "state-head"
    for head, named in heads.items():
        # «المملكة», «بالمملكة», and «للمملكة» whole (the article's alef dropped after ل)
        rx = rf"(?<![{_AR}])(?:[وف]?[بك]?({re.escape(head)})|[وف]?(لل{re.escape(head[2:])}))(?![{_AR}])"
        for hit in re.finditer(rx, norm):
            g = 1 if hit.group(1) else 2
            s, e = hit.start(g) + (0 if g == 1 else 2), hit.end(g)  # «للمملكة» from its stem, as the resolver's
            # other «لل» names: the final spans take the whole word (pipeline «spans»)
            nxt = re.match(rf"\s+([{_AR}]+)", norm[e : e + 40])
            adj = normalize(nxt.group(1)) if nxt else ""
            if adj and (f"{head} {adj}" in names or (adj.startswith("ال") and adj.endswith("يه"))):
                continue  # «المملكة المتحدة», «المملكة الهاشمية»: another state's name (a nisba adjective)
            if any(a < e and s < b for a, b in taken):
                continue
            out.append(Mention(s, e, text[s:e], "LOC", _main_state(named, mentions + out, s), "state-head", 0.7))
            taken.append((s, e))
    return out


def _head_of(form: str) -> str | None:
    """«المملكة» for «المملكة العربية السعودية»: the definite head a state's name opens with, if any."""
    w = normalize(form).split()
    return "ال" + _strip_al(w[0]) if len(w) >= 2 and _strip_al(w[0]) in _state_heads() else None


def _unnamed_heads(heads: dict[str, list[tuple[int, str]]], mentions: list[Mention], forms: dict[str, list[str]],
                   home: str | None) -> dict[str, str]:
    """For each head no state of the article is named with: ``home`` when its name has that head, unless
    another such state's places are named at least twice and more often («لندن» once in a Saudi paper is
    no reason to read «المملكة» as Britain); else the state with that head whose places the article names
    most."""
    count = Counter((m.entity or "").split(":")[0] for m in mentions if m.type == "LOC" and m.entity)
    out: dict[str, str] = {}
    for state, fs in forms.items():
        for head in {h for f in fs if (h := _head_of(f)) is not None} - set(heads):
            best = out.get(head)
            if count[state] and (best is None or count[state] > count[best]):
                out[head] = state
    for head in {h for f in forms.get(home or "", []) if (h := _head_of(f)) is not None} - set(heads):
        best = out.get(head)
        if home and (best is None or count[best] < 2 or count[best] <= count[home]):
            out[head] = home
    return out


def _state_name_starts(forms: dict[str, list[str]]) -> frozenset[str]:
    """The first two words of every state name that opens with a head («المملكة المتحدة»), in
    search form."""
    out = set()
    for fs in forms.values():
        for f in fs:
            w = normalize(f).split()
            if len(w) >= 2 and _strip_al(w[0]) in _state_heads():
                out.add("ال" + _strip_al(w[0]) + " " + w[1])
    return frozenset(out)


def _main_state(named: list[tuple[int, str]], mentions: list[Mention], pos: int) -> str:
    """Of the states named with one head, the one the article names most (by any form), else the
    latest named before ``pos``."""
    ids = [ent for _, ent in named]
    count = Counter(m.entity for m in mentions if m.entity in ids)
    before = [ent for p, ent in named if p < pos] or ids[:1]
    return max(dict.fromkeys([*reversed(before), *ids]), key=lambda ent: count[ent])


def _strip_al(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


_PREPOSITIONS = frozenset(normalize(w) for w in "في من عن إلى الى على حتى منذ نحو لدى عند بين مع داخل خارج".split())
_PREV_WORD = re.compile(rf"([{_AR}]+)[\s\u00a0]+$")


def nationality_adjectives(text: str, mentions: list[Mention], nationality) -> list[Mention]:
    """The mentions without one-word places that are a nationality adjective agreeing with the noun
    before them («القوات السورية», «غارات جوية سورية»: Syrian, not Syria; the guidelines do not tag
    nationalities): a definite form after a definite word, an indefinite feminine form after a
    feminine word, never after a preposition («في سورية» is the country). ``nationality``: word → ISO3
    or None (the knowledge base's)."""
    out: list[Mention] = []
    for m in mentions:
        word = normalize(text[m.start : m.end])
        prev = _PREV_WORD.search(text, max(0, m.start - 30), m.start) if m.type == "LOC" and " " not in word else None
        if prev is not None and nationality(word) and is_name(m):
            p = normalize(prev.group(1))
            core = p[1:] if p[:1] in _CLITIC_LETTERS and p[1:3] == "ال" else p
            if p not in _PREPOSITIONS and (core.startswith("ال") if word.startswith("ال") else p.endswith("ه")):
                continue
        out.append(m)
    return out


@functools.lru_cache(maxsize=1)
def _place_parts() -> frozenset[str]:
    text = (resources.files("khabar") / "data" / "kb" / "place_parts.tsv").read_text(encoding="utf-8")
    return frozenset(w for ln in text.splitlines() if ln.strip() and not ln.startswith("#") for w in ln.split())


_NEXT_WORD = re.compile(rf"[ \u00a0]+([{_AR}]+)")


def place_parts(text: str, mentions: list[Mention]) -> None:
    """A place followed by a definite adjective of part or era (data/kb/place_parts.tsv) is one place
    name with it («مصر القديمة», «القدس الشرقية»), in place; its link is looked up again (entity None),
    unless another mention begins at the adjective («ألمانيا الغربية» already whole is left)."""
    starts = {m.start for m in mentions}
    for m in mentions:
        nxt = _NEXT_WORD.match(text, m.end) if m.type == "LOC" and is_name(m) else None
        if nxt is None or nxt.start(1) in starts or normalize(nxt.group(1)) not in _place_parts():
            continue
        m.end, m.text, m.entity, m.method = nxt.end(1), text[m.start : nxt.end(1)], None, "pattern:place"

