from communities.models.pages import CommunityContact, CommunityIndexPage, CommunityPage
from communities.models.registrations import EventRegistration
from communities.models.subscriptions import NoticeDelivery, NoticeSubscription

__all__ = [
    "CommunityContact",
    "CommunityIndexPage",
    "CommunityPage",
    "EventRegistration",
    "NoticeDelivery",
    "NoticeSubscription",
]
