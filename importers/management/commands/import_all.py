"""``manage.py import_all [--since DATE] [--dry-run] [--force]``: every configured import source in turn."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from importers.models import ImportRun
from importers.sources import parse_since, run_import, sources

OK_STATUSES = (ImportRun.Status.SUCCEEDED,)


class Progress:
    """A page counter: rewritten in place (``\\r``) on a terminal, one plain line a page otherwise."""

    def __init__(self, command: BaseCommand, source: str):
        self.command = command
        self.source = source
        self.pages = 0
        self.tty = command.stdout.isatty()

    def __call__(self, run: ImportRun) -> None:
        self.pages += 1
        line = _("%(source)s: page %(page)d — %(created)d created, %(updated)d updated, %(unchanged)d unchanged") % {
            "source": self.source,
            "page": self.pages,
            "created": run.created,
            "updated": run.updated,
            "unchanged": run.unchanged,
        }
        if self.tty:
            self.command.stdout.write("\r" + line, ending="")
            self.command.stdout.flush()
        else:
            self.command.stdout.write(line)

    def done(self) -> None:
        if self.tty and self.pages:
            self.command.stdout.write("")  # end the counter's line


def add_run_arguments(parser) -> None:
    parser.add_argument("--since", help=_("Only records changed since this date or time (an incremental run)."))
    parser.add_argument("--dry-run", action="store_true", help=_("Fetch and compare, but save nothing."))
    parser.add_argument(
        "--force", action="store_true", help=_("Delete even when the feed lacks a large share of the records.")
    )


def check_since(value: str | None):
    try:
        return parse_since(value)
    except ValueError as exc:
        raise CommandError(_("--since: %(error)s") % {"error": exc}) from None


def run_one(command: BaseCommand, name: str, **options) -> ImportRun:
    """Run one source with a progress counter; write its summary line; return the run."""
    progress = Progress(command, name)
    try:
        run = run_import(name, on_page=progress, **options)
    finally:
        progress.done()
    style = command.style.SUCCESS if run.status in OK_STATUSES else command.style.ERROR
    command.stdout.write(style(run.message))
    for error in run.errors[:5]:
        command.stderr.write(f"  {error['id']}: {error['reason']}")
    return run


class Command(BaseCommand):
    help = _("Import every configured source (Linked Events instances, Lipas) in turn.")

    def add_arguments(self, parser):
        add_run_arguments(parser)

    def handle(self, *args, **options):
        since = check_since(options["since"])
        runs = [
            run_one(self, name, since=since, dry_run=options["dry_run"], force=options["force"]) for name in sources()
        ]
        bad = [run.source for run in runs if run.status not in OK_STATUSES]
        if bad:
            raise CommandError(
                ngettext(
                    "%(count)d source did not import: %(names)s.",
                    "%(count)d sources did not import: %(names)s.",
                    len(bad),
                )
                % {"count": len(bad), "names": ", ".join(bad)}
            )
