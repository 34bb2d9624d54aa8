"""Stories: articles about the same happening, across outlets and over time (near-duplicates,
clusters, threads, timelines, multi-document summaries)."""
