"""The admin works under its Content-Security-Policy: a real browser reports no violation.

Each step also checks that the scripts the policy could have blocked did run (the chooser
opened, the editor typed, the translation editor drew itself).
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from articles.models import ArticlePage
from tests import helpers

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("database_restored")]

PASSWORD = "csp-walk-password-1"
# Reported from the page itself: every violation, with the directive and what was blocked.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}`
  );
});
"""


class Walk:
    """A browser tab that records CSP violations (events and console messages) per step."""

    def __init__(self, browser, live_server, steps):
        self.context = browser.new_context(base_url=live_server.url, locale="en-GB")
        self.context.set_default_timeout(20_000)
        self.violations: list[str] = []
        self.context.expose_function("__cspViolation", self._report)
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.steps = steps
        steps.pages.append(self.page)

    def _report(self, violation: str) -> None:
        self.violations.append(violation)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)

    def check(self, label: str) -> None:
        """No violation so far; the step's screenshot is kept if the test fails."""
        self.page.wait_for_load_state("networkidle")
        self.steps.shot(self.page, label)
        assert self.violations == [], f"{label}: {self.violations}"

    def log_in(self, username: str) -> None:
        response = self.page.goto("/admin/login/")
        # Not a vacuous pass: the policy is there to be violated.
        assert "script-src 'self'" in response.headers.get("content-security-policy", "")
        self.check("login-page")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("button[type=submit]")


def superuser():
    return get_user_model().objects.create_superuser(
        username=helpers.unique("csp-admin"), email="csp@example.org", password=PASSWORD
    )


def test_the_admin_runs_under_its_policy(browser, live_server, steps):
    user = superuser()
    image = helpers.image_create(title="Lantern festival")
    index = helpers.city_news_index()
    article = helpers.article_create(index, publish=True, title="Night market opens")
    translation = helpers.translation_start(article)
    walk = Walk(browser, live_server, steps)
    page = walk.page

    walk.log_in(user.username)
    page.wait_for_url(re.compile(r"/admin/$"))
    walk.check("dashboard")

    # The page editor: image chooser, inline panel, StreamField with rich text (Draftail).
    page.goto(helpers.admin_add_url(ArticlePage, index))
    walk.check("page-editor")
    page.locator("#id_hero_image-chooser [data-chooser-action-choose]").click()
    page.locator(".modal-content [data-chooser-modal-choice]").first.click()
    # (Not wait_for_function: evaluating a string would itself break the policy.)
    expect(page.locator("#id_hero_image")).to_have_value(str(image.pk))
    walk.check("image-chosen")
    page.locator("#id_topics-ADD").click()
    page.locator("#id_topics-0-topic-chooser").wait_for()
    walk.check("inline-panel")
    page.locator("#panel-child-content-body-section button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Paragraph").or_(
        page.get_by_text("Paragraph", exact=True)
    ).first.click()
    editor = page.locator("#panel-child-content-body-section [contenteditable=true]").first
    editor.fill("Stalls open from 6 pm.")
    assert editor.inner_text().strip() == "Stalls open from 6 pm."
    walk.check("draftail")

    # An existing page with its preview panel.
    page.goto(helpers.admin_edit_url(article))
    page.locator("[data-side-panel-toggle='preview']").first.click()
    page.frame_locator("iframe").first.locator("body").wait_for()
    walk.check("preview-panel")

    # wagtail-localize: the translation editor (a React app) and "Translate this page".
    page.goto(helpers.admin_edit_url(translation))
    page.locator(".js-translation-editor button").first.wait_for()
    walk.check("translation-editor")
    page.goto(f"/admin/localize/submit/page/{article.pk}/")
    walk.check("submit-translation")

    # An image with its focal point editor (Jcrop); the two-factor setup.
    page.goto(f"/admin/images/{image.pk}/")
    walk.check("image-edit")
    page.goto("/admin/two-factor/add/")
    assert page.locator(".tapestry-qr-code svg").count() == 1
    walk.check("two-factor-setup")


def test_signing_in_with_a_code_runs_under_the_policy(browser, live_server, steps):
    user = superuser()
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    walk = Walk(browser, live_server, steps)
    page = walk.page

    walk.log_in(user.username)
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/"))
    walk.check("code-asked")
    page.fill("#id_code", f"{totp(device.bin_key):06d}")
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    walk.check("dashboard")
