"""Guesses at a private page's (or document collection's) password are throttled per address."""

import pytest
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests import helpers

pytestmark = pytest.mark.django_db

PASSWORD = "lychee-season"
GUESSER = "203.0.113.70"


def private_page():
    page = helpers.article_create(helpers.city_news_index(), publish=True)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, restriction


def guess(client, page, restriction, password, address=GUESSER):
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return client.post(url, {"password": password, "return_url": page.url}, REMOTE_ADDR=address)


def test_guesses_past_the_limit_are_refused_even_when_right(client, settings, clock):
    page, restriction = private_page()
    limit = settings.TAPESTRY_PAGE_PASSWORD_ATTEMPTS

    wrong = [guess(client, page, restriction, f"guess-{n}") for n in range(limit)]
    right = guess(client, page, restriction, PASSWORD)

    assert {response.status_code for response in wrong} == {200}
    assert "The password you have entered is not correct" in wrong[-1].content.decode()
    assert right.status_code == 429
    assert right["Retry-After"] == str(settings.TAPESTRY_PAGE_PASSWORD_WINDOW_MINUTES * 60)
    assert "Too many attempts. Try again in 15 minutes." in right.content.decode()
    # Not let in: the page still asks for its password.
    shown = client.get(page.url, REMOTE_ADDR=GUESSER)
    assert "Password required" in shown.content.decode()
    assert page.title not in shown.content.decode()


def test_the_right_password_within_the_limit_lets_the_visitor_in(client, settings, clock):
    page, restriction = private_page()
    for n in range(settings.TAPESTRY_PAGE_PASSWORD_ATTEMPTS - 1):
        guess(client, page, restriction, f"guess-{n}")

    response = guess(client, page, restriction, PASSWORD)

    assert response.status_code == 302
    assert page.title in client.get(page.url, REMOTE_ADDR=GUESSER).content.decode()


def test_the_limit_is_per_restriction_and_address(client, settings, clock):
    page, restriction = private_page()
    other_page, other_restriction = private_page()
    for n in range(settings.TAPESTRY_PAGE_PASSWORD_ATTEMPTS):
        guess(client, page, restriction, f"guess-{n}")

    elsewhere = guess(client, page, restriction, PASSWORD, address="198.51.100.9")
    other = guess(client, other_page, other_restriction, PASSWORD)

    assert elsewhere.status_code == 302
    assert other.status_code == 302


def test_guesses_are_allowed_again_in_the_next_window(client, settings, clock):
    page, restriction = private_page()
    for n in range(settings.TAPESTRY_PAGE_PASSWORD_ATTEMPTS + 3):
        guess(client, page, restriction, f"guess-{n}")
    assert guess(client, page, restriction, PASSWORD).status_code == 429

    clock.now += settings.TAPESTRY_PAGE_PASSWORD_WINDOW_MINUTES * 60
    response = guess(client, page, restriction, PASSWORD)

    assert response.status_code == 302


def test_document_collection_passwords_are_throttled_too(client, settings, clock):
    collection = Collection.get_first_root_node().add_child(name=helpers.unique("private"))
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    data = {"return_url": "/documents/"}

    wrong = [
        client.post(url, {**data, "password": f"guess-{n}"}, REMOTE_ADDR=GUESSER)
        for n in range(settings.TAPESTRY_PAGE_PASSWORD_ATTEMPTS)
    ]
    right = client.post(url, {**data, "password": PASSWORD}, REMOTE_ADDR=GUESSER)

    assert {response.status_code for response in wrong} == {200}
    assert right.status_code == 429
    assert restriction.pk not in client.session.get("passed_collection_view_restrictions", [])
