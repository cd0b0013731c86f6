"""Actors: find and code every actor mention of a parsed document, with in-document memory.

Lexicon phrases are matched over tokens, grouped into noun phrases by the dependency parse
("Russian Foreign Minister Sergei Lavrov" is one actor: a person, RUSGOV), and coded:
office holders by the document's date, role nouns with their country, organisations, countries and
capitals used for their governments. Later mentions ("Nauseda", "the Lithuanian leader",
"the diplomat", "he", "they") are resolved against what the document introduced before.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from newsevents.lexicons import Lexicon, fold
from newsevents.lexicons.actors import ISO3_CODES, Entry, Holder, PhraseIndex
from newsevents.model import Actor
from newsevents.pipeline.tokens import char_range, sentence_of, span_text, tokens

# Dependencies that keep a modifier inside its noun phrase.
NP_DEPS = {"compound", "amod", "nmod", "flat", "appos", "poss", "nn"}
# Prepositions after which a capital is a place ("in Moscow"), not its government ("with Moscow").
PLACE_PREPS = {"in", "at", "near", "to", "into", "outside", "inside", "around", "across", "through", "via",
               "toward", "towards", "over", "within", "throughout", "onto", "off"}
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                   "herself": "f"}
GROUP_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
THING_PRONOUNS = {"it", "its", "itself"}
DEFINITE = {"the", "this", "that", "these", "those"}
PLURAL_TAGS = {"NNS", "NNPS"}
HOME_SHARE = 0.6


@dataclass
class Mention:
    """An actor mention: token span, its coded actor, and what memory needs to know of it."""

    start: int
    end: int
    actor: Actor
    head: int
    roles: tuple[str, ...] = ()
    agent: str | None = None
    modifier: bool = False  # a name inside another noun phrase ("the NATO summit")
    members: tuple[int, ...] = ()
    gender: str | None = None
    named: bool = False  # a person introduced by name: the only kind later mentions may resolve to
    inferred: bool = False  # the country came from the document's main country, not the phrase


def combine(country: str | None, agent: str, prefix: bool = False) -> str:
    """The code of a role of a country or organisation: RUS + GOV, NGO + ARN (a prefix agent), NATO's MIL."""
    if country is None:
        return agent
    if prefix:
        return agent + country  # a dictionary's agent written before the actor code (NGO + ARN)
    if country.startswith("IGO") or len(country) > 3:
        # An organisation's own officials are the organisation; its forces are marked.
        return country + ("MIL" if agent == "MIL" else "")
    return country + agent


@dataclass
class ActorIndex:
    """All actor mentions of a document, and a map from tokens to the mention they belong to."""

    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        for i in mention.members or range(mention.start, mention.end):
            self.by_token.setdefault(i, mention)
        if not mention.modifier:
            self.by_token.setdefault(mention.head, mention)

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def find(self, token: Token | None, depth: int = 3, avoid: Collection[str] = ()) -> Mention | None:
        """The actor a noun phrase stands for: its own mention, or one in its "of"/compound parts.

        A relative pronoun stands for the noun its clause modifies; ``avoid`` skips codes
        (the sources, when looking for a target).
        """
        if token is None:
            return None
        if token.lower_ in {"who", "which", "that"} and token.head.dep_ == "relcl":
            token = token.head.head
        mention = self.at(token)
        if mention and mention.actor.code not in avoid:
            return mention
        if depth == 0:
            return None
        for child in token.children:
            if child.dep_ in {"compound", "poss", "appos", "nmod", "amod"}:
                found = self.find(child, depth - 1, avoid)
            elif child.dep_ == "prep" and child.lower_ == "of":
                found = self.find(next((g for g in child.children if g.dep_ == "pobj"), None), depth - 1, avoid)
            else:
                continue
            if found:
                return found
        return None

    def actors(self) -> list[Actor]:
        return [m.actor for m in sorted(self.mentions, key=lambda m: m.start)]

    def shared(self, mention: Mention, doc: Doc) -> list[Mention]:
        """A role shared by the names conjoined with its country: "the ambassadors of A, B and C" and "Lithuanian
        and Polish leaders" stand for those of each (the mention itself first)."""
        if not mention.agent or mention.actor.code == mention.agent:
            return [mention]
        toks = tokens(doc)
        names = [toks[i] for i in mention.members
                 if (toks[i].dep_ == "pobj" and toks[i].head.lower_ in {"of", "in", "from"})
                 or (toks[i].dep_ in {"amod", "compound"} and toks[i].head.i == mention.head)]
        found = [mention]
        # the first name with conjuncts: "foreign" in "the foreign ministers of A and B" has none
        conjoined = next((name for name in names if name.conjuncts), None)
        for conjunct in conjoined.conjuncts if conjoined is not None else ():
            other = self.at(conjunct)
            if other and other.modifier and other.agent == mention.agent:
                found.append(other)  # "Lithuanian and Polish leaders": coded with the role already
            elif other and other.actor.type in {"country", "organization"}:
                code = combine(other.actor.country or other.actor.code, mention.agent)
                found.append(replace(mention, actor=replace(mention.actor, code=code, country=other.actor.country)))
        return found


@dataclass
class _Match:
    start: int
    end: int
    entries: list[Entry]


def match_phrases(doc: Doc, index: PhraseIndex) -> list[_Match]:
    """Longest lexicon phrases over the tokens; a role noun's last word may be in plural."""
    toks = tokens(doc)
    folded = [fold(t.text) for t in toks]
    matches: list[_Match] = []
    i = 0
    while i < len(toks):
        found = None
        # Walk the phrase prefixes from this token, a word longer each step; the longest phrase that fits wins.
        prefix: tuple[str, ...] = ()
        end = i
        while end < len(toks) and prefix in index.prefixes:
            key = (*prefix, folded[end])
            last = toks[end]
            end += 1
            candidates = index.by_tokens.get(key)
            written = span_text(doc, i, end) if candidates else ""
            entries = [e for e in candidates if _case_fits(written, e)] if candidates else []
            if not entries and last.tag_ in PLURAL_TAGS:
                # A role noun in the plural ("diplomats") is found by its lemma.
                lemma_key = (*prefix, fold(last.lemma_))
                entries = [e for e in index.by_tokens.get(lemma_key, []) if e.kind == "agent" and e.plural]
            if entries:
                found = _Match(i, end, entries)
            prefix = key
        if found and i >= 2 and folded[i - 1] == "-" and folded[i - 2] in {"anti", "pro", "non", "post", "pre"}:
            found = None  # "anti-Syrian" is a stance, not Syria
        if found:
            matches.append(found)
            i = found.end
        else:
            i += 1
    return matches


def _case_fits(text: str, entry: Entry) -> bool:
    if not entry.proper:
        return True
    # Acronyms ("US", "UN") must be written in capitals, so that "us" and "Un" are not countries.
    return text.isupper() if entry.acronym else text[:1].isupper()


class ActorResolver:
    """Codes the actor mentions of one document, in reading order, remembering who was introduced."""

    def __init__(self, doc: Doc, lexicon: Lexicon, index: PhraseIndex, day: dt.date | None) -> None:
        self.doc = doc
        self.toks = tokens(doc)  # indexing a Doc builds a new Token each time; this list holds them
        self.lexicon = lexicon
        self.phrases = index
        self.day = day
        self.index = ActorIndex()
        self.org_codes: dict[str, Entry] = {}

    # -- building ---------------------------------------------------------------------------
    def resolve(self) -> ActorIndex:
        matches = match_phrases(self.doc, self.phrases)
        for m in matches:
            for e in m.entries:
                if e.kind == "organization":
                    self.org_codes.setdefault(e.code, e)
        groups = self._group(matches)
        for _, group in sorted(((min([m.start for m in g[1]] + [p.start for p in g[2]]), g) for g in groups),
                               key=lambda pair: pair[0]):
            for mention in self._code_group(*group):
                self.index.add(mention)
        # A family name the parser did not tag as a person still names someone introduced before.
        surnames: dict[str, Mention] = {}
        for m in sorted(self.index.mentions, key=lambda m: m.start):
            if m.named and m.actor.name:
                surnames.setdefault(fold(m.actor.name.split()[-1]), m)  # the introduction, not a later recall
        for token in self.toks:
            earlier = surnames.get(fold(token.text)) if token.pos_ == "PROPN" else None
            if earlier and token.i not in self.index.by_token and earlier.start < token.i:
                self.index.add(self._recall(earlier, token.i, token.i + 1, token, (token.i,)))
        # Pronouns last, so that a referent named after them ("She (NATO. - RT)") is known.
        for token in self.toks if self.lexicon.actors.pronouns else ():
            if token.lower_ in PERSON_PRONOUNS or token.lower_ in GROUP_PRONOUNS or token.lower_ in THING_PRONOUNS:
                mention = self._pronoun(token)
                if mention:
                    self.index.add(mention)
        self._assign_home_country()
        return self.index

    def _assign_home_country(self) -> None:
        """Roles with no country ("the government", "police", "protesters") belong, in a report about
        one country, to that country: the one that holds at least HOME_SHARE of the country mentions."""
        # A role shared by conjoined countries ("Peruvian and Japanese governments") counts once, as its phrase
        countries = [m.actor.country for m in self.index.mentions
                     if m.actor.country and m.actor.type != "person" and not (m.modifier and m.agent)]
        if len(countries) < 2:
            return
        home, count = Counter(countries).most_common(1)[0]
        if count / len(countries) < HOME_SHARE:
            return
        for m in self.index.mentions:
            if m.actor.country is None and m.agent and m.actor.code == m.agent:
                m.actor = replace(m.actor, code=home + m.agent, country=home)
                m.inferred = True

    def _np_head(self, token: Token) -> Token:
        """Climb from a name to the head of the noun phrase it modifies."""
        for _ in range(8):  # noun phrases are shallow; the bound guards against odd parses
            head = token.head
            if head.i == token.i:
                break
            if token.dep_ in NP_DEPS and token.dep_ != "poss" and head.pos_ in {"NOUN", "PROPN"}:
                token = head
            elif (token.dep_ == "pobj" and head.head.i != head.i
                  and ((head.lower_ in {"of", "in", "from"} and self._agent_at(head.head))
                       or (head.lower_ == "of" and head.head.ent_type_ == "PERSON"))):
                # "Secretary General of the Alliance", "police in Kenya", "soldiers from Gondor", "Mirzoyan of
                # Armenia" (but a person met "in Vilnius" is not from there)
                token = head.head
            else:
                break
        return token

    def _agent_at(self, token: Token) -> bool:
        return any(e.kind == "agent" for m in self._matches_at.get(token.i, []) for e in m.entries)

    def _group(self, matches: list[_Match]) -> list[tuple[Token, list[_Match], list[Span]]]:
        self._matches_at: dict[int, list[_Match]] = {}
        for m in matches:
            for i in range(m.start, m.end):
                self._matches_at.setdefault(i, []).append(m)
        groups: dict[int, tuple[Token, list[_Match], list[Span]]] = {}
        starts = {m.start: m for m in matches}
        for m in matches:
            following = starts.get(m.end)
            if (following is not None and any(e.kind == "adjective" for e in m.entries)
                    and any(e.kind == "agent" for e in following.entries)):
                # "Azerbaijani forces" is one phrase even where the parser splits it.
                head = self._np_head(self.doc[following.start : following.end].root)
            else:
                head = self._np_head(self.doc[m.start : m.end].root)
            groups.setdefault(head.i, (head, [], []))[1].append(m)
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and not any(i in self._matches_at for i in range(ent.start, ent.end)):
                head = self._np_head(ent.root)
                if head.i in groups or ent.root.i in groups:
                    groups[head.i if head.i in groups else ent.root.i][2].append(ent)
                else:
                    groups[head.i] = (head, [], [ent])
        return list(groups.values())

    # -- coding a noun phrase ---------------------------------------------------------------
    def _code_group(self, head: Token, matches: list[_Match], persons: list[Span]) -> list[Mention]:
        """The mentions of one noun phrase: one actor, or several names modifying a thing
        ("the NATO-Russia Council meeting")."""
        if all(e.kind in {"organization", "country", "people", "seat", "paraphrase", "adjective"} for m in matches
               for e in m.entries) and not persons and len(matches) > 1:
            return [m for match in matches for m in self._code_group(head, [match], [])]
        # "Lithuanian and Polish leaders": the role is each country's; a later name holds the role of its own
        # country, as a modifier (the head stays the first's), which ActorIndex.shared pairs with the first
        conjoined = [m for m in matches if self._conjoined_name(m, matches)]
        mention = self._code_phrase(head, [m for m in matches if m not in conjoined] or matches, persons)
        if mention is None or not mention.agent or mention.actor.type == "person":
            return [mention] if mention else []
        return [mention, *(self._mention(m.start, m.end, head, tuple(range(m.start, m.end)),
                                         combine(e.country or e.code, mention.agent), e.name, e.country,
                                         mention.actor.type, mention.roles, mention.agent, modifier=True)
                           for m in conjoined for e in m.entries[:1])]

    def _conjoined_name(self, match: _Match, matches: list[_Match]) -> bool:
        """Is the match a country's name or adjective conjoined with another of the phrase ("and Polish")?"""
        def names_country(m: _Match) -> bool:
            return any(e.kind in {"adjective", "country"} for e in m.entries)

        root = self.toks[match.end - 1]
        return root.dep_ == "conj" and names_country(match) and any(
            other is not match and other.start <= root.head.i < other.end and names_country(other) for other in matches)

    def _code_phrase(self, head: Token, matches: list[_Match], persons: list[Span]) -> Mention | None:
        by_kind: dict[str, list[tuple[_Match, Entry]]] = {}
        for m in matches:
            for e in m.entries:
                by_kind.setdefault(e.kind, []).append((m, e))
        members = sorted({i for m in matches for i in range(m.start, m.end)}
                         | {i for p in persons for i in range(p.start, p.end)})
        start, end = members[0], members[-1] + 1
        head_covered = head.i in members
        determiner = any(c.lower_ in DEFINITE for c in head.children if c.dep_ == "det")
        agents = [e for _, e in by_kind.get("agent", [])]
        roles = tuple(e.name for e in agents if e.name)
        country = self._country_of(by_kind, head) or self._shared_country(head)
        # Named people: known office holders first, then people introduced with a role.
        if "person" in by_kind:
            m, entry = by_kind["person"][0]
            return self._person_mention(start, end, head, members, entry, roles, agents)
        if "surname" in by_kind and set(by_kind) <= {"surname", "agent"}:
            m, entry = by_kind["surname"][0]
            remembered = self._remembered_person(entry.name)
            if remembered:
                return self._recall(remembered, start, end, head, members)
            if self._surname_plausible(m, entry):
                return self._person_mention(start, end, head, members, entry, roles, agents)
        if persons:
            name = persons[0].text
            remembered = self._remembered_person(name)
            if remembered:
                return self._recall(remembered, start, end, head, members)
            if agents and country is None:
                country = self._remembered_role_country(roles)  # "Australia's trade minister ... Don Farrell"
            if agents or country:
                agent = agents[0].code if agents else None
                code = combine(country, agent) if agent and agent != "IGO" else (country or "")
                if not code:
                    return None
                mention = self._mention(start, end, head, members, code, name, country, "person", roles, agent)
                mention.named = True
                return mention
            return None
        if agents and not head_covered and all(self.toks[m.start].pos_ == "ADJ" for m, _ in by_kind["agent"]):
            agents = []  # "military integration": an adjective of a thing, not an actor
            roles = ()
        if agents:
            agent_entry = agents[-1]
            plural = head.tag_ in {"NNS", "NNPS"}
            agent_type = "group" if plural and agent_entry.agent_type == "person" else agent_entry.agent_type
            if country is None and determiner and agent_type == "person":
                remembered = self._remembered_role(roles, agent_entry.code, None)
                if remembered:
                    return self._recall(remembered, start, end, head, members)
            if country and agent_type == "person":
                remembered = self._remembered_role(roles, agent_entry.code, country)
                if remembered:
                    return self._recall(remembered, start, end, head, members)
                holder = self._holder_by_role(country, roles)
                if holder:
                    return self._mention(start, end, head, members, holder.code, holder.name,
                                         holder.country, "person", (holder.role, *roles), agent_entry.code)
            if country is None and agent_type == "group":
                country = self._remembered_group_country(roles)
            code = combine(country, agent_entry.code, agent_entry.prefix)
            return self._mention(start, end, head, members, code, agent_entry.name, self._iso(country),
                                 agent_type, roles, agent_entry.code)
        # Bare names: organisations, countries, their people, their seats of government; an adjective
        # alone marks whose a thing is ("French prisoners", "Hamas positions"): a modifier mention.
        modifier = not head_covered
        for kind in ("organization", "country", "people", "seat", "adjective"):
            if kind in by_kind:
                m, entry = by_kind[kind][0]
                if kind == "seat" and not self._metonymic(self.doc[m.start : m.end]):
                    return None
                if kind == "adjective" and not modifier:
                    continue  # "the Russian" alone, or a parse that heads a phrase with an adjective
                code = entry.code + ("GOV" if kind == "seat" else "")
                type_ = {"organization": "organization", "country": "country", "people": "group",
                         "seat": "government", "adjective": "country"}[kind]
                return self._mention(m.start, m.end, head, tuple(range(m.start, m.end)), code, entry.name,
                                     entry.country, type_, (), None, modifier=modifier)
        if "paraphrase" in by_kind and determiner:
            for m, entry in by_kind["paraphrase"]:
                if entry.code in self.org_codes:
                    return self._mention(m.start, m.end, head, tuple(range(m.start, m.end)), entry.code,
                                         entry.name, entry.country, "organization", (), None)
        return None

    def _country_of(self, by_kind: dict[str, list[tuple[_Match, Entry]]], head: Token) -> str | None:
        """The country or organisation a role belongs to: "Russian", "NATO", "Russia's", "of Russia", "in Russia";
        a name before the role wins over one in a phrase after it ("NATO troops in Estonia")."""
        kinds = ("adjective", "country", "people", "seat", "organization")
        named = [(m.start > head.i, kinds.index(kind), m.start, e.code) for kind in kinds
                 for m, e in by_kind.get(kind, [])]
        possessor = self._possessor(head)  # "Gondor's minister Calimehtar": the owner before the name after
        if possessor and (not named or min(named)[0]):
            return possessor
        if named:
            return min(named)[3]
        if "paraphrase" in by_kind:
            for _, entry in by_kind["paraphrase"]:
                if entry.code in self.org_codes:
                    return entry.code
        return None

    @staticmethod
    def _iso(code: str | None) -> str | None:
        return code if code and not code.startswith("IGO") and len(code) == 3 else None

    def _possessor(self, head: Token) -> str | None:
        """The country or organisation that owns a role: "Gondor's government", "Russia's foreign minister"."""
        for child in head.children:
            mention = self.index.at(child) if child.dep_ == "poss" else None
            if mention and mention.actor.type in {"country", "organization", "government"}:
                return mention.actor.country or mention.actor.code  # "Washington's envoy": USA, not USAGOV
        return None

    def _shared_country(self, head: Token) -> str | None:
        """A role conjoined with an earlier one shares its country: "Danish media and government"."""
        earlier = self.index.at(head.head) if head.dep_ == "conj" and head.head.i < head.i else None
        return earlier.actor.country if earlier and earlier.agent else None

    def _metonymic(self, span: Span) -> bool:
        """Is a capital used for its government ("Moscow said") rather than as a place ("in Moscow")?"""
        root = span.root
        if root.dep_ in {"nsubj", "nsubjpass", "poss", "agent", "dobj", "dative", "conj", "appos"}:
            if root.dep_ == "dobj" and root.head.lemma_ in {"leave", "visit", "reach", "enter", "attack"}:
                return False
            if root.dep_ == "conj":
                return self._metonymic(self.doc[root.head.i : root.head.i + 1])
            return True
        if root.dep_ == "pobj":
            return root.head.lower_ not in PLACE_PREPS
        return False

    def _surname_plausible(self, match: _Match, entry: Entry) -> bool:
        """A family name alone, not introduced in full before, names an office holder only if that
        person held office on the day, and the name stands alone: "James Michel" is not Charles
        Michel, and "the Carter Center" is no person."""
        token = self.toks[match.start]
        if token.pos_ != "PROPN" or token.text.isupper() or token.ent_type_ not in {"PERSON", ""}:
            return False
        if self.day is not None and not any(h.holds_on(self.day) for h in entry.holders):
            return False
        neighbours = [self.toks[i] for i in (match.start - 1, match.end) if 0 <= i < len(self.doc)]
        return not any(n.pos_ == "PROPN" and n.text[:1].isupper() for n in neighbours)

    def _holder_for(self, holders: tuple[Holder, ...]) -> Holder:
        if self.day is None:
            return max(holders, key=lambda h: h.start)
        current = [h for h in holders if h.holds_on(self.day)]
        if current:
            return current[0]
        # Out of office on the day: the term nearest in time (a former or future office holder).
        return min(holders, key=lambda h: min(abs((h.start - self.day).days),
                                                abs(((h.end or dt.date.max) - self.day).days)))

    def _holder_by_role(self, country: str, roles: tuple[str, ...]) -> Holder | None:
        if self.day is None or not roles:
            return None
        wanted = [fold(r) for r in roles]
        for holder in self.lexicon.actors.holders:
            if holder.code.startswith(country) and holder.holds_on(self.day):
                held = fold(holder.role)
                if any(w == held for w in wanted):
                    return holder
        return None

    def _person_mention(self, start: int, end: int, head: Token, members: list[int], entry: Entry,
                        roles: tuple[str, ...], agents: list[Entry]) -> Mention:
        holder = self._holder_for(entry.holders)
        mention = self._mention(start, end, head, members, holder.code, holder.name, holder.country, "person",
                                (holder.role, *roles), agents[0].code if agents else None)
        mention.named = True
        return mention

    def _mention(self, start: int, end: int, head: Token, members, code: str, name: str | None,
                 country: str | None, type_: str, roles: tuple[str, ...], agent: str | None,
                 modifier: bool = False) -> Mention:
        if country is None and code[:3] in ISO3_CODES:
            country = code[:3]
        actor = Actor(span=char_range(self.doc, start, end), text=span_text(self.doc, start, end), code=code, name=name,
                      country=country, type=type_)
        return Mention(start, end, actor, head.i, roles=roles, agent=agent, modifier=modifier,
                       members=tuple(members))

    def _recall(self, earlier: Mention, start: int, end: int, head: Token, members) -> Mention:
        actor = replace(earlier.actor, span=char_range(self.doc, start, end), text=span_text(self.doc, start, end))
        return Mention(start, end, actor, head.i, roles=earlier.roles, agent=earlier.agent,
                       members=tuple(members), gender=earlier.gender, named=earlier.named)

    # -- memory ------------------------------------------------------------------------------
    def _people(self) -> list[Mention]:
        return [m for m in reversed(self.index.mentions) if m.named]

    def _remembered_person(self, name: str | None) -> Mention | None:
        if not name:
            return None
        parts = fold(name).split()
        for m in self._people():
            known = fold(m.actor.name or "").split()
            if known and (known == parts or known[-1] == parts[-1]):
                return m
        return None

    def _remembered_role(self, roles: tuple[str, ...], agent: str, country: str | None) -> Mention | None:
        wanted = {fold(r) for r in roles}
        people = [m for m in self._people() if country is None or (m.actor.code or "").startswith(country)]
        for m in people:
            if wanted & {fold(r) for r in m.roles} or any(w in fold(r) for w in wanted for r in m.roles):
                return m
        for m in people:
            if m.agent == agent or (m.actor.code or "").endswith(agent):
                return m
        return None

    def _remembered_role_country(self, roles: tuple[str, ...]) -> str | None:
        wanted = {fold(r) for r in roles}
        for m in reversed(self.index.mentions):
            if m.actor.country and not m.named and wanted & {fold(r) for r in m.roles}:
                return m.actor.country
        return None

    def _remembered_group_country(self, roles: tuple[str, ...]) -> str | None:
        wanted = {fold(r) for r in roles}
        for m in reversed(self.index.mentions):
            if m.actor.type == "group" and m.actor.country and wanted & {fold(r) for r in m.roles}:
                return m.actor.country
        return None

    def _pronoun(self, token: Token) -> Mention | None:
        word = token.lower_
        if token.i + 2 < len(self.doc) and self.toks[token.i + 1].text == "(":
            # An editor's note names the referent: "She (NATO. - RT) wished ..."
            named = self.index.at(self.toks[token.i + 2])
            if named:
                return self._pronoun_mention(token, named)
        sentence_start = sentence_of(token).start
        previous_start = sentence_of(self.toks[sentence_start - 1]).start if sentence_start > 0 else sentence_start
        candidates = sorted((m for m in self.index.mentions if m.start < token.i), key=lambda m: -m.start)
        if word in PERSON_PRONOUNS:
            gender = PERSON_PRONOUNS[word]
            for m in candidates:
                if m.actor.type == "person" and m.gender in (None, gender):
                    m.gender = gender
                    return self._pronoun_mention(token, m)
            return None
        wanted_types = {"organization", "country", "group", "government"}
        window = [m for m in candidates if m.start >= previous_start and m.actor.type in wanted_types
                  and not m.modifier]
        if word in GROUP_PRONOUNS:
            # "they" looks for a plural first ("the battalions ... They were deployed"), then a collective.
            window.sort(key=lambda m: self.toks[m.head].tag_ not in {"NNS", "NNPS"})
        else:
            window = [m for m in window if m.actor.type != "group"]
        # Subjects are likelier antecedents than the nouns nearest the pronoun (a stable sort keeps recency).
        window.sort(key=lambda m: self.toks[m.head].dep_ not in {"nsubj", "nsubjpass"})
        return self._pronoun_mention(token, window[0]) if window else None

    def _pronoun_mention(self, token: Token, earlier: Mention) -> Mention:
        mention = self._recall(earlier, token.i, token.i + 1, token, (token.i,))
        mention.gender = earlier.gender
        return mention


def resolve_actors(doc: Doc, lexicon: Lexicon, index: PhraseIndex, day: dt.date | None) -> ActorIndex:
    """Every actor mention of ``doc``, coded for the publication date ``day``.

    ``index`` is ``lexicon.phrase_index(nlp.tokenizer)``: the phrases tokenised like ``doc``.
    """
    return ActorResolver(doc, lexicon, index, day).resolve()
