"""`body` as typed blocks and `bodyHtml`: every block type, link and image rewriting."""

import json

import pytest
from bs4 import BeautifulSoup

from tests.helpers import HUACAO, article_create, community_news_index, image_create

pytestmark = pytest.mark.django_db

BODY = """query($slug: String, $locale: String) {
  article(slug: $slug, locale: $locale) {
    body {
      id blockType
      ... on ParagraphBlock { html }
      ... on HeadingBlock { text level }
      ... on ImageBlock {
        caption credit decorative
        image { url alt width height rendition(size: THUMBNAIL) { url width height } }
      }
      ... on QuoteBlock { quote attribution }
      ... on EmbedBlock { url }
      ... on CallToActionBlock { text href page { id title urlPath } }
      ... on FaqBlock { title items { question answerHtml } }
      ... on TableBlock { rows firstRowIsHeader firstColumnIsHeader caption }
    }
  }
}"""
BODY_HTML = """query($slug: String, $locale: String) {
  article(slug: $slug, locale: $locale) { bodyHtml }
}"""
POLICY_PATH = f"/communities/{HUACAO}/news/new-visa-rules/"


def _link(page, text: str) -> str:
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


@pytest.fixture
def draft(content):
    return article_create(community_news_index(HUACAO), title="Unfinished", slug="unfinished")


def _body(content, draft, *, embed: bool = True) -> str:
    """Every block type once (twice for calls to action), as Wagtail stores them."""
    policy = content.articles["policy"]
    image = image_create(title="Lanterns", description="Library description")
    blocks = [
        {
            "type": "paragraph",
            "value": f"<p>Read {_link(policy, 'the rules')} and {_link(draft, 'a draft')}.</p>"
            f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Red lanterns"/>',
        },
        {"type": "heading", "value": {"text": "Who can apply", "level": "h3"}},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Lanterns in Huacao", "decorative": False},
                "caption": "The old street",
                "credit": "Photo: CNS",
            },
        },
        {"type": "quote", "value": {"quote": "Apply early.", "attribution": "The bureau"}},
        {"type": "call_to_action", "value": {"text": "The rules", "page": policy.pk, "url": ""}},
        {
            "type": "call_to_action",
            "value": {"text": "Official site", "page": None, "url": "https://www.gov.cn/"},
        },
        {"type": "call_to_action", "value": {"text": "Soon", "page": draft.pk, "url": ""}},
        {
            "type": "faq",
            "value": {
                "title": "Questions",
                "items": [
                    {"question": "Where?", "answer": f"<p>See {_link(policy, 'the rules')}.</p>"}
                ],
            },
        },
        {
            "type": "table",
            "value": {
                "data": [["Office", "Hours"], ["Huacao", "9:00–17:00"], ["Jinqiao", None]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Opening hours",
            },
        },
    ]
    if embed:
        blocks.append({"type": "embed", "value": "https://www.youtube.com/watch?v=abc123"})
    return json.dumps(blocks)


@pytest.fixture
def article(content, draft):
    return article_create(
        community_news_index(HUACAO),
        publish=True,
        title="Every block",
        slug="every-block",
        body=_body(content, draft),
    )


@pytest.fixture
def article_without_embed(content, draft):
    return article_create(
        community_news_index(HUACAO),
        publish=True,
        title="Every block but an embed",
        slug="no-embed",
        body=_body(content, draft, embed=False),
    )


def _blocks(gql, slug: str, code: str = "en") -> list[dict]:
    return gql.data(BODY, {"slug": slug, "locale": code})["article"]["body"]


def test_body_lists_every_block_with_its_type_and_id(gql, article):
    blocks = _blocks(gql, "every-block")

    assert [block["blockType"] for block in blocks] == [
        "paragraph",
        "heading",
        "image",
        "quote",
        "call_to_action",
        "call_to_action",
        "call_to_action",
        "faq",
        "table",
        "embed",
    ]
    ids = [block["id"] for block in blocks]
    assert all(ids) and len(set(ids)) == len(ids)
    assert ids == [child.id for child in article.body]


def test_heading_quote_table_and_embed_blocks(gql, article):
    blocks = _blocks(gql, "every-block")

    assert blocks[1] | {"id": ""} == {
        "id": "",
        "blockType": "heading",
        "text": "Who can apply",
        "level": 3,
    }
    assert (blocks[3]["quote"], blocks[3]["attribution"]) == ("Apply early.", "The bureau")
    assert blocks[8]["rows"] == [["Office", "Hours"], ["Huacao", "9:00–17:00"], ["Jinqiao", ""]]
    assert blocks[8]["firstRowIsHeader"] is True
    assert blocks[8]["firstColumnIsHeader"] is False
    assert blocks[8]["caption"] == "Opening hours"
    assert blocks[9]["url"] == "https://www.youtube.com/watch?v=abc123"


def test_image_block_has_its_own_alt_text_and_absolute_urls(gql, article, media):
    image = _blocks(gql, "every-block")[2]

    assert image["caption"] == "The old street"
    assert image["credit"] == "Photo: CNS"
    assert image["decorative"] is False
    assert image["image"]["alt"] == "Lanterns in Huacao"
    assert image["image"]["url"].startswith("http://testserver/media/original_images/")
    assert (image["image"]["width"], image["image"]["height"]) == (32, 18)
    rendition = image["image"]["rendition"]
    assert rendition["url"].startswith("http://testserver/media/images/")
    assert "fill-400x225" in rendition["url"]


def test_call_to_action_links_a_page_by_url_path_or_an_external_url(gql, article, content):
    to_page, external, to_draft = _blocks(gql, "every-block")[4:7]

    assert to_page["text"] == "The rules"
    assert to_page["href"] == POLICY_PATH
    assert to_page["page"] == {
        "id": str(content.articles["policy"].pk),
        "title": "New visa rules",
        "urlPath": POLICY_PATH,
    }
    assert (external["href"], external["page"]) == ("https://www.gov.cn/", None)
    assert (to_draft["href"], to_draft["page"]) == (None, None)


def test_call_to_action_links_the_translation_in_the_requested_locale(gql, article, content):
    # "every-block" is not translated: served in en, its links point to zh-hans pages.
    to_page = _blocks(gql, "every-block", "zh-hans")[4]

    assert to_page["page"]["id"] == str(content.zh["policy"].pk)
    assert to_page["page"]["title"] == "签证新规"
    assert to_page["href"] == POLICY_PATH


def test_faq_block_rewrites_links_in_answers(gql, article, content):
    faq = _blocks(gql, "every-block")[7]

    assert faq["title"] == "Questions"
    assert faq["items"] == [
        {
            "question": "Where?",
            "answerHtml": f'<p>See <a href="{POLICY_PATH}" '
            f'data-page-id="{content.articles["policy"].pk}">the rules</a>.</p>',
        }
    ]


def _paragraph(gql, code: str = "en") -> BeautifulSoup:
    return BeautifulSoup(_blocks(gql, "every-block", code)[0]["html"], "html.parser")


def test_rich_text_page_links_become_url_paths(gql, article, content):
    links = _paragraph(gql).find_all("a")

    assert links[0].get_text() == "the rules"
    assert links[0]["href"] == POLICY_PATH
    assert links[0]["data-page-id"] == str(content.articles["policy"].pk)
    assert "linktype" not in links[0].attrs


def test_rich_text_links_point_to_the_requested_locale(gql, article, content):
    links = _paragraph(gql, "zh-hans").find_all("a")

    assert links[0]["href"] == POLICY_PATH
    assert links[0]["data-page-id"] == str(content.zh["policy"].pk)


def test_rich_text_link_to_a_draft_loses_its_href(gql, article):
    link = _paragraph(gql).find_all("a")[1]

    assert link.get_text() == "a draft"
    assert link.attrs == {}


def test_rich_text_link_loses_its_href_when_the_target_is_unpublished(gql, article, content):
    content.articles["policy"].unpublish()

    links = _paragraph(gql).find_all("a")
    assert links[0].get_text() == "the rules"
    assert links[0].attrs == {}
    to_page = _blocks(gql, "every-block")[4]
    assert (to_page["href"], to_page["page"]) == (None, None)


def test_rich_text_embedded_image_becomes_an_absolute_rendition(gql, article):
    image = _paragraph(gql).find("img")

    assert image["src"].startswith("http://testserver/media/images/")
    assert image["alt"] == "Red lanterns"
    assert "richtext-image" in image["class"]
    assert "embed" not in str(_paragraph(gql))


def test_body_html_renders_every_block(gql, article_without_embed, content):
    html = gql.data(BODY_HTML, {"slug": "no-embed"})["article"]["bodyHtml"]
    soup = BeautifulSoup(html, "html.parser")

    assert soup.find("a", string="the rules")["href"] == POLICY_PATH
    assert soup.find("a", string="a draft").attrs == {}
    assert soup.find("h3").get_text() == "Who can apply"
    figure = soup.find("figure")
    assert figure.find("img")["alt"] == "Lanterns in Huacao"
    assert figure.find("img")["src"].startswith("http://testserver/media/images/")
    assert figure.find("figcaption").get_text() == "The old street — Photo: CNS"
    assert soup.find("blockquote").get_text(" ", strip=True) == "Apply early. The bureau"
    ctas = [a["href"] for a in soup.select("p.call-to-action a")]
    assert ctas == [POLICY_PATH, "https://www.gov.cn/"]
    assert soup.find("section", class_="faq").find("dt").get_text() == "Where?"
    table = soup.find("table")
    assert table.find("caption").get_text() == "Opening hours"
    assert [th.get_text() for th in table.find_all("th")] == ["Office", "Hours"]
    assert "<script" not in html


def test_body_html_escapes_text(gql, content):
    article_create(
        community_news_index(HUACAO),
        publish=True,
        slug="escaped",
        body=json.dumps(
            [
                {"type": "heading", "value": {"text": "<script>x</script>", "level": "h2"}},
                {"type": "quote", "value": {"quote": "<b>bold</b>", "attribution": ""}},
            ]
        ),
    )

    html = gql.data(BODY_HTML, {"slug": "escaped"})["article"]["bodyHtml"]

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_a_decorative_image_has_empty_alt_text(gql, content):
    image = image_create(title="Pattern", description="A pattern")
    article_create(
        community_news_index(HUACAO),
        publish=True,
        slug="decorative",
        body=json.dumps(
            [
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "alt_text": "", "decorative": True},
                        "caption": "",
                        "credit": "",
                    },
                }
            ]
        ),
    )

    block = _blocks(gql, "decorative")[0]

    assert block["decorative"] is True
    assert block["image"]["alt"] == ""


def test_a_deleted_image_leaves_an_empty_image_block(gql, content):
    image = image_create(title="Gone")
    article_create(
        community_news_index(HUACAO),
        publish=True,
        slug="deleted-image",
        body=json.dumps(
            [
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "alt_text": "Gone", "decorative": False},
                        "caption": "Still captioned",
                        "credit": "",
                    },
                }
            ]
        ),
    )
    image.delete()

    block = _blocks(gql, "deleted-image")[0]
    html = gql.data(BODY_HTML, {"slug": "deleted-image"})["article"]["bodyHtml"]

    assert block["image"] is None
    assert block["caption"] == "Still captioned"
    assert html == ""
