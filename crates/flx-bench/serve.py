#!/usr/bin/env python3
"""The `flx serve` benchmark of docs/benchmarks.md: the window mean of the storage benchmark
through `/api/v2/query` against the same query run by `flx run`, and 100 concurrent clients.

Usage: serve.py --flx target/release/flx --data target/bench-storage/data [--runs 5]
(the data directory that scripts/bench-storage writes: bucket `bench`, 10 series from
2023-11-14T22:13:20Z, one point a second). Only the standard library is used.
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import tempfile
import time
import urllib.request

from storage import median_of  # the same timing as the storage benchmark

WINDOW = (
    'from(bucket: "bench")\n'
    "    |> range(start: 2023-11-14T22:13:20Z, stop: 2023-11-26T12:00:00Z)\n"
    '    |> filter(fn: (r) => r._measurement == "bench" and r._field == "value")\n'
    "    |> aggregateWindow(every: 1m, fn: mean, createEmpty: false)\n"
)
POINT = (
    'from(bucket: "bench")\n'
    "    |> range(start: 2023-11-20T00:00:00Z, stop: 2023-11-20T00:01:00Z)\n"
    '    |> filter(fn: (r) => r._measurement == "bench" and r.series == "s3")\n'
)
TOKEN = "bench-token"


def post(url, query):
    body = json.dumps({"query": query, "dialect": {"annotations": ["datatype", "group", "default"]}}).encode()
    request = urllib.request.Request(url + "/api/v2/query", data=body, method="POST")
    request.add_header("Authorization", "Token " + TOKEN)
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=60) as response:
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"status {response.status}")
        return data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--flx", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=18086)
    args = parser.parse_args()

    script = tempfile.NamedTemporaryFile("w", suffix=".flux", delete=False)
    script.write(WINDOW)
    script.close()
    run_ms = median_of(
        args.runs,
        lambda: subprocess.run([args.flx, "run", "--data", args.data, "--format", "csv", script.name],
                               check=True, stdout=subprocess.DEVNULL),
    )
    os.unlink(script.name)

    url = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen([args.flx, "serve", "--data", args.data, "--addr", f"127.0.0.1:{args.port}",
                               "--token", TOKEN], stderr=subprocess.PIPE, text=True)
    try:
        started = server.stderr.readline()
        if "serving" not in started:
            raise SystemExit(f"flx serve did not start: {started.strip()}")
        size = len(post(url, WINDOW))
        serve_ms = median_of(args.runs, lambda: post(url, WINDOW))
        print(f"window mean over 10 M points ({size / 1e6:.1f} MB of CSV): flx run {run_ms:.1f} ms, "
              f"flx serve {serve_ms:.1f} ms ({serve_ms / run_ms:.2f}x)")

        clients, each = 100, 10
        latencies, errors = [], []

        def client(_):
            for _ in range(each):
                start = time.perf_counter()
                try:
                    post(url, POINT)
                    latencies.append(time.perf_counter() - start)
                except Exception as e:  # every failure is counted and shown
                    errors.append(repr(e))

        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(client, range(clients)))
        wall = time.perf_counter() - start
        latencies.sort()
        print(f"{clients} concurrent clients x {each} point queries: {len(latencies)} answered, "
              f"{len(errors)} errors, {len(latencies) / wall:.0f} queries/s, "
              f"latency p50 {latencies[len(latencies) // 2] * 1e3:.1f} ms, "
              f"p99 {latencies[int(len(latencies) * 0.99)] * 1e3:.1f} ms")
        for error in errors[:5]:
            print("  error:", error)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
