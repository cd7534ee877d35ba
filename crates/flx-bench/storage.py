#!/usr/bin/env python3
"""The local-bucket benchmark of docs/benchmarks.md: flx against DuckDB and pandas on the same
rows, in one run. `scripts/bench-storage` sets up what it needs and runs it.

Data: `--series` series of one float field, one point a second, `--points` per series, as line
protocol (for `flx write`) and as one Parquet file of the same rows (for DuckDB and pandas),
both made by `flx-bench storage-data`.

Measured:
- write: `flx write` of the line protocol into a new bucket (wall time, peak RSS, bytes on disk);
- the 1-minute window mean of every series over the whole range, and a point query (one series,
  one minute): in-process (`flx-bench storage-query`, like DuckDB's in-process query) and
  end to end (`flx run`, annotated CSV to /dev/null), with the peak RSS of the `flx run`;
- DuckDB: the same queries on the Parquet file (`time_bucket`, and the integer arithmetic that
  DuckDB runs fastest); pandas: `read_parquet` then `groupby` (skipped with --no-pandas).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

START_NS = 1_700_000_000_000_000_000
MINUTE_NS = 60_000_000_000


def rfc3339(ns):
    seconds = ns // 1_000_000_000
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def child(cmd, stdout=subprocess.DEVNULL):
    """Runs a command; its wall time in seconds and peak RSS in MB."""
    start = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        process = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE if stdout is None else devnull)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed with status {process.returncode}")
    return wall, usage.ru_maxrss / 1024


def median_of(runs, f):
    f()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def du(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--flx", required=True)
    parser.add_argument("--bench", required=True, help="the flx-bench executable")
    parser.add_argument("--dir", required=True, help="where the data goes")
    parser.add_argument("--series", type=int, default=10)
    parser.add_argument("--points", type=int, default=1_000_000, help="points per series")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-pandas", action="store_true")
    args = parser.parse_args()

    os.makedirs(args.dir, exist_ok=True)
    lp = os.path.join(args.dir, "points.lp")
    parquet = os.path.join(args.dir, "points.parquet")
    if not (os.path.exists(lp) and os.path.exists(parquet)):
        subprocess.run([args.bench, "storage-data", str(args.series), str(args.points), lp, parquet], check=True)
    total = args.series * args.points
    stop_ns = START_NS + args.points * 1_000_000_000
    rows = []

    data = os.path.join(args.dir, "data")
    shutil.rmtree(data, ignore_errors=True)
    wall, rss = child([args.flx, "write", "--data", data, "--bucket", "bench", lp])
    lp_bytes, disk = os.path.getsize(lp), du(data)
    rows.append(("flx write", f"{wall:.2f} s", f"{total / wall / 1e6:.2f} M points/s", f"{rss:.0f}"))
    print(f"points: {total:,}; line protocol {lp_bytes / 1e6:.1f} MB; bucket on disk {disk / 1e6:.1f} MB "
          f"({100 * disk / lp_bytes:.1f}% of the line protocol); Parquet file {os.path.getsize(parquet) / 1e6:.1f} MB\n")

    window = os.path.join(args.dir, "window.flux")
    with open(window, "w") as f:
        f.write(f'from(bucket: "bench")\n    |> range(start: {rfc3339(START_NS)}, stop: {rfc3339(stop_ns)})\n'
                '    |> filter(fn: (r) => r._measurement == "bench" and r._field == "value")\n'
                '    |> aggregateWindow(every: 1m, fn: mean, createEmpty: false)\n')
    middle = START_NS + (args.points // 2) * 1_000_000_000 // MINUTE_NS * MINUTE_NS
    point = os.path.join(args.dir, "point.flux")
    with open(point, "w") as f:
        f.write(f'from(bucket: "bench")\n    |> range(start: {rfc3339(middle)}, stop: {rfc3339(middle + MINUTE_NS)})\n'
                '    |> filter(fn: (r) => r._measurement == "bench" and r.series == "s3")\n')

    for name, script in [("window mean", window), ("point query", point)]:
        out = subprocess.run([args.bench, "storage-query", data, script, str(args.runs)],
                             check=True, capture_output=True, text=True).stdout.split()
        rows.append((f"{name}: flx, in-process", f"{float(out[0]):.1f} ms", f"{out[2]} rows", ""))
        runs = [child([args.flx, "run", "--data", data, "--format", "csv", script]) for _ in range(args.runs + 1)][1:]
        wall = statistics.median(r[0] for r in runs)
        rss = max(r[1] for r in runs)
        rows.append((f"{name}: `flx run`, end to end", f"{wall * 1e3:.1f} ms", "CSV to /dev/null", f"{rss:.0f}"))

    import duckdb

    con = duckdb.connect()
    source = f"read_parquet('{parquet}')"
    queries = [
        ("window mean: DuckDB, `time_bucket`",
         f"SELECT series, time_bucket(INTERVAL '1 minute', time) AS t, avg(value) FROM {source} GROUP BY ALL"),
        ("window mean: DuckDB, integer buckets",
         f"SELECT series, epoch_ns(time) // {MINUTE_NS} AS t, avg(value) FROM {source} GROUP BY ALL"),
        ("point query: DuckDB",
         f"SELECT * FROM {source} WHERE series = 's3' AND time >= to_timestamp({middle // 1_000_000_000}) "
         f"AND time < to_timestamp({(middle + MINUTE_NS) // 1_000_000_000})"),
    ]
    for name, query in queries:
        result = []
        ms = median_of(args.runs, lambda: result.append(con.sql(query).to_arrow_table()))
        rows.append((name, f"{ms:.1f} ms", f"{result[-1].num_rows} rows", ""))

    if not args.no_pandas:
        import pandas as pd

        def window_mean():
            frame = pd.read_parquet(parquet, columns=["time", "series", "value"])
            return frame.groupby(["series", pd.Grouper(key="time", freq="1min")])["value"].mean()

        result = []
        ms = median_of(max(1, args.runs // 2), lambda: result.append(window_mean()))
        rows.append(("window mean: pandas (read_parquet + groupby)", f"{ms:.0f} ms", f"{len(result[-1])} rows", ""))

    print("| what | time | | peak RSS (MB) |")
    print("| --- | ---: | --- | ---: |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nduckdb {duckdb.__version__}" + ("" if args.no_pandas else f", pandas {pd.__version__}"))


if __name__ == "__main__":
    main()
