"""The subscribers' confirm and unsubscribe pages, Tapestry's own for the links in subscription
mails (for deployments without a frontend page).

A link in a mail only shows a confirmation form: mail scanners that follow links change
nothing; the resident's POST does (or a mail client's RFC 8058 one-click POST).
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from communities.engagement import EngagementError
from communities.subscriptions.services import (
    subscription_by_confirm_token,
    subscription_by_unsubscribe_token,
    subscription_confirm,
    subscription_unsubscribe,
)


@require_http_methods(["GET", "POST"])
def subscription_confirm_view(request, token: str):
    subscription = subscription_by_confirm_token(token)
    context = {"subscription": subscription, "error": None, "done": False}
    if subscription is None:
        context["error"] = "This confirmation link is not valid or has expired."
    elif request.method == "POST":
        try:
            context["subscription"] = subscription_confirm(token)
            context["done"] = True
        except EngagementError as error:
            context["error"] = error.message
    status = 404 if subscription is None else 200
    return render(request, "communities/subscription_confirm.html", context, status=status)


# Mail clients send the RFC 8058 one-click POST without a form or cookie; the signed token in the
# URL is what authorises it, so CSRF protection has nothing to add here.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscription_unsubscribe_view(request, token: str):
    subscription = subscription_by_unsubscribe_token(token)
    if subscription is None:
        context = {"error": "This unsubscribe link is not valid.", "done": False}
        return render(request, "communities/subscription_unsubscribe.html", context, status=404)
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    if request.method == "POST":
        subscription = subscription_unsubscribe(token)
        if one_click:
            return HttpResponse("Unsubscribed.", content_type="text/plain; charset=utf-8")
    context = {"subscription": subscription, "error": None, "done": request.method == "POST"}
    return render(request, "communities/subscription_unsubscribe.html", context)
