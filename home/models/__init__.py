from home.models.hero import HeroImageMixin
from home.models.pages import HomePage, SectionIndexPage
from home.models.settings import SiteSettings

__all__ = ["HeroImageMixin", "HomePage", "SectionIndexPage", "SiteSettings"]
