from communities.models.feedback import Feedback
from communities.models.pages import CommunityContact, CommunityIndexPage, CommunityPage
from communities.models.registrations import EventRegistration
from communities.models.subscriptions import NoticeDelivery, NoticeSubscription
from communities.models.translation_queue import TranslationDueDate
from communities.models.translation_status import TranslationStatus, TranslationStatusChange
from communities.models.workflows import (
    BureauSignOffTask,
    SourceReviewTask,
    TranslationReviewers,
    TranslationReviewTask,
)

__all__ = [
    "BureauSignOffTask",
    "CommunityContact",
    "CommunityIndexPage",
    "CommunityPage",
    "EventRegistration",
    "Feedback",
    "NoticeDelivery",
    "NoticeSubscription",
    "SourceReviewTask",
    "TranslationDueDate",
    "TranslationReviewTask",
    "TranslationReviewers",
    "TranslationStatus",
    "TranslationStatusChange",
]
