"""`load_demo_content`: realistic demo content on top of the `setup_tapestry` skeleton.

Idempotent: pages are keyed by slug within their parent, snippets by slug and locale, images by
title within the "Demo images" collection, users by username. A second run creates nothing (no
pages, no revisions) and never changes what exists, so editors' changes to demo pages survive.
"""

import logging
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from typing import TextIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageTopic,
    Bureau,
    EventIndexPage,
    EventPage,
    Topic,
)
from communities.models import CommunityContact, CommunityIndexPage, CommunityPage
from communities.roles import DESK_GROUP
from communities.setup.demo import articles_data, events_data
from communities.setup.demo.articles_data import ArticleSpec
from communities.setup.demo.events_data import EventSpec
from communities.setup.demo.images import DEMO_IMAGES, demo_images_ensure
from communities.setup.demo.indexing import (
    indexes_rebuild,
    per_object_index_updates_paused,
    search_index_incomplete,
)
from communities.setup.demo.snippets_data import BUREAUS, TOPICS
from communities.setup.demo.text import ZH, Renderer, T
from communities.setup.services import CommunityFacts, communities_load, setup_tapestry
from home.cache_tags import purges_gathered
from home.images import images_renditions_make
from home.models import HomePage
from home.translation import translation_create

logger = logging.getLogger(__name__)

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEMO_PASSWORD = "tapestry-demo"  # noqa: S105 (documented demo credentials)

# Notices of these communities stay untranslated in zh-hans, to demonstrate locale fallback.
UNTRANSLATED_ZH: dict[str, set[str]] = {
    "yichuan-road-subdistrict": {"notice"},
    "xujing-town": {"notice"},
}

# Approximate centre of each township, for maps in the demo (not an official address).
APPROXIMATE_CENTRES: dict[str, tuple[str, str]] = {
    "huamu-subdistrict": ("31.205500", "121.555000"),
    "jinqiao-town": ("31.268000", "121.622000"),
    "zhangjiang-town": ("31.203000", "121.598000"),
    "sanlin-town": ("31.146000", "121.505000"),
    "hongqiao-subdistrict": ("31.201000", "121.414000"),
    "yichuan-road-subdistrict": ("31.256000", "121.431000"),
    "huacao-town": ("31.228000", "121.299000"),
    "hongqiao-town": ("31.181000", "121.396000"),
    "xujing-town": ("31.181000", "121.268000"),
}
CENTRE_NAMES_ZH = {"Huacao International Community Center": "华漕国际社区中心"}
COMMUNITY_HEROES = {
    "huamu-subdistrict": "skyline",
    "jinqiao-town": "metro",
    "zhangjiang-town": "forum",
    "sanlin-town": "park",
    "hongqiao-subdistrict": "lanterns",
    "yichuan-road-subdistrict": "classroom",
    "huacao-town": "community-centre",
    "hongqiao-town": "cooking",
    "xujing-town": "tea",
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    group: str | None
    superuser: bool = False


DEMO_USERS = [
    DemoUser("admin", "superuser", None, superuser=True),
    DemoUser("desk", DESK_GROUP, DESK_GROUP),
    DemoUser("huacao-editor", "Huacao Town Editors", "Huacao Town Editors"),
    DemoUser("huacao-moderator", "Huacao Town Moderators", "Huacao Town Moderators"),
    DemoUser("translator-zh", "Translators (zh-hans)", "Translators (zh-hans)"),
    DemoUser("reviewer-zh", "Translation reviewers (zh-hans)", "Translation reviewers (zh-hans)"),
    DemoUser("policy-reviewer", "Policy Reviewers", "Policy Reviewers"),
]


@dataclass
class DemoReport:
    """What one run created, and how much demo content exists afterwards."""

    setup_created: int = 0
    images: int = 0
    topics: int = 0
    bureaus: int = 0
    snippet_translations: int = 0
    articles: int = 0
    events: int = 0
    page_translations: int = 0
    communities_enriched: int = 0
    users_created: list[str] = field(default_factory=list)
    users_existing: list[str] = field(default_factory=list)
    users_skipped: list[str] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    pages_per_locale: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def created_anything(self) -> bool:
        return bool(
            self.setup_created
            or self.images
            or self.topics
            or self.bureaus
            or self.snippet_translations
            or self.articles
            or self.events
            or self.page_translations
            or self.communities_enriched
            or self.users_created
        )


class _Progress:
    def __init__(self, stdout: TextIO | None):
        self.stdout = stdout

    def __call__(self, message: str) -> None:
        logger.debug(message)
        if self.stdout is not None:
            self.stdout.write(message + "\n")
            self.stdout.flush()


def demo_users_default() -> bool:
    """Demo users are made by default only for the embedded default database (SQLite)."""
    return settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


# Context ---------------------------------------------------------------------------------------


def community_context(facts: CommunityFacts, position: int) -> dict[str, str]:
    centre = facts.centre.get("name") or f"{facts.name} Community Service Centre"
    return {
        "name": facts.name,
        "name_zh": facts.name_zh,
        "district": facts.district,
        "district_zh": facts.district_zh,
        "centre": centre,
        "centre_zh": CENTRE_NAMES_ZH.get(centre, f"{facts.name_zh}社区服务中心"),
        "email": f"{facts.slug}@example.org",
        "phone": f"021 5550 01{position + 1:02d} (demo number)",
        "slug": facts.slug,
    }


CITY_CONTEXT = {"email": "cns-events@example.org", "slug": "city", "phone": "12345"}


def _seed(*parts: str) -> int:
    return zlib.crc32("/".join(parts).encode())


def _aware(day: date, at: clock) -> datetime:
    return datetime.combine(day, at, tzinfo=SHANGHAI)


# Snippets --------------------------------------------------------------------------------------


def _target_locales() -> dict[str, Locale]:
    codes = list(settings.TAPESTRY_TARGET_LOCALES)
    return {
        locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)
    }


def _strings_for(code: str, values: Iterable[tuple[str, T]]) -> dict[str, str]:
    strings = {}
    for en, text in values:
        translated = text.translations().get(code)
        if en and translated:
            strings[en] = translated
    return strings


def _snippet_translations_ensure(
    instance, texts: list[tuple[str, T]], locales: Mapping[str, Locale]
) -> int:
    model = type(instance)
    existing = set(
        model.objects.filter(translation_key=instance.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )
    created = 0
    for code, locale in locales.items():
        if code in existing:
            continue
        translation_create(instance=instance, locale=locale, strings=_strings_for(code, texts))
        created += 1
    return created


def topics_ensure(
    report: DemoReport, source: Locale, locales: Mapping[str, Locale]
) -> dict[str, Topic]:
    existing = {topic.slug: topic for topic in Topic.objects.filter(locale=source)}
    topics = {}
    for spec in TOPICS:
        topic = existing.get(spec.slug)
        if topic is None:
            topic = Topic(
                name=spec.name.en, slug=spec.slug, description=spec.description.en, locale=source
            )
            topic.save()
            topic.save_revision().publish()
            report.topics += 1
        texts = [(topic.name, spec.name), (topic.description, spec.description)]
        report.snippet_translations += _snippet_translations_ensure(topic, texts, locales)
        topics[spec.slug] = topic
    return topics


def bureaus_ensure(
    report: DemoReport, source: Locale, locales: Mapping[str, Locale]
) -> dict[str, Bureau]:
    existing = {bureau.slug: bureau for bureau in Bureau.objects.filter(locale=source)}
    bureaus = {}
    for spec in BUREAUS:
        bureau = existing.get(spec.slug)
        if bureau is None:
            bureau = Bureau(
                name=spec.name.en,
                short_name=spec.short_name.en,
                slug=spec.slug,
                website=spec.website,
                description=spec.description.en,
                locale=source,
            )
            bureau.save()
            bureau.save_revision().publish()
            report.bureaus += 1
        texts = [
            (bureau.name, spec.name),
            (bureau.short_name, spec.short_name),
            (bureau.description, spec.description),
        ]
        report.snippet_translations += _snippet_translations_ensure(bureau, texts, locales)
        bureaus[spec.slug] = bureau
    return bureaus


# Pages -----------------------------------------------------------------------------------------


@dataclass
class _Library:
    """What every page builder needs: snippets, images, locales and the time of the run."""

    topics: dict[str, Topic]
    bureaus: dict[str, Bureau]
    images: dict
    image_alts_zh: dict[str, str]
    locales: dict[str, Locale]
    now: datetime  # aware, Asia/Shanghai

    @property
    def today(self) -> date:
        return self.now.date()


@dataclass
class _Tally:
    articles: int = 0
    events: int = 0
    translations: int = 0
    created_articles: int = 0
    created_events: int = 0


def _validated_body(model: type[Page], raw: list[dict]) -> list[dict]:
    """Validate the body as the admin form would (lengths, required fields, link rules)."""
    stream_block = model._meta.get_field("body").stream_block
    stream_block.clean(stream_block.to_python(raw))
    return raw


def _publish_new(parent: Page, page: Page, published_at: datetime) -> Page:
    page.first_published_at = published_at
    parent.add_child(instance=page)
    page.save_revision().publish()
    Page.objects.filter(pk=page.pk).update(last_published_at=published_at)
    return page


def _translations_ensure(
    page: Page,
    strings: Mapping[str, dict[str, str]],
    codes: Iterable[str],
    lib: _Library,
) -> int:
    existing = set(
        Page.objects.filter(translation_key=page.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )
    created = 0
    for code in codes:
        locale = lib.locales.get(code)
        if locale is None or code in existing:
            continue
        translated = translation_create(instance=page, locale=locale, strings=strings.get(code, {}))
        Page.objects.filter(pk=translated.pk).update(
            first_published_at=page.first_published_at,
            last_published_at=page.first_published_at,
        )
        created += 1
    return created


def _wanted_locales(title: T, *, zh: bool) -> list[str]:
    codes = [ZH] if zh else []
    return codes + [code for code in title.other if code != ZH]


def _article_published_at(spec: ArticleSpec, scope: str, lib: _Library) -> datetime:
    if spec.published_on:
        return _aware(spec.published_on, clock(10, 0))
    seed = _seed(scope, spec.slug)
    days = 1 + seed % (10 if spec.kind == "notice" else 75)
    return _aware(lib.today - timedelta(days=days), clock(9 + seed % 9, (seed // 9) % 4 * 15))


def article_ensure(
    spec: ArticleSpec,
    *,
    index: ArticleIndexPage,
    existing: Mapping[str, ArticlePage],
    context: Mapping[str, str],
    scope: str,
    translate_zh: bool,
    lib: _Library,
    tally: _Tally,
) -> ArticlePage:
    renderer = Renderer(context, lib.images, lib.image_alts_zh)
    title = renderer.text(spec.title)
    summary = renderer.text(spec.summary)
    body = renderer.body(spec.body)
    page = existing.get(spec.slug)
    if page is None:
        bureau = lib.bureaus[spec.bureau] if spec.bureau else None
        page = ArticlePage(
            title=title,
            slug=spec.slug,
            locale=index.locale,
            kind=spec.kind,
            priority=spec.priority,
            summary=summary,
            body=_validated_body(ArticlePage, body),
            hero_image=lib.images[spec.hero],
            bureau=bureau,
            effective_from=_offset(lib.today, spec.effective_days),
            expires_on=_offset(lib.today, spec.expires_days),
            official_source_url=(
                f"https://example.org/demo/{spec.bureau}/{spec.slug}" if bureau else ""
            ),
            topics=[
                ArticlePageTopic(topic=lib.topics[slug], locale=index.locale)
                for slug in spec.topics
            ],
        )
        _publish_new(index, page, _article_published_at(spec, scope, lib))
        tally.created_articles += 1
    tally.articles += 1
    codes = _wanted_locales(spec.title, zh=translate_zh)
    tally.translations += _translations_ensure(page, renderer.strings, codes, lib)
    return page


def _offset(today: date, days: int | None) -> date | None:
    return today + timedelta(days=days) if days is not None else None


def _event_times(
    spec: EventSpec, when: str, scope: str, lib: _Library
) -> tuple[datetime, datetime]:
    seed = _seed(scope, spec.slug)
    if when == "past":
        day = lib.today - timedelta(days=4 + seed % 60)
        if spec.weekend:
            day -= timedelta(days=(day.weekday() - 5) % 7)
    else:
        day = lib.today + timedelta(days=3 + seed % 45)
        if spec.weekend:
            day += timedelta(days=(5 - day.weekday()) % 7)
    starts = _aware(day, clock(spec.start_hour, spec.start_minute))
    return starts, starts + timedelta(minutes=spec.duration_minutes)


def event_ensure(
    spec: EventSpec,
    when: str,
    *,
    index: EventIndexPage,
    existing: Mapping[str, EventPage],
    context: Mapping[str, str],
    scope: str,
    coordinates: tuple[str, str] | None,
    lib: _Library,
    tally: _Tally,
) -> EventPage:
    renderer = Renderer({**context, "event_slug": spec.slug}, lib.images, lib.image_alts_zh)
    title = renderer.text(spec.title)
    summary = renderer.text(spec.summary)
    body = renderer.body(spec.body)
    venue = renderer.text(spec.venue)
    address = renderer.text(spec.address)
    organiser = renderer.text(spec.organiser)
    price_note = renderer.optional(spec.price_note)
    page = existing.get(spec.slug)
    if page is None:
        starts, ends = _event_times(spec, when, scope, lib)
        known = {code for code, _name in settings.LANGUAGES}
        latitude, longitude = spec.latitude, spec.longitude
        if latitude is None and coordinates is not None:
            latitude, longitude = (Decimal(value) for value in coordinates)
        page = EventPage(
            title=title,
            slug=spec.slug,
            locale=index.locale,
            category=spec.category,
            summary=summary,
            starts_at=starts,
            ends_at=ends,
            venue=venue,
            address=address,
            latitude=latitude,
            longitude=longitude,
            languages=[code for code in spec.languages if code in known],
            price=spec.price,
            price_note=price_note,
            capacity=spec.capacity,
            registration_required=spec.registration_required,
            registration_deadline=(
                starts - timedelta(days=1) if spec.registration_required else None
            ),
            max_party_size=spec.max_party_size,
            organiser=organiser,
            contact_email=context["email"],
            hero_image=lib.images[spec.hero],
            body=_validated_body(EventPage, body),
        )
        published_at = min(starts - timedelta(days=14), lib.now - timedelta(hours=1))
        _publish_new(index, page, published_at)
        tally.created_events += 1
    tally.events += 1
    codes = _wanted_locales(spec.title, zh=True)
    tally.translations += _translations_ensure(page, renderer.strings, codes, lib)
    return page


def _pick(pool: list, start: int, excluded: set[str], taken: set[str]):
    """The first template from `start` on (wrapping) that is neither excluded nor taken."""
    for step in range(len(pool)):
        spec = pool[(start + step) % len(pool)]
        if spec.slug not in excluded and spec.slug not in taken:
            return spec
    raise ValueError("template pool exhausted")


def community_event_plan(slug: str, position: int) -> list[tuple[EventSpec, str]]:
    """One past and one upcoming event per category, varied between communities.

    A community's own events (Huacao's HICC classes) take the slot of their category and time.
    """
    extras = events_data.COMMUNITY_EXTRAS.get(slug, [])
    excluded = events_data.COMMUNITY_EXCLUDED.get(slug, set())
    own = {(spec.category, when): spec for spec, when in extras}
    plan = []
    for offset, (category, pool) in enumerate(events_data.POOLS.items()):
        taken: set[str] = set()
        for step, when in enumerate(("past", "upcoming")):
            spec = own.get((category, when)) or _pick(
                pool, position + offset + step * 2, excluded, taken
            )
            taken.add(spec.slug)
            plan.append((spec, when))
    return plan


def community_article_plan(slug: str, position: int) -> list[ArticleSpec]:
    """Two articles of every kind, a third of two kinds, plus the community's own."""
    excluded = articles_data.COMMUNITY_EXCLUDED.get(slug, set())
    kinds = list(articles_data.POOLS)
    extra_kinds = {kinds[position % len(kinds)], kinds[(position + 3) % len(kinds)]}
    plan = []
    for offset, (kind, pool) in enumerate(articles_data.POOLS.items()):
        taken: set[str] = set()
        for step in range(3 if kind in extra_kinds else 2):
            spec = _pick(pool, position * 2 + offset + step * 2, excluded, taken)
            taken.add(spec.slug)
            plan.append(spec)
    return plan + list(articles_data.COMMUNITY_EXTRAS.get(slug, []))


def index_pages(parent: Page) -> tuple[ArticleIndexPage, EventIndexPage]:
    return (
        ArticleIndexPage.objects.child_of(parent).get(slug="news"),
        EventIndexPage.objects.child_of(parent).get(slug="events"),
    )


def community_content_ensure(
    facts: CommunityFacts, community: CommunityPage, position: int, lib: _Library
) -> _Tally:
    tally = _Tally()
    context = community_context(facts, position)
    news, events = index_pages(community)
    existing_articles = {page.slug: page for page in ArticlePage.objects.child_of(news)}
    untranslated = UNTRANSLATED_ZH.get(facts.slug, set())
    for spec in community_article_plan(facts.slug, position):
        article_ensure(
            spec,
            index=news,
            existing=existing_articles,
            context=context,
            scope=facts.slug,
            translate_zh=spec.kind not in untranslated,
            lib=lib,
            tally=tally,
        )
    existing_events = {page.slug: page for page in EventPage.objects.child_of(events)}
    for spec, when in community_event_plan(facts.slug, position):
        event_ensure(
            spec,
            when,
            index=events,
            existing=existing_events,
            context=context,
            scope=facts.slug,
            coordinates=APPROXIMATE_CENTRES.get(facts.slug),
            lib=lib,
            tally=tally,
        )
    return tally


def city_content_ensure(home: HomePage, lib: _Library) -> _Tally:
    tally = _Tally()
    news, events = index_pages(home)
    existing_articles = {page.slug: page for page in ArticlePage.objects.child_of(news)}
    for spec in articles_data.CITY_ARTICLES:
        article_ensure(
            spec,
            index=news,
            existing=existing_articles,
            context=CITY_CONTEXT,
            scope="city",
            translate_zh=True,
            lib=lib,
            tally=tally,
        )
    existing_events = {page.slug: page for page in EventPage.objects.child_of(events)}
    for spec, when in events_data.CITY_EVENTS:
        event_ensure(
            spec,
            when,
            index=events,
            existing=existing_events,
            context=CITY_CONTEXT,
            scope="city",
            coordinates=None,
            lib=lib,
            tally=tally,
        )
    return tally


# Community pages: centre details and a hero image, where setup left them bare -------------------

OPENING_HOURS = T(
    "Mon–Fri 9:00–17:00; Sat 9:00–12:00 (demo hours)",
    "周一至周五 9:00–17:00；周六 9:00–12:00（演示时间）",
)
DESK_NAME = T("International residents desk", "外籍居民服务窗口")
DESK_ROLE = T("Permits, housing, schools and everyday questions", "证件、住房、入学及日常生活咨询")


def community_details_ensure(
    facts: CommunityFacts, community: CommunityPage, position: int, lib: _Library
) -> bool:
    """Give a bare community page a hero image, centre details and a contact (first run only)."""
    if community.hero_image_id is not None:
        return False
    context = community_context(facts, position)
    renderer = Renderer(context)
    community.hero_image = lib.images[COMMUNITY_HEROES.get(facts.slug, "community-centre")]
    address = f"{facts.name}, {facts.district}, Shanghai"
    fills = {
        "centre_name": context["centre"],
        "centre_address": address,
        "centre_opening_hours": renderer.text(OPENING_HOURS),
        "centre_phone": context["phone"],
        "centre_email": context["email"],
    }
    for name, value in fills.items():
        if not getattr(community, name):
            setattr(community, name, value)
    renderer.strings[ZH][context["centre"]] = context["centre_zh"]
    renderer.strings[ZH][address] = f"上海市{facts.district_zh}{facts.name_zh}"
    renderer.strings[ZH][facts.district] = facts.district_zh
    renderer.strings[ZH][context["phone"]] = context["phone"].replace(
        "(demo number)", "（演示号码）"
    )
    coordinates = APPROXIMATE_CENTRES.get(facts.slug)
    if community.centre_latitude is None and coordinates is not None:
        community.centre_latitude, community.centre_longitude = (Decimal(v) for v in coordinates)
    if not community.contacts.exists():
        community.contacts = [
            CommunityContact(
                name=renderer.text(DESK_NAME),
                role=renderer.text(DESK_ROLE),
                phone=context["phone"],
                email=context["email"],
                locale=community.locale,
            )
        ]
    community.save_revision().publish()
    community.refresh_from_db()
    # Bring every locale's copy up to date (their titles and descriptions are already in
    # translation memory from setup; the new strings are added here).
    codes = Page.objects.filter(translation_key=community.translation_key).exclude(pk=community.pk)
    for code in codes.values_list("locale__language_code", flat=True):
        locale = lib.locales.get(code)
        if locale is not None:
            translation_create(instance=community, locale=locale, strings=renderer.strings[code])
    return True


# Users -----------------------------------------------------------------------------------------


def demo_users_ensure(report: DemoReport) -> None:
    """Create the demo users that are missing; existing users (and passwords) are left alone."""
    user_model = get_user_model()
    for demo in DEMO_USERS:
        if user_model.objects.filter(username=demo.username).exists():
            report.users_existing.append(demo.username)
            continue
        group = Group.objects.filter(name=demo.group).first() if demo.group else None
        if demo.group and group is None:
            report.users_skipped.append(demo.username)
            continue
        email = f"{demo.username}@example.org"
        if demo.superuser:
            user = user_model.objects.create_superuser(demo.username, email, DEMO_PASSWORD)
        else:
            user = user_model.objects.create_user(demo.username, email, DEMO_PASSWORD)
            user.groups.add(group)
        report.users_created.append(user.username)


# Entry point -----------------------------------------------------------------------------------


def demo_totals(report: DemoReport) -> None:
    source = settings.TAPESTRY_SOURCE_LOCALE
    per_locale = Counter(
        Page.objects.filter(depth__gt=1).values_list("locale__language_code", flat=True)
    )
    report.pages_per_locale = dict(sorted(per_locale.items()))
    report.totals = {
        "articles": ArticlePage.objects.filter(locale__language_code=source).count(),
        "events": EventPage.objects.filter(locale__language_code=source).count(),
        "translated articles": ArticlePage.objects.exclude(locale__language_code=source).count(),
        "translated events": EventPage.objects.exclude(locale__language_code=source).count(),
        "topics": Topic.objects.filter(locale__language_code=source).count(),
        "bureaus": Bureau.objects.filter(locale__language_code=source).count(),
    }


def demo_content_load(*, with_users: bool, stdout: TextIO | None = None) -> DemoReport:
    """Set up Tapestry and add the demo content that is missing. Returns what was created."""
    started = time.monotonic()
    say = _Progress(stdout)
    report = DemoReport()

    # Page by page, Wagtail would queue an index task per save; both indexes are built in one
    # pass instead, so search answers for every page once this returns. Cache purges likewise:
    # one for the whole load, not one per publish queued ahead of the first real change.
    with per_object_index_updates_paused(), purges_gathered():
        say("Setting up locales, page tree and groups...")
        report.setup_created = len(setup_tapestry().changes)
        say(f"  setup: {report.setup_created or 'no'} changes")
        _content_ensure(report, say)
    if report.created_anything or search_index_incomplete():
        started_indexing = time.monotonic()
        indexes_rebuild()
        say(f"  search and reference indexes built ({time.monotonic() - started_indexing:.1f} s)")

    if with_users:
        with transaction.atomic():
            demo_users_ensure(report)

    demo_totals(report)
    report.elapsed = time.monotonic() - started
    return report


def _content_ensure(report: DemoReport, say: _Progress) -> None:
    source = Locale.objects.get(language_code=settings.TAPESTRY_SOURCE_LOCALE)
    locales = _target_locales()
    with transaction.atomic():
        images, report.images = demo_images_ensure()
        topics = topics_ensure(report, source, locales)
        bureaus = bureaus_ensure(report, source, locales)
    say(
        f"  images: {len(images)} ({report.images} new); topics: {len(topics)} "
        f"({report.topics} new); bureaus: {len(bureaus)} ({report.bureaus} new)"
    )
    # Here rather than by the worker the images' saves enqueued: the API serves every size as
    # soon as this returns (the worker then finds nothing left to make).
    made = images_renditions_make(image_ids=[image.pk for image in images.values()])
    say(f"  renditions: {made} made")
    lib = _Library(
        topics=topics,
        bureaus=bureaus,
        images=images,
        image_alts_zh={spec.description: spec.description_zh for spec in DEMO_IMAGES},
        locales=locales,
        now=timezone.localtime(timezone.now(), SHANGHAI),
    )

    home = HomePage.objects.get(depth=2, locale=source)
    with transaction.atomic():
        tally = city_content_ensure(home, lib)
    _count(report, tally)
    say(f"  city-wide: {_describe(tally)}")

    community_index = CommunityIndexPage.objects.child_of(home).get()
    communities = communities_load()
    for position, facts in enumerate(communities):
        community = CommunityPage.objects.child_of(community_index).get(slug=facts.slug)
        with transaction.atomic():
            tally = community_content_ensure(facts, community, position, lib)
            if community_details_ensure(facts, community, position, lib):
                report.communities_enriched += 1
        _count(report, tally)
        say(f"  [{position + 1}/{len(communities)}] {facts.name}: {_describe(tally)}")


def _count(report: DemoReport, tally: _Tally) -> None:
    report.articles += tally.created_articles
    report.events += tally.created_events
    report.page_translations += tally.translations


def _describe(tally: _Tally) -> str:
    text = f"{tally.articles} articles, {tally.events} events"
    created = tally.created_articles + tally.created_events
    if created or tally.translations:
        return f"{text} ({created} pages and {tally.translations} translations created)"
    return f"{text} (all present)"
