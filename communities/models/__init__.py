from communities.models.feedback import Feedback
from communities.models.pages import CommunityContact, CommunityIndexPage, CommunityPage
from communities.models.registrations import EventRegistration

__all__ = [
    "CommunityContact",
    "CommunityIndexPage",
    "CommunityPage",
    "EventRegistration",
    "Feedback",
]
