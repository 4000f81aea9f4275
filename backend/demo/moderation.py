"""Demo content in every moderation state, so that the CMS shows what providers and moderators meet.

Each example is created once, by going through the real moderation steps (the workflow, a moderator's
rejection, a take-down); a later run leaves existing examples as they are, whatever a person did to them.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from backend.hobbies.models import Category, Hobby, Organization
from cms.services import take_down
from cms.workflow import ensure_moderation_workflow

from .sync import Counts

SOURCE = "demo-moderation"

EXAMPLES = {
    "state-draft": ("Luonnos: Futistreenit aloittelijoille", "draft"),
    "state-in-moderation": ("Odottaa hyväksyntää: Tyttöjen futisilta", "in_moderation"),
    "state-rejected": ("Palautettu: Futisleiri", "rejected"),
    "state-live-with-changes": ("Julkaistu: Maalivahtikoulu", "live_with_changes"),
    "state-taken-down": ("Poistettu näkyvistä: Yöfutis", "taken_down"),
}


def moderation_examples(organization: Organization, categories: dict[str, Category], counts: Counts) -> None:
    ensure_moderation_workflow()
    users = get_user_model().objects
    provider = users.get(username="demo-provider")
    moderator = users.get(username="demo-moderator")
    category = categories.get("football") or next(iter(categories.values()))
    existing = set(
        Hobby.objects.filter(data_source=SOURCE, origin_id__in=list(EXAMPLES)).values_list("origin_id", flat=True)
    )
    for origin_id, (title, state) in EXAMPLES.items():
        if origin_id in existing:
            counts.unchanged += 1
            continue
        hobby = Hobby.objects.create(
            data_source=SOURCE,
            origin_id=origin_id,
            organization=organization,
            title_fi=title,
            summary_fi="Esimerkki moderoinnin vaiheesta demoa varten.",
            age_min=12,
            age_max=15,
            live=False,
        )
        hobby.categories.add(category)
        revision = hobby.save_revision(user=provider, clean=False)
        if state in {"live_with_changes", "taken_down"}:
            revision.publish(user=moderator, skip_permission_checks=True)
            hobby.refresh_from_db()
        if state == "live_with_changes":
            hobby.summary_fi = "Uusi kuvaus odottaa moderaattorin hyväksyntää."
            hobby.save_revision(user=provider, clean=False)
            hobby.get_workflow().start(hobby, provider)
        elif state == "in_moderation":
            hobby.get_workflow().start(hobby, provider)
        elif state == "rejected":
            workflow_state = hobby.get_workflow().start(hobby, provider)
            task_state = workflow_state.current_task_state
            task_state.task.specific.on_action(
                task_state, moderator, "reject", comment="Kerro vielä leirin hinta ja mitä mukaan tarvitaan."
            )
        elif state == "taken_down":
            take_down(hobby, moderator, "Järjestäjä ilmoitti, ettei toimintaa enää ole. Poistettu näkyvistä.")
        counts.created += 1
