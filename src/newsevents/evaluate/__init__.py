"""Evaluation harnesses: each scores newsevents against a gold standard and returns a Report.

One implementation per task, used by ``newsevents evaluate <task>`` and by the benchmark scripts:
``timex`` (TempEval-3), ``quotes`` (PolNeAR), ``geo`` (LGL), ``petrarch`` (PETRARCH validation records).
Each module exposes ``evaluate(path, *, coder=None, limit=None) -> Report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


@dataclass
class Report:
    """What an evaluation found: headline metrics, a per-category breakdown, and the misses."""

    task: str
    metrics: dict[str, Any] = field(default_factory=dict)
    breakdown: list[dict[str, Any]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "metrics": self.metrics, "breakdown": self.breakdown, "misses": self.misses}


TASKS = ("timex", "quotes", "geo", "petrarch")
