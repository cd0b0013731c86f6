"""The event model: which class of act a sentence reports, and which of its candidate dyads is the real one.

It ships as one ``.npz`` file (arrays and a JSON description, no pickle) and loads in a few milliseconds.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsevents.errors import NewsEventsError
from newsevents.learn.linear import Features, LinearModel

# ConfliBERT's five classes, by CAMEO root: 01-02 statements and appeals, 03-05 verbal cooperation, 06-08
# material cooperation, 09-13 and 16 verbal conflict, 14-15 and 17-20 material conflict.
CLASSES = ("statement", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
CLASS_ROOTS = (("01", "02"), ("03", "04", "05"), ("06", "07", "08"), ("09", "10", "11", "12", "13", "16"),
               ("14", "15", "17", "18", "19", "20"))
COOPERATION = frozenset({1, 2})  # the classes in which two joint subjects may act on each other ("A and B agreed")


def root_class(root: str) -> int:
    """ConfliBERT's five-way class of a CAMEO root code."""
    return next(label for label, roots in enumerate(CLASS_ROOTS) if root in roots)


@dataclass(frozen=True)
class EventModel:
    classes: LinearModel  # sentence -> one of the five classes
    dyads: LinearModel  # candidate (verb, source, target) -> is it the reported pair
    about: dict[str, Any] = field(default_factory=dict)  # name, version, training data, licence, figures

    @property
    def rule(self) -> str:
        """What an event this model produced cites as its rule."""
        return f"model:{self.about['name']}@{self.about['version']}"

    @property
    def threshold(self) -> float:
        """The least dyad probability for which the model reports an event."""
        return float(self.about["threshold"])

    @functools.cached_property
    def triggers(self) -> frozenset[str]:
        """The verbs that reported an act between two parties in the training sentences."""
        return frozenset(self.about.get("triggers", ()))

    def root(self, label: int, verb: str) -> str:
        """The CAMEO root of a class for this trigger verb."""
        by_verb = self.about["roots"].get(str(label), {})
        return by_verb.get(verb) or by_verb.get("") or CLASS_ROOTS[label][0]

    def best_dyad(self, rows: Sequence[Features]) -> tuple[int, float]:
        """The index and probability of the likeliest candidate."""
        p = self.dyads.probabilities(rows)[:, self.dyads.labels.index("1")]
        best = int(np.argmax(p))
        return best, float(p[best])

    def event_class(self, row: Features) -> tuple[int, float]:
        """The likeliest class (an index into CLASSES) and its probability."""
        p = self.classes.probabilities([row])[0]
        best = int(np.argmax(p))
        return int(self.classes.labels[best]), float(p[best])

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            np.savez_compressed(out, about=np.array(json.dumps(self.about, sort_keys=True)),
                                **self.classes.arrays("classes"), **self.dyads.arrays("dyads"))

    @classmethod
    def load(cls, path: Path) -> EventModel:
        try:
            with np.load(path, allow_pickle=False) as arrays:
                stored = {name: arrays[name] for name in arrays.files}
            return cls(classes=LinearModel.from_arrays(stored, "classes"),
                       dyads=LinearModel.from_arrays(stored, "dyads"), about=json.loads(str(stored["about"])))
        except (OSError, KeyError, ValueError) as exc:
            raise NewsEventsError(f"{path}: not an event model ({exc}); build one with 'newsevents train'") from exc
