"""Admin hooks of event registrations: the registrations viewset and the check-in URL."""

from wagtail import hooks

from communities.registrations.admin import RegistrationViewSet, admin_urls


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet("registrations")


@hooks.register("register_admin_urls")
def register_registration_urls():
    return admin_urls()
