"""Stand-ins for the outside world the notification worker talks to, all real servers on
free local ports: an SMTP server (aiosmtpd) that can stall on DATA, and an HTTP server in a
thread standing in for an SMS gateway. Plus `configure`, which points the app at them."""

import asyncio
import json
import socket
import threading
from contextlib import contextmanager
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

from portal import settings as portal_settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure(app, **config) -> None:
    """Change the app's notification settings as an operator would, and rebuild them."""
    app.config.update(config)
    portal_settings.init_app(app)


class MailRecorder:
    """Keeps every message that reached DATA. With `stall_first`, the first message is
    kept and then not answered until `release` is set: the sender hangs mid-delivery, as with
    a server that received the mail but whose reply never arrived."""

    def __init__(self, stall_first: bool = False):
        self.messages = []
        self.stall_first = stall_first
        self.data_arrived = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        self.data_arrived.set()
        if self.stall_first and len(self.messages) == 1:
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(stall_first: bool = False):
    recorder = MailRecorder(stall_first)
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield recorder, controller.port
    finally:
        recorder.release.set()
        controller.stop()


class Gateway:
    """What the SMS gateway received (headers, JSON), and the status codes it answers with,
    in turn (200 once they run out)."""

    def __init__(self, statuses: list[int]):
        self.statuses = list(statuses)
        self.requests: list[tuple] = []  # (headers, case-insensitive; the JSON body)


@contextmanager
def sms_gateway(statuses: list[int]):
    gateway = Gateway(statuses)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's hook name
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            gateway.requests.append((self.headers, body))
            status = gateway.statuses.pop(0) if gateway.statuses else 200
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"code": "OK"}' if status == 200 else b'{"code": "ERROR"}')

        def log_message(self, *args):  # keep the test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway, f"http://127.0.0.1:{server.server_address[1]}/sms/send"
    finally:
        server.shutdown()
        server.server_close()
