#!/usr/bin/env python
"""Django's command-line utility, with configuration errors reported in one line."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings.dev")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from backend.settings.env import ConfigError

    try:
        settings.INSTALLED_APPS  # noqa: B018 - importing the settings validates the configuration
    except ConfigError as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        sys.exit(2)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
