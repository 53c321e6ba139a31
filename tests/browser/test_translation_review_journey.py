"""Translator -> reviewer in a real browser: an edit after submit is refused, the approved text
is what the API serves.

Issue row: while "Awaiting review" the segment Edit buttons still worked; the reviewer
approved text that did not go live.
"""

import json
import re

import pytest
from wagtail_localize.models import StringSegment, Translation

from tests import helpers
from tests.browser.journeys import log_in, user

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("database_restored")]

EN_TITLE = "Huacao library extends its opening hours"
EN_SUMMARY = "The library now opens until 9 pm on weekdays."
ZH_TITLE = "华漕图书馆延长开放时间"
ARTICLE = """query($slug: String, $locale: String) {
  article(slug: $slug, locale: $locale) { title locale isFallback }
}"""


def en_article():
    return helpers.article_create(
        helpers.community_news_index(helpers.HUACAO),
        title=EN_TITLE,
        summary=EN_SUMMARY,
        publish=True,
    )


def test_translator_submits_an_edit_after_submit_is_refused_the_reviewer_approves(
    browser, live_server, steps
):
    user("zh-translator-2", helpers.ZH_TRANSLATORS)
    user("zh-reviewer", helpers.ZH_REVIEWERS)
    article = en_article()

    # The translator starts the translation from the report, translates the title, submits.
    page = log_in(browser, live_server, steps, "zh-translator-2")
    page.goto("/admin/reports/translations/?locale=zh-hans&status=missing")
    page.locator("tr", has_text=EN_TITLE).get_by_role("link", name="Translate").click()
    page.get_by_label("Simplified Chinese").check()
    page.locator("button[type=submit], input[type=submit]").last.click()
    page.wait_for_selector(".js-translation-editor")
    page.get_by_role("button", name="Translate", exact=True).first.click()  # the title
    page.locator(".js-translation-editor textarea").first.fill(ZH_TITLE)
    with page.expect_response(re.compile(r"/strings/\d+/edit/")):
        page.get_by_role("button", name="Save", exact=True).first.click()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state("networkidle")
    steps.shot(page, "translator-submitted")
    zh_article = article.get_translation(helpers.locale("zh-hans")).specific
    assert helpers.current_task_state(zh_article).task.name == "Translation review"

    # Awaiting review: the editor offers no Edit or Translate button and says why ...
    page.reload()
    page.wait_for_selector(".js-translation-editor li")
    steps.shot(page, "translator-frozen")
    assert page.locator("[data-translation-frozen]").is_visible()
    editor = page.locator(".js-translation-editor")
    assert editor.get_by_role("button", name="Edit", exact=True).count() == 0
    assert editor.get_by_role("button", name="Translate", exact=True).count() == 0
    # ... and the server refuses the edit the editor would have sent.
    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=zh_article.locale
    )
    summary = StringSegment.objects.get(source=translation.source, context__path="summary")
    token = page.locator(".js-translation-editor input[name=csrfmiddlewaretoken]").input_value()
    refused = page.request.put(
        f"/admin/localize/translate/{translation.pk}/strings/{summary.pk}/edit/",
        form={"value": "未经审核的摘要"},
        headers={"X-CSRFToken": token},
    )
    assert refused.status == 403
    assert "awaiting review" in refused.json()["detail"]

    # The reviewer approves from the review bar of the translation editor.
    page = log_in(browser, live_server, steps, "zh-reviewer")
    page.goto(helpers.admin_edit_url(zh_article))
    steps.shot(page, "reviewer-editor")
    with page.expect_navigation():
        page.locator("[data-review-action=approve]").click()
    steps.shot(page, "reviewer-approved")

    # The API serves exactly what was submitted and approved.
    zh_article.refresh_from_db()
    assert zh_article.live
    response = page.request.post(
        "/graphql/",
        data=json.dumps(
            {"query": ARTICLE, "variables": {"slug": zh_article.slug, "locale": "zh-hans"}}
        ),
        headers={"Content-Type": "application/json"},
    )
    assert response.json()["data"]["article"] == {
        "title": ZH_TITLE,
        "locale": "zh-hans",
        "isFallback": False,
    }
    assert zh_article.summary == EN_SUMMARY  # untranslated: the source's text, as submitted
