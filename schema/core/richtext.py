"""Rich text for frontends: internal links become URL paths, embedded images renditions.

Wagtail stores rich text with references (`<a linktype="page" id="3">`, `<embed
embedtype="image" ...>`). Its own expansion writes the Wagtail site's URLs; a headless frontend
needs the page's `urlPath` (served in the requested locale) and absolute image URLs.

What the references point to is loaded once per request for the rich text of every page served
for a locale (`schema.core.loaders.references_of`), not once per paragraph.
"""

from django.template.loader import render_to_string
from django.utils.html import escape
from wagtail.embeds.format import embed_to_frontend_html
from wagtail.images.formats import get_image_format
from wagtail.models import Page
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from home.cache_tags import image_tag, page_tag
from schema.core.images import absolute, rendition_of
from schema.core.loaders import (
    attrs_key,
    embed_key,
    embedded_images,
    linked_pages,
    references_of,
    served_of,
)
from schema.core.pages import url_path_public


def _ids(attrs_list: list[dict]) -> list[int | None]:
    ids = []
    for attrs in attrs_list:
        try:
            ids.append(int(attrs.get("id")))
        except (TypeError, ValueError):
            ids.append(None)
    return ids


def _loaded(references: dict, kind: str, ids: list[int | None], load) -> dict:
    """The objects of `kind` by id: those the request loaded, and any other (loaded now)."""
    wanted = set(ids) - {None}
    found = {pk: references[kind, pk] for pk in wanted if (kind, pk) in references}
    missing = wanted - set(found)
    if missing:
        found.update(load(missing))
    return found


def _page_links(info, page: Page, references: dict):
    served = served_of(info, page)

    def rule(attrs_list: list[dict]) -> list[str]:
        ids = _ids(attrs_list)
        found = _loaded(references, "page", ids, lambda missing: linked_pages(missing, served))
        info.context.tags.update(page_tag(page_id) for page_id in found)
        tags = []
        for page_id in ids:
            linked = found.get(page_id)
            if linked is None:
                tags.append("<a>")  # the target is not public: keep the text, drop the link
                continue
            tags.append(f'<a href="{escape(url_path_public(linked))}" data-page-id="{linked.pk}">')
        return tags

    return rule


def _image_embeds(info, references: dict):
    def rule(attrs_list: list[dict]) -> list[str]:
        ids = _ids(attrs_list)
        by_id = _loaded(references, "image", ids, embedded_images)
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


def _media_embeds(references: dict):
    def rule(attrs_list: list[dict]) -> list[str]:
        return [embed_html(references, attrs.get("url", "")) for attrs in attrs_list]

    return rule


def _expanded(references: dict, kind: str, tag_type: str, handler):
    """The handler's expansion of each tag, as the request loaded it (any other, now)."""

    def rule(attrs_list: list[dict]) -> list[str]:
        keys = [(kind, tag_type, attrs_key(attrs)) for attrs in attrs_list]
        missing = {
            key: attrs for key, attrs in zip(keys, attrs_list, strict=True) if key not in references
        }
        expanded = dict(
            zip(missing, handler.expand_db_attributes_many(list(missing.values())), strict=True)
        )
        return [references[key] if key in references else expanded[key] for key in keys]

    return rule


def embed_html(references: dict, url: str, max_width=None, max_height=None) -> str:
    """The provider's embed HTML as Wagtail renders it (`embed_to_frontend_html`): from the
    stored answer the request loaded, else fetched from the provider (and stored) as Wagtail
    does; "" when it cannot be fetched."""
    embed = references.get(embed_key(url, max_width, max_height))
    if embed is None:
        return embed_to_frontend_html(url, max_width, max_height)
    return render_to_string("wagtailembeds/embed_frontend.html", {"embed": embed})


def richtext_html(html: str, info, page: Page) -> str:
    """Expand rich text stored on `page` (a field, or a block of its body) for a frontend, for
    the reader of the locale the page is served in."""
    if not html:
        return ""
    references = references_of(info, page)
    links = {
        kind: _expanded(references, "link", kind, handler)
        for kind, handler in features.get_link_types().items()
    }
    links["page"] = _page_links(info, page, references)
    embeds = {
        kind: _expanded(references, "embed", kind, handler)
        for kind, handler in features.get_embed_types().items()
    }
    embeds["image"] = _image_embeds(info, references)
    if "media" in embeds:
        embeds["media"] = _media_embeds(references)
    rewriter = MultiRuleRewriter([LinkRewriter(bulk_rules=links), EmbedRewriter(bulk_rules=embeds)])
    return rewriter(str(html))
