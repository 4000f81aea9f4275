"""The category tree of youth hobbies and its mapping to keywords of the open-data sources."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.core.i18n import TranslatedFieldsMixin


class Category(TranslatedFieldsMixin, models.Model):
    """A node of the category tree (e.g. Sports → Ball games → Football), named in fi/sv/en.

    The tree is small (tens of nodes) and changes rarely, so it is an adjacency list; descendants
    are computed from one query of the whole tree.
    """

    translated_fields = ("name", "synonyms")

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=80)
    name_sv = models.CharField(_("name (Swedish)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    # Words a teenager might type for this category ("fotis, futis"), used by search.
    synonyms_fi = models.CharField(_("synonyms (Finnish)"), max_length=300, blank=True)
    synonyms_sv = models.CharField(_("synonyms (Swedish)"), max_length=300, blank=True)
    synonyms_en = models.CharField(_("synonyms (English)"), max_length=300, blank=True)
    icon = models.CharField(_("icon name"), max_length=40, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name_fi"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")),
                name="category_not_own_parent",
                violation_error_message=_("A category cannot be its own parent."),
            )
        ]

    def __str__(self) -> str:
        return self.name_fi

    def clean(self) -> None:
        super().clean()
        node, seen = self.parent, set()
        while node is not None:
            if node.pk == self.pk and self.pk is not None or node.pk in seen:
                raise ValidationError({"parent": _("A category cannot be placed under itself or its own child.")})
            seen.add(node.pk)
            node = node.parent

    TREE_CACHE_KEY = "hobbies:category-tree"

    @classmethod
    def cached_tree(cls) -> list[Category]:
        """Every category in display order, from the cache (dropped whenever a category changes)."""
        from django.core.cache import cache

        tree = cache.get(cls.TREE_CACHE_KEY)
        if tree is None:
            tree = list(cls.objects.order_by("sort_order", "name_fi"))
            cache.set(cls.TREE_CACHE_KEY, tree, 3600)
        return tree

    @classmethod
    def descendant_ids(cls, ids: list[int] | set[int]) -> set[int]:
        """The given categories and everything below them (the tree comes from the cache)."""
        children: dict[int | None, list[int]] = {}
        for category in cls.cached_tree():
            children.setdefault(category.parent_id, []).append(category.pk)
        result, stack = set(), list(ids)
        while stack:
            pk = stack.pop()
            if pk in result:
                continue
            result.add(pk)
            stack.extend(children.get(pk, ()))
        return result


class CategoryMapping(models.Model):
    """A keyword of an open-data source (YSO/helfi keyword, Lipas type code) → a category."""

    class Source(models.TextChoices):
        LINKED_EVENTS_KEYWORD = "linkedevents_keyword", _("Linked Events keyword")
        LIPAS_TYPE = "lipas_type", _("Lipas sports place type")

    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    external_id = models.CharField(
        _("keyword or code"), max_length=100, help_text=_("e.g. yso:p6409 or a Lipas type code such as 1120")
    )
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="mappings", verbose_name=_("category")
    )
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        ordering = ["source", "external_id"]
        verbose_name = _("category mapping")
        verbose_name_plural = _("category mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                name="category_mapping_unique",
                violation_error_message=_("This keyword is already mapped to a category."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.external_id} → {self.category}"
