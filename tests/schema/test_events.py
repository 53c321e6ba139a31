"""`events` and `event`: shape, locale fallback, filters (Asia/Shanghai dates), enum ordering."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import timezone

from articles.models import EventPage
from tests.helpers import HUACAO, JINQIAO, community_events_index, event_create

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

LIST = """query($locale: String, $community: String, $category: EventCategory,
  $startsAfter: DateTime, $startsBefore: DateTime, $upcoming: Boolean, $order: EventOrder,
  $first: Int, $after: String) {
  events(locale: $locale, community: $community, category: $category,
         startsAfter: $startsAfter, startsBefore: $startsBefore, upcoming: $upcoming,
         order: $order, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { slug title locale requestedLocale isFallback } }
  }
}"""

ONE = """query($slug: String, $id: ID, $community: String, $locale: String) {
  event(slug: $slug, id: $id, community: $community, locale: $locale) {
    __typename id title slug urlPath locale requestedLocale isFallback
    category summary startsAt endsAt venue address location { latitude longitude }
    languages price isFree priceNote capacity registrationRequired registrationDeadline
    registrationOpen maxPartySize organiser contactEmail
    community { slug }
    breadcrumbs { urlPath }
    translations { locale status urlPath }
    body { blockType }
  }
}"""


def slugs(data) -> list[str]:
    return [edge["node"]["slug"] for edge in data["events"]["edges"]]


def test_events_soonest_first_by_default(gql, content):
    data = gql.data(LIST)

    assert slugs(data) == ["lantern-walk", "dumplings"]
    assert data["events"]["totalCount"] == 2
    assert data["events"]["edges"][1]["node"] == {
        "slug": "dumplings",
        "title": "Dumpling workshop",
        "locale": "en",
        "requestedLocale": "en",
        "isFallback": False,
    }


def test_events_in_chinese_fall_back_where_untranslated(gql, content):
    nodes = {
        edge["node"]["slug"]: edge["node"]
        for edge in gql.data(LIST, {"locale": "zh-hans"})["events"]["edges"]
    }

    assert list(nodes) == ["lantern-walk", "dumplings"]
    assert nodes["dumplings"]["title"] == "包饺子工作坊"
    assert (nodes["dumplings"]["locale"], nodes["dumplings"]["isFallback"]) == ("zh-hans", False)
    assert nodes["lantern-walk"]["title"] == "Lantern walk"
    assert (nodes["lantern-walk"]["locale"], nodes["lantern-walk"]["isFallback"]) == ("en", True)
    assert nodes["lantern-walk"]["requestedLocale"] == "zh-hans"


def test_event_by_slug_with_everything(gql, content):
    event = gql.data(ONE, {"slug": "dumplings"})["event"]
    stored = content.events["upcoming"]

    assert event["__typename"] == "Event"
    assert event["id"] == str(stored.pk)
    assert event["urlPath"] == f"/communities/{HUACAO}/events/dumplings/"
    assert event["category"] == "WORKSHOP"
    assert event["summary"] == "Learn to make dumplings with your neighbours."
    assert event["startsAt"] == stored.starts_at.astimezone(SHANGHAI).isoformat()
    assert event["startsAt"].endswith("+08:00")
    assert event["endsAt"] == stored.ends_at.astimezone(SHANGHAI).isoformat()
    assert event["venue"] == "Huacao International Community Center, Hall 2"
    assert event["address"] == "Huacao Town, Minhang District, Shanghai"
    assert event["location"] is None
    assert event["languages"] == []
    assert (event["price"], event["isFree"]) == (None, True)
    assert event["capacity"] is None
    assert event["registrationRequired"] is False
    assert event["registrationOpen"] is False
    assert event["community"] == {"slug": HUACAO}
    assert [crumb["urlPath"] for crumb in event["breadcrumbs"]] == [
        "/",
        "/communities/",
        f"/communities/{HUACAO}/",
        f"/communities/{HUACAO}/events/",
        f"/communities/{HUACAO}/events/dumplings/",
    ]
    statuses = {entry["locale"]: entry["status"] for entry in event["translations"]}
    assert statuses["en"] == statuses["zh-hans"] == "live"
    assert statuses["ja"] == "missing"
    assert [block["blockType"] for block in event["body"]] == []


def test_event_in_chinese_and_by_id(gql, content):
    zh = gql.data(ONE, {"slug": "dumplings", "locale": "zh-hans"})["event"]
    assert (zh["title"], zh["locale"], zh["isFallback"]) == ("包饺子工作坊", "zh-hans", False)
    assert zh["id"] == str(content.zh["upcoming"].pk)

    fallback = gql.data(ONE, {"slug": "lantern-walk", "locale": "zh-hans"})["event"]
    assert (fallback["title"], fallback["locale"], fallback["isFallback"]) == (
        "Lantern walk",
        "en",
        True,
    )

    by_id = gql.data(ONE, {"id": str(content.events["past"].pk)})["event"]
    assert by_id["slug"] == "lantern-walk"


def test_event_with_price_capacity_location_and_open_registration(gql, content):
    starts = timezone.now() + datetime.timedelta(days=10)
    event_create(
        community_events_index(JINQIAO),
        publish=True,
        slug="forum",
        category=EventPage.Category.BUSINESS_FORUM,
        starts_at=starts,
        price=Decimal("50.00"),
        price_note="Includes tea",
        capacity=30,
        registration_required=True,
        registration_deadline=starts - datetime.timedelta(days=1),
        latitude=Decimal("31.2400"),
        longitude=Decimal("121.5900"),
        languages=["en", "zh-hans"],
        organiser="Jinqiao Business Club",
        contact_email="forum@example.org",
    )

    event = gql.data(ONE, {"slug": "forum"})["event"]

    assert event["category"] == "BUSINESS_FORUM"
    assert (event["price"], event["isFree"], event["priceNote"]) == ("50.00", False, "Includes tea")
    assert event["capacity"] == 30
    assert (event["registrationRequired"], event["registrationOpen"]) == (True, True)
    assert event["registrationDeadline"].endswith("+08:00")
    assert event["location"] == {"latitude": 31.24, "longitude": 121.59}
    assert event["languages"] == ["en", "zh-hans"]
    assert (event["organiser"], event["contactEmail"]) == (
        "Jinqiao Business Club",
        "forum@example.org",
    )
    assert event["community"] == {"slug": JINQIAO}


def test_registration_is_closed_after_the_deadline(gql, content):
    starts = timezone.now() + datetime.timedelta(days=3)
    event_create(
        community_events_index(HUACAO),
        publish=True,
        slug="closed",
        starts_at=starts,
        registration_required=True,
        registration_deadline=timezone.now() - datetime.timedelta(hours=1),
    )

    assert gql.data(ONE, {"slug": "closed"})["event"]["registrationOpen"] is False


def test_event_unknown_slug_is_null_and_missing_slug_is_an_error(gql, content):
    assert gql.data(ONE, {"slug": "no-such-event"})["event"] is None

    error = gql.errors(ONE, {})[0]
    assert error["extensions"] == {"code": "REQUIRED", "field": "slug"}
    assert gql.errors(ONE, {"id": "abc"})[0]["extensions"] == {"code": "INVALID", "field": "id"}


def test_event_by_slug_within_a_community(gql, content):
    assert gql.data(ONE, {"slug": "dumplings", "community": HUACAO})["event"]["slug"] == (
        "dumplings"
    )
    assert gql.data(ONE, {"slug": "dumplings", "community": JINQIAO})["event"] is None


def test_events_filter_by_category(gql, content):
    assert slugs(gql.data(LIST, {"category": "CULTURAL"})) == ["lantern-walk"]
    assert slugs(gql.data(LIST, {"category": "WORKSHOP"})) == ["dumplings"]
    assert slugs(gql.data(LIST, {"category": "SEMINAR"})) == []


def test_events_filter_upcoming_and_past(gql, content):
    assert slugs(gql.data(LIST, {"upcoming": True})) == ["dumplings"]
    assert slugs(gql.data(LIST, {"upcoming": False})) == ["lantern-walk"]


def test_an_event_under_way_is_upcoming(gql, content):
    event_create(
        community_events_index(HUACAO),
        publish=True,
        slug="under-way",
        starts_at=timezone.now() - datetime.timedelta(hours=1),
    )

    assert "under-way" in slugs(gql.data(LIST, {"upcoming": True}))
    assert "under-way" not in slugs(gql.data(LIST, {"upcoming": False}))


@pytest.fixture
def new_year_talk(content):
    """An event at 10:00 Shanghai time (02:00 UTC) on 10 January 2027."""
    return event_create(
        community_events_index(HUACAO),
        publish=True,
        slug="new-year-talk",
        starts_at=datetime.datetime(2027, 1, 10, 10, 0, tzinfo=SHANGHAI),
    )


@pytest.mark.parametrize(
    ("variables", "found"),
    [
        ({"startsAfter": "2027-01-10T09:00:00"}, True),  # 09:00 Shanghai, not 09:00 UTC
        ({"startsAfter": "2027-01-10T10:00:00"}, True),
        ({"startsAfter": "2027-01-10T10:00:01"}, False),
        ({"startsBefore": "2027-01-10T11:00:00"}, True),
        ({"startsBefore": "2027-01-10T10:00:00"}, False),
        ({"startsBefore": "2027-01-10T02:30:00+00:00"}, True),
        ({"startsAfter": "2027-01-10T02:30:00Z"}, False),
        ({"startsAfter": "2027-01-10T00:00:00", "startsBefore": "2027-01-11T00:00:00"}, True),
        # Offsets as far as ISO 8601 goes, beyond PostgreSQL's ±15:59.
        ({"startsAfter": "2027-01-09T02:01:00-23:59"}, True),
        ({"startsAfter": "2027-01-09T02:02:00-23:59"}, False),
        ({"startsBefore": "2027-01-11T02:00:00+23:59"}, True),
    ],
)
def test_events_filter_by_start_naive_times_are_shanghai(gql, new_year_talk, variables, found):
    assert ("new-year-talk" in slugs(gql.data(LIST, variables))) is found


def test_an_empty_start_range_is_an_error(gql, content):
    error = gql.errors(
        LIST, {"startsAfter": "2027-01-10T00:00:00", "startsBefore": "2027-01-09T00:00:00"}
    )[0]

    assert error["extensions"] == {"code": "INVALID_RANGE", "field": "startsBefore"}


def test_a_malformed_date_is_an_error(gql, content):
    body = gql(LIST, {"startsAfter": "next tuesday"}, status=400)

    assert "startsAfter" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"startsAfter": "9999-12-31T23:59:59-23:59"}, "startsAfter"),
        ({"startsBefore": "0001-01-01T00:00:00+14:00"}, "startsBefore"),
    ],
)
def test_a_time_beyond_what_utc_holds_is_out_of_range(gql, content, variables, field):
    error = gql.errors(LIST, variables)[0]

    assert error["extensions"] == {"code": "OUT_OF_RANGE", "field": field}


def test_events_filter_by_community(gql, content):
    assert slugs(gql.data(LIST, {"community": HUACAO})) == ["lantern-walk", "dumplings"]
    assert slugs(gql.data(LIST, {"community": JINQIAO})) == []
    error = gql.errors(LIST, {"community": "atlantis"})[0]
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "community"}


def _published_days_ago(page, days: int) -> None:
    moment = timezone.now() - datetime.timedelta(days=days)
    EventPage.objects.filter(pk=page.pk).update(first_published_at=moment)


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("STARTS_SOONEST", ["lantern-walk", "dumplings"]),
        ("STARTS_LATEST", ["dumplings", "lantern-walk"]),
        ("NEWEST", ["dumplings", "lantern-walk"]),
        ("TITLE", ["dumplings", "lantern-walk"]),
    ],
)
def test_events_order_by_enum(gql, content, order, expected):
    _published_days_ago(content.events["upcoming"], 1)
    _published_days_ago(content.events["past"], 5)

    assert slugs(gql.data(LIST, {"order": order})) == expected


def test_events_newest_orders_translations_by_the_source_publication(gql, content):
    _published_days_ago(content.events["upcoming"], 5)
    _published_days_ago(content.events["past"], 1)

    assert slugs(gql.data(LIST, {"order": "NEWEST", "locale": "zh-hans"})) == [
        "lantern-walk",
        "dumplings",
    ]


def test_events_page_with_cursors(gql, content):
    first = gql.data(LIST, {"first": 1})["events"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["totalCount"] == 2

    rest = gql.data(LIST, {"first": 1, "after": first["pageInfo"]["endCursor"]})
    assert slugs(rest) == ["dumplings"]
    assert rest["events"]["pageInfo"]["hasNextPage"] is False
