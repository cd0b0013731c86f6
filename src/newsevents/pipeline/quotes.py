"""Quotes: direct quotations in any common quotation style, and reported speech, with speakers.

Direct quotes are found in the text: “ ” " " « » » « „ “ ‘ ’ and '' '' marks (and ” ” typed for “ ” at a
paragraph's start), nested quotes inside the outer one, a quote that runs on over several paragraphs (a
paragraph that opens with a mark and does not close it continues in the next paragraph that opens with one),
and split quotes ("...," he said, "...") as one quote. Their cue is the speech verb the parse attaches them
to, else one in the same sentence, else a colon-ended sentence just before ("He told the crowd:"), a dash after
("” ― Jane Doe") or a speaker label ("SMITH: ...", "Poll: ..."; not the paper's own "Correction: ...").
Any verb in the slot after a quote that ends in a comma is its cue ("...,” she continued"), and so is the
subject's verb or source phrase of a clause the quote completes ("She went on, “...”", "According to X,
“...”"). A quoted paragraph without a sentence's end is a heading, a show's quoted name is a title ("told
CNN's “State of the Union”"), and a quotation inside reported speech belongs to it; none of them is speech.

Reported speech comes from the parse: the clause, infinitive, object or prepositional object of a cue
verb ("Lavrov noted that ...", "NATO called on Moscow to ...", "Trump called the plan a disaster"; any verb
with a "that" clause is one: "X bet that ..."), the clause that "according to X", "As X emphasised" (less a
connective before it: "However, as X adds, ..."), "as X put it", "reportedly" or "in the latest poll" is
attached to, the subject of a passive cue ("the plan was endorsed (by X)"), a word that stands for the
content ("which X opposes", "X thinks so", "X said as much"), what a speech noun is about ("X's claim that
...", "questions about ...", with or without a speaker) and what a stance adjective takes ("X is confident
that ...", "X is critical of ..."). Some cue verbs attribute only a clause ("found that ...", not "found a
way"); whom a telling verb names ("told reporters", "urged them to") and where or to whom one speaks ("spoke
to a gathering", "on Twitter") is no content. Reported speech ends where a clause sets something against it
("..., while Y ...") and where a further speech verb or a relative clause with a cue begins. Only the
outermost attribution is kept: "X said that Y claimed Z" is X's; "Recall that ..." addresses the reader. A cue
that a direct quote took reports nothing else ("“...,” he told reporters"), unless the quote only stood near it
or ran on from the writer's clause.

The speaker is the cue's subject (its agent in the passive, the subject of the clause a participle, conjunct,
gerund or speech noun hangs from: "..., adding that ...", "X stopped short of endorsing", "X backed away from
the suggestion that"; whoever issues "a statement saying"), the object of a relay verb ("TASS quotes the
Lithuanian leader as saying": the person, not the outlet), resolved through the document's actor memory. A
subject the parser found inside the quote or in the paragraph before is a misparse; the name next to the cue
speaks. So does a name it hung in the phrase that opens the sentence ("At the rally, Jane Doe, a nurse, said"),
the later of two subjects ("LONDON — Doe said") and a headline's label before a quotation later in it. A
paragraph of quotation with no cue is the previous quotation's speaker's, else whom the paragraph before ends
on. A role noun ("the diplomat") that memory matched only by the kind of office is the person quoted last.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from newsevents.lexicons import Lexicon, fold
from newsevents.model import Actor, Quote, Trigger
from newsevents.pipeline.actors import ActorIndex, Mention
from newsevents.pipeline.tokens import sentence_number, sentences, token_at, tokens, tokens_in
from newsevents.pipeline.tokens import text as doc_text

# Opening mark -> the marks that close it. Straight and single marks close themselves; straight and curly
# double marks are often mixed in one quote ("“...,\"").
# A closing curly mark opens only at a paragraph's start (see _opens).
OPENERS = {"\u201c": ("\u201d", '"'), "\u201d": ("\u201d", '"'), "\u201e": ("\u201c", "\u201d"),
           "\u00ab": ("\u00bb",), "\u00bb": ("\u00ab",), '"': ('"', "\u201d"), "''": ("''",), "``": ("''",),
           "\u2018": ("\u2019",), "'": ("'",)}
MARKS = re.compile("''|``|[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019']")
# Double marks of one style inside a passage quoted in the other mark an excerpt.
EXCERPT_MARKS = {'"': "\u201c\u201d", "\u201c": '"'}
APOSTROPHES = {"\u2019", "'"}  # also in words (don't, Clinton’s): a closer only where no letter follows
# A transcript's or headline's speaker label at the start of a paragraph: "PENCE: ...", "Pence: ...".
LABEL = re.compile(r"[\"\u201c]?[ \t]*((?:[A-Z][\w.'\u2019-]*[ \t]+){0,3}[A-Z][\w.'\u2019-]*):[ \t]+(?=\S)")
# The newspaper's own labels, never a speaker's: "Correction: ...", "UPDATE: ...".
EDITORIAL_LABELS = {"correction", "corrections", "update", "updated", "clarification", "note", "editor's note",
                    "editor\u2019s note", "disclosure", "related", "photo", "video", "watch", "read more", "source"}
PARAGRAPH = re.compile(r"^[ \t]*", re.MULTILINE)
SPACE = re.compile(r"\s*")
BREAKS = re.compile(r"\n\s*")
# A dash that closes a quote with its author: "” ― Jane Doe".
DASH = re.compile(r"[ \t\u00a0]*([\u2015\u2014\u2013]|--)[ \t\u00a0]*((?:[A-Z][\w.'\u2019-]*[ \t\u00a0]*){1,4})")
# A reader's or a quoted person's signature in the paragraph after the quote: "”\n\n- Jane Doe, Ohio".
SIGNATURE = re.compile(r"[ \t]*\n\s*([\u2015\u2014\u2013-]+)[ \t]*((?:[A-Z][\w.'\u2019-]*[ \t]*){1,4})")
CUE_CLAUSE_CHARS = 80  # "," the Lithuanian president told reporters on Tuesday."
# Words after which a capitalised quotation is a show's or paper's name: "on “Face the Nation”", "CBS's “...”".
TITLE_AFTER = {"on", "of", "in", "to", "told", "tells", "tell", "at"}
TITLE_WORDS = 6  # a longer capitalised quotation is more likely a headline's speech than a title
MIN_QUOTE_WORDS = 4  # shorter quoted words are usually scare quotes ("aggression"), not speech
RELAY_VERBS = {"quote", "cite"}  # "TASS quotes the leader (as saying)": the object spoke
# Prepositions that introduce what a cue verb is about ("called for", "spoke of", "accused X of").
CONTENT_PREPS = {"about", "of", "for", "on", "against", "to", "over", "with", "that"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Adverbs that put a clause on an unnamed source: "the envoy reportedly left".
HEARSAY_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "reputedly"}
WH_TAGS = {"WDT", "WP", "WP$"}
PROFORMS = {"so", "yes", "no"}  # "X thinks so", "X said no"
NAMES = {"PROPN", "NOUN"}
FINITE = {"VBD", "VBZ", "VBP"}
# The parts of a cue verb, after it, that hold what was said.
COMPLEMENTS = ("ccomp", "xcomp", "dobj", "oprd", "dative", "prep", "pcomp", "attr")
ADDRESSEE_PREPS = {"to", "with"}
# Cue verbs whose object is whom they speak to ("told reporters", "asked him to", "urged voters to"), not what
# they say.
TELLING_VERBS = {"tell", "inform", "notify", "remind", "assure", "reassure", "brief", "ask", "urge", "advise", "press",
                 "implore", "beg", "encourage", "invite"}
# Speech verbs whose "to" or "with" always names the audience: "spoke to a gathering", "talked with donors".
AUDIENCE_VERBS = {"speak", "talk", "testify", "chat", "lecture", "preach"}
# Speech verbs whose object is the language spoken, not what was said: "spoke Spanish on Univision".
LANGUAGE_VERBS = {"speak"}
# Where something is said, after "on": "posted on Twitter", "said on television".
MEDIA = {"twitter", "facebook", "instagram", "television", "tv", "radio", "air", "show", "program", "programme",
         "broadcast", "website", "blog", "podcast", "camera", "record", "stage", "page", "channel", "network"}
# Cue verbs whose "to" names what is spoken of, not who is spoken to: "referred to the founders".
POINTING_VERBS = {"refer", "allude", "point", "object", "respond", "reply", "react"}
# Prepositions that introduce what a speech noun is about ("criticism of", "calls for", "questions about").
NOUN_PREPS = {"about", "of", "for", "on", "against", "over", "that"}
# Nouns spelt like a cue verb whose usual sense is no speech act: "a target for", "the issue of", "a vote for".
THING_NOUNS = {"target", "issue", "rule", "contest", "order", "point", "vote", "project", "push", "challenge", "offer",
               "list"}
# Nouns that name a cue verb's act: (suffix, what replaces it in the verb): "allegation" -> "allege".
NOMINAL_SUFFIXES = (("ation", "e"), ("ation", ""), ("ition", "ose"), ("sion", "de"), ("ssion", "t"), ("ion", ""),
                    ("ion", "e"), ("ment", ""), ("ment", "e"), ("ial", "y"), ("al", "e"), ("ance", "e"),
                    ("ence", ""), ("ism", "ize"), ("ing", ""), ("t", ""), ("ief", "ieve"))
# Prepositions that introduce what a stance is about ("critical of", "worried about", "angry at").
STANCE_PREPS = {"about", "of", "on", "over", "with", "at", "to", "toward", "towards", "for", "by", "in"}
# Words that open a clause setting something against reported speech: "X said A, while Y B".
CONTRASTS = {"while", "though", "although", "whereas", "but", "yet"}
# How a connective hangs on the clause it opens: "However, ...", "In addition, ...", "Meanwhile, ...".
CONNECTIVE_DEPS = {"advmod", "cc", "prep", "npadvmod", "punct"}
# How the words between a phrase and the verb of its clause hang: "made the point of saying", "stopped short of
# endorsing", "in addition to stating".
PHRASE_DEPS = {"dobj", "pobj", "prep", "advmod", "acomp", "attr", "npadvmod"}
SKIP_EDGE = {"that", ",", ":", ";", "-", "\u2014", "\u2013"}


@dataclass
class _Found:
    """A quote being assembled: content fragments (character spans), its cue and the cue's speaker."""

    parts: list[tuple[int, int]]
    direct: bool
    cue: Token | None = None
    cue_span: tuple[int, int] | None = None
    speaker: Token | None = None
    speaker_span: tuple[int, int] | None = None
    bound: bool = False  # the cue is tied to the quote by the parse, a label or a dash, not just nearby

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _opens(text: str, i: int, mark: str) -> bool:
    if mark in {"\u2018", "'"}:
        # A single mark opens only at a word's start: not in "rock 'n' roll"'s second mark or "the '90s".
        return (i == 0 or not text[i - 1].isalnum()) and i + 1 < len(text) and text[i + 1].isalpha()
    if mark == "\u00bb":
        return (i == 0 or text[i - 1].isspace()) and i + 1 < len(text) and not text[i + 1].isspace()
    if mark == "\u201d":
        # At a paragraph's start, before a word, it has nothing to close: it was typed for an opening one
        # ("\n”The plan failed.” ― Jane Doe")
        return not text[text.rfind("\n", 0, i) + 1 : i].strip() and text[i + 1 : i + 2].isalnum()
    if mark == '"' and i > 0 and text[i - 1].isdigit():
        return False  # an inch mark: "6'3\" tall"
    return mark in OPENERS


def _closes(text: str, i: int, mark: str, closers: tuple[str, ...]) -> bool:
    if mark not in closers:
        return False
    if mark in APOSTROPHES:
        after = text[i + 1 : i + 2]
        return not after.isalnum() and i > 0 and not text[i - 1].isspace()
    return True


def quoted(text: str) -> list[list[tuple[int, int]]]:
    """Quoted content, without the marks: one list of paragraph fragments per quotation.

    Quotes nested in the outer quote stay inside it; an unclosed quote ends at its paragraph unless the
    next paragraph opens with the same mark (and is not a speaker's label), where it goes on. A passage
    in straight marks left open at its paragraph's end that holds curly-quoted speech (or the reverse) is a
    block quote from another text, not one person's words: the quotes inside it are found instead.
    """
    found: list[list[tuple[int, int]]] = []
    marks = [(m.start(), m.group()) for m in MARKS.finditer(text)]
    block_marks: set[int] = set()  # the marks that open each paragraph of a block quote
    k = 0
    while k < len(marks):
        start, mark = marks[k]
        if start in block_marks or not _opens(text, start, mark):
            k += 1
            continue
        closers = OPENERS[mark]
        fragments: list[tuple[int, int]] = []
        begin, depth = start + len(mark), 1
        paragraph_end = _paragraph_end(text, begin)
        k += 1
        opened, closed, paragraph_marks = k, False, []
        other_style, inner = EXCERPT_MARKS.get(mark, ""), 0
        misused = None  # an opening mark typed where the closing one belongs: "..., “the expert said"
        while True:
            if k < len(marks) and marks[k][0] < paragraph_end:
                at, other = marks[k]
                k += 1
                if other in other_style:  # "... “defensive” ...": a quote in the other double style nests
                    if inner and other != "\u201c":
                        inner -= 1
                        continue
                    if other == "\u201c" or (text[at - 1 : at].isspace() and not text[at + 1 : at + 2].isspace()):
                        inner += 1
                        continue
                if _closes(text, at, other, closers):
                    depth -= 1
                    if depth == 0:
                        fragments.append((begin, at))
                        closed = True
                        break
                elif other == mark and mark not in closers:
                    if depth == 1 and misused is None and text[:at].rstrip()[-1:] in {",", ".", "?", "!"} \
                            and text[at + 1 : at + 3].lstrip(" ")[:1].islower():  # "...?“ he asked" too
                        misused = at
                    depth += 1  # “ ... “inner” ... ”: asymmetric marks nest
                continue
            if misused is not None:  # the quote never closed: the misused mark closed it
                fragments.append((begin, misused))
                closed = True
                break
            fragments.append((begin, paragraph_end))
            following = _next_paragraph(text, paragraph_end)
            if following is None or not text.startswith(mark, following) or LABEL.match(text, following):
                break
            # The quote goes on in the next paragraph, which opens with a mark of its own.
            paragraph_marks.append(following)
            while k < len(marks) and marks[k][0] <= following:
                k += 1
            begin, depth = following + len(mark), 1
            paragraph_end = _paragraph_end(text, begin)
        if other_style and not closed and any(m in other_style for s, e in fragments for m in text[s:e]):
            block_marks.update(paragraph_marks)
            k = opened
            continue
        fragments = [f for f in (_strip(text, s, e) for s, e in fragments) if f[1] > f[0]]
        if fragments:
            found.append(fragments)
    return found


def _paragraph_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end == -1 else end


def _next_paragraph(text: str, i: int) -> int | None:
    j = SPACE.match(text, i).end()
    return j if j < len(text) else None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def nominalises(noun: str, verbs: frozenset[str]) -> bool:
    """Is ``noun`` derived from one of ``verbs`` ("statement", "allegation", "criticism")?"""
    return any(noun.endswith(suffix) and noun[: -len(suffix)] + verb_ending in verbs
               for suffix, verb_ending in NOMINAL_SUFFIXES if len(noun) > len(suffix) + 2)


def direct_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted content (without the marks), one per quotation."""
    return [(q[0][0], q[-1][1]) for q in quoted(text)]


class QuoteFinder:
    """The quotes of one parsed document: direct ones from the text, reported ones from the parse."""

    def __init__(self, doc: Doc, lexicon: Lexicon, actors: ActorIndex) -> None:
        self.doc = doc
        self.toks = tokens(doc)  # indexing a Doc builds a new Token each time; this list holds them
        self.text = doc_text(doc)
        self.actors = actors
        self.verbs = lexicon.cues.reporting_verbs | lexicon.cues.attribution_verbs | RELAY_VERBS
        self.speech = lexicon.cues.reporting_verbs
        self.adjectives = lexicon.cues.attribution_adjectives
        self.cue_nouns = lexicon.cues.attribution_nouns
        self.clause_verbs = lexicon.cues.clause_verbs
        self.polls = lexicon.cues.poll_nouns
        # Multi-word source phrases ("according to"); one-word ones ("citing") are verbs with a subject.
        self.phrases = [tuple(p.split()) for p in lexicon.cues.source_phrases if " " in p]
        self.phrase_starts = {p[0] for p in self.phrases}
        self.nouns: dict[str, bool] = {}
        self.quotations = quoted(self.text)
        self.quotation_starts = [q[0][0] for q in self.quotations]
        self.last_person: Actor | None = None  # the person quoted last, for "the diplomat said" after them

    def find(self) -> list[Quote]:
        direct = self._direct()
        indirect = self._indirect()
        direct = self._outside_reported(direct, indirect)
        # One cue, one quote: "..., he told reporters" does not also report "reporters". A quotation the cue
        # after it was only found near ("“...” Doe urged X to ...") or that runs on from the writer's clause
        # ("praised him as a “steady hand,” comparing him to ...") leaves that cue its own content.
        cues = {d.cue.i for d in direct if d.cue is not None
                and (d.cue.idx < d.start or d.bound and not self._embedded(d))}
        found = direct + [i for i in indirect if not any(_overlaps(i, d) for d in direct)
                          and (i.cue is None or i.cue.i not in cues)]
        # The outermost attribution only: "X said that Y claimed Z" is X's.
        found.sort(key=lambda f: (f.start, -f.end))
        kept: list[_Found] = []
        for f in found:
            # Between the parts of a split quote ("...,” she said, adding that ...”) is room for another.
            if kept and any(s <= f.start < e for s, e in kept[-1].parts) and (f.end <= kept[-1].end or not f.direct):
                continue
            kept.append(f)
        return [quote for f in kept for quote in self._quotes(f)]

    def _embedded(self, quote: _Found) -> bool:
        """Does the quotation run on from a word of the writer's ("as a “steady hand”"), not open a clause?"""
        return self.text[: quote.start].rstrip(" \t\"'`\u201c\u201d\u00ab\u201e\u2018")[-1:].isalnum()

    def _outside_reported(self, direct: list[_Found], indirect: list[_Found]) -> list[_Found]:
        """The direct quotes less what reported speech holds. A short quotation inside it ("said the plan would
        “destroy jobs”") is part of it, even when taken for a later part of a split quote ("“...,” X said, adding
        that it was “like candy.”"); a quote whose own cue reports one of its parts was no quote of its own (its
        other part is a title: "told “Morning Joe” that “...”")."""
        def reporter(quote: _Found) -> _Found | None:
            return next((i for i in indirect if _contains(self.text, i, quote) and _longer(self.text, i, quote)), None)

        kept = []
        for quote in direct:
            reporters = [reporter(_Found([part], direct=True)) for part in quote.parts]
            if reporter(quote) is not None or quote.cue is not None and any(
                    r is not None and r.cue is not None and r.cue.i == quote.cue.i for r in reporters):
                continue
            quote.parts = [part for k, part in enumerate(quote.parts) if k == 0 or reporters[k] is None]
            kept.append(quote)
        return kept

    # -- direct quotes ------------------------------------------------------------------------
    def _direct(self) -> list[_Found]:
        found: list[_Found] = []
        for fragments in self.quotations:
            quote = _Found(list(fragments), direct=True)
            self._label(quote)
            if quote.cue_span is None:
                self._attach(quote)
            if self._title(quote):
                continue
            previous = found[-1] if found else None
            if previous is not None and self._continues(previous, quote):
                previous.parts.extend(quote.parts)
                continue
            if not quote.bound and self._words(quote) < MIN_QUOTE_WORDS:
                continue  # scare quotes
            if quote.cue is None and quote.cue_span is None and self._heading(quote):
                continue
            if quote.speaker is None and previous is not None and previous.speaker is not None \
                    and len(BREAKS.findall(self.text, previous.end, quote.start)) <= 1:
                # A quotation with no cue near it, in the paragraph after another, is that speaker's still.
                quote.speaker, quote.speaker_span = previous.speaker, previous.speaker_span
            elif quote.speaker is None and quote.speaker_span is None and quote.cue is None:
                quote.speaker = self._introduced(quote)
            found.append(quote)
        return sorted(found + self._transcript(found), key=lambda f: f.start)

    def _introduced(self, quote: _Found) -> Token | None:
        """Who the paragraph before a paragraph of quotation ends on: "Doe praised the plan.\n\n“It is ...”"."""
        line = self.text.rfind("\n", 0, quote.start) + 1
        if self.text[line : quote.start].strip(" \t" + "".join(OPENERS)) or line < 2:
            return None  # the quotation does not open its paragraph
        last = token_at(self.doc, len(self.text[: line].rstrip()) - 1)
        root = sentences(self.doc)[sentence_number(last)].root if last is not None else None
        if root is None or root.pos_ not in {"VERB", "AUX"} or self._quoted(root):
            return None
        return self._speaker(root)

    def _title(self, quote: _Found) -> bool:
        """Is the quotation the name of a show, book or film ("told “Morning Joe”", "on “Face the Nation”"):
        a few words, each capitalised but the small ones, and no sentence's end?"""
        before = re.search(r"([\w'\u2019]+)\W*$", self.text[max(0, quote.start - 30) : quote.start])
        if before is None or not (before.group(1).lower() in TITLE_AFTER or re.search(r"['\u2019]s$", before.group(1))):
            return False  # "titled “...”", "known as “...”": the name is what was said
        words = re.findall(r"[\w'\u2019-]+", self.text[quote.start : quote.end])
        return len(quote.parts) == 1 and 0 < len(words) <= TITLE_WORDS and words[0][0].isupper() \
            and all(w[0].isupper() or (len(w) <= 3 and w.islower()) for w in words) \
            and not re.search(r"[.?!]\W*$", self.text[quote.start : quote.end])

    def _heading(self, quote: _Found) -> bool:
        """Is the quotation a paragraph of its own without a sentence's end: a section's title?"""
        start, end = quote.start, quote.end
        line = self.text[self.text.rfind("\n", 0, start) + 1 : _paragraph_end(self.text, end)]
        return len(quote.parts) == 1 and not re.search(r"[.?!,:;\u2026]$", self.text[start:end]) \
            and self.text[start:end].strip() == line.strip(" \t" + "".join(OPENERS) + "\u201d\u2019")

    def _label(self, quote: _Found) -> None:
        """A speaker's label opening the quote's paragraph ("PENCE: ..."): the label speaks."""
        start = quote.start
        match = self._label_at(self.text.rfind("\n", 0, start) + 1, before_mark=start)
        if match is None or match.end() < start - 1 or match.end() > start + len(match.group(0)):
            return
        quote.parts[0] = (max(match.end(), start), quote.parts[0][1])
        self._labelled(quote, match)

    def _label_at(self, line: int, before_mark: int | None = None) -> re.Match[str] | None:
        match = LABEL.match(self.text, line)
        name = token_at(self.doc, match.end(1) - 1) if match else None
        # A label right before an opening mark names who speaks, whatever the parser took it for: "Reid: 'We ...'"
        marked = before_mark is not None and match is not None and match.end() == before_mark - 1
        if name is None or match.group(1).lower() in EDITORIAL_LABELS or not (
                marked or name.pos_ == "PROPN" or match.group(1).isupper() or name.lemma_.lower() in self.polls
                or self.actors.at(name) is not None):
            return None  # "Update: ...", "Correction: ..."; but "Poll: ...", "NATO: ..." speak
        return match

    def _labelled(self, quote: _Found, label: re.Match[str]) -> None:
        name = label.span(1)
        quote.cue_span = (name[1], name[1] + 1)
        quote.bound = True
        quote.speaker_span = name
        quote.speaker = token_at(self.doc, name[1] - 1)

    def _transcript(self, found: list[_Found]) -> list[_Found]:
        """Paragraphs a speaker's label opens without quotation marks ("LAVROV: The alliance ...")."""
        quoted_lines = {self.text.rfind("\n", 0, f.start) + 1 for f in found}
        lines = []
        for start in PARAGRAPH.finditer(self.text):
            line = start.end()
            match = self._label_at(line) if line not in quoted_lines else None
            if match is not None and self.text[line] not in OPENERS:
                quote = _Found([(match.end(), _paragraph_end(self.text, line))], direct=True)
                self._labelled(quote, match)
                lines.append(quote)
        return lines

    def _attach(self, quote: _Found) -> None:
        """The cue verb of a direct quote and its speaker."""
        cue = self._cue_by_parse(quote) or self._cue_after(quote)
        quote.bound = cue is not None
        cue = cue or self._cue_in_sentence(quote)
        if cue is None:
            after = self._after_mark(quote.end)
            dash = DASH.match(self.text, after) or SIGNATURE.match(self.text, after)
            if dash:
                quote.bound = True
                quote.cue_span = dash.span(1)
                name = _strip(self.text, *dash.span(2))
                quote.speaker_span = name
                quote.speaker = token_at(self.doc, name[1] - 1)
                return
            if self._source_before(quote):
                return
            cue = self._cue_before(quote)
            label = self._label_at(self.text.rfind("\n", 0, quote.start) + 1) if cue is None else None
            if label is not None:
                # A headline's label speaks the quotation later in it: "Doe: Plan Is ‘A Disgrace’"
                self._labelled(quote, label)
                return
        if cue is not None:
            quote.cue = cue
            relayed = next((c for c in cue.children if c.dep_ == "dobj"), None) \
                if cue.lemma_.lower() in RELAY_VERBS else None
            quote.speaker = relayed or self._speaker(cue)  # "TASS quotes the leader: “...”": the leader

    def _after_mark(self, end: int) -> int:
        while end < len(self.text) and self.text[end] in "\"'\u201d\u201c\u00bb\u00ab\u2019":
            end += 1
        return end

    def _inside(self, quote: _Found) -> list[Token]:
        return [t for s, e in quote.parts for t in tokens_in(self.doc, s, e)]

    def _cue_by_parse(self, quote: _Found) -> Token | None:
        """The cue verb the quote hangs from ("..., he said"), or that hangs from it (parataxis)."""
        tokens = self._inside(quote)
        inside = {t.i for t in tokens}
        for token in tokens:
            head = token.head
            if head.i not in inside and self._attachable(head, quote):
                return head
            if head.i == token.i or head.i not in inside:
                for child in token.children:
                    if child.i not in inside and child.dep_ in {"parataxis", "advcl", "conj", "ccomp", "dep"} \
                            and self._attachable(child, quote):
                        return child
        return None

    def _cue_after(self, quote: _Found) -> Token | None:
        """Any verb in the attribution slot after a quote that ends in ",", "?" or "!" ("...,” she continued",
        "...,” opined the paper"): the slot makes it a cue, whether or not it is a speech verb."""
        if self.text[quote.end - 1 : quote.end] not in {",", "?", "!"}:
            return None
        after = self._after_mark(quote.end)
        first = token_at(self.doc, SPACE.match(self.text, after).end())
        if first is None or "\n" in self.text[quote.end : first.idx]:
            return None
        for token in self.toks[first.i : first.i + 4]:
            if token.pos_ == "VERB":
                subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
                if token.i == first.i or (subject is not None and subject.i < token.i):
                    return token
                return None
            if token.pos_ not in NAMES | {"PRON", "DET", "ADJ"}:
                return None
        return None

    def _attachable(self, token: Token, quote: _Found) -> bool:
        """Can ``token`` be the quote's cue: a cue verb outside quotes, in the quote's paragraph?"""
        if not self._is_cue(token) or self._quoted(token):
            return False
        between = self.text[token.idx : quote.start] if token.idx < quote.start else self.text[quote.end : token.idx]
        return "\n" not in between

    def _cue_in_sentence(self, quote: _Found) -> Token | None:
        """A cue verb outside the quote in the sentences it touches: after the quote first."""
        first = token_at(self.doc, quote.start) or token_at(self.doc, quote.start + 1)
        last = token_at(self.doc, quote.end - 1)
        if first is None or last is None:
            return None
        sents = sentences(self.doc)
        start = sents[sentence_number(first)].start_char
        number = sentence_number(last)
        end = sents[number].end_char
        if end <= self._after_mark(quote.end) + 1 and number + 1 < len(sents):
            end = sents[number + 1].end_char  # “... ?” Trump asked: the parser ends the sentence at the mark
        outside = [t for t in tokens_in(self.doc, start, end) if self._is_cue(t) and not self._quoted(t)]
        after = [t for t in outside if t.idx >= quote.end and "\n" not in self.text[quote.end : t.idx]]
        before = [t for t in outside if t.idx < quote.start and "\n" not in self.text[t.idx : quote.start]]
        if after and (after[0].idx - quote.end < 60 or not before):
            return after[0]
        return before[-1] if before else None

    def _cue_before(self, quote: _Found) -> Token | None:
        """"He told the crowd:" ending the sentence or paragraph just before the quote."""
        before = self.text[: quote.start].rstrip(" \t\n\"'\u201c\u00ab\u201e\u2018")
        if not before.endswith((":", ",")):
            return None
        colon = token_at(self.doc, len(before) - 1)
        if colon is None:
            return None
        sent = sentences(self.doc)[sentence_number(colon)]
        cues = [t for t in tokens_in(self.doc, sent.start_char, colon.idx) if self._is_cue(t) and not self._quoted(t)]
        if cues:
            return cues[-1]
        # "Limbaugh continued:", "Sanders made the following comment:", "She went on, “...": whoever the
        # sentence is about speaks.
        root = sent.root
        if (before.endswith(":") or colon.i - 2 <= root.i) and root.idx < colon.idx \
                and any(c.dep_ in SUBJECTS for c in root.children):
            return root
        return None

    def _source_before(self, quote: _Found) -> bool:
        """"According to X, “...”": the source phrase of the clause the quote completes."""
        before = self.text[: quote.start].rstrip(" \t\n\"'\u201c\u00ab\u201e\u2018")
        comma = token_at(self.doc, len(before) - 1) if before.endswith(",") else None
        if comma is None:
            return False
        sent = sentences(self.doc)[sentence_number(comma)]
        for token in tokens_in(self.doc, sent.start_char, comma.idx):
            words = next((p for p in self.phrases if token.lower_ == p[0] and self._spells(token, p)), None)
            last = self.toks[token.i + len(words) - 1] if words else None
            source = next((c for c in last.children if c.dep_ == "pobj"), None) if last is not None else None
            if source is not None:
                quote.cue_span = (token.idx, last.idx + len(last.text))
                quote.speaker = source
                quote.bound = True
                return True
        return False

    def _continues(self, previous: _Found, quote: _Found) -> bool:
        """Is ``quote`` the rest of ``previous``? "...," he said, "..." in one paragraph, or a paragraph of
        quotation without a cue right after the paragraph that ended with ``previous`` and its cue."""
        if quote.cue_span is not None or (previous.cue is None and previous.cue_span is None):
            return False
        between = self.text[previous.end : quote.start]
        if "\n" in between:
            return quote.cue is None and len(between.split("\n", 1)[0]) < CUE_CLAUSE_CHARS \
                and not between.split("\n", 1)[1].strip(" \n" + "".join(OPENERS))
        return quote.cue is None or (previous.cue is not None and quote.cue.i == previous.cue.i)

    # -- reported speech ----------------------------------------------------------------------
    def _indirect(self) -> list[_Found]:
        found = []
        for token in self.toks:
            quote = self._source_phrase(token) if token.lower_ in self.phrase_starts else None
            if quote is None and not self._quoted(token):
                if self._is_cue(token):
                    quote = self._reported(token)
                elif token.pos_ == "NOUN" and self._is_cue_noun(token):
                    quote = self._nominal(token)
                elif token.pos_ == "ADJ" and token.lemma_.lower() in self.adjectives:
                    quote = self._stance(token)
                if quote is None and token.pos_ == "NOUN" and token.lemma_.lower() in self.polls:
                    quote = self._in_poll(token)
                if token.lower_ in HEARSAY_ADVERBS and token.dep_ == "advmod" and token.head.pos_ in {"VERB", "AUX"}:
                    quote = self._as_found(self._without(*_extent(token.head), _extent(token)), token, None)
            if quote is not None:
                found.append(quote)
        return found

    def _is_cue(self, token: Token) -> bool:
        if token.pos_ not in {"VERB", "AUX"}:
            return False
        return token.lemma_.lower() in self.verbs or _as_put_it(token) or _that_clause(token)

    def _is_cue_noun(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if lemma not in self.nouns:
            self.nouns[lemma] = lemma in self.verbs or lemma in self.cue_nouns or nominalises(lemma, self.verbs)
        return self.nouns[lemma]

    def _quoted(self, token: Token) -> bool:
        """Is the token inside a quotation (where "I think" is part of what is quoted)?"""
        k = bisect.bisect_right(self.quotation_starts, token.idx) - 1
        return k >= 0 and token.idx < self.quotations[k][-1][1]

    def _words(self, quote: _Found) -> int:
        return sum(len(self.text[s:e].split()) for s, e in quote.parts)

    def _source_phrase(self, token: Token) -> _Found | None:
        """"according to X, ...", "in the words of X": the clause the phrase is attached to."""
        words = next((p for p in self.phrases if self._spells(token, p)), None)
        if words is None:
            return None
        source_head = self.toks[token.i + len(words) - 1]
        # "according to show insiders": the parser may take the source for a clause
        source = next((c for c in source_head.children if c.dep_ in {"pobj", "pcomp"}), None)
        if source is None:
            return None
        if token.head.i == token.i:
            # "According to X, the move reeks of fear": the parser made the phrase the root, the clause its tail
            comma = next((t for t in self.toks[source.i : token.sent.end] if t.text == ","), None)
            if token.i != token.sent.start or comma is None:
                return None
            parts = self._span_of(comma.i + 1, token.sent.end)
        else:
            parts = self._without(*_extent(token.head), _extent(token))
        parts = self._in_paragraph(parts, token.idx)
        if not parts:
            return None
        end = self.toks[token.i + len(words) - 1]
        return _Found(parts, direct=False, cue=token, cue_span=(token.idx, end.idx + len(end.text)), speaker=source)

    def _spells(self, token: Token, words: tuple[str, ...]) -> bool:
        if token.i + len(words) > len(self.doc):
            return False
        return all(self.toks[token.i + n].lower_ == w for n, w in enumerate(words))

    def _reported(self, verb: Token) -> _Found | None:
        children = list(verb.children)
        if verb.dep_ == "pcomp" and any(self._spells(self.toks[verb.head.i - len(p) + 1], p) for p in self.phrases
                                        if verb.head.i - len(p) + 1 >= 0):
            return None  # "according to show insiders": the parser took the source for a clause
        if verb.lemma_.lower() == "compare" and verb.tag_ == "VBN" and not any(c.dep_ in SUBJECTS for c in children):
            return None  # "earned $98,000, compared with $93,000": a connective, no one comparing
        if verb.lemma_.lower() in RELAY_VERBS and any(c.dep_ == "prep" and c.lower_ == "as" and any(
                g.dep_ == "pcomp" for g in c.children) for c in children):
            return None  # "quotes X as saying ...": the saying is the quote
        if verb.tag_ in {"VB", "VBP"} and verb.dep_ == "ROOT" and not any(c.dep_ in SUBJECTS for c in children) \
                and all(t.is_space or t.is_punct for t in self.toks[verb.sent.start : verb.i]):
            return None  # "Recall that ...", "Note that ...": the writer addresses the reader
        # Complements past the paragraph or of punctuation alone are the parser running on ("___" rules);
        # "as X put it" has none; "found a way" is no finding, "found that ..." is.
        after = [] if _as_put_it(verb) else [
            c for c in children if c.i > verb.i and c.dep_ in COMPLEMENTS and self._is_content(c, verb)
            and not c.is_punct and "\n" not in self.text[verb.idx : c.idx]
            and (c.dep_ in {"ccomp", "xcomp"} or verb.lemma_.lower() not in self.clause_verbs)]
        if not any(c.dep_ == "nsubjpass" for c in children):
            # "refers to X as Y", "described as reckless the exercises": the role given is said too
            after += [c for c in children if c.i > verb.i and c.dep_ == "prep" and c.lower_ == "as"
                      and not any(self._party(g) for g in c.children)]
        # A clause before a subordinate cue is not its content: "X is upbeat, because he sees Y as Z".
        subordinate = any(c.dep_ == "mark" for c in children)
        clauses = [c for c in children if c.dep_ == "ccomp" and not (subordinate and c.i < verb.i)]
        clause = min(clauses, key=lambda c: abs(c.i - verb.i)) if clauses else self._stray_clause(verb, children)
        # The subject of a passive cue is what was said ("the plan was endorsed (by X)"), unless only a pronoun
        # stands for it without an agent ("he was asked").
        passive = any(c.dep_ == "agent" or (c.dep_ == "nsubjpass" and c.pos_ != "PRON") for c in children)
        if clause is not None:
            parts = self._content(*_extent(clause))
        elif after:
            parts = self._following(after)
        elif passive:
            subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
            if subject is None:
                return None
            parts = self._span_of(*_extent(subject))
            if not any(c.dep_ == "agent" for c in children):
                return self._as_found(parts, verb, speaker=None)  # the subject is what was said, not who said it
        elif verb.dep_ in {"parataxis", "advcl"} and verb.head.i != verb.i and (
                verb.dep_ == "parataxis" or any(c.dep_ == "mark" and c.lower_ == "as" for c in children)):
            head = verb.head  # "The alliance, he said, is ..."; "As X emphasised, ..."
            start, end = _extent(head)
            # "However, as X adds, ...": a connective before the cue is the writer's
            while start < verb.left_edge.i and self.toks[start].head.i == head.i \
                    and self.toks[start].dep_ in CONNECTIVE_DEPS:
                start = self.toks[start].right_edge.i + 1
            parts = self._without(start, end, _extent(verb))
        else:
            # "the plan, which X opposes", "what X said", "X thinks so": a word that stands for what was said
            proform = next((c for c in children if (c.dep_ == "dobj" and c.i < verb.i and c.tag_ in WH_TAGS)
                            or (c.dep_ in {"advmod", "intj"} and c.i > verb.i and (c.lower_ in PROFORMS or (
                                c.lower_ == "much" and any(g.lower_ == "as" for g in c.lefts))))), None)
            if proform is None:
                return None
            # "said as much": the proform with its "as"
            parts = [(proform.left_edge.idx, proform.idx + len(proform.text))]
        return self._as_found(parts, verb, self._speaker(verb))

    def _as_found(self, parts: list[tuple[int, int]], cue: Token, speaker: Token | None) -> _Found | None:
        """Reported speech: ``parts`` cut to the cue's paragraph, or None when nothing is left."""
        parts = self._in_paragraph(parts, cue.idx)
        return _Found(parts, direct=False, cue=cue, speaker=speaker) if parts else None

    def _stray_clause(self, verb: Token, children: list[Token]) -> Token | None:
        """A "that" clause the parser hung on whom the verb addresses, as if relative: "yelled to the officers
        that her husband was unarmed"."""
        for child in children:
            if child.i < verb.i or child.dep_ not in {"dobj", "dative", "prep"}:
                continue
            for head in [child] if child.dep_ != "prep" else [g for g in child.children if g.dep_ == "pobj"]:
                clause = next((g for g in head.children if g.dep_ == "relcl" and _opened_by_that(g)), None)
                if clause is not None:
                    return clause
        return None

    def _nominal(self, noun: Token) -> _Found | None:
        """A speech act named by a noun: "Trump's claim that ...", "calls for ...", "in a statement, X ..."."""
        children = list(noun.children)
        lemma = noun.lemma_.lower()
        # A noun spelt like its verb ("call", "state", "report") is a speech act only with what it is about.
        derived = lemma not in self.verbs
        namer = next((c for c in reversed(children) if c.dep_ in {"compound", "nsubj"} and c.i < noun.i), None)
        if not derived and noun.tag_ == "NNS" and noun.dep_ == "ROOT" and namer is not None:
            # "Senator vows to cut taxes", "Court rules against the plan": the parser took a headline's verb for
            # a plural noun; what follows it is what was said
            rest = [c for c in children if c.i > noun.i and c.dep_ not in {"cc", "conj", "punct"}]
            return self._as_found(self._following(rest), noun, namer) if rest else None
        if lemma in THING_NOUNS:
            return None
        preps = NOUN_PREPS if derived else NOUN_PREPS - {"of"}
        after = [c for c in children if c.i > noun.i and (
            (c.dep_ == "prep" and c.lower_ in preps and self._is_content(c))
            or c.dep_ == "ccomp" or (c.dep_ == "acl" and any(g.dep_ in {"mark", "aux"} and g.lower_ in {"that", "to"}
                                                            for g in c.children))
            # "a report that X had ...": a "that" clause the parser took for a relative one
            or (c.dep_ == "relcl" and _opened_by_that(c)))]
        speaker = self._noun_speaker(noun)
        if after:
            parts = self._following(after)
        elif derived and noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.pos_ == "VERB" \
                and not self._is_cue(noun.head.head):
            verb, phrase = noun.head.head, noun.head  # "In a statement, the ministry condemned ..."
            subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
            if subject is None:
                return None
            parts = self._without(*_extent(verb), _extent(phrase), _extent(subject))
            speaker = subject
        else:
            return None
        parts = self._in_paragraph(parts, noun.idx)
        # A clause or "about" says what was said even with no one saying it: "questions about her health";
        # "support for X" without its supporter is no speech.
        stated = any(c.dep_ != "prep" or c.lower_ == "about" for c in after)
        if not parts or (speaker is None and not stated):
            return None
        if speaker is None and noun.dep_ == "pobj":
            host = _host(noun.head.head)  # "Trump took offense at suggestions that ...": his stance
            speaker = self._speaker(host) if host.pos_ in {"VERB", "AUX"} else None
        return _Found(parts, direct=False, cue=noun, speaker=speaker)

    def _stance(self, adjective: Token) -> _Found | None:
        """A stance its subject takes: "X is confident that ...", "X was eager to ...", "X is critical of ..."."""
        if adjective.dep_ not in {"acomp", "oprd"}:
            return None
        after = [c for c in adjective.children if c.i > adjective.i and (
            c.dep_ in {"ccomp", "xcomp"} or (c.dep_ == "prep" and c.lower_ in STANCE_PREPS and self._is_content(c)))]
        speaker = self._speaker(adjective.head) if after else None
        if speaker is None:
            return None
        return self._as_found(self._following(after), adjective, speaker)

    def _in_poll(self, noun: Token) -> _Found | None:
        """"In the latest poll, X leads Y": the clause the phrase is attached to is what the poll says."""
        phrase = noun.head
        if noun.dep_ != "pobj" or phrase.lower_ != "in" or phrase.head.pos_ not in {"VERB", "AUX"} \
                or phrase.head.dep_ in {"relcl", "advcl", "acl", "xcomp", "pcomp"}:
            return None  # "X, who leads in the polls, ...": a clause about the subject, not the poll's finding
        return self._as_found(self._without(*_extent(phrase.head), _extent(phrase)), noun, noun)

    def _noun_speaker(self, noun: Token) -> Token | None:
        """Whose speech act a noun names: "Trump's claim", "criticism from X", "X made the claim"."""
        for child in noun.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        # "a New York Times report": the name before the noun
        names = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == noun.i - 1]
        if names:
            return names[0]
        if noun.dep_ in {"dobj", "attr"} and noun.head.pos_ in {"VERB", "AUX"}:
            return self._speaker(noun.head)
        return None

    def _is_content(self, child: Token, cue: Token | None = None) -> bool:
        """Does a cue's object or prepositional phrase say what was said ("called for talks"), not when or to
        whom?"""
        if child.dep_ in {"dobj", "dative"} and cue is not None and cue.lemma_.lower() in TELLING_VERBS:
            return not self._party(child)  # "told reporters": whom it was said to
        if child.dep_ == "dobj" and cue is not None and cue.lemma_.lower() in LANGUAGE_VERBS:
            return False  # "spoke Spanish"
        if child.dep_ != "prep":
            return True
        if child.lower_ not in CONTENT_PREPS:
            return False
        objects = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
        pointing = cue is not None and child.lower_ == "to" and cue.lemma_.lower() in POINTING_VERBS
        if child.lower_ in ADDRESSEE_PREPS and cue is not None and cue.lemma_.lower() in AUDIENCE_VERBS:
            return False  # "spoke to a gathering of donors": whoever or whatever it names heard it
        if child.lower_ == "on" and any(g.ent_type_ in {"ORG", "WORK_OF_ART", "PRODUCT"} or g.lemma_.lower() in MEDIA
                                        for g in objects):
            return False  # "commented on Twitter", "spoke on CNN": where it was said
        if child.lower_ in ADDRESSEE_PREPS and not pointing and any(self._party(g) for g in objects):
            return False  # "spoke to reporters", "talked with the mayor"
        return any(g.ent_type_ not in {"DATE", "TIME"} for g in objects)

    def _party(self, token: Token) -> bool:
        """Does the noun name someone who can be spoken to: a pronoun, person, organisation, or actor?"""
        return token.pos_ == "PRON" or token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} \
            or self.actors.at(token) is not None

    def _following(self, complements: list[Token]) -> list[tuple[int, int]]:
        """From the first complement to the end of the last, without the preposition that opens them."""
        first = min(complements, key=lambda c: c.left_edge.i)
        last = max(complements, key=lambda c: c.right_edge.i)
        return self._content(first.i + 1 if first.dep_ == "prep" else first.left_edge.i, last.right_edge.i + 1)

    def _content(self, start: int, end: int) -> list[tuple[int, int]]:
        """Tokens [start, end) up to a further speech act the parse hung inside them: in "X said A and
        warned B", "X said A, arguing B" or "X said A met Y, who warned B", B is a quote of its own; in "X said
        A and backs B" it is not."""
        for token in self.toks[start + 1 : end]:
            if token.dep_ == "relcl" and start <= token.head.i < end and self._is_cue(token) \
                    and not self._quoted(token) and self.toks[token.left_edge.i - 1].text == ",":
                end = token.left_edge.i  # "..., who blasted X as ...": an attribution of its own
                break
            if token.dep_ not in {"conj", "advcl"} or not start <= token.head.i < end or self._quoted(token):
                continue
            # Only a speech verb starts a quote of its own: "X said A but supports B" is one attribution.
            if token.lemma_.lower() in self.speech and self._is_cue(token) \
                    and (token.dep_ == "conj" or token.tag_ == "VBG"):
                end = token.left_edge.i
                break
            contrast = self._contrast(token)
            if contrast is not None:
                end = contrast
                break
        return self._span_of(start, end)

    def _contrast(self, clause: Token) -> int | None:
        """Where a clause that sets something against what was said begins ("..., while Y ...", "..., but Y
        ..."): the writer's words, not the speaker's."""
        if clause.i < clause.head.i or clause.pos_ not in {"VERB", "AUX"}:
            return None
        if clause.dep_ == "advcl":
            mark = next((c for c in clause.children if c.dep_ == "mark"), None)
            return clause.left_edge.i if mark is not None and mark.lower_ in CONTRASTS else None
        if not any(c.dep_ in SUBJECTS for c in clause.children):
            return None
        cc = next((c for c in clause.head.children if c.dep_ == "cc" and c.head.i < c.i < clause.i), None)
        return cc.i if cc is not None and cc.lower_ in CONTRASTS else None

    def _span_of(self, start: int, end: int) -> list[tuple[int, int]]:
        """Characters of tokens [start, end), without a leading "that" or punctuation at the edges."""
        while start < end and (self.toks[start].is_punct or self.toks[start].lower_ in SKIP_EDGE):
            start += 1
        while end > start and (self.toks[end - 1].is_punct or self.toks[end - 1].lower_ in SKIP_EDGE
                               or self.toks[end - 1].dep_ == "cc"):
            end -= 1
        if end <= start:
            return []
        last = self.toks[end - 1]
        return [(self.toks[start].idx, last.idx + len(last.text))]

    def _in_paragraph(self, parts: list[tuple[int, int]], at: int) -> list[tuple[int, int]]:
        """The parts cut to the paragraph of character ``at``: a parse may run sentences across them."""
        start = self.text.rfind("\n", 0, at) + 1
        end = _paragraph_end(self.text, at)
        return [f for f in (_strip(self.text, max(s, start), min(e, end)) for s, e in parts) if f[1] > f[0]]

    def _without(self, start: int, end: int, *cuts: tuple[int, int]) -> list[tuple[int, int]]:
        """Tokens [start, end) less the token ranges ``cuts`` (the cue's own phrase, the speaker)."""
        parts = []
        for cut_start, cut_end in sorted(cuts):
            parts += self._span_of(start, cut_start)
            start = max(start, cut_end)
        return parts + self._span_of(start, end)

    # -- speakers -----------------------------------------------------------------------------
    def _speaker(self, verb: Token, depth: int = 3) -> Token | None:
        """Who speaks through ``verb``: its subject, agent, relayed object, or the subject above it."""
        children = list(verb.children)
        agent = next((c for c in children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((g for g in agent.children if g.dep_ == "pobj"), None)
        # Of two subjects the parser gave a verb ("12:15 p.m.\n\nTrump says"), the one in the verb's paragraph;
        # of two in it, the later ("LONDON — Doe said", "The plan, said Doe, will fail": a dateline or what was
        # said taken for a subject)
        subjects = sorted((c for c in children if c.dep_ in SUBJECTS),
                          key=lambda c: ("\n" in self.text[c.idx : verb.idx], -c.i))
        subject = next(iter(subjects), None) or self._misparsed_subject(verb, children)
        if subject is not None and subject.i < verb.i and "\n" in self.text[subject.idx : verb.idx]:
            # "5:45 p.m.\n\nSmith says": a subject in the paragraph before is a misparse
            subject = self._stranded_subject(verb) or subject
        if subject is not None and self._quoted(subject) and not self._quoted(verb):
            # "“... Senator Doe,” Smith said": a subject inside the quote is a misparse
            subject = self._name_after(verb) or self._name_before(verb) or subject
        if subject is not None:
            return subject
        if depth == 0 or verb.head.i == verb.i:
            return None
        head = verb.head
        if self._quoted(head) and not self._quoted(verb):
            # "“... We will ...,” Chief Jane Doe said": the parse hung the cue on the quote's verb
            return self._name_before(verb)
        if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() in RELAY_VERBS:
            relay = head.head  # "TASS quotes the leader as saying": the leader; "He was quoted as saying": he
            return next((c for c in relay.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if verb.dep_ in {"pcomp", "prep", "pobj"}:  # "X spent weeks railing against ...": a gerund parsed as a noun
            head = _host(head.head)
        if verb.dep_ in {"conj", "advcl"} and head.dep_ == "ccomp" and not self._is_cue(head) \
                and self._is_cue(head.head):
            head = head.head  # "X said A and warned B": the parse hangs "warned" from A; X warned
        if verb.dep_ in {"acl", "relcl"} and _infinitive(verb) and head.dep_ in {"dobj", "attr"}:
            head = head.head  # "X held a briefing to brag that ...", "X had kind words to say": X speaks
        elif verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN", "PRON", "DET"}:
            # "X released a statement saying that ...": X says it; "a statement saying that ...", "those
            # backing Smith": the noun
            issuer = self._speaker(head.head, depth - 1) if head.dep_ == "dobj" else None
            return issuer or head
        if verb.dep_ in {"conj", "xcomp", "advcl", "pcomp", "prep", "pobj", "ccomp", "acl", "relcl", "acomp"} or (
                verb.dep_ == "dep" and head.i < verb.i):
            # "Figures reported on Sunday now suggest ...": the parser took the subject's modifier for the clause
            return self._speaker(head, depth - 1)
        return None

    def _name_after(self, verb: Token) -> Token | None:
        """The head of a noun phrase right after ``verb``: "..., said a person close to the family"."""
        if verb.i + 1 >= len(self.doc) or self._quoted(self.toks[verb.i + 1]):
            return None
        token = self.toks[verb.i + 1]
        while token.head.i > token.i and token.head.pos_ in NAMES:
            token = token.head
        return token if token.pos_ in NAMES | {"PRON"} else None

    def _name_before(self, verb: Token) -> Token | None:
        """The last word of a name right before ``verb``, after a quote: "...,” Chief Jane Doe said"."""
        token = self.toks[verb.i - 1] if verb.i > 0 else None
        if token is None or token.is_punct or self._quoted(token):
            return None
        return token if token.pos_ in NAMES | {"PRON"} else None

    def _misparsed_subject(self, verb: Token, children: list[Token]) -> Token | None:
        """A subject the parser gave another role: "..., declared Jane Doe, 29, of Ohio" (made the subject of
        a later clause), "About 4 in 10 say ..." (numbers), "Farm Lives Matter issued ..." (a name taken for an
        adverb)."""
        # "..., calling him a liar": a participle takes the subject of its clause; but "X have said" is finite
        if verb.tag_ not in FINITE and not any(c.dep_ == "aux" and c.tag_ in FINITE for c in children):
            return None
        if verb.i > 0 and self.toks[verb.i - 1].is_punct and verb.i + 1 < len(self.doc):
            head = self.toks[verb.i + 1]
            while head.head.i > verb.i and head.head.left_edge.i == verb.i + 1 and head.head.pos_ in NAMES:
                head = head.head
            if head.pos_ in NAMES:
                return head
        found = next((c for c in children if c.i < verb.i and c.dep_ in {"nummod", "npadvmod", "dep", "nmod", "advmod"}
                      and c.pos_ in NAMES | {"NUM"} and c.ent_type_ not in {"DATE", "TIME"}), None)
        return found or self._stranded_subject(verb) or self._subject_in_phrase(verb) or self._first_subject(verb)

    def _first_subject(self, verb: Token) -> Token | None:
        """The subject of a clause the parser made the object of a later verb that shares it: "He pledged
        to cut taxes, suggested that ..." ("pledged" taken for what "suggested" reports)."""
        clause = next((c for c in verb.lefts if c.dep_ == "ccomp"), None)
        if clause is None or not self.toks[clause.right_edge.i + 1].is_punct:
            return None
        return next((c for c in clause.children if c.dep_ == "nsubj" and not self._quoted(c)), None)

    def _subject_in_phrase(self, verb: Token) -> Token | None:
        """A subject the parser hung inside the phrase that opens the sentence: "At the rally in Ohio, Jane
        Doe, a nurse, said ..." (Doe taken for an apposition to Ohio): the outermost name after a comma that
        ends right before the verb."""
        k = verb.i - 1
        while k >= 0 and (self.toks[k].is_punct or self.toks[k].head.i == verb.i
                          and self.toks[k].dep_ in {"aux", "advmod", "neg", "npadvmod"}):
            k -= 1
        if k < verb.sent.start:
            return None
        found = None
        token = self.toks[k]
        while token.i < verb.i and token.head.i != token.i:
            if token.pos_ in NAMES and token.dep_ in {"appos", "conj", "pobj"} and token.left_edge.i > 0 \
                    and self.toks[token.left_edge.i - 1].text == "," and not self._quoted(token):
                found = token
            token = token.head
        return found

    def _stranded_subject(self, verb: Token) -> Token | None:
        """A name opening the verb's paragraph that the parser hung on the paragraph before ("...”\n\nSmith,
        for example, said ..."): the parse ran on across the break."""
        paragraph = self.text.rfind("\n", 0, verb.idx) + 1
        first = token_at(self.doc, SPACE.match(self.text, paragraph).end())
        if first is None or first.i >= verb.i:
            return None
        for token in self.toks[first.i : verb.i]:
            if token.head.i < first.i:
                return token if token.pos_ in NAMES | {"PRON"} else None
        return None

    def _quotes(self, found: _Found) -> list[Quote]:
        speaker, speaker_span = self._actor(found.speaker)
        if speaker is not None and speaker.type == "person":
            self.last_person = speaker
        if found.speaker_span is not None:
            speaker_span = found.speaker_span
        cue = None
        if found.cue_span is not None:
            cue = Trigger(found.cue_span, self.text[found.cue_span[0] : found.cue_span[1]])
        elif found.cue is not None:
            cue = Trigger((found.cue.idx, found.cue.idx + len(found.cue.text)), found.cue.text)
        # A split quote ("...," he said, "...") gives one record per part, with the same speaker and cue,
        # so that every record's text is exactly the text at its span.
        return [Quote(speaker=speaker, speaker_span=speaker_span, cue=cue, span=(s, e), text=self.text[s:e],
                      direct=found.direct) for s, e in found.parts]

    def _actor(self, token: Token | None) -> tuple[Actor | None, tuple[int, int] | None]:
        if token is None:
            return None, None
        mention = self.actors.find(token)
        # A subject with a long tail ("a spokesman, who asked not to be named because ...") ends at its head.
        last = self.toks[token.right_edge.i] if token.right_edge.i - token.i < 12 else token
        span = (self.toks[token.left_edge.i].idx, last.idx + len(last.text))
        if token.head.dep_ == "relcl" and token.tag_ in {"WP", "WDT"}:
            # "Lavrov, who said ...": the speaker is named by the relative pronoun, coded as its antecedent
            return (mention.actor if mention else None), span
        if mention and self._by_kind_only(token, mention) and self.last_person is not None:
            # Memory matched "the diplomat" to someone only by the kind of office: the person quoted
            # just before is the likelier speaker.
            span = mention.actor.span or span
            return replace(self.last_person, span=span, text=self.text[span[0] : span[1]]), span
        if mention:
            return mention.actor, mention.actor.span or span
        return None, span

    def _by_kind_only(self, token: Token, mention: Mention) -> bool:
        """Is a definite role noun ("the diplomat") resolved to a person none of whose roles it names?"""
        lemma = token.lemma_.lower()
        return token.pos_ == "NOUN" and mention.actor.type == "person" and bool(mention.roles) \
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
            and not any(lemma in fold(role) for role in mention.roles)


def _as_put_it(verb: Token) -> bool:
    """"As X put it, ...": any verb of an "as" clause whose object is "it" reports speech."""
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.rights) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.lefts)


def _that_clause(verb: Token) -> bool:
    """Does a verb outside the cue lists take a clause with "that" after it ("the plan means that ...", "X
    bet that ...")? Such a verb states, judges or finds what the clause says."""
    return verb.pos_ == "VERB" and any(c.dep_ == "ccomp" and c.i > verb.i and _opened_by_that(c) for c in verb.rights)


def _opened_by_that(clause: Token) -> bool:
    """Does the clause open with the conjunction "that" (not the relative pronoun)?"""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _host(token: Token) -> Token:
    """The verb whose clause a phrase belongs to: "X stopped short of endorsing", "X made the point of saying",
    "X decried the lack of details about": X endorses, says, decries."""
    while token.pos_ not in {"VERB", "AUX"} and token.dep_ in PHRASE_DEPS and token.head.i != token.i:
        token = token.head
    return token


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _extent(token: Token) -> tuple[int, int]:
    """The token range of ``token``'s subtree."""
    return token.left_edge.i, token.right_edge.i + 1


def _contains(text: str, outer: _Found, inner: _Found) -> bool:
    """Is ``inner`` inside ``outer``, up to the punctuation that closes it (reported speech ends before it)?"""
    end = inner.end
    while end > inner.start and not text[end - 1].isalnum():
        end -= 1
    return outer.start <= inner.start and end <= outer.end


def _overlaps(a: _Found, b: _Found) -> bool:
    """Do the quotes share text (not just the stretch between a split quote's parts)?"""
    return any(s1 < e2 and s2 < e1 for s1, e1 in a.parts for s2, e2 in b.parts)


def _longer(text: str, outer: _Found, inner: _Found) -> bool:
    """Does ``outer`` say more than ``inner`` (not just its quotation marks and punctuation)?"""
    rest = text[outer.start : inner.start] + text[inner.end : outer.end]
    return len(re.findall(r"\w+", rest)) >= 2


def find_quotes(doc: Doc, lexicon: Lexicon, actors: ActorIndex) -> list[Quote]:
    """Direct and indirect quotes of ``doc`` with their speakers, in text order.

    A split quote ("...," he said, "...") gives one record per quoted part, each with the speaker and
    cue of the whole; ``text`` is always the text at ``span``.
    """
    return QuoteFinder(doc, lexicon, actors).find()
