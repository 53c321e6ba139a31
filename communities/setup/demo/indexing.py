"""The demo load's search and reference indexes: built in bulk, not page by page.

Saving a page makes Wagtail queue one search-index and one reference-index task for it (post_save
receivers); loading the demo content would queue thousands, and the embedded default's worker
would still be working through them long after `make run` says it is ready. While the demo
content loads those receivers stand aside, and both indexes are then built in one pass each,
before `load_demo_content` returns.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command
from django.db.models.signals import post_save
from modelsearch.index import get_indexed_models
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page
from wagtail.search.models import IndexEntry
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def per_object_index_updates_paused() -> Iterator[None]:
    """No index task per saved object inside the block (the caller rebuilds both indexes)."""
    models = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def indexes_rebuild() -> None:
    """Build the search index and the reference index of everything, in bulk."""
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)


def search_index_incomplete() -> bool:
    """Some page has no search-index entry (an earlier load stopped before rebuilding).

    Pages are indexed under their own (specific) content type."""
    pages = {
        (content_type_id, str(pk))
        for content_type_id, pk in Page.objects.filter(depth__gt=1).values_list(
            "content_type_id", "pk"
        )
    }
    indexed = set(IndexEntry.objects.values_list("content_type_id", "object_id"))
    return bool(pages - indexed)
