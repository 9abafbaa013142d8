"""A Paginator whose count is kept in the cache: counting 50,000 live jobs on every view of the
job board costs more than reading the page of twenty that is shown."""

import hashlib
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from portal import fragments


def count_key(*parts, filters: dict | None = None) -> str:
    """A short cache name for a list and its filters (any value that changes the count)."""
    text = ":".join(str(part) for part in parts)
    if filters:
        text += "?" + urlencode(sorted((k, str(v)) for k, v in filters.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class CachedCountPaginator(Paginator):
    """``name`` says what is counted (``count_key``); ``topics`` what changes the count."""

    def __init__(self, object_list, per_page, *, name: str, topics, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cache_name, self.topics = name, tuple(topics)

    @cached_property
    def count(self):
        return fragments.cached(
            f"count:{self.cache_name}", lambda: Paginator.count.func(self), topics=self.topics
        )
