"""rasad (رصد): ACLED-style conflict event records from Arabic news, every field tied to its evidence.

    >>> import rasad
    >>> result = rasad.extract(text, published="2023-10-29", source="Rudaw")
    >>> result.records[0].event_type
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "analyze"]


# The subpackage ``rasad.extract`` would shadow the function of the same name once imported,
# so it is imported first and the public functions are bound after it.
from .extract import api as _api  # noqa: E402

extract = _api.extract
analyze = _api.analyze
