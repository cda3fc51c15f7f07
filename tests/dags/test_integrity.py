"""Every DAG file imports cleanly, quickly and without touching a database or the network; the daily DAG is wired
as documented (pool, retries with backoff, trigger rules, checks gating the report, alerts, schedule from env)."""

import importlib.util
import socket
import sys
from datetime import UTC, datetime, timedelta

import pendulum
import pytest

from sahelwatch.resources import DAGS_DIR

DAG_ID = "sahelwatch_daily"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a DAG file opened a connection while being parsed")

    import psycopg

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(psycopg, "connect", refuse)
    monkeypatch.setattr(psycopg.Connection, "connect", classmethod(refuse))


def _next_interval(dag, start: datetime, end: datetime) -> tuple[datetime, datetime]:  # noqa: ANN001
    """The data interval the scheduler gives the run after the one covering [start, end)."""
    from airflow.serialization.encoders import coerce_to_core_timetable
    from airflow.timetables.base import DataInterval, TimeRestriction

    info = coerce_to_core_timetable(dag.timetable).next_dagrun_info(
        last_automated_data_interval=DataInterval(pendulum.instance(start), pendulum.instance(end)),
        restriction=TimeRestriction(earliest=None, latest=None, catchup=True),
    )
    return info.data_interval.start, info.data_interval.end


def _bag():  # noqa: ANN202
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=DAGS_DIR)


def test_dag_files_import_without_errors_or_connections(no_network: None, monkeypatch: pytest.MonkeyPatch) -> None:
    # Even with a warehouse connection configured, parsing must not use it.
    monkeypatch.setenv("AIRFLOW_CONN_SAHELWATCH_WAREHOUSE", "postgresql://nobody@127.0.0.1:9/nowhere")
    bag = _bag()
    assert bag.import_errors == {}
    assert DAG_ID in bag.dags
    for dag in bag.dags.values():
        assert "sahelwatch" in dag.tags
        assert dag.doc_md
        assert dag.on_failure_callback, dag.dag_id
        for task in dag.tasks:
            assert task.retries >= 2, task.task_id
            assert task.owner == "sahelwatch"
            assert task.doc_md, f"{task.task_id} has no documentation"
            assert task.on_failure_callback, task.task_id


def test_daily_dag_chain() -> None:
    dag = _bag().dags[DAG_ID]
    tasks = dag.task_dict
    assert tasks["sources"].upstream_task_ids == {"migrate"}
    assert tasks["crawl"].upstream_task_ids == {"sources"}
    assert tasks["load"].upstream_task_ids == {"crawl", "sources"}
    assert tasks["clean"].upstream_task_ids == {"load"}
    assert tasks["fuse"].upstream_task_ids == {"extract"}
    checks = {task_id for task_id in tasks if task_id.startswith("checks.")}
    assert tasks["report"].upstream_task_ids == checks
    for task_id in checks:
        assert tasks[task_id].upstream_task_ids == {"fuse"}
    assert [task.task_id for task in dag.leaves] == ["report"]


def test_crawl_is_pooled_mapped_and_backs_off_and_load_waits_for_all_crawls() -> None:
    dag = _bag().dags[DAG_ID]
    crawl, load = dag.task_dict["crawl"], dag.task_dict["load"]
    assert crawl.pool == "sahelwatch_crawl"
    assert crawl.retry_exponential_backoff >= 2  # a multiplier in Airflow 3: True (1.0) would mean no backoff
    assert crawl.max_retry_delay and crawl.retry_delay
    assert crawl.execution_timeout is not None
    assert str(load.trigger_rule) in ("all_done", "TriggerRule.ALL_DONE")
    assert all(
        str(task.trigger_rule) in ("all_success", "TriggerRule.ALL_SUCCESS")
        for task in dag.tasks
        if task.task_id != "load"
    )


def test_one_check_task_per_check_of_the_package_and_report_emits_the_asset() -> None:
    from sahelwatch.checks import CHECKS

    dag = _bag().dags[DAG_ID]
    assert {t for t in dag.task_dict if t.startswith("checks.")} == {f"checks.{name}" for name in CHECKS}
    outlets = dag.task_dict["report"].outlets
    assert [asset.name for asset in outlets] == ["sahelwatch_incidents"]


def test_schedule_pool_and_retry_delay_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHELWATCH_SCHEDULE", "0 * * * *")
    monkeypatch.setenv("SAHELWATCH_CRAWL_POOL", "default_pool")
    monkeypatch.setenv("SAHELWATCH_RETRY_DELAY_SECONDS", "5")
    dag = _bag().dags[DAG_ID]
    assert dag.task_dict["crawl"].pool == "default_pool"
    assert dag.task_dict["crawl"].retry_delay == timedelta(seconds=5)
    assert _next_interval(dag, datetime(2025, 6, 2, 5, tzinfo=UTC), datetime(2025, 6, 2, 6, tzinfo=UTC)) == (
        datetime(2025, 6, 2, 6, tzinfo=UTC),
        datetime(2025, 6, 2, 7, tzinfo=UTC),
    )


def test_daily_intervals_are_whole_utc_days() -> None:
    dag = _bag().dags[DAG_ID]
    assert not dag.catchup and dag.max_active_runs == 1
    assert _next_interval(dag, datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 6, 2, tzinfo=UTC)) == (
        datetime(2025, 6, 2, tzinfo=UTC),
        datetime(2025, 6, 3, tzinfo=UTC),
    )


def test_the_day_param_is_a_validated_date_picker() -> None:
    """Airflow 3's trigger form draws a string Param of format "date" as a date picker; it may be left empty
    (scheduled and backfill runs), a malformed day is refused when the run is created."""
    from airflow.sdk.exceptions import ParamValidationError

    from sahelwatch.interval import DAY_PARAM

    dag = _bag().dags[DAG_ID]
    assert _dag_module().DAY_PARAM == DAY_PARAM
    param = dag.params.get_param(DAY_PARAM)
    assert "string" in param.schema["type"] and param.schema["format"] == "date"
    assert param.resolve(None) is None and param.resolve("2025-06-02") == "2025-06-02"
    for bad in ("2025-13-01", "02/06/2025", "yesterday"):
        with pytest.raises(ParamValidationError):
            param.resolve(bad)


def _dag_module():  # noqa: ANN202 - the DAG file as a module, to call its helpers
    spec = importlib.util.spec_from_file_location("sahelwatch_daily_under_test", DAGS_DIR / "sahelwatch_daily.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "postgresql://sw:s%40cret@db.internal:5433/warehouse?sslmode=require",
            "postgresql://sw:s%40cret@db.internal:5433/warehouse?sslmode=require",
        ),
        (
            '{"conn_type": "postgres", "host": "127.0.0.1", "port": 5432, "login": "postgres", "schema": "wh"}',
            "postgresql://postgres@127.0.0.1:5432/wh",
        ),
        ("postgresql://postgres@%2Fvar%2Frun%2Fpostgresql/wh", "postgresql://postgres@%2Fvar%2Frun%2Fpostgresql/wh"),
    ],
)
def test_warehouse_url_comes_from_the_airflow_connection(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: str
) -> None:
    import psycopg

    module = _dag_module()
    monkeypatch.setenv("AIRFLOW_CONN_SAHELWATCH_WAREHOUSE", value)
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", "postgresql://fallback@127.0.0.1/fallback")
    assert module._settings().database_url == expected
    psycopg.conninfo.conninfo_to_dict(expected)  # libpq can read it


def test_warehouse_url_falls_back_to_sahelwatch_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    module = _dag_module()
    monkeypatch.delenv("AIRFLOW_CONN_SAHELWATCH_WAREHOUSE", raising=False)
    monkeypatch.setenv("SAHELWATCH_DATABASE_URL", "postgresql://fallback@127.0.0.1/fallback")
    assert module._settings().database_url == "postgresql://fallback@127.0.0.1/fallback"


def test_catch_up_and_start_date_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHELWATCH_CATCHUP", "true")
    monkeypatch.setenv("SAHELWATCH_START_DATE", "2025-06-01")
    dag = _bag().dags[DAG_ID]
    assert dag.catchup is True
    assert dag.start_date == datetime(2025, 6, 1, tzinfo=UTC)
