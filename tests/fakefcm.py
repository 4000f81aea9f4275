"""A local fake of Google's OAuth2 token endpoint and the FCM v1 send endpoint, for the notification tests.

    server = FakeFCM().start()
    write_service_account(path, token_uri=server.url("/token"))   # a key generated here, pointing at the fake
    server.script("tok-a", "UNREGISTERED")                        # every send to tok-a: 404 UNREGISTERED
    server.script("tok-b", "UNAVAILABLE", times=1)                # the first send to tok-b: 503, then success
    server.sends                                                  # every send request: path, headers, JSON

The fixture ``fake_fcm`` (import ``fake_fcm_fixture`` into a test module) starts one, writes the key, points
FIREBASE_CREDENTIALS and FIREBASE_FCM_ENDPOINT at it, turns the retry backoff off and resets firebase-admin.
It is also the HTTP(S) proxy of the test, refusing (and listing in ``outside``) anything that is not local.
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

PROJECT = "harrastuspassi-test"
CLIENT_EMAIL = f"sender@{PROJECT}.iam.gserviceaccount.com"
ACCESS_TOKEN = "fake-access-token"  # noqa: S105 - a test value
FCM_ERROR_TYPE = "type.googleapis.com/google.firebase.fcm.v1.FcmError"

# errorCode -> (HTTP status, google.rpc status, message), as FCM v1 answers them
ERRORS = {
    "UNREGISTERED": (404, "NOT_FOUND", "Requested entity was not found."),
    "INVALID_ARGUMENT": (400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token"),
    "INVALID_PAYLOAD": (400, "INVALID_ARGUMENT", "Invalid value at 'message.data[0].value'"),
    "SENDER_ID_MISMATCH": (403, "PERMISSION_DENIED", "SenderId mismatch"),
    "UNAVAILABLE": (503, "UNAVAILABLE", "The service is currently unavailable."),
    "INTERNAL": (500, "INTERNAL", "Internal error encountered."),
    "QUOTA_EXCEEDED": (429, "RESOURCE_EXHAUSTED", "Quota exceeded for sending messages."),
}

_KEY_LOCK = threading.Lock()
_KEY: list[rsa.RSAPrivateKey] = []


def private_key() -> rsa.RSAPrivateKey:
    """One RSA key per test session, generated here (never a real credential)."""
    with _KEY_LOCK:
        if not _KEY:
            _KEY.append(rsa.generate_private_key(public_exponent=65537, key_size=2048))
        return _KEY[0]


def write_service_account(path: Path, token_uri: str, project: str = PROJECT) -> Path:
    pem = private_key().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.write_text(
        json.dumps(
            {
                "type": "service_account",
                "project_id": project,
                "private_key_id": "test-key-1",
                "private_key": pem.decode(),
                "client_email": CLIENT_EMAIL,
                "client_id": "1",
                "token_uri": token_uri,
            }
        ),
        encoding="utf-8",
    )
    return path


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


@dataclass
class Send:
    path: str
    headers: dict[str, str]
    json: dict

    @property
    def message(self) -> dict:
        return self.json["message"]

    @property
    def token(self) -> str:
        return self.message["token"]


class FakeFCM:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scripts: dict[str, list[tuple[str, int | None]]] = {}
        self._ids = itertools.count(1)
        self.sends: list[Send] = []
        self.token_requests: list[dict] = []  # the verified JWT claims of each access-token request
        self.outside: list[str] = []  # hosts something tried to reach through the fake as its proxy
        self._server: ThreadingHTTPServer | None = None

    # --- scripting --------------------------------------------------------------------------------------

    def script(self, token: str, error: str, *, times: int | None = None) -> None:
        """Answer sends to ``token`` with ``error`` (an FCM errorCode of ERRORS), ``times`` times or always."""
        assert error in ERRORS, error
        with self._lock:
            self._scripts.setdefault(token, []).append((error, times))

    def _scripted(self, token: str) -> str | None:
        with self._lock:
            queue = self._scripts.get(token) or []
            if not queue:
                return None
            error, times = queue[0]
            if times is not None:
                if times <= 1:
                    queue.pop(0)
                else:
                    queue[0] = (error, times - 1)
            return error

    def clear(self) -> None:
        """Forget the requests received and the scripted errors."""
        with self._lock:
            self.sends.clear()
            self._scripts.clear()

    def sends_to(self, token: str) -> list[Send]:
        with self._lock:
            return [send for send in self.sends if send.token == token]

    # --- answering --------------------------------------------------------------------------------------

    def _token(self, form: str) -> tuple[int, dict]:
        fields = parse_qs(form)
        if fields.get("grant_type") != ["urn:ietf:params:oauth:grant-type:jwt-bearer"]:
            return 400, {"error": "unsupported_grant_type"}
        header, claims, signature = fields["assertion"][0].split(".")
        try:  # signed by the key we wrote into the service-account file
            private_key().public_key().verify(
                _unb64(signature), f"{header}.{claims}".encode(), padding.PKCS1v15(), hashes.SHA256()
            )
        except Exception:  # noqa: BLE001
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
        decoded = json.loads(_unb64(claims))
        with self._lock:
            self.token_requests.append(decoded)
        return 200, {"access_token": ACCESS_TOKEN, "expires_in": 3600, "token_type": "Bearer"}

    def _send(self, path: str, headers: dict[str, str], body: dict) -> tuple[int, dict]:
        if headers.get("authorization") != f"Bearer {ACCESS_TOKEN}":
            return 401, {"error": {"code": 401, "message": "Missing or bad credentials.", "status": "UNAUTHENTICATED"}}
        send = Send(path, headers, body)
        with self._lock:
            self.sends.append(send)
        error = self._scripted(send.token)
        if error is None:
            return 200, {"name": f"projects/{PROJECT}/messages/{next(self._ids)}"}
        status, rpc_status, message = ERRORS[error]
        code = "INVALID_ARGUMENT" if error == "INVALID_PAYLOAD" else error
        details = [{"@type": FCM_ERROR_TYPE, "errorCode": code}]
        return status, {"error": {"code": status, "message": message, "status": rpc_status, "details": details}}

    # --- running ------------------------------------------------------------------------------------------

    def url(self, path: str = "") -> str:
        assert self._server is not None, "the server is not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def start(self) -> FakeFCM:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802 - the name http.server calls
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                headers = {name.lower(): value for name, value in self.headers.items()}
                if self.path == "/token":
                    status, answer = owner._token(raw)
                elif self.path == f"/v1/projects/{PROJECT}/messages:send":
                    status, answer = owner._send(self.path, headers, json.loads(raw))
                else:
                    status, answer = 404, {"error": {"code": 404, "message": "No such path.", "status": "NOT_FOUND"}}
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_CONNECT(self):  # noqa: N802 - a request headed outside, sent here as its proxy: refused
                with owner._lock:
                    owner.outside.append(self.path)
                self.send_response(403)
                self.send_header("Content-Length", "0")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True

            def log_message(self, *args):  # keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


@pytest.fixture(name="fake_fcm")
def fake_fcm_fixture(settings, tmp_path, monkeypatch):
    from backend.notifications import fcm

    server = FakeFCM().start()
    # google-auth looks up the service account's "regional access boundary" at iamcredentials.googleapis.com
    # after fetching a token; the fake is the proxy for anything not local, and refuses it.
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.setenv(name, server.url())
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    settings.FIREBASE_CREDENTIALS = str(write_service_account(tmp_path / "service-account.json", server.url("/token")))
    settings.FIREBASE_FCM_ENDPOINT = server.url()
    settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS = 0
    fcm.reset()
    yield server
    fcm.reset()
    server.stop()


@pytest.fixture(name="no_firebase")
def no_firebase_fixture(settings):
    from backend.notifications import fcm

    settings.FIREBASE_CREDENTIALS = ""
    settings.FIREBASE_WEB_CONFIG = '{"apiKey": "k", "projectId": "p"}'  # set, yet useless without credentials
    settings.FIREBASE_VAPID_KEY = "vapid"
    fcm.reset()
    yield
    fcm.reset()
