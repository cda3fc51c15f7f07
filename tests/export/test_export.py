"""Exports (CSV, GeoJSON, Parquet) of fused incidents, through the library and the command line."""

import csv
import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sahelwatch.cli.main import main
from sahelwatch.export.query import ACLED_COLUMNS, COLUMNS, ExportFilter
from sahelwatch.export.run import export_incidents


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == COLUMNS
        return list(reader)


def test_csv_has_acled_columns_then_ours(fused, tmp_path: Path) -> None:
    assert COLUMNS[: len(ACLED_COLUMNS)] == ACLED_COLUMNS and COLUMNS[-1] == "confidence"
    out = tmp_path / "incidents.csv"
    assert export_incidents(fused, "csv", out) == 3
    rows = read_csv(out)
    assert [r["event_date"] for r in rows] == ["2025-05-29", "2025-06-01", "2025-06-08"]
    dioura = rows[1]
    assert dioura["event_id_cnty"].startswith("MLI") and len(dioura["event_id_cnty"]) == 19
    assert {
        k: dioura[k]
        for k in (
            "year",
            "time_precision",
            "disorder_type",
            "event_type",
            "inter1",
            "inter2",
            "interaction",
            "iso",
            "region",
            "country",
            "admin1",
            "admin2",
            "admin3",
            "location",
            "latitude",
            "longitude",
            "geo_precision",
            "fatalities",
            "fatalities_low",
            "fatalities_high",
            "injured",
            "abducted",
            "source_count",
            "source_scale",
            "assoc_actor_1",
            "tags",
        )
    } == {
        "year": "2025",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "inter1": "2",
        "inter2": "1",
        "interaction": "12",
        "iso": "466",
        "region": "Western Africa",
        "country": "Mali",
        "admin1": "Mopti",
        "admin2": "Tenenkou",
        "admin3": "",
        "location": "Dioura",
        "latitude": "14.87",
        "longitude": "-5.25",
        "geo_precision": "1",
        "fatalities": "10",
        "fatalities_low": "10",
        "fatalities_high": "40",
        "injured": "7",
        "abducted": "5",
        "source_count": "5",
        "source_scale": "National-Regional",
        "assoc_actor_1": "",
        "tags": "",
    }
    assert dioura["source"] == "echos-du-delta; faso-matin; maliweb; sahel-wire; studiotamani"
    urls = dioura["source_urls"].split("; ")
    assert len(urls) == 5 and urls[0] == "https://studiotamani.example/tamani-0601-dioura"
    assert dioura["notes"].startswith("On 1 June 2025, Battles (Armed clash) at Dioura, Mopti")
    assert int(dioura["timestamp"]) == 1748952000  # last report, 3 June 2025 12:00 UTC
    ber = rows[0]
    assert ber["civilian_targeting"] == "Civilian targeting" and ber["interaction"] == "17"


def test_source_names_the_outlets_the_registry_knows(fused, tmp_path: Path) -> None:
    """ACLED's source column holds outlet names; an outlet that the load step never described keeps its id."""
    from sahelwatch.load.raw import record_outlets

    record_outlets(
        fused,
        [
            {
                "id": "studiotamani",
                "name": "Studio Tamani",
                "country": "Mali",
                "language": "fr",
                "kind": "rss",
                "homepage": "https://www.studiotamani.org",
            },
            {"id": "maliweb", "name": "Maliweb", "kind": "rss"},
        ],
    )
    out = tmp_path / "incidents.csv"
    export_incidents(fused, "csv", out)
    assert read_csv(out)[1]["source"] == "Maliweb; Studio Tamani; echos-du-delta; faso-matin; sahel-wire"
    assert fused.execute("select name from marts.outlets where source_id = 'maliweb'").fetchone() == ("Maliweb",)


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (ExportFilter(countries=("mli",)), 3),
        (ExportFilter(countries=("Niger", "Burkina Faso")), 0),
        (ExportFilter(event_types=("battles",)), 2),
        (ExportFilter(start=date(2025, 6, 2)), 1),
        (ExportFilter(end=date(2025, 5, 31)), 1),
        (ExportFilter(date(2025, 6, 1), date(2025, 6, 1), ("Mali",), ("Battles", "Riots")), 1),
    ],
)
def test_filters(fused, tmp_path: Path, selection: ExportFilter, expected: int) -> None:
    assert export_incidents(fused, "csv", tmp_path / "out.csv", selection) == expected
    assert len(read_csv(tmp_path / "out.csv")) == expected


def test_geojson_feature_collection(fused, tmp_path: Path) -> None:
    out = tmp_path / "incidents.geojson"
    assert export_incidents(fused, "geojson", out) == 3
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3
    feature = collection["features"][1]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-5.25, 14.87]}
    assert list(feature["properties"]) == list(COLUMNS) and feature["id"] == feature["properties"]["event_id_cnty"]
    assert feature["properties"]["event_date"] == "2025-06-01" and len(feature["properties"]["source_urls"]) == 5


def test_parquet_is_typed(fused, tmp_path: Path) -> None:
    out = tmp_path / "incidents.parquet"
    assert export_incidents(fused, "parquet", out) == 3
    table = pq.read_table(out)
    assert table.schema.names == list(COLUMNS) and table.num_rows == 3
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("fatalities").type == pa.int32()
    assert table.schema.field("source_urls").type == pa.list_(pa.string())
    dioura = table.slice(1, 1).to_pylist()[0]
    assert (dioura["event_date"], dioura["fatalities_high"], dioura["latitude"]) == (date(2025, 6, 1), 40, 14.87)
    assert dioura["admin3"] is None and len(dioura["source_urls"]) == 5


@pytest.mark.parametrize("fmt", ["csv", "geojson", "parquet"])
def test_empty_exports_are_valid_files(conn, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"empty.{fmt}"
    assert export_incidents(conn, fmt, out) == 0
    if fmt == "csv":
        assert read_csv(out) == []
    elif fmt == "geojson":
        assert json.loads(out.read_text(encoding="utf-8")) == {"type": "FeatureCollection", "features": []}
    else:
        assert pq.read_table(out).num_rows == 0


def test_failed_export_leaves_no_file(fused, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sahelwatch.export import run

    def broken(rows, handle) -> int:
        handle.write("half")
        raise RuntimeError("disk full")

    monkeypatch.setitem(run.FORMATS, "csv", broken)
    with pytest.raises(RuntimeError):
        export_incidents(fused, "csv", tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == []


def test_command_line(fused, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mali.geojson"
    assert (
        main(
            [
                "export",
                "--format",
                "geojson",
                "--out",
                str(out),
                "--country",
                "Mali,NER",
                "--event-type",
                "Battles",
                "--start",
                "2025-06-01",
                "--end",
                "2025-06-30",
            ]
        )
        == 0
    )
    assert "exported 2 incident(s)" in capsys.readouterr().out
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 2
    assert main(["export", "--format", "csv", "--out", str(out), "--start", "2025-06-02", "--end", "2025-06-01"]) == 2
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "missing" / "x.csv")]) == 2
    with pytest.raises(SystemExit):
        main(["export", "--format", "xlsx", "--out", str(out)])
