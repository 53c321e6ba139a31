"""`schema.graphql` is the contract frontends code against: it must match the live schema."""

from pathlib import Path

from django.conf import settings

from schema.schema import schema

SDL = Path(settings.BASE_DIR) / "schema.graphql"


def test_committed_sdl_matches_the_live_schema():
    committed = SDL.read_text().strip()
    live = str(schema).strip()

    assert committed == live, (
        "schema.graphql differs from the live schema: run `make schema` and commit the result "
        "(and tell the frontend teams what changed)."
    )


def test_sdl_has_the_contract_names():
    sdl = SDL.read_text()

    for name in (
        "interface Page",
        "articles(",
        "events(",
        "community(",
        "communities(",
        "page(",
        "path: String!",
        "search(",
        "query: String!",
        "preview(token: String!",
        "topics(",
        "totalCount: Int!",
        "isFallback: Boolean!",
        "enum ImageSize",
        "srcset: String!",
    ):
        assert name in sdl, name
