"""Extraction: one pipeline of named stages over one ``Doc``, from raw article to event records."""
