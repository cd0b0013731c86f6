"""The command line: one Typer app, one module per command, each a thin wrapper over a function."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from newsevents import __version__
from newsevents.cli import code, evaluate, events, export, series, show, stats, train
from newsevents.errors import NewsEventsError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn dated news reports into political event data (CAMEO/PLOVER) with evidence.")


def _print_version(asked: bool) -> None:
    if asked:
        print(f"newsevents {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                                   help="Print the version and exit.")] = False) -> None:
    """Turn dated news reports into political event data (CAMEO/PLOVER) with evidence."""


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """The command, with the errors newsevents names (a store it cannot open, a missing pipeline) printed as
    one line and exit code 2 instead of a traceback."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except NewsEventsError as exc:
            Console(stderr=True).print(f"[red]error[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None

    return run


for _name, _command in (("code", code.code_cli), ("events", events.events_cli), ("export", export.export_cli),
                        ("series", series.series_cli), ("show", show.show_cli), ("stats", stats.stats_cli),
                        ("train", train.train_cli)):
    app.command(_name)(reports_errors(_command))
app.add_typer(evaluate.app, name="evaluate")


def main() -> None:
    app()
