"""Schema versions: a read-only open checks them, a write migrates, a failed migration leaves nothing."""

from __future__ import annotations

import duckdb
import pytest

from kroniek.errors import KroniekError
from kroniek.store import Store, schema
from kroniek.store.schema import SCHEMA_VERSION, migrate, stored_version


def _store_at(path, version: int) -> None:
    """A store written by a kroniek whose schema was ``version``."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for number in range(1, min(version, SCHEMA_VERSION) + 1):
        con.execute(schema.MIGRATIONS[number - 1])
        con.execute("INSERT INTO schema_version VALUES (?)", [number])
    if version > SCHEMA_VERSION:
        con.execute("INSERT INTO schema_version VALUES (?)", [version])
    con.close()


def test_reading_an_older_store_asks_for_a_write_command_to_upgrade_it(tmp_path):
    path = tmp_path / "old.duckdb"
    _store_at(path, 2)  # before event_mentions existed
    with pytest.raises(KroniekError) as caught:
        Store(path, read_only=True)
    assert caught.value.code == "K405"
    assert "kroniek ingest --retry-failed" in str(caught.value) and str(path) in str(caught.value)
    # a write open upgrades it, and then it reads
    Store(path).close()
    with Store(path, read_only=True) as store:
        assert store.event_mentions(doc_id="x") == []


def test_reading_a_newer_store_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    _store_at(path, SCHEMA_VERSION + 1)
    with pytest.raises(KroniekError) as caught:
        Store(path, read_only=True)
    assert caught.value.code == "K401"


def test_a_refused_store_leaves_no_connection_open(tmp_path, monkeypatch):
    path = tmp_path / "new.duckdb"
    _store_at(path, SCHEMA_VERSION + 1)
    opened = []
    real_connect = duckdb.connect

    def spy(*args, **kwargs):
        opened.append(real_connect(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(duckdb, "connect", spy)
    with pytest.raises(KroniekError):
        Store(path)
    with pytest.raises(duckdb.ConnectionException):
        opened[0].execute("SELECT 1")


def test_a_failed_migration_is_rolled_back(monkeypatch):
    con = duckdb.connect()
    migrate(con, ":memory:")
    broken = "CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;"
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(duckdb.Error):
        migrate(con, ":memory:")
    assert stored_version(con) == SCHEMA_VERSION
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "half_done" not in tables and "events" in tables
    con.close()
