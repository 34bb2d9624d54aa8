"""Names built on a head noun: organisations («وزارة الصحة», «الاتحاد المصري لكرة القدم», «منتخب
البرازيل») and events, competitions and awards («كأس العالم», «مونديال روسيا», «قمة الأطلسي»).

A head from ``data/kb/name_heads.tsv`` followed by its complement, up to a boundary:
- the construct head (no article) takes a complement: a name already found there («مونديال روسيا»,
  «شرطة ماركو ايلاند») or a definite noun («وزارة الصحة»); a national team («منتخب») also a bare
  name the tagger missed («منتخب صربيا»);
- a definite head («الحزب», «المتحف») is a name only with a definite adjective after it
  («الحزب الجمهوري»), or on its own for the few heads that name one thing («المونديال»);
- then definite adjectives and genitives («الرقمية», «الأميركية»), prepositional complements
  («لكرة القدم», «للعلوم والتقنية», «لشؤون المسجد النبوي») and conjoined definite nouns
  («والثقافة والإعلام»), at most ``MAX_WORDS`` words; a time word («اليوم», «الأحد», «الماضي»), a
  relative pronoun, punctuation or any other word ends the name.

The span leaves out the proclitics و ف ب ك ل; the fused «لل» stays (the guideline's rule). Pure
text: the resolver (entities/linking.py) decides how the spans meet the tagger's mentions.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import NamedTuple

from ..text.textnorm import WORD_CACHE_SIZE, normalize, normalize_same_length, strip_diacritics

MAX_WORDS = 8
_WORD = re.compile(r"[\u0621-\u064a\u0640]+|[A-Za-z][A-Za-z.]*|\S")
# Words that end a name: time words, relative pronouns and demonstratives, titles before a
# person's name («لجنة الحج التنفيذية الدكتور …»).
_STOP = frozenset("""
اليوم امس غدا الان الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت الماضي الماضيه الحالي الحاليه الجاري
الجاريه المقبل المقبله القادم القادمه الاخير الاخيره الاول الاولي الذي التي الذين اللذين اللتين اللواتي
هذا هذه ذلك تلك هؤلاء الجديد الجديده نفسه نفسها ذاته ذاتها الدكتور الدكتوره الامير الاميره الرئيس الملك الشيخ المهندس
السفير اللواء العميد العقيد المشير الامام القاضي المستشار الاستاذ السيد السيده
الصباح المساء الليل العام الشهر الاسبوع السنه الموسم اللاعب اللاعبين الكثير البعض الجميع الكل المقرر المقرره
المقام المقامه المنتظر المنتظره المرتقب المرتقبه المزمع المزمعه التابع التابعه التابعين التابعون
المتمثل المتمثله المعني المعنيه
""".split())
_FUNCTION = frozenset("له لها لهم لهن لنا لي لك لكم لدي لدى لم لن لكن لان لانه لانها لا لما لقد ليس ليست لهذه لهذا لذلك لتلك"
                      .split())


class NameSpan(NamedTuple):
    start: int
    end: int
    type: str  # ORG | MISC
    head: str


class _Heads(NamedTuple):
    """``data/kb/name_heads.tsv``: each head (search form) → (type, definite, descriptor); its common
    complements; the heads written with ة; the heads that take no nested construct."""

    heads: dict[str, tuple[str, str, bool]]
    common: dict[str, frozenset[str]]
    marbuta: frozenset[str]
    flat: frozenset[str]


@functools.lru_cache(maxsize=1)
def _table() -> _Heads:
    heads: dict[str, tuple[str, str, bool]] = {}
    common: dict[str, frozenset[str]] = {}
    marbuta: set[str] = set()
    flat: set[str] = set()
    text = (resources.files("khabar") / "data" / "kb" / "name_heads.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            head, typ, definite, descriptor, *rest = line.split("\t")
            # in the text's search form (hamza on a seat folded: «مؤسسة» is matched as «موسسه»)
            key = normalize_same_length(head)
            heads[key] = (typ, definite, descriptor == "descriptor")
            if head.endswith("ة"):  # «مكتبة» only as written: «مكتبه» is «his office»
                marbuta.add(key)
            if rest and rest[0].strip():
                common[key] = frozenset(normalize_same_length(w) for w in rest[0].split())
            if len(rest) > 1 and rest[1].strip() == "no":
                flat.add(key)
    return _Heads(heads, common, frozenset(marbuta), frozenset(flat))


def heads() -> dict[str, tuple[str, str, bool]]:
    """Head (search form) → (type, definite: yes | alone | no | place | kind, descriptor)."""
    return _table().heads


@functools.lru_cache(maxsize=1)
def construct_nouns() -> frozenset[str]:
    """Nouns that open a nested construct in a name's complement (``data/kb/construct_nouns.txt``)."""
    text = (resources.files("khabar") / "data" / "kb" / "construct_nouns.txt").read_text(encoding="utf-8")
    out: set[str] = set()
    for w in (ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")):
        n = normalize_same_length(w)
        out.add(n)
        if n.startswith("ال") and w[0] in "أإآ":  # «ألعاب»: kept with its hamza (see ``_words``)
            out.add("أ" + n[1:])
    return frozenset(out)


def _nested(words: list[tuple[int, int, str]], j: int, mention_end: dict[int, int]) -> bool:
    """Word ``j`` is the first term of a nested construct: a listed noun before a definite word or a name
    («حقوق الإنسان», «تنمية ماليزيا»)."""
    return (words[j][2] in construct_nouns() and j + 1 < len(words)
            and (_definite(words[j + 1][2]) or words[j + 1][0] in mention_end))


_OBJECT_SUFFIX = ("ها", "هم", "هما", "هن", "كم", "نا")


_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
_ARABIC_ENDINGS = ("ات", "يه", "يون", "يين")  # plurals and relative adjectives: «مستحضرات», «استشاريه»


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _foreign(word: str) -> bool:
    """A transliterated name («نستله», «هواوي»): an Arabic-script word that the Arabic dictionary does
    not know, with no proclitic before a word it knows («لتصنيع», «بحجم»), never written with the
    article in the corpus («التنفيذية»), and without a pronoun suffix («تملكها») or a plural or adjective
    ending («مستحضرات»)."""
    import simplemma  # here: only texts with a descriptor head need it

    from ..text.tokenize import vocabulary

    norm = normalize(word)
    article = norm.startswith(("ال", "لل")) and word[0] not in "أإآ"  # «أليطاليا» has none
    if len(norm) < 3 or article or norm in _STOP or norm in _FUNCTION or norm.endswith(_OBJECT_SUFFIX + _ARABIC_ENDINGS):
        return False
    if simplemma.is_known(word, lang="ar"):
        return False
    if any(word.startswith(p) and (simplemma.is_known(word[len(p):], lang="ar") or normalize(word[len(p):]).startswith("ال"))
           for p in _PROCLITICS + ("س", "وس", "فس")):  # «ستستحوذ», «سيتم»: the future of a verb
        return False
    vocab = vocabulary()
    return not any(vocab.get(p + norm, 0) for p in ("ال", "وال", "بال", "لل"))


def _descriptor_name(text: str, words: list[tuple[int, int, str]], i: int, mention_end: dict[int, int]
                     ) -> tuple[int, int] | None:
    """(end, index after) of the name after the descriptor head at ``i``, which the name leaves out: a
    bare name found already («شركة لوكهيد مارتن», «جامعة كاوست») or words no Arabic dictionary knows
    («شركة نستله الغذائية»); None otherwise (a complement keeps the descriptor: «شركة طيران الاتحاد»)."""
    nxt = words[i + 1]
    if nxt[0] in mention_end and not nxt[2].startswith("ال"):
        ends = [x for x in range(i + 1, len(words)) if words[x][1] <= mention_end[nxt[0]]]
        return mention_end[nxt[0]], (ends[-1] + 1 if ends else i + 1)
    if (k := _foreign_run(text, words, i + 1)) > i + 1:
        return words[k - 1][1], k
    return None


def _foreign_run(text: str, words: list[tuple[int, int, str]], j: int, most: int = 3) -> int:
    """Index after the run of at most ``most`` unknown Arabic-script words from ``j`` (``j`` when none)."""
    k = j
    while k < len(words) and k - j < most and re.fullmatch(r"[\u0621-\u064a]+", words[k][2]) \
            and _foreign(text[words[k][0] : words[k][1]]):
        k += 1
    return k


def _prep_width(words: list[tuple[int, int, str]], k: int, end: int) -> int:
    """Words of the prepositional complement at word ``k`` (none past ``end``): 1 for «للعلوم», 2 for «لكرة
    القدم», «لشؤون المسجد»; 0 when there is none."""
    w = words[k][2]
    if w.startswith("لل") and len(w) >= 5 and ("ال" + w[2:]) not in _STOP:
        return 1
    if w.startswith("ل") and len(w) >= 4 and w not in _FUNCTION and k + 1 < end and _definite(words[k + 1][2]):
        return 2
    return 0


def _prepositional(words: list[tuple[int, int, str]], a: int, b: int, mention_end: dict[int, int]) -> bool:
    """A prepositional complement («للقضاء», «لكرة القدم») among words ``a`` to ``b`` of a chain, not in
    a name found right after the head («رئيس الجامعة فوزي لقجع» has none)."""
    first = mention_end.get(words[a - 1][0], -1)
    return any(words[k][0] >= first and _prep_width(words, k, b) for k in range(a, b))


# adjectives of an organisation's name («الهيئة العامة للرياضة», «المجلس الأعلى للقضاء»), besides the relative
# ones («الوطني», «الدولية»): a participle («الشركة المالكة للفندق») describes
_NAME_ADJECTIVES = frozenset(normalize_same_length(w) for w in "العام العامة الأعلى العليا".split())


# definite titles that open an apposition after a name, never a word of it
_APPOSED_TITLES = frozenset(normalize_same_length(w) for w in (
    "الرئيس", "الرئيسة", "الأمين", "المتحدث", "الناطق", "الوزير", "الوزيرة", "المدير", "المديرة", "السفير",
    "النائب", "الأمير", "الملك", "الشيخ", "الدكتور", "الدكتورة", "العضو", "المستشار", "القائد", "المبعوث"))


def _name_adjective(w: str) -> bool:
    return _definite(w) and (w.endswith(("ي", "يه")) or w in _NAME_ADJECTIVES)


def _kind_adjective(w: str) -> bool:
    """A definite relative adjective that says what kind of institution a name is («الطبي», «التعليمي»,
    «التخصصي»), not its nationality («البريطانية»: «جامعة ساسكس البريطانية» is «جامعة ساسكس»)."""
    return _definite(w) and w.endswith(("ي", "يه")) and w not in _nationality_forms()


@functools.cache
def _nationality_forms() -> frozenset[str]:
    """The knowledge base's nationality adjectives (data/kb/nationalities.tsv), in search form."""
    from .actors import knowledge_base

    return frozenset(normalize_same_length(f) for masc, other in knowledge_base().nationalities.values()
                     for f in masc + other)


def _common_reading(head: str, how: str, first: tuple[int, int, str], mention_end: dict[int, int]) -> bool:
    """The head is a common noun before its first complement word: a listed complement («حركة المرور»,
    «حركة طيران» as «حركة الطيران»), a name after a "noun" head («دائرة نتنياهو»: his circle), or a nested
    construct after a head that takes none («إدارة شؤون البلاد»)."""
    w = first[2]
    common = common_after(head)
    if w in common or "ال" + w in common:
        return True
    if how == "noun" and first[0] in mention_end:
        return True
    return head in _table().flat and w in construct_nouns()


def common_after(head: str) -> frozenset[str]:
    """Complements after which ``head`` is a common noun: «حركة المرور» is traffic, not a movement."""
    return _table().common.get(head, frozenset())


def _words(norm: str, text: str) -> list[tuple[int, int, str]]:
    """The words of the search form; a hamza on the alef the search form folds keeps it where an article
    would stand («وألغت» is a verb, not «و» + a definite word; «ألمانيا» is not definite)."""
    out = []
    for m in _WORD.finditer(norm):
        w = m.group().replace("\u0640", "")
        k = 1 if w.startswith("وال") else 0 if w.startswith("ال") else -1
        if k >= 0 and text[m.start() + k] in "أإآ":
            w = w[:k] + "أ" + w[k + 1 :]
        out.append((m.start(), m.end(), w))
    return out


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _head_at(w: str) -> tuple[int, str, bool] | None:
    """(offset of the name in the word, head, definite) when the word is a head with proclitics."""
    hs = heads()
    for pre in ("", "و", "ف", "ب", "ك", "ل", "وب", "فب", "ول", "فل", "وك"):
        if not w.startswith(pre):
            continue
        rest = w[len(pre):]
        if rest in hs and pre[-1:] != "ل":
            return len(pre), rest, False
        if rest.startswith("ال") and rest[2:] in hs and pre[-1:] != "ل":
            return len(pre), rest[2:], True
        if pre.endswith("ل") and rest.startswith("ل") and rest[1:] in hs:  # «للاتحاد»: «لل» stays
            return len(pre) - 1, rest[1:], True
        if pre.endswith("ل") and rest in hs:  # «لوزارة»
            return len(pre), rest, False
    return None


def _definite(w: str) -> bool:
    return w.startswith("ال") and len(w) >= 4 and w not in _STOP


def _complement(words: list[tuple[int, int, str]], i: int, mention_end: dict[int, int], cont: bool = False
                ) -> int:
    """Index after the complement chain that starts at word ``i`` (``i`` when there is none);
    ``cont``: the chain continues a name (a prepositional complement may come first)."""
    j, n = i, 0
    while j < len(words) and n < MAX_WORDS:
        s, _, w = words[j]
        if s in mention_end and j == i and not cont:  # a name right after the head: the whole of it
            while j < len(words) and words[j][0] < mention_end[s]:
                j, n = j + 1, n + 1
            if not w.startswith("ال"):  # after a bare name only a prepositional complement
                cont = False          # («مونديال روسيا», «شرطة ماركو ايلاند» + object: not taken)
                if j < len(words) and _kind_adjective(words[j][2]):  # «مجمع فلسطين الطبي»
                    return j + 1
                while j < len(words) and words[j][2].startswith("لل") and len(words[j][2]) >= 5 and n < MAX_WORDS:
                    j, n = j + 1, n + 1
                if j > 0 and words[j - 1][2].startswith("لل") and j < len(words) and _kind_adjective(words[j][2]):
                    j += 1  # «مجمع محمد بن راشد آل مكتوم للطاقة الشمسية»
                return j
            continue
        if s in mention_end:  # a name further on is not part of this one
            break
        if w.startswith("و") and _head_at(w) is not None:
            break  # «… والمونديال»: another name begins
        if w in _APPOSED_TITLES:
            break  # «الهيئة السياسية الرئيس السابق للائتلاف»: a title in apposition opens a description
        if _definite(w) or (w.startswith("وال") and _definite(w[1:]) and (j > i or cont)):
            j, n = j + 1, n + 1
        elif j == i and not cont and _nested(words, j, mention_end):  # «مجلس حقوق الإنسان»
            j, n = j + 1, n + 1
            if words[j][0] in mention_end:  # «صندوق تنمية ماليزيا»: the name whole ends it
                end = mention_end[words[j][0]]
                while j < len(words) and words[j][0] < end:
                    j, n = j + 1, n + 1
                return j
        elif (j > i or cont) and (width := _prep_width(words, j, len(words))):  # «للعلوم», «لكرة القدم»
            j, n = j + width, n + width
        else:
            break
    return j


def name_spans(text: str, mentions: list[tuple[int, int]], places: frozenset[int] = frozenset()
               ) -> list[NameSpan]:
    """Head-noun names in ``text``; ``mentions``: the (start, end) of names found already, which a
    complement takes whole; ``places``: the starts of those that are places («جامعة واشنطن» keeps its
    descriptor: the university is not Washington, while «جامعة كاوست» is «كاوست»)."""
    norm = normalize_same_length(text)
    words = _words(norm, text)
    mention_end = {s: e for s, e in mentions}
    out: list[NameSpan] = []
    i = 0
    while i < len(words):
        h = _head_at(words[i][2])
        if h is None:
            i += 1
            continue
        off, head, definite = h
        typ, how, descriptor = heads()[head]
        if head in _table().marbuta and strip_diacritics(text[words[i][0] : words[i][1]])[-1:] != "ة":
            i += 1
            continue
        if words[i][0] + off in mention_end or words[i][0] in mention_end:  # «الاتحاد المصري» + «لكرة القدم»
            end = mention_end.get(words[i][0] + off, mention_end.get(words[i][0]))
            k = next((x for x in range(i, len(words)) if words[x][0] >= end), len(words))
            j = _complement(words, k, mention_end, cont=True)
            if j > k:
                out.append(NameSpan(words[i][0] + off, words[j - 1][1], typ, head))
            i = max(j, i + 1)
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        if how == "place":  # «صحة الطائف»: the head names a directorate only before a name found already
            if nxt and nxt[0] in mention_end and not definite:  # «وزير الصحة جواد عواد»: no directorate
                j = next((x for x in range(i + 1, len(words)) if words[x][0] >= mention_end[nxt[0]]), len(words))
                out.append(NameSpan(words[i][0] + off, words[j - 1][1], typ, head))
            i += 1
            continue
        if descriptor and not definite and nxt and nxt[0] not in places \
                and (bare := _descriptor_name(text, words, i, mention_end)) is not None:
            out.append(NameSpan(nxt[0], bare[0], typ, head))
            i = bare[1]
            continue
        j = _complement(words, i + 1, mention_end)
        if j > i + 1 and _common_reading(head, how, words[i + 1], mention_end):
            j = i + 1
        if j == i + 1 and not definite and head == "منتخب" and i + 1 < len(words):
            w = words[i + 1][2]
            if re.fullmatch(r"[\u0621-\u064a]{3,}", w) and not w.endswith(("ه", "ها", "هم")) and w not in _STOP:
                j = i + 2  # «منتخب صربيا»: the bare name of a country
        if j == i + 1 and not (definite and how == "alone"):
            i += 1
            continue
        if definite and how in ("no", "noun", "kind") and not (_name_adjective(words[i + 1][2]) and _prepositional(words, i + 2, j, mention_end)):
            i = j  # «الوزارة الروسية» describes; «المجلس الأعلى للقضاء», «الهيئة العامة للرياضة» name
            continue
        if how == "kind" and not _kind_adjective(words[j - 1][2]):
            i = j  # «مجمع السفارة الأميركية», «مجمع المعابد»: a compound; «مجمع الدمام الطبي» an institution
            continue
        out.append(NameSpan(words[i][0] + off, words[j - 1][1], typ, head))
        i = j
    return [_event_name_edges(norm, ns) for ns in out]


_YEAR_AFTER = re.compile(r"\s+(?:19|20)\d\d(?![\d\u0621-\u064a])")
_TOURNAMENT = "بطوله"


def _event_name_edges(norm: str, ns: NameSpan) -> NameSpan:
    """An event's name as the guidelines draw it: the year after it belongs to it («كأس العالم 2018»,
    «مونديال روسيا 2018»), and «بطولة» before another event head is a descriptor left out («بطولة كأس العالم»
    → «كأس العالم»)."""
    if ns.type != "MISC":
        return ns
    start, head = ns.start, ns.head
    if head == _TOURNAMENT:
        nxt = re.match(r"\S+\s+", norm[ns.start : ns.end])
        inner = _head_at(norm[ns.start + nxt.end() :].split(maxsplit=1)[0]) if nxt and nxt.end() < ns.end - ns.start else None
        rest = [w for w in norm[ns.start + nxt.end() : ns.end].split() if not w.isdigit()] if inner is not None else []
        if inner is not None and heads()[inner[1]][0] == "MISC" and len(rest) >= 2:  # not a bare «الدوري»
            start, head = ns.start + nxt.end() + inner[0], inner[1]
    year = _YEAR_AFTER.match(norm, ns.end)
    return NameSpan(start, year.end() if year else ns.end, ns.type, head)


def event_name_span(norm: str, start: int, end: int) -> tuple[int, int]:
    """The span of an event's name found at ``start``-``end`` (by the tagger or a head) of the search form
    ``norm`` (:func:`normalize_same_length` of the text), drawn as :func:`_event_name_edges` draws it."""
    first = norm[start:end].split(maxsplit=1)
    h = _head_at(first[0]) if first else None
    if h is None or heads()[h[1]][0] != "MISC":
        return start, end
    ns = _event_name_edges(norm, NameSpan(start + h[0], end, "MISC", h[1]))
    return ns.start, ns.end


def head_at(w: str) -> tuple[int, str, bool] | None:
    """(offset of the name in the word, head, definite) when the search-form word ``w`` is a head noun of
    ``name_heads.tsv`` with its proclitics; None otherwise."""
    return _head_at(w)
