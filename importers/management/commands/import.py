"""``manage.py import <source> [--since DATE] [--dry-run] [--force] [--from PATH|URL]``: one import run.

Exit code 0 when the run succeeded; 1 (a readable message, no traceback) when it failed or was refused, or when
the source or ``--since`` is not understood.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from importers.management.commands.import_all import OK_STATUSES, add_run_arguments, check_since, run_one
from importers.models import ImportRun
from importers.sources import UnknownSource, sources


class Command(BaseCommand):
    help = _("Import one source: fetch its records, save what changed and report a summary.")

    def add_arguments(self, parser):
        parser.add_argument("source", help=_("The source's name (%(names)s).") % {"names": ", ".join(sources())})
        add_run_arguments(parser)
        parser.add_argument(
            "--from",
            dest="location",
            metavar="PATH|URL",
            help=_("Read from this address, local folder or JSON file instead of the source's own address."),
        )

    def handle(self, *args, **options):
        since = check_since(options["since"])
        try:
            run = run_one(
                self,
                options["source"],
                since=since,
                dry_run=options["dry_run"],
                force=options["force"],
                location=options["location"],
            )
        except UnknownSource as exc:
            raise CommandError(str(exc)) from None
        if run.status not in OK_STATUSES:
            if run.status == ImportRun.Status.REFUSED:
                raise CommandError(_("The import was refused; nothing was deleted (see the summary above)."))
            raise CommandError(_("The import failed (see the summary above)."))
