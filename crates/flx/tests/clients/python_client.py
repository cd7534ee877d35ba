"""InfluxDB's official Python client (influxdb-client) against `flx serve`: it creates a
bucket, writes points, reads them back as tables and checks they are what it wrote.

Usage: python_client.py URL TOKEN; prints "ok" and exits 0 when everything matches.
"""

import sys
from datetime import datetime, timezone

from influxdb_client import InfluxDBClient, Point, WritePrecision
from influxdb_client.client.write_api import SYNCHRONOUS

url, token = sys.argv[1], sys.argv[2]
# Once plain, once with gzip-compressed writes and query responses.
for gzip, bucket in [(False, "py"), (True, "pygz")]:
  with InfluxDBClient(url=url, token=token, org="flx", enable_gzip=gzip) as client:
    assert client.ping(), "ping failed"
    assert client.health().status == "pass"
    buckets = client.buckets_api()
    buckets.create_bucket(bucket_name=bucket, org="flx")
    assert bucket in [b.name for b in buckets.find_buckets().buckets]

    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    written = []
    for i in range(100):
        host = "a" if i % 2 else "b"
        value = i * 1.5
        seconds = int(start.timestamp()) + i * 10
        written.append((host, seconds, value))
    points = [Point("cpu").tag("host", h).field("usage", v).time(s, WritePrecision.S) for h, s, v in written]
    client.write_api(write_options=SYNCHRONOUS).write(bucket=bucket, record=points, write_precision=WritePrecision.S)

    query = f'from(bucket: "{bucket}") |> range(start: 2024-01-01T00:00:00Z, stop: 2024-01-02T00:00:00Z)'
    tables = client.query_api().query(query)
    read = []
    for table in tables:
        for record in table.records:
            assert record.get_measurement() == "cpu"
            assert record.get_field() == "usage"
            read.append((record.values["host"], int(record.get_time().timestamp()), record.get_value()))
    assert sorted(read) == sorted(written), (len(read), len(written))
    assert len(tables) == 2, len(tables)

    # A Flux error comes back as InfluxDB's error.
    try:
        client.query_api().query('from(bucket: 1)')
        raise AssertionError("a query with a type error succeeded")
    except Exception as e:  # the client raises ApiException
        assert "compilation failed" in str(e), e
print("ok")
