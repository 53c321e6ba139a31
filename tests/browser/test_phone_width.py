"""The admin on a 390px phone: translation editor and Translations report."""

import pytest
from playwright.sync_api import expect

from tests import helpers
from tests.browser.journeys import log_in, user

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("database_restored")]


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_phone_width_translation_editor_and_report(browser, live_server, steps):
    user("phone-translator", helpers.ZH_TRANSLATORS)
    article = helpers.article_create(
        helpers.community_news_index(helpers.HUACAO),
        publish=True,
        title="Neighbourhood vaccination appointments for international residents",
    )
    zh_article = helpers.translation_start(article)

    page = log_in(browser, live_server, steps, "phone-translator")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(helpers.admin_edit_url(zh_article))
    page.wait_for_selector(".js-translation-editor")
    steps.shot(page, "editor-390")
    toggle = page.locator(".sidebar-nav-toggle").first
    status = page.locator(".tapestry-review-bar__status")
    expect(toggle).to_be_visible()
    expect(status).to_contain_text("Translation status")
    assert not _overlap(toggle.bounding_box(), status.bounding_box())

    page.goto("/admin/reports/translations/?locale=zh-hans")
    link = page.locator("td.title a", has_text="Neighbourhood vaccination").first
    expect(link).to_be_visible()
    steps.shot(page, "report-390")
    styles = link.evaluate(
        """(element) => {
            const style = getComputedStyle(element);
            const words = element.textContent.trim().split(/\\s+/);
            const probe = document.createElement("span");
            probe.style.whiteSpace = "nowrap";
            element.appendChild(probe);
            let widest = 0;
            for (const word of words) {
                probe.textContent = word;
                widest = Math.max(widest, probe.getBoundingClientRect().width);
            }
            probe.remove();
            return {
                wordBreak: style.wordBreak,
                overflowWrap: style.overflowWrap,
                width: element.getBoundingClientRect().width,
                widest,
            };
        }"""
    )
    assert styles["wordBreak"] not in ("break-all", "break-word"), styles
    assert styles["overflowWrap"] not in ("anywhere", "break-word"), styles
    assert styles["width"] + 1 >= styles["widest"], styles  # the longest word fits on a line
