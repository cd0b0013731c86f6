"""A linear classifier as plain arrays: named features in, probabilities out.

Trained with scikit-learn, run without it: importing scikit-learn costs a second of start-up, and a pickle
would tie the artefact to one library version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

Features = Mapping[str, float]


@dataclass(frozen=True)
class LinearModel:
    """Softmax (or, for two labels, logistic) regression over named features."""

    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    weights: np.ndarray  # features x outputs (one output for two labels: the second label's log-odds)
    bias: np.ndarray

    def scores(self, rows: Sequence[Features]) -> np.ndarray:
        out = np.tile(self.bias, (len(rows), 1)).astype(np.float64)
        for n, row in enumerate(rows):
            for name, value in row.items():
                i = self.vocabulary.get(name)
                if i is not None:
                    out[n] += value * self.weights[i]
        return out

    def probabilities(self, rows: Sequence[Features]) -> np.ndarray:
        """One row of label probabilities per input row, in ``labels`` order."""
        if not rows:
            return np.zeros((0, len(self.labels)))
        scores = self.scores(rows)
        if len(self.labels) == 2 and scores.shape[1] == 1:
            positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The model as named arrays, for ``np.savez``."""
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {f"{prefix}.labels": np.array(self.labels), f"{prefix}.features": np.array(names),
                f"{prefix}.weights": self.weights, f"{prefix}.bias": self.bias}

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], prefix: str) -> LinearModel:
        names = arrays[f"{prefix}.features"].tolist()
        return cls(labels=tuple(arrays[f"{prefix}.labels"].tolist()),
                   vocabulary={name: i for i, name in enumerate(names)},
                   weights=arrays[f"{prefix}.weights"], bias=arrays[f"{prefix}.bias"])
