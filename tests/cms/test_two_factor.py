"""Two-factor sign-in: whoever has a device enters its code; the required set one up first."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import helpers

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
DASHBOARD = "/admin/"
VERIFY = "/admin/two-factor/verify/"
SETUP = "/admin/two-factor/add/"
DEVICES = "/admin/two-factor/"


@pytest.fixture
def production_rules(settings):
    """What production requires: the desk and superusers."""
    settings.TAPESTRY_2FA_REQUIRED_GROUPS = [helpers.DESK]
    settings.TAPESTRY_2FA_REQUIRE_SUPERUSERS = True


def user_with_password(**fields):
    user = helpers.user_create(**fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def desk_user():
    return user_with_password(groups=[helpers.DESK], is_staff=True)


def plain_editor():
    return user_with_password(groups=[helpers.editors()])


def device_for(user, name="Phone") -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def code(device: TOTPDevice) -> str:
    """What the authenticator app shows now."""
    device.refresh_from_db()
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """A code the device refuses: none of those it accepts now (the previous, current, next)."""
    accepted = {
        f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=drift):06d}"
        for drift in (-1, 0, 1)
    }
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in accepted)


def wait_out_throttle(device: TOTPDevice) -> None:
    """As if the delay django-otp imposes after a wrong code had passed."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )


def log_in(client, user):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return response


def test_a_required_user_without_a_device_can_reach_only_the_setup(client, production_rules):
    log_in(client, desk_user())

    for url in (DASHBOARD, "/admin/pages/", "/admin/images/", "/admin/account/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{SETUP}?next=")
    assert client.get(SETUP).status_code == 200


def test_setting_up_a_device_with_its_code_reaches_the_dashboard(client, production_rules):
    user = desk_user()
    log_in(client, user)
    page = client.get(SETUP, {"next": DASHBOARD})
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "<svg" in page.content.decode()  # the QR code
    assert device.config_url.startswith("otpauth://totp/Tapestry")

    response = client.post(
        SETUP, {"name": "Work phone", "code": code(device), "password": PASSWORD, "next": "/admin/"}
    )

    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    device.refresh_from_db()
    assert device.confirmed
    assert device.name == "Work phone"
    dashboard = client.get(DASHBOARD)
    assert dashboard.status_code == 200
    assert "Dashboard" in dashboard.content.decode()


@pytest.mark.parametrize(
    ("field", "message"),
    [("code", "That code is not right"), ("password", "That is not your password")],
)
def test_a_device_is_not_set_up_with_a_wrong_code_or_password(
    client, production_rules, field, message
):
    user = desk_user()
    log_in(client, user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    data = {"name": "Phone", "code": code(device), "password": PASSWORD}
    data[field] = wrong_code(device) if field == "code" else "not-my-password"

    response = client.post(SETUP, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get(DASHBOARD)["Location"].startswith(SETUP)


def test_a_user_with_a_device_enters_a_code_and_a_wrong_one_is_refused(client, production_rules):
    user = desk_user()
    device = device_for(user)
    log_in(client, user)

    asked = client.get(DASHBOARD)
    assert asked.status_code == 302
    assert asked["Location"] == f"{VERIFY}?next=/admin/"
    form = client.get(asked["Location"])
    assert form.status_code == 200
    assert "Enter the code from your authenticator app" in form.content.decode()

    wrong = client.post(VERIFY, {"code": wrong_code(device)})
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    assert client.get(DASHBOARD)["Location"].startswith(VERIFY)

    wait_out_throttle(device)
    right = client.post(VERIFY, {"code": code(device), "next": "/admin/pages/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/pages/"
    assert client.get(DASHBOARD).status_code == 200


def test_after_a_wrong_code_even_the_right_one_waits(client, production_rules):
    """django-otp's throttle: each wrong code doubles the wait, so guessing 10^6 codes fails."""
    user = desk_user()
    device = device_for(user)
    log_in(client, user)
    client.post(VERIFY, {"code": wrong_code(device)})

    response = client.post(VERIFY, {"code": code(device)})

    assert response.status_code == 200
    assert "Too many wrong codes. Try again in" in response.content.decode()
    assert client.get(DASHBOARD)["Location"].startswith(VERIFY)


def test_a_code_is_accepted_once(client, production_rules):
    user = desk_user()
    device = device_for(user)
    log_in(client, user)
    used = code(device)
    assert client.post(VERIFY, {"code": used}).status_code == 302
    client.post("/admin/logout/")

    log_in(client, user)
    response = client.post(VERIFY, {"code": used})

    assert response.status_code == 200
    assert client.get(DASHBOARD)["Location"].startswith(VERIFY)


def test_a_plain_editor_without_a_device_is_not_asked(client, production_rules):
    log_in(client, plain_editor())

    assert client.get(DASHBOARD).status_code == 200


def test_a_plain_editor_with_a_device_is_asked(client, production_rules):
    user = plain_editor()
    device_for(user)
    log_in(client, user)

    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_without_the_requirement_the_desk_is_asked_only_with_a_device(client):
    """The embedded default and the test settings require nobody: the demo logins need no phone."""
    with_device, without = desk_user(), desk_user()
    device_for(with_device)

    log_in(client, without)
    assert client.get(DASHBOARD).status_code == 200
    client.post("/admin/logout/")
    log_in(client, with_device)
    assert client.get(DASHBOARD)["Location"].startswith(VERIFY)


@pytest.mark.parametrize("required", [True, False])
def test_superusers_are_required_when_the_setting_says(client, settings, required):
    settings.TAPESTRY_2FA_REQUIRE_SUPERUSERS = required
    log_in(client, user_with_password(superuser=True))

    response = client.get(DASHBOARD)

    assert (response.status_code, response.get("Location", "")[: len(SETUP)]) == (
        (302, SETUP) if required else (200, "")
    )


def test_a_password_alone_cannot_add_a_device_to_an_account_that_has_one(client):
    user = plain_editor()
    device_for(user)
    log_in(client, user)

    for url in (SETUP, DEVICES):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(VERIFY)


def test_djangos_admin_is_behind_the_code_too(client):
    user = desk_user()
    device_for(user)
    log_in(client, user)

    response = client.get("/django-admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_every_editor_finds_the_setup_in_their_account(client):
    client.force_login(plain_editor())

    account = client.get("/admin/account/").content.decode()
    devices = client.get(DEVICES)

    assert f'href="{DEVICES}"' in account
    assert devices.status_code == 200
    assert "You have no authenticator app set up." in devices.content.decode()


def test_a_user_removes_their_own_devices_only(client):
    user, other = plain_editor(), plain_editor()
    own, others = device_for(user), device_for(other)
    log_in(client, user)
    client.post(VERIFY, {"code": code(own)})

    refused = client.post(f"/admin/two-factor/{others.pk}/remove/")
    removed = client.post(f"/admin/two-factor/{own.pk}/remove/")

    assert refused.get("Location") != DEVICES  # not found (the admin's 404)
    assert TOTPDevice.objects.filter(pk=others.pk).exists()
    assert removed.status_code == 302
    assert not TOTPDevice.objects.filter(pk=own.pk).exists()
