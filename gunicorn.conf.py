"""Gunicorn settings for the container: `gunicorn -c gunicorn.conf.py backend.wsgi`.

Every value an operator may want to change comes from the environment:

    PORT                 port to listen on, on all interfaces (default 8000)
    WEB_CONCURRENCY      worker processes (default 2; about 2 x cores is the usual ceiling)
    GUNICORN_THREADS     threads per worker (default 4)
    GUNICORN_TIMEOUT     seconds a request may take before its worker is restarted (default 30)
    GUNICORN_MAX_REQUESTS  requests after which a worker is replaced, 0 = never (default 1000)
    FORWARDED_ALLOW_IPS  addresses of the reverse proxies whose X-Forwarded-* headers are trusted
                         (default 127.0.0.1,::1; set it to the proxy's address, or "*" only when
                         nothing but the proxy can reach this port)
    GUNICORN_LOG_LEVEL   debug, info, warning, error (default info)
"""

import os


def _env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from None
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return value


# --- where to listen --------------------------------------------------------------------------
bind = f"0.0.0.0:{_env_int('PORT', 8000, minimum=1)}"  # noqa: S104 - a container listens on all its interfaces

# --- workers ----------------------------------------------------------------------------------
workers = _env_int("WEB_CONCURRENCY", 2, minimum=1)
threads = _env_int("GUNICORN_THREADS", 4, minimum=1)
worker_class = "gthread"
# A worker's heartbeat file on tmpfs: on an overlay file system it can block and get workers killed.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# Replace workers now and then so that slow memory growth (e.g. the recommender's arrays) is bounded.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10

# --- timeouts ---------------------------------------------------------------------------------
timeout = _env_int("GUNICORN_TIMEOUT", 30, minimum=1)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1)
# Longer than nothing, shorter than a typical proxy's idle timeout (60 s), so the proxy closes first.
keepalive = _env_int("GUNICORN_KEEPALIVE", 5, minimum=0)

# --- behind a reverse proxy -------------------------------------------------------------------
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "").strip() or "127.0.0.1,::1"

# --- logging: both streams to the container's output ------------------------------------------
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "").strip().lower() or "info"
access_log_format = '%(h)s "%({x-forwarded-for}i)s" %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
