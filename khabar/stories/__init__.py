"""Stories: near-duplicates, same-story clusters and threads over stored articles.

Pure functions and small classes, above ``extract`` and below ``pipeline``/``engines``:
:mod:`.signature` (what is computed per article, in the ingest worker), :mod:`.dedup` (the copy
decision), :mod:`.cluster` (the incremental story assignment and thread linking, made in the single
writing process, in input order); :mod:`.timeline` (dated events and key quotes with their evidence)
and :mod:`.summary` (salient, non-redundant sentences across articles, each cited).
"""
