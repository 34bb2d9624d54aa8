"""The actor knowledge base: canonical actors, their Arabic forms, roles and terms.

Loaded from readable files in ``data/kb/`` (see ``data/kb/README.md``):

* ``people*.toml``: people, Arabic spellings, offices held with dates;
* ``orgs.toml``: IGOs, alliances, armed forces, ministries, parties, armed groups;
* ``media.tsv``: newspapers, channels, sites and agencies (the outlets of ``../outlets.tsv`` and the
  agencies of ``../agencies.tsv`` under their codes), with the names that are theirs only after a
  media cue («صحيفة الرياض», «لـ"الشرق الأوسط"»);
* ``roles.toml`` + ``nationalities.tsv``: offices and the Arabic titles that name them
  (country offices «ISO3_KIND» are generated from templates);
* ``../places.tsv``: countries, capitals and cities with Arabic names (CLDR, GeoNames).

Every actor has a canonical id (ISO3 for states, an upper-case code for organisations, a
snake_case id for people, ``ISO3:City`` for cities), an English name, a type (PER/ORG/LOC),
a country and a PLOVER/CAMEO-style sector.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources

from ..text.textnorm import normalize

_KB = resources.files("khabar") / "data" / "kb"


@dataclass(frozen=True, slots=True)
class Term:
    role: str
    start: dt.date
    end: dt.date


@dataclass(slots=True)
class Actor:
    id: str
    en: str
    type: str  # PER | ORG | LOC
    kind: str  # person | org | country | capital | city
    country: str = ""
    sector: str = ""
    subsector: str = ""
    forms: list[str] = field(default_factory=list)
    aliases_en: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    coref: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)  # forms that are also common words
    population: int = 0
    cue: list[str] = field(default_factory=list)  # names that are this outlet only after a media cue

    @property
    def name_ar(self) -> str:
        return self.forms[0] if self.forms else self.cue[0] if self.cue else self.en

    def holds(self, role: str, day: dt.date) -> bool:
        return any(t.role == role and t.start <= day <= t.end for t in self.terms)


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    en: str
    titles: tuple[str, ...]
    adjacent: tuple[str, ...]
    country: str = ""


# Letters that Arabic transliterations of foreign names use interchangeably.
_SKEL = str.maketrans({
    "غ": "ك", "ج": "ك", "ق": "ك", "ڭ": "ك", "گ": "ك", "ث": "س", "ص": "س", "ذ": "ز", "ظ": "ز", "ط": "ت",
    "ض": "د", "ح": "ه", "ة": "ه", "ڤ": "ف", "پ": "ب", "ى": "ي", "أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ئ": "ي",
})
_VOWELS = set("اويء")


def skeleton(name: str) -> str:
    """A spelling-tolerant key for transliterated names: غ/ج/ق/ك, ث/س/ص… merged, long vowels
    dropped after the first letter, the article dropped: راسموسن → رسمسن, روغوزين = روجوزين."""
    out = []
    for w in normalize(name).split():
        w = w.translate(_SKEL)
        if w.startswith("ال") and len(w) > 4:
            w = w[2:]
        if not w:
            continue
        out.append(w[0] + "".join(c for c in w[1:] if c not in _VOWELS))
    return " ".join(out)


def edit1(a: str, b: str) -> bool:
    """True if a and b differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    return a[i + (la == lb) :] == b[i + 1 :]


def spelled(name: str) -> str:
    """A name with transliteration letters merged but its vowels kept (the article dropped):
    روثمان → روسمان, راسمون → راسمون; short names are compared on this, not on the skeleton alone."""
    words = [w.translate(_SKEL) for w in normalize(name).split()]
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words)


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# Below this many skeleton letters, the skeleton is too loose on its own (روثمان and راسمون are both رسمن).
SHORT_SKELETON = 6


def near_variant(text: str, form: str) -> bool:
    """A skeleton match that is a spelling variant, not another name: long skeletons pass; short ones
    must also be spelled (vowels kept) within one edit of the form: راسمون, رسموسن → راسموسن and
    روجوزين → روغوزين yes; روثمان (Rothman) → راسمون, جيرمان → الكرملين no."""
    if len(skeleton(text).replace(" ", "")) >= SHORT_SKELETON:
        return True
    return edit_distance(spelled(text), spelled(form)) <= 1


def _date(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


class KnowledgeBase:
    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.roles: dict[str, Role] = {}
        self.nationalities: dict[str, tuple[list[str], list[str]]] = {}
        self._load_nationalities()
        self._load_places()
        self._load_orgs()
        self._load_ministries()
        self._load_media()
        self._load_people()
        self._load_roles()
        self._index()

    # ------------------------------------------------------------------ loading
    def _load_nationalities(self) -> None:
        for line in (_KB / "nationalities.tsv").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            iso, masc, other = (line.split("\t") + ["", ""])[:3]
            self.nationalities[iso] = ([m for m in masc.split("|") if m], [o for o in other.split("|") if o])
        # search form (with and without the article) → ISO3: «الروسي», «روس», «الإيرانية» …
        self.nationality_index: dict[str, str] = {}
        for iso, (masc, other) in self.nationalities.items():
            for f in masc + other:
                n = normalize(f)
                self.nationality_index.setdefault(n, iso)
                self.nationality_index.setdefault(n.removeprefix("ال"), iso)

    def _load_places(self) -> None:
        text = (resources.files("khabar") / "data" / "places.tsv").read_text(encoding="utf-8")
        extra = (_KB / "places_extra.tsv").read_text(encoding="utf-8")
        for line in [*text.splitlines(), *extra.splitlines()]:
            if line.startswith("#") or not line.strip():
                continue
            form, kind, iso3, en, pop = line.split("\t")
            if kind == "drop":  # a form the generated table should not have
                for a in self.actors.values():
                    if a.en == en and (a.id == iso3 or a.country == iso3):
                        a.forms = [f for f in a.forms if normalize(f) != normalize(form)]
                continue
            if kind == "region":
                aid = iso3
                a = self.actors.get(aid) or Actor(aid, en, "LOC", "region", "", population=0)
            elif kind == "country":
                aid = iso3
                a = self.actors.get(aid) or Actor(aid, en, "LOC", "country", iso3, population=int(pop))
            else:
                aid = f"{iso3}:{en}"
                a = self.actors.get(aid) or Actor(aid, en, "LOC", kind, iso3, population=int(pop))
            a.forms.append(form)
            self.actors[aid] = a
        self._load_regions()

    def _load_regions(self) -> None:
        """Administrative and historical regions of a country (``kb/regions.tsv``)."""
        for line in (_KB / "regions.tsv").read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            form, iso3, en = line.split("\t")
            aid = f"{iso3}:{en}"
            a = self.actors.get(aid) or Actor(aid, en, "LOC", "region", iso3, population=0)
            a.forms.append(form)
            self.actors[aid] = a

    def _load_orgs(self) -> None:
        with (_KB / "orgs.toml").open("rb") as fh:
            for o in tomllib.load(fh)["org"]:
                self.actors[o["id"]] = Actor(
                    o["id"], o["en"], "ORG", "org", o.get("country", ""), o.get("sector", ""),
                    o.get("subsector", ""), list(o["forms"]), list(o.get("aliases_en", [])), [],
                    list(o.get("coref", [])), list(o.get("weak", [])),
                )

    def _load_ministries(self) -> None:
        """Ministries by short form and nationality (``kb/ministries.tsv``): «[وزارة] الخزانة الأمريكية» → USA_TREASURY,
        for the forms no organisation of ``orgs.toml`` has already."""
        self.generated_forms: set[str] = set()  # exact forms only: no fuzzy (skeleton) matching on thousands of them
        owner = {normalize(f): a.id for a in self.actors.values() for f in a.forms}
        names = {a.id: a.en for a in self.actors.values() if a.kind == "country"}
        for line in (_KB / "ministries.tsv").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            code, en, sub, alone, after = (line.split("\t") + [""] * 5)[:5]
            alone_l, after_l = [w for w in alone.split("|") if w], [w for w in after.split("|") if w]
            for iso, (_masc, other) in self.nationalities.items():
                adjs = [o for o in other if o.startswith("ال") and o.endswith("ية")]
                forms = [f"{pre}{short} {adj}" for short in alone_l + after_l for adj in adjs
                         for pre in (("وزارة ", "") if short in alone_l else ("وزارة ",))]
                # a ministry the knowledge base has under one of these forms (PENTAGON: «وزارة الدفاع الأمريكية»)
                # takes the others; no second id for it
                known = next((owner[normalize(f)] for f in forms if normalize(f) in owner), None)
                forms = [f for f in forms if normalize(f) not in owner]
                if not forms or iso not in names or (known and self.actors[known].type != "ORG"):
                    continue
                aid = known or f"{iso}_{code}"
                a = self.actors.get(aid) or Actor(aid, f"{en} ({names[iso]})", "ORG", "org", iso, "GOV", sub)
                a.forms += forms
                self.generated_forms.update(forms)
                self.actors[aid] = a

    def _load_media(self) -> None:
        """News media (ORG, sector MED, subsector = paper|channel|site|agency); ``media_cue`` maps a
        cue-only name (search form) to its outlets in file order."""
        self.media_cue: dict[str, list[str]] = {}
        for line in (_KB / "media.tsv").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            aid, en, kind, country, forms, cue = (line.split("\t") + [""] * 6)[:6]
            if aid in self.actors:
                raise ValueError(f"media.tsv: duplicate actor id {aid}")
            self.actors[aid] = Actor(aid, en, "ORG", "org", country, "MED", kind,
                                     [f for f in forms.split("|") if f], cue=[c for c in cue.split("|") if c])
            for c in self.actors[aid].cue:
                self.media_cue.setdefault(normalize(c), []).append(aid)

    def _load_people(self) -> None:
        for path in sorted(_KB.iterdir(), key=lambda p: p.name):
            if not (path.name.startswith("people") and path.name.endswith(".toml")):
                continue
            with path.open("rb") as fh:
                for p in tomllib.load(fh)["person"]:
                    if p["id"] in self.actors:
                        raise ValueError(f"{path.name}: duplicate actor id {p['id']}")
                    terms = [Term(r["role"], _date(r["start"]), _date(r["end"])) for r in p.get("roles", [])]
                    self.actors[p["id"]] = Actor(
                        p["id"], p["en"], "PER", "person", p.get("country", ""), p.get("sector", "GOV" if terms else ""),
                        "", list(p["forms"]), list(p.get("aliases_en", [])), terms,
                    )

    def _load_roles(self) -> None:
        with (_KB / "roles.toml").open("rb") as fh:
            data = tomllib.load(fh)
        kinds = data.pop("_kinds", {})
        needed = {t.role for a in self.actors.values() for t in a.terms} | set(data)
        for rid in sorted(needed):
            explicit = data.get(rid, {})
            titles = list(explicit.get("titles", []))
            adjacent = list(explicit.get("adjacent", []))
            en = explicit.get("en", rid)
            iso, _, kind = rid.partition("_")
            country = iso if iso in self.actors and self.actors[iso].kind == "country" else ""
            if kind in kinds and country:
                tpl = kinds[kind]
                adjs, others = self.nationalities.get(iso, ([], []))
                fem = [o for o in others if o.endswith("ية") or o.endswith("ية")]
                cname = self.actors[iso].forms[0]
                en = explicit.get("en") or tpl["en"].format(country=self.actors[iso].en)
                for t in tpl["titles"]:
                    if "{adj}" in t:
                        titles += [t.format(adj=a) for a in adjs]
                    elif "{adjf}" in t:
                        titles += [t.format(adjf=a) for a in fem]
                    elif "{country}" in t:
                        titles += [t.format(country=f) for f in {cname, *self.actors[iso].forms[:3]}]
                    else:
                        adjacent.append(t)  # a bare title («الملك»): only right before the name
                adjacent += tpl.get("adjacent", [])
            elif rid not in data:
                raise ValueError(f"role {rid!r} is used in people*.toml but defined nowhere")
            self.roles[rid] = Role(rid, en, tuple(dict.fromkeys(titles)), tuple(dict.fromkeys(adjacent)), country)

    # ------------------------------------------------------------------ indexes
    def _index(self) -> None:
        self.form_index: dict[str, list[str]] = {}
        self.skel_index: dict[str, list[tuple[str, str]]] = {}
        self.en_index: dict[str, list[str]] = {}
        for a in self.actors.values():
            for f in a.forms:
                key = normalize(f)
                ids = self.form_index.setdefault(key, [])
                if a.id not in ids:
                    ids.append(a.id)
                if f in self.generated_forms:
                    continue
                if a.type == "PER" or (a.type == "ORG" and len(key) >= 4) or (
                    a.kind in ("country", "capital", "region") and len(key) >= 5
                ):
                    sk = skeleton(f)
                    if len(sk.replace(" ", "")) >= 3:
                        self.skel_index.setdefault(sk, []).append((a.id, f))
            for name in [a.en, a.id, *a.aliases_en]:
                self.en_index.setdefault(name.lower(), []).append(a.id)
        # Among actors sharing a form, prefer: person/org > country > capital > city (by population).
        rank = {"person": 0, "org": 0, "country": 1, "region": 1, "capital": 2, "city": 3}
        for ids in self.form_index.values():
            ids.sort(key=lambda i: (rank[self.actors[i].kind], -self.actors[i].population))

    # ------------------------------------------------------------------ queries
    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def exact(self, text: str) -> list[Actor]:
        n = normalize(text)
        ids = self.form_index.get(n) or []
        if not ids and n.startswith("ال"):
            ids = self.form_index.get(n[2:]) or []
        return [self.actors[i] for i in ids]

    def fuzzy(self, text: str, type_: str | None = None) -> list[tuple[Actor, float]]:
        """Spelling-variant candidates: same skeleton (0.9) or skeleton one edit away (0.75; short names
        must also be spelled alike, :func:`near_variant`)."""
        sk = skeleton(text)
        words = normalize(text).split()
        # Transliteration variants are a foreign-name phenomenon: an Arabic family name with the
        # article («الجبوري») must match exactly, never «الجبير»; single short names neither.
        if len(sk.replace(" ", "")) < 3 or (len(words) == 1 and (words[0].startswith("ال") or len(sk) < 4)):
            return []
        out: dict[str, float] = {}
        for aid, f in self.skel_index.get(sk, []):
            if near_variant(text, f):
                out[aid] = max(out.get(aid, 0), 0.9)
        if not out and len(sk) >= 4:
            for k, vals in self._skel_buckets().get((sk[0], sk[-1], sk.count(" ")), ()):
                # one edit away, same first and last letter: راسمون → راسموسن, not ميرغني → ميركل
                if edit1(k, sk) and len(k) >= 5:
                    for aid, f in vals:
                        if near_variant(text, f) and not self._other_nationality(words, normalize(f).split()):
                            out[aid] = max(out.get(aid, 0), 0.75)
        res = [(self.actors[a], s) for a, s in out.items()]
        if type_:
            res = [(a, s) for a, s in res if a.type == type_]
        return sorted(res, key=lambda x: -x[1])

    def _other_nationality(self, words: list[str], form: list[str]) -> bool:
        """Do two names of as many words differ in a nationality adjective («وكالة الأنباء الإيرانية» is
        not «وكالة الأنباء الأردنية», one letter apart in skeleton)?"""
        return len(words) == len(form) and any(
            a != b and (self.nationality(a) or self.nationality(b)) for a, b in zip(words, form, strict=True))

    def _skel_buckets(self) -> dict[tuple[str, str, int], list[tuple[str, list[tuple[str, str]]]]]:
        """``skel_index`` items by (first letter, last letter, spaces), in index order: the skeletons
        one edit may reach are in the bucket of the same ends and word count."""
        if getattr(self, "_buckets_of", None) is not self.skel_index:
            buckets: dict[tuple[str, str, int], list[tuple[str, list[tuple[str, str]]]]] = {}
            for k, vals in self.skel_index.items():
                buckets.setdefault((k[0], k[-1], k.count(" ")), []).append((k, vals))
            self._buckets, self._buckets_of = buckets, self.skel_index
        return self._buckets

    def nationality(self, word: str) -> str | None:
        """ISO3 of a nationality adjective or demonym («الإسرائيلي», «أمريكية», «روس»), if known."""
        n = normalize(word)
        return self.nationality_index.get(n) or self.nationality_index.get(n.removeprefix("ال"))

    def adjective_nationality(self, word: str) -> str | None:
        """ISO3 of a nationality adjective after a noun, also in the accusative («شابا فلسطينيا»,
        «مهندسا روسيا»; only there: alone, «روسيا» is the country)."""
        iso = self.nationality(word)
        if iso is None and len(word) > 4 and word.endswith("يا"):
            iso = self.nationality(word[:-1])
        return iso

    def holder(self, role: str, day: dt.date) -> Actor | None:
        hs = [a for a in self.actors.values() if a.holds(role, day)]
        return hs[0] if len(hs) == 1 else None

    def holders_between(self, role: str, lo: dt.date, hi: dt.date) -> list[Actor]:
        return [a for a in self.actors.values() if any(t.role == role and t.start <= hi and t.end >= lo for t in a.terms)]

    def sole_holder(self, role: str, lo: dt.date, hi: dt.date) -> Actor | None:
        """The one person known to hold ``role`` through the whole of [lo, hi], if exactly one."""
        hs = self.holders_between(role, lo, hi)
        if len(hs) != 1:
            return None
        if any(t.role == role and t.start <= lo and hi <= t.end for t in hs[0].terms):
            return hs[0]
        return None  # the KB does not say who held it for the rest of the window

    def find(self, query: str) -> list[Actor]:
        """Actors named ``query``: id, English name or alias (case-insensitive), or an Arabic form."""
        q = query.strip()
        ids = list(self.en_index.get(q.lower(), []))
        if not ids:
            ids = [a.id for a in self.exact(q)]
        if not ids and re.search(r"[A-Za-z]", q):
            ql = q.lower()
            ids = [a.id for a in self.actors.values() if a.kind in ("person", "org", "country") and ql in a.en.lower()]
        if not ids:
            ids = [a.id for a, _ in self.fuzzy(q)]
        return [self.actors[i] for i in dict.fromkeys(ids)]

    def gazetteer_forms(self) -> list[tuple[str, str]]:
        """(Arabic form, TYPE) for NER gazetteer features; cities only if large or capitals."""
        out = []
        for a in self.actors.values():
            if a.kind == "city" and a.population < 200_000:
                continue
            for f in a.forms:
                out.append((f, a.type))
        return out


@functools.lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    return KnowledgeBase()
