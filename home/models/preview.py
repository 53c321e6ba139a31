from django.conf import settings
from django.db import models


class PagePreview(models.Model):
    """A draft as it stood when an editor pressed Preview, readable once through a token.

    Only a hash of the token is stored. A preview expires after TAPESTRY_PREVIEW_TTL_SECONDS and
    works once; expired previews are deleted whenever a new one is made.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty for a page that has not been saved yet.",
    )
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    content_json = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "page preview"

    def __str__(self):
        return f"Preview of {self.content_type} (expires {self.expires_at:%Y-%m-%d %H:%M})"
