"""``kroniek serve``: a read-only HTTP API over a store, and the web view that uses it.

Only GET routes exist, and the store is opened read-only. Every query goes through
:mod:`kroniek.store.queries` (parameterised SQL). Parameters are validated here, so a bad date,
type or limit gets a 422 with a message that says what was expected.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import re
import secrets
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator
from starlette.concurrency import run_in_threadpool

from kroniek.actors.resolver import actor_ids_for
from kroniek.api import date_marks
from kroniek.errors import KroniekError, Msg
from kroniek.records import PLOVER_TYPES, event_to_plover
from kroniek.serve.index import ChronicleIndex
from kroniek.store import Store
from kroniek.store import queries as Q

STATIC = Path(__file__).parent / "static"
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
DEFAULT_ROW_CACHE = 20_000
_ENV_DB, _ENV_TOKEN = "KRONIEK_SERVE_DB", "KRONIEK_SERVE_TOKEN"
TOKEN_COOKIE = "kroniek_token"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")


# -- parameters -------------------------------------------------------------------------------


def _check_date(value: str | None) -> str | None:
    if not value:
        return None
    m = _DATE.match(value)
    if not m:
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return value


def _check_type(value: str | None) -> str | None:
    if not value:
        return None
    if value.upper() not in PLOVER_TYPES:
        raise ValueError(f"unknown PLOVER type {value!r}; expected one of {', '.join(PLOVER_TYPES)}")
    return value.upper()


def _check_country(value: str | None) -> str | None:
    if not value:
        return None
    if not _COUNTRY.match(value):
        raise ValueError(f"expected a three-letter ISO country code such as BLR, got {value!r}")
    return value.upper()


def _words(value: str | None) -> str | None:
    """Free text: blank means no filter; long input is refused rather than scanned for."""
    if value is None or not value.strip():
        return None
    if len(value) > 200:
        raise ValueError(f"at most 200 characters, got {len(value)}")
    return value.strip()


DateQ = Annotated[
    str | None,
    AfterValidator(_check_date),
    Query(description="YYYY, YYYY-MM or YYYY-MM-DD; a record's date is a period and is kept when it overlaps"),
]
TypeQ = Annotated[
    str | None,
    AfterValidator(_check_type),
    Query(description="a PLOVER event type (any case)", json_schema_extra={"enum": list(PLOVER_TYPES)}),
]
CountryQ = Annotated[
    str | None, AfterValidator(_check_country), Query(description="ISO-3 country of an actor or of the place")
]
ActorQ = Annotated[
    str | None,
    AfterValidator(_words),
    Query(description="an actor's name in any spelling seen, or an actor id"),
]
SpeakerQ = Annotated[
    str | None,
    AfterValidator(_words),
    Query(description="the speaker's name in any spelling seen, or an actor id"),
]
TextQ = Annotated[str | None, AfterValidator(_words), Query(description="words in the sentence")]
DocQ = Annotated[str | None, Query(max_length=64, pattern=r"^[0-9a-f]+$", description="an article id")]
LimitQ = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
OffsetQ = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="records to skip")]
IdPath = Annotated[str, PathParam(max_length=200)]


async def _event_filters(
    actor: ActorQ = None,
    type: TypeQ = None,
    country: CountryQ = None,
    since: DateQ = None,
    until: DateQ = None,
    q: TextQ = None,
) -> Q.Filters:
    """The filters every event endpoint takes, as the CLI's (async: it runs on the event loop,
    not in a worker thread, so requests answered from memory stay there)."""
    return Q.Filters(actor, type, country, since, until, q)


EventFilters = Annotated[Q.Filters, Depends(_event_filters)]


def _page(total: int, limit: int, offset: int, items: list[Any]) -> JSONResponse:
    return JSONResponse({"total": total, "limit": limit, "offset": offset, "items": items})


# -- the app ------------------------------------------------------------------------------------


def migrate_store(db: str) -> None:
    """Bring an older store's schema (and its indexes) up to date, if nobody else is writing it."""
    with contextlib.suppress(KroniekError):
        Store(db).close()


class _Stores:
    """One read-only store, a cursor on it per worker thread, and the indexes built over it."""

    def __init__(self, db: str, row_cache: int = 0, migrate: bool = True) -> None:
        if not Path(db).exists():
            raise KroniekError(Msg.K403, db=db)
        if migrate:
            migrate_store(db)
        # Built on a connection of its own: closing it gives back the memory DuckDB used to sort.
        with Store(db, read_only=True) as builder:
            self.index = ChronicleIndex.build(builder, row_cache=row_cache)
        # Any spelling finds an actor: Lukashenko, Лукашэнка and Loekasjenko give the same ids.
        self.base = Store(db, read_only=True, name_resolver=actor_ids_for)
        self.local = threading.local()

    def get(self) -> Store:
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = self.base.cursor()
        return store

    def resolved(self, f: Q.Filters) -> Q.Filters:
        """``f`` with its actor name resolved to ids through the in-memory spellings."""
        if f.actor and f.actor_ids is None:
            return replace(f, actor_ids=tuple(self.index.actor_ids(self.get(), f.actor)))
        return f

    def in_memory(self, f: Q.Filters) -> Q.Filters | None:
        """``f`` resolved, if the indexes answer it without the store or the name resolver; else None.

        Such a request is answered on the event loop: sending CPU-bound work to a thread only adds
        a hand-over and GIL contention. Anything that reads the store goes to the thread pool.
        """
        if f.actor and f.actor_ids is None:
            ids = self.index.actor_ids_in_memory(f.actor)
            if ids is None:
                return None
            f = replace(f, actor_ids=tuple(ids))
        return f if self.index.supports(f) else None


def create_app(db: str, token: str | None = None, row_cache: int | None = None, migrate: bool = True) -> FastAPI:
    """The FastAPI app serving the store at ``db``; with ``token``, every request must carry it.

    ``row_cache`` events (default ``$KRONIEK_ROW_CACHE`` or 20,000) are kept in memory once
    fetched for a page; 0 turns the cache off. ``migrate=False`` leaves the schema alone (worker
    processes: the parent migrated, and a writer would lock the others out).
    """
    if row_cache is None:
        row_cache = int(os.environ.get("KRONIEK_ROW_CACHE", DEFAULT_ROW_CACHE))
    stores = _Stores(db, row_cache, migrate)
    ix = stores.index
    app = FastAPI(
        title="kroniek",
        version="1",
        summary="The chronicle in a kroniek store: events (PLOVER), quotes, actors, places and articles.",
        description="Read-only. Lists are pages: `total`, `limit`, `offset`, `items`. "
        "Bad parameters get a 422 whose `message` says what was expected.",
    )
    app.state.stores = stores

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(part) for part in err.get("loc", ())[1:]) or "request"
            text = str(err.get("msg", "invalid")).removeprefix("Value error, ")
            problems.append({"parameter": where, "message": text})
        message = "; ".join(f"{p['parameter']}: {p['message']}" for p in problems)
        return JSONResponse({"message": message, "detail": problems}, status_code=422)

    if token:

        @app.middleware("http")
        async def _guard(request: Request, call_next: Any) -> Response:
            given = request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE)
            auth = request.headers.get("authorization", "")
            if auth.lower().startswith("bearer "):
                given = auth[7:].strip()
            if not given or not secrets.compare_digest(given.encode(), token.encode()):
                return JSONResponse(
                    {"message": "a token is needed: send 'Authorization: Bearer TOKEN' or add ?token=TOKEN"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            response = await call_next(request)
            if request.query_params.get("token"):
                # The page's own scripts and styles are fetched without ?token=: a cookie carries it.
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
            return response

    # -- web view ---------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    # -- API --------------------------------------------------------------------------------

    @app.get("/api", summary="What the store holds")
    def summary() -> JSONResponse:
        out = dict(ix.summary)
        out["types"] = list(PLOVER_TYPES)
        return JSONResponse(out)

    @app.get("/api/server", summary="This server process: index size, build time and cache use")
    def server() -> JSONResponse:
        return JSONResponse(
            {"pid": os.getpid(), "events": ix.n_events, "index_bytes": ix.nbytes,
             "index_build_seconds": round(ix.build_seconds, 3), **ix.cache_stats()}
        )  # fmt: skip

    @app.get("/api/events", summary="Events (PLOVER JSON), newest first")
    def events(
        filters: EventFilters,
        doc: DocQ = None,
        limit: LimitQ = 50,
        offset: OffsetQ = 0,
    ) -> JSONResponse:
        store = stores.get()
        filters = stores.resolved(replace(filters, doc_id=doc))
        if ix.supports(filters):
            total, found = ix.events_page(store, filters, limit, offset)
        else:
            total, found = Q.events_page(store, filters, limit, offset)
        cited = ix.cite(store, [e.doc_id for e in found])
        return _page(total, limit, offset, [event_to_plover(e, cited.get(e.doc_id)) for e in found])

    @app.get("/api/events/{event_id}", summary="One event (PLOVER JSON)")
    def event(event_id: IdPath) -> JSONResponse:
        store = stores.get()
        found = Q.event_by_id(store, event_id)
        if found is None:
            return _not_found("event", event_id)
        return JSONResponse(event_to_plover(found, Q.cite_articles(store, [found.doc_id]).get(found.doc_id)))

    @app.get("/api/quotes", summary="Quotes, newest first")
    def quotes(
        speaker: SpeakerQ = None,
        country: CountryQ = None,
        since: DateQ = None,
        until: DateQ = None,
        q: TextQ = None,
        doc: DocQ = None,
        limit: LimitQ = 50,
        offset: OffsetQ = 0,
    ) -> JSONResponse:
        filters = stores.resolved(Q.Filters(actor=speaker, country=country, since=since, until=until, q=q, doc_id=doc))
        if ix.supports(filters):
            total, found = ix.quotes_page(stores.get(), filters, limit, offset)
        else:
            total, found = Q.quotes_page(stores.get(), filters, limit, offset)
        return _page(total, limit, offset, [x.to_json() for x in found])

    @app.get("/api/quotes/{quote_id}", summary="One quote")
    def quote(quote_id: IdPath) -> JSONResponse:
        found = Q.quote_by_id(stores.get(), quote_id)
        return JSONResponse(found.to_json()) if found else _not_found("quote", quote_id)

    @app.get("/api/actors", summary="Actors, most written about first; `name` searches every spelling seen")
    def actors(name: ActorQ = None, limit: LimitQ = 50, offset: OffsetQ = 0) -> JSONResponse:
        total, found = Q.actors_page(stores.get(), name, limit, offset)
        return _page(total, limit, offset, [a.to_json() for a in found])

    @app.get("/api/actors/{actor_id}", summary="One actor")
    def actor(actor_id: IdPath) -> JSONResponse:
        store = stores.get()
        row = store.con.execute("SELECT count(*) FROM actors WHERE id = ?", [actor_id]).fetchone()[0]
        if not row:
            return _not_found("actor", actor_id)
        _, found = Q.actors_page(store, actor_id, MAX_LIMIT)
        return JSONResponse(next(a.to_json() for a in found if a.id == actor_id))

    @app.get("/api/places", summary="Places of events with coordinates, and how many events each")
    def places(
        filters: EventFilters,
        limit: LimitQ = MAX_LIMIT,
    ) -> JSONResponse:
        return JSONResponse({"items": Q.places(stores.get(), stores.resolved(filters), limit)})

    async def from_index_or_store(
        filters: Q.Filters, from_index: Callable[[Q.Filters], Any], from_store: Callable[[Any, Q.Filters], Any]
    ) -> JSONResponse:
        """Answered on the event loop when the in-memory indexes can, else in a worker thread
        (the store and the name resolver block)."""
        ready = stores.in_memory(filters)
        if ready is not None:
            return JSONResponse(from_index(ready))

        def blocking() -> JSONResponse:
            resolved = stores.resolved(filters)
            if ix.supports(resolved):
                return JSONResponse(from_index(resolved))
            return JSONResponse(from_store(stores.get(), resolved))

        return await run_in_threadpool(blocking)

    @app.get("/api/timeline", summary="Events per period and PLOVER type, and quotes (type QUOTE)")
    async def timeline(
        filters: EventFilters,
        bucket: Annotated[str, Query(pattern="^(auto|day|month|year)$", description="auto, day, month or year")] = (
            "auto"
        ),
    ) -> JSONResponse:
        return await from_index_or_store(
            filters,
            lambda f: ix.timeline_counts(f, bucket),
            lambda db, f: Q.timeline_counts(db, f, bucket),
        )

    @app.get("/api/network", summary="Who acts on whom: actor -> recipient edges weighted by event counts")
    async def network(
        filters: EventFilters,
        max_edges: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 150,
    ) -> JSONResponse:
        return await from_index_or_store(
            filters,
            lambda f: ix.network(f, max_edges),
            lambda db, f: Q.network(db, f, max_edges),
        )

    @app.get("/api/articles", summary="Articles (without text), newest first")
    def articles(q: TextQ = None, limit: LimitQ = 50, offset: OffsetQ = 0) -> JSONResponse:
        total, found = Q.articles_page(stores.get(), q, limit, offset)
        return _page(total, limit, offset, found)

    @app.get("/api/articles/{article_id}", summary="An article's text with every record marked in it")
    def article(article_id: Annotated[str, PathParam(max_length=64, pattern=r"^[0-9a-f]+$")]) -> JSONResponse:
        store = stores.get()
        found = store.article(article_id)
        if found is None:
            return _not_found("article", article_id)
        marks = Q.article_marks(store, found, extra=date_marks(found.text, found.language))
        cited = {found.id: found}
        body = {
            "article": {f: getattr(found, f) for f in found.__slots__},
            "sentences": marks["sentences"],
            "marks": marks["marks"],
            "events": [event_to_plover(e, cited[found.id]) for e in marks["events"]],
            "quotes": [x.to_json() for x in marks["quotes"]],
        }
        return JSONResponse(body)

    return app


def app_from_env() -> FastAPI:
    """The app of one worker process started by :func:`run`: its settings come from the environment."""
    return create_app(os.environ[_ENV_DB], token=os.environ.get(_ENV_TOKEN) or None, migrate=False)


def run(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, workers: int = 1) -> None:
    """Serve ``db`` with uvicorn; ``workers`` > 1 starts that many processes on one port.

    Each worker has its own read-only connection and in-memory indexes: DuckDB runs queries
    without the GIL, but the JSON around them needs it, so on n cores n workers answer more.
    Each worker listens on a socket of its own with SO_REUSEPORT, so the kernel spreads the
    connections over them (on a shared socket one worker tends to take every keep-alive one).
    """
    import uvicorn

    if not Path(db).exists():  # before anything opens it: opening would create an empty store
        raise KroniekError(Msg.K403, db=db)
    if workers <= 1:
        uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="warning", access_log=False)
        return
    migrate_store(db)
    if not hasattr(socket, "SO_REUSEPORT"):
        os.environ[_ENV_DB] = str(Path(db).resolve())
        os.environ[_ENV_TOKEN] = token or ""
        uvicorn.run(
            "kroniek.serve.app:app_from_env", factory=True, host=host, port=port, workers=workers, log_level="warning"
        )
        return
    spawn = multiprocessing.get_context("spawn")
    procs = [spawn.Process(target=_worker, args=(db, host, port, token), daemon=True) for _ in range(workers)]
    for p in procs:
        p.start()

    def stop(*_: object) -> None:
        for p in procs:
            if p.is_alive():
                p.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        for p in procs:
            p.join()
    except KeyboardInterrupt:
        stop()
        for p in procs:
            p.join(10)


def _worker(db: str, host: str, port: int, token: str | None) -> None:
    """One worker process of :func:`run`: its own socket on the shared port, its own app."""
    import uvicorn

    sock = listen_socket(host, port)
    app = create_app(db, token=token, migrate=False)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(sockets=[sock])


def listen_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host``:``port`` that other processes may bind too (SO_REUSEPORT)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto IPPROTO_TCP, not 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say
    # they are TCP, accepted ones inherit it, and with Nagle on a response's body waits for the
    # client to acknowledge its headers: up to 40 ms of delayed ACK on every request (the same as
    # uvicorn issue #3149 in its own --workers mode).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _not_found(kind: str, key: str) -> JSONResponse:
    return JSONResponse({"message": f"no {kind} with id {key!r}"}, status_code=404)
