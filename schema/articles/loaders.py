"""Loaders of articles' data: topics, issuing bureau and the article an article supersedes."""

from articles.models import ArticlePage, Bureau, Topic
from articles.selectors import articles_by_id, bureaus_by_id, topic_links, topics_by_page
from home.cache_tags import snippet_tag
from schema.core.loaders import Served, loaders_of, served_of


def _topics(pages: list, served: Served) -> dict:
    ids = [page.pk for page in pages if isinstance(page, ArticlePage)]
    return topics_by_page(topic_links(ids), served.locale, served.source)


def topics_of(info, page: ArticlePage) -> list[Topic]:
    """The article's live topics in the editor's order, in its served locale where translated;
    a preview's as the editor left them."""
    if served_of(info, page).is_preview:
        links = sorted(page.topics.all(), key=lambda link: (link.sort_order or 0, link.pk or 0))
        return [link.topic for link in links if link.topic.live]
    topics = loaders_of(info).load("topics", page, _topics).get(page.pk, [])
    info.context.tags.update(snippet_tag(Topic, topic.pk) for topic in topics)
    return topics


def _bureaus(pages: list, served: Served) -> dict:
    ids = {getattr(page, "bureau_id", None) for page in pages} - {None}
    return bureaus_by_id(ids, served.locale, served.source) if ids else {}


def bureau_of(info, page: ArticlePage) -> Bureau | None:
    """The article's issuing bureau if it is live, in its served locale where translated; a
    preview's as the editor left it."""
    if served_of(info, page).is_preview:
        return page.bureau if page.bureau and page.bureau.live else None
    if not page.bureau_id:
        return None
    info.context.tags.add(snippet_tag(Bureau, page.bureau_id))
    return loaders_of(info).load("bureaus", page, _bureaus).get(page.bureau_id)


def supersedes_of(info, page: ArticlePage) -> ArticlePage | None:
    """The article this one replaces, as the reader of the page's locale is served it (if at
    all); registered for that locale."""
    if page.supersedes_id is None:
        return None
    loaders = loaders_of(info)

    def fetch(pages: list, served: Served) -> dict:
        ids = {getattr(each, "supersedes_id", None) for each in pages} - {None}
        found = loaders.serve(articles_by_id(ids), served.locale, served.source)
        return {pk: found.get(pk) for pk in ids}

    return loaders.load("supersedes", page, fetch).get(page.supersedes_id)
