"""Which language a report is in; extraction supports French and English."""

from __future__ import annotations

import functools

SUPPORTED = frozenset({"fr", "en"})


@functools.cache
def _identifier():  # noqa: ANN202 - py3langid's class is untyped
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["fr", "en", "ar", "ha", "pt", "es", "de", "it"])
    return identifier


def detect_language(text: str, hint: str | None = None) -> str:
    """'fr', 'en', or another ISO 639-1 code; the page's declared language breaks near-ties."""
    sample = text[:4000]
    if len(sample.split()) < 5:
        return (hint or "und")[:2].lower()
    language, probability = _identifier().classify(sample)
    hinted = (hint or "")[:2].lower()
    if probability < 0.6 and hinted in SUPPORTED:
        return hinted
    return str(language)
