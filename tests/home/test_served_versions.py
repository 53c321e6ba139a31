"""Every caller that serves pages to the public treats every hidden kind of page the same way.

One rule (`home.selectors.served_versions`) says which version of a page a reader of a locale is
served: a version that is live, public, unexpired and not an alias of another locale's page, in
the reader's locale, else the source's, else nothing. Each kind below builds one page family in
Huacao Town and names the version a caller is given (`subject`), the reader's locale and what
that reader is served; each caller is given the subject and must serve exactly that, and never
link to a version that is not served. A new kind or caller is one entry in KINDS or CALLERS.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from communities.models import EventRegistration, NoticeSubscription
from communities.registrations.mail import registration_mail_send
from communities.subscriptions.mail import digest_send, notice_send
from home.selectors import served_versions
from home.translation import translation_create
from tasks.models import WebhookEndpoint, WebhookEvent
from tasks.services.webhooks import page_frontend_path, webhook_event_record
from tests.helpers import (
    HUACAO,
    article_create,
    community_events_index,
    community_news_index,
    event_create,
    locale,
    unique,
)

pytestmark = pytest.mark.django_db

FRONTEND = "https://frontend.example.org"
WORD = "kumquat"  # in every built page's title, and in no other page


@dataclass
class Case:
    subject: Page  # the version a caller is given
    reader: str  # the locale of the reader
    served: Page | None  # what that reader is served
    served_own: Page | None  # what a reader of the subject's own locale is served
    family: list[Page] = field(default_factory=list)  # every version of the page


def _page(create, code: str, *, publish: bool = True, **fields) -> Page:
    index = community_news_index if create is article_create else community_events_index
    extra = {"registration_required": True} if create is event_create else {}
    slug = unique(WORD)
    return create(
        index(HUACAO, code), publish=publish, title=f"Kumquat fair {slug}", slug=slug, **extra
    )


def _case(subject, reader, served, served_own=None, *others) -> Case:
    return Case(subject, reader, served, served_own, [subject, *others])


def _public(create):
    page = _page(create, "en")
    return _case(page, "en", page, page)


def _draft(create):
    return _case(_page(create, "en", publish=False), "en", None)


def _unpublished(create):
    page = _page(create, "en")
    page.unpublish()
    return _case(page, "en", None)


def _expired(create):
    page = _page(create, "en")
    type(page).objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(hours=1)
    )
    page.refresh_from_db()
    assert page.live
    return _case(page, "en", None)


def _restricted(kind: str):
    def build(create):
        page = _page(create, "en")
        PageViewRestriction.objects.create(page=page, restriction_type=kind, password="kumquat")
        return _case(page, "en", None)

    return build


def _translation_draft(create):
    source = _page(create, "en")
    draft = translation_create(instance=source, locale=locale("zh-hans"), publish=False)
    assert not draft.live
    return _case(draft, "zh-hans", source, source, source)


def _alias(create):
    source = _page(create, "en")
    alias = source.create_alias(
        parent=source.get_parent().get_translation(locale("zh-hans")),
        update_locale=locale("zh-hans"),
        reset_translation_key=False,
    ).specific
    assert alias.live
    return _case(alias, "zh-hans", source, source, source)


def _third_locale(create):
    page = _page(create, "ja")
    return _case(page, "zh-hans", None, page)


KINDS: dict[str, Callable] = {
    "public (control)": _public,
    "draft": _draft,
    "unpublished": _unpublished,
    "expired": _expired,
    "password": _restricted(PageViewRestriction.PASSWORD),
    "login": _restricted(PageViewRestriction.LOGIN),
    "translation draft": _translation_draft,
    "alias in target locale": _alias,
    "third locale only": _third_locale,
}


# What is served ---------------------------------------------------------------------------------


def _pk(page) -> int | None:
    return page.pk if page is not None else None


def _family_nodes(case: Case, nodes: list[dict]) -> list[dict]:
    ids = {str(page.pk) for page in case.family}
    return [node for node in nodes if node and node["id"] in ids]


def _assert_serves(case: Case, nodes: list[dict]) -> None:
    """The nodes an answer holds of the page's family are exactly the served version."""
    found = _family_nodes(case, nodes)
    if case.served is None:
        assert found == []
        return
    assert found == [
        {
            "id": str(case.served.pk),
            "locale": case.served.locale.language_code,
            "isFallback": case.served.locale.language_code != case.reader,
        }
    ]


NODE = "id locale isFallback"


def _unit(case: Case, gql, mailoutbox):
    assert _pk(served_versions([case.subject], case.reader)[case.subject.pk]) == _pk(case.served)


def _page_by_path(case: Case, gql, mailoutbox):
    query = f"""query($path: String!, $locale: String) {{
      page(path: $path, locale: $locale) {{ {NODE} }}
    }}"""
    path = page_frontend_path(case.subject.url_path)
    _assert_serves(case, [gql.data(query, {"path": path, "locale": case.reader})["page"]])


def _article_by_slug(case: Case, gql, mailoutbox):
    query = f"""query($slug: String, $locale: String) {{
      article(slug: $slug, locale: $locale) {{ {NODE} }}
    }}"""
    variables = {"slug": case.subject.slug, "locale": case.reader}
    _assert_serves(case, [gql.data(query, variables)["article"]])


def _nodes(connection: dict) -> list[dict]:
    return [edge["node"] for edge in connection["edges"]]


def _articles_list(case: Case, gql, mailoutbox):
    query = f"""query($locale: String) {{
      articles(locale: $locale, community: "{HUACAO}", first: 100) {{
        edges {{ node {{ {NODE} }} }}
      }}
    }}"""
    _assert_serves(case, _nodes(gql.data(query, {"locale": case.reader})["articles"]))


def _search(case: Case, gql, mailoutbox):
    """`search` is full text over the reader's locale's tree (see the README): a family with no
    live page there is not found; one that has is found as the version the reader is served."""
    query = f"""query($locale: String) {{
      search(query: "{WORD}", locale: $locale, first: 100) {{ edges {{ node {{ {NODE} }} }} }}
    }}"""
    in_tree = any(page.live and page.locale.language_code == case.reader for page in case.family)
    expected = case if in_tree else replace(case, served=None)
    _assert_serves(expected, _nodes(gql.data(query, {"locale": case.reader})["search"]))


def _community_articles(case: Case, gql, mailoutbox):
    query = f"""query($locale: String) {{
      community(slug: "{HUACAO}", locale: $locale) {{
        articles(first: 100) {{ edges {{ node {{ {NODE} }} }} }}
      }}
    }}"""
    community = gql.data(query, {"locale": case.reader})["community"]
    _assert_serves(case, _nodes(community["articles"]))


def _rich_text_link(case: Case, gql, mailoutbox):
    """A public article links to the page in its body: the link goes to the served version, or
    loses its href."""
    linking = article_create(
        community_news_index(HUACAO),
        publish=True,
        body=[("paragraph", RichText(f'<p><a linktype="page" id="{case.subject.pk}">See</a></p>'))],
    )
    query = """query($slug: String, $locale: String) {
      article(slug: $slug, locale: $locale) { bodyHtml }
    }"""
    article = gql.data(query, {"slug": linking.slug, "locale": case.reader})["article"]
    (link,) = BeautifulSoup(article["bodyHtml"], "html.parser").find_all("a")
    if case.served is None:
        assert link.get("href") is None
    else:
        assert link.get("href") == page_frontend_path(case.served.url_path)
        assert link.get("data-page-id") == str(case.served.pk)


REGISTER = """mutation($input: RegisterForEventInput!) {
  registerForEvent(input: $input) { registration { status } errors { code } }
}"""


def _register(case: Case, gql, mailoutbox):
    variables = {
        "input": {
            "eventId": str(case.subject.pk),
            "name": "Li Wei",
            "email": "li.wei@example.org",
            "partySize": 1,
            "locale": case.reader,
        }
    }
    answer = gql.data(REGISTER, variables)["registerForEvent"]
    if case.served is None:
        assert answer == {"registration": None, "errors": [{"code": "NOT_FOUND"}]}
        assert not EventRegistration.objects.exists()
    else:
        assert answer == {"registration": {"status": "CONFIRMED"}, "errors": []}
        assert EventRegistration.objects.get().event_id == _in_source(case.served).pk


def _in_source(page):
    """The source-locale version of `page`, which holds an event's registrations."""
    return (
        type(page)
        .objects.filter(
            translation_key=page.translation_key,
            locale__language_code=settings.TAPESTRY_SOURCE_LOCALE,
        )
        .first()
        or page
    )


# Mails and webhooks -----------------------------------------------------------------------------


def _public_url(page: Page) -> str:
    return f"{FRONTEND}/{page.locale.language_code}{page_frontend_path(page.url_path)}"


def _page_links(mailoutbox) -> set[str]:
    """Links to pages in the mails (the frontend's subscription and registration pages aside)."""
    links = set()
    for message in mailoutbox:
        bodies = [message.body, *(content for content, _type in message.alternatives)]
        for body in bodies:
            links |= set(re.findall(re.escape(FRONTEND) + r"/[^\s\"<>?]*", body))
    return {
        link for link in links if "/subscriptions/" not in link and "/registrations/" not in link
    }


def _assert_mails_link_only_the_served_version(case: Case, mailoutbox, *, must_link: bool):
    links = _page_links(mailoutbox)
    hidden = [page for page in case.family if _pk(page) != _pk(case.served)]
    for page in hidden:
        assert _public_url(page) not in links
        full_url = page.get_full_url()
        for message in mailoutbox:
            assert not full_url or full_url not in message.body
    if case.served is None:
        assert links == set()
    else:
        assert links <= {_public_url(case.served)}
        if must_link:
            assert _public_url(case.served) in links


def _subscription(case: Case, frequency: str) -> NoticeSubscription:
    return NoticeSubscription.objects.create(
        email=f"{unique('resident')}@example.org",
        locale=case.reader,
        frequency=frequency,
        status=NoticeSubscription.Status.ACTIVE,
        confirmed_at=timezone.now() - datetime.timedelta(days=1),
    )


def _notice_mail(case: Case, gql, mailoutbox):
    """Whichever version's publication sends the notice, the mail links the served version."""
    subscription = _subscription(case, NoticeSubscription.Frequency.IMMEDIATE)
    for page in case.family:
        notice_send(subscription.pk, page.pk)
    _assert_mails_link_only_the_served_version(case, mailoutbox, must_link=True)


def _digest_mail(case: Case, gql, mailoutbox):
    subscription = _subscription(case, NoticeSubscription.Frequency.WEEKLY)
    digest_send(subscription.pk, now=timezone.now() + datetime.timedelta(seconds=1))
    _assert_mails_link_only_the_served_version(case, mailoutbox, must_link=True)


def _registration_mails(case: Case, gql, mailoutbox):
    """A resident registered before the event was hidden: their mails link to no hidden page."""
    registration = EventRegistration.objects.create(
        event=_in_source(case.subject),
        name="Li Wei",
        email="li.wei@example.org",
        party_size=1,
        locale=case.reader,
        status=EventRegistration.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    for kind in ["created", "cancelled"]:
        assert registration_mail_send(registration.pk, kind)
    _assert_mails_link_only_the_served_version(case, mailoutbox, must_link=False)


def _webhook_payload(case: Case, gql, mailoutbox):
    """The payload's path is where a reader of the page's own locale reads it, or none."""
    WebhookEndpoint.objects.create(
        name="Frontend", url="https://hooks.example.org/", events=[WebhookEvent.PAGE_PUBLISHED]
    )
    (delivery,) = webhook_event_record(event_type=WebhookEvent.PAGE_PUBLISHED, page=case.subject)
    own = case.served_own
    assert delivery.payload["page"]["url_path"] == (
        page_frontend_path(own.url_path) if own else None
    )


# Each caller and the page type it is given.
CALLERS: dict[str, tuple[Callable, Callable]] = {
    "served_versions": (_unit, article_create),
    "page(path:)": (_page_by_path, article_create),
    "article(slug:)": (_article_by_slug, article_create),
    "articles": (_articles_list, article_create),
    "search": (_search, article_create),
    "community { articles }": (_community_articles, article_create),
    "bodyHtml link": (_rich_text_link, article_create),
    "registerForEvent": (_register, event_create),
    "notice mail": (_notice_mail, article_create),
    "digest mail": (_digest_mail, article_create),
    "registration mails": (_registration_mails, event_create),
    "webhook payload": (_webhook_payload, article_create),
}


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_caller_serves_the_one_rules_version(kind, caller, gql, mailoutbox, settings):
    settings.TAPESTRY_FRONTEND_URL = FRONTEND
    check, create = CALLERS[caller]
    case = KINDS[kind](create)
    mailoutbox.clear()  # what building the pages sent

    check(case, gql, mailoutbox)
