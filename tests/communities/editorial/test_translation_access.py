"""Translators act only in their own locales, and the admin offers only what they may do."""

import pytest
from bs4 import BeautifulSoup
from wagtail.admin.menu import reports_menu
from wagtail_localize.models import Translation, TranslationSource

from articles.models import Topic
from communities.editorial.hooks import translation_page_buttons, translation_snippet_buttons
from tests import helpers

pytestmark = pytest.mark.django_db

EN_TITLE = "Free Mandarin classes in Huacao"


@pytest.fixture
def translator():
    return helpers.user_create(groups=[helpers.ZH_TRANSLATORS])


@pytest.fixture
def desk():
    return helpers.user_create(groups=[helpers.DESK])


@pytest.fixture
def en_article():
    return helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), title=EN_TITLE, publish=True
    )


def submit_url(page) -> str:
    return f"/admin/localize/submit/page/{page.pk}/"


def locale_choices(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    return {
        box.find_parent("label").get_text(" ", strip=True)
        for box in soup.select('input[name="locales"]')
    }


def test_the_submit_form_lists_only_the_translators_locales(client, translator, en_article):
    client.force_login(translator)

    response = client.get(submit_url(en_article))

    assert response.status_code == 200
    assert locale_choices(response.content.decode()) == {"Simplified Chinese"}


def test_a_chinese_translator_cannot_submit_into_german(client, translator, en_article):
    client.force_login(translator)
    german = helpers.locale("de")

    response = client.post(submit_url(en_article), {"locales": [german.pk]})

    assert response.status_code == 200  # the form again, with the reason
    assert "only into your own locales" in response.content.decode()
    assert en_article.get_translation_or_none(german) is None
    assert not Translation.objects.filter(
        source__object_id=en_article.translation_key, target_locale=german
    ).exists()


def test_a_chinese_translator_submits_into_chinese(client, translator, en_article):
    client.force_login(translator)
    chinese = helpers.locale("zh-hans")

    response = client.post(submit_url(en_article), {"locales": [chinese.pk]})

    zh_article = en_article.get_translation(chinese)
    assert response.status_code == 302
    assert response.url == helpers.admin_edit_url(zh_article)
    assert not zh_article.live


def test_the_desk_submits_into_any_locale(client, desk, en_article):
    client.force_login(desk)

    html = client.get(submit_url(en_article)).content.decode()

    assert {"German", "Simplified Chinese", "Japanese"} <= locale_choices(html)


def test_nothing_left_to_translate_is_said_not_offered(client, translator, en_article):
    helpers.translation_start(en_article, "zh-hans", user=translator)
    client.force_login(translator)

    response = client.get(submit_url(en_article), follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert any("no locale you may translate" in message for message in messages)
    assert 'name="locales"' not in response.content.decode()


def test_translators_cannot_translate_snippets(client, translator):
    topic = helpers.topic_create("Healthcare")
    client.force_login(translator)
    url = f"/admin/localize/submit/snippet/articles/topic/{topic.pk}/"

    response = client.post(url, {"locales": [helpers.locale("zh-hans").pk]})

    assert response.status_code == 200
    assert not Topic.objects.filter(
        translation_key=topic.translation_key, locale__language_code="zh-hans"
    ).exists()
    assert [button.label for button in translation_snippet_buttons(topic, translator)] == []


def test_a_translator_cannot_sync_other_locales(client, translator, desk, en_article):
    helpers.translation_start(en_article, "zh-hans", user=translator)
    helpers.translation_start(en_article, "de", user=desk)
    source = TranslationSource.objects.get(object_id=en_article.translation_key)
    synced_at = source.last_updated_at
    client.force_login(translator)

    response = client.post(f"/admin/localize/update/{source.pk}/", follow=True)

    source.refresh_from_db()
    assert source.last_updated_at == synced_at
    messages = [str(message) for message in response.context["messages"]]
    assert any("German" in message for message in messages), messages


def labels(buttons) -> list[str]:
    return [str(button.label) for button in buttons]


def test_translate_and_sync_are_offered_only_to_who_may_use_them(translator, desk, en_article):
    untranslated = helpers.article_create(helpers.community_news_index(helpers.HUACAO))
    zh_article = helpers.translation_start(en_article, "zh-hans", user=translator)
    helpers.translation_start(en_article, "de", user=desk)

    assert labels(translation_page_buttons(untranslated, translator)) == ["Translate this page"]
    assert labels(translation_page_buttons(en_article, translator)) == []  # zh-hans is done
    assert labels(translation_page_buttons(zh_article, translator)) == []  # not into en, de...
    assert labels(translation_page_buttons(en_article, desk)) == [
        "Translate this page",
        "Sync translated pages",
    ]


def test_the_report_offers_translate_only_in_the_translators_locales(client, translator):
    helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), title="Untranslated notice", publish=True
    )
    client.force_login(translator)

    html = client.get("/admin/reports/translations/", {"status": "missing"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    row = next(tr for tr in soup.select("tr") if "Untranslated notice" in tr.get_text())

    assert row.select_one('td[data-locale="zh-hans"] a') is not None
    assert row.select_one('td[data-locale="de"] a') is None


def test_translators_are_not_offered_convert_to_alias(client, translator, desk, en_article):
    zh_article = helpers.translation_start(en_article, "zh-hans", user=translator)

    client.force_login(translator)
    as_translator = helpers.translation_editor_props(
        client.get(helpers.admin_edit_url(zh_article)).content.decode()
    )
    client.force_login(desk)
    as_desk = helpers.translation_editor_props(
        client.get(helpers.admin_edit_url(zh_article)).content.decode()
    )

    assert as_translator["links"]["convertToAliasUrl"] is None
    assert as_desk["links"]["convertToAliasUrl"]


def test_the_two_translation_reports_have_distinct_names(rf, desk):
    request = rf.get("/admin/")
    request.user = desk

    items = reports_menu.menu_items_for_request(request)
    names = [str(item.label) for item in items if "translations" in item.url]

    assert sorted(names) == ["Translation progress", "Translation status"]


def test_the_listings_render_with_the_offered_buttons(client, translator, desk, en_article):
    topic = helpers.topic_create("Healthcare")
    snippet_translate_url = f"/admin/localize/submit/snippet/articles/topic/{topic.pk}/"

    client.force_login(desk)
    topics = client.get("/admin/snippets/articles/topic/")
    news = client.get(f"/admin/pages/{en_article.get_parent().pk}/")
    client.force_login(translator)
    zh_news = client.get(f"/admin/pages/{helpers.community_news_index(code='zh-hans').pk}/")

    assert topics.status_code == news.status_code == zh_news.status_code == 200
    assert snippet_translate_url in topics.content.decode()
    assert submit_url(en_article) in news.content.decode()
    assert "/admin/localize/submit/" not in zh_news.content.decode()
