"""Reading lexicon files: CSV and YAML with per-line error reports."""

from __future__ import annotations

import csv
import unicodedata
import warnings
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import yaml

from newsevents.errors import LexiconError, LexiconWarning

DATA_DIR = Path(str(resources.files("newsevents") / "data"))


def skip(path: Path | str, line: int | None, why: str) -> None:
    """Report a lexicon line that is not loaded; loading goes on."""
    where = f"{path}:{line}" if line else str(path)
    warnings.warn(f"{where}: {why}", LexiconWarning, stacklevel=3)


def read_csv_rows(path: Path, required: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each row of a CSV lexicon; rows missing a required field are skipped."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read: {exc.strerror or exc}") from None
    with handle:
        reader = csv.DictReader(line for line in handle if not line.lstrip().startswith("#"))
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise LexiconError(f"{path}: header lacks column(s) {', '.join(missing)}")
        for row in reader:
            row = {k: (v or "").strip() for k, v in row.items() if k is not None}
            absent = [c for c in required if not row.get(c)]
            if absent:
                skip(path, reader.line_num, f"empty {', '.join(absent)}")
                continue
            yield reader.line_num, row


def read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot load: {exc}") from None


def split_values(field: str) -> list[str]:
    return [v.strip() for v in field.split("|") if v.strip()]


def fold(text: str) -> str:
    """Lower case without accents and with straight apostrophes: the form all lexicon keys use."""
    if text.isascii():
        return text.lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
