"""The feedback loop: residents write in, community staff triage and answer, the desk sees all."""

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from communities.engagement import (
    EngagementError,
    email_clean,
    locale_clean,
    page_canonical,
    text_clean,
    token_hash,
    token_new,
)
from communities.models import CommunityPage, Feedback
from communities.roles import DESK_GROUP
from communities.signals import feedback_answered, feedback_submitted
from home.selectors import pages_visible, served_version

Status = Feedback.Status
MESSAGE_MAX = 5000
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def _reference() -> str:
    while True:
        code = "FB-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        if not Feedback.objects.filter(reference=code).exists():
            return code


@dataclass(frozen=True)
class Submitted:
    feedback: Feedback
    status_token: str


def feedback_submit(
    *,
    community: str,
    category: str,
    message: str,
    page_id=None,
    locale: str | None = None,
    email: str | None = None,
    consent: bool = False,
) -> Submitted:
    """Record a resident's feedback; returns it with the private token to follow its status."""
    if category not in Feedback.Category.values:
        raise EngagementError("Choose a category.", field="category", code="INVALID")
    message = text_clean(message, field="message", max_length=MESSAGE_MAX)
    locale = locale_clean(locale)
    email = email_clean(email, required=False)
    if email and not consent:
        raise EngagementError(
            "To be contacted by email, agree to us keeping your address.",
            field="consent",
            code="CONSENT_REQUIRED",
        )
    found = pages_visible(CommunityPage.objects.filter(slug=(community or "").strip())).first()
    canonical = page_canonical(found, locale)  # the community's source page, when it is public
    if canonical is None:
        raise EngagementError("There is no such community.", field="community", code="NOT_FOUND")
    page = None
    if page_id not in (None, ""):
        try:
            page = Page.objects.filter(pk=int(page_id)).first()
        except (TypeError, ValueError):
            page = None
        page = served_version(page, page.locale) if page is not None else None
        if page is None:
            raise EngagementError("There is no such page.", field="pageId", code="NOT_FOUND")
    token, hashed = token_new()
    with transaction.atomic():
        feedback = Feedback.objects.create(
            reference=_reference(),
            community=canonical,
            category=category,
            message=message,
            page=page,
            locale=locale,
            email=email,
            contact_consent=bool(email and consent),
            status_token_hash=hashed,
        )
        feedback_submitted.send(Feedback, feedback=feedback)
    return Submitted(feedback=feedback, status_token=token)


def feedback_by_token(token: str) -> Feedback | None:
    if not token:
        return None
    return Feedback.objects.filter(status_token_hash=token_hash(token)).first()


# Staff ---------------------------------------------------------------------------------------


def is_desk(user) -> bool:
    return user.is_superuser or user.groups.filter(name=DESK_GROUP).exists()


def staff_community_keys(user) -> set:
    """Translation keys of the communities whose page permissions the user's groups hold."""
    if not user.is_authenticated:
        return set()
    community_type = ContentType.objects.get_for_model(CommunityPage)
    return set(
        GroupPagePermission.objects.filter(
            group__user=user, page__content_type=community_type
        ).values_list("page__translation_key", flat=True)
    )


def is_staff_member(user) -> bool:
    return user.is_authenticated and (is_desk(user) or bool(staff_community_keys(user)))


def feedback_visible_to(user):
    """What the user may read: all for the desk; their communities' and shared feedback else."""
    queryset = Feedback.objects.select_related("community", "bureau", "page")
    if is_desk(user):
        return queryset
    keys = staff_community_keys(user)
    if not keys:
        return queryset.none()
    return queryset.filter(Q(community__translation_key__in=keys) | Q(shared=True))


def feedback_editable_by(user):
    """What the user may triage: their own communities' feedback (everything for the desk)."""
    queryset = Feedback.objects.select_related("community", "bureau", "page")
    if is_desk(user):
        return queryset
    return queryset.filter(community__translation_key__in=staff_community_keys(user))


def feedback_triaged(feedback: Feedback, previous: Feedback, user) -> None:
    """Record who handled it and when it was answered or closed; tell the resident of a new
    public response. Called after staff saved their changes (within the same transaction)."""
    now = timezone.now()
    changed = []
    if feedback.status == Status.ANSWERED and previous.status != Status.ANSWERED:
        feedback.answered_at = now
        changed.append("answered_at")
    if feedback.status == Status.CLOSED and previous.status != Status.CLOSED:
        feedback.closed_at = now
        changed.append("closed_at")
    feedback.handled_by = user
    changed.append("handled_by")
    Feedback.objects.filter(pk=feedback.pk).update(
        **{name: getattr(feedback, name) for name in changed}
    )
    response_changed = feedback.public_response.strip() and (
        feedback.public_response.strip() != previous.public_response.strip()
    )
    if response_changed and feedback.status in (Status.ANSWERED, Status.CLOSED):
        feedback_answered.send(Feedback, feedback=feedback)


def feedback_clean(feedback: Feedback, changes: dict | None = None) -> dict[str, str]:
    """Triage rules, as form errors: an answer needs a public response; forwarding a bureau.

    `changes` are the submitted values (a form's cleaned data) over the stored feedback.
    """
    values = {
        "status": feedback.status,
        "public_response": feedback.public_response,
        "bureau": feedback.bureau,
        **(changes or {}),
    }
    errors = {}
    if values["status"] == Status.ANSWERED and not (values["public_response"] or "").strip():
        errors["public_response"] = "Write the public response before marking it answered."
    if values["status"] == Status.FORWARDED and values["bureau"] is None:
        errors["bureau"] = "Choose the bureau it was forwarded to."
    return errors


@dataclass(frozen=True)
class FeedbackChart:
    months: list[str]
    by_community: list[tuple[str, int]]
    by_category: list[tuple[str, int]]
    by_month: list[tuple[str, int]]
    total: int


def feedback_chart(queryset) -> FeedbackChart:
    """Counts per community, category and month (Asia/Shanghai months) of `queryset`."""
    by_community = Counter(
        dict(
            queryset.values_list("community__title")
            .annotate(count=Count("pk"))
            .values_list("community__title", "count")
        )
    )
    labels = dict(Feedback.Category.choices)
    by_category = Counter(
        {
            labels[row["category"]]: row["count"]
            for row in queryset.values("category").annotate(count=Count("pk"))
        }
    )
    months = (
        queryset.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    )
    by_month = [(f"{row['month']:%Y-%m}", row["count"]) for row in months]
    return FeedbackChart(
        months=[month for month, _count in by_month],
        by_community=sorted(by_community.items(), key=lambda item: (-item[1], item[0])),
        by_category=sorted(by_category.items(), key=lambda item: (-item[1], item[0])),
        by_month=by_month,
        total=queryset.count(),
    )


REMOVED = "[removed after the retention period]"


def feedback_expired(*, now=None):
    """Closed feedback whose personal data is past the retention period (not yet anonymised)."""
    now = now or timezone.now()
    before = now - timedelta(days=settings.TAPESTRY_PERSONAL_DATA_RETENTION_DAYS)
    return Feedback.objects.filter(status=Status.CLOSED, closed_at__lt=before).exclude(
        message=REMOVED
    )


def feedback_anonymise(queryset) -> int:
    """Remove the resident's words and address; keep what the statistics need."""
    return queryset.update(
        message=REMOVED, email="", contact_consent=False, internal_notes="", page=None
    )
