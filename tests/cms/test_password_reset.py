"""Password reset mails are throttled per address and per client, answering the same regardless."""

import itertools

import pytest

from tests import helpers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

RESET = "/admin/password_reset/"
DONE = "/admin/password_reset/done/"
_addresses = (f"198.51.100.{n}" for n in itertools.count(1))


def reset(client, email, address=None):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address or next(_addresses))


def test_the_fourth_request_for_one_address_sends_no_mail(client, settings, mailoutbox):
    user = helpers.user_create()
    limit = settings.TAPESTRY_PASSWORD_RESET_PER_ADDRESS

    answers = [reset(client, user.email) for _ in range(limit + 1)]

    assert [(a.status_code, a["Location"]) for a in answers] == [(302, DONE)] * (limit + 1)
    assert len(mailoutbox) == limit == 3
    assert {tuple(mail.to) for mail in mailoutbox} == {(user.email,)}


def test_the_address_counts_however_it_is_written(client, settings, mailoutbox):
    user = helpers.user_create()
    spellings = [user.email, user.email.upper(), f"  {user.email.title()} ", user.email]

    for spelling in spellings:
        reset(client, spelling)

    assert len(mailoutbox) == settings.TAPESTRY_PASSWORD_RESET_PER_ADDRESS


def test_one_client_gets_at_most_its_limit_of_mails(client, settings, mailoutbox):
    users = [helpers.user_create() for _ in range(settings.TAPESTRY_PASSWORD_RESET_PER_IP + 2)]

    answers = [reset(client, user.email, address="203.0.113.80") for user in users]

    assert {(a.status_code, a["Location"]) for a in answers} == {(302, DONE)}
    assert len(mailoutbox) == settings.TAPESTRY_PASSWORD_RESET_PER_IP == 10
    assert [mail.to for mail in mailoutbox] == [[user.email] for user in users[:10]]


def test_past_the_limit_the_answer_is_the_same_as_for_an_unknown_address(client, settings):
    user = helpers.user_create()
    for _ in range(settings.TAPESTRY_PASSWORD_RESET_PER_ADDRESS):
        reset(client, user.email)

    refused = reset(client, user.email)
    unknown = reset(client, f"{helpers.unique('nobody')}@example.org")

    assert (refused.status_code, refused["Location"]) == (unknown.status_code, unknown["Location"])
    assert refused.content == unknown.content


def test_mails_flow_again_in_the_next_window(client, settings, mailoutbox, clock):
    user = helpers.user_create()
    for _ in range(settings.TAPESTRY_PASSWORD_RESET_PER_ADDRESS + 2):
        reset(client, user.email)
    sent = len(mailoutbox)

    clock.now += settings.TAPESTRY_PASSWORD_RESET_WINDOW_MINUTES * 60
    reset(client, user.email)

    assert len(mailoutbox) == sent + 1
