"""Tone: GDELT-style document tone from the VADER sentiment lexicon (shipped in vaderSentiment).

tone = positive - negative and polarity = positive + negative, each in percent of the words.
"""

from __future__ import annotations

import functools
from importlib import resources

from spacy.tokens import Doc, Span

from newsevents.lexicons.files import DATA_DIR, read_csv_rows, skip
from newsevents.model import Tone
from newsevents.pipeline.tokens import tokens as token_list


@functools.cache
def valences() -> dict[str, float]:
    """Word -> valence: VADER's lexicon (inside the vaderSentiment package), then our news additions."""
    text = (resources.files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        word, _, rest = line.partition("\t")
        if word and rest:
            table[word] = float(rest.split("\t", 1)[0])
    for line, row in read_csv_rows(DATA_DIR / "tone.csv", ["word", "valence"]):
        try:
            table[row["word"].lower()] = float(row["valence"])
        except ValueError:
            skip(DATA_DIR / "tone.csv", line, f"valence {row['valence']!r} is not a number")
    return table


def score_tone(tokens: Doc | Span) -> Tone:
    """Tone of a document or a sentence."""
    table = valences()
    words = [t for t in (token_list(tokens) if isinstance(tokens, Doc) else tokens) if t.is_alpha]
    if not words:
        return Tone()
    positive = negative = 0
    for token in words:
        valence = table.get(token.lower_)
        if valence is None:
            valence = table.get(token.lemma_.lower(), 0.0)
        positive += valence > 0
        negative += valence < 0
    pos, neg = 100 * positive / len(words), 100 * negative / len(words)
    return Tone(tone=round(pos - neg, 3), positive=round(pos, 3), negative=round(neg, 3),
                polarity=round(pos + neg, 3), words=len(words))
