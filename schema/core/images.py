"""Images: the original's facts, and renditions in named sizes only (no free filter specs)."""

from dataclasses import dataclass

import graphene
from django.conf import settings
from wagtail.images.formats import get_image_formats

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
    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


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
        Rendition, size=graphene.Argument(ImageSize, required=True), required=True
    )
    srcset = graphene.String(
        required=True, description="`url 480w, ...` over the width-based named sizes."
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
        rendition = rendition_of(root.image, settings.TAPESTRY_IMAGE_SIZES[name])
        return Rendition(
            url=absolute(info, rendition.url), width=rendition.width, height=rendition.height
        )

    @staticmethod
    def resolve_srcset(root: ImageValue, info):
        specs = srcset_specs()
        renditions = root.image.get_renditions(*specs)
        return ", ".join(
            f"{absolute(info, renditions[spec].url)} {renditions[spec].width}w" for spec in specs
        )


def rendition_specs() -> list[str]:
    """Every filter spec the schema renders: the named sizes and the rich-text image formats
    (what lists and bodies prefetch with their images)."""
    formats = {image_format.filter_spec for image_format in get_image_formats()}
    return sorted({*settings.TAPESTRY_IMAGE_SIZES.values(), *formats})


def rendition_of(image, spec: str):
    """The image's rendition for `spec`, made when missing.

    Through `get_renditions`: a rendition loaded with the image (lists prefetch them) is used
    as it is, whereas `get_rendition` writes every rendition it returns to the cache, one
    round trip per image of a list. (The one value, whatever its key: Wagtail keys it by the
    cleaned spec.)
    """
    return next(iter(image.get_renditions(spec).values()))


def image_value(image, alt: str | None = None) -> ImageValue | None:
    if image is None:
        return None
    return ImageValue(image=image, alt=alt if alt is not None else (image.description or ""))
