"""Fast look-ups on a parsed Doc, computed once per document.

spaCy's ``Token.sent`` walks the document on every call; the stages ask for sentences and for the
token at a character offset many times per document, so they share these indexes instead.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

_KEY = "newsevents.index"
_TEXT = "newsevents.text"
_LOWER = "newsevents.lower"


def _index(doc: Doc) -> tuple[list[Span], list[int], list[int], list[Token]]:
    cached = doc.user_data.get(_KEY)
    if cached is None:
        sentences = list(doc.sents)
        sentence_of = [0] * len(doc)
        for number, sent in enumerate(sentences):
            for i in range(sent.start, sent.end):
                sentence_of[i] = number
        tokens = list(doc)  # Token objects are built on every iteration of a Doc: build them once
        cached = doc.user_data[_KEY] = (sentences, sentence_of, [t.idx for t in tokens], tokens)
    return cached


def text(doc: Doc) -> str:
    """The document's text, joined once (``Doc.text`` rebuilds it, token by token, on every call)."""
    cached = doc.user_data.get(_TEXT)
    if cached is None:
        cached = doc.user_data[_TEXT] = "".join(t.text_with_ws for t in tokens(doc))
    return cached


def lower_text(doc: Doc) -> str:
    """The document's text lower-cased, once, with the offsets of ``text``: patterns that run over it
    case-sensitively are much faster than with ``re.I``."""
    cached = doc.user_data.get(_LOWER)
    if cached is None:
        original = text(doc)
        cached = original.lower()
        if len(cached) != len(original):  # a few characters grow when lower-cased: keep those as written
            cached = "".join(c if len(c.lower()) != 1 else c.lower() for c in original)
        doc.user_data[_LOWER] = cached
    return cached


def tokens(doc: Doc) -> list[Token]:
    """The document's tokens, as a list built once."""
    return _index(doc)[3]


def sentences(doc: Doc) -> list[Span]:
    return _index(doc)[0]


def sentence_number(token: Token) -> int:
    return _index(token.doc)[1][token.i]


def sentence_of(token: Token) -> Span:
    sents, numbers, _, _ = _index(token.doc)
    return sents[numbers[token.i]]


def token_at(doc: Doc, char: int) -> Token | None:
    """The token that covers character offset ``char``, if any."""
    starts = _index(doc)[2]
    i = bisect.bisect_right(starts, char) - 1
    if i < 0:
        return None
    token = doc[i]
    return token if char < token.idx + len(token.text) else None


def tokens_in(doc: Doc, start_char: int, end_char: int) -> Span:
    """The tokens that start within [start_char, end_char)."""
    starts = _index(doc)[2]
    return doc[bisect.bisect_left(starts, start_char) : bisect.bisect_left(starts, end_char)]


def char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The character offsets of tokens [start, end), ``end > start``, as ``doc[start:end]`` has them, without a Span."""
    toks = tokens(doc)
    last = toks[end - 1]
    return toks[start].idx, last.idx + len(last.text)


def span_text(doc: Doc, start: int, end: int) -> str:
    """The text of tokens [start, end), ``end > start``: ``doc[start:end].text`` without building the Span."""
    first, last = char_range(doc, start, end)
    return text(doc)[first:last]
