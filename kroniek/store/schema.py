"""The DuckDB schema, as numbered migrations.

A store records the schema version it was written with. Opening an older store applies the
missing migrations in order; opening a newer one is refused (K401) rather than guessed at. A
read-only open cannot migrate: it refuses an older store too (K405, which says how to upgrade it).
"""

from __future__ import annotations

import duckdb

from kroniek.errors import KroniekError, Msg

MIGRATIONS: list[str] = [
    # 1: the foundation schema.
    """
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        text VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        title VARCHAR,
        url VARCHAR,
        published VARCHAR,
        date_precision VARCHAR,
        language VARCHAR,
        publication VARCHAR,
        external_id VARCHAR,
        status VARCHAR NOT NULL,            -- analysed | skipped (not Dutch)
        notes VARCHAR,                      -- JSON list of what the pipeline could not do
        ingested_at TIMESTAMP NOT NULL
    );
    CREATE TABLE sentences (
        doc_id VARCHAR NOT NULL, "index" INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        PRIMARY KEY (doc_id, "index")
    );
    CREATE TABLE mentions (
        doc_id VARCHAR NOT NULL, sentence INTEGER, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL, label VARCHAR, actor_id VARCHAR
    );
    CREATE TABLE actors (
        id VARCHAR PRIMARY KEY, canonical VARCHAR NOT NULL, country VARCHAR, sector VARCHAR, kind VARCHAR
    );
    CREATE TABLE actor_names (actor_id VARCHAR NOT NULL, name VARCHAR NOT NULL, PRIMARY KEY (actor_id, name));
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, date VARCHAR, date_precision VARCHAR,
        event VARCHAR, mode VARCHAR, type_ere VARCHAR, modality VARCHAR,
        actor_text VARCHAR, actor_id VARCHAR, actor_code VARCHAR,
        recipient_text VARCHAR, recipient_id VARCHAR, recipient_code VARCHAR,
        place VARCHAR, place_resolved VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE, place_country VARCHAR,
        size_dead INTEGER, size_injured INTEGER, size_arrested INTEGER,
        event_text VARCHAR, trigger VARCHAR, sentence INTEGER, start INTEGER, "end" INTEGER,
        sentence_text VARCHAR, confidence DOUBLE, mentions INTEGER,
        actor_json VARCHAR, recipient_json VARCHAR, place_json VARCHAR, context_json VARCHAR
    );
    -- one row per (event, participant): what --actor and --country filter on
    CREATE TABLE event_actors (
        event_id VARCHAR NOT NULL, role VARCHAR NOT NULL, actor_id VARCHAR, entity_text VARCHAR,
        canonical VARCHAR, code VARCHAR, sector VARCHAR
    );
    CREATE TABLE quotes (
        id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, date VARCHAR, date_precision VARCHAR, kind VARCHAR,
        speaker_text VARCHAR, speaker_id VARCHAR, speaker_name VARCHAR, speaker_code VARCHAR,
        speaker_sector VARCHAR, text VARCHAR, speech_verb VARCHAR, sentence INTEGER, start INTEGER,
        "end" INTEGER, sentence_text VARCHAR, confidence DOUBLE, speaker_json VARCHAR
    );
    CREATE TABLE failures (
        source VARCHAR NOT NULL, line INTEGER, code VARCHAR NOT NULL, reason VARCHAR NOT NULL,
        severity VARCHAR NOT NULL,          -- error: nothing stored | warning: stored, with a caveat
        first_seen TIMESTAMP NOT NULL, last_seen TIMESTAMP NOT NULL, attempts INTEGER NOT NULL,
        resolved BOOLEAN NOT NULL DEFAULT false
    );
    CREATE INDEX events_date ON events (date);
    CREATE INDEX event_actors_event ON event_actors (event_id);
    CREATE INDEX mentions_doc ON mentions (doc_id);
    """,
    # 2: lookups the web view makes on every page (kroniek serve): one actor's events, one article's records.
    """
    CREATE INDEX event_actors_actor ON event_actors (actor_id);
    CREATE INDEX events_doc ON events (doc_id);
    CREATE INDEX quotes_doc ON quotes (doc_id);
    CREATE INDEX quotes_speaker ON quotes (speaker_id);
    """,
    # 3: one event per real-world happening (kroniek.store.dedup): every further report of it
    """
    CREATE TABLE event_mentions (
        event_id VARCHAR NOT NULL, mention_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, sentence INTEGER,
        start INTEGER, "end" INTEGER, trigger VARCHAR, sentence_text VARCHAR, date VARCHAR, confidence DOUBLE
    );
    CREATE INDEX event_mentions_event ON event_mentions (event_id);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def stored_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version the store at ``con`` was written with (0: not a kroniek store yet)."""
    has_table = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not has_table:
        return 0
    found = con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0]
    return found or 0


def check_readable(con: duckdb.DuckDBPyConnection, db: str) -> None:
    """Refuse to read a store opened read-only whose schema is not this code's (it cannot migrate it)."""
    found = stored_version(con)
    if found > SCHEMA_VERSION:
        raise KroniekError(Msg.K401, db=db, found=found, known=SCHEMA_VERSION)
    if found < SCHEMA_VERSION:
        raise KroniekError(Msg.K405, db=db, found=found, known=SCHEMA_VERSION)


def migrate(con: duckdb.DuckDBPyConnection, db: str) -> int:
    """Bring the store at ``con`` up to :data:`SCHEMA_VERSION`; return the version it had.

    Each migration is one transaction: one that fails leaves the store at the version before it.
    """
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    found = stored_version(con)
    if found > SCHEMA_VERSION:
        raise KroniekError(Msg.K401, db=db, found=found, known=SCHEMA_VERSION)
    for version in range(found + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(MIGRATIONS[version - 1])
            con.execute("INSERT INTO schema_version VALUES (?)", [version])
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    return found
