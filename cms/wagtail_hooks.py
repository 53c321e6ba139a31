from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms import two_factor


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", two_factor.DevicesView.as_view(), name="tapestry_2fa_devices"),
        path("two-factor/verify/", two_factor.VerifyView.as_view(), name="tapestry_2fa_verify"),
        path("two-factor/add/", two_factor.DeviceAddView.as_view(), name="tapestry_2fa_device_add"),
        path(
            "two-factor/<int:pk>/remove/",
            two_factor.DeviceRemoveView.as_view(),
            name="tapestry_2fa_device_remove",
        ),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("tapestry_2fa_devices"),
        "label": _("Two-factor authentication"),
        "help_text": _("Sign in with a code from an authenticator app as well as your password."),
    }


@hooks.register("insert_global_admin_css")
def tapestry_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cms/admin.css"))
