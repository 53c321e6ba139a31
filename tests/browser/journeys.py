"""Steps every browser journey takes: an admin user in a group, and that user logged in."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "journey-password-1"


def user(username: str, group: str):
    account = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD
    )
    account.groups.add(Group.objects.get(name=group))
    return account


def log_in(browser, live_server, steps, username: str, *, viewport: dict | None = None):
    """A new browser context logged in to the admin as `username`, on the dashboard."""
    options = {"viewport": viewport} if viewport else {}
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    context.set_default_timeout(20_000)
    page = context.new_page()
    steps.pages.append(page)
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    steps.shot(page, f"{username}-dashboard")
    return page
