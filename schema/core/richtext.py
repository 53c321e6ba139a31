"""Rich text for frontends: internal links become URL paths, embedded images renditions.

Wagtail stores rich text with references (`<a linktype="page" id="3">`, `<embed
embedtype="image" ...>`). Its own expansion writes the Wagtail site's URLs; a headless frontend
needs the page's `urlPath` (served in the requested locale) and absolute image URLs.
"""

from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.images.formats import get_image_format
from wagtail.models import Page
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from home.selectors import pages_visible
from schema.core.batch import url_path_public
from schema.core.images import absolute, rendition_of


def _ids(attrs_list: list[dict]) -> list[int | None]:
    ids = []
    for attrs in attrs_list:
        try:
            ids.append(int(attrs.get("id")))
        except (TypeError, ValueError):
            ids.append(None)
    return ids


def _page_links(info, requested):
    def rule(attrs_list: list[dict]) -> list[str]:
        ids = _ids(attrs_list)
        found = {
            page.pk: page for page in pages_visible(Page.objects.filter(pk__in=set(ids) - {None}))
        }
        keys = {page.translation_key for page in found.values() if page.locale_id != requested.pk}
        translated = {}
        if keys:
            rows = pages_visible(Page.objects.filter(locale=requested, translation_key__in=keys))
            translated = {page.translation_key: page for page in rows}
        tags = []
        for page_id in ids:
            page = found.get(page_id)
            if page is None:
                tags.append("<a>")  # the target is not public: keep the text, drop the link
                continue
            served = translated.get(page.translation_key, page)
            tags.append(f'<a href="{escape(url_path_public(served))}" data-page-id="{served.pk}">')
        return tags

    return rule


def _image_embeds(info):
    def rule(attrs_list: list[dict]) -> list[str]:
        ids = _ids(attrs_list)
        images = get_image_model().objects.filter(pk__in=set(ids) - {None}).prefetch_renditions()
        by_id = {image.pk: image for image in images}
        tags = []
        for attrs, image_id in zip(attrs_list, ids, strict=True):
            image = by_id.get(image_id)
            if image is None:
                tags.append("")
                continue
            image_format = get_image_format(attrs.get("format", "fullwidth"))
            rendition = rendition_of(image, image_format.filter_spec)
            classes = f"richtext-image {image_format.classname}".strip()
            tags.append(
                f'<img src="{escape(absolute(info, rendition.url))}" width="{rendition.width}"'
                f' height="{rendition.height}" alt="{escape(attrs.get("alt", ""))}"'
                f' class="{escape(classes)}">'
            )
        return tags

    return rule


def richtext_html(html: str, info, requested) -> str:
    """Expand stored rich text for a frontend, in the requested locale."""
    if not html:
        return ""
    links = {
        kind: handler.expand_db_attributes_many
        for kind, handler in features.get_link_types().items()
    }
    links["page"] = _page_links(info, requested)
    embeds = {
        kind: handler.expand_db_attributes_many
        for kind, handler in features.get_embed_types().items()
    }
    embeds["image"] = _image_embeds(info)
    rewriter = MultiRuleRewriter([LinkRewriter(bulk_rules=links), EmbedRewriter(bulk_rules=embeds)])
    return rewriter(str(html))
