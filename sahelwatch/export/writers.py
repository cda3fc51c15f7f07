"""Write exported rows as ACLED-compatible CSV, GeoJSON or Parquet.

Every writer takes rows in sahelwatch.export.query.COLUMNS order and writes them in one pass (constant memory):

- **csv**: UTF-8, a header with ACLED's column names, ISO dates (YYYY-MM-DD), empty cells for unknown values,
  source_urls joined with "; " like ACLED's source column;
- **geojson**: a FeatureCollection (RFC 7946); each incident a Feature with a Point geometry (longitude,
  latitude), or a null geometry when it is located only at admin level; every column is a property and
  source_urls a list;
- **parquet**: one row per incident, typed columns (date, integers, doubles, source_urls a list of strings).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import IO, Any

from sahelwatch.export.query import BATCH_ROWS, COLUMNS

URL_SEPARATOR = "; "
_INTEGER = (
    "year",
    "time_precision",
    "inter1",
    "inter2",
    "interaction",
    "iso",
    "geo_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "injured",
    "abducted",
    "source_count",
)
_FLOAT = ("latitude", "longitude", "confidence")


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return URL_SEPARATOR.join(value)
    return _plain(value)


def write_csv(rows: Iterable[tuple[Any, ...]], handle: IO[str]) -> int:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([_cell(value) for value in row])
        count += 1
    return count


def write_geojson(rows: Iterable[tuple[Any, ...]], handle: IO[str]) -> int:
    lat, lon = COLUMNS.index("latitude"), COLUMNS.index("longitude")
    handle.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for row in rows:
        geometry = (
            {"type": "Point", "coordinates": [row[lon], row[lat]]}
            if row[lat] is not None and row[lon] is not None
            else None
        )
        feature = {
            "type": "Feature",
            "id": row[0],
            "geometry": geometry,
            "properties": {name: _plain(value) for name, value in zip(COLUMNS, row)},
        }
        handle.write(("\n" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        count += 1
    handle.write("\n]}\n")
    return count


def parquet_schema() -> Any:
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name == "event_date":
            return pa.date32()
        if name == "timestamp":
            return pa.int64()
        if name == "source_urls":
            return pa.list_(pa.string())
        if name in _INTEGER:
            return pa.int32()
        if name in _FLOAT:
            return pa.float64()
        return pa.string()

    return pa.schema([pa.field(name, kind(name)) for name in COLUMNS])


def _batches(rows: Iterable[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def write_parquet(rows: Iterable[tuple[Any, ...]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in _batches(rows, BATCH_ROWS * 10):
            columns = list(zip(*batch))
            arrays = [pa.array(values, type=schema.field(name).type) for name, values in zip(COLUMNS, columns)]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            count += len(batch)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


FORMATS: dict[str, Callable[..., int]] = {"csv": write_csv, "geojson": write_geojson, "parquet": write_parquet}
