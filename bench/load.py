"""Load the benchmark database: the demo content, then generated articles and events up to the
targets (about 1,000 live English articles and 300 events, half of them translated into Chinese).

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.load

Idempotent: generated pages are numbered (`bench-article-0001`, ...) and a run only adds what is
missing below the targets, so a second run adds nothing. Each generated policy update supersedes
the previous one; the search index is built when pages are missing from it (no Celery worker
runs during the load to index them), and the database is ANALYZEd at the end.
"""

import os
import sys
import time
from datetime import timedelta
from itertools import pairwise
from urllib.parse import urlsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

ARTICLE_TARGET = int(os.environ.get("BENCH_ARTICLES", "1000"))
EVENT_TARGET = int(os.environ.get("BENCH_EVENTS", "300"))
BATCH = 50
SUBJECTS = [
    ("Residence permit service hours change", "居留许可办理时间调整"),
    ("New bilingual health clinic opens", "新的双语诊所开业"),
    ("Community garden volunteers wanted", "社区花园招募志愿者"),
    ("Metro line extension: what changes", "地铁延伸段：有哪些变化"),
    ("Tax filing help for foreign residents", "外籍居民报税帮助"),
    ("School enrolment for international families", "国际家庭子女入学"),
    ("Waste sorting reminders", "垃圾分类提醒"),
    ("Business registration made simpler", "企业登记更便捷"),
]
EVENT_SUBJECTS = [
    ("Mid-autumn lantern walk", "中秋灯笼漫步", "cultural"),
    ("Family dumpling workshop", "家庭包饺子活动", "family"),
    ("Cross-border trade forum", "跨境贸易论坛", "business_forum"),
    ("AI in manufacturing seminar", "人工智能与制造业研讨会", "seminar"),
    ("Mandarin for beginners", "零基础中文课", "workshop"),
]


def say(message: str) -> None:
    print(message, flush=True)


def database_ensure(url: str) -> None:
    """Create the benchmark database when it does not exist (PostgreSQL only)."""
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        dbname="postgres",
        user=parts.username or "postgres",
        password=parts.password,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            say(f"Created database {name}")
    connection.close()


def _sections():
    """(article index, event index) of the city and of each community, in the source locale."""
    from django.conf import settings
    from wagtail.models import Locale

    from articles.models import ArticleIndexPage, EventIndexPage
    from communities.models import CommunityPage
    from home.models import HomePage

    source = Locale.objects.get(language_code=settings.TAPESTRY_SOURCE_LOCALE)
    home = HomePage.objects.get(depth=2, locale=source)
    parents = [home, *CommunityPage.objects.filter(locale=source).order_by("path")]
    return [
        (
            ArticleIndexPage.objects.child_of(parent).get(slug="news"),
            EventIndexPage.objects.child_of(parent).get(slug="events"),
        )
        for parent in parents
    ]


def _next_number(model, prefix: str) -> int:
    slugs = model.objects.filter(slug__startswith=prefix).values_list("slug", flat=True)
    numbers = [
        int(slug.removeprefix(prefix)) for slug in slugs if slug.removeprefix(prefix).isdigit()
    ]
    return max(numbers, default=0) + 1


def _paragraph(text: str) -> list[dict]:
    import uuid

    return [{"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}]


def _publish(index, page, published_at):
    from wagtail.models import Page

    page.first_published_at = published_at
    index.add_child(instance=page)
    page.save_revision().publish()
    Page.objects.filter(pk=page.pk).update(last_published_at=published_at)


def _translate(page, zh, strings: dict[str, str]) -> None:
    from wagtail.models import Page

    from home.translation import translation_create

    translated = translation_create(instance=page, locale=zh, strings=strings)
    Page.objects.filter(pk=translated.pk).update(
        first_published_at=page.first_published_at, last_published_at=page.first_published_at
    )


def articles_ensure(lib: dict) -> int:
    from django.db import transaction

    from articles.models import ArticlePage, ArticlePageTopic

    live = ArticlePage.objects.live().filter(locale=lib["source"]).count()
    missing = max(0, ARTICLE_TARGET - live)
    say(f"Articles: {live} live in {lib['source'].language_code}, adding {missing}")
    number = _next_number(ArticlePage, "bench-article-")
    kinds = list(ArticlePage.Kind)
    created = 0
    while created < missing:
        with transaction.atomic():
            for _ in range(min(BATCH, missing - created)):
                n = number
                article_index, _event_index = lib["sections"][n % len(lib["sections"])]
                kind = kinds[n % len(kinds)]
                subject, subject_zh = SUBJECTS[n % len(SUBJECTS)]
                title = f"{subject} ({n})"
                summary = f"What residents need to know: {subject.lower()}, update {n}."
                official = kind in ArticlePage.OFFICIAL_KINDS
                topics = [
                    lib["topics"][n % len(lib["topics"])],
                    lib["topics"][(n + 3) % len(lib["topics"])],
                ]
                page = ArticlePage(
                    title=title,
                    slug=f"bench-article-{n:04d}",
                    locale=article_index.locale,
                    kind=kind,
                    priority="urgent" if n % 25 == 0 else "normal",
                    summary=summary,
                    body=_paragraph(f"{summary} Details follow from the issuing office."),
                    hero_image=lib["images"][n % len(lib["images"])],
                    hero_image_alt=f"Illustration for {subject.lower()}",
                    bureau=lib["bureaus"][n % len(lib["bureaus"])] if official else None,
                    effective_from=(lib["now"] + timedelta(days=n % 30)).date()
                    if official
                    else None,
                    topics=[
                        ArticlePageTopic(topic=topic, locale=article_index.locale)
                        for topic in dict.fromkeys(topics)
                    ],
                )
                _publish(article_index, page, lib["now"] - timedelta(hours=7 * n + 1))
                if n % 2 == 0:
                    _translate(
                        page,
                        lib["zh"],
                        {
                            title: f"{subject_zh}（{n}）",
                            summary: f"居民须知：{subject_zh}，第 {n} 次更新。",
                        },
                    )
                number += 1
                created += 1
        say(f"  articles: {created}/{missing}")
    return created


def events_ensure(lib: dict) -> int:
    from django.db import transaction

    from articles.models import EventPage

    live = EventPage.objects.live().filter(locale=lib["source"]).count()
    missing = max(0, EVENT_TARGET - live)
    say(f"Events: {live} live in {lib['source'].language_code}, adding {missing}")
    number = _next_number(EventPage, "bench-event-")
    created = 0
    while created < missing:
        with transaction.atomic():
            for _ in range(min(BATCH, missing - created)):
                n = number
                _article_index, event_index = lib["sections"][n % len(lib["sections"])]
                subject, subject_zh, category = EVENT_SUBJECTS[n % len(EVENT_SUBJECTS)]
                # Two thirds upcoming (within 90 days), a third in the past.
                offset = timedelta(days=1 + n % 90, hours=n % 9)
                starts = lib["now"] + offset if n % 3 else lib["now"] - offset
                title = f"{subject} ({n})"
                summary = f"Join neighbours for {subject.lower()}, session {n}."
                venue = f"Community centre, room {n % 12 + 1}"
                page = EventPage(
                    title=title,
                    slug=f"bench-event-{n:04d}",
                    locale=event_index.locale,
                    category=category,
                    summary=summary,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    venue=venue,
                    address=f"{n % 300 + 1} Example Road, Shanghai",
                    languages=["en", "zh-hans"],
                    hero_image=lib["images"][n % len(lib["images"])],
                    hero_image_alt=f"Illustration for {subject.lower()}",
                    body=_paragraph(summary),
                )
                _publish(event_index, page, min(starts - timedelta(days=14), lib["now"]))
                if n % 2 == 0:
                    _translate(
                        page,
                        lib["zh"],
                        {
                            title: f"{subject_zh}（{n}）",
                            summary: f"欢迎参加{subject_zh}，第 {n} 场。",
                        },
                    )
                number += 1
                created += 1
        say(f"  events: {created}/{missing}")
    return created


def supersedes_ensure(source) -> int:
    """Each generated policy update supersedes the one before it, so that `supersedes` has data
    to be measured on (bench.cost). Written on the pages' rows (the source and its translations)
    without a revision: the benchmarks read live pages only. Returns how many rows changed."""
    from articles.models import ArticlePage

    policies = list(
        ArticlePage.objects.filter(
            locale=source, slug__startswith="bench-article-", kind=ArticlePage.Kind.POLICY
        )
        .order_by("slug")
        .values_list("pk", "translation_key", "supersedes_id")
    )
    changed = 0
    for (previous, _key, _current), (_pk, key, current) in pairwise(policies):
        if current is None:
            changed += ArticlePage.objects.filter(translation_key=key).update(supersedes=previous)
    return changed


def bench_content_ensure() -> tuple[int, int]:
    from django.conf import settings
    from django.utils import timezone
    from wagtail.models import Locale

    from articles.models import Bureau, Topic
    from communities.setup.demo.images import demo_images_ensure

    source = Locale.objects.get(language_code=settings.TAPESTRY_SOURCE_LOCALE)
    images, _created = demo_images_ensure()
    lib = {
        "source": source,
        "zh": Locale.objects.get(language_code="zh-hans"),
        "sections": _sections(),
        "images": list(images.values()),
        "topics": list(Topic.objects.filter(locale=source).order_by("slug")),
        "bureaus": list(Bureau.objects.filter(locale=source).order_by("slug")),
        "now": timezone.now(),
    }
    created = articles_ensure(lib), events_ensure(lib)
    say(f"Policy updates linked to the one they supersede: {supersedes_ensure(source)} rows")
    return created


def search_index_ensure() -> bool:
    """Index every page for search when entries are missing: the loader's publications hand
    their index updates to Celery, and no worker runs during the load. True when it indexed."""
    from django.core.management import call_command
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    if IndexEntry.objects.count() >= Page.objects.live().count():
        return False
    call_command("update_index", verbosity=0)
    return True


def statistics_refresh() -> None:
    """ANALYZE the database: after a bulk load the planner's row estimates are stale until
    autovacuum gets to it, and some list queries then pick plans many times slower."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def content_summary() -> str:
    from articles.models import ArticlePage, EventPage

    parts = []
    for model in (ArticlePage, EventPage):
        live = model.objects.live()
        en = live.filter(locale__language_code="en").count()
        zh = live.filter(locale__language_code="zh-hans").count()
        parts.append(f"{model._meta.verbose_name_plural}: {en} en, {zh} zh-hans")
    return "; ".join(parts)


def main() -> int:
    started = time.monotonic()
    from bench.settings import BENCH_DATABASE_URL

    database_ensure(BENCH_DATABASE_URL)

    import django
    from django.core.management import call_command

    django.setup()
    say("Migrating...")
    call_command("migrate", "--no-input", verbosity=0)
    call_command("setup_tapestry", verbosity=0)
    say("Loading demo content...")
    call_command("load_demo_content", "--no-demo-users", verbosity=1)
    articles, events = bench_content_ensure()
    if search_index_ensure():
        say("Search index rebuilt")
    statistics_refresh()
    say(f"Added {articles} articles and {events} events in {time.monotonic() - started:.0f} s")
    say(f"Live pages: {content_summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
