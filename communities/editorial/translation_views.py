"""wagtail-localize's admin actions held to the rules of `translation_access`.

Each view here shadows wagtail-localize's own at the same path (registered first, see
`hooks.register_admin_urls`): submitting for translation offers and accepts only the user's own
locales; every view that writes a translation's strings refuses while it awaits review;
"Convert to alias page" is for publishers of a translation that is not under review.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.views import convert
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
    SubmitTranslationForm,
)

from communities.editorial.translation_access import (
    translation_edit_check,
    translation_frozen_check,
    translation_locales_for_user,
)

NOT_YOUR_LOCALE = (
    "Choose among the locales listed: you may translate only into your own locales, and only "
    "where no translation exists yet."
)


class OwnLocalesSubmitTranslationForm(SubmitTranslationForm):
    """wagtail-localize's form, its locales narrowed to those the user may translate into."""

    def __init__(self, instance, *args, allowed_locales: list[Locale], **kwargs):
        super().__init__(instance, *args, **kwargs)
        field = self.fields["locales"]
        field.queryset = field.queryset.filter(pk__in=[locale.pk for locale in allowed_locales])
        field.error_messages = {**field.error_messages, "invalid_choice": NOT_YOUR_LOCALE}
        if len(field.queryset) < 2:
            self.fields["select_all"].widget = self.fields["select_all"].hidden_widget()


class OwnLocalesSubmitMixin:
    def get_form(self):
        allowed = translation_locales_for_user(user=self.request.user, instance=self.object)
        if self.request.method == "POST":
            return OwnLocalesSubmitTranslationForm(
                self.object, self.request.POST, allowed_locales=allowed
            )
        initial = None
        code = self.request.GET.get("select_locale")
        if code:
            initial = {"locales": [locale for locale in allowed if locale.language_code == code]}
        return OwnLocalesSubmitTranslationForm(
            self.object, initial=initial, allowed_locales=allowed
        )

    def get(self, request, *args, **kwargs):
        if not self.get_form().fields["locales"].queryset.exists():
            messages.error(
                request,
                f"There is no locale you may translate '{self.object}' into: it is translated "
                "in your locales already, or you do not translate this part of the site.",
            )
            return redirect(self.get_success_url() or self.get_default_success_url())
        return super().get(request, *args, **kwargs)


class SubmitPageTranslationInOwnLocalesView(OwnLocalesSubmitMixin, SubmitPageTranslationView):
    pass


class SubmitSnippetTranslationInOwnLocalesView(OwnLocalesSubmitMixin, SubmitSnippetTranslationView):
    pass


def _translation_target_or_404(translation_id: int):
    translation = get_object_or_404(Translation, id=translation_id)
    try:
        translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404 from error
    return translation


def _back_url(request, translation: Translation) -> str:
    next_url = get_valid_next_url_from_request(request)
    if next_url:
        return next_url
    target = translation.get_target_instance()
    if isinstance(target, Page):
        return reverse("wagtailadmin_pages:edit", args=[target.pk])
    return reverse("wagtailadmin_home")


def translation_write_guarded(view, *, api: bool):
    """`view` (one of wagtail-localize's, taking `translation_id`), refused unless the user may
    edit the translation and it is not awaiting review.

    The editor's API answers 403 with the reason as `detail`; form posts return to the editor
    with the reason as a message.
    """

    @wraps(view)
    def guarded(request, translation_id: int, **kwargs):
        translation = _translation_target_or_404(translation_id)
        try:
            translation_edit_check(translation=translation, user=request.user)
        except PermissionDenied as error:
            if api:
                return JsonResponse({"detail": str(error)}, status=403)
            messages.error(request, str(error))
            return redirect(_back_url(request, translation))
        return view(request, translation_id=translation_id, **kwargs)

    return guarded


def convert_to_alias_for_publishers(request, page_id):
    """wagtail-localize's "Convert to alias page", for users who may publish the page.

    An alias mirrors the live source at once: for anyone else it would publish without review.
    """
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    try:
        translation_frozen_check(page)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return convert.convert_to_alias(request, page_id)
