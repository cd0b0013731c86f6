"""newsevents evaluate TASK PATH: score newsevents against a gold standard and print the figures."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from newsevents.cli.render import Format, render
from newsevents.errors import LexiconError
from newsevents.evaluate import Report

app = typer.Typer(help="Score newsevents against gold standards: metrics, a breakdown, and the misses.",
                  no_args_is_help=True)


def _run(task: str, path: Path, limit: int | None, misses: int, as_json: bool, model: str | None,
         lexicon_file: Path | None) -> None:
    from newsevents.cli.code import lexicon_warnings, load_user_lexicon
    from newsevents.process import Coder

    module = importlib.import_module(f"newsevents.evaluate.{task}")
    err = Console(stderr=True)
    lexicon = load_user_lexicon(lexicon_file, err)
    coder = Coder.load(model, lexicon)
    # PETRARCH records name their own dictionaries; --lexicon codes them with another lexicon instead.
    extra = {"lexicon": lexicon} if task == "petrarch" and lexicon_file else {}
    try:
        with lexicon_warnings(err):
            report: Report = module.evaluate(path, coder=coder, limit=limit, **extra)
    except LexiconError as exc:
        err.print(f"[red]lexicon error[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if as_json:
        print(json.dumps(report.to_dict(), indent=2, default=str))
        return
    console = Console()
    console.print(f"[bold]{task}[/] on {path}")
    render([{"metric": k, "value": v} for k, v in report.metrics.items()], Format.table, title="metrics")
    if report.breakdown:
        render(report.breakdown, Format.table, title="breakdown")
    if report.misses and misses:
        render(report.misses[:misses], Format.table, title=f"misses (first {misses} of {len(report.misses)})")


def _command(task: str, help_text: str):
    def command(
        path: Annotated[Path, typer.Argument(exists=True, help="The gold standard (file or folder).")],
        limit: Annotated[int | None, typer.Option(help="Score only the first N documents or records.")] = None,
        misses: Annotated[int, typer.Option(help="How many misses to print.")] = 20,
        as_json: Annotated[bool, typer.Option("--json", help="Print the whole report as JSON.")] = False,
        model: Annotated[str | None, typer.Option(help="Any installed spaCy pipeline.")] = None,
        lexicon_file: Annotated[Path | None, typer.Option(
            "--lexicon", exists=True, dir_okay=False,
            help="A LEXICON.toml to code with (petrarch: instead of the records' own dictionaries).")] = None,
    ) -> None:
        _run(task, path, limit, misses, as_json, model, lexicon_file)

    command.__doc__ = help_text
    return command


for _task, _help in (
    ("timex", "Time expressions on TempEval-3 TimeML (a folder of .tml files): span and value F1."),
    ("quotes", "Quotes on PolNeAR (a folder with text/ and attributions/): content overlap F1, speaker accuracy."),
    ("geo", "Places on LGL (lgl.xml): accuracy within 161 km, detection precision/recall, country accuracy."),
    ("petrarch", "Events on PETRARCH validation records (.xml): found/expected and extra codings per record."),
):
    app.command(_task)(_command(_task, _help))
