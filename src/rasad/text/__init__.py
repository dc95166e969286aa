"""The Arabic text layer: normalization with an offset map, sentences, tokens, one matcher,
numbers and dates. Every span it reports indexes the original text."""
