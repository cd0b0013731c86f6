"""PETRARCH-format dictionaries, read into our lexicon structures and applied by our own coder.

PETRARCH (and TABARI before it) dictionaries are a format we read, never a source we copy:

- verb dictionaries: synonym sets (``&NAME`` then ``+member`` lines), verb blocks (``--- NAME [CODE] ---``)
  of verbs that share patterns, each with irregular forms (``{...}``), compound forms (``+CORDON_OFF``,
  ``WIRE_+TAP``) and an optional code; patterns ``- PRE * POST [CODE[:REVERSE]] # comment`` whose parts
  are words, noun phrases ``{...}``, prepositional phrases ``(PREP ...)``, synsets and the markers
  ``$ + ^ %``; transformations ``~ ...``;
- actor dictionaries: a phrase, ``+`` synonyms and codes ``[CODE]``, optionally date-ranged
  (``[CODE <YYMMDD]``, ``[CODE >YYMMDD]``, ``[CODE YYMMDD-YYMMDD]``), on the phrase's line or the next;
- agent dictionaries: ``PHRASE {PLURALS} [~CODE]`` (after the actor's code) or ``[CODE~]`` (before it),
  with ``!SET! = A, B`` substitution sets;
- discard lists: phrases whose sentence (with ``+``: whose story) is not coded;
- the internal coding ontology (PICO): ``CODE:VALUE`` lines, the value a sum of hexadecimal terms; a verb
  negated in its own clause codes the event whose value is its own less ``0xFFFF`` ("did not clash" [110]
  is 050), when the ontology has one.

A line that cannot be read is reported with its file and line (``LexiconWarning``) and skipped. What our
coder cannot honour is counted, and summarised once per file.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsevents.errors import LexiconError
from newsevents.lexicons.actors import ActorLexicon, Entry, Holder, actor_entry
from newsevents.lexicons.events import NO_EVENT, CameoCode, EventLexicon, Pattern
from newsevents.lexicons.files import DATA_DIR, fold, read_csv_rows, skip

NULL_CODE = NO_EVENT
STATEMENT = "010"
EVENT_CODE = re.compile(r"\d{2,4}[A-Za-z]?")
# Words that, right after a verb, are its particle ("set out", "burn down") rather than its object.
PARTICLES = frozenset({"up", "down", "out", "off", "back", "away", "aside", "forward", "over", "in", "on", "around",
                       "through", "by", "along", "about", "apart", "together"})
PREPOSITIONS = frozenset({"on", "in", "over", "through", "by", "along", "about", "around"})
MARKERS = frozenset("$+^%")
# PETRARCH takes a target from the prepositional phrases of the verb phrase, whatever their preposition
# ("fired at X", "left for X", "arrived in X"); phrases of time and manner name no actor.
# A passive without "by" may hold its source in a phrase of these ("criticized over its dispute with X").
PASSIVE_SOURCE_PREPS = frozenset({"over", "from", "about", "against"})
NEGATION = 0xFFFF  # PICO: a negated verb's value is its own less this
PICO_TERM = re.compile(r"([+-]?)\s*0x([0-9a-f]+)", re.I)
VERB_PHRASE_PREPS = frozenset({"against", "with", "on", "upon", "to", "toward", "towards", "at", "for", "in", "into",
                               "from", "about", "over", "near", "onto", "across", "inside", "among"})


@dataclass
class PetrarchLexicon:
    """A set of PETRARCH dictionaries translated: actors, patterns, discard words and what was read."""

    actors: ActorLexicon = field(default_factory=ActorLexicon)
    events: EventLexicon = field(default_factory=EventLexicon)
    discard_words: set[str] = field(default_factory=set)
    counts: Counter[str] = field(default_factory=Counter)


def load_petrarch(codebook: dict[str, CameoCode], verbs: Path | None = None, actors: Iterable[Path] = (),
                  agents: Path | None = None, discards: Path | None = None, coding_ontology: Path | None = None,
                  reporting_verbs: frozenset[str] = frozenset()) -> PetrarchLexicon:
    """Read PETRARCH dictionaries into our structures; ``codebook`` is the CAMEO codebook to extend.
    A reporting verb's bare statement code (SAY [010]) is left to the coder, which codes a statement
    only when the speaker reports another side's act (see ``read_verbs``)."""
    result = PetrarchLexicon(events=EventLexicon(codebook=dict(codebook)))
    if verbs is not None:
        read_verbs(verbs, result.events, result.counts, reporting_verbs)
        result.events.statements = False
        result.events.target_preps = result.events.participle_preps = VERB_PHRASE_PREPS
        result.events.regular_forms = result.events.nested_acts = True
        result.events.subject_phrase_sources = result.events.sources_as_targets = True
        result.events.participle_objects = True
        result.events.passive_source_preps = PASSIVE_SOURCE_PREPS
    for path in actors:
        read_actors(path, result.actors, result.counts)
        result.actors.pronouns = False
    if agents is not None:
        read_agents(agents, result.actors, result.counts)
    if discards is not None:
        result.discard_words |= read_discards(discards, result.counts)
    if coding_ontology is not None:
        result.events.negations = read_coding_ontology(coding_ontology, result.counts)
    return result


# -- reading lines -------------------------------------------------------------------------------------
def _uncomment(line: str) -> str:
    """The line up to a ``#`` or ``;`` comment outside brackets (``[###]`` is a code, not a comment)."""
    depth = 0
    for i, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char in "#;" and depth == 0:
            return line[:i]
    return line


def dictionary_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line with content, comments (``<!-- -->``, ``#``, ``;``) removed."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read: {exc.strerror or exc}") from None
    in_comment = False
    for number, line in enumerate(text.splitlines(), 1):
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        while "<!" in line:  # "<!-- ... -->", also the odd "<! -- ... -->"
            start = line.index("<!")
            end = line.find("-->", start)
            if end < 0:
                line, in_comment = line[:start], True
                break
            line = line[:start] + line[end + 3:]
        line = _uncomment(line)
        if line.strip():
            yield number, line


# -- words and lemmas ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _LemmaTables:
    rules: dict[str, list[tuple[str, str]]]
    exceptions: dict[str, dict[str, list[str]]]
    index: dict[str, frozenset[str]]


@functools.cache
def _lemma_tables() -> _LemmaTables | None:
    """The English lemmatizer tables of the default spaCy pipeline, if installed: dictionaries write
    inflected words ("TIES", "LEFT") where our coder compares lemmas."""
    import spacy.util
    from spacy.lookups import Lookups

    from newsevents.nlp import default_model

    try:
        folder = next(spacy.util.get_package_path(default_model()).glob("*/lemmatizer/lookups"))
    except (ImportError, StopIteration, OSError):
        return None
    lookups = Lookups().from_disk(folder)
    pos = ("noun", "verb")
    return _LemmaTables(
        rules={p: lookups.get_table("lemma_rules").get(p, []) for p in pos},
        exceptions={p: lookups.get_table("lemma_exc").get(p, {}) for p in pos},
        index={p: frozenset(lookups.get_table("lemma_index").get(p, [])) for p in pos},
    )


@functools.cache
def lemma(word: str, pos: str) -> str:
    """spaCy's rule lemma of a lower-case ``word`` as ``pos`` (noun or verb); the word if unknown."""
    tables = _lemma_tables()
    if tables is None or not word.isalpha():
        return word
    index = tables.index[pos]
    if word in index:
        return word
    forms = list(tables.exceptions[pos].get(word, ()))
    guesses = []
    for old, new in tables.rules[pos]:
        if word.endswith(old) and len(word) > len(old):
            form = word[: len(word) - len(old)] + new
            (forms if form in index else guesses).append(form)
    return (forms or guesses or [word])[0]


@functools.cache
def _irregular_forms() -> dict[str, frozenset[str]]:
    """Verb lemma -> its irregular forms, from the lemmatizer's exceptions ("said", "abetted")."""
    tables = _lemma_tables()
    forms: dict[str, set[str]] = {}
    for form, lemmas in (tables.exceptions["verb"].items() if tables else ()):
        for base in lemmas:
            forms.setdefault(base, set()).add(form)
    return {base: frozenset(found) for base, found in forms.items()}


@functools.cache
def verb_forms(verb: str) -> frozenset[str]:
    """The forms PETRARCH writes a verb in: the base, its regular -s, -ed and -ing forms (a final "e" dropped,
    "y" after a consonant turned to "ie", a final consonant also doubled) and the irregular ones. "departes" is
    none of "depart"'s."""
    stem = verb[:-1] if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) else verb  # "agreeing"
    consonant_y = verb.endswith("y") and verb[-2:-1] not in {"a", "e", "i", "o", "u"}
    third = verb[:-1] + "ies" if consonant_y else verb + "es" if verb.endswith(("s", "x", "z", "ch", "sh", "o")) \
        else verb + "s"
    past = verb[:-1] + "ied" if consonant_y else verb + "d" if verb.endswith("e") else verb + "ed"
    forms = {verb, third, past, stem + "ing"}
    if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # "stopped", "travelled"
    return frozenset(forms | _irregular_forms().get(verb, frozenset()))


def _adverb(word: str) -> bool:
    """An -ly word no noun list knows ("PUBLICLY", "BITTERLY"): a manner, not an object."""
    folded = fold(word)
    tables = _lemma_tables()
    return folded.endswith("ly") and tables is not None and folded not in tables.index["noun"]


@functools.cache
def _word_forms(word: str) -> frozenset[str]:
    """A dictionary word as the coder may meet it: its form and its noun and verb lemmas."""
    folded = fold(word)
    return frozenset({folded, lemma(folded, "noun"), lemma(folded, "verb")})


def _split_words(text: str) -> list[str]:
    """``CEASE_FIRE``, ``CEASE-FIRE`` and ``CEASE FIRE`` are the words cease, fire; a final ``_`` only
    stops TABARI's stemming, which whole-word matching does not need."""
    return [w for w in re.split(r"[\s_]+|(?<=\w)-(?=\w)", text.strip("_ ")) if w]


# -- synonym sets --------------------------------------------------------------------------------------
Phrase = tuple[frozenset[str], ...]  # slots, each a set of alternative words


class Synsets:
    """``&NAME`` sets: members are words or phrases (or other sets); a phrase is consecutive words."""

    def __init__(self) -> None:
        self.members: dict[str, list[str]] = {}
        self._variants: dict[str, list[Phrase]] = {}

    def add(self, name: str, member: str) -> None:
        self.members.setdefault(name.rstrip("_"), []).append(member.strip("() "))

    def variants(self, name: str, seen: frozenset[str] = frozenset()) -> list[Phrase]:
        """The phrases a set stands for: its one-word members merged into one slot of alternatives."""
        name = name.rstrip("_")
        if name not in self._variants:
            self._variants[name] = self._expand_set(name, seen)
        return self._variants[name]

    def _expand_set(self, name: str, seen: frozenset[str]) -> list[Phrase]:
        if name not in self.members:
            raise ValueError(f"synset {name} is not defined")
        if name in seen:
            raise ValueError(f"synset {name} contains itself")
        single: set[str] = set()
        phrases: list[Phrase] = []
        for member in self.members[name]:
            if member.startswith("&"):
                for phrase in self.variants(member, seen | {name}):
                    if len(phrase) == 1:
                        single |= phrase[0]
                    else:
                        phrases.append(phrase)
                continue
            words = _split_words(member)
            if len(words) == 1:
                single |= _word_forms(words[0])
            elif words:
                phrases.append(tuple(_word_forms(w) for w in words))
        # Phrases of the same length share one phrase of alternatives ("ASSAULT RIFLE", "CLUSTER BOMB":
        # assault|cluster rifle|bomb), which keeps a set of many phrases from multiplying the patterns.
        grouped: dict[int, list[Phrase]] = {}
        for phrase in phrases:
            grouped.setdefault(len(phrase), []).append(phrase)
        merged = [tuple(frozenset().union(*slots) for slots in zip(*group, strict=True)) for group in grouped.values()]
        return ([(frozenset(single),)] if single else []) + merged

    def slot(self, name: str) -> frozenset[str]:
        """A set as one word of alternatives: its one-word members and the last words of its phrases."""
        return frozenset(w for phrase in self.variants(name) for w in phrase[-1])

    def expand(self, words: list[str], head: bool = False) -> list[Phrase]:
        """The phrases a sequence of dictionary words (and ``&SETS``) stands for. With ``head``, the last
        word is a phrase's head and a set there yields one phrase per member phrase ("AUSTRIAN FLORIN");
        elsewhere a set is one word of alternatives."""
        slots: list[Phrase] = []
        for word in words[:-1] if head else words:
            slots.append((self.slot(word),) if word.startswith("&")
                         else tuple(_word_forms(w) for w in _split_words(word)))
        prefix = tuple(slot for part in slots for slot in part)
        if not head or not words:
            return [prefix]
        last = words[-1]
        if last.startswith("&"):
            return [prefix + phrase for phrase in self.variants(last)]
        return [prefix + tuple(_word_forms(w) for w in _split_words(last))]


# -- verb patterns -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Element:
    """One part of a pattern: a noun phrase (kind "np"), a prepositional phrase ("pp", words[0] is the
    preposition), or a marker ("mark": $ source, + target, ^ skipped phrase, % compound actor)."""

    kind: str
    words: tuple[str, ...]


def parse_petrarch_pattern(text: str) -> tuple[list[_Element], list[_Element]]:
    """``PRE * POST`` (without its code) -> the elements before and after the verb. A ``*`` joined to its
    neighbours (``*SCEPTICAL``, ``SPY_*_DEAL``) stands alone."""
    tokens = re.findall(r"[(){}*]|[^\s(){}*]+", text)
    before: list[_Element] = []
    after: list[_Element] | None = None
    i = 0

    def group(close: str) -> list[str]:
        nonlocal i
        words = []
        i += 1
        while i < len(tokens) and tokens[i] != close:
            if tokens[i] not in "{}" or close != ")":  # a noun phrase inside a prepositional phrase is its words
                if tokens[i] in "(){}":
                    raise ValueError(f"unexpected {tokens[i]!r}")
                words.append(tokens[i])
            i += 1
        if i == len(tokens):
            raise ValueError(f"no closing {close!r}")
        i += 1
        return words

    while i < len(tokens):
        token = tokens[i]
        elements = before if after is None else after
        if token == "*":
            if after is not None:
                raise ValueError("two '*'")
            after = []
            i += 1
        elif token == "(":
            words = group(")")
            if not words:
                raise ValueError("empty '()'")
            elements.append(_Element("pp", tuple(words)))
        elif token == "{":
            words = group("}")
            if not words:
                raise ValueError("empty '{}'")
            elements.append(_Element("np", tuple(words)))
        elif token in ")}":
            raise ValueError(f"unexpected {token!r}")
        elif token in MARKERS:
            elements.append(_Element("mark", (token,)))
            i += 1
        else:
            elements.append(_Element("np", (token,)))
            i += 1
    if after is None:
        raise ValueError("no '*' for the verb")
    return before, after


@dataclass(frozen=True)
class _Verb:
    lemma: str
    forms: frozenset[str]  # the surface forms it is restricted to, when written inflected ("LEFT")
    extra: tuple[str, ...]  # the words of a compound after the verb ("cordon off", "take note")
    code: tuple[str | None, str | None]  # the verb's own code and reverse code, alone
    line: int


def _code(text: str) -> tuple[str | None, str | None]:
    """``050`` / ``042:043`` / ``:173`` / ``---`` -> (code, reverse code); None for the null code."""
    forward, _, reverse = text.strip().partition(":")
    result = []
    for part in (forward.strip(), reverse.strip()):
        if not part or part == NULL_CODE:
            result.append(None)
        elif EVENT_CODE.fullmatch(part):
            result.append(part)
        else:
            raise ValueError(f"{part!r} is not an event code")
    return result[0], result[1]


def _split_code(line: str) -> tuple[str, str | None]:
    """A line's text and its ``[CODE]`` (an unclosed ``[CODE`` too)."""
    start = line.rfind("[")
    if start < 0:
        return line, None
    end = line.find("]", start)
    return line[:start], line[start + 1 : end if end > 0 else len(line)]


def _verb_entry(text: str, code: tuple[str | None, str | None], line: int) -> _Verb:
    """``SAY {SAID}``, ``+CORDON_OFF {...}``, ``WIRE_+TAP``: lemma, restricting forms, compound words."""
    word = re.sub(r"\{.*?\}", " ", text).split()[0]
    parts = [p for p in re.split(r"_", word) if p]
    verb_at = next((k for k, p in enumerate(parts) if p.startswith("+")), 0)
    parts = [p.lstrip("+") for p in parts]
    verb = fold(parts[verb_at])
    base = lemma(verb, "verb")
    lemma_words = [fold(p) for p in parts[:verb_at]] + [base]
    return _Verb(" ".join(lemma_words), frozenset({verb}) if base != verb else frozenset(),
                 tuple(fold(p) for p in parts[verb_at + 1 :]), code, line)


@dataclass
class _PatternLine:
    line: int
    text: str
    before: list[_Element]
    after: list[_Element]
    code: str
    reverse: str | None


def _translate(pattern: _PatternLine, synsets: Synsets) -> list[Pattern]:
    """A PETRARCH pattern -> our patterns (one per phrase of a set in a head position), for no verb yet.

    After the verb: a particle ("SET * OUT"), then the first noun phrase is the object (its last word the
    head), the first prepositional phrase gives the preposition and its object; further words must follow
    the verb. Before the verb: words that must precede it, and ``%`` for a compound actor.
    """
    before: list[str] = []
    subject: list[str] = []
    compound = False
    for element in pattern.before:
        if element.kind == "mark":
            compound |= element.words == ("%",)
        else:  # a noun phrase before the verb is its subject's ("POLICE *"), a phrase one of its clause
            (subject if element.kind == "np" else before).extend(w for w in element.words if w not in MARKERS)
    nps: list[_Element] = []
    pps: list[_Element] = []
    after: list[str] = []
    source_preps: frozenset[str] = frozenset()
    for element in pattern.after:
        if element.kind == "mark" or "$" in element.words:  # "(FROM $)": the source's phrase, not a target's
            after += [w for w in element.words if w not in MARKERS]
            if element.kind == "pp":
                source_preps |= {fold(p) for p in element.words[0].split("/")}
        else:
            (pps if element.kind == "pp" else nps).append(element)
    sourced_after = bool(source_preps) or any(e.words == ("$",) for e in pattern.after)
    particle = None
    if nps and len(nps[0].words) == 1 and fold(nps[0].words[0]) in PARTICLES:
        word = nps.pop(0).words[0]
        if fold(word) in PREPOSITIONS and nps and not pps:  # "AGREE * ON &SOLUTION": a phrase without brackets
            pps.append(_Element("pp", (word, *nps.pop(0).words)))
        else:
            particle = fold(word)
    if nps and len(nps[0].words) == 1 and _adverb(nps[0].words[0]):  # "CLASH * PUBLICLY (WITH)"
        after.append(nps.pop(0).words[0])
    xcomps: frozenset[str] = frozenset()
    if nps and len(nps[0].words) == 2 and fold(nps[0].words[0]) == "to":  # "SIGN * {TO SUPPLY}"
        xcomps = frozenset({lemma(fold(nps.pop(0).words[1]), "verb")})
    obj = list(nps.pop(0).words) if nps else []
    after += [w for e in nps for w in e.words]
    prep, prep_words = None, []
    # The phrase marked as the target's ("(AT ^) (WITH +)") is the pattern's preposition, else the first one
    # not marked as skipped; the others must follow the verb, and the skipped ones hold no target.
    skipped = frozenset(fold(p) for e in pps if "^" in e.words and "+" not in e.words for p in e.words[0].split("/"))
    primary = next((e for e in pps if "+" in e.words), next((e for e in pps if "^" not in e.words), None))
    if primary is not None:
        prep, *prep_words = (w for w in primary.words if w not in MARKERS)
        prep = fold(prep)  # "(BY/WITH &WEAPON)": either preposition
    after += [w for e in pps if e is not primary for w in e.words if w not in MARKERS]
    if particle and prep:
        after.append(particle)
        particle = None
    if sourced_after and not source_preps:  # "* {MAY DAY} $": the source is in a further phrase of the verb
        source_preps = VERB_PHRASE_PREPS - {prep}
    results = []
    before_words, after_words, subject_words = (synsets.expand(w)[0] for w in (before, after, subject))
    objects, prep_objects = synsets.expand(obj, head=True), synsets.expand(prep_words, head=True)
    for obj_phrase, prep_phrase in itertools.product(objects, prep_objects):
        base = Pattern(
            code=pattern.code, lemma="", noun=False, xcomps=xcomps,
            objects=obj_phrase[-1] if obj_phrase else frozenset(), object_words=obj_phrase[:-1],
            preps=frozenset(p for p in (*(prep or "").split("/"), particle) if p),
            prep_objects=prep_phrase[-1] if prep_phrase else frozenset(),
            before=before_words, subject_words=subject_words, after=(*prep_phrase[:-1], *after_words),
            compound=compound, source_preps=source_preps,
            reverse_code=pattern.reverse, skipped=skipped, rule=f"{pattern.line}:{pattern.text}")
        results.append(base)
        if prep == "to" and len(prep_phrase) == 1 and not xcomps:
            # "(TO LEAVE)" may be a clause ("allowed them to leave") as well as a phrase ("(TO PEACE)").
            results.append(replace(base, preps=frozenset({particle} - {None}), prep_objects=frozenset(),
                                   xcomps=frozenset(lemma(w, "verb") for w in prep_phrase[0])))
    return results


def _bare(verb: _Verb) -> Pattern | None:
    """The pattern of a verb alone, with its compound's particle or object."""
    code, reverse = verb.code
    if code is None:
        return None
    extra = list(verb.extra)
    preps = frozenset(w for w in extra[:1] if w in PARTICLES)
    objects = frozenset(lemma(w, "noun") for w in extra[:1] if w not in PARTICLES)
    after = tuple(_word_forms(w) for w in extra[1:])
    return Pattern(code=code, lemma=verb.lemma, noun=False, forms=verb.forms, preps=preps, objects=objects,
                   after=after, reverse_code=reverse, rule=f"{verb.line}:{verb.lemma}")


def read_verbs(path: Path, lexicon: EventLexicon, counts: Counter[str],
               reporting_verbs: frozenset[str] = frozenset()) -> int:
    """Add the patterns of a PETRARCH verb dictionary to ``lexicon``; return how many.

    The bare "make a statement" code (010) of a reporting verb ("SAY", "ANNOUNCE") is not loaded: our
    coder does not code every "X said" as an event, only statements about another side's act.
    """
    synsets = Synsets()
    blocks: list[tuple[list[_Verb], list[_PatternLine]]] = []
    synset: str | None = None
    block_code: tuple[str | None, str | None] = (None, None)
    transformations: list[int] = []
    local: Counter[str] = Counter()
    for number, raw in dictionary_lines(path):
        line = raw.strip()
        if synset and line.startswith("+"):
            synsets.add(synset, line[1:])
            continue
        synset = None
        try:
            if line.startswith("&"):
                synset = line.split()[0]
            elif line.startswith("---"):
                blocks.append(([], []))
                block_code = (None, None)
                code = _split_code(line.strip("- "))[1]
                block_code = _code(code) if code is not None else (None, None)
            elif line.startswith("~"):
                if "=" not in line:
                    raise ValueError("a transformation needs '='")
                transformations.append(number)
            elif not blocks:
                raise ValueError("verb or pattern outside a '--- NAME [CODE] ---' block")
            elif line.startswith(("-", "*")):
                if line.startswith("*"):
                    skip(path, number, "pattern without its leading '-': read as a pattern")
                text, code = _split_code(line.removeprefix("-"))
                if code is None:
                    raise ValueError("pattern without a [CODE]")
                forward, reverse = _code(code)
                before, after = parse_petrarch_pattern(text)
                if forward is None and reverse:
                    local["patterns with only a reverse code not applied"] += 1
                    continue
                blocks[-1][1].append(_PatternLine(number, " ".join(text.split()), before, after,
                                                  forward or NULL_CODE, reverse))
            else:
                text, code = _split_code(line)
                blocks[-1][0].append(_verb_entry(text, block_code if code is None else _code(code), number))
        except (ValueError, IndexError) as exc:
            skip(path, number, f"{exc}: {line!r}")
    templates: dict[int, list[Pattern]] = {}
    for _, patterns in blocks:
        for pattern in patterns:
            try:
                templates[pattern.line] = _translate(pattern, synsets)
            except ValueError as exc:
                skip(path, pattern.line, f"{exc}: {pattern.text!r}")
    loaded = 0
    for verbs, patterns in blocks:
        for verb in verbs:
            translated = [p for p in [_bare(verb)] if p]
            if verb.lemma in reporting_verbs and verb.code[0] == STATEMENT and not verb.extra:
                local["bare statement codes of reporting verbs left to the coder's statement rule"] += 1
                translated = []
            extra = tuple(_word_forms(w) for w in verb.extra)
            translated += [Pattern(**{**vars(t), "lemma": verb.lemma, "forms": verb.forms, "after": extra + t.after})
                           for p in patterns for t in templates.get(p.line, ())]
            for item in _merge_alternatives(translated):
                for code in (item.code, item.reverse_code):
                    if code and code != NULL_CODE:
                        lexicon.admit(code)
                lexicon.add(Pattern(**{**vars(item), "rule": f"{path.name}:{item.rule}"}))
                loaded += 1
    local["transformations not applied (a reported event is coded as itself, mode 'reported')"] = \
        len(transformations)
    _summarise(path, local, counts)
    counts["patterns"] += loaded
    return loaded


def _merge_alternatives(patterns: list[Pattern]) -> list[Pattern]:
    """One pattern for those that differ only in their object's head ("* RELIEF", "* &FOOD" [073]), or
    only in their preposition's object, and none twice: fewer patterns for the coder to try."""
    merged: dict[tuple, Pattern] = {}
    for pattern in patterns:
        open_objects = bool(pattern.objects) and not pattern.object_words and not pattern.prep_objects
        open_preps = bool(pattern.prep_objects) and not pattern.objects
        key = (replace(pattern, rule="", objects=frozenset() if open_objects else pattern.objects,
                       prep_objects=frozenset() if open_preps else pattern.prep_objects), open_objects, open_preps)
        if key not in merged:
            merged[key] = pattern
            continue
        first = merged[key]
        lines, text = first.rule.split(":", 1)
        line = pattern.rule.split(":", 1)[0]
        merged[key] = replace(first, objects=first.objects | pattern.objects,
                              prep_objects=first.prep_objects | pattern.prep_objects,
                              rule=first.rule if line in lines.split(",") else f"{lines},{line}:{text}")
    return list(merged.values())


def _summarise(path: Path, local: Counter[str], counts: Counter[str]) -> None:
    """One warning per construct a file uses that the coder does not apply; the counts go to ``counts``."""
    for what, n in local.items():
        if n:
            skip(path, None, f"{n} {what}")
    counts.update(local)


# -- actors --------------------------------------------------------------------------------------------
def _day(text: str) -> dt.date:
    """YYMMDD (00-30 are 20YY) or YYYYMMDD."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"{text!r} is not a YYMMDD or YYYYMMDD date")
    if len(text) == 6:
        text = ("20" if int(text[:2]) <= 30 else "19") + text
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))


@dataclass(frozen=True)
class _Coded:
    code: str
    start: dt.date | None  # inclusive
    end: dt.date | None  # inclusive


def _coded(text: str) -> _Coded | None:
    """``CODE``, ``CODE <DATE``, ``CODE >DATE``, ``CODE DATE-DATE`` -> a code and its days; None if null."""
    code, _, when = text.strip().partition(" ")
    code, when = code.upper(), "".join(when.split())
    if not code:
        raise ValueError("empty code")
    if code == NULL_CODE:
        return None
    if not when:
        return _Coded(code, None, None)
    if when[0] == "<":
        return _Coded(code, None, _day(when[1:]))
    if when[0] == ">":
        return _Coded(code, _day(when[1:]), None)
    first, dash, last = when.partition("-")
    if not dash:
        raise ValueError(f"{when!r} is not <DATE, >DATE or DATE-DATE")
    return _Coded(code, _day(first), _day(last))


def _holders(name: str, codes: list[_Coded]) -> tuple[Holder, ...]:
    """Date-ranged codes as office terms, in the dictionary's order (the first that holds wins), the
    undated default last. A range ends the day before another one starts on its last day."""
    starts = {c.start for c in codes if c.start}
    holders = []
    for c in codes:
        if c.start is None and c.end is None:
            continue
        end = None if c.end is None else c.end if c.end in starts else c.end + dt.timedelta(days=1)
        holders.append(Holder(name, c.code, "", c.start or dt.date.min, end))
    holders += [Holder(name, c.code, "", dt.date.min, None) for c in codes if c.start is None and c.end is None][:1]
    return tuple(holders)


def _acronym(phrase: str) -> bool:
    """Everything in these files is in capitals; an acronym is a word of at most three letters, or one
    with dots ("K.U."): it must be in capitals in the text too ("US", not "us")."""
    words = _split_words(phrase)
    return len(words) == 1 and (len(words[0].strip(".")) <= 3 or "." in words[0].strip("."))


def read_actors(path: Path, lexicon: ActorLexicon, counts: Counter[str]) -> int:
    """Add the actors of a PETRARCH actor dictionary to ``lexicon``; return how many records."""
    records = 0
    phrases: list[str] = []
    codes: list[_Coded] = []
    first_line = 0
    nulls = 0
    uncoded: list[int] = []

    def flush() -> None:
        nonlocal records
        if not phrases:
            return
        name = " ".join(_split_words(phrases[0])).title()
        if not codes:
            if not nulls:
                uncoded.append(first_line)
            return
        if any(c.start or c.end for c in codes):
            holders = _holders(name, codes)
            # Not in lexicon.holders, which lists offices by role: a PETRARCH term names no role.
            entry = Entry(kind="person", code=holders[0].code, name=name, holders=holders)
        else:
            entry = actor_entry(codes[0].code, name)
        for phrase in phrases:
            lexicon.add(" ".join(_split_words(phrase)), entry, acronym=_acronym(phrase))
        records += 1

    for number, raw in dictionary_lines(path):
        line = raw.strip()
        text = re.sub(r"\[[^\]]*\]?", " ", line).strip()
        if line.startswith("+"):
            if not phrases:
                skip(path, number, f"synonym before any actor: {line!r}")
                continue
            phrases.append(text[1:])
        elif not line.startswith("["):
            flush()
            phrases, codes, first_line, nulls = [text], [], number, 0
        for bracket in re.findall(r"\[([^\]]*)\]?", line):
            try:
                coded = _coded(bracket)
            except ValueError as exc:
                skip(path, number, f"{exc}: {line!r}")
                continue
            if coded is None:
                nulls += 1
            elif phrases:
                codes.append(coded)
    flush()
    counts["actor records"] += records
    if uncoded:
        skip(path, uncoded[0], f"{len(uncoded)} actor(s) without any code not loaded (first here)")
    return records


# -- agents --------------------------------------------------------------------------------------------
@functools.cache
def _builtin_agent_types() -> dict[str, str]:
    """Our own agent nouns' types (person, group, organization), which PETRARCH agent files do not give."""
    return {fold(row["text"]): row["type"] for _, row in read_csv_rows(DATA_DIR / "actors" / "agents.csv",
                                                                      ["text", "agent", "type"])}


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") else word + "es" if word.endswith("ss") else word + "s"


def read_agents(path: Path, lexicon: ActorLexicon, counts: Counter[str]) -> int:
    """Add the agent nouns of a PETRARCH agent dictionary to ``lexicon``; return how many phrases."""
    substitutions: dict[str, list[str]] = {}
    types = _builtin_agent_types()
    loaded = 0
    for number, raw in dictionary_lines(path):
        line = raw.strip()
        if line.startswith("!") and "=" in line:
            marker, _, values = line.partition("=")
            substitutions[marker.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        text, code = _split_code(line)
        code = (code or "").replace(" ", "").upper()
        if code.count("~") != 1 or len(code) < 2 or code.strip("~") == "":
            skip(path, number, f"agent code must be ~CODE or CODE~: {line!r}")
            continue
        plurals_text = re.search(r"\{([^}]*)\}", text)
        phrase = re.sub(r"\{[^}]*\}", " ", text).strip()
        markers = re.findall(r"![^!\s]+!", phrase)
        unknown = [m for m in markers if m not in substitutions]
        if unknown or not phrase:
            skip(path, number, f"undefined substitution {unknown[0]}" if unknown else f"no phrase: {line!r}")
            continue
        forms = [phrase]
        for marker in markers:
            forms = [f.replace(marker, value, 1) for f in forms for value in substitutions[marker]]
        singular = [" ".join(_split_words(f)).lower() for f in forms]
        if plurals_text is not None:
            plurals = [" ".join(_split_words(p)).lower() for p in plurals_text.group(1).split()]
        else:
            plurals = [" ".join([*s.split()[:-1], _plural(s.split()[-1])]) for s in singular if not markers]
        prefix = code.endswith("~")
        agent = code.strip("~")
        no_plural = plurals_text is not None and not plurals_text.group(1).strip()
        for text_form in singular + plurals:
            kind = types.get(text_form, "group" if text_form in plurals or no_plural else "person")
            lexicon.add(text_form, Entry(kind="agent", code=agent, name=singular[0], agent_type=kind, prefix=prefix,
                                         plural=not no_plural))
            loaded += 1
    counts["agent phrases"] += loaded
    return loaded


# -- discards ------------------------------------------------------------------------------------------
def read_discards(path: Path, counts: Counter[str]) -> set[str]:
    """The discard words and phrases (folded, words joined by spaces), which the coder applies to sentences
    (a story discard to its sentence)."""
    words: set[str] = set()
    for _, raw in dictionary_lines(path):
        parts = _split_words(raw.strip().lstrip("+").strip())
        if parts:
            words.add(" ".join(fold(p) for p in parts))
    counts["discard words"] += len(words)
    return words


# -- the internal coding ontology ------------------------------------------------------------------------
def read_coding_ontology(path: Path, counts: Counter[str]) -> dict[str, str]:
    """The negations a PICO file defines: event code -> the code of the same verb negated. A value is a sum
    of hexadecimal terms (``110:0x1007f``, ``121:-0xFFFF+0x0070``); the negation of a code is the code whose
    value is its own less ``0xFFFF``, the last listed winning as in PETRARCH; most codes have none."""
    values: dict[str, int] = {}
    for number, raw in dictionary_lines(path):
        code, colon, expression = raw.strip().partition(":")
        if code.strip() == NULL_CODE:
            continue  # no event, so none to negate
        terms = PICO_TERM.findall(expression)
        if not colon or not EVENT_CODE.fullmatch(code.strip()) or not terms or PICO_TERM.sub("", expression).strip():
            skip(path, number, f"not a 'CODE:VALUE' line: {raw.strip()!r}")
            continue
        values[code.strip()] = sum(int(digits, 16) * (-1 if sign == "-" else 1) for sign, digits in terms)
    codes = {value: code for code, value in values.items()}
    negations = {code: codes[value - NEGATION] for code, value in values.items() if value - NEGATION in codes}
    counts["negated codes"] += len(negations)
    return negations
