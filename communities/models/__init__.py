from communities.models.pages import CommunityContact, CommunityIndexPage, CommunityPage

__all__ = ["CommunityContact", "CommunityIndexPage", "CommunityPage"]
