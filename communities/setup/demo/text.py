"""Bilingual text and StreamField block specs for the demo content.

Every piece of demo text is a `T`: the English source plus its translations. Rendering a spec
for one community formats the placeholders ({name}, {name_zh}, {district}...) and collects the
translations into per-locale dictionaries keyed the way wagtail-localize segments the source:
plain text for fields and simple blocks, a paragraph's (or list item's) inner HTML for rich text.
"""

import re
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

ZH = "zh-hans"
OTHER_LOCALES = ("ja", "ko", "fr", "de", "es")


@dataclass(frozen=True)
class T:
    """English source text and its translations (zh-hans, and optionally ja/ko/fr/de/es)."""

    en: str
    zh: str = ""
    other: Mapping[str, str] = field(default_factory=dict)

    def translations(self) -> dict[str, str]:
        found = {ZH: self.zh} if self.zh else {}
        found.update({code: text for code, text in self.other.items() if text})
        return found


def t(en: str, zh: str = "", **other: str) -> T:
    unknown = set(other) - set(OTHER_LOCALES)
    if unknown:
        raise ValueError(f"unknown locales {sorted(unknown)}")
    return T(en, zh, other)


# Block specs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class P:
    """A rich-text paragraph; inline <b>, <i> and <a href> are allowed."""

    text: T


@dataclass(frozen=True)
class UL:
    """A bulleted list (one rich-text block, one segment per item)."""

    items: Sequence[T]
    ordered: bool = False


@dataclass(frozen=True)
class H:
    text: T
    level: str = "h2"


@dataclass(frozen=True)
class Quote:
    quote: T
    attribution: T | None = None


@dataclass(frozen=True)
class CTA:
    text: T
    url: str  # may contain placeholders, e.g. {slug}


FAQ_TITLE = t("Frequently asked questions", "常见问题")
IMAGE_CREDIT = t("Tapestry demo image", "Tapestry 演示图片")


@dataclass(frozen=True)
class FAQ:
    items: Sequence[tuple[T, T]]
    title: T = FAQ_TITLE


@dataclass(frozen=True)
class Table:
    """A table; wagtail-localize leaves table cells in the source language."""

    rows: Sequence[Sequence[str]]
    caption: str = ""
    header: bool = True


@dataclass(frozen=True)
class Img:
    key: str  # a DemoImageSpec key
    caption: T | None = None


Block = P | UL | H | Quote | CTA | FAQ | Table | Img


# Rendering ------------------------------------------------------------------------------------

_HREF = re.compile(r'<a href="[^"]*">')


def segment_html(html: str) -> str:
    """Inline HTML as wagtail-localize stores it: links lose their href and get ids a1, a2..."""
    counter = iter(range(1, 1000))
    return _HREF.sub(lambda _match: f'<a id="a{next(counter)}">', html)


class Renderer:
    """Formats specs for one context and collects the translations of everything it renders."""

    def __init__(
        self,
        context: Mapping[str, str],
        images: Mapping | None = None,
        image_alts_zh: Mapping[str, str] | None = None,
    ):
        self.context = dict(context)
        self.images = images or {}
        self.image_alts_zh = image_alts_zh or {}
        self.strings: dict[str, dict[str, str]] = defaultdict(dict)

    def fmt(self, text: str) -> str:
        return text.format_map(self.context) if "{" in text else text

    def text(self, value: T, *, rich: bool = False) -> str:
        """The English text; its translations are remembered for `strings`."""
        en = self.fmt(value.en)
        key = segment_html(en) if rich else en
        for code, translated in value.translations().items():
            translated = self.fmt(translated)
            self.strings[code][key] = segment_html(translated) if rich else translated
        return en

    def optional(self, value: T | None) -> str:
        return self.text(value) if value is not None else ""

    def image_value(self, key: str) -> dict:
        image = self.images[key]
        return {"image": image.pk, "alt_text": image.description, "decorative": False}

    def block(self, spec: Block) -> dict:
        if isinstance(spec, P):
            return _block("paragraph", f"<p>{self.text(spec.text, rich=True)}</p>")
        if isinstance(spec, UL):
            tag = "ol" if spec.ordered else "ul"
            items = "".join(f"<li>{self.text(item, rich=True)}</li>" for item in spec.items)
            return _block("paragraph", f"<{tag}>{items}</{tag}>")
        if isinstance(spec, H):
            return _block("heading", {"text": self.text(spec.text), "level": spec.level})
        if isinstance(spec, Quote):
            return _block(
                "quote",
                {"quote": self.text(spec.quote), "attribution": self.optional(spec.attribution)},
            )
        if isinstance(spec, CTA):
            return _block(
                "call_to_action",
                {"text": self.text(spec.text), "page": None, "url": self.fmt(spec.url)},
            )
        if isinstance(spec, FAQ):
            items = [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {
                        "question": self.text(question),
                        "answer": f"<p>{self.text(answer, rich=True)}</p>",
                    },
                }
                for question, answer in spec.items
            ]
            return _block("faq", {"title": self.text(spec.title), "items": items})
        if isinstance(spec, Table):
            return _block(
                "table",
                {
                    "data": [[self.fmt(cell) for cell in row] for row in spec.rows],
                    "first_row_is_table_header": spec.header,
                    "first_col_is_header": False,
                    "table_caption": self.fmt(spec.caption),
                },
            )
        if isinstance(spec, Img):
            image = self.images[spec.key]
            # The alt text is a translatable segment: give it in Chinese too.
            zh_alt = self.image_alts_zh.get(image.description, "")
            if zh_alt:
                self.strings[ZH][image.description] = zh_alt
            return _block(
                "image",
                {
                    "image": self.image_value(spec.key),
                    "caption": self.optional(spec.caption),
                    "credit": self.text(IMAGE_CREDIT),
                },
            )
        raise TypeError(f"unknown block spec {spec!r}")

    def body(self, specs: Sequence[Block]) -> list[dict]:
        return [self.block(spec) for spec in specs]


def _block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}
