"""The analysis stages, one module each, run in this order by ``newsevents.process.analyse``:

actors (who is mentioned, coded, with in-document memory) -> dates (time expressions) -> places
(toponyms) -> quotes (who said what) -> events (who did what to whom, dated and located by the
stages before) -> tone. ``tokens`` holds the per-document indexes they share.
"""
