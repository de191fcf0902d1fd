"""Steady traffic against a running server, tallied per second and per kind of request.

Used by fault_postgres.sh to show what visitors see before, during and after a database
outage. Prints one line per second: status counts for pages, search, API and /healthz.
"""

import argparse
import http.client
import random
import sys
import threading
import time
from collections import Counter, defaultdict

KINDS = ("page", "search", "api", "healthz")


def paths_by_kind(url_file):
    paths = defaultdict(list)
    with open(url_file) as lines:
        for line in lines:
            kind, _, path = line.strip().partition(" ")
            if kind in KINDS:
                paths[kind].append(path)
    paths["healthz"] = ["/healthz"]
    return paths


def client(port, paths, tallies, lock, stop, started):
    rng = random.Random()
    while not stop.is_set():
        kind = rng.choice(KINDS)
        path = rng.choice(paths[kind])
        if kind == "search":  # a query nobody asked before: never in the cache
            path = f"/search/?q=skill+{rng.randrange(10**9)}"
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
            response = connection.getresponse()
            body = response.read()
            outcome = str(response.status)
            if response.status == 503 and kind == "healthz":
                outcome += " " + body.decode()[:200]
            connection.close()
        except (OSError, http.client.HTTPException) as error:
            outcome = f"ERR {type(error).__name__}"
        second = int(time.monotonic() - started)
        with lock:
            tallies[second][kind][outcome] += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--urls", required=True)
    parser.add_argument("--seconds", type=int, default=40)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()

    paths = paths_by_kind(args.urls)
    tallies = defaultdict(lambda: defaultdict(Counter))
    lock, stop, started = threading.Lock(), threading.Event(), time.monotonic()
    threads = [
        threading.Thread(target=client, args=(args.port, paths, tallies, lock, stop, started))
        for _ in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    healthz_reasons = set()
    for second in range(args.seconds):
        time.sleep(max(0, started + second + 1 - time.monotonic()))
        with lock:
            row = tallies[second]
        cells = []
        for kind in KINDS:
            counts = Counter()
            for outcome, n in row[kind].items():
                counts[outcome.split(" ")[0]] += n
                if outcome.startswith("503 "):
                    healthz_reasons.add(outcome[4:])
            cells.append(f"{kind} " + ",".join(f"{k}x{v}" for k, v in sorted(counts.items())))
        print(f"t={second:3d}s  " + "  |  ".join(cells), flush=True)
    stop.set()
    for thread in threads:
        thread.join()
    for reason in sorted(healthz_reasons):
        print(f"/healthz said during the outage: {reason}")
    totals = Counter()
    for row in tallies.values():
        for kind_counts in row.values():
            for outcome, n in kind_counts.items():
                totals[outcome.split(" ")[0]] += n
    print("totals: " + ", ".join(f"{k}: {v}" for k, v in sorted(totals.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
