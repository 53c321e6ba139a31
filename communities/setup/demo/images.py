"""Demo images drawn with Pillow: gradients, simple shapes and a caption. Nothing is downloaded."""

import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

COLLECTION_NAME = "Demo images"
SIZE = (1600, 900)
JPEG_QUALITY = 80

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class DemoImageSpec:
    key: str
    title: str
    description: str  # alt text
    description_zh: str
    caption: str
    top: RGB
    bottom: RGB
    motif: str


DEMO_IMAGES: list[DemoImageSpec] = [
    DemoImageSpec(
        "skyline",
        "Shanghai skyline at dusk (demo image)",
        "Illustration of a city skyline with a tall broadcast tower against an orange and "
        "violet evening sky.",
        "城市天际线插画：橙紫色的黄昏天空下，一座高耸的电视塔。",
        "Shanghai at dusk",
        (58, 46, 110),
        (247, 150, 94),
        "skyline",
    ),
    DemoImageSpec(
        "community-centre",
        "Community centre welcome desk (demo image)",
        "Illustration of a bright community centre: rounded windows and a welcome desk in "
        "teal and sand tones.",
        "社区中心插画：明亮的拱形窗户和接待台，青绿色与沙色调。",
        "Your community centre",
        (22, 120, 130),
        (236, 222, 190),
        "windows",
    ),
    DemoImageSpec(
        "tea",
        "Traditional tea ceremony (demo image)",
        "Illustration of a tea cup with rising steam on a soft green background.",
        "茶杯插画：柔和的绿色背景上，一杯热茶冒着热气。",
        "Tea ceremony",
        (40, 92, 70),
        (196, 224, 180),
        "tea",
    ),
    DemoImageSpec(
        "cooking",
        "Chinese cooking class (demo image)",
        "Illustration of a round steamer basket with dumplings on a warm red background.",
        "蒸笼插画：暖红色背景上，一只装着饺子的圆形蒸笼。",
        "Cooking class",
        (150, 36, 40),
        (246, 190, 120),
        "steamer",
    ),
    DemoImageSpec(
        "lanterns",
        "Festival lanterns (demo image)",
        "Illustration of red lanterns hanging against a deep blue night sky.",
        "灯笼插画：深蓝色夜空下挂着一排红灯笼。",
        "Festival evening",
        (16, 28, 70),
        (70, 40, 110),
        "lanterns",
    ),
    DemoImageSpec(
        "metro",
        "Metro and city transport (demo image)",
        "Illustration of coloured metro lines crossing on a light grey map background.",
        "地铁插画：浅灰色地图背景上交错的彩色地铁线路。",
        "Getting around",
        (214, 222, 230),
        (150, 170, 190),
        "metro",
    ),
    DemoImageSpec(
        "clinic",
        "Community health clinic (demo image)",
        "Illustration of a white medical cross in a circle on a calm blue background.",
        "医疗插画：平静的蓝色背景上，圆圈中的白色十字。",
        "Health and care",
        (30, 90, 160),
        (150, 200, 235),
        "cross",
    ),
    DemoImageSpec(
        "classroom",
        "Mandarin class (demo image)",
        "Illustration of a chalkboard with Chinese characters for 'hello' in a sunny classroom.",
        "中文课堂插画：阳光明媚的教室里，黑板上写着“你好”。",
        "Learning Chinese",
        (240, 200, 90),
        (250, 240, 210),
        "board",
    ),
    DemoImageSpec(
        "park",
        "Neighbourhood park (demo image)",
        "Illustration of rounded green trees and a path under a clear sky.",
        "公园插画：晴朗天空下圆润的绿树和一条小路。",
        "Out and about",
        (120, 190, 230),
        (200, 235, 190),
        "trees",
    ),
    DemoImageSpec(
        "forum",
        "Residents' roundtable (demo image)",
        "Illustration of people seated around a round table, seen from above, with speech bubbles.",
        "圆桌会议插画：俯视角度下围坐在圆桌旁的人们和对话气泡。",
        "Your voice matters",
        (60, 60, 80),
        (120, 140, 170),
        "roundtable",
    ),
]


def _gradient(top: RGB, bottom: RGB) -> Image.Image:
    """A smooth vertical gradient, made by resizing a two-pixel image."""
    seed = Image.new("RGB", (1, 2))
    seed.putpixel((0, 0), top)
    seed.putpixel((0, 1), bottom)
    return seed.resize(SIZE, Image.Resampling.BICUBIC)


def _skyline(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    width, height = SIZE
    draw.ellipse((1150, 120, 1330, 300), fill=(255, 214, 150, 200))
    x = 0
    while x < width:
        w = rng.randint(50, 120)
        h = rng.randint(140, 420)
        draw.rectangle((x, height - h, x + w, height), fill=(30, 24, 60, 230))
        for wy in range(height - h + 20, height - 20, 34):
            for wx in range(x + 10, x + w - 12, 22):
                if rng.random() < 0.35:
                    draw.rectangle((wx, wy, wx + 8, wy + 14), fill=(255, 220, 140, 200))
        x += w + rng.randint(4, 18)
    # A broadcast tower: two spheres on a needle.
    cx = 760
    draw.rectangle((cx - 6, 150, cx + 6, height), fill=(30, 24, 60, 255))
    draw.ellipse((cx - 70, 520, cx + 70, 660), fill=(200, 60, 110, 255))
    draw.ellipse((cx - 40, 330, cx + 40, 410), fill=(200, 60, 110, 255))
    draw.polygon([(cx - 110, height), (cx, 560), (cx + 110, height)], fill=(30, 24, 60, 255))


def _windows(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    for col in range(5):
        x = 140 + col * 270
        draw.rounded_rectangle((x, 180, x + 200, 520), radius=100, fill=(255, 255, 255, 120))
    draw.rounded_rectangle((300, 620, 1300, 760), radius=30, fill=(18, 80, 90, 220))


def _tea(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    draw.ellipse((520, 640, 1080, 740), fill=(30, 60, 45, 120))
    draw.chord((560, 380, 1040, 720), 0, 180, fill=(245, 240, 225, 255))
    draw.ellipse((560, 500, 1040, 600), fill=(170, 120, 50, 255))
    for i in range(3):
        x0 = 700 + i * 90
        points = [(x0 + 25 * math.sin(t / 6), 470 - t * 8) for t in range(0, 36)]
        draw.line(points, fill=(255, 255, 255, 160), width=10, joint="curve")


def _steamer(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    draw.ellipse((450, 250, 1150, 800), fill=(190, 140, 80, 255))
    draw.ellipse((490, 285, 1110, 765), fill=(225, 185, 120, 255))
    for x, y in [(640, 420), (800, 380), (960, 420), (700, 580), (900, 580), (800, 500)]:
        draw.ellipse((x - 70, y - 55, x + 70, y + 55), fill=(252, 246, 232, 255))
        draw.arc((x - 50, y - 40, x + 50, y + 30), 200, 340, fill=(220, 200, 170, 255), width=5)


def _lanterns(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    draw.line([(0, 140), (1600, 200)], fill=(230, 200, 120, 200), width=4)
    for i in range(6):
        x = 130 + i * 260 + rng.randint(-20, 20)
        y = 150 + i * 8 + rng.randint(60, 200)
        draw.line([(x, 150 + i * 8), (x, y - 80)], fill=(230, 200, 120, 220), width=3)
        draw.ellipse((x - 90, y - 80, x + 90, y + 80), fill=(214, 40, 40, 255))
        draw.rectangle((x - 40, y - 95, x + 40, y - 78), fill=(240, 190, 60, 255))
        draw.rectangle((x - 40, y + 78, x + 40, y + 95), fill=(240, 190, 60, 255))
        for k in (-45, 0, 45):
            draw.arc(
                (x - 90 + abs(k), y - 80, x + 90 - abs(k), y + 80), 270, 90, fill=(180, 20, 30)
            )
        draw.line([(x, y + 95), (x, y + 160)], fill=(240, 190, 60, 255), width=6)


def _metro(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    colours = [(228, 0, 43), (151, 215, 0), (255, 209, 0), (80, 40, 130), (0, 150, 200)]
    for i, colour in enumerate(colours):
        y = 160 + i * 120
        points = [(0, y), (400 + i * 60, y), (700 + i * 40, y + 180 - i * 90), (1600, y + 60)]
        draw.line(points, fill=(*colour, 255), width=22, joint="curve")
        for px, py in points[1:3]:
            draw.ellipse((px - 22, py - 22, px + 22, py + 22), fill=(255, 255, 255, 255))
            draw.ellipse((px - 22, py - 22, px + 22, py + 22), outline=(40, 40, 40), width=5)


def _cross(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    draw.ellipse((560, 190, 1040, 670), fill=(255, 255, 255, 70))
    draw.rounded_rectangle((740, 270, 860, 590), radius=18, fill=(255, 255, 255, 255))
    draw.rounded_rectangle((640, 370, 960, 490), radius=18, fill=(255, 255, 255, 255))


def _board(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    draw.rounded_rectangle((260, 140, 1340, 660), radius=24, fill=(40, 70, 55, 255))
    draw.rounded_rectangle((240, 650, 1360, 690), radius=10, fill=(150, 100, 60, 255))
    cjk = _cjk_font(200)
    text, font = ("你好", cjk) if cjk else ("nǐ hǎo", _font(170))
    draw.text((800, 400), text, font=font, fill=(245, 245, 235, 255), anchor="mm")


def _trees(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    draw.polygon([(700, 900), (780, 560), (820, 560), (960, 900)], fill=(230, 215, 180, 255))
    for i in range(7):
        x = 100 + i * 230 + rng.randint(-30, 30)
        r = rng.randint(90, 150)
        y = 560 - rng.randint(0, 80)
        draw.rectangle((x - 12, y, x + 12, y + 220), fill=(110, 80, 50, 255))
        draw.ellipse((x - r, y - r * 1.3, x + r, y + r * 0.5), fill=(60, 150 + i * 8, 80, 255))


def _roundtable(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    draw.ellipse((600, 250, 1000, 650), fill=(200, 170, 120, 255))
    for i in range(8):
        angle = i * math.pi / 4
        x = 800 + 270 * math.cos(angle)
        y = 450 + 270 * math.sin(angle)
        hue = [(240, 120, 90), (90, 180, 200), (250, 200, 90), (150, 110, 200)][i % 4]
        draw.ellipse((x - 55, y - 55, x + 55, y + 55), fill=(*hue, 255))
    for x, y in [(1120, 170), (300, 210), (1230, 620)]:
        draw.rounded_rectangle((x, y, x + 200, y + 110), radius=30, fill=(255, 255, 255, 210))
        draw.polygon(
            [(x + 40, y + 105), (x + 80, y + 105), (x + 30, y + 150)], fill=(255, 255, 255, 210)
        )


MOTIFS: dict[str, Callable[[ImageDraw.ImageDraw, random.Random], None]] = {
    "skyline": _skyline,
    "windows": _windows,
    "tea": _tea,
    "steamer": _steamer,
    "lanterns": _lanterns,
    "metro": _metro,
    "cross": _cross,
    "board": _board,
    "trees": _trees,
    "roundtable": _roundtable,
}


CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _cjk_font(size: int) -> ImageFont.FreeTypeFont | None:
    """A font with Chinese glyphs if the machine has one; the image falls back to pinyin."""
    for path in CJK_FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return None


def image_render(spec: DemoImageSpec) -> bytes:
    """Draw one demo image and return it as JPEG bytes (deterministic for a given spec)."""
    rng = random.Random(spec.key)
    base = _gradient(spec.top, spec.bottom).convert("RGBA")
    glow = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    glow_draw = ImageDraw.Draw(glow)
    for _ in range(14):
        r = rng.randint(40, 160)
        x, y = rng.randint(0, SIZE[0]), rng.randint(0, SIZE[1])
        glow_draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, rng.randint(12, 40)))
    base = Image.alpha_composite(base, glow.filter(ImageFilter.GaussianBlur(24)))

    overlay = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    MOTIFS[spec.motif](ImageDraw.Draw(overlay), rng)
    base = Image.alpha_composite(base, overlay)

    band = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    band_draw = ImageDraw.Draw(band)
    band_draw.rectangle((0, SIZE[1] - 120, SIZE[0], SIZE[1]), fill=(0, 0, 0, 110))
    band_draw.text(
        (60, SIZE[1] - 60), spec.caption, font=_font(52), fill=(255, 255, 255, 255), anchor="lm"
    )
    band_draw.text(
        (SIZE[0] - 60, SIZE[1] - 60),
        "Tapestry demo image",
        font=_font(28),
        fill=(255, 255, 255, 200),
        anchor="rm",
    )
    base = Image.alpha_composite(base, band)

    out = io.BytesIO()
    base.convert("RGB").save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def demo_collection_ensure() -> tuple[Collection, bool]:
    existing = Collection.objects.filter(name=COLLECTION_NAME).first()
    if existing is not None:
        return existing, False
    root = Collection.get_first_root_node()
    return root.add_child(name=COLLECTION_NAME), True


def demo_images_ensure() -> tuple[dict, int]:
    """The demo images by key, created where missing. Returns (images, how many were created)."""
    image_model = get_image_model()
    collection, _created = demo_collection_ensure()
    existing = {image.title: image for image in image_model.objects.filter(collection=collection)}
    images, created = {}, 0
    for spec in DEMO_IMAGES:
        image = existing.get(spec.title)
        if image is None:
            image = image_model(
                title=spec.title, description=spec.description, collection=collection
            )
            image.file = ImageFile(io.BytesIO(image_render(spec)), name=f"demo-{spec.key}.jpg")
            image._set_image_file_metadata()
            image.save()
            created += 1
        images[spec.key] = image
    return images, created
