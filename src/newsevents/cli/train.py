"""newsevents train: fit the event model on ConfliBERT's sentences (the tuning part) and write the artefact."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsevents.lexicons import MODEL_FILE, load_lexicon
from newsevents.lexicons.files import DATA_DIR

DEFAULT_DATA = Path("../shared/data/conflibert")


def train_cli(
    data: Annotated[Path, typer.Option(help="ConfliBERT's folder (train.tsv, ner_train.txt).")] = DEFAULT_DATA,
    out: Annotated[Path, typer.Option(help="Where the model goes [default: the one newsevents ships].")] =
        DATA_DIR / MODEL_FILE,
    model: Annotated[str | None, typer.Option(help="The spaCy pipeline the features come from.")] = None,
) -> None:
    """Train the event model (five-way class, and which candidate dyad is the reported one)."""
    err = Console(stderr=True)
    try:
        import sklearn  # noqa: F401  (training only: the model runs without it)
    except ModuleNotFoundError:
        err.print("[red]newsevents train needs scikit-learn[/]: pip install 'newsevents[train]' "
                  "(or -r requirements-dev.txt)")
        raise typer.Exit(2) from None
    from newsevents.learn.train import train

    if not (data / "train.tsv").is_file() or not (data / "ner_train.txt").is_file():
        err.print(f"[red]no ConfliBERT data[/] in {data} (train.tsv and ner_train.txt)")
        raise typer.Exit(2)
    with err.status("training on the tuning part"):
        fitted = train(data, load_lexicon(), model)
    fitted.save(out)
    about = fitted.about
    err.print(f"wrote {out}: {fitted.rule}, trained on {about['trained_on']}; cross-validated class accuracy "
              f"{about['cross_validated_class_accuracy']:.3f}, dyad precision "
              f"{about['cross_validated_dyad_precision']:.3f} at threshold {about['threshold']}", highlight=False)
