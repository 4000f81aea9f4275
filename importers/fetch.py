"""The fetch layer of the importers: JSON pages from an HTTP API, or from local files for offline and demo use.

``HttpFetcher`` asks with a timeout and retries with exponential backoff (and a little jitter) on 429, 5xx,
timeouts, broken connections and truncated or invalid JSON (that one only once); ``Retry-After`` is honoured up
to a cap. Any other 4xx fails at once. Every failure is a ``FetchError`` naming the source, the address, the
reason and the number of attempts.

Both fetchers page the same way:

- ``pages_by_next(url)`` follows ``meta.next`` of a ``{"meta": …, "data": […]}`` envelope (Linked Events);
- ``pages_by_link(url)`` follows ``Link: <…>; rel="next"`` of HTTP 206/200 answers whose body is an array (Lipas).

``fetcher_for("https://…")`` gives an ``HttpFetcher``, ``fetcher_for("path/to/file-or-folder")`` a ``FileFetcher``.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import logging
import random
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

USER_AGENT = "harrastuspassi-importer/1.0"
MAX_BACKOFF = 30.0  # seconds between two attempts, whatever the attempt number
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504}) | frozenset(range(505, 600))


class FetchError(Exception):
    """A source could not be read: the address, why, and after how many attempts."""

    def __init__(self, source: str, url: str, reason: str, attempts: int = 1, status: int | None = None):
        self.source = source
        self.url = url
        self.reason = reason
        self.attempts = attempts
        self.status = status
        super().__init__(
            _("%(source)s: %(reason)s (%(url)s, %(attempts)d attempt(s))")
            % {"source": source or "import", "reason": reason, "url": url, "attempts": attempts}
        )


def _empty_headers() -> http.client.HTTPMessage:
    return http.client.HTTPMessage()


_LINK_VALUE = re.compile(r"<([^>]*)>([^<]*)")
_LINK_PARAM = re.compile(r";\s*([A-Za-z0-9_*-]+)\s*(?:=\s*(\"[^\"]*\"|[^;,]*))?")


def link_targets(header: str | None) -> dict[str, str]:
    """``<a>; rel="next", <b>; rel="last"`` → ``{"next": "a", "last": "b"}`` (first target of each rel wins).

    Quoted parameters may hold commas and semicolons (``title="a, b; c"``); rel values may be unquoted, in upper
    case, or several in one (``rel="prev next"``).
    """
    targets: dict[str, str] = {}
    for match in _LINK_VALUE.finditer(header or ""):
        target, params = match.group(1).strip(), match.group(2)
        for name, value in _LINK_PARAM.findall(params):
            if name.lower() == "rel":
                for rel in (value or "").strip().strip('"').lower().split():
                    targets.setdefault(rel, target)
    return targets


def _with_params(url: str, params: dict | None) -> str:
    if not params:
        return url
    query = urllib.parse.urlencode([(k, v) for k, v in params.items() if v is not None], doseq=True, safe=",:")
    return f"{url}{'&' if '?' in url else '?'}{query}"


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


class HttpFetcher:
    """JSON over HTTP with timeouts and retries; paths are resolved against ``base_url``."""

    def __init__(
        self,
        base_url: str,
        *,
        source: str = "",
        timeout: float = 10,
        retries: int = 4,
        backoff: float = 0.5,
        max_retry_after: float = 60,
        headers: dict[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_pages: int = 100_000,
    ):
        if "?" not in base_url and not base_url.endswith("/"):
            base_url += "/"
        self.base_url = base_url
        self.source = source
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.headers = {"Accept": "application/json", "User-Agent": USER_AGENT, **(headers or {})}
        self.sleep = sleep
        self.max_pages = max_pages
        self.requests = 0  # HTTP requests sent, retries included

    def __repr__(self) -> str:
        return f"HttpFetcher({self.base_url!r})"

    def url(self, url: str, params: dict | None = None) -> str:
        return _with_params(urllib.parse.urljoin(self.base_url, url), params)

    def _delay(self, attempt: int, retry_after: float | None = None) -> float:
        delay = min(MAX_BACKOFF, self.backoff * (2 ** (attempt - 1)))
        delay += random.uniform(0, self.backoff / 4) if self.backoff else 0
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.max_retry_after))
        return delay

    def _fail(self, url: str, reason: str, attempts: int, status: int | None = None) -> FetchError:
        return FetchError(self.source, url, reason, attempts, status)

    def get_json(self, url: str, params: dict | None = None) -> tuple[object, http.client.HTTPMessage, int]:
        """GET one JSON document: ``(payload, response headers, HTTP status)``; ``FetchError`` when it cannot."""
        full_url = self.url(url, params)
        if urllib.parse.urlsplit(full_url).scheme not in ("http", "https"):
            raise self._fail(full_url, _("only http and https addresses can be fetched"), 0)
        attempt = 0
        bad_json = 0
        while True:
            attempt += 1
            retry_after = None
            request = urllib.request.Request(full_url, headers=self.headers)  # noqa: S310 - scheme checked above
            self.requests += 1
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    status, headers = response.status, response.headers
                    body = response.read()
            except urllib.error.HTTPError as exc:
                status = exc.code
                exc.close()
                if status not in RETRY_STATUSES:
                    raise self._fail(full_url, _("HTTP %(status)d") % {"status": status}, attempt, status) from None
                reason = _("HTTP %(status)d") % {"status": status}
                retry_after = _retry_after(exc.headers.get("Retry-After") if exc.headers else None)
            except TimeoutError:
                reason, status = _("no answer within %(seconds)s s") % {"seconds": self.timeout}, None
            except (urllib.error.URLError, ConnectionError, http.client.HTTPException, OSError) as exc:
                detail = getattr(exc, "reason", None) or exc
                if isinstance(detail, TimeoutError):
                    reason = _("no answer within %(seconds)s s") % {"seconds": self.timeout}
                else:
                    reason = _("connection failed: %(error)s") % {"error": detail}
                status = None
            else:
                try:
                    return json.loads(body.decode("utf-8-sig")), headers, status
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    bad_json += 1
                    reason = _("invalid or truncated JSON: %(error)s") % {"error": exc}
                    if bad_json > 1:  # a second bad document in a row: the source really sends it
                        raise self._fail(full_url, reason, attempt, status) from None
            if attempt > self.retries:
                raise self._fail(full_url, reason, attempt, status)
            delay = self._delay(attempt, retry_after)
            logger.warning("%s: %s; retrying in %.1f s (%s)", self.source or "import", reason, delay, full_url)
            self.sleep(delay)

    def pages_by_next(self, url: str, params: dict | None = None) -> Iterator[dict]:
        """Each page of a ``{"meta": {"next": …}, "data": […]}`` list, following ``meta.next`` until null."""
        next_url: str | None = self.url(url, params)
        seen: set[str] = set()
        while next_url:
            if next_url in seen or len(seen) >= self.max_pages:
                raise self._fail(next_url, _("the pages lead back to a page already read"), 0)
            seen.add(next_url)
            payload, _headers, _status = self.get_json(next_url)
            if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
                raise self._fail(next_url, _("the answer is not a list page (no data array)"), 1)
            yield payload
            meta = payload.get("meta") if isinstance(payload.get("meta"), dict) else {}
            following = meta.get("next")
            next_url = urllib.parse.urljoin(next_url, following) if following else None

    def pages_by_link(self, url: str, params: dict | None = None) -> Iterator[list]:
        """Each page of a bare JSON array answered with 206 (partial) or 200, following ``Link: rel="next"``."""
        next_url: str | None = self.url(url, params)
        seen: set[str] = set()
        while next_url:
            if next_url in seen or len(seen) >= self.max_pages:
                raise self._fail(next_url, _("the pages lead back to a page already read"), 0)
            seen.add(next_url)
            payload, headers, status = self.get_json(next_url)
            if status not in (200, 206):
                raise self._fail(next_url, _("unexpected HTTP %(status)d") % {"status": status}, 1, status)
            if not isinstance(payload, list):
                raise self._fail(next_url, _("the answer is not a JSON array"), 1, status)
            yield payload
            following = link_targets(headers.get("Link")).get("next")
            next_url = urllib.parse.urljoin(next_url, following) if following else None


class FileFetcher:
    """The same interface over local files: one JSON file, or a folder of them read in name order.

    In a folder, a request for ``…/event/`` reads ``event.json`` or the files of the sub-folder ``event/`` when
    there is one; otherwise every ``*.json`` file of the folder. A single file answers every request.
    """

    def __init__(self, path: str | Path, *, source: str = "", **_ignored):
        self.path = Path(path)
        self.source = source
        if not self.path.exists():
            raise FetchError(source, str(path), _("no such file or folder"), 0)

    def __repr__(self) -> str:
        return f"FileFetcher({str(self.path)!r})"

    @staticmethod
    def endpoint(url: str) -> str:
        """The last segment of a URL's path: ``https://x/v1/event/?page=2`` → ``event``."""
        segments = [s for s in urllib.parse.urlsplit(url or "").path.split("/") if s]
        return segments[-1] if segments else ""

    def paths_for(self, url: str = "") -> list[Path]:
        if self.path.is_file():
            return [self.path]
        name = self.endpoint(url)
        if name and (self.path / name).is_dir():
            return sorted((self.path / name).glob("*.json"))
        if name and (self.path / f"{name}.json").is_file():
            return [self.path / f"{name}.json"]
        return sorted(self.path.glob("*.json"))

    def _read(self, path: Path) -> object:
        try:
            return json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FetchError(self.source, str(path), _("cannot read JSON: %(error)s") % {"error": exc}) from None

    def get_json(self, url: str = "", params: dict | None = None) -> tuple[object, http.client.HTTPMessage, int]:
        paths = self.paths_for(url)
        if not paths:
            raise FetchError(self.source, str(self.path), _("no JSON files here"), 0)
        return self._read(paths[0]), _empty_headers(), 200

    def _pages(self, url: str) -> Iterator[tuple[Path, object]]:
        for path in self.paths_for(url):
            yield path, self._read(path)

    def pages_by_next(self, url: str = "", params: dict | None = None) -> Iterator[dict]:
        for path, payload in self._pages(url):
            if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
                raise FetchError(self.source, str(path), _("the file is not a list page (no data array)"))
            yield payload

    def pages_by_link(self, url: str = "", params: dict | None = None) -> Iterator[list]:
        for path, payload in self._pages(url):
            if not isinstance(payload, list):
                raise FetchError(self.source, str(path), _("the file is not a JSON array"))
            yield payload


def fetcher_for(source_location: str, **kw) -> HttpFetcher | FileFetcher:
    """``--from``: an http(s) address gives an ``HttpFetcher``, anything else a local file or folder."""
    location = str(source_location)
    if location.startswith(("http://", "https://")):
        return HttpFetcher(location, **kw)
    if location.startswith("file://"):
        location = urllib.parse.unquote(urllib.parse.urlsplit(location).path)
    return FileFetcher(location, source=kw.get("source", ""))
