"""Notice subscriptions: double opt-in, one-click unsubscribe, and who gets which page when.

What is sent when:
- An article is a notice to subscribers when it is first published (a later republish is not).
- Urgent articles go out at once to every matching subscriber, weekly ones included.
- Other articles go out at once to IMMEDIATE subscribers; WEEKLY subscribers get them in their
  next digest.
- Nobody receives the same page twice: a `NoticeDelivery` row per subscriber and translation key
  (unique in the database) is written in the transaction that sends the mail.

Matching: a subscription with communities receives the content of those communities plus the
city-wide content (which concerns every resident); kinds and topics narrow further; empty means
all. Pages of the source locale reach subscribers of every language (in their language where a
live translation exists, else the source with a note); a page written only in another language
reaches the subscribers who read that language.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone

from articles.models import ArticlePage, ArticlePageTopic, Topic
from communities.engagement import EngagementError, email_clean, locale_clean, values_clean
from communities.models import CommunityPage, NoticeDelivery, NoticeSubscription
from home.selectors import pages_visible, source_locale

Status = NoticeSubscription.Status
Frequency = NoticeSubscription.Frequency

#: A confirmation mail is due: sent inside the transaction with `subscription` and `token` (which
#: the mail carries; for an active subscription it also carries the preferences to confirm).
subscription_requested = Signal()

#: How long a confirmation link works (and a never-confirmed subscription is kept at least).
CONFIRM_MAX_AGE = timedelta(days=7)
#: Digests look this far behind their last run, so a page published while one ran is not missed.
DIGEST_OVERLAP = timedelta(hours=1)
#: A digest never reaches further back than this: older pages are no longer news.
DIGEST_MAX_WINDOW = timedelta(days=14)

_CONFIRM_SALT = "tapestry.subscription.confirm"
_UNSUBSCRIBE_SALT = "tapestry.subscription.unsubscribe"


@dataclass(frozen=True)
class Preferences:
    locale: str
    frequency: str
    communities: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "locale": self.locale,
            "frequency": self.frequency,
            "communities": self.communities,
            "kinds": self.kinds,
            "topics": self.topics,
        }

    def apply(self, subscription: NoticeSubscription) -> None:
        for name, value in self.as_dict().items():
            setattr(subscription, name, value)


def communities_clean(slugs) -> list[str]:
    """Community slugs to the translation keys of their pages (empty: all communities)."""
    slugs = values_clean(slugs, field="communities")
    pages = CommunityPage.objects.filter(slug__in=slugs, locale=source_locale())
    keys = dict(pages.values_list("slug", "translation_key"))
    unknown = [slug for slug in slugs if slug not in keys]
    if unknown:
        raise EngagementError(
            f"Unknown community: {', '.join(unknown)}.",
            field="communities",
            code="UNKNOWN_COMMUNITY",
        )
    return sorted({str(keys[slug]) for slug in slugs})


def kinds_clean(kinds) -> list[str]:
    kinds = values_clean(kinds, field="kinds")
    known = set(ArticlePage.Kind.values)
    unknown = [kind for kind in kinds if kind not in known]
    if unknown:
        raise EngagementError(
            f"Unknown kind: {', '.join(unknown)}.", field="kinds", code="UNKNOWN_KIND"
        )
    return sorted(kinds)


def topics_clean(slugs) -> list[str]:
    """Topic slugs (the same in every language) to topic translation keys (empty: all)."""
    slugs = values_clean(slugs, field="topics")
    topics = Topic.objects.filter(slug__in=slugs, live=True)
    keys = dict(topics.values_list("slug", "translation_key"))
    unknown = [slug for slug in slugs if slug not in keys]
    if unknown:
        raise EngagementError(
            f"Unknown topic: {', '.join(unknown)}.", field="topics", code="UNKNOWN_TOPIC"
        )
    return sorted({str(keys[slug]) for slug in slugs})


def frequency_clean(value) -> str:
    frequency = str(value or Frequency.IMMEDIATE).strip().lower()
    if frequency not in Frequency.values:
        raise EngagementError(
            "Choose IMMEDIATE or WEEKLY.", field="frequency", code="UNKNOWN_FREQUENCY"
        )
    return frequency


def subscription_subscribe(
    *, email: str, locale: str | None, communities=None, kinds=None, topics=None, frequency=None
) -> NoticeSubscription:
    """Ask for a subscription; a confirmation mail follows (double opt-in).

    The answer is the same whether or not the email is already subscribed: a pending or
    unsubscribed subscription takes the new preferences and waits for confirmation again; an
    active one keeps its preferences until the link in the new mail confirms the change, so
    nobody can change another person's subscription. Returns the subscription as requested
    (pending), not as stored.
    """
    email = email_clean(email)
    preferences = Preferences(
        locale=locale_clean(locale),
        frequency=frequency_clean(frequency),
        communities=communities_clean(communities),
        kinds=kinds_clean(kinds),
        topics=topics_clean(topics),
    )
    with transaction.atomic():
        # get_or_create retries the read when a concurrent request inserted the same email.
        subscription, created = NoticeSubscription.objects.select_for_update().get_or_create(
            email=email, defaults=preferences.as_dict()
        )
        if created or subscription.status != Status.ACTIVE:
            preferences.apply(subscription)
            subscription.status = Status.PENDING
            subscription.unsubscribed_at = None
            subscription.save()
            token = confirm_token(subscription)
        else:
            token = confirm_token(subscription, preferences=preferences)
        subscription_requested.send(NoticeSubscription, subscription=subscription, token=token)
    requested = NoticeSubscription(email=email, status=Status.PENDING, **preferences.as_dict())
    requested.pk = subscription.pk
    return requested


def confirm_token(
    subscription: NoticeSubscription, *, preferences: Preferences | None = None
) -> str:
    """The link in the confirmation mail: signed and time-stamped, nothing stored."""
    payload = {"s": subscription.pk}
    if preferences is not None:
        payload["p"] = preferences.as_dict()
    return signing.dumps(payload, salt=_CONFIRM_SALT, compress=True)


def unsubscribe_token(subscription: NoticeSubscription) -> str:
    """The unsubscribe link every mail carries: signed, valid as long as the subscription."""
    return signing.Signer(salt=_UNSUBSCRIBE_SALT).sign(str(subscription.pk))


def subscription_by_unsubscribe_token(token: str) -> NoticeSubscription | None:
    try:
        pk = int(signing.Signer(salt=_UNSUBSCRIBE_SALT).unsign(token or ""))
    except (signing.BadSignature, ValueError):
        return None
    return NoticeSubscription.objects.filter(pk=pk).first()


def confirm_payload(token: str) -> dict:
    try:
        payload = signing.loads(
            token or "", salt=_CONFIRM_SALT, max_age=CONFIRM_MAX_AGE.total_seconds()
        )
    except signing.SignatureExpired:
        raise EngagementError(
            "This confirmation link has expired. Please subscribe again.",
            field="token",
            code="EXPIRED_TOKEN",
        ) from None
    except signing.BadSignature:
        raise EngagementError(
            "This confirmation link is not valid.", field="token", code="INVALID_TOKEN"
        ) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), int):
        raise EngagementError(
            "This confirmation link is not valid.", field="token", code="INVALID_TOKEN"
        )
    return payload


def subscription_by_confirm_token(token: str) -> NoticeSubscription | None:
    try:
        payload = confirm_payload(token)
    except EngagementError:
        return None
    return NoticeSubscription.objects.filter(pk=payload["s"]).first()


def subscription_confirm(token: str, *, now: datetime | None = None) -> NoticeSubscription:
    """Activate the subscription (or its changed preferences) behind a confirmation link."""
    payload = confirm_payload(token)
    with transaction.atomic():
        subscription = (
            NoticeSubscription.objects.select_for_update().filter(pk=payload["s"]).first()
        )
        if subscription is None:
            raise EngagementError(
                "This subscription no longer exists. Please subscribe again.",
                field="token",
                code="NOT_FOUND",
            )
        if payload.get("p"):
            Preferences(**payload["p"]).apply(subscription)
        if subscription.status != Status.ACTIVE:
            subscription.status = Status.ACTIVE
            subscription.confirmed_at = now or timezone.now()
            subscription.unsubscribed_at = None
        subscription.save()
    return subscription


def subscription_unsubscribe(token: str, *, now: datetime | None = None) -> NoticeSubscription:
    """Stop every mail to the subscription behind `token`; unsubscribing twice is harmless."""
    with transaction.atomic():
        found = subscription_by_unsubscribe_token(token)
        if found is None:
            raise EngagementError(
                "This unsubscribe link is not valid.", field="token", code="INVALID_TOKEN"
            )
        subscription = NoticeSubscription.objects.select_for_update().get(pk=found.pk)
        if subscription.status != Status.UNSUBSCRIBED:
            subscription.status = Status.UNSUBSCRIBED
            subscription.unsubscribed_at = now or timezone.now()
            subscription.save(update_fields=["status", "unsubscribed_at", "updated_at"])
    return subscription


# Matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """What matching needs to know about a published article."""

    page: ArticlePage
    community: str | None  # the translation key of its community; None for city-wide
    kind: str
    topics: frozenset[str]
    only_locale: str | None  # set when the page exists only in a non-source language
    urgent: bool

    @property
    def translation_key(self) -> str:
        return str(self.page.translation_key)


def notice_for(page: ArticlePage) -> Notice:
    community = page.community
    topic_keys = ArticlePageTopic.objects.filter(page=page).values_list(
        "topic__translation_key", flat=True
    )
    source_code = settings.TAPESTRY_SOURCE_LOCALE
    only_locale = None
    if page.locale.language_code != source_code:
        has_source = ArticlePage.objects.filter(
            translation_key=page.translation_key, locale__language_code=source_code
        ).exists()
        only_locale = None if has_source else page.locale.language_code
    return Notice(
        page=page,
        community=str(community.translation_key) if community else None,
        kind=page.kind,
        topics=frozenset(str(key) for key in topic_keys),
        only_locale=only_locale,
        urgent=page.priority == ArticlePage.Priority.URGENT,
    )


def notice_is_original(page: ArticlePage) -> bool:
    """Whether publishing `page` is news: its first publication, and not a translation's."""
    if page.first_published_at is None or page.first_published_at != page.last_published_at:
        return False
    return notice_is_first_language(page)


def subscription_matches(subscription: NoticeSubscription, notice: Notice) -> bool:
    if notice.only_locale and subscription.locale != notice.only_locale:
        return False
    # City-wide content (no community) concerns every resident, whatever communities they chose.
    community_ok = (
        not subscription.communities
        or notice.community is None
        or notice.community in subscription.communities
    )
    kind_ok = not subscription.kinds or notice.kind in subscription.kinds
    topic_ok = not subscription.topics or bool(notice.topics.intersection(subscription.topics))
    return community_ok and kind_ok and topic_ok


def subscribers_for(page: ArticlePage) -> list[NoticeSubscription]:
    """Active subscriptions to send `page` to now: urgent to all, else IMMEDIATE ones only."""
    notice = notice_for(page)
    active = NoticeSubscription.objects.filter(status=Status.ACTIVE)
    if not notice.urgent:
        active = active.filter(frequency=Frequency.IMMEDIATE)
    return [each for each in active.iterator() if subscription_matches(each, notice)]


def notice_visible(page_id: int) -> ArticlePage | None:
    return pages_visible(ArticlePage.objects.all()).filter(pk=page_id).first()


def notice_claim(subscription: NoticeSubscription, page: ArticlePage, *, digest=False) -> bool:
    """Record the page as sent to the subscriber; False when it was already.

    Call inside the transaction that sends the mail: if sending fails the record goes with it.
    """
    try:
        with transaction.atomic():
            NoticeDelivery.objects.create(
                subscription=subscription, translation_key=page.translation_key, digest=digest
            )
    except IntegrityError:
        return False
    return True


# Weekly digest -----------------------------------------------------------------------------


def _digest_since(subscription: NoticeSubscription, now: datetime) -> datetime:
    since = subscription.confirmed_at or subscription.created_at
    if subscription.last_digest_at:
        since = max(since, subscription.last_digest_at - DIGEST_OVERLAP)
    return max(since, now - DIGEST_MAX_WINDOW)


def _candidate_notices(since: datetime, until: datetime) -> list[Notice]:
    pages = (
        pages_visible(ArticlePage.objects.all())
        .filter(first_published_at__gte=since, first_published_at__lte=until)
        .select_related("locale")
        .order_by("-priority", "first_published_at", "pk")
    )
    return [notice_for(page) for page in pages if notice_is_first_language(page)]


def notice_is_first_language(page: ArticlePage) -> bool:
    """The source-language page, or a page that exists only in its own language."""
    if page.locale.language_code == settings.TAPESTRY_SOURCE_LOCALE:
        return True
    return not ArticlePage.objects.filter(
        translation_key=page.translation_key,
        locale__language_code=settings.TAPESTRY_SOURCE_LOCALE,
    ).exists()


def _digest_for(
    subscription: NoticeSubscription, notices: Iterable[Notice], delivered: set[str], now
) -> list[ArticlePage]:
    since = _digest_since(subscription, now)
    return [
        notice.page
        for notice in notices
        if notice.page.first_published_at >= since
        and notice.translation_key not in delivered
        and subscription_matches(subscription, notice)
    ]


def _weekly_active():
    return NoticeSubscription.objects.filter(
        status=Status.ACTIVE, frequency=Frequency.WEEKLY, confirmed_at__isnull=False
    )


def digest_due(*, now: datetime | None = None) -> list[int]:
    """Ids of the weekly subscriptions with at least one page for their digest now."""
    now = now or timezone.now()
    subscriptions = list(_weekly_active())
    if not subscriptions:
        return []
    notices = _candidate_notices(min(_digest_since(each, now) for each in subscriptions), now)
    if not notices:
        return []
    keys = [notice.page.translation_key for notice in notices]
    delivered: dict[int, set[str]] = {}
    for subscription_id, key in NoticeDelivery.objects.filter(
        subscription__in=subscriptions, translation_key__in=keys
    ).values_list("subscription_id", "translation_key"):
        delivered.setdefault(subscription_id, set()).add(str(key))
    return [
        each.pk
        for each in subscriptions
        if _digest_for(each, notices, delivered.get(each.pk, set()), now)
    ]


def digest_pages(subscription: NoticeSubscription, *, now: datetime | None = None) -> list:
    """The pages for the subscriber's digest: matching, published since their last digest,
    never sent to them (urgent ones went out at once)."""
    now = now or timezone.now()
    notices = _candidate_notices(_digest_since(subscription, now), now)
    delivered = {
        str(key)
        for key in NoticeDelivery.objects.filter(
            subscription=subscription,
            translation_key__in=[notice.page.translation_key for notice in notices],
        ).values_list("translation_key", flat=True)
    }
    return _digest_for(subscription, notices, delivered, now)


# Retention ---------------------------------------------------------------------------------


def subscriptions_expired(*, now: datetime | None = None):
    """Subscriptions whose personal data is no longer kept: unsubscribed longer ago than the
    retention period, or never confirmed while the confirmation link worked."""
    now = now or timezone.now()
    retention = timedelta(days=settings.TAPESTRY_PERSONAL_DATA_RETENTION_DAYS)
    return NoticeSubscription.objects.filter(
        Q(status=Status.UNSUBSCRIBED, unsubscribed_at__lt=now - retention)
        | Q(status=Status.PENDING, updated_at__lt=now - CONFIRM_MAX_AGE)
    )
