"""Every message kroniek shows a user, numbered, in one place.

A user sees one line: ``K101 cannot decode notes.txt: ...``. ``--debug`` on the CLI shows the
traceback as well. Numbers are stable: scripts and the failures table refer to them.

Ranges: K0xx usage and CLI, K1xx reading input, K2xx extraction, K3xx models, K4xx store.
"""

from __future__ import annotations

from enum import StrEnum


class Msg(StrEnum):
    # K0xx: usage
    K001 = "no input matched {pattern}"
    K002 = "unknown format {value!r}; expected one of {choices}"
    K003 = "invalid date {value!r}; expected YYYY, YYYY-MM or YYYY-MM-DD"
    K004 = "no article with id {article_id} in {db}"
    K005 = "unexpected error: {detail} (run the command again with --debug to see where)"
    K006 = "kroniek has no language profile for {lang!r}; known: {known}"
    # K1xx: reading input (each of these becomes a row in the failures table)
    K101 = "cannot decode the bytes as text ({detail})"
    K102 = "the file is empty"
    K103 = "the file looks binary, not text"
    K104 = "line {line}: not valid JSON ({detail})"
    K105 = "line {line}: the article has no 'text'"
    K106 = "no article text could be extracted from the HTML page"
    K107 = "the file is {size_mb:.0f} MB, over the {limit_mb} MB limit for one article source"
    K108 = "the date {value!r} is not a real date; the article was kept without a date"
    K109 = "cannot read the file ({detail})"
    K110 = "the feed has no items with text"
    K111 = "line {line}: {field!r} must be a string"
    K112 = "no publication date in the source; relative dates stay unresolved"
    K113 = "the date {value!r} is not in a known form; the article was kept without a date"
    K114 = "the feed item has no text"
    # K2xx: extraction
    K201 = "language is {language}, not Dutch: stored, not analysed by the Dutch extractors"
    K202 = "analysis failed: {detail}"
    K203 = (
        "the article is dated {published} only; weekdays were resolved around {day}, "
        "the latest full date of that month written in the text"
    )
    # K3xx: models
    K301 = "no trained model at {path}: using the rule-based pass (training/build_all.sh builds it)"
    # K4xx: store
    K401 = "the store {db} was written by a newer kroniek (schema {found}, this kroniek knows {known})"
    K402 = "cannot open the store {db} ({detail})"
    K403 = "there is no store at {db}; build one first with: kroniek ingest PATH... --db {db}"
    K404 = "cannot write {path} ({detail}): the run stopped; free some space and run the same command again"
    K405 = (
        "the store {db} has schema {found}, this kroniek reads schema {known}; "
        "run any write command (e.g. kroniek ingest --retry-failed --db {db}) to upgrade it"
    )
    K406 = "cannot write the export {path} ({detail})"
    K407 = "cannot reach the Dask scheduler at {address} ({detail})"

    def format(self, **values: object) -> str:  # type: ignore[override]
        return f"{self.name} {self.value.format(**values)}"


class KroniekError(Exception):
    """An error with a numbered, user-facing message."""

    def __init__(self, msg: Msg, **values: object) -> None:
        self.msg = msg
        self.values = values
        super().__init__(msg.format(**values))

    @property
    def code(self) -> str:
        return self.msg.name


class InputError(KroniekError):
    """A source could not be read as an article; it is recorded as a failure, never raised past ingest.

    ``source`` is always a path that can be read again (or ``<stdin>``, or a pattern); ``line``
    (JSONL) and ``item`` (1-based feed item) say where inside it.
    """

    is_warning = False

    def __init__(
        self, msg: Msg, source: str, line: int | None = None, *, item: int | None = None, **values: object
    ) -> None:
        self.source = source
        self.line = line
        self.item = item
        super().__init__(msg, line=line, **values)

    def __str__(self) -> str:
        where = self.source
        if self.line is not None and "{line}" not in self.msg.value:
            # Messages without their own "line N:" still say where the problem is.
            where = f"{where}:{self.line}"
        if self.item is not None:
            where = f"{where}#{self.item}"
        return f"{where}: {self.msg.format(**self.values)}"


class InputWarning(InputError):
    """A problem with a source whose article was still kept (yielded just before that article)."""

    is_warning = True
