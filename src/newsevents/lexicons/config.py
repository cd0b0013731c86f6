"""A user's lexicon (``--lexicon LEXICON.toml``): PETRARCH dictionaries and files in our own formats, added
to the built-in lexicon (the user's entries win) or replacing it. Paths are relative to the TOML file.

```toml
[petrarch]
verbs = "verbs.txt"
actors = ["countries.actors.txt", "international.actors.txt"]
agents = "agents.txt"
discards = "discards.txt"
coding_ontology = "ontology.txt"      # PICO: the codes of negated verbs
replace_builtin = false

[newsevents]
actors = ["my_actors.csv"]            # text,code[,name]
patterns = ["my_patterns.yaml"]
office_holders = ["my_leaders.csv"]
agents = "my_agents.csv"
countries = "my_countries.csv"
organizations = "my_organizations.csv"
```
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from newsevents.errors import LexiconError
from newsevents.lexicons import LEXICON_SUFFIXES, Lexicon, data_version, load_lexicon
from newsevents.lexicons.actors import (
    ActorLexicon,
    family_name_first,
    load_actor_phrases,
    load_agents,
    load_countries,
    load_office_holders,
    load_organizations,
)
from newsevents.lexicons.events import EventLexicon, load_patterns
from newsevents.lexicons.files import DATA_DIR, skip
from newsevents.lexicons.petrarch import load_petrarch

TABLES = {
    "petrarch": {"verbs", "actors", "agents", "discards", "coding_ontology", "replace_builtin"},
    "newsevents": {"actors", "patterns", "office_holders", "agents", "countries", "organizations",
                   "replace_builtin"},
}
MANY = {"actors", "patterns", "office_holders"}  # keys that take a list of files (a single one is fine)


def _paths(toml: Path, table: str, key: str, value: object) -> list[Path]:
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in values) or (len(values) > 1 and key not in MANY):
        raise LexiconError(f"{toml}: [{table}] {key} must be a file name" + (" or a list" if key in MANY else ""))
    paths = [(toml.parent / v).resolve() for v in values]
    for path in paths:
        if not path.is_file():
            raise LexiconError(f"{toml}: [{table}] {key}: no file {path}")
    return paths


def read_config(toml: Path) -> tuple[dict[str, dict[str, list[Path]]], bool]:
    """The files each table names, and whether they replace the built-in lexicon."""
    try:
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"{toml}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{toml}: {exc}") from None
    files: dict[str, dict[str, list[Path]]] = {}
    replace = False
    for table, body in data.items():
        if table not in TABLES or not isinstance(body, dict):
            skip(toml, None, f"[{table}] is not one of the tables {sorted(TABLES)}; ignored")
            continue
        files[table] = {}
        for key, value in body.items():
            if key == "replace_builtin":
                if not isinstance(value, bool):
                    raise LexiconError(f"{toml}: [{table}] replace_builtin must be true or false")
                replace |= value
            elif key in TABLES[table]:
                files[table][key] = _paths(toml, table, key, value)
            else:
                skip(toml, None, f"[{table}] {key} is not one of {sorted(TABLES[table])}; ignored")
    if not any(files.values()):
        raise LexiconError(f"{toml}: names no lexicon file ([petrarch] or [newsevents] tables)")
    return files, replace


def _own_formats(files: dict[str, list[Path]], actors: ActorLexicon, events: EventLexicon) -> None:
    for path in files.get("countries", []):
        load_countries(path, actors, builtin_names=False)
    for path in files.get("organizations", []):
        load_organizations(path, actors)
    for path in files.get("agents", []):
        load_agents(path, actors)
    for path in files.get("office_holders", []):
        load_office_holders(path, actors, family_name_first())
    for path in files.get("actors", []):
        load_actor_phrases(path, actors)
    for path in files.get("patterns", []):
        load_patterns(path, events)


def build_lexicon(files: dict[str, dict[str, list[Path]]], replace: bool, sources: list[Path]) -> Lexicon:
    """The built-in lexicon with the user's files on top (their entries win: ours before PETRARCH's before
    the [newsevents] table's), or the user's files alone when ``replace``. ``files`` maps a table
    ("petrarch", "newsevents") to its keys' files; ``sources`` are further files the version depends on.
    The CAMEO codebook and the cue words are always ours; one-word discards join our sport words, or replace
    them when the user's files replace our lexicon."""
    builtin = load_lexicon()
    petrarch = files.get("petrarch", {})

    def one(key: str) -> Path | None:
        return next(iter(petrarch.get(key, [])), None)

    user = load_petrarch(builtin.events.codebook, verbs=one("verbs"), actors=petrarch.get("actors", []),
                         agents=one("agents"), discards=one("discards"), coding_ontology=one("coding_ontology"),
                         # Beside our lexicon, our statement rule codes "X said"; alone, their patterns do.
                         reporting_verbs=frozenset() if replace else builtin.cues.reporting_verbs)
    own = files.get("newsevents", {})
    if own:
        own_actors, own_events = ActorLexicon(), EventLexicon(codebook=builtin.events.codebook)
        _own_formats(own, own_actors, own_events)
        user.actors.merge(own_actors, replace=True)
        user.events.merge(own_events, replace=True)
    if replace:
        actors, events = user.actors, user.events
    else:
        actors, events = builtin.actors, builtin.events
        actors.merge(user.actors, replace=True)
        events.merge(user.events, replace=True)
    # A discard list of the user's replaces our sport words when their files replace our lexicon.
    discards = user.discard_words if replace and one("discards") else builtin.cues.sport_words | user.discard_words
    cues = dataclasses.replace(builtin.cues, sport_words=discards)
    used = [*sources, *(p for table in files.values() for paths in table.values() for p in paths)]
    if not replace:
        used += [p for p in DATA_DIR.rglob("*") if p.suffix in LEXICON_SUFFIXES]
    return Lexicon(actors=actors, events=events, cues=cues, version=data_version(used))


def load_lexicon_file(toml: Path) -> Lexicon:
    """The lexicon a TOML file describes (see the module's documentation)."""
    files, replace = read_config(toml)
    return build_lexicon(files, replace, [toml])
