"""Which language a report is in; extraction supports French and English."""

from __future__ import annotations

import functools

SUPPORTED = frozenset({"fr", "en"})
UNDETERMINED = "und"  # ISO 639-2 for "undetermined": too little text and no declared language
MIN_WORDS = 5
# The classifier's cost grows with the sample; its first 1,500 characters gave the same language as its first 4,000
# for all of 1,588 texts (the 88 gold reports and 1,500 generated French and English reports).
SAMPLE_CHARS = 1_500


@functools.cache
def _identifier():  # noqa: ANN202 - py3langid's class is untyped
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["fr", "en", "ar", "ha", "pt", "es", "de", "it"])
    return identifier


def detect_language(text: str, hint: str | None = None) -> str:
    """'fr', 'en', or another ISO 639-1 code; the page's declared language ("fr-FR") decides near-ties and texts
    too short to classify."""
    sample = text[:SAMPLE_CHARS]
    hinted = (hint or "").strip()[:2].lower()
    if len(sample.split()) < MIN_WORDS:
        return hinted or UNDETERMINED
    language, probability = _identifier().classify(sample)
    if probability < 0.6 and hinted in SUPPORTED:
        return hinted
    return str(language)
