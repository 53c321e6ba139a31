"""The backend behind the tests' Varnish: a URLconf whose view answers with the headers its query
string asks for, and counts its answers, so a test can tell a cached answer from a fresh one."""

import itertools

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

ANSWERS = itertools.count(1)


@csrf_exempt
def answer(request, name: str = ""):
    """`cc`: the Cache-Control; `keys`: space-separated surrogate keys (also sent as Cache-Tag);
    `set_cookie`: set a cookie. The body says which answer this is and what the request carried."""
    response = JsonResponse(
        {
            "answer": next(ANSWERS),
            "cookies": sorted(request.COOKIES),
            "authorization": "HTTP_AUTHORIZATION" in request.META,
            "method": request.method,
        }
    )
    if "cc" in request.GET:
        response["Cache-Control"] = request.GET["cc"]
    if keys := request.GET.get("keys", "").split():
        response["Surrogate-Key"] = " ".join(keys)
        response["Cache-Tag"] = ",".join(keys)
    if "set_cookie" in request.GET:
        response.set_cookie("csrftoken", "backend-set")
    return response


urlpatterns = [
    path("graphql/", answer),
    path("media/images/<str:name>", answer),
    path("admin/<str:name>", answer),
]
