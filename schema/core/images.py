"""Images: the original's facts, and renditions in named sizes only (no free filter specs).

Renditions are made ahead by a background task (home/images.py); a request only looks them up,
with its images (the loaders prefetch them), and never runs the image library. Until an image's
rendition exists, its original is served in its place, at the original's own size.
"""

from dataclasses import dataclass
from functools import lru_cache

import graphene
from django.conf import settings
from graphql.language import EnumValueNode, FieldNode
from wagtail.images.models import Filter

ImageSize = graphene.Enum(
    "ImageSize",
    [(name, name) for name in settings.TAPESTRY_IMAGE_SIZES],
    description="Named rendition sizes: "
    + ", ".join(f"`{name}` ({spec})" for name, spec in settings.TAPESTRY_IMAGE_SIZES.items())
    + ".",
)


@dataclass(frozen=True)
class ImageValue:
    """An image as used in one place, with the alt text that place gives it."""

    image: object
    alt: str


def absolute(info, url: str) -> str:
    if url.startswith("/") and not url.startswith("//"):
        return info.context.request.build_absolute_uri(url)
    return url


def srcset_specs() -> list[str]:
    """The width-based sizes, narrowest first: the candidates of a `srcset`."""
    specs = [spec for spec in settings.TAPESTRY_IMAGE_SIZES.values() if spec.startswith("width-")]
    return sorted(specs, key=lambda spec: int(spec.removeprefix("width-")))


class FocalPoint(graphene.ObjectType):
    x = graphene.Int(required=True)
    y = graphene.Int(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


class Rendition(graphene.ObjectType):
    """The image in a named size. Renditions are made in the background after an upload, a new
    file or a moved focal point; until then this is the original file at its own size."""

    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


@dataclass(frozen=True)
class Picture:
    """A file to show: a rendition, or the original in its place."""

    url: str
    width: int
    height: int


def image_attribute(name: str):
    """A resolver of the image's own attribute `name`."""
    return lambda root, info: getattr(root.image, name)


class Image(graphene.ObjectType):
    """An image from the library, with the alt text of the place it is used in."""

    id = graphene.ID(required=True, resolver=image_attribute("pk"))
    title = graphene.String(required=True, resolver=image_attribute("title"))
    url = graphene.String(required=True, description="The original file.")
    width = graphene.Int(required=True, resolver=image_attribute("width"))
    height = graphene.Int(required=True, resolver=image_attribute("height"))
    alt = graphene.String(required=True, description="Alt text; empty when decorative.")
    focal_point = graphene.Field(FocalPoint)
    rendition = graphene.Field(
        Rendition,
        size=graphene.Argument(ImageSize, required=True),
        required=True,
        description="The image in a named size; the original file, at its own width and height,"
        " while the rendition is still being made.",
    )
    srcset = graphene.String(
        required=True,
        description="`url 480w, ...` over the width-based named sizes made so far; the original"
        " alone while none is.",
    )

    @staticmethod
    def resolve_url(root: ImageValue, info):
        return absolute(info, root.image.file.url)

    @staticmethod
    def resolve_alt(root: ImageValue, info):
        return root.alt

    @staticmethod
    def resolve_focal_point(root: ImageValue, info):
        image = root.image
        if image.focal_point_x is None:
            return None
        return FocalPoint(
            x=image.focal_point_x,
            y=image.focal_point_y,
            width=image.focal_point_width,
            height=image.focal_point_height,
        )

    @staticmethod
    def resolve_rendition(root: ImageValue, info, size):
        name = size.value if hasattr(size, "value") else size
        picture = rendition_of(root.image, settings.TAPESTRY_IMAGE_SIZES[name])
        return Rendition(
            url=absolute(info, picture.url), width=picture.width, height=picture.height
        )

    @staticmethod
    def resolve_srcset(root: ImageValue, info):
        found = renditions_found(root.image, srcset_specs())
        if not found:
            original = original_of(root.image)
            return f"{absolute(info, original.url)} {original.width}w"
        return ", ".join(
            f"{absolute(info, rendition.url)} {rendition.width}w" for rendition in found.values()
        )


def rendition_specs_asked(info) -> list[str]:
    """The filter specs the request's document can ask for an image's renditions in: the sizes
    its `rendition(size:)` fields name (every size when one is a variable) and the `srcset`
    sizes when it has a `srcset` field. Read from the whole operation and every fragment, so
    the answer covers every image of the request, wherever it is."""
    sizes = settings.TAPESTRY_IMAGE_SIZES
    specs: set[str] = set()
    pending = [info.operation.selection_set]
    pending.extend(fragment.selection_set for fragment in info.fragments.values())
    while pending:
        selection_set = pending.pop()
        if selection_set is None:
            continue
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode) and selection.name.value == "rendition":
                for argument in selection.arguments:
                    value = argument.value
                    if isinstance(value, EnumValueNode) and value.value in sizes:
                        specs.add(sizes[value.value])
                    else:
                        specs.update(sizes.values())
            elif isinstance(selection, FieldNode) and selection.name.value == "srcset":
                specs.update(srcset_specs())
            pending.append(getattr(selection, "selection_set", None))
    return sorted(specs)


def renditions_found(image, specs: list[str]) -> dict:
    """The image's existing renditions for `specs`, by spec in their order; never makes one.

    Renditions loaded with the image (lists and bodies prefetch them) are used as they are;
    otherwise Wagtail looks in its rendition cache, then the database.
    """
    filters = [filter_of(spec) for spec in specs]
    found = image.find_existing_renditions(*filters)
    return {each.spec: found[each] for each in filters if each in found}


@lru_cache(maxsize=64)
def filter_of(spec: str) -> Filter:
    """Wagtail's Filter for a spec, made once per process: a Filter parses its spec into
    operations on first use (a good part of a rendition lookup), and depends on nothing else.
    Specs come from settings (named sizes, rich-text formats), so there are few."""
    return Filter(spec=spec)


def original_of(image) -> Picture:
    return Picture(url=image.file.url, width=image.width, height=image.height)


def rendition_of(image, spec: str) -> Picture:
    """The image's rendition for `spec`, or its original while the rendition is not made yet."""
    rendition = renditions_found(image, [spec]).get(spec)
    if rendition is None:
        return original_of(image)
    return Picture(url=rendition.url, width=rendition.width, height=rendition.height)


def image_value(image, alt: str | None = None) -> ImageValue | None:
    if image is None:
        return None
    return ImageValue(image=image, alt=alt if alt is not None else (image.description or ""))
