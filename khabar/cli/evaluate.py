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


def _analyse_dir(docs: str | None, gold: str | None = None) -> dict:
    """Analyse the evaluated articles: the embedded seeds, or files/corpora given with --docs
    (records of a JSONL corpus are keyed by their id; only those named in the gold file are analysed)."""
    from pathlib import Path as _P

    from ..eval.harness import REF_DATE, read_gold
    from ..ingest.readers import RawDoc, iter_sources
    from ..pipeline import analyze

    wanted = {r[0] for r in read_gold(gold)} if gold else None
    samples = resources.files("khabar") / "data" / "samples"
    with resources.as_file(samples) as default:
        out = {}
        for d in iter_sources([docs or str(default)]):
            if not isinstance(d, RawDoc):
                continue
            key = d.doc_id or _P(d.source.split("#")[0]).name
            if wanted is not None and not any(key.startswith(w) for w in wanted):
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
    """Event extraction: type + actor + recipient + mode at the trigger, precision/recall."""
    from ..eval.harness import eval_events

    _report("events", eval_events(_analyse_dir(docs, gold), gold), verbose)


def _shared(given: str | None, rel) -> str:
    from ..eval.stories import shared_file

    found = given or shared_file(rel)
    if not found:
        raise click.ClickException(f"{rel} not found next to the repository (give the path)")
    return str(found)


@eval_.command(name="similarity")
@click.option("--pairs", default=None, help="SemEval-2022 Task 8 Arabic pairs (JSONL); default: the shared copy")
@click.option("--lead", "lead_chars", type=int, default=None,
              help="embed only the first N characters of each text (the story decision embeds a title + 150)")
def eval_similarity_cmd(pairs: str | None, lead_chars: int | None) -> None:
    """Same-story similarity (e5 cosine) against the annotators' Overall score: Spearman, AUC."""
    from ..eval.stories import SEMEVAL_PAIRS, eval_similarity

    r = eval_similarity(_shared(pairs, SEMEVAL_PAIRS), lead_chars)
    click.echo(f"similarity: {r['pairs']} pairs ({r['same']} same story, Overall ≤ 2; {r['different']} not, ≥ 3): "
               f"Spearman {r['spearman']:.3f}  AUC {r['auc']:.3f}")


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
