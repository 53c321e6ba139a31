"""Edit-form layout shared by every page type."""

from wagtail.admin.panels import ObjectList, TabbedInterface
from wagtail.models import Page


def page_tabs(content_panels, **extra_tabs) -> TabbedInterface:
    """Content first, then the page type's own tabs (heading=panels), then Wagtail's own."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            *(ObjectList(panels, heading=heading) for heading, panels in extra_tabs.items()),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
