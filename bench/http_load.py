"""Benchmark: the portal's public pages under HTTP load, served by gunicorn on loopback.

A script, not a test. It builds a throwaway database (SQLite by default, or a fresh
PostgreSQL database with --engine postgresql) with the migrations, content/, 10,000 sample
exposures and 1,000,000 SYNTHETIC reports (cached after the first build, see http_setup.py),
starts gunicorn with deploy/gunicorn.conf.py and one worker per core, and runs wrk against a
no-database floor route (bench/floor_wsgi.py), /, /plan, /exposures, /api/v1/exposures,
GET /report and POST /report (bench/report_post.lua: valid forms, a new form token each).
After the POST run it checks that the reports table grew by the number of 303s wrk counted.
Writes a table into docs/benchmarks-http.md (replacing the section for the same engine).

Usage:
    .venv/bin/python bench/http_load.py [--engine sqlite|postgresql] [--duration 10]
        [--threads 2] [--connections 16] [--workers N] [--reports 1000000] [--exposures 10000]
        [--routes floor,/,/plan,...] [--rebuild] [--no-docs] [--keep]

The bench instance turns rate limiting off and uses cheap receipt hashing (as
tests/support/live_server.py does), so the POST numbers measure the app, not the limiter.
Needs wrk (`apt-get install -y wrk`).
"""

import argparse
import os
import shlex
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import requests
from http_setup import (
    INSTANCE_NOTE,
    PRODUCTION_HASHING_NOTE,
    Database,
    Gunicorn,
    bench_config,
    exit_on_sigterm,
    write_instance,
)
from http_wrk import (
    contention_note,
    machine_info,
    post_and_check,
    require_wrk,
    results_table,
    run_wrk,
    write_section,
)

from portal import create_app

FLOOR = "floor /_bench/hello"
GET_ROUTES = {
    FLOOR: "/_bench/hello",
    "/": "/",
    "/plan": "/plan",
    "/exposures": "/exposures",
    "/api/v1/exposures": "/api/v1/exposures",
    "GET /report": "/report",
}
POST = "POST /report"
ALL = [*GET_ROUTES, POST]
ALIASES = {"floor": FLOOR, "report": "GET /report", "post": POST}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--exposures", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--duration", type=int, default=10, help="seconds per route")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--routes", default="all", help=f"comma-separated subset of: floor, {', '.join(ALL[1:])}"
    )
    parser.add_argument("--server-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached database")
    parser.add_argument("--no-docs", action="store_true", help="do not touch the docs")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument(
        "--production-hashing",
        action="store_true",
        help="hash receipt codes with the production argon2 parameters (a separate section)",
    )
    args = parser.parse_args()
    if args.routes == "all":
        args.routes = ALL
    else:
        wanted = [ALIASES.get(r.strip(), r.strip()) for r in args.routes.split(",")]
        unknown = [r for r in wanted if r not in ALL]
        if unknown:
            parser.error(f"unknown routes {unknown}; choose from {ALL}")
        args.routes = [r for r in ALL if r in wanted]
    return args


def main() -> int:
    args = parse_args()
    require_wrk()
    exit_on_sigterm()
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="http_bench_"))
    database = server = None
    try:
        extra = {"cache_dir": args.cache_dir} if args.cache_dir else {}
        database = Database(args.engine, args.reports, args.exposures, args.seed, work,
                            server_url=args.server_url, rebuild=args.rebuild, **extra)  # fmt: skip
        instance = write_instance(work / "instance", args.production_hashing)
        server = Gunicorn("floor_wsgi:app", database.url, instance, args.workers,
                          work / "gunicorn.log")  # fmt: skip
        base = server.start()
        print(f"gunicorn: {args.workers} sync workers on {base} (log {server.log_path})")
        print(f"bench instance: {instance_note(args)}")
        return measure(args, database, instance, base, work, began)
    finally:
        if server:
            server.stop()
        if database:
            database.close()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def measure(args, database: Database, instance: Path, base: str, work: Path, began) -> int:
    failures: list[str] = []
    for name in args.routes:  # warm every worker up, and make sure each route answers
        path = GET_ROUTES.get(name, "/report")
        for _ in range(args.workers * 2):
            status = requests.get(base + path, timeout=30).status_code
            if status != 200:
                failures.append(f"GET {path} answered {status} before the load test")
                break
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    wrk_options = {
        "duration": args.duration, "threads": args.threads, "connections": args.connections,
    }  # fmt: skip
    print(
        f"wrk: {args.threads} threads, {args.connections} connections, {args.duration} s per route"
    )
    results = []
    for name in args.routes:
        if name != POST:
            results.append(run_wrk(name, base + GET_ROUTES[name], **wrk_options))
    post_note = ""
    if POST in args.routes:
        post, post_note = post_reports(args, database, instance, base, work, wrk_options)
        results.append(post)
        if post_note.startswith("FAILED"):
            failures.append(post_note)
    for result in results:
        if result.non_2xx_3xx or result.socket_errors:
            failures.append(
                f"{result.name}: {result.non_2xx_3xx} non-2xx/3xx responses, "
                f"{result.socket_errors} socket errors"
            )
    tracebacks = server_tracebacks(work / "gunicorn.log")
    if tracebacks:
        failures.append(f"{tracebacks} tracebacks in the gunicorn log")

    floor = next((r.rps for r in results if r.name == FLOOR), None)
    engine_label = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[args.engine]
    built = (
        f"built in {database.build_seconds:.0f} s"
        if database.build_seconds
        else "from the bench cache, built on an earlier run"
    )
    meta = [
        f"Measured {date.today().isoformat()} by `{command_line()}`",
        f"Machine: {machine_info(database.version())}",
        "Server: gunicorn with deploy/gunicorn.conf.py (sync workers, preloaded, "
        f"max_requests 2000 ± 200, access log to a file), {args.workers} workers on 127.0.0.1; "
        "wrk on the same machine, "
        f"{args.threads} threads, {args.connections} connections, {args.duration} s per route "
        f"(gunicorn's sync workers close the connection after every response, so each request "
        f"includes a loopback TCP connect)",
        f"Instance: {instance_note(args)}",
        f"Data: migrations, content/, {args.exposures:,} sample exposures (is_sample, "
        f"示例…（虚构）), {args.reports:,} SYNTHETIC reports ({built})",
        "Floor: `/_bench/hello` from bench/floor_wsgi.py, the same app and hooks answering a "
        "constant text with no database access; × floor = the route's req/s ÷ the floor's",
    ]
    if post_note:
        meta.append(f"POST /report: {post_note}")
    if note := contention_note(results):
        meta.append(note)
    meta.append(
        "Checks: " + ("all passed" if not failures else "**FAILED** – " + "; ".join(failures))
    )
    body = "\n".join(f"- {line}" for line in meta) + "\n\n" + results_table(results, floor)
    title = (
        f"gunicorn alone, {engine_label} ({args.exposures:,} exposures, {args.reports:,} reports)"
    )
    if args.production_hashing:
        title += ", production receipt hashing"
    print(f"\n## {title}\n\n{body}\n")
    if not args.no_docs:
        write_section(title, body)
    print(f"total {time.perf_counter() - began:.0f} s")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


def post_reports(args, database, instance, base, work, wrk_options):
    app = create_app(bench_config(database.url, instance))
    return post_and_check(POST, base, database, app, work, **wrk_options)


def instance_note(args) -> str:
    return PRODUCTION_HASHING_NOTE if args.production_hashing else INSTANCE_NOTE


def command_line() -> str:
    return f".venv/bin/python bench/http_load.py {shlex.join(sys.argv[1:])}".strip()


def server_tracebacks(log_path: Path) -> int:
    try:
        return log_path.read_text(errors="replace").count("Traceback")
    except OSError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
