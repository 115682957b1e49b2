"""A webhook receiver on 127.0.0.1: the standard library's HTTP server in a thread, checking
each request with the ``standardwebhooks`` package as a tenant's application would."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError


@dataclass(frozen=True)
class Arrival:
    webhook_id: str
    type: str
    data: dict[str, Any]
    body: dict[str, Any]


@dataclass
class Receiver:
    """Answers ``status`` (after ``delay`` seconds) to every POST it can verify, 401 else."""

    secret: str | None = None
    status: int = 204
    delay: float = 0.0
    arrivals: list[Arrival] = field(default_factory=list)
    unverified: list[bytes] = field(default_factory=list)
    requests: int = 0
    port: int = 0
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                receiver.requests += 1
                if receiver.delay:
                    time.sleep(receiver.delay)
                try:
                    assert receiver.secret is not None
                    Webhook(receiver.secret).verify(body, dict(self.headers.items()))
                except (AssertionError, WebhookVerificationError):
                    receiver.unverified.append(body)
                    self.send_response(401)
                    self.end_headers()
                    return
                if 200 <= receiver.status < 300:
                    parsed = json.loads(body)
                    receiver.arrivals.append(
                        Arrival(self.headers["webhook-id"], parsed["type"], parsed["data"], parsed)
                    )
                self.send_response(receiver.status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def of_type(self, kind: str) -> list[Arrival]:
        return [a for a in self.arrivals if a.type == kind]
