"""The event lexicon: the CAMEO codebook and our verb and noun patterns."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from newsevents.errors import LexiconError
from newsevents.lexicons.files import DATA_DIR, fold, read_csv_rows, read_yaml, skip


def quad_class(root: str) -> int:
    """CAMEO root -> QuadClass: 01-05 verbal cooperation, 06-09 material cooperation,
    10-14 verbal conflict, 15-20 material conflict."""
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 9 else 3 if number <= 14 else 4


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover: str | None
    plover_mode: str | None
    plover_context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        return quad_class(self.root)


NO_EVENT = "---"  # the code of an exception pattern: where it is the narrowest that fits, nothing is coded

# Prepositions of a verb that bring a counterpart when the pattern names none: ours leave out "at", "for",
# "in" ("at the request of X", "left for talks", "met in Moscow").
TARGET_PREPS = frozenset({"against", "with", "on", "upon", "to", "toward", "towards"})

Words = tuple[frozenset[str], ...]  # each element: alternative words, one of which must occur


@dataclass(frozen=True)
class Pattern:
    """One verb or noun pattern (see docs/lexicons.md).

    Our YAML pattern language sets ``objects``, ``preps`` and ``xcomps``. The remaining fields carry
    constraints of richer dictionaries (PETRARCH's, see ``lexicons/petrarch.py``) that the YAML language
    does not write; all default to "no constraint". Words are folded lemmas or word forms.
    """

    code: str
    lemma: str
    noun: bool
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    xcomps: frozenset[str] = frozenset()
    rule: str = ""
    forms: frozenset[str] = frozenset()  # the trigger's own word form must be one of these ("left", not "leave")
    object_words: Words = ()  # further words of the object's phrase ("diplomatic ties")
    prep_objects: frozenset[str] = frozenset()  # heads of the @prep's object ("agree on trade")
    before: Words = ()  # words before the trigger in its clause ("(DESPITE) *")
    subject_words: Words = ()  # words of the subject's phrase, not its determiners ("{DEATH TOLL} *")
    after: Words = ()  # words after the trigger in its clause, beyond the object and @prep phrase
    compound: bool = False  # the source must be several actors, who act towards each other
    reverse_code: str | None = None  # a paired event from the target to the source ("left for": 042 / 043)
    skipped: frozenset[str] = frozenset()  # prepositions whose phrase holds no target ("(AT ^)")
    # prepositions whose phrase holds the source, the subject being acted upon ("* (FROM $)", "* {MAY DAY} $")
    source_preps: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        return (bool(self.objects) + bool(self.preps) + bool(self.xcomps) + bool(self.forms) + len(self.object_words)
                + bool(self.prep_objects) + len(self.before) + len(self.subject_words) + len(self.after)
                + self.compound + bool(self.source_preps))


def parse_pattern(text: str, code: str, noun: bool, rule: str) -> Pattern:
    """``impose +sanction|embargo @on >x`` -> Pattern; raises ValueError when malformed."""
    tokens = fold(text).split()
    if not tokens or tokens[0][0] in "+@>":
        raise ValueError("a pattern starts with the lemma")
    lemma, constraints = tokens[0], {"+": set(), "@": set(), ">": set()}
    for token in tokens[1:]:
        if token[0] not in constraints or len(token) < 2:
            # Multi-word lemmas ("hunger strike") are written joined by spaces in the lemma slot.
            if any(constraints.values()):
                raise ValueError(f"unexpected token {token!r}")
            lemma = f"{lemma} {token}"
            continue
        constraints[token[0]].update(v for v in token[1:].split("|") if v)
    if noun and (constraints["+"] or constraints[">"]):
        raise ValueError("noun patterns take only @PREP tokens")
    return Pattern(
        code=code, lemma=lemma, noun=noun, objects=frozenset(constraints["+"]),
        preps=frozenset(constraints["@"]), xcomps=frozenset(constraints[">"]), rule=rule,
    )


@dataclass
class EventLexicon:
    codebook: dict[str, CameoCode] = field(default_factory=dict)
    verbs: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    # "X said that Y attacked Z" also gives X's statement about Y: our convention. PETRARCH's dictionaries
    # code the reported act alone, so a lexicon of theirs alone turns it off.
    statements: bool = True
    target_preps: frozenset[str] = TARGET_PREPS
    # The phrases of a participle that modifies an object and hold a target ("assurances sent from X").
    participle_preps: frozenset[str] = frozenset({"from"})
    participle_objects: bool = False  # and its object ("the parade supporting X"): PETRARCH's convention
    # PETRARCH's conventions: a source may come from a phrase, the subject's own when it names no actor, or one
    # of these prepositions of a passive without "by" (not a destination's: "sent to X" is not sent by X).
    subject_phrase_sources: bool = False
    passive_source_preps: frozenset[str] = frozenset()
    sources_as_targets: bool = False  # PETRARCH's: of several sources, one may be another's target
    nested_acts: bool = False  # PETRARCH's: an act whose clause holds another act takes no target from it
    regular_forms: bool = False  # PETRARCH's: a verb is met only in the forms it generates, not "departes"
    # A PETRARCH coding ontology's negations: a verb negated in its own clause codes the paired code
    # ("did not clash" [110] is 050); without one, a negated event keeps its code and is marked negated.
    negations: dict[str, str] = field(default_factory=dict)

    def add(self, pattern: Pattern) -> None:
        table = self.nouns if pattern.noun else self.verbs
        # The head lemma is the last word of a multi-word lemma ("hunger strike" -> strike).
        table[pattern.lemma.split()[-1]].append(pattern)

    def merge(self, other: EventLexicon, replace: bool = False) -> None:
        """Add another lexicon's patterns and the codes it adds; with replace, its lemmas drop ours."""
        for mine, theirs in ((self.verbs, other.verbs), (self.nouns, other.nouns)):
            for lemma, patterns in theirs.items():
                mine[lemma] = list(patterns) if replace else [*patterns, *mine.get(lemma, [])]
        for code, entry in other.codebook.items():
            self.codebook.setdefault(code, entry)

    def admit(self, code: str) -> None:
        """Make a dictionary's own code ("0579", "102b") describable as itself, with the Goldstein score and
        PLOVER type of its nearest CAMEO parent, so that events report the code the dictionary gave."""
        if code in self.codebook:
            return
        try:
            parent = self.describe(code)
        except KeyError:
            parent = None
        self.codebook[code] = CameoCode(
            code, f"dictionary code {code}" + (f" ({parent.name})" if parent else ""),
            parent.goldstein if parent else 0.0, parent.plover if parent else None,
            parent.plover_mode if parent else None, parent.plover_context if parent else None,
        )

    def describe(self, code: str) -> CameoCode:
        """The codebook entry of ``code``, or of its nearest parent code."""
        for length in range(len(code), 1, -1):
            if code[:length] in self.codebook:
                return self.codebook[code[:length]]
        raise KeyError(code)


@cache
def shipped_codebook() -> dict[str, CameoCode]:
    """The CAMEO codebook that ships with newsevents (read once; do not change it)."""
    return load_codebook(DATA_DIR / "cameo.csv")


@cache
def plover_types() -> frozenset[str]:
    """The PLOVER event types the shipped codebook maps CAMEO codes to."""
    return frozenset(entry.plover for entry in shipped_codebook().values() if entry.plover)


def load_codebook(path: Path) -> dict[str, CameoCode]:
    codebook: dict[str, CameoCode] = {}
    for line, row in read_csv_rows(path, ["code", "name", "goldstein"]):
        code = row["code"]
        if not code.isdigit() or not 2 <= len(code) <= 4 or not 1 <= int(code[:2]) <= 20:
            skip(path, line, f"{code!r} is not a CAMEO code")
            continue
        try:
            goldstein = float(row["goldstein"])
        except ValueError:
            skip(path, line, f"Goldstein {row['goldstein']!r} is not a number")
            continue
        plover = [row.get(column) or None for column in ("plover", "plover_mode", "plover_context")]
        codebook[code] = CameoCode(code, row["name"], goldstein, *plover)
    return codebook


def load_patterns(path: Path, lexicon: EventLexicon) -> int:
    """Add the patterns of one YAML file; return how many loaded."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping of CAMEO codes to patterns")
    loaded = 0
    for code, body in data.items():
        code = str(code)
        if code not in lexicon.codebook:
            skip(path, None, f"code {code!r} is not in the CAMEO codebook")
            continue
        for kind in ("verbs", "nouns"):
            for text in (body or {}).get(kind) or []:
                try:
                    lexicon.add(parse_pattern(str(text), code, kind == "nouns", f"{path.stem}:{code}:{text}"))
                    loaded += 1
                except ValueError as exc:
                    skip(path, None, f"{code} {kind} {text!r}: {exc}")
    return loaded


def load_event_lexicon(data_dir: Path = DATA_DIR) -> EventLexicon:
    lexicon = EventLexicon(codebook=load_codebook(data_dir / "cameo.csv"))
    for path in sorted((data_dir / "patterns").glob("*.yaml")):
        load_patterns(path, lexicon)
    return lexicon
