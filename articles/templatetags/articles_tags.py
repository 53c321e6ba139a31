"""What the HTML article and event pages list, read through the selectors as the API reads it.

The page models do not call the selectors themselves (the selectors import the models); their
templates ask for their lists here.
"""

from django import template

from articles.selectors import article_bureau, article_topics, index_articles, index_events
from home.selectors import source_locale

register = template.Library()

INDEX_LENGTH = 50  # the newest (or soonest) pages an HTML index page lists


@register.simple_tag
def articles_of_index(index):
    """The articles an article index page lists, newest first."""
    return index_articles(index, source_locale())[:INDEX_LENGTH]


@register.simple_tag
def events_of_index(index):
    """The upcoming events an event index page lists, soonest first."""
    return index_events(index, source_locale())[:INDEX_LENGTH]


@register.simple_tag
def topics_of_article(page):
    """Only the live topics, as the API serves them (a draft name stays hidden)."""
    return article_topics(page, page.locale, source_locale())


@register.simple_tag
def bureau_of_article(page):
    """The issuing bureau when it is live, else None."""
    return article_bureau(page, page.locale, source_locale())
