"""The translator's queue: the dashboard panel and the Translations report, per locale, most
urgent first, with the desk's due dates, linking to the translation editor."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from articles.models import ArticlePage
from communities.editorial.translation_queue import (
    CHANGES_REQUESTED,
    translation_due_date_set,
    translation_queue,
)
from communities.models import TranslationDueDate
from home.translation import translation_create
from tests import helpers

pytestmark = pytest.mark.django_db

QUEUE = "Translation queue"


def queue_rows(html: str) -> list[dict]:
    soup = BeautifulSoup(html, "html.parser")
    panel = soup.select_one("#translation-queue-section, section#translation-queue")
    if panel is None:
        panel = next(
            section
            for section in soup.select("section.w-panel")
            if QUEUE in section.get_text(" ", strip=True)[:60]
        )
    return [
        {
            "title": row.select_one("td.title a").get_text(strip=True),
            "href": row.select_one("td.title a")["href"],
            "state": row["data-queue-state"],
            "locale": row["data-locale"],
            "text": row.get_text(" ", strip=True),
        }
        for row in panel.select("tr[data-queue-state]")
    ]


def news(title: str, **fields) -> ArticlePage:
    return helpers.article_create(
        helpers.community_news_index(helpers.HUACAO), title=title, publish=True, **fields
    )


def zh_queue(**kwargs):
    return [
        item
        for item in translation_queue(locales=[helpers.locale("zh-hans")], **kwargs)
        if item.source.title.startswith("Q:")
    ]


def test_the_queue_lists_work_most_urgent_first_then_due_then_oldest():
    desk = helpers.user_create(groups=[helpers.DESK])
    old = news("Q: old story")
    later_due = news("Q: due later")
    soon_due = news("Q: due soon")
    notice = news("Q: water notice", kind=ArticlePage.Kind.NOTICE)
    urgent = news("Q: typhoon warning", priority=ArticlePage.Priority.URGENT)
    done = news("Q: translated")
    translation_create(instance=done, locale=helpers.locale("zh-hans"))
    zh = helpers.locale("zh-hans")
    today = datetime.date.today()
    translation_due_date_set(
        page=later_due, locale=zh, due_on=today + datetime.timedelta(days=9), user=desk
    )
    translation_due_date_set(
        page=soon_due, locale=zh, due_on=today + datetime.timedelta(days=2), user=desk
    )

    items = zh_queue()

    assert [item.source.title for item in items] == [
        "Q: typhoon warning",
        "Q: water notice",
        "Q: due soon",
        "Q: due later",
        "Q: old story",
    ]
    assert {item.state for item in items} == {"missing"}
    assert items[0].urgency_label == "Urgent"
    assert items[2].due_on == today + datetime.timedelta(days=2)
    assert old.pk in {item.source.pk for item in items}
    assert urgent.pk == items[0].source.pk and notice.pk == items[1].source.pk


def test_the_queue_holds_missing_outdated_in_progress_and_sent_back_but_not_live():
    reviewer = helpers.user_create(groups=[helpers.ZH_REVIEWERS])
    translator = helpers.user_create(groups=[helpers.ZH_TRANSLATORS])
    missing = news("Q: missing")
    outdated = news("Q: outdated")
    translation_create(instance=outdated, locale=helpers.locale("zh-hans"))
    outdated.save_revision().publish()
    in_progress = news("Q: in progress")
    helpers.translation_start(in_progress, "zh-hans", user=translator)
    sent_back = news("Q: sent back")
    zh_sent_back = helpers.translation_start(sent_back, "zh-hans", user=translator)
    helpers.workflow_submit(zh_sent_back, translator)
    helpers.current_task_state(zh_sent_back).specific.task.specific.on_action(
        helpers.current_task_state(zh_sent_back), reviewer, "reject", comment="Check names."
    )
    live = news("Q: live")
    translation_create(instance=live, locale=helpers.locale("zh-hans"))

    states = {item.source.title: item.state for item in zh_queue()}

    assert states == {
        "Q: missing": "missing",
        "Q: outdated": "outdated",
        "Q: in progress": "in_progress",
        "Q: sent back": CHANGES_REQUESTED,
    }
    assert not missing.get_translations().filter(locale__language_code="zh-hans").exists()


def test_translator_dashboard_lists_the_queue_and_links_to_the_translation_editor(client):
    translator = helpers.user_create(groups=[helpers.ZH_TRANSLATORS])
    missing = news("Q: clinic hours")
    outdated = news("Q: library hours")
    zh_outdated = translation_create(
        instance=outdated, locale=helpers.locale("zh-hans"), strings={"Q: library hours": "图书馆"}
    )
    translation_create(instance=outdated, locale=helpers.locale("ja"))
    outdated.save_revision().publish()
    client.force_login(translator)

    rows = {row["title"]: row for row in queue_rows(client.get("/admin/").content.decode())}

    assert rows["Q: library hours"]["state"] == "outdated"
    assert rows["Q: library hours"]["href"] == f"/admin/pages/{zh_outdated.pk}/edit/"
    assert rows["Q: clinic hours"]["state"] == "missing"
    assert rows["Q: clinic hours"]["href"] == (
        f"/admin/localize/submit/page/{missing.pk}/?select_locale=zh-hans"
    )
    assert {row["locale"] for row in rows.values()} == {"zh-hans"}
    for row in rows.values():
        assert f"/admin/pages/{missing.pk}/edit/" not in row["href"]
        assert f"/admin/pages/{outdated.pk}/edit/" not in row["href"]
        assert client.get(row["href"]).status_code == 200  # the translator may open it


def test_a_synced_translation_stays_on_the_translators_dashboard(client):
    """Row 5: "Sync translated pages" turns an outdated live translation into a draft."""
    translator = helpers.user_create(groups=[helpers.ZH_TRANSLATORS])
    desk = helpers.user_create(groups=[helpers.DESK])
    article = news("Q: bus routes change")
    zh_article = translation_create(
        instance=article, locale=helpers.locale("zh-hans"), strings={"Q: bus routes change": "公交"}
    )
    article.summary = "Routes 2 and 5 now stop at the metro."
    article.save_revision(user=desk).publish(user=desk)
    source = TranslationSource.objects.get(object_id=article.translation_key)
    client.force_login(desk)
    assert client.post(f"/admin/localize/update/{source.pk}/").status_code == 302

    client.force_login(translator)
    html = client.get("/admin/").content.decode()
    rows = {row["title"]: row for row in queue_rows(html)}

    assert rows["Q: bus routes change"]["state"] == "in_progress"
    assert rows["Q: bus routes change"]["href"] == f"/admin/pages/{zh_article.pk}/edit/"
    assert "is up to date" not in html


def test_report_queue_per_locale_sorted_by_urgency_with_due_dates(client):
    desk = helpers.user_create(groups=[helpers.DESK])
    plain = news("Q: park reopens")
    urgent = news("Q: road closed", priority=ArticlePage.Priority.URGENT)
    translation_due_date_set(
        page=plain, locale=helpers.locale("zh-hans"), due_on=datetime.date(2030, 1, 2), user=desk
    )
    client.force_login(desk)

    html = client.get(
        "/admin/reports/translations/",
        {"locale": "zh-hans", "status": "needs_work", "order": "urgency"},
    ).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    titles = [
        cell.get_text(" ", strip=True)
        for cell in soup.select("table.listing tbody td.title")
        if "Q:" in cell.get_text()
    ]

    assert titles.index("Q: road closed") < titles.index("Q: park reopens")
    urgent_row = next(
        row for row in soup.select("table.listing tbody tr") if "Q: road closed" in row.get_text()
    )
    assert "Urgent" in urgent_row.get_text(" ", strip=True)
    assert urgent_row.select_one('td[data-locale="zh-hans"][data-queue-state="missing"]')
    plain_row = next(
        row for row in soup.select("table.listing tbody tr") if "Q: park reopens" in row.get_text()
    )
    assert "due 2030-01-02" in plain_row.get_text(" ", strip=True)
    assert plain_row.select_one("[data-set-due]") is not None
    assert urgent.live


def test_report_links_translators_to_the_editor_only_in_their_locales(client):
    article = news("Q: tax guide")
    client.force_login(helpers.user_create(groups=[helpers.ZH_TRANSLATORS]))

    html = client.get("/admin/reports/translations/", {"status": "needs_work"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    row = next(
        row for row in soup.select("table.listing tbody tr") if "Q: tax guide" in row.get_text()
    )

    zh_link = row.select_one('td[data-locale="zh-hans"] a')
    assert zh_link["href"] == f"/admin/localize/submit/page/{article.pk}/?select_locale=zh-hans"
    assert row.select_one('td[data-locale="ja"] a') is None
    assert row.select_one("[data-set-due]") is None  # due dates are the desk's


def test_desk_sets_and_clears_a_due_date_translators_cannot(client):
    article = news("Q: flu vaccines")
    url = f"/admin/reports/translations/due/{article.pk}/zh-hans/"
    client.force_login(helpers.user_create(groups=[helpers.ZH_TRANSLATORS]))
    assert client.post(url, {"due_on": "2030-05-01"}).status_code in (302, 403)
    assert not TranslationDueDate.objects.filter(page=article).exists()

    client.force_login(helpers.user_create(groups=[helpers.DESK]))
    assert client.get(url).status_code == 200
    response = client.post(url, {"due_on": "2030-05-01", "next": "/admin/reports/translations/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/reports/translations/"
    due = TranslationDueDate.objects.get(page=article, locale__language_code="zh-hans")
    assert due.due_on == datetime.date(2030, 5, 1)

    client.post(url, {"due_on": "", "clear": "1"})
    assert not TranslationDueDate.objects.filter(page=article).exists()
    assert client.post(url, {"due_on": "not a date"}).status_code == 200  # the form, with its error
    # English is the source, not a target: no form (a 404, redirected under /en/ by i18n).
    assert client.get(f"/admin/reports/translations/due/{article.pk}/en/").status_code in (302, 404)


def test_translations_csv_gives_the_path_the_api_serves():
    """Row 9: the CSV said /home/news/ where the API says /news/."""
    from django.test import Client

    article = helpers.article_create(helpers.city_news_index(), title="Q: csv path", publish=True)
    client = Client()
    client.force_login(helpers.user_create(superuser=True))

    response = client.get("/admin/reports/translations/?export=csv&locale=zh-hans")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    row = next(row for row in rows if row["Title"] == "Q: csv path")

    assert row["URL path"] == f"/news/{article.slug}/"
    assert Page.objects.get(pk=article.pk).url_path == f"/home/news/{article.slug}/"
    assert row["Status (zh-hans)"] == "missing"


def test_translator_submit_from_the_queue_link_creates_their_locale_only(client):
    translator = helpers.user_create(groups=[helpers.ZH_TRANSLATORS])
    article = news("Q: new market")
    client.force_login(translator)

    form = client.get(f"/admin/localize/submit/page/{article.pk}/?select_locale=zh-hans")
    soup = BeautifulSoup(form.content.decode(), "html.parser")
    checked = [box["value"] for box in soup.select('input[name="locales"][checked]')]

    assert form.status_code == 200
    assert checked == [str(helpers.locale("zh-hans").pk)]


def test_the_queue_costs_the_same_queries_for_few_or_many_pages():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    zh = [helpers.locale("zh-hans"), helpers.locale("ja")]

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            translation_queue(locales=zh)
        return len(queries)

    news("Q: one")
    few = cost()
    for n in range(6):
        page = news(f"Q: more {n}", priority=ArticlePage.Priority.URGENT if n % 2 else "normal")
        if n % 3 == 0:
            translation_create(instance=page, locale=helpers.locale("zh-hans"))

    assert cost() == few
