"""The command line: one Typer app, one module per command, each a thin wrapper over a function."""

from __future__ import annotations

import typer

from newsevents.cli import code, evaluate, events, stats, train

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn dated news reports into political event data (CAMEO/PLOVER) with evidence.")
app.command("code")(code.code_cli)
app.command("events")(events.events_cli)
app.command("stats")(stats.stats_cli)
app.command("train")(train.train_cli)
app.add_typer(evaluate.app, name="evaluate")


def main() -> None:
    app()
