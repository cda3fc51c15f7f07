"""The whole chain, run by Airflow (`dag.test()`): replica feeds -> Scrapy -> PostgreSQL -> incidents."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

DAY_CONF = {"day": "2025-06-02"}  # the DAG's `day` param (sahelwatch/interval.py)


def run_dag() -> str:
    from airflow.dag_processing.dagbag import DagBag

    from sahelwatch.resources import DAGS_DIR

    dag = DagBag(dag_folder=DAGS_DIR).dags["sahelwatch_daily"]
    run = dag.test(logical_date=datetime(2025, 6, 2, tzinfo=UTC), run_conf=DAY_CONF)
    return str(run.state)


@pytest.mark.timeout(900)
def test_daily_dag_on_replica_fills_warehouse_and_rerun_changes_nothing(
    airflow_db: None, conn, replica_registry: Path, checksums
) -> None:
    assert run_dag() == "success"
    raw = conn.execute("select source_id, count(*) from raw.reports group by 1 order by 1").fetchall()
    assert raw == [("echos-du-delta", 3), ("faso-matin", 2), ("sahel-wire", 2)]
    copy = conn.execute(
        "select r.url, o.url from staging.reports r join staging.reports o on o.report_id = r.duplicate_of"
    ).fetchall()
    assert len(copy) == 1 and "article4521" in copy[0][0] and "attaque-dioura" in copy[0][1]
    dioura = conn.execute(
        "select event_date::text, country, admin1, event_type, fatalities, abducted, source_count, outlet_count"
        " from marts.incidents where location = 'Dioura'"
    ).fetchall()
    assert len(dioura) == 1
    event_date, country, admin1, event_type, fatalities, abducted, sources, outlets = dioura[0]
    assert (event_date, country, admin1, event_type) == ("2025-06-01", "Mali", "Mopti", "Battles")
    # faso-matin's word-for-word copy is not extracted again, but it is a second source and outlet
    assert fatalities == 12 and abducted >= 1 and (sources, outlets) == (2, 2)
    listed = conn.execute(
        "select s.url from marts.incident_sources s join marts.incidents i using (incident_id)"
        " where i.location = 'Dioura' and s.match_rule = 'copy'"
    ).fetchall()
    assert len(listed) == 1 and "article4521" in listed[0][0]
    opinion = conn.execute("select count(*) from marts.incident_sources where url like '%tribune%'").fetchone()[0]
    assert opinion == 0
    health = conn.execute("select count(*) from raw.source_runs where status = 'ok'").fetchone()[0]
    assert health == 3
    outlets = conn.execute("select source_id, name from raw.sources order by 1").fetchall()
    assert [source_id for source_id, _ in outlets] == ["echos-du-delta", "faso-matin", "sahel-wire"]
    assert all(name and name != source_id for source_id, name in outlets), outlets
    conn.commit()

    before = checksums(conn)
    assert run_dag() == "success"
    assert checksums(conn) == before
