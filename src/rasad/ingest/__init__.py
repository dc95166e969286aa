"""Bulk ingest: read many input formats, extract in batches (optionally on Dask), store."""
