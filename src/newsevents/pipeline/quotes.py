"""Quotes: direct quotations in any common quotation style, and reported speech, with speakers.

A direct quote's speaker is the subject of the speech verb next to it ("..., he said"; "TASS quotes
the Lithuanian leader": the person, not the outlet); indirect speech is the clausal complement of a
speech verb ("Lavrov noted that ...") or what follows "according to X". Speakers are resolved
through the document's actor memory.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsevents.lexicons import Lexicon
from newsevents.model import Actor, Quote, Trigger
from newsevents.pipeline.actors import ActorIndex
from newsevents.pipeline.tokens import sentence_of, tokens_in

OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", '"': '"', "\u00bb": "\u00ab"}
MIN_QUOTE_WORDS = 4  # shorter quoted words are usually scare quotes ("aggression"), not speech
RELAY_VERBS = {"quote", "cite"}  # "TASS quotes the leader": the object spoke


def direct_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted content (without the marks).

    Quotes nested in asymmetric marks (“ ... “inner” ... ”) stay inside the outer quote; an unclosed
    quote ends at its paragraph.
    """
    spans = []
    i = 0
    while i < len(text):
        opener = text[i]
        if opener not in OPENERS:
            i += 1
            continue
        closer = OPENERS[opener]
        paragraph_end = text.find("\n", i)
        paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
        depth, j, end = 1, i + 1, paragraph_end
        while j < paragraph_end:
            ch = text[j]
            if ch == closer or (opener == "\u201e" and ch == "\u201d"):
                depth -= 1
                if depth == 0:
                    end = j
                    break
            elif ch == opener and opener != closer:
                depth += 1
            j += 1
        if end > i + 1:
            spans.append((i + 1, end))
        i = end + 1
    return spans


class QuoteFinder:
    def __init__(self, doc: Doc, lexicon: Lexicon, actors: ActorIndex) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each call: read it once
        self.actors = actors
        self.verbs = lexicon.cues.reporting_verbs | RELAY_VERBS

    def find(self) -> list[Quote]:
        quotes = [q for q in (self._direct(s, e) for s, e in direct_quote_spans(self.text)) if q]
        inside = [(q.span[0], q.span[1]) for q in quotes]
        for token in self.doc:
            quote = self._indirect(token)
            if quote and not any(s <= quote.span[0] < e for s, e in inside):
                quotes.append(quote)
        return sorted(quotes, key=lambda q: q.span)

    def _speaker_of(self, verb: Token) -> tuple[Actor | None, tuple[int, int] | None]:
        if verb.lemma_.lower() in RELAY_VERBS:
            subject = next((c for c in verb.children if c.dep_ in {"dobj"}), None)
        else:
            subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None and (subject is None or subject.dep_ == "nsubjpass"):
                subject = next((g for g in agent.children if g.dep_ == "pobj"), subject)
        if subject is None:
            return None, None
        mention = self.actors.find(subject)
        tokens = list(subject.subtree)
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        if mention:
            return mention.actor, mention.actor.span or span
        return None, span

    def _cue_near(self, start: int, end: int) -> Token | None:
        """The speech verb after the closing mark, else the one before the opening mark."""
        after = [t for t in tokens_in(self.doc, end, end + 121) if t.lemma_.lower() in self.verbs
                 and t.pos_ in {"VERB", "AUX"}]
        if after:
            nearest = after[0]
            if sentence_of(nearest).start_char <= end + 3 or nearest.idx - end < 60:
                return nearest
        before = [t for t in tokens_in(self.doc, max(0, start - 150), start) if t.lemma_.lower() in self.verbs
                  and t.pos_ in {"VERB", "AUX"}]
        return before[-1] if before else None

    def _direct(self, start: int, end: int) -> Quote | None:
        text = self.text[start:end]
        if len(text.split()) < MIN_QUOTE_WORDS:
            return None
        cue = self._cue_near(start, end)
        speaker, speaker_span = self._speaker_of(cue) if cue is not None else (None, None)
        return Quote(speaker=speaker, speaker_span=speaker_span,
                     cue=Trigger((cue.idx, cue.idx + len(cue.text)), cue.text) if cue is not None else None,
                     span=(start, end), text=text, direct=True)

    def _indirect(self, token: Token) -> Quote | None:
        if token.lower_ == "according" and token.dep_ == "prep":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            source = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
            if source is None:
                return None
            sent = sentence_of(token)
            phrase_end = max(t.idx + len(t.text) for t in token.subtree)
            content = re.sub(r"^[\s,]+", "", self.text[phrase_end : sent.end_char])
            if len(content.split()) < MIN_QUOTE_WORDS:
                return None
            start = sent.end_char - len(content)
            mention = self.actors.find(source)
            return Quote(speaker=mention.actor if mention else None,
                         speaker_span=(source.idx, source.idx + len(source.text)),
                         cue=Trigger((token.idx, to.idx + 2), self.text[token.idx : to.idx + 2]),
                         span=(start, sent.end_char), text=content, direct=False)
        if token.lemma_.lower() not in self.verbs or token.pos_ not in {"VERB", "AUX"}:
            return None
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return None
        tokens = list(clause.subtree)
        while tokens and (tokens[0].is_punct or (tokens[0].dep_ == "mark" and tokens[0].lower_ == "that")):
            tokens.pop(0)  # the content starts after "that"
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        if not tokens:
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if clause.i < token.i and self.text[start - 1 : start] in {*OPENERS, "\u201d"}:
            return None  # direct speech already found
        if len(self.text[start:end].split()) < MIN_QUOTE_WORDS:
            return None
        speaker, speaker_span = self._speaker_of(token)
        if speaker is None and speaker_span is None:
            return None
        return Quote(speaker=speaker, speaker_span=speaker_span, cue=Trigger((token.idx, token.idx + len(token.text)),
                     token.text), span=(start, end), text=self.text[start:end], direct=False)


def find_quotes(doc: Doc, lexicon: Lexicon, actors: ActorIndex) -> list[Quote]:
    """Direct and indirect quotes of ``doc`` with their speakers."""
    return QuoteFinder(doc, lexicon, actors).find()
