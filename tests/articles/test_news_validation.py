"""ArticlePage.clean: what an editor cannot save."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from articles.models import ArticlePage
from tests import helpers

pytestmark = pytest.mark.django_db

EFFECTIVE = datetime.date(2025, 3, 1)


@pytest.fixture
def article():
    return helpers.article_create(helpers.community_news_index())


def test_a_plain_news_article_is_valid(article):
    article.full_clean()


@pytest.mark.parametrize("kind", [ArticlePage.Kind.POLICY, ArticlePage.Kind.ASSISTANCE])
def test_official_kinds_need_a_bureau_and_effective_date(article, kind):
    article.kind = kind

    errors = helpers.errors_of(article)

    assert set(errors) == {"bureau", "effective_from"}


@pytest.mark.parametrize("kind", [ArticlePage.Kind.POLICY, ArticlePage.Kind.ASSISTANCE])
def test_official_kinds_with_bureau_and_date_are_valid(article, kind):
    article.kind = kind
    article.bureau = helpers.bureau_create()
    article.effective_from = EFFECTIVE

    article.full_clean()


def test_official_kind_with_bureau_but_no_date(article):
    article.kind = ArticlePage.Kind.POLICY
    article.bureau = helpers.bureau_create()

    assert set(helpers.errors_of(article)) == {"effective_from"}


@pytest.mark.parametrize(
    "kind", [k for k in ArticlePage.Kind if k not in ArticlePage.OFFICIAL_KINDS]
)
def test_other_kinds_need_no_bureau(article, kind):
    article.kind = kind

    article.full_clean()


def test_expiry_before_effective_date_is_refused(article):
    article.effective_from = EFFECTIVE
    article.expires_on = EFFECTIVE - datetime.timedelta(days=1)

    assert set(helpers.errors_of(article)) == {"expires_on"}


def test_expiry_on_the_effective_date_is_accepted(article):
    article.effective_from = EFFECTIVE
    article.expires_on = EFFECTIVE

    article.full_clean()


def test_an_article_cannot_supersede_itself(article):
    article.supersedes = article

    assert set(helpers.errors_of(article)) == {"supersedes"}


def test_only_an_article_can_be_superseded(article):
    article.supersedes = helpers.city_news_index()

    assert set(helpers.errors_of(article)) == {"supersedes"}


def test_superseding_another_article_is_accepted(article):
    article.supersedes = helpers.article_create(helpers.city_news_index())

    article.full_clean()


def test_creating_a_live_invalid_policy_article_is_refused():
    index = helpers.community_news_index()

    with pytest.raises(ValidationError) as caught:
        helpers.article_create(index, kind=ArticlePage.Kind.POLICY, live=True)

    assert {"bureau", "effective_from"} <= set(caught.value.message_dict)
    assert not index.get_children().exists()


def test_a_revision_of_an_invalid_policy_article_is_refused(article):
    revisions_before = article.revisions.count()
    article.kind = ArticlePage.Kind.POLICY

    with pytest.raises(ValidationError):
        article.save_revision()

    assert article.revisions.count() == revisions_before
