"""Migrations: applied once each, in order, on open; re-opening applies nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.db import apply_migrations, connect, fetch_one, migration_files

TABLES = {
    "raw_responses",
    "postings",
    "postings_enriched",
    "runs",
    "run_boards",
    "validation_results",
    "mart_skill_shares",
    "mart_salary_percentiles",
    "publications",
    "schema_migrations",
}


def test_migrations_apply_once_in_order_and_reopen_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with connect(path) as con:
        versions = [
            r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY applied_at").fetchall()
        ]
        assert versions == [n for n, _ in migration_files()]
        assert apply_migrations(con) == []
    with connect(path) as con:
        rows = con.execute("SELECT version, count(*) FROM schema_migrations GROUP BY version").fetchall()
        assert all(count == 1 for _, count in rows)
        assert len(rows) == len(migration_files())
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert tables >= TABLES


def test_read_only_open_refuses_an_unmigrated_file(tmp_path: Path) -> None:
    path = tmp_path / "bare.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(RuntimeError, match="lacks migrations"):
        connect(path, read_only=True)
    connect(path).close()
    with connect(path, read_only=True) as con:
        assert fetch_one(con, "SELECT count(*) FROM runs") == (0,)


def test_every_table_documents_its_grain() -> None:
    for _, path in migration_files():
        text = path.read_text()
        for chunk in text.split("CREATE TABLE")[1:]:
            name = chunk.split("(")[0].strip()
            assert f"-- {name} — grain:" in text or f"-- {name} —" in text, name


def test_a_failing_migration_rolls_back_and_later_ones_do_not_run(tmp_path: Path, monkeypatch) -> None:
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "001_first.sql").write_text("CREATE TABLE a (x INTEGER);")
    (migrations / "002_broken.sql").write_text("CREATE TABLE b (x INTEGER); SELECT * FROM no_such_table;")
    (migrations / "003_after.sql").write_text("CREATE TABLE c (x INTEGER);")
    monkeypatch.setattr("warehouse.db.MIGRATIONS_DIR", migrations)
    path = tmp_path / "w.duckdb"
    with pytest.raises(duckdb.CatalogException):
        connect(path)
    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT version FROM schema_migrations").fetchall() == [(1,)]
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "a" in tables and "b" not in tables and "c" not in tables
    (migrations / "002_broken.sql").write_text("CREATE TABLE b (x INTEGER);")
    with connect(path) as con:
        assert [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()] == [
            1,
            2,
            3,
        ]
