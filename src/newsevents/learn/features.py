"""Named features of a parsed sentence (for its event class) and of a candidate dyad (for who acts on whom)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:  # the actor stage imports the lexicons, which hold the model
    from newsevents.pipeline.actors import Mention

Features = dict[str, float]


def sentence_features(sent: Span) -> Features:
    """Words, verbs and their objects, negation, and the parser's own context vectors averaged over the sentence."""
    features: Features = {}
    for token in sent:
        lemma = token.lemma_.lower()
        if token.is_alpha and not token.is_stop:
            features[f"w={lemma}"] = 1.0
        if token.pos_ == "VERB":
            features[f"v={lemma}"] = 1.0
            for child in token.children:
                if child.dep_ in {"dobj", "prep"}:
                    features[f"v+{child.dep_}={lemma}|{child.lemma_.lower()}"] = 1.0
        if token.dep_ == "neg":
            features["negated"] = 1.0
    features[f"root={sent.root.lemma_.lower()}"] = 1.0
    tensor = sent.doc.tensor
    if tensor is not None and tensor.size and tensor.shape[0] == len(sent.doc):
        for i, value in enumerate(tensor[sent.start : sent.end].mean(axis=0)):
            features[f"t{i}"] = float(value)
    return features


def _slot(token: Token) -> str:
    """The syntactic slot of a mention's head: its relation, and the preposition for a prepositional object."""
    if token.dep_ == "pobj":
        return f"pobj:{token.head.lower_}"
    return token.dep_


def _path(token: Token, verb: Token, steps: int = 4) -> str:
    """The relations from a token up to the verb ("pobj<prep<dobj"), or "far" beyond ``steps``."""
    path = []
    while token.i != verb.i and len(path) < steps:
        path.append(_slot(token) if token.dep_ == "pobj" else token.dep_)
        if token.head.i == token.i:
            return "far"
        token = token.head
    return "<".join(path) if token.i == verb.i else "far"


def dyad_features(doc: Doc, verb: Token, source: Mention, target: Mention, source_direct: bool,
                  how: str) -> Features:
    """What tells a real source-target pair from a wrong one: how the target was found and its path to the verb,
    the verb, the order, the actors' kinds."""
    lemma = verb.lemma_.lower()
    source_slot, target_slot = _slot(doc[source.head]), _slot(doc[target.head])
    target_path = _path(doc[target.head], verb)
    names = [
        f"how={how}", f"path={target_path}", f"how|path={how}|{target_path}", f"v|path={lemma}|{target_path}",
        f"v={lemma}", f"vdep={verb.dep_}", f"s={source_slot}", f"t={target_slot}",
        f"s|t={source_slot}|{target_slot}", f"v|t={lemma}|{target_slot}",
        f"stype={source.actor.type}", f"ttype={target.actor.type}",
        f"s_before_v={source.head < verb.i}", f"t_after_v={target.head > verb.i}",
        f"s_direct={source_direct}", f"s_modifier={source.modifier}", f"t_modifier={target.modifier}",
        f"s_inferred={source.inferred}", f"t_inferred={target.inferred}",
        f"same_country={source.actor.country is not None and source.actor.country == target.actor.country}",
        f"verb_is_root={verb.dep_ == 'ROOT'}",
    ]
    features = dict.fromkeys(names, 1.0)
    features["t_distance"] = min(abs(target.head - verb.i), 20) / 20
    features["s_distance"] = min(abs(source.head - verb.i), 20) / 20
    return features
