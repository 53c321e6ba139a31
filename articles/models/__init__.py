from articles.models.events import EventIndexPage, EventPage
from articles.models.news import ArticleIndexPage, ArticlePage, ArticlePageTopic
from articles.models.snippets import Bureau, Topic

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTopic",
    "Bureau",
    "EventIndexPage",
    "EventPage",
    "Topic",
]
