"""A translator in a real browser is offered, and allowed, only their own locales.

Issue row: a Chinese translator ticked German on "Translate this page" and a German draft was
created.
"""

import pytest
from wagtail_localize.models import Translation

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


def test_a_chinese_translator_cannot_submit_into_german(browser, live_server, steps):
    user("zh-translator", helpers.ZH_TRANSLATORS)
    article = en_article()
    german = helpers.locale("de")

    page = log_in(browser, live_server, steps, "zh-translator")
    page.goto(f"/admin/localize/submit/page/{article.pk}/")
    steps.shot(page, "submit-form")
    choices = page.locator("input[name=locales]")
    assert choices.count() == 1
    assert page.get_by_label("Simplified Chinese").count() == 1
    assert page.get_by_label("German").count() == 0

    # Ticking German anyway (a crafted form) is refused and creates nothing.
    page.evaluate(
        """(germanId) => {
            const form = document.querySelector("input[name=locales]").form;
            const box = document.createElement("input");
            box.type = "checkbox"; box.name = "locales"; box.value = germanId; box.checked = true;
            form.appendChild(box);
            form.querySelector("input[name=locales][value]").checked = false;
        }""",
        str(german.pk),
    )
    page.locator("button[type=submit], input[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    steps.shot(page, "german-refused")
    assert "only into your own locales" in page.content()
    assert "successfully submitted" not in page.content()
    assert article.get_translation_or_none(german) is None
    assert not Translation.objects.filter(
        source__object_id=article.translation_key, target_locale=german
    ).exists()
