"""The entity scorer: exact span + type per type and micro, and linking accuracy (``khabar eval entities``)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from khabar.cli import main
from khabar.eval.harness import eval_entities
from khabar.model import Analysis, Article, Entity, Mention

TITLE = "عنوان"
BODY = "قال أنتوني بلينكن في واشنطن إن حلف شمال الأطلسي سيجتمع. وأضاف بلينكن لصحيفة «الشرق الأوسط» إن الأمم المتحدة موافقة."


def _analysis(mentions: list[tuple[str, str, str | None, int]]) -> Analysis:
    text = f"{TITLE}\n\n{BODY}"
    a = Analysis(Article(id="x", text=text, title=TITLE))
    for surface, typ, ent, nth in mentions:
        start = -1
        for _ in range(nth):
            start = text.index(surface, start + 1)
        a.mentions.append(Mention(start, start + len(surface), surface, typ, ent))
    a.entities = [Entity("antony_blinken", "أنتوني بلينكن", "PER", en="Antony Blinken", kb=True),
                  Entity("NATO", "حلف شمال الأطلسي", "ORG", en="NATO", kb=True),
                  Entity("MEA", "الشرق الأوسط", "LOC", en="Middle East", kb=True)]
    return a


def _gold(tmp_path, rows: list[str]) -> str:
    p = tmp_path / "gold.tsv"
    p.write_text("# doc\ttype\tsurface\tlink\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(p)


GOLD = ["doc-1\tPER\tأنتوني بلينكن\tAntony_Blinken", "doc-1\tLOC\tواشنطن\t-", "doc-1\tORG\tحلف شمال الأطلسي\tnato",
        "doc-1\tPER\tبلينكن#2\tantony-blinken", "doc-1\tORG\tالشرق الأوسط\tAsharq Al-Awsat",
        "doc-1\tORG\tالأمم المتحدة\tUnited Nations"]


def test_spans_types_and_links_are_scored(tmp_path):
    a = _analysis([("أنتوني بلينكن", "PER", "antony_blinken", 1), ("واشنطن", "LOC", None, 1),
                   ("حلف شمال الأطلسي", "ORG", "NATO", 1),
                   ("بلينكن", "PER", "antony_blinken", 2),  # the 2nd «بلينكن» (the 1st is inside the full name)
                   ("الشرق الأوسط", "LOC", "MEA", 1),  # right span, wrong type, wrong link
                   ("الأمم", "ORG", "new:ORG:امم", 1)])  # partial span: a miss and a spurious mention
    sc = eval_entities({"doc-1.json": a}, _gold(tmp_path, GOLD))
    per, org, loc = sc.by_type["PER"], sc.by_type["ORG"], sc.by_type["LOC"]
    assert (per.tp, per.fp, per.fn) == (2, 0, 0)
    assert (org.tp, org.fp, org.fn) == (1, 1, 2)
    assert (loc.tp, loc.fp, loc.fn) == (1, 1, 0)
    micro = sc.micro
    assert (micro.tp, micro.fp, micro.fn) == (4, 2, 2)
    assert round(micro.f1, 3) == round(2 * (4 / 6) * (4 / 6) / (4 / 6 + 4 / 6), 3)
    # links: Blinken ×2 and NATO right (id, English name; case, '_' and '-' alike), the outlet linked wrong,
    # the UN not found at its span
    assert (sc.linked_right, sc.gold_links, sc.we_linked) == (3, 5, 4)
    assert any("Asharq" in m for m in sc.link_misses)


def test_unanalysed_article_counts_as_misses(tmp_path):
    sc = eval_entities({}, _gold(tmp_path, GOLD[:2]))
    assert sc.micro.fn == 2 and sc.micro.tp == 0 and sc.gold_links == 1


def test_cli_eval_entities_on_a_written_sentence(tmp_path):
    docs = tmp_path / "docs.jsonl"
    rec = {"id": "doc-1", "title": TITLE, "date": "2021-03-10", "text": BODY}
    other = {"id": "doc-2", "title": TITLE, "date": "2021-03-10", "text": "قال بلينكن إن الأمم المتحدة موافقة."}
    docs.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (rec, other)), encoding="utf-8")
    gold = _gold(tmp_path, GOLD[:3])
    res = CliRunner().invoke(main, ["eval", "entities", "--gold", gold, "--docs", str(docs), "-v"])
    assert res.exit_code == 0, res.output
    lines = {ln.split()[0]: ln.split() for ln in res.output.splitlines() if ln.strip()}
    assert lines["PER"][4] == "1" and lines["LOC"][4] == "1" and lines["ORG"][4] == "1"
    assert "linking: 2/2 gold links right" in res.output


def test_a_cue_with_a_no_break_space_finds_the_normalised_text():
    from khabar.eval.harness import _locate

    a = _analysis([])
    start = a.article.text.index("حلف شمال")
    assert _locate(a, "حلف\u00a0شمال الأطلسي") == (start, start + len("حلف شمال الأطلسي"))
    assert _locate(a, "بلينكن#2") == (a.article.text.rindex("بلينكن"), a.article.text.rindex("بلينكن") + 6)
    assert _locate(a, "حلف\u00a0جنوب") is None


def test_a_cue_with_a_run_of_spaces_finds_the_collapsed_text():
    from khabar.eval.harness import _locate

    a = _analysis([])
    start = a.article.text.index("حلف شمال")
    # the page had «NBSP + space», the cleaner kept one space: the span is the text's
    assert _locate(a, "حلف\u00a0 شمال الأطلسي") == (start, start + len("حلف شمال الأطلسي"))
