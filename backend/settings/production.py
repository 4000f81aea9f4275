"""Production settings: every secret from the environment, HTTPS everywhere.

`manage.py check --deploy` passes with these settings and no warnings.
"""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY
from .env import ConfigError, env_bool, env_int, env_str

DEBUG = False

if not env_str("SECRET_KEY") or SECRET_KEY.startswith(("dev-only", "django-insecure")):
    raise ConfigError("SECRET_KEY must be set in production (50+ random characters)")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ConfigError("SECRET_KEY is too weak for production: use 50+ random characters")
if not env_str("ALLOWED_HOSTS"):
    raise ConfigError("ALLOWED_HOSTS must list the service's host names in production")
if "*" in ALLOWED_HOSTS:
    raise ConfigError("ALLOWED_HOSTS must not contain '*' in production")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
