from home.models.hero import HeroImageMixin
from home.models.pages import HomePage, SectionIndexPage
from home.models.preview import PagePreview
from home.models.settings import SiteSettings

__all__ = ["HeroImageMixin", "HomePage", "PagePreview", "SectionIndexPage", "SiteSettings"]
