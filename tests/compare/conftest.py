"""The hand-made exports (tests/fixtures/compare: ACLED classic and API layouts, UCDP GED, written by us over the
replica's days) and a warehouse holding our side (tests/fixtures/compare/warehouse.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import psycopg
import pytest

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "compare"
ACLED_API = DATA / "acled_api.csv"
ACLED_CLASSIC = DATA / "acled_classic.csv"
UCDP_GED = DATA / "ucdp_ged.csv"


def load_warehouse_module():  # noqa: ANN201 - a module
    spec = importlib.util.spec_from_file_location("compare_warehouse", DATA / "warehouse.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def warehouse(conn: psycopg.Connection) -> psycopg.Connection:
    load_warehouse_module().insert(conn)
    return conn
