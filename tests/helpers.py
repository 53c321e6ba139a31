"""Builders for the foundation tests: pages of the setup tree, content, images and users.

Everything here writes inside the calling test's transaction, so the tree `setup_tapestry`
built for the session is left as it was.
"""

import datetime
import io
import itertools
import json
from collections.abc import Iterable

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageTopic,
    Bureau,
    EventIndexPage,
    EventPage,
    Topic,
)
from communities.models import CommunityIndexPage, CommunityPage
from home.images import image_renditions_make
from home.models import HomePage
from home.translation import translation_create

HUACAO = "huacao-town"
JINQIAO = "jinqiao-town"
COMMUNITY_SLUGS = [
    "huamu-subdistrict",
    "jinqiao-town",
    "zhangjiang-town",
    "sanlin-town",
    "hongqiao-subdistrict",
    "yichuan-road-subdistrict",
    "huacao-town",
    "hongqiao-town",
    "xujing-town",
]

_sequence = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_sequence)}"


def locale(code: str = "en") -> Locale:
    return Locale.objects.get(language_code=code)


def root_page() -> Page:
    return Page.get_first_root_node()


def home_page(code: str = "en") -> HomePage:
    return HomePage.objects.get(depth=2, locale__language_code=code)


def city_news_index(code: str = "en") -> ArticleIndexPage:
    return ArticleIndexPage.objects.child_of(home_page(code)).get()


def city_events_index(code: str = "en") -> EventIndexPage:
    return EventIndexPage.objects.child_of(home_page(code)).get()


def community_index(code: str = "en") -> CommunityIndexPage:
    return CommunityIndexPage.objects.child_of(home_page(code)).get()


def community_page(slug: str = HUACAO, code: str = "en") -> CommunityPage:
    return CommunityPage.objects.child_of(community_index(code)).get(slug=slug)


def community_news_index(slug: str = HUACAO, code: str = "en") -> ArticleIndexPage:
    return ArticleIndexPage.objects.child_of(community_page(slug, code)).get()


def community_events_index(slug: str = HUACAO, code: str = "en") -> EventIndexPage:
    return EventIndexPage.objects.child_of(community_page(slug, code)).get()


def paragraph(html: str = "<p>Residents can now apply online.</p>") -> list:
    return [("paragraph", RichText(html))]


def bureau_create(*, name: str = "Shanghai Exit-Entry Administration Bureau") -> Bureau:
    return Bureau.objects.create(
        name=name, short_name="Exit-Entry Bureau", slug=unique("bureau"), locale=locale("en")
    )


def article_create(index: ArticleIndexPage, *, publish: bool = False, **fields) -> ArticlePage:
    """An article under `index`: a draft unless `publish`."""
    slug = fields.pop("slug", None) or unique("article")
    values = {
        "title": f"Article {slug}",
        "kind": ArticlePage.Kind.NEWS,
        "summary": "A short summary for lists.",
        "body": paragraph(),
        "live": False,
        **fields,
    }
    article = ArticlePage(slug=slug, **values)
    index.add_child(instance=article)
    revision = article.save_revision()
    if publish:
        revision.publish()
        article.refresh_from_db()
    return article


def event_create(index: EventIndexPage, *, publish: bool = False, **fields) -> EventPage:
    """An event under `index` a week from now: a draft unless `publish`."""
    slug = fields.pop("slug", None) or unique("event")
    starts_at = fields.pop("starts_at", timezone.now() + datetime.timedelta(days=7))
    values = {
        "title": f"Event {slug}",
        "category": EventPage.Category.WORKSHOP,
        "summary": "Learn to make dumplings with your neighbours.",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=2),
        "venue": "Huacao International Community Center, Hall 2",
        "address": "Huacao Town, Minhang District, Shanghai",
        "live": False,
        **fields,
    }
    event = EventPage(slug=slug, **values)
    index.add_child(instance=event)
    revision = event.save_revision()
    if publish:
        revision.publish()
        event.refresh_from_db()
    return event


def image_create(*, title: str = "Lantern festival", description: str = "", renditions=True):
    """A real (tiny) PNG stored through the image model; MEDIA_ROOT should be a scratch folder.

    With `renditions`, its renditions are made as the background task would (tests/tasks/
    test_renditions_ahead.py covers the task itself); without, the API serves the original."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 18), color=(200, 30, 30)).save(buffer, format="PNG")
    image = get_image_model()(
        title=title, description=description, file=ImageFile(buffer, name="lantern.png")
    )
    image.save()
    if renditions:
        image_renditions_make(image_id=image.pk)
    return image


def user_create(*, groups: Iterable[str] = (), superuser: bool = False, **fields):
    """An active user in the named groups (which must exist)."""
    username = fields.pop("username", None) or unique("user")
    user_model = get_user_model()
    if superuser:
        user = user_model.objects.create_superuser(
            username=username, email=f"{username}@example.org", password="x", **fields
        )
    else:
        user = user_model.objects.create_user(
            username=username, email=f"{username}@example.org", password="x", **fields
        )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def admin_edit_url(page: Page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def admin_add_url(model: type[Page], parent: Page) -> str:
    return f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"


def article_form_data(**overrides) -> dict[str, str]:
    """POST data of the ArticlePage admin form, as the browser sends it (draft unless told)."""
    data = {
        "title": "Free Mandarin classes for new residents",
        "slug": unique("free-mandarin-classes"),
        "kind": "news",
        "priority": "normal",
        "summary": "The community centre starts weekly Mandarin classes in March.",
        "hero_image": "",
        "hero_image_alt": "",
        "body": streamfield([("paragraph", rich_text("<p>Sign up at the front desk.</p>"))]),
        "topics": inline_formset([]),
        "comments": inline_formset([]),
        "bureau": "",
        "effective_from": "",
        "expires_on": "",
        "official_source_url": "",
        "supersedes": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        **overrides,
    }
    return nested_form_data(data)


def form_field_names(html: str) -> set[str]:
    """Names of the inputs, selects and textareas of the admin page form."""
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    if form is None:
        return set()
    return {
        tag["name"] for tag in form.find_all(["input", "select", "textarea"]) if tag.get("name")
    }


def tab_labels(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        " ".join(tab.find(string=True, recursive=False).split())
        for tab in soup.select('[role="tablist"] a[role="tab"]')
    ]


def translation_editor_props(html: str) -> dict | None:
    """The props of wagtail-localize's translation editor, if the response renders it."""
    editor = BeautifulSoup(html, "html.parser").find(class_="js-translation-editor")
    return json.loads(editor["data-props"]) if editor else None


def errors_of(page) -> dict[str, list[str]]:
    """The field errors `full_clean()` raises for the page (fails if it raises none)."""
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


class GraphQL:
    def __init__(self, client):
        self.client = client

    def __call__(self, query: str, variables: dict | None = None, *, status: int = 200) -> dict:
        response = self.client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
        )
        assert response.status_code == status, response.content
        return response.json()

    def data(self, query: str, variables: dict | None = None) -> dict:
        body = self(query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    def errors(self, query: str, variables: dict | None = None) -> list[dict]:
        body = self(query, variables)
        assert body.get("errors"), body
        return body["errors"]


# Workflows and translations.

DESK = "CNS Editorial Desk"
POLICY_REVIEWERS = "Policy Reviewers"
ZH_TRANSLATORS = "Translators (zh-hans)"
ZH_REVIEWERS = "Translation reviewers (zh-hans)"


def editors(slug_name: str = "Huacao Town") -> str:
    return f"{slug_name} Editors"


def moderators(slug_name: str = "Huacao Town") -> str:
    return f"{slug_name} Moderators"


def workflow_submit(page: Page, user):
    """Submit the page's latest revision to its workflow, as "Submit for review" does."""
    page = Page.objects.get(pk=page.pk).specific
    return page.get_workflow().start(page, user)


def current_task_state(page: Page):
    from wagtail.models import WorkflowState

    state = WorkflowState.objects.active().for_instance(page).first()
    return state.current_task_state.specific if state and state.current_task_state else None


def workflow_action_url(page: Page, action: str) -> str:
    task_state = current_task_state(page)
    return f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"


def translation_start(page: Page, code: str = "zh-hans", user=None) -> Page:
    """Translate `page` as "Translate this page" does: a draft, its strings untranslated."""
    from wagtail_localize.operations import translate_object

    translate_object(page.specific, [locale(code)], user=user)
    return page.get_translation(locale(code)).specific


def strings_translate(page: Page, code: str, strings: dict[str, str]) -> None:
    """Type translations into the translation editor (stored as wagtail-localize strings)."""
    from wagtail_localize.models import TranslationSource

    from home.translation import translation_strings_set

    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    translation_strings_set(source=source, locale=locale(code), strings=strings)


def topic_create(name: str, zh: str | None = None) -> Topic:
    """A published topic, with a published zh-hans translation when `zh` is given."""
    topic = Topic.objects.create(name=name, slug=unique("topic"), locale=locale("en"))
    topic.save_revision().publish()
    if zh:
        translation_create(instance=topic, locale=locale("zh-hans"), strings={name: zh})
    return topic


def topic_link(article: ArticlePage, *topics: Topic) -> None:
    """Tag `article` with `topics`, in order (publish a revision for it to go live)."""
    for position, topic in enumerate(topics):
        ArticlePageTopic.objects.create(
            page=article, topic=topic, sort_order=position, locale=article.locale
        )
