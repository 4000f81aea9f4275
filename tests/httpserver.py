"""A small HTTP server on 127.0.0.1 for tests of the importers: routes are registered per test.

    with LocalHTTPServer() as server:
        server.add("/v1/event/", json={"meta": {"next": None}, "data": []})
        server.add("/flaky/", status=500, once=True)          # the first request gets a 500…
        server.add("/flaky/", json=[1, 2])                   # …the next ones this
        server.add("/slow/", json={}, delay=1.0)             # answers after a second (for timeouts)
        server.url("/v1/event/")                             # http://127.0.0.1:PORT/v1/event/
        server.count("/flaky/")                              # requests received on that path

A route is matched on the path with its query string first, then on the path alone. Each route keeps a
queue of responses: a response added with ``once=True`` answers one request and is dropped; the last one
stays. Unknown routes answer 404.
"""

from __future__ import annotations

import json as jsonlib
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Response:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    once: bool = False
    cut_at: int | None = None  # send only this many bytes of the body, then close (Content-Length stays full)


class LocalHTTPServer:
    def __init__(self) -> None:
        self._routes: dict[str, list[Response]] = defaultdict(list)
        self._lock = threading.Lock()
        self.requests: list[str] = []  # path with query of every request, in order
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- routes -----------------------------------------------------------------------------------------

    def add(
        self,
        path: str,
        *,
        status: int = 200,
        json: object = None,
        body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        once: bool = False,
        cut_at: int | None = None,
    ) -> None:
        """Register a response for ``path`` (``/a/b/?page=2`` matches that query exactly)."""
        headers = dict(headers or {})
        if json is not None:
            data = jsonlib.dumps(json).encode()
            headers.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            data = body.encode()
        else:
            data = body or b""
        with self._lock:
            self._routes[path].append(Response(status, headers, data, delay, once, cut_at))

    def url(self, path: str = "/") -> str:
        assert self._server is not None, "the server is not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def count(self, path: str) -> int:
        """Requests received for ``path`` (with its query when it has one, else with any query)."""
        with self._lock:
            if "?" in path:
                return sum(1 for r in self.requests if r == path)
            return sum(1 for r in self.requests if urlsplit(r).path == path)

    def _respond(self, target: str) -> Response:
        with self._lock:
            self.requests.append(target)
            queue = self._routes.get(target) or self._routes.get(urlsplit(target).path)
            if not queue:
                return Response(404, {"Content-Type": "application/json"}, b'{"detail": "Not found."}')
            response = queue[0]
            if response.once and len(queue) > 1:
                queue.pop(0)
            return response

    # --- running ----------------------------------------------------------------------------------------

    def start(self) -> LocalHTTPServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - the name http.server calls
                response = owner._respond(self.path)
                if response.delay:
                    time.sleep(response.delay)
                try:
                    self.send_response(response.status)
                    for name, value in response.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(response.body)))
                    if response.cut_at is not None:
                        self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(response.body if response.cut_at is None else response.body[: response.cut_at])
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    pass
                if response.cut_at is not None:
                    self.close_connection = True

            def log_message(self, *args):  # keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LocalHTTPServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
