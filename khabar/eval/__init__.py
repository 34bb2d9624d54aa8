"""Evaluation harness: gold annotations (``data/gold``) scored against the pipeline's output
(``khabar eval ner|quotes|dates|events``)."""

from .harness import REF_DATE, eval_events, eval_quotes, eval_timex, read_gold

__all__ = ["REF_DATE", "eval_events", "eval_quotes", "eval_timex", "read_gold"]
