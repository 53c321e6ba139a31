"""`load_demo_content` against PostgreSQL: what it builds, and that a second run builds nothing.

The command commits as it goes (as in real life), so the test is transactional; the database is
emptied when it ends, and the module puts back what was there for the tests that follow.
"""

import re
from collections import defaultdict
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from django_tasks.signals import task_enqueued
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from articles.models import ArticlePage, Bureau, EventPage, Topic
from communities.models import CommunityPage
from communities.setup.demo.images import COLLECTION_NAME
from communities.setup.services import communities_load
from home.images import image_renditions_missing
from home.models import HomePage

CJK = re.compile(r"[\u4e00-\u9fff]")
UNTRANSLATED_NOTICES = {"yichuan-road-subdistrict", "xujing-town"}
BODY_BLOCKS = {"paragraph", "heading", "quote", "call_to_action", "faq", "table", "image"}


pytestmark = pytest.mark.usefixtures("database_restored")


@pytest.fixture
def demo_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def _source(model):
    return model.objects.filter(locale__language_code=settings.TAPESTRY_SOURCE_LOCALE)


def _translation_codes(pages) -> dict:
    """{translation_key: {locale codes of its live copies}} for the given source pages."""
    keys = [page.translation_key for page in pages]
    codes = defaultdict(set)
    rows = Page.objects.filter(translation_key__in=keys, live=True).values_list(
        "translation_key", "locale__language_code"
    )
    for key, code in rows:
        codes[key].add(code)
    return codes


def _assert_communities(now) -> None:
    kinds = set(ArticlePage.Kind.values)
    categories = set(EventPage.Category.values)
    for facts in communities_load():
        community = _source(CommunityPage).get(slug=facts.slug)
        articles = _source(ArticlePage).descendant_of(community)
        per_kind = defaultdict(int)
        for kind in articles.values_list("kind", flat=True):
            per_kind[kind] += 1
        assert set(per_kind) == kinds, facts.name
        assert min(per_kind.values()) >= 2, (facts.name, dict(per_kind))

        events = _source(EventPage).descendant_of(community)
        for category in categories:
            of_category = events.filter(category=category)
            assert of_category.filter(ends_at__lt=now).exists(), (facts.name, category, "past")
            assert of_category.filter(starts_at__gt=now).exists(), (facts.name, category, "next")

        # The community's articles mention it; lists are not clones of each other's titles.
        assert articles.filter(title__contains=facts.name).exists(), facts.name
        assert community.hero_image is not None


def _assert_city_wide(now) -> None:
    home = _source(HomePage).get(depth=2)
    news = home.get_children().get(slug="news")
    events = home.get_children().get(slug="events")
    city_articles = _source(ArticlePage).child_of(news)
    assert city_articles.count() >= 8
    assert {"news", "policy", "guide", "notice"} <= set(
        city_articles.values_list("kind", flat=True)
    )
    city_events = _source(EventPage).child_of(events)
    assert city_events.filter(ends_at__lt=now).exists()
    assert city_events.filter(starts_at__gt=now).exists()


def _assert_article_fields() -> None:
    articles = list(_source(ArticlePage).prefetch_related("topics"))
    assert len(articles) >= 9 * 12
    block_types = set()
    for article in articles:
        assert article.hero_image_id is not None and article.hero_alt_text, article.url_path
        assert article.topics.all(), article.url_path
        if article.kind in ArticlePage.OFFICIAL_KINDS:
            assert article.bureau_id is not None and article.effective_from, article.url_path
        block_types |= {block.block_type for block in article.body}
    assert block_types >= BODY_BLOCKS

    for event in _source(EventPage):
        local = timezone.localtime(event.starts_at, timezone.get_default_timezone())
        assert str(local.tzinfo) == "Asia/Shanghai"
        assert 8 <= local.hour <= 19, (event.url_path, local)
        assert event.ends_at > event.starts_at
        if event.registration_deadline:
            assert event.registration_deadline <= event.starts_at
        assert event.contact_email.endswith("@example.org")


def _assert_translations() -> None:
    # Every demo article and event, in every locale, is live.
    assert not ArticlePage.objects.filter(live=False).exists()
    assert not EventPage.objects.filter(live=False).exists()

    pages = list(_source(ArticlePage)) + list(_source(EventPage))
    codes = _translation_codes(pages)
    with_zh = [page for page in pages if "zh-hans" in codes[page.translation_key]]
    without_zh = [page for page in pages if "zh-hans" not in codes[page.translation_key]]
    assert len(with_zh) >= 0.9 * len(pages)
    assert without_zh, "some pages are left untranslated to show the fallback"
    for page in without_zh:
        assert getattr(page, "kind", None) == "notice", page.url_path
        assert page.url_path.split("/")[3] in UNTRANSLATED_NOTICES, page.url_path

    # Chinese titles, summaries and body text, not English copies.
    zh_articles = ArticlePage.objects.filter(locale__language_code="zh-hans")
    for article in zh_articles:
        assert CJK.search(article.title) and CJK.search(article.summary), article.url_path
        paragraph = next(block for block in article.body if block.block_type == "paragraph")
        assert CJK.search(paragraph.value.source), article.url_path
        for link in article.topics.all():
            assert link.topic.locale.language_code == "zh-hans", article.url_path
        if article.bureau_id:
            assert article.bureau.locale.language_code == "zh-hans", article.url_path

    # A few pages in every other target locale, with their own titles.
    for code in ("ja", "ko", "fr", "de", "es"):
        translated = ArticlePage.objects.filter(locale__language_code=code)
        translated_events = EventPage.objects.filter(locale__language_code=code)
        assert translated.exists() and translated_events.exists(), code
        for page in [*translated, *translated_events]:
            source = page.get_translation(Locale.objects.get(language_code="en"))
            assert page.title != source.title, (code, page.url_path)


def _assert_snippets() -> None:
    zh = Locale.objects.get(language_code="zh-hans")
    for model, minimum in ((Topic, 8), (Bureau, 5)):
        sources = list(_source(model))
        assert len(sources) >= minimum, model
        for source in sources:
            assert source.live and source.live_revision_id, source
            translation = model.objects.get(translation_key=source.translation_key, locale=zh)
            assert translation.live and translation.live_revision_id, translation
            assert CJK.search(translation.name), translation
    assert {"visas-residence", "healthcare", "education", "transport"} <= set(
        _source(Topic).values_list("slug", flat=True)
    )


def _assert_images() -> None:
    images = get_image_model().objects.filter(collection__name=COLLECTION_NAME)
    assert images.count() >= 5
    for image in images:
        assert image.description, image.title
        assert (image.width, image.height) == (1600, 900)
        assert image.file_size < 200_000
        # Made by the load itself, so the API serves every size at once.
        assert image_renditions_missing(image) == [], image.title


@pytest.fixture
def index_tasks_enqueued():
    """The search-index and reference-index tasks queued (one per saved object, if any)."""
    enqueued = []

    def receiver(sender, task_result, **kwargs):
        if task_result.task.name in {"insert_or_update_object_task", "update_reference_index_task"}:
            enqueued.append(task_result.task.name)

    task_enqueued.connect(receiver, dispatch_uid="test-demo-index-tasks")
    yield enqueued
    task_enqueued.disconnect(dispatch_uid="test-demo-index-tasks")


def _assert_indexes_complete():
    """Every page is in the search index and found by it; the reference index is built."""
    pages = set(Page.objects.filter(depth__gt=1).values_list("content_type_id", "pk"))
    indexed = {
        (content_type_id, int(object_id))
        for content_type_id, object_id in IndexEntry.objects.values_list(
            "content_type_id", "object_id"
        )
    }
    assert pages <= indexed
    found = get_search_backend().search("Mandarin", ArticlePage.objects.live())
    assert len(list(found)) > 0
    assert ReferenceIndex.objects.filter(
        content_type__model="articlepage", to_content_type__model="topic"
    ).exists()


@pytest.mark.django_db(transaction=True)
def test_load_demo_content(demo_media, index_tasks_enqueued):
    user_model = get_user_model()

    # First run, on PostgreSQL without options: content, and no demo users.
    output = _load()
    now = timezone.now()
    assert "[9/9]" in output
    assert not user_model.objects.filter(username="admin").exists()
    # Both indexes are built in bulk before the command returns, not queued page by page.
    assert index_tasks_enqueued == []
    _assert_indexes_complete()

    _assert_communities(now)
    _assert_city_wide(now)
    _assert_article_fields()
    _assert_translations()
    _assert_snippets()
    _assert_images()

    # Second run, now with the demo users: no new pages or revisions, only the users.
    pages, revisions = Page.objects.count(), Revision.objects.count()
    images = get_image_model().objects.count()
    _load("--with-demo-users", "--verbosity", "0")
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert get_image_model().objects.count() == images
    admin = user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("tapestry-demo")
    translator = user_model.objects.get(username="translator-zh")
    assert list(translator.groups.values_list("name", flat=True)) == ["Translators (zh-hans)"]
    assert user_model.objects.get(username="huacao-editor").groups.filter(
        name="Huacao Town Editors"
    )
    assert user_model.objects.get(username="reviewer-zh").groups.filter(
        name="Translation reviewers (zh-hans)"
    )
    assert user_model.objects.get(username="policy-reviewer").groups.filter(name="Policy Reviewers")

    # Third run: nothing at all, and an existing user's password is never reset.
    admin.set_password("changed-by-the-admin")
    admin.save()
    output = _load("--with-demo-users")
    assert "nothing created" in output
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    admin.refresh_from_db()
    assert admin.check_password("changed-by-the-admin")
