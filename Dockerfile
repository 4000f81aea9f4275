# Harrastuspassi: one image for the web app (gunicorn), the Celery worker and Celery beat.
#
#   docker build -t harrastuspassi .
#   docker run --rm -p 8000:8000 -e SECRET_KEY=... -e ALLOWED_HOSTS=example.org \
#       -e DATABASE_URL=postgres://... -e REDIS_URL=redis://... harrastuspassi
#
# Stages: `pwa` builds the PWA with Node (when pwa/package.json exists), `build` installs the
# Python dependencies into /opt/venv and collects static files, `runtime` copies only the results
# onto a clean python:3.11-slim and runs as an unprivileged user. The compiled translations
# (backend/locale/*/LC_MESSAGES/django.mo) come from the repository (`make messages`).
# Needs BuildKit (the default builder since Docker 23) for the optional copy of pwa/.

# --- 1. the PWA -------------------------------------------------------------------------------
FROM node:20-slim AS pwa
WORKDIR /pwa
# `pw[a]` is a wildcard, so these copies match nothing (and do not fail) while pwa/ does not exist.
COPY pw[a]/package*.json ./
RUN if [ -f package.json ]; then npm ci --no-audit --no-fund; fi
COPY pw[a] ./
RUN if [ -f package.json ]; then \
        npm run build; \
    else \
        echo "pwa: no pwa/package.json, the image serves the placeholder page at /"; \
    fi \
    && mkdir -p dist

# --- 2. Python dependencies and static files ---------------------------------------------------
FROM python:3.11-slim AS build
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv
WORKDIR /app
# The dependencies come from pyproject.toml alone, so this layer is rebuilt only when it changes.
# The project's code is not installed into site-packages: it runs from /app (PYTHONPATH), where
# BASE_DIR finds the templates, translations and pwa/dist that a wheel would not carry.
COPY pyproject.toml ./
RUN pip install --no-cache-dir . \
    && rm -rf build ./*.egg-info
COPY . .
COPY --from=pwa /pwa/dist ./pwa/dist
# The production settings refuse to load without a real-looking SECRET_KEY and ALLOWED_HOSTS:
# throw-away values for this one step, never stored in the image.
RUN export SECRET_KEY="build-time-only-collectstatic-key-never-used-at-run-time-0123456789" \
        ALLOWED_HOSTS="build.invalid" \
        DATABASE_URL="sqlite:///:memory:" \
        DJANGO_SETTINGS_MODULE=backend.settings.production \
        VAR_DIR=/app/var \
        STATIC_ROOT=/app/var/static \
    && python manage.py check --deploy \
    && python manage.py collectstatic --noinput --verbosity 1

# --- 3. the runtime image ---------------------------------------------------------------------
FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=backend.settings.production \
    VAR_DIR=/app/var \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/media \
    PORT=8000
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
# The code and the collected static files stay owned by root: the app cannot rewrite itself.
# Only var/ (SQLite when no DATABASE_URL is given) and var/media (uploads; mount a volume) are writable.
COPY --from=build /app /app
RUN mkdir -p /app/var/media \
    && chown app:app /app/var /app/var/media

USER 10001:10001
EXPOSE 8000
# /healthz checks the database and Redis. The Host header is the first ALLOWED_HOSTS entry, so
# that Django accepts the request whatever the service's public name is.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; hosts = [h.strip().lstrip('.') for h in os.environ.get('ALLOWED_HOSTS', '').split(',') if h.strip()] or ['localhost']; r.urlopen(r.Request('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz', headers={'Host': hosts[0]}), timeout=4)"]
CMD ["gunicorn", "--config", "/app/gunicorn.conf.py", "backend.wsgi"]
