"""modelcluster's child-relation lists are found once per model (home/clusters.py), and are
the lists modelcluster finds itself."""

import pytest
from django.apps import apps
from modelcluster import models as cluster_models
from modelcluster.models import ClusterableModel

from articles.models import ArticlePage, ArticlePageTopic
from communities.models import CommunityPage

pytestmark = pytest.mark.django_db

FINDERS = ("get_all_child_relations", "get_all_child_m2m_relations")


def clusterable_models() -> list[type]:
    return [model for model in apps.get_models() if issubclass(model, ClusterableModel)]


@pytest.mark.parametrize("name", FINDERS)
def test_each_models_lists_are_modelclusters_own(name):
    remembered = getattr(cluster_models, name)
    find = remembered.__wrapped__
    assert ArticlePage in clusterable_models() and CommunityPage in clusterable_models()
    for model in clusterable_models():
        assert remembered(model) == find(model), model
        assert remembered(model()) == find(model), model  # asked with an instance


@pytest.mark.parametrize("name", FINDERS)
def test_each_models_lists_are_found_once(name):
    remembered = getattr(cluster_models, name)
    assert remembered(ArticlePage) is remembered(ArticlePage)
    assert remembered(ArticlePage()) is remembered(ArticlePage)
    assert remembered(CommunityPage) is not remembered(ArticlePage)
    assert "topics" in [rel.name for rel in cluster_models.get_all_child_relations(ArticlePage)]


def test_child_objects_still_pass_through_the_constructor():
    topic = ArticlePageTopic(sort_order=0)

    page = ArticlePage(title="With a topic", topics=[topic])

    assert list(page.topics.all()) == [topic]
    assert ArticlePage(title="Without").topics.all().count() == 0
