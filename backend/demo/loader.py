"""The demo loader: writes the demo content idempotently and reports what it did.

Keys: municipalities by code, categories by slug, mappings by (source, external id), users and
groups by name, everything else by ``data_source="demo"`` + origin id. Only fields that differ
are written; hobbies and benefits get a Wagtail revision and are published when they are new or
changed, so a second run in the same week writes nothing at all.
"""

from __future__ import annotations

import datetime as dt
import os
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from backend.benefits.models import Benefit
from backend.hobbies import search
from backend.hobbies.models import Category, CategoryMapping, Hobby, Municipality, Organization, Session, Venue
from backend.hobbies.services import refresh_next_sessions
from backend.hobbies.signals import batched_session_changes, bulk_changes_done
from cms.pages.demo import load_demo_pages
from cms.roles import ensure_groups

from . import content
from .analytics import load_demo_analytics
from .content_providers import ORGANIZATIONS, VENUES
from .feedback import load_demo_feedback
from .generate import HELSINKI, BenefitRow, HobbyRow, generate_benefits, generate_hobbies, monday_of
from .imports import import_demo_feeds
from .interactions import load_demo_usage
from .moderation import moderation_examples
from .report import DemoReport, Step, quiet
from .sync import sync_links, upsert

DEMO_SOURCE = "demo"
DEFAULT_PASSWORD = "harrastus-demo-2026"  # noqa: S105 - a published demo password, never used in production
ACCESS = {"Y": True, "N": False, "?": None}


def load_demo(*, stdout=None, today: dt.date | None = None) -> DemoReport:
    """Load (or refresh) the demo content; sessions and validity windows follow ``today``'s week."""
    started = time.perf_counter()
    monday = monday_of(today or timezone.localdate(timezone=HELSINKI))
    report = DemoReport(week_start=monday)
    step = Step(stdout)
    with quiet("wagtail"), quiet("django_tasks"), transaction.atomic(), search.deferred_reindex():
        municipalities = _municipalities(report)
        categories = _categories(report)
        _mappings(categories, report)
        step.done("reference data")
        organizations = _organizations(municipalities, report)
        venues = _venues(municipalities, organizations, report)
        step.done("organizations, venues")
        operator = _users(municipalities, organizations, report)
        step.done("users")
        hobby_rows = generate_hobbies(monday)
        hobbies = _hobbies(hobby_rows, organizations, venues, categories, operator, report)
        # bulk writes send no signals: the demo hobbies' search documents are rebuilt once, at the end
        search.changed(hobby.pk for hobby in hobbies.values())
        step.done("hobbies")
        _sessions(hobby_rows, hobbies, report)
        step.done("sessions")
        _benefits(generate_benefits(monday, hobby_rows), organizations, hobbies, operator, report)
        step.done("benefits")
        load_demo_usage(
            list(Hobby.objects.filter(data_source=DEMO_SOURCE, live=True).prefetch_related("categories")),
            report.counts["Demo device"],
        )
        load_demo_analytics()  # SYNTHETIC searches, active weeks and redemptions for the usage reports
        load_demo_feedback()  # invented ratings and comments for the CMS feedback pages
        step.done("demo usage")
        moderation_examples(organizations["kallion-kotkat"], categories, report.counts["Moderation example"])
        step.done("moderation examples")
        pages = load_demo_pages()
        page_counts = report.counts["Page"]
        page_counts.created, page_counts.updated = pages.get("created", 0), pages.get("updated", 0)
        page_counts.unchanged = pages.get("unchanged", 0)
        step.done("pages")
        for run in import_demo_feeds(monday):
            counts = report.counts[f"Import {run.source}"]
            counts.created, counts.updated, counts.unchanged, counts.deleted = (
                run.created,
                run.updated,
                run.unchanged,
                run.deleted,
            )
        step.done("open-data feeds")
    bulk_changes_done()
    report.seconds = time.perf_counter() - started
    return report


def _by_origin(model) -> dict:
    return {obj.origin_id: obj for obj in model.objects.filter(data_source=DEMO_SOURCE, origin_id__isnull=False)}


# --- reference data ------------------------------------------------------------------------


def _municipalities(report: DemoReport) -> dict[str, Municipality]:
    desired = {
        m.code: {"code": m.code, "slug": m.slug, "name_fi": m.name_fi, "name_sv": m.name_sv, "name_en": m.name_en}
        for m in content.MUNICIPALITIES
    }
    existing = Municipality.objects.in_bulk(list(desired), field_name="code")
    return upsert(Municipality, desired, existing, report.counts["Municipality"]).objects


def _category_values(spec: content.CategorySpec, parent_id: int | None, order: int) -> dict:
    return {
        "slug": spec.slug,
        "parent_id": parent_id,
        "name_fi": spec.name_fi,
        "name_sv": spec.name_sv,
        "name_en": spec.name_en,
        "synonyms_fi": spec.synonyms_fi,
        "synonyms_sv": spec.synonyms_sv,
        "synonyms_en": spec.synonyms_en,
        "icon": spec.icon,
        "sort_order": order,
    }


def _categories(report: DemoReport) -> dict[str, Category]:
    counts = report.counts["Category"]
    slugs = [top.slug for top in content.CATEGORY_TREE] + [
        c.slug for top in content.CATEGORY_TREE for c in top.children
    ]
    existing = Category.objects.in_bulk(slugs, field_name="slug")
    top = {spec.slug: _category_values(spec, None, (i + 1) * 10) for i, spec in enumerate(content.CATEGORY_TREE)}
    result = dict(upsert(Category, top, existing, counts).objects)
    children = {
        child.slug: _category_values(child, result[parent.slug].pk, (i + 1) * 10)
        for parent in content.CATEGORY_TREE
        for i, child in enumerate(parent.children)
    }
    result.update(upsert(Category, children, existing, counts).objects)
    return result


def _mappings(categories: dict[str, Category], report: DemoReport) -> None:
    sources = (
        (CategoryMapping.Source.LINKED_EVENTS_KEYWORD, content.YSO_MAPPINGS),
        (CategoryMapping.Source.LIPAS_TYPE, content.LIPAS_MAPPINGS),
    )
    desired = {
        (str(source), external_id): {
            "source": str(source),
            "external_id": external_id,
            "category_id": categories[slug].pk,
            "label": label,
        }
        for source, rows in sources
        for external_id, slug, label in rows
    }
    existing = {(m.source, m.external_id): m for m in CategoryMapping.objects.all()}
    upsert(CategoryMapping, desired, existing, report.counts["CategoryMapping"])


def _organizations(municipalities: dict[str, Municipality], report: DemoReport) -> dict[str, Organization]:
    desired = {}
    for number, spec in enumerate(ORGANIZATIONS, start=1):
        desired[f"org-{number}"] = {
            "data_source": DEMO_SOURCE,
            "origin_id": f"org-{number}",
            "name": spec.name,
            "slug": spec.slug,
            "municipality_id": municipalities[spec.municipality].pk,
            "kind": spec.kind,
            "description_fi": spec.description[0],
            "description_sv": spec.description[1],
            "description_en": spec.description[2],
            "website": f"https://www.{spec.host}/",
            "email": f"info@{spec.host}",
            "phone": f"+358 9 555 {1000 + number * 7}",
            "verified": spec.verified,
        }
    existing = _by_origin(Organization)
    result = upsert(Organization, desired, existing, report.counts["Organization"]).objects
    return {obj.slug: obj for obj in result.values()}


def _venues(municipalities, organizations, report: DemoReport) -> dict[int, Venue]:
    desired = {}
    for spec in VENUES:
        origin_id = f"venue-{spec.number}"
        wheelchair, toilet, loop, step_free = (ACCESS[c] for c in spec.access)
        desired[origin_id] = {
            "data_source": DEMO_SOURCE,
            "origin_id": origin_id,
            "name_fi": spec.name[0],
            "name_sv": spec.name[1],
            "name_en": spec.name[2],
            "street_address_fi": spec.street[0],
            "street_address_sv": spec.street[1],
            "street_address_en": "",
            "postal_code": spec.postal_code,
            "city": spec.city,
            "municipality_id": municipalities[spec.municipality].pk,
            "organization_id": organizations[spec.manager].pk if spec.manager else None,
            "latitude": spec.lat,
            "longitude": spec.lon,
            "wheelchair_accessible": wheelchair,
            "accessible_toilet": toilet,
            "induction_loop": loop,
            "step_free_entrance": step_free,
            "accessibility_info_fi": spec.info[0],
            "accessibility_info_sv": spec.info[1],
            "accessibility_info_en": spec.info[2],
            "deleted": False,
        }
    existing = _by_origin(Venue)
    result = upsert(Venue, desired, existing, report.counts["Venue"]).objects
    return {spec.number: result[f"venue-{spec.number}"] for spec in VENUES}


# --- users -----------------------------------------------------------------------------------


def _groups(report: DemoReport) -> dict[str, Group]:
    """The role groups, with the permissions cms.roles gives them (one source of truth)."""
    counts = report.counts["Group"]
    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    groups = ensure_groups()
    for name, group in groups.items():
        after = set(group.permissions.values_list("pk", flat=True))
        if name not in before:
            counts.created += 1
        elif after != before[name]:
            counts.updated += 1
        else:
            counts.unchanged += 1
    return groups


def _users(municipalities, organizations, report: DemoReport):
    """The demo CMS users; a password is set only when a user is created, never reset."""
    user_model = get_user_model()
    counts = report.counts["User"]
    groups = _groups(report)
    password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
    existing = user_model.objects.in_bulk([u.username for u in content.USERS], field_name="username")
    users, changed = {}, set()
    for spec in content.USERS:
        values = {
            "email": spec.email,
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "is_active": True,
            "is_staff": spec.superuser,
            "is_superuser": spec.superuser,
        }
        user = existing.get(spec.username)
        if user is None:
            user = user_model(username=spec.username, **values)
            user.set_password(password)
            user.save()
            counts.created += 1
            report.new_users.append(spec.username)
        else:
            different = [name for name, value in values.items() if getattr(user, name) != value]
            if different:
                for name in different:
                    setattr(user, name, values[name])
                user.save(update_fields=different)
                changed.add(user.pk)
        users[spec.username] = user
    if report.new_users:
        report.password = password

    # add the demo memberships; never remove memberships someone else gave
    ids = {spec.username: users[spec.username].pk for spec in content.USERS}
    changed |= sync_links(
        user_model.groups.through,
        "user_id",
        "group_id",
        {ids[s.username]: {groups[g].pk for g in s.groups} for s in content.USERS},
        remove_others=False,
    )
    changed |= sync_links(
        Municipality.moderators.through,
        "user_id",
        "municipality_id",
        {ids[s.username]: {municipalities[c].pk for c in s.moderates} for s in content.USERS},
        remove_others=False,
    )
    changed |= sync_links(
        Organization.members.through,
        "user_id",
        "organization_id",
        {ids[s.username]: {organizations[o].pk for o in s.member_of} for s in content.USERS},
        remove_others=False,
    )
    new_ids = {users[name].pk for name in report.new_users}
    counts.updated += len(changed - new_ids)
    counts.unchanged += len(content.USERS) - len(report.new_users) - len(changed - new_ids)
    return users[content.USERS[0].username]


# --- hobbies, sessions, benefits ---------------------------------------------------------------


def _publish(objects, user, action: str) -> None:
    """Save a revision of each object and publish it, as the CMS does (validates, logs, sets live)."""
    for obj in sorted(objects, key=lambda o: o.pk):
        # The model's own rules and field validation; the database enforces the constraints and
        # the foreign keys, which full_clean would otherwise check with a dozen queries per row.
        foreign_keys = [f.name for f in obj._meta.concrete_fields if f.is_relation]
        obj.full_clean(exclude=foreign_keys, validate_unique=False, validate_constraints=False)
        revision = obj.save_revision(user=user, log_action=action, clean=False)
        revision.publish(user=user, skip_permission_checks=True)


def _hobbies(rows: list[HobbyRow], organizations, venues, categories, operator, report: DemoReport):
    counts = report.counts["Hobby"]
    packer = Hobby()
    desired = {}
    for row in rows:
        values = dict(row.values)
        packer.instruction_language_list = values.pop("instruction_language_list")
        organization = organizations[row.organization]
        desired[row.origin_id] = {
            **values,
            "instruction_languages": packer.instruction_languages,
            "data_source": DEMO_SOURCE,
            "origin_id": row.origin_id,
            "organization_id": organization.pk,
            "municipality_id": organization.municipality_id,
            "venue_id": venues[row.venue].pk,
        }
    existing = _by_origin(Hobby)
    result = upsert(Hobby, desired, existing, counts)
    hobbies = result.objects

    relinked = sync_links(
        Hobby.categories.through,
        "hobby_id",
        "category_id",
        {hobbies[row.origin_id].pk: {categories[slug].pk for slug in row.categories} for row in rows},
    )
    created_ids = {obj.pk for obj in result.created}
    edited = {obj.pk: obj for obj in result.updated}
    for obj in hobbies.values():
        if obj.pk in relinked and obj.pk not in created_ids and obj.pk not in edited:
            edited[obj.pk] = obj
            counts.updated += 1
            counts.unchanged -= 1
    _publish(result.created, operator, "wagtail.create")
    _publish(edited.values(), operator, "wagtail.edit")
    return hobbies


def _sessions(rows: list[HobbyRow], hobbies: dict[str, Hobby], report: DemoReport) -> None:
    counts = report.counts["Session"]
    desired = {}
    for row in rows:
        hobby_id = hobbies[row.origin_id].pk
        for s in row.sessions:
            session = Session(hobby_id=hobby_id, start=s.start, end=s.end, cancelled=s.cancelled).derive()
            desired[s.origin_id] = {
                "data_source": DEMO_SOURCE,
                "origin_id": s.origin_id,
                "hobby_id": hobby_id,
                "start": session.start,
                "end": session.end,
                "cancelled": session.cancelled,
                "weekday": session.weekday,
                "time_of_day": session.time_of_day,
                "local_minute": session.local_minute,
            }
    existing = {s.origin_id: s for s in Session.objects.filter(data_source=DEMO_SOURCE)}
    upsert(Session, desired, existing, counts, batch_size=1000)
    # sessions of earlier weeks (or of a schedule that changed) are replaced, not kept forever
    stale = [s.pk for key, s in existing.items() if key not in desired]
    with batched_session_changes():
        for i in range(0, len(stale), 500):
            Session.objects.filter(pk__in=stale[i : i + 500]).delete()
    counts.deleted += len(stale)
    refresh_next_sessions([hobby.pk for hobby in hobbies.values()])


def _benefits(rows: list[BenefitRow], organizations, hobbies, operator, report: DemoReport) -> None:
    desired = {
        row.origin_id: {
            **row.values,
            "data_source": DEMO_SOURCE,
            "origin_id": row.origin_id,
            "organization_id": organizations[row.organization].pk,
            "hobby_id": hobbies[row.hobby].pk if row.hobby else None,
        }
        for row in rows
    }
    existing = _by_origin(Benefit)
    result = upsert(Benefit, desired, existing, report.counts["Benefit"])
    _publish(result.created, operator, "wagtail.create")
    _publish(result.updated, operator, "wagtail.edit")
