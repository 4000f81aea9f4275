"""Full-text search over hobbies: prefix, case- and accent-insensitive, ranked, in fi/sv/en at once.

Each hobby has one search document with four weights:

- A: its titles in every language;
- B: the names and synonyms of its categories and of their parent categories ("fotboll", "football",
  "futis" and "urheilu" all lead to a football club);
- C: summaries, the organization's name and the venue's names;
- D: descriptions.

Words are folded before they are stored and before they are searched (lower case, accents and umlauts
removed: "jälkä" and "JALKA" are the same word), and every word the teenager types is a prefix
("jalkap" finds "jalkapallo"). Each database uses its own best index for this:

- PostgreSQL: a ``tsvector`` with weights in ``hobby_search_document`` under a GIN index, queried with
  ``to_tsquery('simple', 'jalkap:* & kerho:*')`` and ranked by ``ts_rank``;
- SQLite: an FTS5 table ``hobby_search_fts`` (one column per weight), queried with
  ``"jalkap"* AND "kerho"*`` and ranked by ``bm25`` with column weights.

The documents are kept current by signals (``backend.hobbies.signals``) and rebuilt in bulk with
``reindex()`` (``manage.py reindex_search``, importers and the demo loader).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection

from backend.core.i18n import CONTENT_LANGUAGES

PG_TABLE = "hobby_search_document"
SQLITE_TABLE = "hobby_search_fts"
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
# bm25 weights of the SQLite columns a, b, c, d; ts_rank's default weights play the same role on PostgreSQL.
SQLITE_WEIGHTS = (10.0, 5.0, 2.0, 1.0)

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents: 'Jälkäpallo' → 'jalkapallo', 'Åbo' → 'abo'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def query_terms(text: str) -> list[str]:
    """The words of a search, folded, at most MAX_TERMS of them, each cut to MAX_TERM_LENGTH."""
    seen: dict[str, None] = {}
    for word in words(text):
        seen.setdefault(word[:MAX_TERM_LENGTH], None)
    return list(seen)[:MAX_TERMS]


# --- building documents ----------------------------------------------------------------------------


def _documents(hobby_ids: list[int]) -> dict[int, tuple[str, str, str, str]]:
    """The four weighted texts of each hobby, from a fixed number of queries per batch."""
    from .models import Category, Hobby

    tree = {c.pk: c for c in Category.objects.all()}
    category_links: dict[int, list[int]] = {}
    for hobby_id, category_id in Hobby.categories.through.objects.filter(hobby_id__in=hobby_ids).values_list(
        "hobby_id", "category_id"
    ):
        category_links.setdefault(hobby_id, []).append(category_id)

    fields = ["id", "organization__name"]
    for lang in CONTENT_LANGUAGES:
        fields += [f"title_{lang}", f"summary_{lang}", f"description_{lang}", f"venue__name_{lang}"]
    documents = {}
    for row in Hobby.objects.filter(pk__in=hobby_ids).values(*fields, "extra_translations"):
        extra = row["extra_translations"] or {}

        def texts(field: str, row=row, extra=extra) -> list[str]:
            values = [row[f"{field}_{lang}"] or "" for lang in CONTENT_LANGUAGES]
            return values + [str(v) for v in (extra.get(field) or {}).values()]

        category_words = []
        seen: set[int] = set()
        for category_id in category_links.get(row["id"], []):
            node = tree.get(category_id)
            while node is not None and node.pk not in seen:
                seen.add(node.pk)
                for lang in CONTENT_LANGUAGES:
                    category_words += [getattr(node, f"name_{lang}"), getattr(node, f"synonyms_{lang}")]
                node = tree.get(node.parent_id)
        venue_names = [row[f"venue__name_{lang}"] or "" for lang in CONTENT_LANGUAGES]
        documents[row["id"]] = (
            " ".join(words(" ".join(texts("title")))),
            " ".join(words(" ".join(category_words))),
            " ".join(words(" ".join(texts("summary") + [row["organization__name"] or ""] + venue_names))),
            " ".join(words(" ".join(texts("description")))),
        )
    return documents


def _write(documents: dict[int, tuple[str, str, str, str]], removed: Iterable[int]) -> None:
    removed = list(removed)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if removed:
                cursor.execute(f"DELETE FROM {PG_TABLE} WHERE hobby_id = ANY(%s)", [removed])
            if documents:
                cursor.executemany(
                    f"INSERT INTO {PG_TABLE} (hobby_id, document) VALUES (%s, "
                    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
                    "setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')) "
                    "ON CONFLICT (hobby_id) DO UPDATE SET document = EXCLUDED.document",
                    [(pk, *texts) for pk, texts in documents.items()],
                )
        elif connection.vendor == "sqlite":
            stale = list(documents) + removed
            for i in range(0, len(stale), 500):
                chunk = stale[i : i + 500]
                cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid IN ({','.join(['%s'] * len(chunk))})", chunk)
            if documents:
                cursor.executemany(
                    f"INSERT INTO {SQLITE_TABLE} (rowid, a, b, c, d) VALUES (%s, %s, %s, %s, %s)",
                    [(pk, *texts) for pk, texts in documents.items()],
                )


def reindex(hobby_ids: Iterable[int] | None = None, *, batch_size: int = 1000) -> int:
    """Rebuild the search documents of these hobbies (all when None); gone hobbies lose theirs."""
    from .models import Hobby

    if hobby_ids is None:
        ids = list(Hobby.objects.order_by("pk").values_list("pk", flat=True))
        _clear_all()
    else:
        ids = sorted(set(hobby_ids))
    total = 0
    for i in range(0, len(ids), batch_size):
        chunk = ids[i : i + batch_size]
        documents = _documents(chunk)
        _write(documents, removed=[pk for pk in chunk if pk not in documents])
        total += len(documents)
    return total


def _clear_all() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {PG_TABLE}")
        elif connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {SQLITE_TABLE}")


def remove(hobby_ids: Iterable[int]) -> None:
    _write({}, removed=hobby_ids)


# --- deferring reindexing during bulk work -------------------------------------------------------------

_pending: ContextVar[set[int] | None] = ContextVar("pending_search_reindex", default=None)


@contextmanager
def deferred_reindex() -> Iterator[None]:
    """Collect the hobbies that changed inside the block and rebuild their documents once at the end."""
    if _pending.get() is not None:
        yield
        return
    token = _pending.set(set())
    try:
        yield
        touched = _pending.get()
    finally:
        _pending.reset(token)
    if touched:
        reindex(touched)


def changed(hobby_ids: Iterable[int]) -> None:
    """Hobbies whose searchable text changed: reindexed now, or at the end of ``deferred_reindex()``."""
    pending = _pending.get()
    if pending is not None:
        pending.update(hobby_ids)
    else:
        reindex(hobby_ids)


# --- searching ---------------------------------------------------------------------------------------


def search(queryset, text: str):
    """Filter ``queryset`` (of Hobby) to the hobbies matching every word of ``text`` and annotate
    ``search_rank`` (greater is better). Text without any word leaves the queryset as it is."""
    terms = query_terms(text)
    if not terms:
        return queryset, False
    table = queryset.model._meta.db_table
    # A join with the index table: the rank is read from the matching row, not looked up again per hobby.
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"'{term}':*" for term in terms)
        return queryset.extra(
            tables=[PG_TABLE],
            where=[f'{PG_TABLE}.hobby_id = "{table}"."id"', f"{PG_TABLE}.document @@ to_tsquery('simple', %s)"],
            params=[tsquery],
            select={"search_rank": f"ts_rank({PG_TABLE}.document, to_tsquery('simple', %s))"},
            select_params=[tsquery],
        ), True
    if connection.vendor == "sqlite":
        match = " AND ".join(f'"{term}"*' for term in terms)
        weights = ", ".join(str(w) for w in SQLITE_WEIGHTS)
        return queryset.extra(
            tables=[SQLITE_TABLE],
            where=[f'{SQLITE_TABLE}.rowid = "{table}"."id"', f"{SQLITE_TABLE} MATCH %s"],
            params=[match],
            select={"search_rank": f"-bm25({SQLITE_TABLE}, {weights})"},
        ), True
    raise NotImplementedError(f"search is not implemented for {connection.vendor}")  # pragma: no cover
