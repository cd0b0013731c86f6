"""Events: a coder over the dependency parse.

A trigger is a verb or a nominalised act whose lemma has patterns in the event lexicon. The most
specific matching pattern gives the CAMEO code. The source is the syntactic subject (inherited
through conjoined, controlled and relative clauses, or the agent of a passive); the target comes
only from syntactic slots: the pattern's preposition, the direct object or its "of/on/against"
phrase, the indirect object, or the subject of a demanded or threatened clause. No noun is taken as a
target just for following the verb.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsevents.learn.features import dyad_features, sentence_features
from newsevents.learn.model import COOPERATION, EventModel
from newsevents.lexicons import Lexicon
from newsevents.lexicons.events import NO_EVENT, Pattern
from newsevents.lexicons.petrarch import verb_forms
from newsevents.model import Actor, Event, Place, Quote, TimeExpr, Trigger
from newsevents.pipeline.actors import ActorIndex, Mention
from newsevents.pipeline.tokens import sentence_number, sentence_of, sentences, tokens
from newsevents.pipeline.tone import valences

OBJECT_PREPS = {"of", "on", "against", "to", "with", "for", "from", "upon", "between", "by"}  # "attack by X"
SUBJECT_DEPS = {"nsubj", "csubj"}
CLAUSE_UP = {"xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "pcomp", "acomp"}  # acomp: "is about to sign"
MAX_EVENTS_PER_SENTENCE = 8
QUOTE_CRITICISM = "111"  # Criticize or denounce
STATEMENT = "010"  # Make statement
NEGATIVE_QUOTE_WORDS = 2  # at least this many negative words, and more than positive ones
MAX_CONJUNCTS = 5
# Acts that several sources without a counterpart do together, towards each other ("Norway and Sweden
# signed a pact"); "Russia and China condemned ..." has no counterpart among them.
MUTUAL_ROOTS = {"03", "04", "05", "06"}


PARTITIVES = {"number", "group", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "handful",
              "couple", "pair", "total", "some", "several", "all", "most", "many", "few", "part", "batch",
              "team", "contingent", "delegation", "series", "wave", "round", "set"}


def _says(token: Token, words: frozenset[str]) -> bool:
    """Is the token one of these words, as written or as its lemma?"""
    return token.lower_ in words or token.lemma_.lower() in words


def _partitive(noun: Token) -> list[Token]:
    """The real head behind a quantity: "a number of diplomats" -> diplomats."""
    if noun.lemma_.lower() not in PARTITIVES:
        return []
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _phrase_fits(head: Token, slots: tuple[frozenset[str], ...]) -> bool:
    """Do the words before a noun spell the rest of its phrase, read back from the noun: the nearest
    word right before it, the others in order with other words between ("improved global economic
    relations" fits "improved economic relations"; "economic secret memos" does not fit "economic memos")."""
    words = list(head.doc[head.left_edge.i : head.i])
    k = len(words) - 1
    for n, slot in enumerate(reversed(slots)):
        while k >= 0 and n > 0 and not _says(words[k], slot):
            k -= 1
        if k < 0 or not _says(words[k], slot):
            return False
        k -= 1
    return True


def _objects(verb: Token) -> list[Token]:
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
    if not objects:  # a noun after the verb parsed as its adverbial ("contribute a million gold florin to X")
        objects = [c for c in verb.children if c.dep_ in {"advmod", "npadvmod"} and c.pos_ == "NOUN" and c.i > verb.i]
    objects += [g for o in objects for g in o.conjuncts]
    return objects + [g for o in objects for g in _partitive(o)]  # "expel a number of diplomats"


def _clause_objects(verb: Token) -> list[list[Token]]:
    """The verb's objects, then those of each clause it governs."""
    return [_objects(clause) for clause in (verb, *(c for c in verb.children if c.dep_ == "xcomp"))]


def _named_objects(clauses: list[list[Token]], pattern: Pattern) -> list[Token]:
    """The objects a pattern names (``clauses`` from ``_clause_objects``): the verb's own, else those of the
    clause it governs ("vowed to wage war")."""
    for objects in clauses:
        named = [o for o in objects if _says(o, pattern.objects)
                 and (not pattern.object_words or _phrase_fits(o, pattern.object_words))]
        if named:
            return named
    return []


@dataclass(frozen=True)
class _Role:
    mention: Mention
    direct: bool  # found in the trigger's own slot, not inherited or searched for


def _same_family(source: str, target: str) -> bool:
    """One actor's code extends the other's (IRN and IRNGOV, AFGREB and AFGREBMIL): no act between the two."""
    return source.startswith(target) or target.startswith(source)


def _clearly_negative(span: Span) -> bool:
    table = valences()
    scores = [table.get(t.lower_, table.get(t.lemma_.lower(), 0.0)) for t in span if t.is_alpha]
    negative = sum(v < 0 for v in scores)
    return negative >= NEGATIVE_QUOTE_WORDS and negative > sum(v > 0 for v in scores)


def dated_value(value: str) -> str | None:
    """The YYYY-MM-DD, YYYY-MM or YYYY prefix of a TIMEX3 value, when it names a calendar date
    (a time of day, "2021-11-26T15:00", dates its day)."""
    parts = value.split("T", 1)[0].split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    kept = [parts[0]]
    for part in parts[1:3]:
        if len(part) == 2 and part.isdigit():
            kept.append(part)
        else:
            break
    return "-".join(kept)


class EventCoder:
    def __init__(self, doc: Doc, lexicon: Lexicon, actors: ActorIndex, doc_id: str,
                 times: list[tuple[Span, TimeExpr]], places: list[tuple[Span, Place]],
                 quote_spans: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.actors = actors
        self.doc_id = doc_id
        self.cues = lexicon.cues
        self.times = times
        self.places = places
        self.quote_spans = quote_spans
        self.discard_phrases: dict[str, list[str]] = {}  # by first word
        for phrase in (w for w in self.cues.sport_words if " " in w):
            self.discard_phrases.setdefault(phrase.split()[0], []).append(phrase)
        self._objects_at: dict[int, list[list[Token]]] = {}
        self._near_at: dict[tuple[int, int], list[Token]] = {}

    # -- triggers ------------------------------------------------------------------------------
    def best_pattern(self, token: Token) -> Pattern | None:
        lemma = token.lemma_.lower()
        verbs, nouns = self.lexicon.events.verbs.get(lemma), self.lexicon.events.nouns.get(lemma)
        if not verbs and not nouns:
            return None  # most words: decided by one look-up
        mention = self.actors.at(token)
        if mention is not None and not mention.modifier:
            return None  # "the North Atlantic Alliance" names an actor, not an act
        pos = token.pos_
        if pos in {"VERB", "AUX"} or (pos == "NOUN" and token.dep_ == "ROOT"):
            if self.lexicon.events.regular_forms and token.lower_ not in verb_forms(lemma):
                return None  # PETRARCH's: a verb is met in the forms it generates ("departes" is none of them)
            candidates = [p for p in verbs or [] if self._verb_fits(token, p)]
        elif pos in {"NOUN", "PROPN"}:
            candidates = [p for p in nouns or [] if self._noun_fits(token, p)]
        else:
            return None
        if not candidates:
            return None
        best = max(candidates, key=lambda p: (p.specificity, len(p.code)))
        return None if best.code == NO_EVENT else best  # an exception pattern: "passed away" is no event

    def _objects_of(self, verb: Token) -> list[list[Token]]:
        """``_clause_objects``, once per verb: a verb is tried against all its patterns."""
        if verb.i not in self._objects_at:
            self._objects_at[verb.i] = _clause_objects(verb)
        return self._objects_at[verb.i]

    def _near(self, verb: Token, side: int) -> list[Token]:
        """The words of the verb's clause before (side -1) or after (1) it, once per verb and side. The verb's
        own infinitive "to" is no preposition: "(TO) *" is a phrase before the verb."""
        if (verb.i, side) not in self._near_at:
            self._near_at[verb.i, side] = [t for t in verb.subtree if (t.i - verb.i) * side > 0
                                           and not (t.tag_ == "TO" and t.head.i == verb.i)]
        return self._near_at[verb.i, side]

    def _verb_fits(self, token: Token, pattern: Pattern) -> bool:
        """Every constraint of the pattern holds: ours (+object, @prep, >clause) and those that richer
        dictionaries carry (word forms, words of the object's phrase, the @prep's object, words before
        or after the verb in its clause, several subjects)."""
        if not EventCoder._noun_fits(token, pattern):
            return False
        if pattern.forms and token.lower_ not in pattern.forms:
            return False
        objects = _named_objects(self._objects_of(token), pattern) if pattern.objects else self._objects_of(token)[0]
        if pattern.objects and not objects:
            return False
        if pattern.preps:
            # The phrase may hang on the verb or on its object ("cut ties with Gondor").
            heads = [token, *objects] if pattern.objects or pattern.prep_objects else [token]
            preps = [c for h in heads for c in h.children
                     if c.dep_ in {"prep", "prt", "agent", "dative"} and c.lower_ in pattern.preps]
            if pattern.prep_objects:
                # The word heads the preposition's object or modifies it ("(ON TRADE)": "on trade issues"); a
                # preposition parsed as a particle has the verb's object for its own ("clash over the efforts").
                preps = [p for p in preps if any(_says(w, pattern.prep_objects) for g in p.children
                                                 if g.dep_ in {"pobj", "pcomp"}
                                                 for w in g.doc[g.left_edge.i : g.i + 1])
                         or p.dep_ == "prt" and any(_says(w, pattern.prep_objects) for g in p.head.children
                                                    if g.dep_ == "dobj" for w in g.doc[g.left_edge.i : g.i + 1])]
            if not preps:
                return False
        if pattern.xcomps:
            clauses = [c for c in token.children if c.dep_ in {"xcomp", "ccomp"}]
            if not any(c.lemma_.lower() in pattern.xcomps for c in clauses):
                return False
        for words, side in ((pattern.before, -1), (pattern.after, 1)):
            if words and not all(any(_says(t, slot) for t in self._near(token, side)) for slot in words):
                return False
        if pattern.subject_words and not all(any(_says(t, slot) for t in self._subject_phrase(token))
                                             for slot in pattern.subject_words):
            return False
        if pattern.compound:
            subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if not any(list(s.conjuncts) for s in subjects):
                return False
        return True

    @staticmethod
    def _subject_phrase(verb: Token) -> list[Token]:
        """The words of the verb's subject, or of the subject of the clause it continues, without determiners
        and conjunctions: "Eriador's death toll has risen" fits "{DEATH TOLL} *", "will host" does not fit
        "WILL *", nor "neither X nor Y" "NEITHER *"."""
        node = verb
        for _ in range(4):
            subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}]
            if subjects or node.dep_ not in {"xcomp", "conj"} or node.head.i == node.i:
                break
            node = node.head
        return [t for s in subjects for t in s.subtree if t.dep_ not in {"det", "predet", "preconj", "cc"}]

    @staticmethod
    def _noun_fits(token: Token, pattern: Pattern) -> bool:
        """The words of a multi-word lemma ("hunger strike") stand right before the head."""
        if " " in pattern.lemma:
            words = pattern.lemma.split()[:-1]
            before = [t.lemma_.lower() for t in token.doc[max(0, token.i - len(words)) : token.i]]
            if before != words:
                return False
        return True

    # -- arguments -----------------------------------------------------------------------------
    def _with_conjuncts(self, token: Token | None) -> list[Token]:
        if token is None:
            return []
        members = list(token.conjuncts)
        apposed = [c for c in token.children if c.dep_ == "appos" or (c.dep_ == "nmod" and c.conjuncts)]
        if members or any(a.conjuncts for a in apposed):
            # "Mordor, the awful Arnor, and Gondor": a list whose second name the parser took for an apposition,
            # or whose first names it took for a modifier of the last
            members = [m for a in apposed for m in (a, *a.conjuncts)] + members
        return [token, *members[: MAX_CONJUNCTS - 1]]

    def sources(self, verb: Token) -> list[_Role]:
        """Who acts: the subject, the agent of a passive, or the subject inherited from a governing clause."""
        direct = True
        node = verb
        came_from_xcomp = False
        for _ in range(6):
            passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in node.children)
            if passive and node is not verb and came_from_xcomp:
                # "Russia was asked to withdraw": the passive subject controls the clause below it.
                patient = next((c for c in node.children if c.dep_ == "nsubjpass"), None)
                return self._roles(self._with_conjuncts(patient), False)
            if passive:
                agent = next((c for c in node.children if c.dep_ == "agent"), None)
                pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
                if agent is None and self.lexicon.events.passive_source_preps:
                    # PETRARCH's: without "by", another phrase of the verb holds the source ("X was criticized
                    # over its dispute with Y": Y criticizes X), the first, down its chain, that names an actor.
                    phrases = [g for c in node.children if c.dep_ == "prep" and c.lower_ in
                               self.lexicon.events.passive_source_preps for g in c.children if g.dep_ == "pobj"]
                    return self._first_in_phrases(phrases, direct)
                return self._roles(self._with_conjuncts(pobj), direct)
            subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
            # Each subject with its conjuncts: a list may be parsed as two subjects ("Lions, tigers, and Gondor").
            roles = self._roles([t for s in subjects for t in self._with_conjuncts(s)], direct)
            if not roles and self.lexicon.events.subject_phrase_sources:
                # PETRARCH's: a subject that names no actor holds its source in its prepositional phrases, down
                # their chain ("resumption of ties between X and Y may spur ...": X and Y).
                roles = self._first_in_phrases([g for s in subjects for c in s.children if c.dep_ == "prep"
                                                and c.lower_ in OBJECT_PREPS for g in c.children if g.dep_ == "pobj"],
                                               False)
            if roles or (subjects and not (subjects[0].pos_ == "PRON" and node.dep_ == "ccomp")):
                return roles
            if subjects:
                # "Ethiopia indicated it would act": a pronoun no actor was found for, subject of a
                # complement, stands for the subject of the clause that governs it.
                node, direct = node.head, False
                continue
            if node.dep_ == "relcl":
                return self._roles([node.head], False)
            if node.dep_ in {"amod", "acl"} and node.tag_ == "VBG":
                return self._roles([node.head], True)  # "the visiting French minister": the minister visits
            if node.dep_ == "xcomp":
                # Object control ("urged Russia to withdraw"): the governing verb's object acts.
                objects = [c for c in node.head.children if c.dep_ == "dobj"]
                objects += [g for c in node.head.children if c.dep_ == "prep" and c.lower_ in {"on", "upon"}
                            for g in c.children if g.dep_ == "pobj"]  # "called on Moscow to reduce"
                controller = next((o for o in objects if self.actors.find(o, 1)), None)
                if controller is not None:
                    return self._roles([controller], False)
            if node.dep_ not in CLAUSE_UP - {"ccomp"} or node.head.i == node.i:
                break
            came_from_xcomp = node.dep_ == "xcomp"
            node, direct = node.head, False
        return []

    def _roles(self, tokens: list[Token], direct: bool) -> list[_Role]:
        roles = []
        for token in tokens:
            mention = self.actors.find(token)
            if mention:
                roles += [_Role(m, direct) for m in self.actors.shared(mention, self.doc)]
        return roles

    def targets(self, trigger: Token, pattern: Pattern, side: frozenset[str]) -> list[_Role]:
        """Who is acted upon: the first syntactic slot, in order of preference, that holds an actor
        other than the sources (``side``: their codes; "X and Y welcomed their talks" names no target).

        One slot (with its conjuncts: "met Grybauskaite and Linkevicius") gives the targets, so that
        a sentence does not explode into an event for every noun phrase near the verb.
        """
        children = list(trigger.children)

        def pobjs(prep_words: set[str] | frozenset[str], heads: list[Token] = children) -> list[Token]:
            return [g for c in heads if c.dep_ in {"prep", "prt", "dative", "agent"} and c.lower_ in prep_words
                    and c.lower_ not in pattern.skipped for g in c.children if g.dep_ == "pobj"]

        # A passive's subject is acted upon, also when parsed as an active one, or as its auxiliary's.
        auxiliaries = [c for c in children if c.dep_ == "auxpass"]
        patients = {"nsubjpass", "nsubj"} if auxiliaries else {"nsubjpass"}
        objects = [c for c in children if c.dep_ in {"dobj", "dative", "iobj"} | patients]
        objects += [g for a in auxiliaries for g in a.children if g.dep_ in patients]
        # The pattern's phrase may hang on the verb or on the object it names ("condemned an attack by X").
        named = _named_objects(self._objects_of(trigger), pattern) if pattern.objects else []
        # Each phrase is a slot of its own, searched down its "of" chain ("on a resolution against X").
        slots: list[list[Token]] = [self._search_of([p], side) for p in
                                    pobjs(pattern.preps, children + [c for o in named for c in o.children])]
        if pattern.noun:
            slots.append(self._search_of(pobjs(pattern.preps or OBJECT_PREPS), side))
        else:
            if trigger.lemma_.lower() in self.cues.topic_verbs:
                objects = [c for c in objects if c.dep_ != "dobj"]  # "discussed Ukraine": a topic
            for obj in objects:
                if pattern.objects and obj.lemma_.lower() in pattern.objects:
                    # "expelled a Russian diplomat" names the target; "imposed sanctions on Iran" holds it;
                    # "deployed (its) troops" names only the instrument.
                    if self._foreign(obj, side):
                        slots.append([obj])
                    slots.append(self._search_of(self._attached(obj), side))
                    slots.append([o for o in (obj, *_partitive(obj))
                                  if self.actors.at(o) is None or self._foreign(o, side)])
                else:
                    slots.append([obj, *_partitive(obj)])
                    slots.append(self._search_of(self._attached(obj), side))
            # "demanded that Russia ...". PETRARCH's: a clause that holds an act of its own is the target of an act,
            # which names no actor ("hosted X to celebrate ..."); a statement's is about its subject.
            nested = self.lexicon.events.nested_acts and not self._states(trigger, pattern)
            slots.append(self._search_of([c for clause in children if clause.dep_ == "ccomp"
                                          and not (nested and self.best_pattern(clause))
                                          for c in clause.children if c.dep_ in SUBJECT_DEPS], side))
            # The phrase may hang on the verb or on its object ("fired shells at X").
            slots += [self._search_of([p], side) for p in pobjs(self.lexicon.events.target_preps, children + [
                c for o in dict.fromkeys((*objects, *named)) for c in o.children])]
            for clause in (c for c in children if c.dep_ == "xcomp"):  # "proposed to hold talks with Russia"
                inner = [c for c in clause.children if c.dep_ == "dobj"]
                slots += [inner, self._search_of([g for o in inner for g in self._attached(o)], side),
                          pobjs(self.lexicon.events.target_preps, list(clause.children))]
        for slot in slots:
            found: list[_Role] = []
            for token in (t for s in slot for t in self._with_conjuncts(s)):
                mention = self.actors.find(token, avoid=side)
                for shared in self.actors.shared(mention, self.doc) if mention else []:
                    if all(r.mention.actor.code != shared.actor.code for r in found):
                        found.append(_Role(shared, True))
            if found:
                return found[:MAX_CONJUNCTS]
        host = next((h for h in map(self._host_country, pobjs(pattern.preps)) if h and h.code not in side), None)
        return [_Role(Mention(0, 0, host, 0), True)] if host else []

    def _phrase_sources(self, verb: Token, preps: frozenset[str]) -> list[_Role]:
        """The actors of the first phrase of these prepositions, on the verb or its object, down its chain."""
        heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        phrases = [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps
                   for g in c.children if g.dep_ == "pobj"]
        return self._first_in_phrases(sorted(phrases, key=lambda t: t.i), True)

    def _first_in_phrases(self, phrases: list[Token], direct: bool) -> list[_Role]:
        """The actors of the first phrase that names any, searched down its chain."""
        for phrase in phrases:
            roles = self._roles([t for c in self._search_of([phrase], frozenset()) for t in self._with_conjuncts(c)],
                                direct)
            if roles:
                return roles
        return []

    def _foreign(self, token: Token, side: frozenset[str]) -> bool:
        """Is this object someone else's ("a Russian diplomat"), not the sources' own means ("its troops")?"""
        mention = self.actors.at(token)
        if mention is None or mention.actor.country is None and not mention.actor.code.startswith("IGO"):
            return False
        return mention.actor.country not in {s[:3] for s in side} and mention.actor.code not in side

    def _host_country(self, token: Token) -> Actor | None:
        for span, place in self.places:
            if span.start <= token.i < span.end and place.country:
                return Actor(span=place.span, text=place.text, code=place.country, name=place.name,
                             country=place.country, type="country")
        return None

    def _search_of(self, nodes: list[Token], avoid: frozenset[str], depth: int = 4) -> list[Token]:
        """Nouns down an "of/to" chain: "the work of its permanent mission to the alliance"."""
        found: list[Token] = []
        for node in nodes:
            found.append(node)
            if depth and self.actors.find(node, 1, avoid) is None:
                found += self._search_of(self._attached(node), avoid, depth - 1)
        return found

    def _attached(self, noun: Token) -> list[Token]:
        """The nouns of a noun's own phrases and clauses: "sanctions on Iran", "hopes that Iran would ...",
        "memos sent by Iran", "assurances sent from Iran" (PETRARCH's: "links leading into Iran")."""
        found = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS
                 for g in c.children if g.dep_ == "pobj"]
        for clause in (c for c in noun.children if c.dep_ == "acl"):
            if any(g.dep_ == "mark" for g in clause.children):  # a content clause: its subject
                found += [g for g in clause.children if g.dep_ in {"nsubj", "nsubjpass"}]
            else:  # a participle: its agent ("sent by X") or a phrase of the lexicon's ("sent from X")
                found += [g for a in clause.children if a.dep_ == "agent"
                          or (a.dep_ == "prep" and a.lower_ in self.lexicon.events.participle_preps)
                          for g in a.children if g.dep_ == "pobj"]
                if self.lexicon.events.participle_objects:  # "the parade supporting X"
                    found += [g for g in clause.children if g.dep_ == "dobj"]
        return found

    def noun_sources(self, noun: Token) -> list[_Role]:
        for child in noun.children:
            if child.dep_ in {"poss", "compound"}:
                mention = self.actors.find(child, 0)
                if mention:
                    return [_Role(mention, True)]
            if child.dep_ == "prep" and child.lower_ == "by":
                return self._roles([g for g in child.children if g.dep_ == "pobj"], True)
        if (noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}
                and noun.head.lemma_.lower() in self.cues.support_verbs):
            return [_Role(r.mention, False) for r in self.sources(noun.head)]
        return []

    # -- mode, negation, date, place -------------------------------------------------------------
    def _clause_chain(self, token: Token) -> Iterator[Token]:
        """The trigger's verb and the verbs above it, up to and excluding a reporting verb."""
        node = token
        if token.pos_ in {"NOUN", "PROPN"} and token.head.pos_ in {"VERB", "AUX"}:
            yield token
            node = token.head
        for _ in range(8):
            yield node
            if node.dep_ not in CLAUSE_UP or node.head.i == node.i:
                return
            if node.dep_ == "ccomp" and node.head.lemma_.lower() in self.cues.reporting_verbs:
                return
            node = node.head

    def reporter(self, token: Token) -> Token | None:
        """The reporting verb whose complement holds the trigger ("X said that ...", "As X noted, ...").

        A speech verb without a speaker ("Recall that ...") reports nothing.
        """
        verb = self._reporting_clause(token)
        if verb is not None and any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in verb.children):
            return verb
        return None

    def _reporting_clause(self, token: Token) -> Token | None:
        node = token
        for _ in range(8):
            for child in node.children:
                if (child.dep_ in {"advcl", "parataxis"} and child.lemma_.lower() in self.cues.reporting_verbs
                        and child.i != token.i and not child.is_ancestor(token) and (child.dep_ == "parataxis"
                                                   or any(c.lower_ == "as" for c in child.children))):
                    return child
            if node.head.i == node.i:
                return None
            if node.dep_ in {"ccomp", "parataxis"} and node.head.lemma_.lower() in self.cues.reporting_verbs:
                return node.head
            if node.dep_ in {"advcl"} and node.head.lemma_.lower() in self.cues.reporting_verbs:
                return node.head
            if node.dep_ not in CLAUSE_UP | {"dobj", "pobj", "prep", "nsubj", "nsubjpass"}:
                return None
            node = node.head
        return None

    def negated(self, token: Token) -> bool:
        """"did not expel", "no sanctions", "refused to meet", "failed to agree and sign"."""
        node = token
        if token.pos_ in {"NOUN", "PROPN"}:
            if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
                return True
            if token.dep_ not in {"dobj", "nsubjpass"}:
                return False
            node = token.head
        for _ in range(6):
            if any(c.dep_ == "dobj" and any(g.lower_ == "no" and g.dep_ == "det" for g in c.children)
                   for c in node.children) or self._not(node):
                return True
            if node is not token and node.lemma_.lower() in self.cues.negating_verbs:
                return True
            climbs = node.dep_ == "xcomp" or (node.dep_ == "conj" and node.head.dep_ == "xcomp")
            if not climbs or node.head.i == node.i:
                return False
            node = node.head
        return False

    @staticmethod
    def _not(verb: Token) -> bool:
        """Does "not" modify the verb itself ("did not clash", "won't ever clash")?"""
        return any(c.dep_ == "neg" or (c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children))
                   for c in verb.children)  # "did not even ever clash": the negation parsed under an adverb

    def _negated_verb(self, token: Token, pattern: Pattern) -> bool:
        """Is the verb negated in its own clause, not through a verb that governs it ("refused to meet")?
        The words of a multi-word verb the parser split ("will not wire tap") are the verb's too."""
        if pattern.noun:
            return False
        words = len(pattern.lemma.split())
        return any(self._not(t) for t in token.doc[token.i - words + 1 : token.i + 1])

    def mode(self, token: Token) -> str:
        """hypothetical ("if ...", "could"), future ("will", "plans to"), reported, or asserted.

        Auxiliaries count on the trigger and on the verbs that control it ("plans to visit"), not on
        a clause it is merely conjoined with.
        """
        controlled = [token]
        while controlled[-1].dep_ == "xcomp" and controlled[-1].head.i != controlled[-1].i:
            controlled.append(controlled[-1].head)
        if token.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"dobj", "nsubjpass"}:
            controlled.append(token.head)
        for node in controlled:
            children = list(node.children)
            if any(c.dep_ == "mark" and c.lower_ in self.cues.hypothetical_markers for c in children):
                return "hypothetical"
            if any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in self.cues.hypothetical_markers
                                              for g in c.children) for c in children):
                return "hypothetical"  # "if NATO proposes, Moscow will support it"
            if any(c.dep_ == "aux" and c.lower_ in self.cues.hypothetical_auxiliaries for c in children):
                return "hypothetical"
            if node.dep_ == "ccomp" and node.head.lemma_.lower() in self.cues.conjecture_verbs:
                return "hypothetical"  # "expecting that Russia will persuade the bloc to cooperate"
        for node in controlled:
            if any(c.dep_ == "aux" and c.lower_ in self.cues.future_auxiliaries for c in node.children):
                return "future"
            if node is not token and node.lemma_.lower() in self.cues.future_verbs:
                return "future"
        if self.reporter(token) is not None or self._in_quote(token) or self._according_to(sentence_of(token)):
            return "reported"
        return "asserted"

    def _in_quote(self, token: Token) -> bool:
        return any(s <= token.idx < e for s, e in self.quote_spans)

    def _according_to(self, sent: Span) -> bool:
        text = sent.text.lower()
        return any(phrase in text for phrase in self.cues.source_phrases)

    def event_date(self, token: Token) -> tuple[str | None, str | None]:
        chain = list(self._clause_chain(token))
        for node in chain:
            for span, timex in self.times:
                sent = sentence_of(node)
                if timex.type not in {"DATE", "TIME"} or not (sent.start <= span.start < sent.end):
                    continue
                governor = self._governing_verb(span.root)
                if governor is not None and governor.i == node.i:
                    value = dated_value(timex.value)
                    if value:
                        return value, timex.text
        return None, None

    @staticmethod
    def _governing_verb(token: Token) -> Token | None:
        node = token
        for _ in range(6):
            if node.head.i == node.i:
                return node if node.pos_ in {"VERB", "AUX"} else None
            node = node.head
            if node.pos_ in {"VERB", "AUX"}:
                return node
        return None

    def location(self, token: Token) -> Place | None:
        chain = {n.i for n in self._clause_chain(token)}
        for span, place in self.places:
            sent = sentence_of(token)
            if not (sent.start <= span.start < sent.end):
                continue
            prep = span.root.head
            if (span.root.dep_ == "pobj" and prep.lower_ in {"in", "at", "near", "outside", "inside"}
                    and (prep.head.i in chain or prep.head.i == token.i)):
                return place
        return None

    # -- quotes that denounce -------------------------------------------------------------------
    def quote_events(self, quotes: list[Quote]) -> list[Event]:
        """A direct quote of clearly negative tone about another side is a criticism (111), reported:
        "“... is a new challenge to our security,” the Lithuanian leader said" -> LTUGOV 111 BLR."""
        events = []
        criticism = self.lexicon.events.describe(QUOTE_CRITICISM)
        sents = sentences(self.doc)
        for quote in quotes:
            speaker = quote.speaker
            if not quote.direct or speaker is None or (speaker.country is None and not speaker.code.startswith("IGO")):
                continue
            span = self.doc.char_span(*quote.span, alignment_mode="expand")
            if span is None or not _clearly_negative(span):
                continue
            side = {speaker.code, speaker.country} - {None}
            cue = self.doc.char_span(*quote.cue.span, alignment_mode="expand") if quote.cue else None
            # Whom the quote is about: the actors it names, else the cue's "of/about" phrase
            # ("..., Lavrov said of the NATO exercises").
            about = [(span.start, span.end)] + ([(c.left_edge.i, c.right_edge.i + 1) for c in cue[0].children
                                                 if c.dep_ == "prep" and c.lower_ in {"of", "about", "on"}]
                                                if cue is not None else [])
            others = []
            for start, end in about:
                others = [m for m in self.actors.mentions if start <= m.start < end
                          and m.actor.code not in side and m.actor.country not in side and m.actor.type != "person"
                          and (m.actor.country or m.actor.code.startswith("IGO"))]
                if others:
                    break
            if not others:
                continue
            counts: dict[str, int] = {}
            for m in others:
                counts[m.actor.code] = counts.get(m.actor.code, 0) + 1
            target = max(others, key=lambda m: counts[m.actor.code])
            anchor = cue[0] if cue is not None else span[0]
            number = sentence_number(anchor)
            pattern = Pattern(code=criticism.code, lemma=anchor.lemma_.lower(), noun=False)
            source = _Role(Mention(0, 0, speaker, 0), False)
            events.append(self._event(anchor, pattern, number, sents[number], source, _Role(target, True),
                                      rule="quote:negative-tone", mode="reported"))
        return events

    # -- putting it together -----------------------------------------------------------------
    def code(self) -> list[Event]:
        events: list[Event] = []
        for number, sent in enumerate(sentences(self.doc)):
            found: list[Event] = []
            statements: dict[int, Event] = {}
            coded: dict[int, set[tuple[str | None, str | None]]] = {}  # trigger token -> dyads it coded
            if self._discarded(sent):
                continue  # a medal "captured", a cup "taken part in": sport, not politics
            triggers = [(t, p) for t in tokens(self.doc)[sent.start : sent.end]
                        if (p := self.best_pattern(t)) is not None]
            # Verbs first: a nominalised act inside a coded verb's phrase ("pledged to expand
            # cooperation with Vietnam") is the same event, not a second one.
            # A clause a pattern required ("proposed >hold") is part of that event, not one of its own.
            consumed = {c.i for t, p in triggers if p.xcomps for c in t.children
                        if c.dep_ in {"xcomp", "ccomp"} and c.lemma_.lower() in p.xcomps}
            # So is a clause whose object the pattern named ("vowed to wage war").
            consumed |= {o.head.i for t, p in triggers if p.objects for o in _named_objects(self._objects_of(t), p)
                         if o.head.dep_ == "xcomp" and o.head.head.i == t.i}
            # Statements last, so that they can tell whether what they report was coded.
            for token, pattern in sorted(triggers, key=lambda tp: (self._states(*tp), tp[1].noun)):
                if token.i in consumed or (self._states(token, pattern) and self._covered(token, coded)):
                    continue
                for event in self._events_for(token, pattern, number, sent):
                    dyad = (event.source.code if event.source else None, event.target.code if event.target else None)
                    if pattern.noun and any(dyad in coded.get(a.i, ()) for a in list(token.ancestors)[:4]):
                        continue
                    if all((e.source, e.target, e.code) != (event.source, event.target, event.code) for e in found):
                        found.append(event)
                        coded.setdefault(token.i, set()).add(dyad)
                        statement = self._statement(token, event, number, sent)
                        if statement and statement.trigger.span[0] not in statements:
                            statements[statement.trigger.span[0]] = statement
            found += statements.values()
            events += sorted(found, key=lambda e: e.trigger.span)[:MAX_EVENTS_PER_SENTENCE]
        return events

    def _states(self, token: Token, pattern: Pattern) -> bool:
        """Is this a dictionary's "X said" pattern?"""
        return pattern.code == STATEMENT and token.lemma_.lower() in self.cues.reporting_verbs

    @staticmethod
    def _covered(verb: Token, coded: dict[int, set[tuple[str | None, str | None]]]) -> bool:
        """A statement says nothing of its own when the clause it reports holds a coded event, or when it is
        part of a coded act ("urged X to respond"); our own statement rule is applied to events instead."""
        if verb.dep_ in {"xcomp", "ccomp"} and verb.head.i in coded:
            return True
        return any(d.i in coded for c in verb.children if c.dep_ in {"ccomp", "parataxis"} for d in c.subtree)

    def _discarded(self, sent: Span) -> bool:
        """Does the sentence hold a sport word, or a discard phrase of several words?"""
        toks = tokens(self.doc)[sent.start : sent.end]  # Tokens built once per document, not per sentence read
        if any(t.lemma_.lower() in self.cues.sport_words or t.lower_ in self.cues.sport_words for t in toks):
            return True
        words = [t.lower_ for t in toks]
        text = f" {' '.join(words)} "
        return any(f" {phrase} " in text for w in set(words) for phrase in self.discard_phrases.get(w, ()))

    def _events_for(self, token: Token, pattern: Pattern, number: int, sent: Span) -> Iterator[Event]:
        if int(pattern.code[:2]) >= 17 and any(c.dep_ == "dobj" and c.lemma_.lower() in self.cues.abstract_objects
                                               and c.lemma_.lower() not in pattern.objects for c in token.children):
            return  # "fight drugs", "combat poverty"; but a pattern that names its object knows ("trade fire")
        sources = self.noun_sources(token) if pattern.noun else self.sources(token)
        subjects = sources
        if pattern.source_preps:  # "$" after the verb: a phrase holds the source, the subject is acted upon
            sources = self._phrase_sources(token, pattern.source_preps)
        if not sources:
            return
        if self._states(token, pattern):
            # A statement by a bare role ("an official said") is by nobody in particular.
            sources = [s for s in sources if s.mention.actor.code != s.mention.agent]
        untargeted = not pattern.noun and pattern.code[:2] in self.cues.untargeted_roots
        side = frozenset(s.mention.actor.code for s in sources)
        # PETRARCH's: of several sources, one may be another's target ("ties between X and Y may spur
        # reconciliation between Z and Y": X towards Y), never its own.
        common = subjects if pattern.source_preps else self.targets(
            token, pattern, frozenset() if len(side) > 1 and self.lexicon.events.sources_as_targets else side)
        for source in sources:
            targets = common
            if not targets and len(sources) > 1 and (pattern.compound or pattern.code[:2] in MUTUAL_ROOTS):
                # "Norway and Sweden signed a pact": each side acts towards the other.
                targets = [s for s in sources if s.mention.actor.code != source.mention.actor.code]
            if not targets and not untargeted:
                continue
            for target in targets or [None]:
                if target and target.mention.actor.code == source.mention.actor.code:
                    continue
                if target and (source.mention.inferred or target.mention.inferred) and \
                        source.mention.actor.country == target.mention.actor.country:
                    continue  # a guessed country that makes a country act on itself is a bad guess
                yield self._event(token, pattern, number, sent, source, target)
                if target and pattern.reverse_code:
                    # "left for Gondor": the host receives the visit (043) as the visitor makes it (042).
                    yield self._event(token, pattern, number, sent, target, source, code=pattern.reverse_code)

    def _event(self, token: Token, pattern: Pattern, number: int, sent: Span, source: _Role,
               target: _Role | None, code: str | None = None, rule: str | None = None,
               mode: str | None = None) -> Event:
        code = code or pattern.code
        negated = self.negated(token)
        negations = self.lexicon.events.negations
        if negated and code in negations and self._negated_verb(token, pattern):
            code, negated = negations[code], False  # the ontology codes the negated verb: "did not clash" [110]: 050
        event_mode = mode or self.mode(token)
        confidence = 0.45 + 0.1 * pattern.specificity + (0.2 if target else 0.0)
        confidence += 0.1 if source.direct else 0.0
        confidence -= 0.1 * sum(r.mention.inferred for r in (source, target) if r is not None)
        confidence -= 0.1 if event_mode == "hypothetical" else 0.0
        return self.record(token, number, sent, source, target, code, negated, event_mode, min(confidence, 0.95),
                           rule or pattern.rule)

    def record(self, token: Token, number: int, sent: Span, source: _Role, target: _Role | None, code: str,
               negated: bool, mode: str, confidence: float, rule: str) -> Event:
        """The event record of an act found at ``token``, dated and located by the stages before."""
        entry = self.lexicon.events.describe(code)
        date, date_text = self.event_date(token)
        trigger_span = (token.idx, token.idx + len(token.text))
        target_code = target.mention.actor.code if target else ""
        key = f"{self.doc_id}|{trigger_span[0]}|{source.mention.actor.code}|{target_code}"
        return Event(
            id=f"{self.doc_id}-{hashlib.sha1(f'{key}|{entry.code}'.encode()).hexdigest()[:10]}",
            sentence=number,
            sentence_span=(sent.start_char, sent.end_char),
            source=source.mention.actor,
            target=target.mention.actor if target else None,
            code=entry.code,
            root=entry.root,
            quad_class=entry.quad_class,
            goldstein=entry.goldstein,
            plover=entry.plover,
            plover_mode=entry.plover_mode,
            plover_context=entry.plover_context,
            date=date,
            date_text=date_text,
            date_source="text" if date else "publication",
            location=self.location(token),
            negated=negated,
            mode=mode,  # type: ignore[arg-type]
            confidence=round(confidence, 2),
            trigger=Trigger(span=trigger_span, text=token.text),
            rule=rule,
        )

    def model_events(self, model: EventModel, rule_events: list[Event]) -> list[Event]:
        """The likeliest dyad of each sentence the rules coded no dyad in, where the model is sure enough, with
        the class the model reads in the sentence: one event a sentence at most, so that it fills, not floods."""
        coded = {e.sentence for e in rule_events if e.target is not None}
        events = []
        for number, sent in enumerate(sentences(self.doc)):
            if number in coded or self._discarded(sent):
                continue
            label, p_class = model.event_class(sentence_features(sent))
            # Joint subjects act on each other only in cooperation: "A and B condemned it" is no A-B conflict.
            # A verb that neither the patterns nor the training sentences know as an act's is no trigger: the
            # model learnt which pair acts, given an act, and news is full of sentences that report none.
            candidates = [c for c in self.open_dyads(sent) if (c[3] != "mutual" or label in COOPERATION)
                          and self._known_trigger(c[0], model)]
            if not candidates:
                continue
            best, p_dyad = model.best_dyad([dyad_features(self.doc, verb, source.mention, target.mention,
                                                          source.direct, how)
                                            for verb, source, target, how in candidates])
            if p_dyad < model.threshold:
                continue
            verb, source, target, _ = candidates[best]
            root = model.root(label, verb.lemma_.lower())
            # Both parts must be right for the record to be: the two probabilities' product.
            events.append(self.record(verb, number, sent, source, target, f"{root}0", self.negated(verb),
                                      self.mode(verb), p_dyad * p_class, model.rule))
        return events

    def _known_trigger(self, verb: Token, model: EventModel) -> bool:
        lemma = verb.lemma_.lower()
        return lemma in model.triggers or lemma in self.lexicon.events.verbs

    def open_dyads(self, sent: Span) -> Iterator[tuple[Token, _Role, _Role, str]]:
        """(verb, source, target, how) for each verb of the sentence whose subject holds an actor: what a trained
        model chooses among where no pattern matched. The target is the actor of one of the rules' object slots
        (how = "slot"), another actor in the verb's own dependents, not its subject's (how = "dependent", the
        model weighing the path that links it to the verb), or, of several subjects, another subject ("mutual")."""
        any_verb = Pattern(code=STATEMENT, lemma="", noun=False)
        for verb in tokens(self.doc)[sent.start : sent.end]:
            if verb.pos_ != "VERB" or not (sources := self.sources(verb)):
                continue
            side = frozenset(s.mention.actor.code for s in sources)
            slots = self.targets(verb, any_verb, side)
            in_subject = {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS | {"agent"} for t in c.subtree}
            seen = {r.mention.head for r in slots}
            dependents = []
            # What a reporting or conjecturing verb's clauses hold is the reported act's, coded at its own verb.
            speech = verb.lemma_.lower() in self.cues.reporting_verbs | self.cues.conjecture_verbs
            for token in () if speech else verb.subtree:
                mention = self.actors.at(token) if token.i not in in_subject and token.i != verb.i else None
                if mention is not None and mention.head not in seen and mention.actor.code not in side:
                    seen.add(mention.head)
                    dependents.append(_Role(mention, False))
            for how, targets in (("slot", slots), ("dependent", dependents), ("mutual", sources)):
                for target in targets:
                    for source in sources:
                        if not _same_family(source.mention.actor.code, target.mention.actor.code):
                            yield verb, source, target, how

    def _statement(self, token: Token, event: Event, number: int, sent: Span) -> Event | None:
        """"X said that Y attacked Z": the statement by X, about Y (or Z when X is Y)."""
        verb = self.reporter(token) if self.lexicon.events.statements else None
        if verb is None or event.source is None or event.target is None:
            return None
        speakers = self.sources(verb)
        if not speakers:
            return None
        speaker = speakers[0].mention.actor
        if speaker.country is None and not speaker.code.startswith("IGO"):
            return None  # "a spokesman said": a statement by nobody in particular
        same_side = {speaker.code, speaker.country} - {None}
        if event.source.code in same_side or event.source.country in same_side:
            return None  # announcing one's own act: the reported event says it all
        about = event.source
        target = _Role(Mention(0, 0, about, 0), True)
        statement_pattern = Pattern(code=STATEMENT, lemma=verb.lemma_.lower(), noun=False)
        return self._event(verb, statement_pattern, number, sent, speakers[0], target, code=STATEMENT,
                           rule=f"report:{verb.lemma_.lower()}", mode="asserted")


def code_events(doc: Doc, lexicon: Lexicon, actors: ActorIndex, doc_id: str,
                times: list[tuple[Span, TimeExpr]], places: list[tuple[Span, Place]],
                quotes: list[Quote]) -> list[Event]:
    """Every event the lexicon's patterns find in ``doc``, the criticisms its quotes voice, and the events the
    lexicon's trained model (if it has one) finds in the sentences the rules coded no dyad in."""
    quote_spans = [q.span for q in quotes if q.direct]
    coder = EventCoder(doc, lexicon, actors, doc_id, times, places, quote_spans)
    events = coder.code()
    seen = {(e.sentence, e.source.code if e.source else None, e.target.code if e.target else None, e.root)
            for e in events}
    for event in coder.quote_events(quotes):
        if (event.sentence, event.source.code, event.target.code, event.root) not in seen:
            events.append(event)
    if lexicon.event_model is not None:
        events += coder.model_events(lexicon.event_model, events)
    return sorted(events, key=lambda e: (e.sentence, e.trigger.span))
