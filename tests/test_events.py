"""Events: the seed acceptance cases, modality, no-actor/no-trigger discipline, storage, CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from khabar.cli import main
from khabar.eval.harness import eval_events
from khabar.ingest.readers import RawDoc
from khabar.pipeline import analyze


def _find(a, plover, actor, recipient=None, mode=None):
    return [e for e in a.events if e.plover == plover and e.actor == actor
            and (recipient is None or e.recipient == recipient) and (mode is None or e.mode == mode)]


def test_seed_acceptance_events(seeds):
    # NATO proposes missile-defence cooperation to Russia (AGREE, proposed, military)
    ev = _find(seeds["000"], "AGREE", "NATO", "RUS", "proposed")
    assert ev and ev[0].context == "military" and ev[0].date == "2010-11-03"
    # NATO–Russia Council talks (CONSULT)
    assert _find(seeds["004"], "CONSULT", "NATO_RUSSIA_COUNCIL")
    assert _find(seeds["001"], "CONSULT", "RUS", "NATO", "asserted")
    # Russia warns it will respond if NATO's choice does not suit it (THREATEN, conditional), reported by Rogozin
    th = _find(seeds["001"], "THREATEN", "RUS", "NATO", "hypothetical")
    assert th and th[0].reported_by == "dmitry_rogozin"
    # NATO rejects concessions on Ukraine's membership (REJECT)
    assert _find(seeds["004"], "REJECT", "NATO", mode="asserted")
    # Agreement to resume the missions in Moscow and Brussels (AGREE between the two sides)
    ag = _find(seeds["004"], "AGREE", "NATO", "RUS", "asserted")
    assert ag and ag[0].location == "RUS:Moscow"
    # Russia massing forces at Ukraine's border, as reported by Stoltenberg (MOBILIZE)
    mob = _find(seeds["004"], "MOBILIZE", "RUS", "UKR")
    assert mob and mob[0].reported_by == "jens_stoltenberg"
    # Evidence is a span of the article text
    text = seeds["004"].article.text
    m = mob[0].mentions[0]
    assert text[m.trigger_start : m.trigger_end] == "حشد" and m.start <= m.trigger_start < m.end


def test_every_event_has_actor_and_trigger(seeds):
    for a in seeds.values():
        for e in a.events:
            assert e.actor and e.mentions and e.trigger
            assert e.mode in ("asserted", "negated", "proposed", "hypothetical", "future")


def test_seed_events_gold(seeds):
    sc = eval_events({k + "_seed.txt": v for k, v in seeds.items()})
    # Precision guard against an event flood. The seed gold lists what the first annotation saw;
    # since the held-out protest/assault batches widened coverage (pronoun-suffixed verbs,
    # relatives), a few real but unannotated background events count as spurious here (0.59).
    assert sc.recall >= 0.85 and sc.precision >= 0.55, (sc.misses, sc.spurious)


def _events(text, title="عنوان الخبر الرئيسي للاختبار"):
    a = analyze(RawDoc(source="t", fmt="json", title=title, text=text, date="2021-03-10"))
    assert "stage_errors" not in a.article.extra, a.article.extra["stage_errors"]  # «no event» must not mean «crashed»
    return [(e.plover, e.actor, e.recipient, e.mode) for e in a.events]


@pytest.mark.parametrize("text, expected", [
    ("رفضت روسيا مقترحا أمريكيا جديدا بشأن الأزمة.", ("REJECT", "RUS", None, "asserted")),
    ("قصفت القوات الروسية مواقع في أوكرانيا صباح الأحد.", ("ASSAULT", "RUS_ARMY", None, "asserted")),
    ("لم تفرض الولايات المتحدة عقوبات على إيران هذا العام.", ("SANCTION", "USA", "IRN", "negated")),
    ("ستزور أنجيلا ميركل الصين الأسبوع المقبل.", ("CONSULT", "angela_merkel", "CHN", "future")),
    ("حذرت إيران إسرائيل من أي هجوم إذا استمرت الغارات.", ("THREATEN", "IRN", "ISR", "hypothetical")),
    # protests with no named organiser are coded as civilians of the place (GDELT-style)
    ("تظاهر آلاف الأشخاص في القاهرة احتجاجا على رفع الأسعار.", ("PROTEST", "EGY_CVL", None, "asserted")),
    ("أطلقت القوات الإسرائيلية النار باتجاه متظاهرين فلسطينيين قرب الحدود.", ("ASSAULT", "ISR_MIL", "PSE_CVL", "asserted")),
    # a coordinated plural verb shares the subject; storming/burning by civilians is a riot (PROTEST 145)
    ("واقتحم مئات العراقيين مبنى المحافظة في البصرة وأحرقوا مكاتب الأحزاب.", ("PROTEST", "IRQ_CVL", None, "asserted")),
    ("وغالبا ما تستهدف حركة الشباب مواقع حساسة في مقديشو.", ("ASSAULT", "AL_SHABAAB", None, "asserted")),
    ("كانت قوات الأمن البلجيكية قد قتلت المهاجم بنجامين هرمان.", ("ASSAULT", "BEL_COP", None, "asserted")),
    ("نزل محتجون إلى شوارع مدينة البصرة ومنعوا الوصول إلى الميناء.", ("PROTEST", "IRQ_CVL", None, "asserted")),
    # a state named like its capital acts as the state; a possessive pronoun carries the actor
    ("أعرب مصدر مسؤول عن إدانة دولة الكويت ورفضها لأي محاولة تستهدف أمن المغرب.", ("REJECT", "KWT", None, "asserted")),
    # a circumstantial participle takes the clause's subject; the party accused is the recipient
    ("قطع المغرب علاقاته الدبلوماسية مع إيران، متهما طهران بدعم جبهة البوليساريو.", ("ACCUSE", "MAR", "IRN", "asserted")),
    # those called upon are the actors of what they are called to do, and it is only proposed
    ("وجدد رئيس البرلمان دعوته إلى العراقيين للقيام بتظاهرة كبيرة في بغداد.", ("PROTEST", "IRQ_CVL", None, "proposed")),
    # a resumptive relative names the agent; a place after «في» is not the other party
    ("بعد القمة التي عقدها الرئيس الأميركي دونالد ترامب في سنغافورة.", ("CONSULT", "donald_trump", None, "asserted")),
    ("وقال المتحدث إن الطقس كان جميلا في المدينة.", None),  # no trigger: no event
])
def test_generic_events(text, expected):
    got = _events(text)
    if expected is None:
        assert got == []
    else:
        assert expected[:2] in [g[:2] for g in got], got
        hit = next(g for g in got if g[:2] == expected[:2])
        if expected[2] is not None:
            assert hit[2] == expected[2], got
        assert hit[3] == expected[3], got


def test_events_store_cli_dyad_exports(tmp_path):
    from conftest import SAMPLES

    db = str(tmp_path / "ev.db")
    assert CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", db, "--no-progress", "-j", "1"]).exit_code == 0
    r = CliRunner().invoke(main, ["events", "--actor", "NATO", "--recipient", "Russia", "--db", db, "--json"])
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows and {x["actor"] for x in rows} == {"NATO"} and {x["recipient"] for x in rows} == {"RUS"}
    r = CliRunner().invoke(main, ["events", "--type", "THREATEN", "--db", db])
    assert "hypothetical" in r.stdout and "Russia → NATO" in r.stdout
    r = CliRunner().invoke(main, ["dyad", "NATO", "RUS", "--by", "year", "--db", db, "--json"])
    dy = [json.loads(x) for x in r.stdout.splitlines()]
    assert {d["direction"] for d in dy} == {"→", "←"} and any(d["period"] == "2022" for d in dy)
    # negated/proposed/hypothetical events never count as asserted
    assert all(d["asserted"] + d["other_modes"] == d["events"] for d in dy)
    r = CliRunner().invoke(main, ["export", "-f", "plover", "--db", db])
    pl = [json.loads(x) for x in r.stdout.splitlines()]
    assert pl and all(p["event_type"] and p["actor"]["id"] for p in pl)
    out = tmp_path / "g.tsv"
    r = CliRunner().invoke(main, ["export", "-f", "gdelt", "-o", str(out), "--db", db])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("GLOBALEVENTID\tSQLDATE") and len(lines) == len(pl) + 1
    r = CliRunner().invoke(main, ["eval", "events"])
    assert r.exit_code == 0 and "events (full): precision" in r.stdout


@pytest.mark.parametrize("text", [
    "وقال متحدث باسم الشرطة في طهران إن خمسة من أفراد قوات الأمن قتلوا خلال الاشتباكات.",  # passive: victims
    "وكانت آخر غارة على غزة بواسطة طائرة مسيرة.",  # a drone is not a march
    "وشهدت بلجيكا هجمات في 22 آذار/مارس 2016.",  # the place where attacks happened is not the attacker
    "ودان الوزير أي محاولة تستهدف أمن إيران وإسرائيل.",  # «محاولة تستهدف»: the attempt is the subject
    "وقالت الخارجية الروسية إن روسيا تتوقع احترام اتفاق إيقاف إطلاق النار في سوريا.",  # a ceasefire, not fire
    "ويحتل المركز الثقافي الإيراني مبنى كاملا في طهران.",  # occupying a building is not seizing it
])
def test_no_false_agent(text):
    got = _events(text)
    assert not [g for g in got if g[0] in ("ASSAULT", "PROTEST") and g[1] and g[1].startswith(("IRN", "ISR", "BEL"))], got


def test_conjugations_generated():
    from khabar.extract.events import _conjugate

    forms = set(_conjugate("هاجم", "يهاجم"))
    assert {"هاجمت", "هاجموا", "هاجما", "تهاجم", "يهاجمون", "نهاجم"} <= forms
    assert "قتلا" not in _conjugate("قتل", "يقتل")  # spelt like the masdar «قتلاً»


def test_politicians_attacking_each_other_is_criticism():
    got = _events("أردوغان يهاجم وزير خارجية الإمارات عبد الله بن زايد لنشره تغريدة مسيئة.")
    assert ("ACCUSE", "recep_tayyip_erdogan") in [g[:2] for g in got], got
    assert not [g for g in got if g[0] == "ASSAULT"], got


def test_scheduled_and_intended_events():
    got = _events("ومن المقرر أن يلتقي الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في أنقرة.")
    assert ("CONSULT", "vladimir_putin", "recep_tayyip_erdogan", "future") in got, got
    got = _events("أعلنت الولايات المتحدة عن نيتها في ضرب النظام السوري.")
    assert [g for g in got if g[0] == "ASSAULT" and g[3] == "proposed"], got


def test_fifth_batch_style_constructions():
    got = _events("تبادلت القوات الهندية والباكستانية السبت إطلاق نيران المدفعية في كشمير.")
    assert ("ASSAULT", "IND_MIL") in [g[:2] for g in got], got
    got = _events("أعلن الأردن استقالة رئيس الوزراء هاني الملقي بعد احتجاجات في عمان.")
    assert ("CONCEDE", "hani_al_mulki") in [g[:2] for g in got], got
    assert not [g for g in got if g[0] == "PROTEST" and g[1] == "hani_al_mulki"], got  # he did not protest
    got = _events("وقال المسؤول إن الاجتماع سيبحث جرائم إسرائيل ضد المتظاهرين في غزة.")
    assert not [g for g in got if g[0] == "CONSULT" and g[1] == "ISR"], got  # the meeting discusses Israel
    got = _events("قبل أسابيع من اجتماع مخطط انعقاده بين الولايات المتحدة وكوريا الشمالية.")
    assert ("CONSULT", "USA", "PRK", "future") in got, got


def test_wider_lexicon_and_required_words():
    got = _events("أعلنت إسرائيل رفع الحصار عن قطاع غزة.")
    assert ("CONCEDE", "ISR") in [g[:2] for g in got] and not [g for g in got if g[0] == "ASSAULT"], got
    got = _events("أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع الرئيس التركي رجب طيب أردوغان.")
    assert ("CONSULT", "vladimir_putin") in [g[:2] for g in got], got
    got = _events("استدعت الخارجية الإيرانية السفير البريطاني في طهران.")
    assert [g for g in got if g[0] == "ACCUSE"], got


def test_audit_fixes():
    got = _events("وأكد وزير خارجية قطر أن بلاده لا تزال مستعدة للحوار مع الإمارات.")
    assert not [g for g in got if g[3] == "negated"], got  # «لا تزال»: still
    got = _events("أوقفت السعودية شحنات النفط بعد هجوم للحوثيين في اليمن استهدف ناقلتي نفط.")
    assert ("ASSAULT", "HOUTHIS") in [g[:2] for g in got], got
    got = _events("وقالت دمشق إن الدفاعات الجوية السورية تصدت لهجوم صاروخي على قاعدة الشعيرات.")
    assert not [g for g in got if g[0] == "ASSAULT" and g[1] and g[1].startswith("SYR")], got
    got = _events("واختطف رجلان تظاهرا بأنهما من عمال السباكة ابنة السائق في باريس.")
    assert not [g for g in got if g[0] == "PROTEST"], got
    got = _events("قتلى من عناصر مليشيا الحوثي في تعز")
    assert not [g for g in got if g[0] == "ASSAULT" and g[1] == "HOUTHIS"], got


def test_protests_of_a_country_are_its_people():
    got = _events("وشهدت إيران احتجاجات واسعة على ارتفاع الأسعار.")
    assert ("PROTEST", "IRN_CVL") in [g[:2] for g in got], got


def test_third_audit_fixes():
    got = _events("سيطرت القوات اليمنية على مدخل مطار الحديدة بدعم من التحالف العربي بقيادة السعودية.")
    assert ("SUPPORT", "ARAB_COALITION") in [g[:2] for g in got], got
    got = _events("في الفوضى التي أعقبت هجوم تنظيم داعش على الموصل في 2014.")
    assert ("ASSAULT", "ISIL") in [g[:2] for g in got], got
    got = _events("وظلت الزوجة التي تحمل الجنسية السورية قيد الاعتقال في دمشق.")
    assert not [g for g in got if g[0] == "COERCE"], got
    got = _events("توفيت الفتاة في بريطانيا بعد تعرضها لاعتداء من مجموعة فتيات.")
    assert not [g for g in got if g[0] == "ASSAULT"], got


def test_sixth_batch_style_constructions():
    got = _events("قطع متظاهرون عراقيون الطريق المؤدية إلى منفذ الشلامجة في البصرة.")
    assert ("PROTEST", "IRQ_CVL") in [g[:2] for g in got], got
    got = _events("قطع المغرب علاقاته مع إيران وأغلق الطريق أمام أي حوار.")
    assert not [g for g in got if g[0] == "PROTEST"], got  # a state blocking is no protest
    got = _events("لم يستبعد وزير الدفاع الأمريكي جيمس ماتيس خيار قصف مواقع للنظام السوري.")
    assert ("ASSAULT", "james_mattis", None, "hypothetical") in [(g[0], g[1], None, g[3]) for g in got], got
    got = _events("واحتشد عشرات الآلاف من أنصار المعارضة في يريفان للمطالبة باستقالة رئيس الوزراء.")
    assert not [g for g in got if g[0] == "CONCEDE"], got  # demanded, not done


def test_sports_reports_are_not_political_events():
    from khabar.extract.events import is_sports

    text = ("وفاز النادي الأهلي على الزمالك بهدفين في مباراة الدوري، وسجل المهاجم هدفا في الشوط الثاني، "
            "وقال المدرب إن الفريق يستعد لمباراة كأس مصر بعد التعادل في الجولة الماضية أمام حارس متألق. "
            "وهاجم اللاعبون مرمى المنافس وطالب النادي بإعادة المباراة في الملعب نفسه.")
    assert is_sports(text)
    assert _events(text) == []
    assert not is_sports("قصفت القوات الروسية مواقع في أوكرانيا، وطالبت كييف الناتو بالتدخل، وفاز الرئيس بالانتخابات.")



def _full(text, title="عنوان الخبر الرئيسي للاختبار"):
    a = analyze(RawDoc(source="t", fmt="json", title=title, text=text, date="2021-03-10"))
    assert "stage_errors" not in a.article.extra, a.article.extra["stage_errors"]
    return a


def test_seventh_batch_style_constructions():
    # crowd control: the subject of «كان … قد» across a comma; the protesters are the objects
    got = _events("وكانت قوات الأمن الأردنية، قد فرقت المتظاهرين أمام مبنى البرلمان في عمان.")
    assert ("COERCE", "JOR_COP", "JOR_CVL", "asserted") in got, got
    # an arrest verb needs a person as its object
    assert ("COERCE", "FRA_COP") in [g[:2] for g in _events("أوقفت الشرطة الفرنسية ثلاثة أشخاص في باريس.")]
    assert not [g for g in _events("أوقفت الحكومة المصرية المشروع بعد الاحتجاجات.") if g[0] == "COERCE"]
    # resumptive relatives name the agent, with or without «التي»
    got = _events("شهدت فرنسا سلسلة من الهجمات التي شنها تنظيم داعش منذ 2015.")
    assert ("ASSAULT", "ISIL") in [g[:2] for g in got], got
    got = _events("والمسؤول مشمول بعقوبات تفرضها الولايات المتحدة منذ سنوات.")
    assert ("SANCTION", "USA") in [g[:2] for g in got], got
    # a court's conviction is no condemnation; the one accused in «لاتهامه بـ» accuses no one
    assert not [g for g in _events("وسجن المسؤول الإيراني بعد إدانته بتعذيب متظاهرين.") if g[0] == "ACCUSE"]


def test_dropped_subjects_and_event_anaphora():
    # a sentence-initial verb with no subject continues the previous sentence's subject
    got = _events("أعلنت اللجان التنسيقية في البصرة عن اعتصام جديد. وتوعدت بتصعيد الاحتجاجات إذا لم تستجب الحكومة.")
    assert ("THREATEN", "IRQ_CVL") in [g[:2] for g in got], got
    # … but not when a subject (unknown to the KB) follows the verb
    got = _events("التقى الرئيس الأميركي دونالد ترامب بنظيره الروسي. حذر خبراء من أن الخطة غير واقعية.")
    assert not [g for g in got if g[0] == "THREATEN"], got
    # after «حين», the nearest fitting actor before it
    got = _events("انتقدت المعارضة كلمة الرئيس المصري عبد الفتاح السيسي حين أدان استهداف ميليشيات الحوثي للسعودية.")
    assert ("ACCUSE", "abdel_fattah_el_sisi") in [g[:2] for g in got], got
    assert ("ASSAULT", "HOUTHIS", "SAU") in [g[:3] for g in got], got
    # a definite event noun with no agent is a further mention of the event already reported
    a = _full("اعتقلت السلطات المصرية صحفيا بارزا في القاهرة. وقال محاميه إنه لا يعرف سبب اعتقاله.")
    coerce = [e for e in a.events if e.plover == "COERCE"]
    assert len(coerce) == 1 and len(coerce[0].mentions) == 2, [(e.actor, len(e.mentions)) for e in coerce]


def test_unknown_officials_coded_by_their_office():
    a = _full("أعلن وزير الداخلية الفرنسي، جيرار كولومب، الجمعة، أنه تم إفشال محاولة اعتداء وتوقيف شقيقين.")
    ev = [e for e in a.events if e.plover == "COERCE"]
    assert ev and (ev[0].actor_country, ev[0].actor_sector) == ("FRA", "GOV"), [(e.actor, e.actor_country) for e in ev]


def test_armed_group_anaphora_and_dateline_desk():
    a = _full("أتلانتا، الولايات المتحدة الأمريكية (CNN)-- تبنى تنظيم داعش هجوما في باكستان. "
              "وقال التنظيم في بيان إن مقاتليه استهدفوا حافلة في مدينة كويتا الباكستانية.")
    assert any(m.entity == "ISIL" and m.text == "التنظيم" for m in a.mentions)
    assert a.article.dateline_span is not None and a.article.dateline_span.end > 0
    assert all(m.entity != "USA_REB" for m in a.mentions)


def test_eighth_batch_style_constructions():
    # a surname alone after the full name; titles, time words and adjectives between verb and object
    got = _events("يلتقي العاهل الأردني الملك عبد الله الثاني الاثنين رئيس الوزراء هاني الملقي. "
                  "ويطالب محتجون بإقالة الملقي خلال الاحتجاجات.")
    assert ("CONSULT", "abdullah_ii", "hani_al_mulki", "asserted") in got, got
    assert ("REQUEST", "JOR_CVL", "hani_al_mulki", "asserted") in got, got
    # speculation by sources is hypothetical; what is asked for has not happened
    got = _events("وتتوقع مصادر سياسية أن يطلب العاهل الأردني من رئيس الوزراء هاني الملقي الاستقالة.")
    assert ("REQUEST", "abdullah_ii", "hani_al_mulki", "hypothetical") in got, got
    assert not [g for g in got if g[0] == "CONCEDE"], got
    # a verb after a protest noun: what the protesters do («تندد»), not «sweeping» the country
    got = _events("تتواصل في عمان احتجاجات واسعة تجتاح البلاد تندد بالسياسات الضريبية للحكومة الأردنية.")
    assert ("ACCUSE", "JOR_CVL") in [g[:2] for g in got], got
    assert not [g for g in got if g[0] == "ASSAULT"], got
    # a resumptive pronoun after «التي»: the antecedent is the object, the subject follows
    got = _events("وأخرجت قوات سوريا الديمقراطية التي تدعمها واشنطن التنظيم من الرقة.")
    assert ("SUPPORT", "USA", "SDF") in [g[:3] for g in got], got
    # «وندد الساسة الألمان بالهجمات»: the attacks they denounced are not theirs
    got = _events("وندد الساسة الألمان بشدة بالهجمات على المساجد في برلين.")
    assert ("ACCUSE", "DEU_GOV") in [g[:2] for g in got], got
    assert not [g for g in got if g[0] == "ASSAULT" and g[1].startswith("DEU")], got


def test_fourth_audit_fixes():
    got = _events("أعلنت حركة الجهاد الإسلامي وقفا لإطلاق النار مع إسرائيل مساء الثلاثاء.")
    assert not [g for g in got if g[0] == "ASSAULT"], got  # a ceasefire, not firing
    got = _events("التحذير التركي قد يؤدي إلى اشتباك محتمل بين القوات التركية والقوات السورية.")
    assert all(g[3] == "hypothetical" for g in got if g[0] == "ASSAULT"), got
    got = _events("وقالت إنه بدلا من استهداف الصادرات الأميركية يجب على الصين تغيير ممارساتها.")
    assert all(g[3] == "negated" for g in got if g[0] == "ASSAULT"), got
    got = _events("وأعلن الرئيس الأمريكي دونالد ترامب انسحاب بلاده من الاتفاق النووي مع إيران.")
    assert ("REJECT", "donald_trump") in [g[:2] for g in got] and not [g for g in got if g[0] == "RETREAT"], got
    got = _events("واتُّهمت إيران مرارا بتزويد المتمردين الحوثيين بأسلحة.")
    assert not [g for g in got if g[0] == "ACCUSE"], got  # the accuser is not named
    got = _events("وأكد وزير الخارجية الأمريكي مايك بومبيو في لقاء مع شبكة إيه بي سي أن بلاده مستعدة للحوار.")
    assert not [g for g in got if g[0] == "CONSULT"], got  # an interview
    got = _events("وقال متحدث إن كيم تحدث عن نزع السلاح النووي وليس فقط التجميد.")
    assert not [g for g in got if g[0] == "SANCTION"], got  # freezing a programme, not assets
    got = _events("وكانت الباحثة تجمع شعر الدببة في ولاية ألاسكا الأمريكية.")
    assert not [g for g in got if g[0] == "PROTEST"], got


def test_fifth_audit_fixes():
    got = _events("وقال منسق الأمم المتحدة إن استهداف المدنيين في الغوطة الشرقية المحاصرة يجب أن يتوقف.")
    assert not [g for g in got if g[1].endswith("_CVL")], got  # victims are not attackers; «المحاصرة» describes
    got = _events("وسجل التقرير اعتقال واختطاف 4392 بين المدنيين والسياسيين والنشطاء في اليمن.")
    assert not [g for g in got if g[1].endswith("_CVL")], got  # «بين» after a count: among the victims
    got = _events("فرنسا: على إيران وقف تهديدها بالانسحاب من الاتفاق النووي.")
    assert ("THREATEN", "IRN") in [g[:2] for g in got] and ("THREATEN", "FRA") not in [g[:2] for g in got], got
    got = _events("واستأنفت القوات الحكومية السورية الجمعة قصف المدينة بعد هدوء استمر أسبوعا.")
    assert not [g for g in got if g[0] == "COOPERATE"], got  # resuming shelling is shelling
    got = _events("وأشار إلى أن الاكتشاف الجديد لن يغير توجه الاقتصاد البحريني.")
    assert not [g for g in got if g[0] == "ASSAULT"], got  # «يغير»: changes, not raids
    got = _events("ويهدف المجلس السعودي الإماراتي إلى التشاور والتنسيق بين الرياض وأبوظبي.")
    assert all(g[3] == "proposed" for g in got if g[0] in ("CONSULT", "COOPERATE")), got
    got = _events("فشلت المفاوضات بين جيش الإسلام وروسيا بشأن انسحاب المعارضة من دوما.")
    assert all(g[3] != "asserted" for g in got if g[0] == "RETREAT"), got
    got = _events("وأعلن الجيش التركي، الثلاثاء، عن مقتل 26 مسلحا بضربات جوية في شمال العراق.")
    ev = [e for e in _full("وأعلن الجيش التركي، الثلاثاء، عن مقتل 26 مسلحا بضربات جوية في شمال العراق.").events]
    assert len([e for e in ev if e.plover == "ASSAULT"]) == 1 and len(ev[0].mentions) == 2, got


def test_ninth_batch_style_constructions():
    got = _events("أبدى الرئيس العراقي فؤاد معصوم أسفه، الأربعاء، لقرار نظيره الأميركي دونالد ترامب الانسحاب من الاتفاق النووي.")
    a = _full("أبدى الرئيس العراقي فؤاد معصوم أسفه، الأربعاء، لقرار نظيره الأميركي دونالد ترامب الانسحاب من الاتفاق النووي.")
    acc = [e for e in a.events if e.plover == "ACCUSE"]
    assert acc and (acc[0].actor_country, acc[0].actor_sector, acc[0].recipient) == ("IRQ", "GOV", "donald_trump"), got
    assert ("REJECT", "donald_trump") in [g[:2] for g in got], got  # withdrawing from an agreement
    got = _events("وقد قتل 40 فلسطينيا برصاص القوات الإسرائيلية على الحدود مع غزة.")
    assert ("ASSAULT", "ISR_MIL", "PSE_CVL") in [g[:3] for g in got] or ("ASSAULT", "IDF", "PSE_CVL") in [g[:3] for g in got], got
    got = _events("وأفادت مصادر طبية بإصابة ثلاثة فلسطينيين برصاص القوات الإسرائيلية عندما رشق عدد من الفلسطينيين السياج بالحجارة.")
    assert ("PROTEST", "PSE_CVL") in [g[:2] for g in got], got  # stone-throwing by civilians
    assert [g for g in got if g[0] == "ASSAULT" and g[1] in ("ISR_MIL", "IDF")], got  # wounded by a named shooter
    assert not _events("وأفادت مصادر طبية بإصابة ثلاثة أشخاص في حادث سير على الطريق السريع.")  # no shooter: no event
    got = _events("إذ سحبت إسرائيل قواتها والمستوطنين من قطاع غزة عام 2005.")
    assert ("RETREAT", "ISR") in [g[:2] for g in got], got


def test_sixth_audit_fixes():
    got = _events("وكانت إسرائيل قد اتهمت بشن هجوم على قاعدة التيفور الجوية السورية.")
    assert not [g for g in got if g[0] == "ACCUSE"], got  # accused, by no one named
    got = _events("وأغلقت السلطات الكندية جزءا كبيرا من الطريق السريع لتجنيب السائقين النيران.")
    assert not [g for g in got if g[0] == "PROTEST"], got  # authorities closing a road do not protest
    got = _events("وقال إن إرسال بطاقة بريد يمكن أن يساعد على شفائها من التجربة.")
    assert all(g[3] == "hypothetical" for g in got), got
    got = _events("تم توقيع الاتفاق النووي بين إيران والقوى العظمى في فيينا.")
    assert not [g for g in got if g[2] == "AUT"], got  # Vienna is where, not a party
    got = _events("وقال شاهد إن القوات الفرنسية ضربت طوقا أمنيا حول المنطقة.")
    assert not [g for g in got if g[0] == "ASSAULT"], got
    got = _events("وقالت الشرطة العراقية إن نحو 150 محتجا تجمعوا عند مدخل الحقل النفطي في البصرة.")
    assert ("PROTEST", "IRQ_CVL") in [g[:2] for g in got], got


def test_tenth_batch_style_constructions():
    got = _events("أفادت مصادر يمنية باندلاع اقتتال بين مسلحي ميليشيات الحوثي في الساحل الغربي.")
    assert ("ASSAULT", "HOUTHIS") in [g[:2] for g in got], got
    # an armed group named before: «الميليشيات» is that group
    got = _events("قتل عشرة من ميليشيات الحوثي في الحديدة. وأكدت مصادر قبلية أن الميليشيات خطفت العشرات من أبناء قبيلة الزرانيق.")
    assert ("ASSAULT", "HOUTHIS") in [g[:2] for g in got], got  # abduction is ASSAULT (PLOVER), issue #11
    got = _events("دعا رجل الدين مقتدى الصدر جميع الساسة إلى التوقف عن جهود تشكيل الحكومة.")
    assert ("REQUEST", "muqtada_al_sadr") in [g[:2] for g in got], got


def test_seventh_audit_fixes():
    got = _events("وحدث الاعتداء أثناء تشييع خمسة من مقاتلي الحشد الشعبي قتلوا ليل الأربعاء في القرية.")
    assert not [g for g in got if g[0] == "ASSAULT" and g[1] == "PMF"], got  # the fighters were killed
    got = _events("قال الوزير إن بوتين مسؤول عن هجوم غاز نوفيتشوك والذي استهدف العميل الروسي المزدوج سيرغي سكريبال.")
    assert not [g for g in got if g[0] == "ASSAULT" and g[1].startswith("new:PER")], got  # the target is no attacker
    got = _events("ونحن نحث روسيا على أن تكشف عن برنامجها الكيميائي.")
    assert not [g for g in got if g[0] == "REQUEST" and g[1] == "RUS"], got  # «نحث»: we urge Russia
    got = _events("اتهمت وزارة الصحة الفلسطينية إسرائيل بالقتل العمد للمسعفة في قطاع غزة.")
    # the ministry itself (PSE_MOH, a Palestinian government actor) or the government
    assert [g for g in got if g[0] == "ACCUSE" and g[1] in ("PSE_GOV", "PSE_MOH") and g[2] == "ISR"], got
    got = _events("المحكمة الإسرائيلية العليا تؤيد استخدام الجيش للقوة ضد المتظاهرين.")
    assert ("SUPPORT", "ISR_JUD") in [g[:2] for g in got], got
    got = _events("الجعفري بمجلس الأمن: اخذنا الاحتياطات إن رفض الإرهابيون بإدلب إلقاء السلاح.")
    assert all(g[3] == "hypothetical" for g in got if g[0] == "REJECT"), got
    got = _events("وقام محتجون بتوزيع الورود على رجال الأمن وهم يهتفون نحنا والأمن والجيش تجمعنا لقمة العيش.")
    assert not [g for g in got if g[0] == "CONSULT"], got
    got = _events("قدمت الإمارات والكويت والسعودية إلى الأردن حزمة مساعدات بقيمة 2.5 مليار دولار.")
    assert ("AID", "ARE", "JOR") in [g[:3] for g in got], got
    got = _events("قتل 37 عنصرا في غارات شنتها طائرات التحالف العربي على مواقع للمتمردين الموالين لإيران في الحديدة.")
    assert not [g for g in got if g[2] == "IRN"], got  # who backs the target is not the target
    got = _events("وشاركت القوات الأميركية في غارة استهدفت مسلحين من تنظيم القاعدة في الصومال.")
    assert ("ASSAULT", "US_ARMY", "AL_QAEDA") in [g[:3] for g in got], got


def test_eleventh_batch_style_constructions():
    got = _events("فشل محتجون من كوريا الجنوبية في سد الطريق أمام موكب من جارتها الشمالية.")
    assert ("PROTEST", "KOR_CVL", None, "negated") in got, got  # «من كوريا الجنوبية»; they failed to
    got = _events("اقتحمت مركبة مدرعة حشدا من المحتجين في سريناغار بكشمير الهندية.")
    assert not [g for g in got if g[0] == "MOBILIZE"], got  # a crowd, not a military build-up
    got = _events("وسارعت جماعة الإخوان إلى انتقاد الرئيس المصري عبد الفتاح السيسي دون أي أساس.")
    assert ("ACCUSE", "MUSLIM_BROTHERHOOD", "abdel_fattah_el_sisi") in [g[:3] for g in got], got
    got = _events("تراجعت قوات الأمن الهندية عندما سقط أكثر من 50 مصابا في اشتباكات عنيفة في سريناغار.")
    assert ("ASSAULT", "IND_COP") in [g[:2] for g in got], got


def test_eighth_audit_fixes():
    a = _full("دبي، الإمارات العربية المتحدة (CNN)-- فرضت وزارة الخزانة الأمريكية، الخميس، عقوبات على مبرمج كوري شمالي.")
    assert not [e for e in a.events if e.actor == "ARE"], [(e.plover, e.actor) for e in a.events]  # the desk acts not
    got = _events("كشفت مصادر ميدانية مقتل قيادي في غارة استهدفت مقرا لقيادات ميليشيات الحوثي في الحديدة.")
    assert not [g for g in got if g[0] == "ASSAULT" and g[1] == "HOUTHIS"], got  # the target of the strike
    got = _events("ووقعت مواجهات في الضفة الغربية في إطار التظاهرات الأسبوعية التي ينظمها الفلسطينيون.")
    assert ("PROTEST", "PSE_CVL") in [g[:2] for g in got], got
    got = _events("دعت منظمة هيومن رايتس ووتش في بيان الاثنين، السلطات المصرية إلى تحقيق العدالة.")
    assert [g for g in got if g[0] == "REQUEST" and g[2] == "EGY_GOV"], got


def test_twelfth_batch_style_constructions():
    got = _events("وفي كانون الثاني، أعلنت باريس تجميد أصول 25 كيانا يشتبه في دعمها لبرنامج الأسلحة الكيميائية.")
    assert ("SANCTION", "FRA") in [g[:2] for g in got], got  # a capital right after a verb is the state
    got = _events("وتعرضت الشركات للعقوبات الفرنسية منذ أيار الماضي.")
    assert ("SANCTION", "FRA") in [g[:2] for g in got], got
    got = _events("وأمرت المحكمة العليا بحماية العائلة بعد تلقيها تهديدات بالقتل.")
    assert not [g for g in got if g[0] == "ASSAULT"], got  # the threatened killing did not happen


def test_ninth_audit_fixes():
    got = _events("ويبدو أن الرئيس التركي رجب طيب أردوغان يبحث عن دعم في معركته ضد وحدات حماية الشعب.")
    assert not [g for g in got if g[0] == "CONSULT"], got  # looking for support
    got = _events("منذ تبني مجلس الأمن الدولي قرارا ينص على وقف شامل لإطلاق النار في سوريا.")
    assert not [g for g in got if g[0] == "ASSAULT"], got
    got = _events("ودان محلفون الأسبوع الماضي أحمد حسن بتهمة الشروع في القتل.")
    assert not [g for g in got if g[0] == "ASSAULT"], got  # a charge
    got = _events("احتجزت الشرطة الإسبانية أربعة رجال بشأن اعتداء على فتاة في جزيرة غران كناريا.")
    assert not [g for g in got if g[0] == "ASSAULT" and g[1] == "ESP_COP"], got  # what they were held over
    got = _events("واختار أردوغان أن يغلف نداء الاستغاثة بانتقاد الناتو لعدم دعمه.")
    assert not [g for g in got if g[0] == "ACCUSE" and g[1] == "NATO"], got  # NATO is criticised
    got = _events("بعد أيام على إصدار ترامب أوامره بانسحاب القوات الأميركية من سوريا.")
    assert all(g[3] == "proposed" for g in got if g[0] == "RETREAT"), got


def test_no_stage_fails_on_the_seeds(seeds):
    for name, a in seeds.items():
        assert "stage_errors" not in a.article.extra, (name, a.article.extra["stage_errors"])


def test_thirteenth_batch_style_constructions():
    got = _events("تجددت غارات النظام السوري، الأحد، على الغوطة الشرقية رغم قرار مجلس الأمن.")
    assert ("ASSAULT", "SYR_REGIME") in [g[:2] for g in got], got  # a government's own strikes
    got = _events("وأثارت خطة الحكومة الإسرائيلية انتقادات عدة خصوصا من قبل مفوضية الأمم المتحدة السامية للاجئين.")
    assert ("ACCUSE", "UNHCR") in [g[:2] for g in got], got  # the critic after «من قبل»
    got = _events("تظاهر آلاف الأشخاص مساء السبت في وسط تل أبيب احتجاجا على خطة للحكومة الإسرائيلية.")
    assert len([g for g in got if g[0] == "PROTEST"]) == 1, got  # «احتجاجا على» is the same protest
    got = _events("وتشمل الخطة الرجال الذين لم يتقدموا بطلب لجوء في إسرائيل.")
    assert not [g for g in got if g[0] == "REQUEST"], got
    got = _events('وذكر المرصد السوري لحقوق الإنسان "استؤنفت الغارات الجوية على منطقة الشيفونية في دوما".')
    assert not [g for g in got if g[0] == "ASSAULT" and g[1] == "SOHR"], got  # a monitor reports, it does not strike


def test_tenth_audit_fixes():
    got = _events("وأشار ترامب إلى أنه سيرسل وزير الخارجية للقاء الملك سلمان، بعد أن التقى ولي العهد الأمير محمد بن سلمان.")
    assert "mohammed_bin_salman" not in [g[2] for g in got if g[0] == "CONSULT"][:1], got  # «الملك سلمان» is the king
    got = _events("يذكر أن الرئيس الأمريكي دونالد ترامب أثار انتقادات بعد معارك خاضها على تويتر.")
    assert not [g for g in got if g[0] == "ACCUSE" and g[1] == "donald_trump"], got  # he drew the criticism
    got = _events("وتفاعل الرئيس الأمريكي دونالد ترامب مع الهجوم وأكد أنه يتابع الموقف.")
    assert not [g for g in got if g[0] == "ASSAULT" and g[1] == "donald_trump"], got
    got = _events("قتل شخص مساء السبت وسط باريس على يد رجل مسلح بسكين قامت الشرطة الفرنسية بقتله.")
    assert not [g for g in got if g[0] == "ASSAULT" and g[1] == "FRA_COP" and g[2] == "FRA"], got
    got = _events("وقال اللواء إن فئات لجأت إلى العنف وقامت بعمليات تخريب واستهداف قوات الدرك الأردنية.")
    assert not [g for g in got if g[0] == "ASSAULT" and g[1] in ("JOR_MIL", "JOR_COP")], got  # the target


def test_protest_target_is_whom_it_is_against():
    got = _events("كما شهدت بغداد أمس السبت مظاهرة فرقتها قوات الأمن العراقية.")
    assert ("PROTEST", "IRQ_CVL", None) in [g[:3] for g in got], got
    got = _events("تظاهر آلاف العراقيين في البصرة ضد الحكومة العراقية.")
    assert ("PROTEST", "IRQ_CVL", "IRQ_GOV") in [g[:3] for g in got], got


def test_eleventh_audit_fixes():
    got = _events("وبهذا القرار وجد هؤلاء الطلاب البالغ عددهم 12 ألف طالب أنفسهم في مأزق.")
    assert not [g for g in got if g[0] == "REQUEST"], got  # «12 ألف طالب»: students
    got = _events("وعن الحملة التي شنتها السلطات السعودية ضد ما وصفته بالفساد، قال ولي العهد إن الحكومة استردت الأموال.")
    assert not [g for g in got if g[0] == "ASSAULT"], got
    got = _events("أدانت محكمة في أستراليا رجلا بتهمة تشجيع زوجته على الانتحار.")
    assert not [g for g in got if g[0] == "ACCUSE"], got  # a conviction
    got = _events("وهاجم الرئيس السوري بشار الأسد مشاركة قوات عسكرية أمريكية وبريطانية في سوريا.")
    assert ("ACCUSE", "bashar_al_assad") in [g[:2] for g in got], got  # a politician's «attack» is criticism
    got = _events("ويأتي هذا التطور بعد انسحاب بريطانيا من الاتحاد الأوروبي.")
    assert ("REJECT", "GBR") in [g[:2] for g in got] and not [g for g in got if g[0] == "RETREAT"], got


def test_new_clause_has_its_own_subject():
    got = _events("شن التحالف هجوما لإخراج الحوثيين من المدينة، فيما حذرت وكالات الإغاثة من انقطاع الإمدادات.")
    assert not [g for g in got if g[0] == "THREATEN" and g[1] == "HOUTHIS"], got


def test_event_dates_and_announced_events():
    """Issue #11: a past day without a year is the last one before publication; «ستقام … المقبل»
    and «من المقرر» make an event future."""

    import datetime as dt

    def run(text):
        raw = RawDoc(source="t", fmt="json", title="عنوان الخبر الرئيسي للاختبار", text=text, date="2018-02-15")
        a = analyze(raw, ref_date=dt.date(2026, 11, 23))
        return [(e.plover, e.mode, e.date) for e in a.events]

    assert run("تظاهر آلاف المعلمين في عمان في 20 حزيران/يونيو احتجاجا على قانون الضريبة.") == [
        ("PROTEST", "asserted", "2017-06-20")]
    assert run("ستقام مسيرة حاشدة للمعارضة في القاهرة يوم الجمعة المقبل احتجاجا على قرارات الحكومة.") == [
        ("PROTEST", "future", "2018-02-16")]
    assert run("ومن المقرر أن يلتقي الرئيس المصري عبد الفتاح السيسي نظيره الفرنسي في باريس يوم السبت بعد المقبل.") == [
        ("CONSULT", "future", "2018-02-24")]
