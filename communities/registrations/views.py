"""The residents' cancel page, Tapestry's own for the link in registration mails (for
deployments without a frontend page).

The link only shows a confirmation form: mail scanners that follow links change nothing; the
resident's POST does.
"""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from communities.engagement import EngagementError
from communities.registrations.mail import event_in_locale
from communities.registrations.services import registration_by_token, registration_cancel


@require_http_methods(["GET", "POST"])
def registration_cancel_view(request, token: str):
    registration = registration_by_token(token)
    context = {"registration": registration, "error": None, "done": False}
    if registration is not None:
        context["event"] = event_in_locale(registration.event, registration.locale)
    if registration is None:
        context["error"] = "This cancellation link is not valid."
    elif request.method == "POST":
        try:
            registration_cancel(token)
            context["done"] = True
        except EngagementError as error:
            context["error"] = error.message
    status = 404 if registration is None else 200
    return render(request, "communities/registration_cancel.html", context, status=status)
