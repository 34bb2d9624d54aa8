"""`khabar eval ner|quotes|dates|events`: quality measured on gold data."""

from __future__ import annotations

import os
import time
from importlib import resources

import click

from .app import main


@main.group(name="eval")
def eval_() -> None:
    """Measure components on gold data."""


@eval_.command(name="ner")
@click.option("--data", default=None, help="CoNLL file (token TAG per line); default: ANERcorp_test.conll from "
              "$KHABAR_ANERCORP or shared/eval/raw/anercorp_camel_split/ next to the khabar repository")
@click.option("--model", "model_kind", type=click.Choice(["ensemble", "neural", "crf"]), default=None,
              help="ensemble (the pipeline's tagger when the neural model is shipped): neural + CRF posteriors; "
                   "neural: the BiLSTM-CRF alone; crf: the two-stage feature CRF alone")
@click.option("--sentence-only", is_flag=True, help="no document-level consistency (CRF: stage 1 only)")
@click.option("--window", type=int, default=15, show_default=True, help="sentences standing in for a document")
def eval_ner(data: str | None, model_kind: str | None, sentence_only: bool, window: int) -> None:
    """Entity-level P/R/F1 per type (exact span and type, seqeval-style) of a shipped NER model."""
    from ..entities.crf import MODEL_DIR, NER, evaluate, read_conll
    from ..eval.harness import default_ner_data, ner_data_candidates

    if model_kind is None:
        model_kind = "ensemble" if (MODEL_DIR / "ner-neural.npz").exists() else "crf"

    if data is None:
        found = default_ner_data()
        if found is None:
            raise click.ClickException("ANERcorp test data not found; looked for "
                                       + ", ".join(map(str, ner_data_candidates())) + " (give --data FILE)")
        data = str(found)
    if not os.path.exists(data):
        raise click.ClickException(f"no such file: {data}")
    sents = read_conll(data)
    words = [w for w, _ in sents]
    t0 = time.perf_counter()
    if model_kind in ("neural", "ensemble"):
        from ..entities.ensemble import EnsembleNER
        from ..entities.neural import NeuralNER

        nn = NeuralNER()
        if model_kind == "ensemble":
            pred = EnsembleNER(nn, NER(model2=None) if sentence_only else NER()).tag_document(words, window=window)
        else:
            pred = nn.tag_sentences(words) if sentence_only else nn.tag_document(words, window=window)
    else:
        ner = NER(model2=None) if sentence_only else NER()
        pred = ner.tag_document(words, window=window)
    dt = time.perf_counter() - t0
    scores = evaluate([t for _, t in sents], pred)
    click.echo(f"{'type':<6} {'precision':>9} {'recall':>7} {'F1':>7} {'support':>8}")
    for typ, s in scores.items():
        click.echo(f"{typ:<6} {s['precision']:>9.4f} {s['recall']:>7.4f} {s['f1']:>7.4f} {int(s['support']):>8}")
    ntok = sum(len(w) for w in words)
    click.echo(f"{model_kind}: {len(sents)} sentences, {ntok} tokens in {dt:.1f}s ({ntok / dt:,.0f} tokens/s)")


def _analyse_dir(docs: str | None, gold: str | None = None, no_event_docs: bool = False) -> dict:
    """Analyse the evaluated articles: the embedded seeds, or files/corpora given with --docs
    (records of a JSONL corpus are keyed by their id; only those named in the gold file are analysed)."""
    from pathlib import Path as _P

    from ..eval.harness import REF_DATE, gold_docs, gold_names, read_gold
    from ..ingest.readers import RawDoc, iter_sources
    from ..pipeline import analyze

    for what, path in (("gold file", gold), ("--docs", docs)):
        if path and not os.path.exists(path):
            raise click.ClickException(f"{what}: no such file or directory: {path}")
    wanted = None if not gold else gold_docs(gold) if no_event_docs else {r[0] for r in read_gold(gold)}
    samples = resources.files("khabar") / "data" / "samples"
    with resources.as_file(samples) as default:
        out = {}
        for d in iter_sources([docs or str(default)]):
            if not isinstance(d, RawDoc):
                continue
            key = d.doc_id or _P(d.source.split("#")[0]).name
            if wanted is not None and not any(gold_names(key, w) for w in wanted):
                continue
            out[key] = analyze(d, REF_DATE)
        return out


def _report(name: str, sc, verbose: bool) -> None:
    click.echo(f"{name}: precision {sc.precision:.3f}  recall {sc.recall:.3f}  F1 {sc.f1:.3f}"
               f"  (tp {sc.tp}, fp {sc.fp}, fn {sc.fn}; {sc.wrong_attr} found with the wrong attribute)")
    if verbose:
        for m in sc.misses:
            click.echo(f"  missed: {m}")
        for m in sc.spurious:
            click.echo(f"  spurious: {m}")


@eval_.command(name="quotes")
@click.option("--gold", default=None, help="gold TSV (default: the shipped seed annotation)")
@click.option("--docs", default=None, help="directory of the annotated articles (default: the embedded seeds)")
@click.option("-v", "--verbose", is_flag=True, help="list misses and spurious quotes")
def eval_quotes_cmd(gold: str | None, docs: str | None, verbose: bool) -> None:
    """Quotation extraction: span + speaker precision/recall on a hand-annotated gold file."""
    from ..eval.harness import eval_quotes

    _report("quotes", eval_quotes(_analyse_dir(docs, gold), gold), verbose)


@eval_.command(name="dates")
@click.option("--gold", default=None, help="gold TSV (default: the shipped seed annotation)")
@click.option("--docs", default=None, help="directory of the annotated articles (default: the embedded seeds)")
@click.option("-v", "--verbose", is_flag=True, help="list misses and spurious expressions")
def eval_dates_cmd(gold: str | None, docs: str | None, verbose: bool) -> None:
    """Temporal expressions: span + normalised value precision/recall on a gold file."""
    from ..eval.harness import eval_timex

    _report("dates", eval_timex(_analyse_dir(docs, gold), gold), verbose)


@eval_.command(name="events")
@click.option("--gold", default=None, help="gold TSV (default: the shipped seed annotation)")
@click.option("--docs", default=None, help="directory of the annotated articles (default: the embedded seeds)")
@click.option("-v", "--verbose", is_flag=True)
def eval_events_cmd(gold: str | None, docs: str | None, verbose: bool) -> None:
    """Event extraction at the trigger, precision/recall at three levels: type alone; type + the
    actor's and recipient's countries; type + actor + recipient + mode (the full record)."""
    from ..eval.harness import EVENT_LEVELS, eval_events

    analyses = _analyse_dir(docs, gold, no_event_docs=True)  # an article said to have no event counts too
    for level in EVENT_LEVELS:
        _report(f"events ({level})", eval_events(analyses, gold, level), verbose and level == "full")


@eval_.command(name="entities")
@click.option("--gold", required=True, help="entity gold TSV: doc id, type, surface (#n = n-th occurrence), link or '-'")
@click.option("--docs", required=True, help="the annotated articles: a JSONL corpus, files or a directory")
@click.option("-v", "--verbose", is_flag=True, help="list misses, spurious mentions and wrong links (named mentions)")
def eval_entities_cmd(gold: str, docs: str, verbose: bool) -> None:
    """Entity mentions (exact span + type) P/R/F1 per type and micro, and linking accuracy. Two
    scores: named mentions only (the guidelines' entities: roles, generic institutions and anaphoric
    heads the linker adds for the events layer left out; the headline figure) and all mentions."""
    from ..eval.harness import eval_entities

    analyses = _analyse_dir(docs, gold)
    sc = eval_entities(analyses, gold, named_only=True)
    _entity_table("named mentions (guideline entities)", sc)
    _entity_table("all mentions (roles and generic actors included)", eval_entities(analyses, gold))
    right = sc.linked_right
    click.echo(f"linking: {right}/{sc.gold_links} gold links right ({right / sc.gold_links if sc.gold_links else 0:.3f});"
               f" {right}/{sc.we_linked} of those we linked ({right / sc.we_linked if sc.we_linked else 0:.3f})")
    if verbose:
        micro = sc.micro
        for line in micro.misses:
            click.echo(f"  missed: {line}")
        for line in micro.spurious:
            click.echo(f"  spurious: {line}")
        for line in sc.link_misses:
            click.echo(f"  link: {line}")


@eval_.command(name="summary")
@click.option("--data", default=None, help="standfirst JSONL (id, title, text, summary, date); default: "
              "bbc_standfirst_summaries.jsonl from $KHABAR_STANDFIRSTS or shared/eval/raw/ant_multisource/ "
              "next to the khabar repository")
@click.option("--split", type=click.Choice(["dev", "test"]), default="test", show_default=True,
              help="dev: tune here; test: report (a fixed half each, by a hash of the article id)")
@click.option("--limit", type=int, default=None, help="the first N articles of the split")
@click.option("--cache", default=None, help="JSONL cache of the pipeline's analyses (default: "
              "~/.cache/khabar/standfirsts-analyses.jsonl; «none» for none)")
@click.option("-j", "--workers", type=int, default=1, show_default=True, help="processes analysing articles")
def eval_summary_cmd(data: str | None, split: str, limit: int | None, cache: str | None, workers: int) -> None:
    """One-sentence summaries against BBC Arabic standfirsts: ROUGE-1/2/L F1 (Arabic-aware tokens) of
    lead-1, the oracle sentence, khabar's summariser (the learned ranker, trained on dev) and the
    hand-weighted scorer it replaced (hand)."""
    from pathlib import Path

    from ..eval.summary import analyses, evaluate, read_standfirsts, standfirst_candidates
    from ..stories.summary import summarize

    if data is None:
        data = next((str(p) for p in standfirst_candidates() if p.exists()), None)
        if data is None:
            raise click.ClickException("BBC standfirsts not found; looked for "
                                       + ", ".join(map(str, standfirst_candidates())) + " (give --data FILE)")
    if not os.path.exists(data):
        raise click.ClickException(f"no such file: {data}")
    if cache is None:
        cache = str(Path.home() / ".cache" / "khabar" / "standfirsts-analyses.jsonl")
    recs = read_standfirsts(data, split=split, limit=limit)
    t0 = time.perf_counter()
    by_id = analyses(recs, None if cache == "none" else cache, workers=workers)
    scores = evaluate(recs, by_id, {"khabar": lambda a: " ".join(c.text for c in summarize([a], n=1)),
                                    "hand": lambda a: " ".join(c.text for c in summarize([a], n=1, ranker=None))})
    click.echo(f"{split} split: {len(recs)} articles, {scores[0].n} scored ({len(recs) - scores[0].n} without an "
               f"analysis or a body sentence) in {time.perf_counter() - t0:.0f}s")
    click.echo(f"{'system':<10} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8}")
    for s in scores:
        r1, r2, rl = s.means()
        click.echo(f"{s.name:<10} {r1:>8.1f} {r2:>8.1f} {rl:>8.1f}")


def _shared(given: str | None, rel) -> str:
    from ..eval.stories import shared_file

    found = given or shared_file(rel)
    if not found:
        raise click.ClickException(f"{rel} not found next to the repository (give the path)")
    if not os.path.isfile(found):
        raise click.ClickException(f"no such file: {found}")
    return str(found)


@eval_.command(name="similarity")
@click.option("--pairs", default=None, help="SemEval-2022 Task 8 Arabic pairs (JSONL); default: the shared copy")
@click.option("--scorer", type=click.Choice(["model", "e5"]), default="model", show_default=True,
              help="model: the story decision's same-story likelihood; e5: the embeddings' cosine alone")
@click.option("--lead", "lead_chars", type=int, default=None,
              help="with --scorer e5: embed only the first N characters of each text")
def eval_similarity_cmd(pairs: str | None, scorer: str, lead_chars: int | None) -> None:
    """Same-story score against the annotators' Overall score: Spearman, AUC."""
    from ..eval.stories import SEMEVAL_PAIRS, eval_similarity

    if lead_chars is not None and scorer != "e5":
        raise click.UsageError("--lead applies to --scorer e5 (the model embeds the lead as ingest does)")
    try:
        r = eval_similarity(_shared(pairs, SEMEVAL_PAIRS), lead_chars, scorer)
    except (ValueError, KeyError) as e:  # a line that is not a JSON pair record
        raise click.ClickException(f"{pairs or SEMEVAL_PAIRS}: not SemEval pair records ({e!r})") from e
    click.echo(f"similarity ({scorer}): {r['pairs']} pairs ({r['same']} same story, Overall ≤ 2; {r['different']} not,"
               f" ≥ 3): Spearman {r['spearman']:.3f}  AUC {r['auc']:.3f}")


@eval_.command(name="dedup")
@click.option("--articles", default=None, help="ANT articles.jsonl.gz; default: the shared copy")
@click.option("--groups", default=None, help="ANT same_url_groups.jsonl; default: the shared copy")
@click.option("-n", "--limit", type=int, default=None, help="only the first N articles")
def eval_dedup_cmd(articles: str | None, groups: str | None, limit: int | None) -> None:
    """Near-duplicate decisions over ANT in corpus order, scored on its same-URL groups."""
    from ..eval.stories import ANT_ARTICLES, ANT_GROUPS, eval_dedup

    t = time.process_time()
    r = eval_dedup(_shared(articles, ANT_ARTICLES), _shared(groups, ANT_GROUPS), limit)
    cpu = time.process_time() - t
    su = r["same_url"]
    click.echo(f"articles {r['articles']}: {r['identical_body_groups']} groups of identical normalised bodies "
               f"({r['redundant_copies']} redundant copies, {r['groups_over_several_urls']} over several URLs)")
    click.echo(f"copies recorded {r['copies_recorded']} ({', '.join(f'{k} {v}' for k, v in sorted(r['by_kind'].items()))});"
               f" same body kept apart by the title check: {r['same_body_refused_by_title']}")
    click.echo(f"same-URL groups found: identical text {su.get('identical_found', 0)}/{su.get('identical_groups', 0)},"
               f" changed text {su.get('changed_found', 0)}/{su.get('changed_groups', 0)}")
    click.echo(f"{r['articles'] / cpu:,.0f} articles per CPU-second")


def _entity_table(title: str, sc) -> None:
    click.echo(title)
    click.echo(f"{'type':<6} {'precision':>9} {'recall':>7} {'F1':>7} {'tp':>5} {'fp':>5} {'fn':>5}")
    for typ, s in [*sc.by_type.items(), ("micro", sc.micro)]:
        click.echo(f"{typ:<6} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>7.3f} {s.tp:>5} {s.fp:>5} {s.fn:>5}")
