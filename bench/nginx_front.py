"""Deployment as operators run it: Debian's nginx with deploy/nginx-hegang-portal.conf in
front of gunicorn (deploy/gunicorn.conf.py, TRUSTED_PROXIES=1), all on loopback.

A script, not a test. Through nginx it
  1. walks the report journey: GET /report, POST a report with a small JPEG photo (CSRF token
     scraped from the page, cookies kept), follow to the receipt, read number and code, and
     look the report up on /report/status;
  2. checks that static files come from nginx itself (long cache headers, gzip) and that the
     app's security headers, gzip and ETag revalidation work through the proxy;
  3. checks that the client's address reaches the app (for rate limits) yet no log keeps it:
     the journey runs from 127.0.0.2 with a forged X-Forwarded-For and a marked User-Agent;
     a failed staff sign-in from there must be audited with 127.0.0.2 (staff addresses are
     audited on purpose; a report keeps none), and nginx's access and error logs and
     gunicorn's log must hold neither address, nor the User-Agent, nor a search's query;
  4. checks that an over-long upload gets the app's Chinese 413 page (error_page 413), and
     that a request for another host name is closed without an answer (default_server, 444);
  5. runs wrk against / and POST /report through nginx and directly against gunicorn, and
     writes a section into docs/benchmarks-http.md.
Exits non-zero when a check fails; stops nginx and gunicorn on the way out.

Usage:
    .venv/bin/python bench/nginx_front.py [--engine sqlite|postgresql] [--duration 5]
        [--reports 1000000] [--exposures 10000] [--no-load] [--no-docs] [--keep]

The database is the one bench/http_load.py builds and caches (same sizes → no rebuild).
Needs nginx and wrk (`apt-get install -y nginx wrk`).
"""

import argparse
import http.client
import io
import os
import re
import shlex
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import requests
from http_nginx import Nginx
from http_nginx import version as nginx_version
from http_setup import (
    INSTANCE_NOTE,
    Database,
    Gunicorn,
    bench_config,
    exit_on_sigterm,
    free_port,
    write_instance,
)
from http_wrk import (
    contention_note,
    hidden_inputs,
    machine_info,
    post_and_check,
    report_fields,
    require_wrk,
    results_table,
    run_wrk,
    write_section,
)
from PIL import Image
from requests.adapters import HTTPAdapter
from sqlalchemy import create_engine, func, select

from portal import create_app
from portal.models import AuditEntry, Evidence, Report
from portal.web.security import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY

CLIENT = "127.0.0.2"  # the citizen: a loopback address that is not the proxy's own
FORGED = "203.0.113.7"  # what the citizen claims in X-Forwarded-For; nginx must replace it
USER_AGENT = "HegangBenchBrowser/1.0 (citizen-marker)"  # must appear in no log
SEARCHED = "张三举报"  # a search term that must appear in no log
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class FromAddress(HTTPAdapter):
    """requests connecting from a chosen local address."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Checks:
    def __init__(self):
        self.results: list[tuple[str, bool, str]] = []

    def __call__(self, name: str, ok: bool, detail: str = "") -> bool:
        print(f"  [{'ok' if ok else 'FAIL'}] {name}" + (f" — {detail}" if detail else ""))
        self.results.append((name, bool(ok), detail))
        return ok

    @property
    def failed(self) -> list[str]:
        return [name for name, ok, _ in self.results if not ok]

    def markdown(self) -> str:
        return "\n".join(
            f"- {'✅' if ok else '❌ **FAILED**'} {name}" + (f" — {detail}" if detail else "")
            for name, ok, detail in self.results
        )


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def codes_on(receipt_html: str) -> list[str]:
    found = re.findall(r'<strong class="code">(.*?)</strong>', receipt_html, re.S)
    return [re.sub(r"<[^>]+>", "", value).strip() for value in found]


def journey(check: Checks, base: str, app, database_url: str) -> None:
    browser = requests.Session()
    browser.mount("http://", FromAddress(CLIENT))
    browser.headers["X-Forwarded-For"] = FORGED
    browser.headers["User-Agent"] = USER_AGENT
    page = browser.get(f"{base}/report", timeout=30)
    fields = hidden_inputs(page.text)
    if not check("GET /report shows the form", page.status_code == 200 and "form_token" in fields):
        return
    time.sleep(app.config["REPORT_MIN_FILL_SECONDS"] + 0.5)  # as long as a person would take
    posted = browser.post(
        f"{base}/report",
        data=fields | report_fields(),
        files={"evidence": ("photo.jpg", jpeg(), "image/jpeg")},
        allow_redirects=False,
        timeout=60,
    )
    location = posted.headers.get("Location", "")
    if not check(
        "POST /report with a JPEG photo answers 303 to the receipt",
        posted.status_code == 303 and location.endswith("/report/receipt"),
        f"{posted.status_code} {location}",
    ):
        return
    receipt = browser.get(urljoin(f"{base}/report", location), timeout=30)
    codes = codes_on(receipt.text)
    if not check(
        "the receipt shows a report number and a receipt code (Cache-Control: no-store)",
        receipt.status_code == 200
        and len(codes) == 2
        and receipt.headers.get("Cache-Control") == "no-store",
        f"{codes[0]} + code" if len(codes) == 2 else f"{receipt.status_code}, found {codes}",
    ):
        return
    number, code = codes
    form = browser.get(f"{base}/report/status", timeout=30)
    lookup = browser.post(
        f"{base}/report/status",
        data={"csrf_token": hidden_inputs(form.text).get("csrf_token", ""), "number": number,
              "code": code},
        timeout=30,
    )  # fmt: skip
    check(
        "/report/status finds the report by number and code",
        lookup.status_code == 200 and f"举报 {number} 的办理进展" in lookup.text,
        f"{lookup.status_code}",
    )
    search = browser.get(f"{base}/search", params={"q": SEARCHED}, timeout=30)
    check("/search?q=… answers through nginx", search.status_code == 200, f"{search.status_code}")
    login = browser.get(f"{base}/admin/login", timeout=30)
    browser.post(
        f"{base}/admin/login",
        data={"csrf_token": hidden_inputs(login.text).get("csrf_token", ""),
              "username": "bench-nobody", "password": "not-the-password"},
        timeout=30,
    )  # fmt: skip
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            report_id = connection.scalar(select(Report.id).where(Report.number == number))
            files = connection.scalar(
                select(func.count()).select_from(Evidence).where(Evidence.report_id == report_id)
            )
            audited = connection.scalar(
                select(AuditEntry.ip)
                .where(AuditEntry.action == "login_failed")
                .order_by(AuditEntry.id.desc())
                .limit(1)
            )
    finally:
        engine.dispose()
    check("the photo is stored with the report", files == 1, f"{files} evidence file(s)")
    check(
        f"the app saw the client's address {CLIENT} (a failed staff sign-in's audit entry), "
        f"not nginx's 127.0.0.1 nor the forged X-Forwarded-For {FORGED}",
        audited == CLIENT,
        f"audited {audited}",
    )


def logs_keep_nobody(check: Checks, logs: dict[str, Path]) -> None:
    """After the journey: the logs an operator keeps hold no trace of who sent what."""
    time.sleep(0.5)  # let nginx and gunicorn flush
    traces = {"the client's address": CLIENT, "the forged address": FORGED,
              "the User-Agent": "citizen-marker", "the search query": "q="}  # fmt: skip
    for name, path in logs.items():
        text = path.read_text(errors="replace") if path.exists() else ""
        found = [what for what, value in traces.items() if value in text]
        lines = len(text.splitlines())
        check(f"{name} ({lines} lines) keeps no address, User-Agent or query", not found,
              f"found {', '.join(found)}" if found else "")  # fmt: skip


def static_and_headers(check: Checks, base: str, gunicorn_log: Path) -> None:
    gzip = {"Accept-Encoding": "gzip"}
    home = requests.get(f"{base}/", headers=gzip, timeout=30)
    missing = [name for name, value in SECURITY_HEADERS.items() if home.headers.get(name) != value]
    check(
        "/ through nginx carries the app's security headers",
        home.status_code == 200 and not missing,
        f"missing or different: {missing}" if missing else ", ".join(SECURITY_HEADERS),
    )
    check(
        "/ is gzipped by nginx (Vary: Accept-Encoding)",
        home.headers.get("Content-Encoding") == "gzip"
        and "Accept-Encoding" in home.headers.get("Vary", ""),
        f"Content-Encoding {home.headers.get('Content-Encoding')}",
    )
    etag = home.headers.get("ETag", "")
    again = requests.get(f"{base}/", headers=gzip | {"If-None-Match": etag}, timeout=30)
    check(
        "revalidating / with its ETag through nginx gives 304",
        bool(etag) and again.status_code == 304,
        f"ETag {etag} → {again.status_code}",
    )
    link = re.search(r'href="(/static/css/site\.css\?v=[^"]+)"', home.text)
    if not check("/ links site.css with a ?v= content hash", bool(link)):
        return
    css = requests.get(base + link.group(1), headers=gzip, timeout=30)
    cache = css.headers.get("Cache-Control", "")
    # Shown as sent: `expires 1y` sends max-age, add_header "public, immutable" beside it.
    cache_lines = " + ".join(repr(v) for v in css.raw.headers.getlist("Cache-Control"))
    check(
        "static file: 200, gzip, Cache-Control public max-age=31536000 immutable, Expires",
        css.status_code == 200
        and css.headers.get("Content-Encoding") == "gzip"
        and "max-age=31536000" in cache
        and "immutable" in cache
        and "public" in cache
        and "Expires" in css.headers
        and css.headers.get("X-Content-Type-Options") == "nosniff",
        f"{css.status_code}, {css.headers.get('Content-Encoding')}, Cache-Control {cache_lines}",
    )
    time.sleep(0.5)  # let gunicorn flush its access log
    logged = "/static/" in gunicorn_log.read_text(errors="replace")
    check(
        "static file served by nginx itself (no app headers, not in gunicorn's access log)",
        "Content-Security-Policy" not in css.headers and not logged,
    )


def too_large(check: Checks, port: int) -> None:
    """A 40 MB upload is refused by nginx (client_max_body_size 32m) with the app's page."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("POST", "/report")
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(40 * 1024 * 1024))
        connection.endheaders()
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
    finally:
        connection.close()
    check(
        "a 40 MB upload gets 413 with the app's Chinese page (error_page 413)",
        response.status == 413 and "提交的内容过大" in body,
        f"{response.status}",
    )


def other_host(check: Checks, port: int) -> None:
    """A forged Host reaches nginx's catch-all server, which closes without answering (444)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/robots.txt", headers={"Host": "evil.example"})
        answer = f"answered {connection.getresponse().status}"
    except (http.client.RemoteDisconnected, ConnectionResetError):
        answer = None
    finally:
        connection.close()
    check(
        "a request for another host name is closed without an answer (default_server 444)",
        answer is None,
        answer or "connection closed",
    )


def load(args, check: Checks, database, app, work: Path, base: str, direct: str):
    """wrk through nginx and straight to gunicorn, taking turns for --rounds rounds (the
    machine is shared, so neither side gets all the quiet moments); the median round counts."""
    options = {"duration": args.duration, "threads": args.threads,
               "connections": args.connections}  # fmt: skip
    print(f"wrk: {args.threads} threads, {args.connections} connections, {args.duration} s, "
          f"{args.rounds} rounds")  # fmt: skip
    runs = {
        "/ via nginx": ("GET", f"{base}/"),
        "/ direct to gunicorn": ("GET", f"{direct}/"),
        "POST /report via nginx": ("POST", base),
        "POST /report direct": ("POST", direct),
    }
    seen: dict[str, list] = {name: [] for name in runs}
    notes = {}
    for _ in range(args.rounds):
        for name, (method, url) in runs.items():
            if method == "GET":
                seen[name].append(run_wrk(name, url, **options))
                continue
            result, note = post_and_check(name, url, database, app, work, **options)
            seen[name].append(result)
            if name not in notes or note.startswith("FAIL"):
                notes[name] = note
    results = []
    for name, rounds in seen.items():
        rounds.sort(key=lambda r: r.rps)
        results.append(rounds[(len(rounds) - 1) // 2])
        if name.startswith("POST"):
            check(f"{name}: the reports table grew by wrk's 303 count, every round",
                  not notes[name].startswith("FAIL"))  # fmt: skip
        errors = sum(r.non_2xx_3xx + r.socket_errors for r in rounds)
        check(f"{name}: no errors under load", not errors,
              f"{errors} non-2xx/3xx or socket errors")  # fmt: skip
    spread = "; ".join(
        f"{name} {min(r.rps for r in rounds):,.1f}–{max(r.rps for r in rounds):,.1f}"
        for name, rounds in seen.items()
    )
    lines = [f"{name} (first round): {note}" for name, note in notes.items()]
    lines.append(f"Req/s range over the {args.rounds} rounds: {spread}")
    return results, lines


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--exposures", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the four wrk runs")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--server-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--no-load", action="store_true", help="checks only, no wrk")
    parser.add_argument("--no-docs", action="store_true", help="do not touch the docs")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    if not args.no_load:
        require_wrk()
    exit_on_sigterm()
    work = Path(tempfile.mkdtemp(prefix="nginx_front_"))
    database = server = proxy = None
    try:
        extra = {"cache_dir": args.cache_dir} if args.cache_dir else {}
        database = Database(args.engine, args.reports, args.exposures, args.seed, work,
                            server_url=args.server_url, **extra)  # fmt: skip
        instance = write_instance(work / "instance")
        server = Gunicorn("wsgi:app", database.url, instance, args.workers,
                          work / "gunicorn.log", {"TRUSTED_PROXIES": "1"})  # fmt: skip
        direct = server.start()
        port = free_port()
        proxy = Nginx(work / "nginx", server.port, port)
        base = proxy.start()
        print(f"nginx on {base} → gunicorn ({args.workers} workers) on {direct}")
        return run(args, database, instance, base, direct, port, work)
    finally:
        for child in (proxy, server):
            if child:
                child.stop()
        if database:
            database.close()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(args, database, instance, base, direct, port, work) -> int:
    app = create_app(bench_config(database.url, instance))
    check = Checks()
    print("checks through nginx:")
    journey(check, base, app, database.url)
    static_and_headers(check, base, work / "gunicorn.log")
    too_large(check, port)
    logs_keep_nobody(check, {
        "nginx's access log": work / "nginx" / "hegang-portal.access.log",
        "nginx's error log": work / "nginx" / "hegang-portal.error.log",
        "nginx's main error log": work / "nginx" / "error.log",
        "nginx's default access log": work / "nginx" / "access.log",
        "gunicorn's log": work / "gunicorn.log",
    })  # fmt: skip
    other_host(check, port)
    results, notes = ([], []) if args.no_load else load(args, check, database, app, work,
                                                        base, direct)  # fmt: skip
    engine_label = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[args.engine]
    sizes = f"{args.exposures:,} exposures, {args.reports:,} reports"
    title = f"Through nginx, {engine_label} ({sizes})"
    command = f".venv/bin/python bench/nginx_front.py {shlex.join(sys.argv[1:])}".strip()
    meta = [
        f"Measured {date.today().isoformat()} by `{command}`",
        f"Machine: {machine_info(database.version())}; {nginx_version()}",
        "Setup: nginx runs deploy/nginx-hegang-portal.conf verbatim except the upstream (a port, "
        "not the unix socket), `listen 127.0.0.1:<port>`, the server name, the static directory "
        "and the folder of its logs, inside Debian's main settings "
        f"(workers as www-data); gunicorn with deploy/gunicorn.conf.py, {args.workers} workers, "
        "TRUSTED_PROXIES=1 (ProxyFix); all on loopback",
        f"Instance: {INSTANCE_NOTE}",
        *notes,
    ]
    if note := contention_note(results):
        meta.append(note)
    body = "\n".join(f"- {line}" for line in meta) + "\n\nChecks:\n\n" + check.markdown()
    if results:
        body += (
            f"\n\nLoad (wrk {args.threads} threads, {args.connections} connections, "
            f"{args.duration} s each; the median of {args.rounds} rounds, nginx and direct "
            f"taking turns):\n\n" + results_table(results, None)
        )
    print(f"\n## {title}\n\n{body}\n")
    if not args.no_docs:
        write_section(title, body)
    if check.failed:
        print("FAILED:\n  " + "\n  ".join(check.failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
