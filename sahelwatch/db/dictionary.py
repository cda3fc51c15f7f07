"""The data dictionary of the `marts` schema, written from the warehouse's own comments.

The comments (migration 013 and the ones before it) are the single source of what a column means; this module only
lays them out as Markdown (docs/warehouse.md), so the document cannot say something the catalogue does not. Example
queries are kept as files in infra/docs/examples/ (one `NAME.sql` per view or function, its leading `--` lines
saying what it shows), because a query is easier to read, edit and test as a file than inside a comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psycopg

from sahelwatch.resources import EXAMPLES_DIR

SCHEMA = "marts"
COMMAND = "sahelwatch db dictionary --out docs/warehouse.md"
KINDS = {"r": "table", "p": "table", "v": "view", "m": "materialized view"}
UNCOMMENTED = "(no comment)"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    comment: str | None


@dataclass(frozen=True)
class Relation:
    name: str
    kind: str
    comment: str | None
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Function:
    name: str
    arguments: str
    returns: str
    comment: str | None


@dataclass(frozen=True)
class Example:
    """One example query: what it shows (its leading comment lines) and the SQL itself."""

    name: str
    purpose: str
    sql: str


def relations(conn: psycopg.Connection, schema: str = SCHEMA) -> list[Relation]:
    """Every table and view of the schema, with its columns in their order, by name."""
    rows = conn.execute(
        "select c.oid, c.relname, c.relkind, obj_description(c.oid, 'pg_class') from pg_class c"
        " where c.relnamespace = %s::regnamespace and c.relkind = any(%s) order by c.relname",
        (schema, list(KINDS)),
    ).fetchall()
    return [Relation(name, KINDS[kind], comment, _columns(conn, oid)) for oid, name, kind, comment in rows]


def _columns(conn: psycopg.Connection, oid: int) -> tuple[Column, ...]:
    rows = conn.execute(
        "select attname, format_type(atttypid, atttypmod), col_description(attrelid, attnum) from pg_attribute"
        " where attrelid = %s and attnum > 0 and not attisdropped order by attnum",
        (oid,),
    ).fetchall()
    return tuple(Column(*row) for row in rows)


def functions(conn: psycopg.Connection, schema: str = SCHEMA) -> list[Function]:
    """The schema's functions (not those of extensions), by name and arguments."""
    rows = conn.execute(
        "select p.proname, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid),"
        " obj_description(p.oid, 'pg_proc') from pg_proc p"
        " where p.pronamespace = %s::regnamespace and p.prokind = 'f'"
        " and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid"
        "                 and d.deptype = 'e')"
        " order by 1, 2",
        (schema,),
    ).fetchall()
    return [Function(*row) for row in rows]


def missing_comments(conn: psycopg.Connection, schema: str = SCHEMA) -> list[str]:
    """Tables, views, columns and functions of the schema that have no comment: what the dictionary would leave
    blank."""
    missing = []
    for relation in relations(conn, schema):
        if not relation.comment:
            missing.append(f"{schema}.{relation.name}")
        missing += [f"{schema}.{relation.name}.{c.name}" for c in relation.columns if not c.comment]
    missing += [f"{schema}.{f.name}({f.arguments})" for f in functions(conn, schema) if not f.comment]
    return missing


def load_examples(directory: Path = EXAMPLES_DIR) -> dict[str, Example]:
    """The example queries by the view or function they show (the file's stem)."""
    found = {}
    for path in sorted(directory.glob("*.sql")):
        lines = path.read_text(encoding="utf-8").strip().splitlines()
        purpose = [line.removeprefix("--").strip() for line in lines if line.startswith("--")]
        body = [line for line in lines if not line.startswith("--")]
        found[path.stem] = Example(path.stem, " ".join(purpose), "\n".join(body).strip())
    return found


def _cell(text: str | None) -> str:
    """A comment as one Markdown table cell: on one line, pipes escaped."""
    return " ".join((text or UNCOMMENTED).split()).replace("|", "\\|")


def _example_lines(example: Example | None) -> list[str]:
    if example is None:
        return []
    return [f"Example: {example.purpose}", "", "```sql", example.sql, "```", ""]


def _relation_lines(relation: Relation, example: Example | None) -> list[str]:
    lines = [
        f"## {SCHEMA}.{relation.name} ({relation.kind})",
        "",
        _cell(relation.comment),
        "",
        "| column | type | meaning |",
        "| --- | --- | --- |",
    ]
    lines += [f"| `{c.name}` | {c.type} | {_cell(c.comment)} |" for c in relation.columns]
    return [*lines, "", *_example_lines(example)]


def _function_lines(function: Function, example: Example | None) -> list[str]:
    return [
        f"### {SCHEMA}.{function.name}({function.arguments}) → {function.returns}",
        "",
        _cell(function.comment),
        "",
        *_example_lines(example),
    ]


def render(conn: psycopg.Connection, examples: dict[str, Example] | None = None) -> str:
    """docs/warehouse.md: a header, a contents line, one section per table or view, then the functions."""
    examples = load_examples() if examples is None else examples
    found = relations(conn)
    routines = functions(conn)
    lines = [
        f"# The `{SCHEMA}` schema: data dictionary",
        "",
        f"Generated by `{COMMAND}` from the comments that the migrations (`infra/migrations/`) put on every "
        f"table, view, column and function of `{SCHEMA}`, with the example queries of "
        "`infra/docs/examples/` (`NAME.sql` for the view or function NAME; its `--` lines say what it "
        "shows). Do not edit this file: change the comment in a new migration or the example file, then run "
        "the command again (`tests/warehouse/test_dictionary.py` fails when the two differ).",
        "",
        f"Analysts (`sahelwatch_analyst`) read every table and view below and may call every function "
        f"except `{SCHEMA}.refresh_counts`. Codes follow ACLED's where ACLED has the concept.",
        "",
        "Contents: "
        + ", ".join(f"[{r.name}](#{SCHEMA}{r.name}-{r.kind.replace(' ', '-')})" for r in found)
        + ", [functions](#functions).",
        "",
    ]
    for relation in found:
        lines += _relation_lines(relation, examples.get(relation.name))
    lines += ["## Functions", ""]
    for function in routines:
        lines += _function_lines(function, examples.get(function.name))
    return "\n".join(lines).rstrip("\n") + "\n"
