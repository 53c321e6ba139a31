"""StreamField bodies as typed blocks, and as one rendered HTML string.

Each block type of `home.blocks.BodyStreamBlock` has a GraphQL type implementing `StreamBlock`
(`id`, `blockType`); frontends ask for the fields of the types they render with inline fragments.
`body_html` renders the same blocks to semantic HTML with the same link and image rewriting.
The blocks of every body served for a locale are converted, and what they refer to loaded, at
once (`schema.core.loaders.body_of` and `references_of`).
"""

import graphene
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page

from home.cache_tags import image_tag
from schema.core.images import Image, image_value
from schema.core.loaders import BodyChild, body_of, linked_page_of, references_of
from schema.core.pages import url_path_public
from schema.core.richtext import embed_html, richtext_html


class StreamBlock(graphene.Interface):
    id = graphene.String(required=True, description="Stable id of the block within the body.")
    block_type = graphene.String(required=True, description="e.g. `paragraph`, `heading`.")

    @classmethod
    def resolve_type(cls, instance, info):
        return BLOCK_TYPES[instance.block_type]


class BlockValue:
    """One block of a body, with the page whose body it is (served for a locale)."""

    def __init__(self, child: BodyChild, page: Page):
        self.id = child.id
        self.block_type = child.block_type
        self.value = child.value
        self.page = page


class BlockMeta:
    """`class Meta(BlockMeta)` for block types."""

    interfaces = (StreamBlock,)


def item(key: str):
    """A resolver of the block value's `key`."""
    return lambda root, info: root.value[key]


def text_or_empty(key: str):
    """A resolver of the block value's `key`, "" when missing or empty."""
    return lambda root, info: root.value.get(key) or ""


class ParagraphBlock(graphene.ObjectType):
    html = graphene.String(required=True, description="Rich text, links rewritten to URL paths.")

    class Meta(BlockMeta):
        pass

    @staticmethod
    def resolve_html(root: BlockValue, info):
        return richtext_html(root.value.source, info, root.page)


class HeadingBlock(graphene.ObjectType):
    text = graphene.String(required=True, resolver=item("text"))
    level = graphene.Int(required=True, description="2 or 3.")

    class Meta(BlockMeta):
        pass

    @staticmethod
    def resolve_level(root, info):
        return int(str(root.value["level"]).removeprefix("h") or 2)


class ImageBlock(graphene.ObjectType):
    image = graphene.Field(Image, description="Null when the image was deleted.")
    caption = graphene.String(required=True, resolver=text_or_empty("caption"))
    credit = graphene.String(required=True, resolver=text_or_empty("credit"))
    decorative = graphene.Boolean(required=True)

    class Meta(BlockMeta):
        pass

    @staticmethod
    def resolve_image(root, info):
        image = root.value["image"]
        if image is None:
            return None
        info.context.tags.add(image_tag(image.pk))
        alt = (
            ""
            if getattr(image, "decorative", False)
            else getattr(image, "contextual_alt_text", None)
        )
        return image_value(image, alt)

    @staticmethod
    def resolve_decorative(root, info):
        return bool(getattr(root.value["image"], "decorative", False))


class QuoteBlock(graphene.ObjectType):
    quote = graphene.String(required=True, resolver=item("quote"))
    attribution = graphene.String(required=True, resolver=text_or_empty("attribution"))

    class Meta(BlockMeta):
        pass


class EmbedBlock(graphene.ObjectType):
    url = graphene.String(required=True)
    html = graphene.String(
        description="The provider's embed HTML (oEmbed); null when it cannot be fetched."
    )

    class Meta(BlockMeta):
        pass

    @staticmethod
    def resolve_url(root, info):
        return root.value.url if root.value else ""

    @staticmethod
    def resolve_html(root, info):
        value = root.value
        if not value:
            return None
        references = references_of(info, root.page)
        return embed_html(references, value.url, value.max_width, value.max_height) or None


class LinkedPage(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    url_path = graphene.String(required=True)


class CallToActionBlock(graphene.ObjectType):
    text = graphene.String(required=True, resolver=item("text"))
    href = graphene.String(
        description="The chosen page's URL path, or the external URL; null when the page is gone."
    )
    page = graphene.Field(LinkedPage, description="The chosen page, when it is public.")

    class Meta(BlockMeta):
        pass

    @staticmethod
    def resolve_page(root, info):
        return _linked_page(root, info)

    @staticmethod
    def resolve_href(root, info):
        linked = _linked_page(root, info)
        if linked:
            return linked.url_path
        return root.value.get("url") or None


def _linked_page(root: BlockValue, info) -> LinkedPage | None:
    page = root.value.get("page")
    if page is None:
        return None
    chosen = linked_page_of(info, root.page, page.pk)
    if chosen is None:
        return None
    return LinkedPage(id=chosen.pk, title=chosen.title, url_path=url_path_public(chosen))


class FaqItem(graphene.ObjectType):
    question = graphene.String(required=True)
    answer_html = graphene.String(required=True)


class FaqBlock(graphene.ObjectType):
    title = graphene.String(required=True, resolver=text_or_empty("title"))
    items = graphene.List(graphene.NonNull(FaqItem), required=True)

    class Meta(BlockMeta):
        pass

    @staticmethod
    def resolve_items(root, info):
        return [
            FaqItem(
                question=entry["question"],
                answer_html=richtext_html(entry["answer"].source, info, root.page),
            )
            for entry in root.value["items"]
        ]


class TableBlock(graphene.ObjectType):
    rows = graphene.List(
        graphene.NonNull(graphene.List(graphene.NonNull(graphene.String))), required=True
    )
    first_row_is_header = graphene.Boolean(required=True)
    first_column_is_header = graphene.Boolean(required=True)
    caption = graphene.String(required=True, resolver=text_or_empty("table_caption"))

    class Meta(BlockMeta):
        pass

    @staticmethod
    def resolve_rows(root, info):
        return [[cell or "" for cell in row] for row in root.value.get("data") or []]

    @staticmethod
    def resolve_first_row_is_header(root, info):
        return bool(root.value.get("first_row_is_table_header"))

    @staticmethod
    def resolve_first_column_is_header(root, info):
        return bool(root.value.get("first_col_is_header"))


BLOCK_TYPES = {
    "paragraph": ParagraphBlock,
    "heading": HeadingBlock,
    "image": ImageBlock,
    "quote": QuoteBlock,
    "embed": EmbedBlock,
    "call_to_action": CallToActionBlock,
    "faq": FaqBlock,
    "table": TableBlock,
}
ALL_BLOCK_TYPES = list(BLOCK_TYPES.values())


def body_blocks(info, page: Page) -> list[BlockValue]:
    """The page's body blocks of the types the schema has."""
    return [
        BlockValue(child, page) for child in body_of(info, page) if child.block_type in BLOCK_TYPES
    ]


# HTML ----------------------------------------------------------------------------------------


def body_html(info, page: Page) -> str:
    """The page's body rendered to semantic HTML, for frontends that show it as is."""
    parts = [_block_html(block, info) for block in body_blocks(info, page)]
    return "\n".join(part for part in parts if part)


def _block_html(block: BlockValue, info) -> str:
    value = block.value
    match block.block_type:
        case "paragraph":
            return richtext_html(value.source, info, block.page)
        case "heading":
            level = HeadingBlock.resolve_level(block, info)
            return format_html("<h{}>{}</h{}>", level, value["text"], level)
        case "image":
            picture = ImageBlock.resolve_image(block, info)
            if picture is None:
                return ""
            rendition = Image.resolve_rendition(picture, info, "LARGE")
            caption = " — ".join(
                part for part in (value.get("caption"), value.get("credit")) if part
            )
            figcaption = format_html("<figcaption>{}</figcaption>", caption) if caption else ""
            return format_html(
                '<figure><img src="{}" width="{}" height="{}" alt="{}">{}</figure>',
                rendition.url,
                rendition.width,
                rendition.height,
                picture.alt,
                figcaption,
            )
        case "quote":
            cite = value.get("attribution")
            footer = format_html("<footer>{}</footer>", cite) if cite else ""
            return format_html("<blockquote><p>{}</p>{}</blockquote>", value["quote"], footer)
        case "embed":
            html = EmbedBlock.resolve_html(block, info)
            url = EmbedBlock.resolve_url(block, info)
            if html:
                return f'<div class="embed">{html}</div>'
            return format_html('<p class="embed"><a href="{}">{}</a></p>', url, url)
        case "call_to_action":
            href = CallToActionBlock.resolve_href(block, info)
            if not href:
                return ""
            return format_html(
                '<p class="call-to-action"><a href="{}">{}</a></p>', href, value["text"]
            )
        case "faq":
            items = "".join(
                format_html("<dt>{}</dt><dd>{}</dd>", item.question, _safe(item.answer_html))
                for item in FaqBlock.resolve_items(block, info)
            )
            title = value.get("title")
            heading = format_html("<h2>{}</h2>", title) if title else ""
            return format_html(
                '<section class="faq">{}<dl>{}</dl></section>', heading, _safe(items)
            )
        case "table":
            return _table_html(block, info)
    return ""


def _safe(html: str):
    return mark_safe(html)  # noqa: S308 (built from escaped parts and rewritten rich text)


def _table_html(block: BlockValue, info) -> str:
    rows = TableBlock.resolve_rows(block, info)
    header_row = TableBlock.resolve_first_row_is_header(block, info)
    header_col = TableBlock.resolve_first_column_is_header(block, info)
    lines = []
    for row_index, row in enumerate(rows):
        cells = []
        for col_index, cell in enumerate(row):
            tag = (
                "th" if (header_row and row_index == 0) or (header_col and col_index == 0) else "td"
            )
            cells.append(f"<{tag}>{escape(cell)}</{tag}>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    caption = block.value.get("table_caption")
    caption_html = format_html("<caption>{}</caption>", caption) if caption else ""
    return f"<table>{caption_html}{''.join(lines)}</table>"
