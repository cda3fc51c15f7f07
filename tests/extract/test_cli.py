import io
import json

from sahelwatch.extract import cli
from sahelwatch.extract.model import Incident


def run(lines):
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(io.StringIO("\n".join(lines) + "\n"), out, err)
    return code, [json.loads(x) for x in out.getvalue().splitlines()], err.getvalue()


def test_reports_in_incidents_out():
    good = json.dumps(
        {
            "id": "a1",
            "url": "u",
            "title": "t",
            "published_at": "2025-06-02T10:00:00Z",
            "language": "fr",
            "country_hint": "Mali",
            "text": "Des hommes armés ont tué trois civils dimanche à Djibo, dans le nord du Burkina.",
        }
    )
    none = json.dumps(
        {
            "id": "a2",
            "url": "u",
            "title": "t",
            "published_at": "2025-06-02",
            "text": "Le gouvernement a adopté le budget.",
        }
    )
    code, rows, err = run([good, none])
    assert code == 0 and err == ""
    assert len(rows) == 1
    assert list(rows[0]) == list(Incident.__dataclass_fields__)
    assert rows[0]["report_id"] == "a1" and rows[0]["event_date"] == "2025-06-01"


def test_bad_lines_are_reported_and_skipped():
    good = json.dumps(
        {
            "id": "ok",
            "text": "Des hommes armés ont tué trois civils dimanche à Djibo.",
            "published_at": "2025-06-02T10:00:00+00:00",
        }
    )
    code, rows, err = run(
        [
            "{not json",
            json.dumps({"text": "x", "published_at": "2025-06-02"}),
            json.dumps({"id": "x", "published_at": "2025-06-02"}),
            json.dumps({"id": "x", "text": "y", "published_at": "yesterday"}),
            json.dumps(["a list"]),
            good,
        ]
    )
    assert code == 0
    lines = err.splitlines()
    assert [line.split(":")[0] for line in lines] == ["line 1", "line 2", "line 3", "line 4", "line 5"]
    assert "invalid JSON" in lines[0] and "missing id" in lines[1] and "missing text" in lines[2]
    assert "published_at" in lines[3]
    assert [r["report_id"] for r in rows] == ["ok"]


class Broken(io.StringIO):
    def __iter__(self):
        raise OSError("disk gone")


def test_unreadable_input_returns_nonzero():
    err = io.StringIO()
    assert cli.run(Broken(), io.StringIO(), err) == 1
    assert "cannot read" in err.getvalue()
