"""modelcluster's lists of a model's child relations, found once per model instead of for
every instance.

`ClusterableModel.__init__` (Wagtail's pages, snippets with inline panels) asks
`get_all_child_relations` and `get_all_child_m2m_relations` which of the model's fields are
child relations, so that child objects may be passed to the constructor, each time a model
instance is made: every page a list reads from the database looks through every field of its
model twice. The answer depends only on the model, and its fields are fixed once the app
registry is ready: from then on each model's lists are kept (the same lists, in the same order),
and until then they are found each time, as modelcluster does.
"""

from django.apps import apps
from modelcluster import models as cluster_models

_found: dict[tuple[str, type], list] = {}


def cluster_relations_remember() -> None:
    """Keep modelcluster's child-relation lists per model (once, at startup)."""
    if getattr(cluster_models, "_tapestry_relations_remembered", False):
        return
    for name in ("get_all_child_relations", "get_all_child_m2m_relations"):
        setattr(cluster_models, name, _remembered(name, getattr(cluster_models, name)))
    cluster_models._tapestry_relations_remembered = True


def _remembered(name: str, find):
    def remembered(model):
        if not apps.ready:
            return find(model)
        key = (name, model._meta.model)
        found = _found.get(key)
        if found is None:
            found = _found[key] = find(model)
        return found

    remembered.__wrapped__ = find
    return remembered
