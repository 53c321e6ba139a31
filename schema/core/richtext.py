"""Rich text for frontends: internal links become URL paths, embedded images renditions.

Wagtail stores rich text with references (`<a linktype="page" id="3">`, `<embed
embedtype="image" ...>`). Its own expansion writes the Wagtail site's URLs; a headless frontend
needs the page's `urlPath` (served in the requested locale) and absolute image URLs.
"""

from django.utils.html import escape
from wagtail.images.formats import get_image_format
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from home.cache_tags import image_tag, page_tag
from schema.core.images import absolute, rendition_of
from schema.core.loaders import Served, embedded_images, linked_pages
from schema.core.pages import url_path_public


def _ids(attrs_list: list[dict]) -> list[int | None]:
    ids = []
    for attrs in attrs_list:
        try:
            ids.append(int(attrs.get("id")))
        except (TypeError, ValueError):
            ids.append(None)
    return ids


def _page_links(info, served: Served):
    def rule(attrs_list: list[dict]) -> list[str]:
        ids = _ids(attrs_list)
        found = linked_pages(set(ids) - {None}, served)
        info.context.tags.update(page_tag(page_id) for page_id in found)
        tags = []
        for page_id in ids:
            page = found.get(page_id)
            if page is None:
                tags.append("<a>")  # the target is not public: keep the text, drop the link
                continue
            tags.append(f'<a href="{escape(url_path_public(page))}" data-page-id="{page.pk}">')
        return tags

    return rule


def _image_embeds(info):
    def rule(attrs_list: list[dict]) -> list[str]:
        ids = _ids(attrs_list)
        by_id = embedded_images(ids)
        info.context.tags.update(image_tag(image_id) for image_id in by_id)
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


def richtext_html(html: str, info, served: Served) -> str:
    """Expand stored rich text for a frontend, for the reader of `served.locale`."""
    if not html:
        return ""
    links = {
        kind: handler.expand_db_attributes_many
        for kind, handler in features.get_link_types().items()
    }
    links["page"] = _page_links(info, served)
    embeds = {
        kind: handler.expand_db_attributes_many
        for kind, handler in features.get_embed_types().items()
    }
    embeds["image"] = _image_embeds(info)
    rewriter = MultiRuleRewriter([LinkRewriter(bulk_rules=links), EmbedRewriter(bulk_rules=embeds)])
    return rewriter(str(html))
