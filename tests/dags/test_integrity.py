"""Every DAG file imports cleanly, quickly and without touching a database or the network."""

import socket

import pytest

from sahelwatch.config import DAGS_DIR


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a DAG file opened a connection while being parsed")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_dag_files_import_without_errors_or_connections(no_network: None) -> None:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=DAGS_DIR)
    assert bag.import_errors == {}
    assert "sahelwatch_daily" in bag.dags
    for dag in bag.dags.values():
        assert "sahelwatch" in dag.tags
        assert dag.doc_md
        for task in dag.tasks:
            assert task.retries >= 2, task.task_id
            assert task.owner == "sahelwatch"


def test_daily_dag_chain() -> None:
    from airflow.dag_processing.dagbag import DagBag

    dag = DagBag(dag_folder=DAGS_DIR).dags["sahelwatch_daily"]
    assert dag.task_dict["fuse"].upstream_task_ids == {"extract"}
    assert dag.task_dict["load"].upstream_task_ids == {"crawl"}
    assert dag.task_dict["crawl"].upstream_task_ids == {"sources"}
