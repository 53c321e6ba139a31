"""Failed logins lock a username out from one client address (django-axes), on every login form."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from tests import helpers

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
ATTACKER = "203.0.113.66"

# Each login form: its URL, and the text of its "wrong password" answer.
WAGTAIL_ADMIN = "/admin/login/"
DJANGO_ADMIN = "/django-admin/login/"
PRIVATE_PAGES = "/en/_util/login/"  # Wagtail's login for pages restricted to signed-in users
WRONG = {
    WAGTAIL_ADMIN: "Your username and password didn",  # …&#x27;t match
    DJANGO_ADMIN: "Please enter the correct username and password",
    PRIVATE_PAGES: "Please enter a correct username and password",
}


def editor(**fields):
    """A desk editor (admin access, and staff for Django's admin) with a known password."""
    user = helpers.user_create(groups=[helpers.DESK], is_staff=True, **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client, url, username, password, address=ATTACKER, **headers):
    return client.post(
        url,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, url, user, times, address=ATTACKER):
    return [log_in(client, url, user.username, "wrong", address) for _ in range(times)]


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", [WAGTAIL_ADMIN, DJANGO_ADMIN, PRIVATE_PAGES])
def test_the_right_password_is_refused_after_the_failure_limit(client, settings, url):
    user = editor()

    answers = fail(client, url, user, settings.AXES_FAILURE_LIMIT)
    response = log_in(client, url, user.username, PASSWORD)

    # Failures before the limit answer as any wrong password does; from the limit on, the form
    # says when to try again, whatever the password.
    assert [a.status_code for a in answers[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert all(WRONG[url] in a.content.decode() for a in answers[:-1])
    for locked in (answers[-1], response):
        assert locked.status_code == 429
        assert locked["Retry-After"] == str(settings.TAPESTRY_LOGIN_COOLOFF_MINUTES * 60)
        body = locked.content.decode()
        assert "Too many attempts. Try again in 15 minutes." in body
        assert WRONG[url] not in body  # says nothing about whether the password was right
        assert 'name="password"' in body  # the login form itself, to try again later
    assert not logged_in(client)


def test_one_failure_less_than_the_limit_still_lets_the_right_password_in(client, settings):
    user = editor()

    fail(client, WAGTAIL_ADMIN, user, settings.AXES_FAILURE_LIMIT - 1)
    response = log_in(client, WAGTAIL_ADMIN, user.username, PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)


def test_a_lockout_is_of_that_username_only(client, settings):
    victim, colleague = editor(), editor()
    fail(client, WAGTAIL_ADMIN, victim, settings.AXES_FAILURE_LIMIT)

    response = log_in(client, WAGTAIL_ADMIN, colleague.username, PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)


def test_a_lockout_is_from_that_address_only(client, settings):
    """Guessing an editor's username from elsewhere does not lock the editor out."""
    user = editor()
    fail(client, WAGTAIL_ADMIN, user, settings.AXES_FAILURE_LIMIT)

    response = log_in(client, WAGTAIL_ADMIN, user.username, PASSWORD, address="198.51.100.7")

    assert response.status_code == 302
    assert logged_in(client)


def test_a_made_up_forwarded_for_header_does_not_escape_the_lockout(client, settings):
    """Without proxies (TAPESTRY_TRUSTED_PROXY_COUNT 0) X-Forwarded-For is not the client."""
    user = editor()
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(
            client, WAGTAIL_ADMIN, user.username, "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}"
        )

    response = log_in(
        client, WAGTAIL_ADMIN, user.username, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )

    assert response.status_code == 429
    assert not logged_in(client)


def test_the_lock_lifts_after_the_cool_off(client, settings):
    user = editor()
    fail(client, WAGTAIL_ADMIN, user, settings.AXES_FAILURE_LIMIT)
    assert log_in(client, WAGTAIL_ADMIN, user.username, PASSWORD).status_code == 429

    # The cool-off runs from the last failure: move the failures that far back.
    cool_off = timedelta(minutes=settings.TAPESTRY_LOGIN_COOLOFF_MINUTES)
    AccessAttempt.objects.filter(username=user.username).update(
        attempt_time=timezone.now() - cool_off - timedelta(seconds=1)
    )
    response = log_in(client, WAGTAIL_ADMIN, user.username, PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)


def test_the_lock_holds_within_the_cool_off(client, settings):
    user = editor()
    fail(client, WAGTAIL_ADMIN, user, settings.AXES_FAILURE_LIMIT)

    cool_off = timedelta(minutes=settings.TAPESTRY_LOGIN_COOLOFF_MINUTES)
    AccessAttempt.objects.filter(username=user.username).update(
        attempt_time=timezone.now() - cool_off + timedelta(minutes=1)
    )
    response = log_in(client, WAGTAIL_ADMIN, user.username, PASSWORD)

    assert response.status_code == 429
    assert not logged_in(client)


def test_a_successful_login_clears_the_failures(client, settings):
    user = editor()
    fail(client, WAGTAIL_ADMIN, user, settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, WAGTAIL_ADMIN, user.username, PASSWORD).status_code == 302
    client.logout()

    assert not AccessAttempt.objects.filter(username=user.username).exists()
    answers = fail(client, WAGTAIL_ADMIN, user, settings.AXES_FAILURE_LIMIT - 1)
    response = log_in(client, WAGTAIL_ADMIN, user.username, PASSWORD)

    assert {a.status_code for a in answers} == {200}
    assert response.status_code == 302
    assert logged_in(client)
