"""Checking articles: one analysis of an article, the rules on it, inline suppressions, the
baseline, and running many files (in order, in parallel, from the results cache, on Dask)."""
