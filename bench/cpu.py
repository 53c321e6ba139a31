"""CPU time and SQL queries per uncached GraphQL request, in process: where `make bench`'s
uncached rows spend their time, measured without the HTTP client and servers that share the
machine's cores with them.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.cpu [a] [c] [-n 200] [--profile 40]

(after `python -m bench.load`). Each scenario's document (bench/api.py: (a) community home, (b)
50 articles in zh-hans, (c) one article by path; all three when none is named) is registered as
an Automatic Persisted Query and asked for by its hash over GET, as `make bench`'s uncached row
does, through Django's test Client with the response cache off. After 5 warm-up requests, each
of `-n` requests is timed with `time.process_time()` (the CPU time of this process: what the
database, Redis and other processes spend is not in it), and its SQL queries counted. Printed:
the median, the 10th and the 90th percentile of CPU ms per request, and queries per request.
`--profile N` then runs N more requests under cProfile (timed in CPU time too) and prints the
top of the list by cumulative time (`--sort tottime`: by time in the function itself).

CPU time in process still moves with what else the machine runs (caches, frequency): compare
two versions of the code by running them in turn (A, B, A, B), not one after the other.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

WARMUP = 5


def measure(client, url: str, count: int) -> tuple[list[float], int]:
    """CPU seconds of each of `count` GETs of `url`, and the SQL queries of the last one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        response_check(client.get(url), url)
    seconds = []
    for _ in range(count):
        start = time.process_time()
        response = client.get(url)
        seconds.append(time.process_time() - start)
        response_check(response, url)
    with CaptureQueriesContext(connection) as captured:
        response_check(client.get(url), url)
    return seconds, len(captured)


def response_check(response, url: str) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}: {response.content[:300]!r}")
    payload = response.json()
    if payload.get("errors"):
        raise SystemExit(f"{url}: {payload['errors']}")


def profiled(client, url: str, count: int, top: int, sort: str) -> str:
    # CPU time, as measured above: waiting for the database is not this process's cost.
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for _ in range(count):
        client.get(url)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(sort).print_stats(top)
    return out.getvalue()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenarios", nargs="*", choices=["a", "b", "c"], default=[])
    parser.add_argument("-n", type=int, default=200, help="requests measured per scenario")
    parser.add_argument("--profile", type=int, default=0, help="requests run under cProfile")
    parser.add_argument("--top", type=int, default=40, help="cProfile lines printed")
    parser.add_argument(
        "--sort", choices=["cumulative", "tottime"], default="cumulative", help="cProfile order"
    )
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    from bench.api import SCENARIOS, documents_register, fixture_find, operations_build

    operations = operations_build(fixture_find())
    client = Client(HTTP_HOST="localhost")
    documents_register(client, operations)
    for key in args.scenarios or sorted(operations):
        url = operations[key].url()
        with override_settings(TAPESTRY_GRAPHQL_RESPONSE_CACHE=False):
            seconds, queries = measure(client, url, args.n)
            ms = sorted(second * 1000 for second in seconds)
            deciles = statistics.quantiles(ms, n=10)
            print(
                f"{SCENARIOS[key]:<32} CPU ms/request median {statistics.median(ms):6.1f}"
                f"  p10 {deciles[0]:6.1f}  p90 {deciles[-1]:6.1f}  SQL/request {queries}"
                f"  ({args.n} requests)",
                flush=True,
            )
            if args.profile:
                print(profiled(client, url, args.profile, args.top, args.sort), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
