"""The Python API: what the CLI, the web server and Dask workers all call.

>>> import kroniek
>>> records = kroniek.read("Zaterdag werden in Minsk 200 demonstranten opgepakt.")
>>> records.events.to_pandas()
>>> chronicle = kroniek.open("kroniek.duckdb")
>>> chronicle.events(actor="Loekasjenko", since="2020-10-01").to_pandas()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from kroniek.errors import InputError, KroniekError, Msg
from kroniek.ingest import read_paths, readable_source
from kroniek.ingest.language import detect_language
from kroniek.ingest.readers import STDIN_SOURCE
from kroniek.records import Article, ArticleRecords, Event, Quote, RecordList
from kroniek.store import DEFAULT_DB, Store

if TYPE_CHECKING:
    from spacy.language import Language


def _pipeline(lang: str = "nl") -> Language:
    from kroniek.nlp.pipeline import load_pipeline  # imported on use: spaCy is slow to import

    return load_pipeline(lang)


def analyse(nlp: Language, articles: Iterable[Article]) -> Iterator[ArticleRecords]:
    """Analyse articles with ``nlp`` (see :func:`kroniek.extract.collect.analyse`)."""
    from kroniek.extract.collect import analyse as run

    return run(nlp, articles)


def read(
    text_or_path: str | Path,
    *,
    published: str | None = None,
    date_precision: str | None = None,
    language: str | None = None,
) -> ArticleRecords:
    """The records of one article, without a store.

    ``text_or_path`` is an article's text, or the path of a file holding one article (any format
    ``kroniek ingest`` reads; a file with several articles gives the first). Raises
    :class:`KroniekError` when the file cannot be read.
    """
    path = Path(text_or_path) if isinstance(text_or_path, Path) or _looks_like_path(text_or_path) else None
    if path is not None:
        article = None
        for item in read_paths([str(path)]):
            if isinstance(item, Article):
                article = item
                break
            if not getattr(item, "is_warning", False):
                raise item
        if article is None:
            raise KroniekError(Msg.K001, pattern=str(path))
    else:
        text = str(text_or_path)
        article = Article.create(
            text,
            source="<text>",
            published=published,
            date_precision=date_precision or _precision_of(published),
            language=language or detect_language(text),
        )
    return next(analyse(_pipeline(), [article]))


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and Path(value).is_file()


def _precision_of(date: str | None) -> str | None:
    return {4: "year", 7: "month", 10: "day"}.get(len(date)) if date else None


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    not_dutch: int = 0
    failed: int = 0
    warnings: int = 0
    failed_sources: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    stdin: TextIO | None = None,
    batch_size: int = 32,
    on_message: Callable[[str], None] = print,
    on_progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Read, analyse and store articles; each batch is committed in one transaction.

    An article already in the store (same normalised text) is not analysed again, so an
    interrupted ingest can simply be run again. Inputs that cannot be read are reported through
    ``on_message`` as one line each and recorded in the failures table.
    """
    summary = IngestSummary()
    seen: set[str] = set()
    pending: list[Article] = []

    def flush() -> None:
        known = store.known_article_ids(a.id for a in pending)
        fresh = [a for a in pending if a.id not in known]
        summary.duplicates += len(pending) - len(fresh)
        results = _analyse_safely(fresh, store, summary, on_message)
        store.write(results)
        summary.stored += len(results)
        summary.not_dutch += sum(1 for r in results if r.skipped)
        if on_progress:
            on_progress(len(pending))
        pending.clear()

    for item in read_paths(list(paths), stdin=stdin):
        if isinstance(item, InputError):
            warning = getattr(item, "is_warning", False)
            store.record_failure(
                item.source, item.code, str(item), line=item.line, severity="warning" if warning else "error"
            )
            on_message(str(item))
            if warning:
                summary.warnings += 1
            else:
                summary.failed += 1
                summary.failed_sources.append(item.source)
            continue
        summary.read += 1
        if item.id in seen:
            summary.duplicates += 1
            continue
        seen.add(item.id)
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    return summary


def retry_failed(store: Store, paths: Iterable[str] = (), **options: Any) -> IngestSummary:
    """Read again every source with an unresolved failure (after the user fixed it, say), and
    ``paths`` besides, in one ingest."""
    # Standard input cannot be read again: its failures stay listed until the user resolves them.
    sources = [s for s in store.failed_sources() if s != STDIN_SOURCE]
    for source in sources:
        store.resolve_failures(source)
    return ingest(store, [*sources, *paths], **options)


def _analyse_safely(
    articles: list[Article], store: Store, summary: IngestSummary, on_message: Callable[[str], None]
) -> list[ArticleRecords]:
    """Analyse a batch; an article that breaks the pipeline gets one line and a failures row."""
    from kroniek.extract.collect import analyse_isolating

    if not articles:
        return []
    results, failed = analyse_isolating(_pipeline(), articles)
    for article, exc in failed:
        path, line = readable_source(article)
        message = f"{article.source}: {Msg.K202.format(detail=f'{type(exc).__name__}: {exc}')}"
        store.record_failure(path, "K202", message, line=line)
        on_message(message)
        summary.failed += 1
        summary.failed_sources.append(path)
    return results


def date_marks(text: str, language: str | None) -> list[dict[str, Any]]:
    """The time expressions written in ``text``, as marks for an article view."""
    from kroniek.extract.dates import find_time_expressions
    from kroniek.nlp.languages import profile_for

    if profile_for(language or "nl") is None:
        return []  # a language kroniek has no date words for: nothing to mark
    return [
        {"kind": "date", "record": None, "start": m.start(), "end": m.end(), "sentence": None, "label": name}
        for name, m in find_time_expressions(text, language or "nl")
    ]


class Chronicle:
    """A store opened for reading and adding articles: ``kroniek.open(db)``."""

    def __init__(self, db: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        from kroniek.actors.resolver import actor_ids_for

        self.store = Store(db, read_only=read_only, name_resolver=actor_ids_for)

    def __enter__(self) -> Chronicle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def ingest(self, *paths: str, **options: Any) -> IngestSummary:
        return ingest(self.store, paths, **options)

    def events(
        self,
        actor: str | None = None,
        type: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> RecordList:
        return self.store.events(actor=actor, type=type, country=country, since=since, until=until, limit=limit)

    def quotes(
        self, speaker: str | None = None, since: str | None = None, until: str | None = None, limit: int | None = None
    ) -> RecordList:
        return self.store.quotes(speaker=speaker, since=since, until=until, limit=limit)

    def actors(self, limit: int | None = None) -> RecordList:
        return self.store.actors(limit=limit)

    def timeline(self, name: str) -> RecordList:
        """One actor's events and quotes, oldest first (undated last)."""
        records: list[Event | Quote] = [*self.store.events(actor=name), *self.store.quotes(speaker=name)]
        records.sort(key=lambda r: (r.date is None, r.date or "", r.doc_id, r.start))
        return RecordList(records)

    def article(self, article_id: str) -> Article | None:
        return self.store.article(article_id)

    def failures(self) -> list[dict[str, Any]]:
        return self.store.failures()


def open(db: str | Path = DEFAULT_DB, read_only: bool = False) -> Chronicle:
    """Open (or create) a store."""
    return Chronicle(db, read_only=read_only)
