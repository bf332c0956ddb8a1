"""Ranked full-text search over pages on PostgreSQL, in a query shape the planner cannot get wrong.

Wagtail's database backend joins pages to their index entries on
`index_entry.object_id = page.id::varchar`. PostgreSQL cannot estimate how
many entries match `(title || body) @@ query` and guesses one row, so with
statistics in place it picks a nested loop that compares every matching
entry with every page: with 1,000 pages that match (a common word) that is a
million comparisons, 100-350 ms per query, twice per results page (count and
ranking).

Here the entries are searched and ranked on their own and tied to pages by
`page.id = object_id::integer`, which the page's primary key index answers:
the work grows with the number of matches, whatever plan is chosen. The
tsquery and the ranking come from the backend itself, so results and their
order are the same as `queryset.search()` gives.
"""

from django.db import connection
from django.db.models import BigIntegerField, Case, F, Q, When
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from wagtail.models import Page


def ranked_search(pages, query: str):
    """`pages.search(query, operator="and")`, sliceable and countable for a Paginator.

    On PostgreSQL with the database backend, a `PostgresPageSearch`; elsewhere
    (SQLite, OpenSearch/Elasticsearch) the backend's own results.
    """
    results = pages.search(query, operator="and")
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresSearchResults

        if type(results) is PostgresSearchResults:
            return PostgresPageSearch(results)
    return results


class PostgresPageSearch:
    def __init__(self, results):
        from modelsearch.backends.database.postgres.postgres import IndexEntry
        from modelsearch.utils import get_descendants_content_types_pks

        compiler = results.query_compiler
        config = compiler.get_config(results.backend)
        self.pages = compiler.queryset
        tsquery = compiler.build_tsquery(compiler.query, config=config)
        if tsquery is None:  # nothing searchable in the query, e.g. only hyphens
            self.entries = None
            return
        # Page ids are integers; the guard keeps any other model's entry from breaking the cast.
        page_id = Case(When(Q(object_id__regex=r"^[0-9]{1,18}$"), then=Cast("object_id", BigIntegerField())))
        rank = compiler.build_tsrank(F("title"), compiler.query, config=config) * F("title_norm")
        rank += compiler.build_tsrank(F("body"), compiler.query, config=config)
        self.entries = (
            IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(Page))
            .annotate(_vector_=CombinedExpression(F("title"), "||", F("body")))
            .filter(_vector_=tsquery)
            .annotate(page_id=page_id)
            .filter(page_id__in=self.pages.values("pk"))
            .annotate(rank=rank)
            .order_by("-rank", "-page_id")
        )

    def count(self) -> int:
        return 0 if self.entries is None else self.entries.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if self.entries is None:
            return []
        ids = list(self.entries[index].values_list("page_id", flat=True))
        by_id = {page.pk: page for page in self.pages.filter(pk__in=ids)}
        return [by_id[pk] for pk in ids if pk in by_id]
