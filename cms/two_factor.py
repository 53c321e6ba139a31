"""Two-factor sign-in to the admin: a code from an authenticator app (TOTP), through django-otp.

- Every admin user may add devices: Account › Two-factor authentication (DevicesView).
- A user with a confirmed device enters a code after every password login (VerifyView) before
  anything else; TwoFactorMiddleware sees to it.
- A user without a device who must have one (two_factor_required: TAPESTRY_2FA_REQUIRED_GROUPS,
  TAPESTRY_2FA_REQUIRE_SUPERUSERS) reaches nothing but the setup page until they have one.

wagtail-2fa 1.8 would give the same, but it does not load on Wagtail 8: its hooks import
wagtail.users.widgets, which Wagtail removed. Its middleware also verified every admin user or
none (WAGTAIL_2FA_REQUIRED), which would stop asking editors who chose to add a device.

A wrong code slows the next ones down (django-otp doubles a device's wait after each failure);
a code is accepted once (django-otp remembers the last time step used).
"""

import base64

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import Resolver404, resolve, reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

# Views an admin user who still owes a code may reach; and, if they have no device yet, the
# views that set one up.
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "admin:login",
    "admin:logout",
    "tapestry_2fa_verify",
}
SETUP_VIEWS = {"tapestry_2fa_devices", "tapestry_2fa_device_add"}


def two_factor_required(user) -> bool:
    """Whether `user` must have a device: a member of TAPESTRY_2FA_REQUIRED_GROUPS, or a
    superuser when TAPESTRY_2FA_REQUIRE_SUPERUSERS."""
    if user.is_superuser and settings.TAPESTRY_2FA_REQUIRE_SUPERUSERS:
        return True
    groups = settings.TAPESTRY_2FA_REQUIRED_GROUPS
    return bool(groups) and user.groups.filter(name__in=groups).exists()


def _has_admin_access(user) -> bool:
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def _view_name(request) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


class TwoFactorMiddleware(OTPMiddleware):
    """django-otp's middleware (request.user.is_verified()), and the admin's gate: an admin user
    signed in with a password but not yet with a code is sent to enter one if they have a
    device, or to set one up if they must have one. Put it after AuthenticationMiddleware.
    """

    async_capable = False

    def __call__(self, request):
        self._install_lazy_accessors(request)
        return self._gate(request) or self.get_response(request)

    def _gate(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not _has_admin_access(user):
            return None
        view_name = _view_name(request)
        if view_name in OPEN_VIEWS:
            return None
        if django_otp.user_has_device(user, confirmed=True):
            return redirect_to_login(request.get_full_path(), reverse("tapestry_2fa_verify"))
        if view_name in SETUP_VIEWS or not two_factor_required(user):
            return None
        return redirect_to_login(request.get_full_path(), reverse("tapestry_2fa_device_add"))


def _next_url(request) -> str:
    """Where to go once verified: the `next` the gate passed on, if it is on this site."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def _code_field() -> forms.CharField:
    return forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _clean_code(value: str) -> str:
    return "".join(value.split())


class VerifyForm(forms.Form):
    code = _code_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_code(self):
        code = _clean_code(self.cleaned_data["code"])
        with transaction.atomic():
            devices = list(django_otp.devices_for_user(self.user, for_verify=True))
            # Each device's wait after earlier wrong codes, before this one adds to it.
            waits = [_wait_seconds(device) for device in devices]
            for device, wait in zip(devices, waits, strict=True):
                if not wait and device.verify_token(code):
                    self.device = device
                    return code
        if waits and all(waits):
            seconds = min(waits)
            raise forms.ValidationError(
                ngettext(
                    "Too many wrong codes. Try again in %(seconds)d second.",
                    "Too many wrong codes. Try again in %(seconds)d seconds.",
                    seconds,
                )
                % {"seconds": seconds},
                code="throttled",
            )
        raise forms.ValidationError(
            _("That code is not right. Type the code your app shows now."), code="invalid"
        )


def _wait_seconds(device) -> int:
    """Seconds until the device takes codes again after wrong ones (0 if it does now)."""
    allowed, details = device.verify_is_allowed()
    if allowed or not details or not details.get("locked_until"):
        return 0
    return max(1, int((details["locked_until"] - timezone.now()).total_seconds()) + 1)


class VerifyView(FormView):
    """The second step of signing in: the code from one of the user's devices."""

    template_name = "cms/two_factor/verify.html"
    form_class = VerifyForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified() or not django_otp.user_has_device(request.user):
            return redirect(_next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": _next_url(self.request)}

    def form_valid(self, form):
        django_otp.login(self.request, form.device)
        return redirect(_next_url(self.request))


class DevicesView(WagtailAdminTemplateMixin, TemplateView):
    """The user's own devices, to add or remove. (Staff remove someone else's lost device in
    Django's admin: OTP_TOTP › TOTP devices.)"""

    template_name = "cms/two_factor/devices.html"
    page_title = _("Two-factor authentication")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": _("Account")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "devices": TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk"),
            "required": two_factor_required(user),
        }


class DeviceForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=64,
        initial=_("Authenticator app"),
        help_text=_("To tell your devices apart, e.g. “Work phone”."),
    )
    code = _code_field()
    password = forms.CharField(label=_("Your password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, request, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.device = device

    def clean_code(self):
        return _clean_code(self.cleaned_data["code"])

    def clean(self):
        cleaned = super().clean()
        # The code only once the password is right: a checked code cannot be used again.
        checked = "password" in cleaned and "code" in cleaned
        if checked and not self.device.verify_token(cleaned["code"]):
            self.add_error(
                "code",
                forms.ValidationError(
                    _("That code is not right. Check that your phone's clock is right."),
                    code="invalid",
                ),
            )
        return cleaned

    def clean_password(self):
        # Through authenticate(), so that wrong passwords here count towards a lockout too.
        user = self.request.user
        password = self.cleaned_data["password"]
        if authenticate(self.request, username=user.get_username(), password=password) is None:
            raise forms.ValidationError(_("That is not your password."), code="invalid")
        return password


def _pending_device(user) -> TOTPDevice:
    """The device being set up: kept until confirmed, so reloading the page keeps its key."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name="", confirmed=False)


def _qr_code_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308 - qrcode's own markup


def _key_text(device: TOTPDevice) -> str:
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[index : index + 4] for index in range(0, len(key), 4))


class DeviceAddView(WagtailAdminTemplateMixin, FormView):
    """Scan the QR code (or type the key), then confirm with a code and the user's password."""

    template_name = "cms/two_factor/device_add.html"
    form_class = DeviceForm
    page_title = _("Add an authenticator app")
    header_icon = "key"
    success_url = reverse_lazy("tapestry_2fa_devices")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": _("Account")},
            {"url": reverse("tapestry_2fa_devices"), "label": _("Two-factor authentication")},
            {"url": "", "label": self.page_title},
        ]

    def dispatch(self, request, *args, **kwargs):
        self.device = _pending_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request, "device": self.device}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "qr_code": _qr_code_svg(self.device),
            "key": _key_text(self.device),
            "issuer": settings.OTP_TOTP_ISSUER,
            "required": two_factor_required(self.request.user),
            "next": self.request.POST.get("next") or self.request.GET.get("next") or "",
        }

    def form_valid(self, form):
        user = self.request.user
        self.device.name = form.cleaned_data["name"]
        self.device.confirmed = True
        self.device.save()
        TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
        if not user.is_verified():
            # The code just typed proves the device: this session is verified with it.
            django_otp.login(self.request, self.device)
        messages.success(self.request, _("Your authenticator app is set up."))
        if self.request.POST.get("next") or self.request.GET.get("next"):
            return redirect(_next_url(self.request))
        return super().form_valid(form)


class DeviceRemoveView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        device = get_object_or_404(TOTPDevice, pk=pk, user=request.user, confirmed=True)
        device.delete()
        messages.success(request, _("“%(name)s” was removed.") % {"name": device.name})
        return redirect("tapestry_2fa_devices")
