"""The warehouse explains itself: every marts table, view and column has a comment, docs/warehouse.md is exactly
what `sahelwatch db dictionary` makes of them, and every example query of the dictionary runs as an analyst."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import psycopg
import pytest

from sahelwatch.db.dictionary import EXAMPLES_DIR, load_examples, missing_comments, relations
from sahelwatch.resources import REPO_ROOT

DOC = REPO_ROOT / "docs" / "warehouse.md"
ANALYST = "sahelwatch_analyst"

# Straight from the catalogue, not through sahelwatch.db.dictionary, so the check does not trust the code it guards.
UNCOMMENTED = """
select c.relname || '.' || a.attname
  from pg_class c
  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
 where c.relnamespace = 'marts'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
   and coalesce(col_description(c.oid, a.attnum), '') = ''
union all
select c.relname
  from pg_class c
 where c.relnamespace = 'marts'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
   and coalesce(obj_description(c.oid, 'pg_class'), '') = ''
"""


def uncommented(conn: psycopg.Connection) -> list[str]:
    return sorted({row[0] for row in conn.execute(UNCOMMENTED)})


def test_every_marts_table_view_and_column_has_a_comment(conn) -> None:
    assert uncommented(conn) == []
    assert missing_comments(conn) == []  # functions included


def test_the_check_catches_what_a_later_migration_adds(conn) -> None:
    with conn.transaction(force_rollback=True):
        conn.execute("alter table marts.incidents add column later_column integer")
        conn.execute("create view marts.later_view as select 1 as one")
        assert uncommented(conn) == ["incidents.later_column", "later_view", "later_view.one"]
        assert set(missing_comments(conn)) == {
            "marts.incidents.later_column",
            "marts.later_view",
            "marts.later_view.one",
        }


def test_comments_say_what_analysts_asked(conn) -> None:
    comment = dict(
        conn.execute(
            "select c.relname || '.' || a.attname, col_description(c.oid, a.attnum) from pg_attribute a"
            " join pg_class c on c.oid = a.attrelid where c.relnamespace = 'marts'::regnamespace and a.attnum > 0"
        )
    )
    assert (
        "1 = the day" in comment["incidents.time_precision"]
        and "3 = only the month" in comment["incidents.time_precision"]
    )
    assert "1 = the town or village itself" in comment["incidents.geo_precision"]
    assert "NULL = no figure" in comment["incidents.fatalities"]
    assert "0 when no source gives a figure" in comment["acled_events.fatalities"]
    assert '"distance"' in comment["incident_sources.match_rule"]
    assert "haversine" in comment["incident_sources.distance_km"]
    assert "not a probability" in comment["incidents.confidence"]
    # a view column that shows a table column says the same
    assert comment["incidents_with_sources.source_fatalities"] == comment["incident_sources.fatalities"]
    assert comment["monthly_counts.fatalities"] == comment["daily_counts.fatalities"]


def dictionary_command(database_url: str, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REPO_ROOT / "bin" / "sahelwatch"), "db", "dictionary", *options],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SAHELWATCH_DATABASE_URL": database_url},
    )


def test_docs_warehouse_md_is_what_the_command_writes(database_url: str, tmp_path: Path) -> None:
    """The committed dictionary equals the one `sahelwatch db dictionary` prints for a freshly migrated warehouse;
    when this fails, run `sahelwatch db dictionary --out docs/warehouse.md` and commit the result."""
    printed = dictionary_command(database_url)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == DOC.read_text(encoding="utf-8")
    written = dictionary_command(database_url, "--out", str(tmp_path / "warehouse.md"))
    assert written.returncode == 0, written.stderr
    assert (tmp_path / "warehouse.md").read_text(encoding="utf-8") == printed.stdout


def test_the_dictionary_has_every_relation_column_and_example(conn) -> None:
    text = DOC.read_text(encoding="utf-8")
    for relation in relations(conn):
        assert f"## marts.{relation.name} ({relation.kind})" in text
        assert all(f"| `{column.name}` |" in text for column in relation.columns)
    examples = load_examples()
    for relation in relations(conn):
        if relation.kind == "view":
            assert relation.name in examples, f"add {EXAMPLES_DIR}/{relation.name}.sql"
    assert all(example.sql in text and example.purpose for example in examples.values())


@pytest.mark.parametrize("name", sorted(load_examples()))
def test_every_example_query_runs_as_an_analyst(fused, name: str) -> None:
    """On the Dioura scenario (one incident at Dioura, five reports), with the analyst's rights only."""
    example = load_examples()[name]
    with fused.transaction(force_rollback=True):
        fused.execute(f"set local role {ANALYST}")
        rows = fused.execute(example.sql).fetchall()
    if name in ("incidents_near_place", "place_point", "acled_events", "incidents_with_sources", "incidents"):
        assert rows, f"{name}: the Dioura incident should be found"
