"""newsevents code: read reports, code them, write JSON Lines and/or the store."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
import sys
import warnings
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from newsevents.errors import LexiconError, LexiconWarning
from newsevents.lexicons import Lexicon, default_lexicon
from newsevents.lexicons.config import load_lexicon_file
from newsevents.model import CodedDocument, Document, Quarantined
from newsevents.process import DEFAULT_BATCH_SIZE
from newsevents.readers import DEFAULT_MAX_CHARS, Record, content_id, count_records, read_inputs
from newsevents.store import DEFAULT_DB, LOCK_WAIT, Store

STORE_CHUNK = 256  # documents per store transaction


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    none = "none"


@dataclass
class RunSummary:
    coded: int = 0
    events: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    skipped: int = 0  # already in the store with the same text and lexicon
    # The skipped documents still to write out, each with the number of documents sent to be coded before it:
    # the output of a re-run lists them where the run that coded them did.
    stored: deque[tuple[int, str]] = field(default_factory=deque)

    def reasons(self) -> Counter[str]:
        return Counter(q.reason for q in self.quarantined)


def not_yet_coded(records: Iterable[Record], done: set[tuple[str, str]], summary: RunSummary) -> Iterator[Record]:
    """The records whose (id, content hash) the store does not hold yet; the others count as skipped."""
    ahead = 0
    for record in records:
        if isinstance(record, Document) and (record.doc_id, content_id(record.text)) in done:
            summary.skipped += 1
            summary.stored.append((ahead, record.doc_id))
        else:
            ahead += 1
            yield record


def _write(jsonl: TextIO, coded: CodedDocument) -> None:
    jsonl.write(json.dumps(coded.to_dict(), ensure_ascii=False) + "\n")


def write_stored(jsonl: TextIO | None, store: Store | None, summary: RunSummary, before: int | None) -> None:
    """Write out, read back from the store, the skipped documents that came before the ``before``-th document
    sent to be coded (all of them when ``before`` is None)."""
    due = []
    while summary.stored and (before is None or summary.stored[0][0] <= before):
        due.append(summary.stored.popleft()[1])
    if not due or jsonl is None or store is None:
        return
    for chunk in range(0, len(due), STORE_CHUNK):
        ids = due[chunk : chunk + STORE_CHUNK]
        found = store.coded_documents(ids)
        for doc_id in ids:
            _write(jsonl, found[doc_id])


def confident(results: Iterable[CodedDocument | Quarantined], least: float) -> Iterator[CodedDocument | Quarantined]:
    """The results with the events below ``least`` confidence left out."""
    for result in results:
        if isinstance(result, CodedDocument) and least > 0:
            result = dataclasses.replace(result, events=tuple(e for e in result.events if e.confidence >= least))
        yield result


def run(results: Iterable[CodedDocument | Quarantined], jsonl: TextIO | None, store: Store | None,
        lexicon_version: str, quarantine_out: TextIO | None = None,
        summary: RunSummary | None = None) -> Iterator[RunSummary]:
    """Write every result where it belongs; yield the running summary after each document."""
    summary = summary or RunSummary()
    pending: list[CodedDocument | Quarantined] = []
    for position, result in enumerate(results):
        write_stored(jsonl, store, summary, position)
        if isinstance(result, CodedDocument):
            summary.coded += 1
            summary.events += len(result.events)
            if jsonl is not None:
                _write(jsonl, result)
        else:
            summary.quarantined.append(result)
            if quarantine_out is not None:
                quarantine_out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        pending.append(result)
        if store is not None and len(pending) >= STORE_CHUNK:
            store.save(pending, lexicon_version)
            pending = []
        yield summary
    if store is not None and pending:
        store.save(pending, lexicon_version)
    write_stored(jsonl, store, summary, None)
    yield summary


class RateColumn(ProgressColumn):
    """Documents a second, over Rich's recent-speed window."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} docs/s" if speed else "… docs/s", style="progress.data.speed")


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_workers(total: int | None, batch_size: int) -> int:
    """One worker a core, but no more workers than there are batches to share out."""
    cores = available_cores()
    return cores if total is None else max(1, min(cores, math.ceil(total / batch_size)))


@contextmanager
def lexicon_warnings(err: Console, quiet: bool = False) -> Iterator[None]:
    """Print the lexicon lines skipped (file:line: why) while loading, one a line."""
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", LexiconWarning)
            yield
    finally:
        for warning in caught:
            if not issubclass(warning.category, LexiconWarning):
                warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
            elif not quiet:
                err.print(f"[yellow]lexicon[/] {escape(str(warning.message))}", highlight=False, soft_wrap=True)


def load_user_lexicon(path: Path | None, err: Console, quiet: bool = False) -> Lexicon:
    """The built-in lexicon, or the one a ``--lexicon`` TOML file describes."""
    if path is None:
        return default_lexicon()
    try:
        with lexicon_warnings(err, quiet):
            return load_lexicon_file(path)
    except LexiconError as exc:
        err.print(f"[red]lexicon error[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def dated(records: Iterable[Record], day: dt.date) -> Iterator[Record]:
    """The records, with ``day`` as the publication date of documents that give none."""
    for record in records:
        yield dataclasses.replace(record, date=day) if isinstance(record, Document) and record.date is None else record


def code_cli(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for standard input.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", help="jsonl writes one record per document.")] =
        OutputFormat.none,
    out: Annotated[Path | None, typer.Option(help="Where the JSON Lines go (default: standard output).")] = None,
    db: Annotated[Path, typer.Option(help="DuckDB store to fill.")] = Path(DEFAULT_DB),
    no_db: Annotated[bool, typer.Option("--no-db", help="Do not write the store.")] = False,
    model: Annotated[str | None, typer.Option(help="Any installed spaCy pipeline.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per spaCy batch.")] = DEFAULT_BATCH_SIZE,
    max_chars: Annotated[int, typer.Option(min=1, help="Longer documents are quarantined.")] = DEFAULT_MAX_CHARS,
    quarantine: Annotated[Path | None, typer.Option(help="Also write quarantined documents here (JSONL).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no summary.")] = False,
    lexicon_file: Annotated[Path | None, typer.Option(
        "--lexicon", exists=True, dir_okay=False,
        help="A LEXICON.toml adding PETRARCH dictionaries or our own lexicon files (see README).")] = None,
    engine: Annotated[str, typer.Option(help="local (this machine) or dask (a Dask cluster).")] = "local",
    workers: Annotated[int | None, typer.Option(
        min=1, help="Worker processes, each loading spaCy once [default: one a core, fewer for small inputs]."
    )] = None,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (tcp://HOST:PORT); "
                                                       "without it, a LocalCluster of --workers.")] = None,
    redo: Annotated[bool, typer.Option("--redo", help="Code again documents the store already holds "
                                                      "(same id, text and lexicon).")] = False,
    event_model: Annotated[bool, typer.Option(
        "--event-model", help="Let the trained event model fill the sentences the patterns code no dyad in (its "
                              "events cite rule model:...; more events found, at lower precision: see README)."
    )] = False,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0, help="Leave out events less confident than "
                                                                          "this.")] = 0.0,
    default_date: Annotated[dt.datetime | None, typer.Option(
        formats=["%Y-%m-%d"], help="Publication date of documents that give none (YYYY-MM-DD); without it, "
                                   "their relative dates ('on Wednesday') stay unresolved.")] = None,
    wait: Annotated[float, typer.Option(min=0, help="Seconds to wait for a store another program holds.")] =
        LOCK_WAIT,
) -> None:
    """Code news reports: actors, CAMEO/PLOVER events, quotes, dates, places and tone."""
    err = Console(stderr=True)
    jsonl_to_stdout = fmt is OutputFormat.jsonl and out is None
    lexicon = load_user_lexicon(lexicon_file, err, quiet)
    if event_model:
        lexicon = lexicon.with_event_model()
    # What the store keys its skip on: the same lexicon with another confidence floor gives other records.
    version = lexicon.version + (f"|min-confidence={min_confidence:g}" if min_confidence > 0 else "")
    version += f"|default-date={default_date.date()}" if default_date else ""
    # Imported here: spaCy takes half a second to import, which the reading commands need not wait for.
    from newsevents import engines
    from newsevents.nlp import load_nlp

    load_nlp(model)  # fail early, with the installed pipelines named, if the model is missing
    with ExitStack() as stack:
        jsonl = None
        if fmt is OutputFormat.jsonl:
            jsonl = sys.stdout if out is None else stack.enter_context(out.open("w", encoding="utf-8"))
        store = None if no_db else stack.enter_context(Store(db, wait=wait))
        q_out = stack.enter_context(quarantine.open("w", encoding="utf-8")) if quarantine else None
        summary = RunSummary()
        show = not quiet and err.is_terminal
        # A cheap extra pass over the files, only when a progress bar or the worker count needs the total.
        # The run's own files are never its inputs, even when they lie in a folder it reads.
        own = [path for path in (db, Path(f"{db}.wal"), out, quarantine) if path is not None]
        total = count_records(inputs, own) if show or workers is None else None
        records = read_inputs(inputs, max_chars, own)
        if default_date:
            records = dated(records, default_date.date())
        if store is not None and not redo:
            # A re-run (after a crash, say) skips what is already stored with this text and lexicon.
            done = store.coded_keys(version)
            records = not_yet_coded(records, done, summary)
        if workers is None:
            workers = default_workers(total, batch_size)
        options = {"scheduler": scheduler} if engine == "dask" else {}
        try:
            results = engines.run(engine, records, lexicon=lexicon, model=model, workers=workers,
                                  batch_size=batch_size, **options)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--engine") from None
        progress = Progress(SpinnerColumn(), TextColumn("coding"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                            TextColumn("{task.fields[events]} events, {task.fields[quarantined]} quarantined"),
                            TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=err,
                            transient=True) if show else nullcontext()
        with progress:
            task = progress.add_task("code", total=total, events=0, quarantined=0) if show else None
            for _ in run(confident(results, min_confidence), jsonl, store, version, q_out, summary):
                if show:
                    progress.update(task, completed=summary.coded + len(summary.quarantined) + summary.skipped,
                                    events=summary.events, quarantined=len(summary.quarantined))
    for q in summary.quarantined:
        err.print(f"[yellow]quarantined[/] {q.origin}: {q.reason} {q.message}", highlight=False, soft_wrap=True)
    if not quiet:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(summary.reasons().items()))
        where = "" if no_db else f" into {db}"
        skipped = f"; skipped {summary.skipped} already coded" if summary.skipped else ""
        err.print(f"coded {summary.coded} documents ({summary.events} events){where}; "
                  f"quarantined {len(summary.quarantined)}" + (f" ({reasons})" if reasons else "") + skipped,
                  highlight=False)
    if summary.coded == 0 and not summary.quarantined and not summary.skipped:
        err.print("[red]no documents found[/] in " + " ".join(inputs))
        raise typer.Exit(1)
    if summary.coded == 0 and not summary.skipped:
        err.print("[red]no document could be coded[/]: every one was quarantined")
        raise typer.Exit(1)
    if jsonl_to_stdout:
        sys.stdout.flush()
