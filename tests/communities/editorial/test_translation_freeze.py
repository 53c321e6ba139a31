"""A translation under review is frozen: the reviewers approve exactly what goes live."""

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from communities.editorial.hooks import (
    GUARDED_TRANSLATION_WRITES,
    page_header_buttons,
    page_listing_more_buttons,
)
from communities.editorial.translation_workflow import ACTION_FIELD
from tests import helpers

pytestmark = pytest.mark.django_db

EN_TITLE = "Free Mandarin classes in Huacao"
EN_SUMMARY = "Classes every Tuesday evening at the community centre."
ZH_TITLE = "华漕镇免费中文课"
ZH_SUMMARY = "每周二晚上在社区中心上课。"
ZH_SUMMARY_UNREVIEWED = "每周二和周四晚上上课。"

ARTICLE = """query($slug: String, $locale: String) {
  article(slug: $slug, locale: $locale) { title summary locale isFallback }
}"""


@pytest.fixture
def translator():
    return helpers.user_create(groups=[helpers.ZH_TRANSLATORS])


@pytest.fixture
def reviewer():
    return helpers.user_create(groups=[helpers.ZH_REVIEWERS])


@pytest.fixture
def en_article():
    return helpers.article_create(
        helpers.community_news_index(helpers.HUACAO),
        title=EN_TITLE,
        summary=EN_SUMMARY,
        publish=True,
    )


@pytest.fixture
def submitted(client, en_article, translator):
    """The zh-hans translation, translated and submitted for review by the translator."""
    zh_article = helpers.translation_start(en_article, "zh-hans", user=translator)
    helpers.strings_translate(en_article, "zh-hans", {EN_TITLE: ZH_TITLE, EN_SUMMARY: ZH_SUMMARY})
    client.force_login(translator)
    client.post(helpers.admin_edit_url(zh_article), {ACTION_FIELD: "submit"})
    assert helpers.current_task_state(zh_article).task.name == "Translation review"
    return zh_article


def translation_of(page) -> Translation:
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )


def summary_segment(page) -> StringSegment:
    source = translation_of(page).source
    return source.stringsegment_set.get(context__path="summary")


def zh_summary_string(page) -> str:
    segment = summary_segment(page)
    return StringTranslation.objects.get(
        translation_of=segment.string, context=segment.context, locale=page.locale
    ).data


def edit_summary(client, page, value):
    translation = translation_of(page)
    url = f"/admin/localize/translate/{translation.pk}/strings/{summary_segment(page).pk}/edit/"
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


def test_an_edit_after_submit_is_refused(client, submitted):
    response = edit_summary(client, submitted, ZH_SUMMARY_UNREVIEWED)

    assert response.status_code == 403
    assert "awaiting review" in response.json()["detail"]
    assert zh_summary_string(submitted) == ZH_SUMMARY


def test_the_reviewer_cannot_edit_what_they_review_either(client, reviewer, submitted):
    client.force_login(reviewer)

    response = edit_summary(client, submitted, ZH_SUMMARY_UNREVIEWED)
    revisions = submitted.revisions.count()
    client.post(helpers.admin_edit_url(submitted), {ACTION_FIELD: "save-draft"})

    assert response.status_code == 403
    assert zh_summary_string(submitted) == ZH_SUMMARY
    assert submitted.revisions.count() == revisions


def test_every_write_of_the_translation_editor_is_refused_in_review(client, submitted):
    translation = translation_of(submitted)
    segment = summary_segment(submitted)
    edit_url = helpers.admin_edit_url(submitted)
    strings_before = StringTranslation.objects.filter(locale=submitted.locale).count()

    for suffix, _view, api in GUARDED_TRANSLATION_WRITES:
        path = suffix.replace("<int:string_segment_id>", str(segment.pk)).replace(
            "<int:overridable_segment_id>", "0"
        )
        url = f"/admin/localize/translate/{translation.pk}/{path}"
        if api:
            response = client.put(url, "value=x", content_type="application/x-www-form-urlencoded")
            assert response.status_code == 403, url
            response = client.delete(url)
            assert response.status_code == 403, url
        else:
            po = SimpleUploadedFile("zh.po", str(translation.export_po()).encode())
            response = client.post(url, {"next": edit_url, "file": po})
            assert response.status_code == 302, url
            assert response.url == edit_url

    translation.refresh_from_db()
    assert translation.enabled  # "Stop Synced translation" refused too
    assert StringTranslation.objects.filter(locale=submitted.locale).count() == strings_before
    assert zh_summary_string(submitted) == ZH_SUMMARY


def test_the_editor_shows_a_translation_in_review_locked(client, reviewer, submitted):
    for user in (None, reviewer):  # the translator who submitted, then the reviewer
        if user is not None:
            client.force_login(user)
        html = client.get(helpers.admin_edit_url(submitted)).content.decode()
        props = helpers.translation_editor_props(html)

        assert props["object"]["isLocked"] is True  # no Edit buttons, no PO upload
        assert props["perms"]["canDelete"] is False
        assert "data-translation-frozen" in html
        assert 'value="save-draft"' not in html


def test_a_translation_in_review_is_not_deleted(client, submitted):
    delete_url = f"/admin/pages/{submitted.pk}/delete/"

    offered = client.get(delete_url)
    response = client.post(delete_url, follow=True)

    assert offered.status_code == 302
    assert offered.url == helpers.admin_edit_url(submitted)
    assert type(submitted).objects.filter(pk=submitted.pk).exists()
    messages = [str(message) for message in response.context["messages"]]
    assert any("awaiting review" in message for message in messages), messages


def test_delete_is_not_offered_in_the_page_menus_in_review(submitted, translator):
    def shown(buttons):
        return [str(button.label) for button in buttons if button.is_shown(translator)]

    header = shown(page_header_buttons(submitted, translator, "edit"))
    listing = shown(page_listing_more_buttons(submitted, translator))

    assert "Delete" not in header
    assert "Delete" not in listing
    assert "Edit" in listing


def test_editing_thaws_when_the_reviewer_requests_changes(client, translator, reviewer, submitted):
    client.force_login(reviewer)
    client.post(helpers.workflow_action_url(submitted, "reject"), {"comment": "Say Thursday too."})

    client.force_login(translator)
    response = edit_summary(client, submitted, ZH_SUMMARY_UNREVIEWED)
    props = helpers.translation_editor_props(
        client.get(helpers.admin_edit_url(submitted)).content.decode()
    )

    assert response.status_code == 200
    assert zh_summary_string(submitted) == ZH_SUMMARY_UNREVIEWED
    assert props["object"]["isLocked"] is False


def test_the_approved_revision_is_what_the_api_serves(client, gql, reviewer, submitted):
    submitted_revision = helpers.current_task_state(submitted).revision
    edit_summary(client, submitted, ZH_SUMMARY_UNREVIEWED)  # refused

    client.force_login(reviewer)
    client.post(helpers.workflow_action_url(submitted, "approve"), {"comment": ""})

    submitted.refresh_from_db()
    assert submitted.live_revision_id == submitted_revision.pk
    article = gql.data(ARTICLE, {"slug": submitted.slug, "locale": "zh-hans"})["article"]
    assert article == {
        "title": ZH_TITLE,
        "summary": ZH_SUMMARY,
        "locale": "zh-hans",
        "isFallback": False,
    }
    assert zh_summary_string(submitted) == article["summary"]  # what the reviewer saw


def test_an_unreviewed_edit_does_not_ride_into_the_next_synced_draft(
    client, reviewer, submitted, en_article
):
    edit_summary(client, submitted, ZH_SUMMARY_UNREVIEWED)  # refused
    client.force_login(reviewer)
    client.post(helpers.workflow_action_url(submitted, "approve"), {"comment": ""})
    desk = helpers.user_create(groups=[helpers.DESK])
    en_article.title = "Free Mandarin classes in Huacao, now with childcare"
    en_article.save_revision(user=desk).publish(user=desk)

    client.force_login(desk)
    source = TranslationSource.objects.get(object_id=en_article.translation_key)
    response = client.post(f"/admin/localize/update/{source.pk}/")

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.latest_revision_id != submitted.live_revision_id  # a new draft to review
    draft = submitted.get_latest_revision_as_object()
    assert draft.title == en_article.title  # not translated yet: the source's text
    assert draft.summary == ZH_SUMMARY


def test_sync_waits_until_the_review_is_decided(client, submitted, en_article):
    desk = helpers.user_create(groups=[helpers.DESK])
    en_article.summary = "Classes now also on Saturdays."
    en_article.save_revision(user=desk).publish(user=desk)
    source = TranslationSource.objects.get(object_id=en_article.translation_key)
    synced_at = source.last_updated_at
    revisions = submitted.revisions.count()
    client.force_login(desk)

    form = client.get(f"/admin/localize/update/{source.pk}/", follow=True)
    response = client.post(f"/admin/localize/update/{source.pk}/", follow=True)

    source.refresh_from_db()
    assert source.last_updated_at == synced_at  # not read again: the translation stays outdated
    assert submitted.revisions.count() == revisions
    for page in (form, response):
        messages = [str(message) for message in page.context["messages"]]
        assert any("awaiting review" in message for message in messages), messages
