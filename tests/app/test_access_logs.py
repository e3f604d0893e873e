"""The shipped nginx and gunicorn configurations log nobody: no client address, forwarded
address, user agent, referrer or query string (a search may name a person), and nginx does not
announce its version. Issue 12, item 1.

The files are parsed as nginx and gunicorn read them; where Debian's nginx is installed, the
site is also run in front of a stub upstream and its logs read back."""

import contextlib
import http.client
import re
import runpy
import shutil
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
NGINX_SITE = ROOT / "deploy" / "nginx-hegang-portal.conf"
GUNICORN = ROOT / "deploy" / "gunicorn.conf.py"

# nginx variables that identify a client or carry what they typed into a URL or header.
TRACING_VARIABLES = {
    "remote_addr", "binary_remote_addr", "realip_remote_addr", "proxy_add_x_forwarded_for",
    "http_x_forwarded_for", "http_x_real_ip", "http_user_agent", "http_referer", "http_cookie",
    "request", "request_uri", "args", "query_string", "is_args", "request_body",
    "remote_user", "ssl_client_s_dn",
}  # fmt: skip
QUIET_ENOUGH = {"crit", "alert", "emerg"}  # nginx levels that skip per-request client errors


def parse_nginx(text: str) -> list:
    """Directives as (name, args, children) — children None for a simple directive."""
    tokens = re.findall(r"'[^']*'|\"[^\"]*\"|[{};]|[^\s{};'\"]+", re.sub(r"#[^\n]*", "", text))
    stack: list[list] = [[]]
    words: list[str] = []
    for token in tokens:
        if token == ";":
            stack[-1].append((words[0], words[1:], None))
            words = []
        elif token == "{":
            block: list = []
            stack[-1].append((words[0], words[1:], block))
            stack.append(block)
            words = []
        elif token == "}":
            stack.pop()
        else:
            words.append(token.strip("'\""))
    assert not words and len(stack) == 1, "unbalanced configuration"
    return stack[0]


def walk(directives, context=("http",)):
    for name, args, children in directives:
        yield context, name, args
        if children is not None:
            yield from walk(children, (*context, name))


@pytest.fixture(scope="module")
def site():
    return list(walk(parse_nginx(NGINX_SITE.read_text())))


def variables(format_parts: list[str]) -> set[str]:
    return set(re.findall(r"\$\{?([a-z_0-9]+)", "".join(format_parts)))


def test_the_log_format_records_nothing_that_points_to_a_person(site):
    formats = {args[0]: args[1:] for _, name, args in site if name == "log_format"}
    assert formats, "the site defines its own log_format"
    for name, parts in formats.items():
        used = variables(parts)
        assert not used & TRACING_VARIABLES, f"log_format {name} logs {used & TRACING_VARIABLES}"
        assert not {v for v in used if v.startswith(("arg_", "http_", "cookie_"))}, name
        assert "uri" in used, "the path is logged as $uri, without its query string"


def test_every_access_log_uses_that_format_or_is_off(site):
    formats = {args[0] for _, name, args in site if name == "log_format"}
    logs = [(context, args) for context, name, args in site if name == "access_log"]
    # One at server level, so Debian's http-level default ("combined", with addresses) is
    # never used for this site.
    assert any(context == ("http", "server") for context, _ in logs)
    for _, args in logs:
        assert args == ["off"] or (len(args) >= 2 and args[1] in formats), args


def test_error_log_skips_per_request_errors_that_name_the_client(site):
    levels = [args[1] if len(args) > 1 else "error" for c, n, args in site if n == "error_log"]
    assert levels and set(levels) <= QUIET_ENOUGH, levels


def test_nginx_does_not_announce_its_version(site):
    assert ("http", "server") in {c for c, n, a in site if n == "server_tokens" and a == ["off"]}


def test_gunicorns_access_log_has_no_address_agent_or_query():
    config = runpy.run_path(str(GUNICORN))
    atoms = set(re.findall(r"%\((\{[^}]*\}[ieo]|\w+)\)s", config["access_log_format"]))
    # h: remote address; r: request line; q: query; a: user agent; f: referrer; u: user.
    assert not atoms & {"h", "r", "q", "a", "f", "u"}, atoms
    headers = {a.lower() for a in atoms if a.startswith("{")}
    assert not {h for h in headers if re.search(r"forwarded|real-ip|agent|referer|cookie", h)}
    assert config.get("loglevel", "info") != "debug"  # debug names malformed requests' senders


# --- the real thing, where nginx is installed -------------------------------------------------

CLIENT = "127.0.0.2"
FORGED = "203.0.113.7"
MARKER = "CitizenPhone/1.0 marker"


class Stub(BaseHTTPRequestHandler):
    """Stands in for gunicorn: 200 to everything."""

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_GET = do_POST = _answer

    def log_message(self, *args):  # quiet
        pass


def request(port: int, method: str, path: str, body: bytes = b"", headers=None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10,
                                            source_address=(CLIENT, 0))  # fmt: skip
    try:
        connection.request(method, path, body=body, headers={
            "User-Agent": MARKER, "X-Forwarded-For": FORGED, "Referer": "http://x/?q=secret",
            **(headers or {}),
        })  # fmt: skip
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.skipif(
    not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()),
    reason="nginx is not installed (apt-get install -y nginx)",
)
def test_nginx_with_the_shipped_site_writes_no_trace_of_the_citizen(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from http_nginx import Nginx
    finally:
        sys.path.remove(str(ROOT / "bench"))
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proxy = Nginx(tmp_path / "nginx", upstream.server_address[1], port)
    try:
        proxy.start()
        assert request(port, "GET", "/search?q=%E5%BC%A0%E4%B8%89") == 200  # 张三
        assert request(port, "POST", "/report", b"description=x") == 200
        # Claims 40 MB: nginx refuses it, which at `error` level it logs with the client.
        too_large = {"Content-Length": str(40 * 1024 * 1024)}
        with contextlib.suppress(http.client.HTTPException, OSError):  # nginx may hang up
            request(port, "POST", "/report", b"", too_large)
    finally:
        proxy.stop()
        upstream.shutdown()
        upstream.server_close()
    access = (tmp_path / "nginx" / "hegang-portal.access.log").read_text()
    assert '"GET /search"' in access and '"POST /report"' in access  # it does log requests
    logs = "".join(p.read_text(errors="replace") for p in (tmp_path / "nginx").glob("*.log"))
    for trace in (CLIENT, FORGED, "marker", "q=", "%E5%BC%A0", "张三", "secret"):
        assert trace not in logs, trace
