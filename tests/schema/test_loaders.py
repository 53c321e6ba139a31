"""The request's loader registry: pages are registered with the locale they are served for,
and a loader loads for every registered page of that locale at once."""

import pytest
from wagtail.models import Locale, Page

from schema.core.loaders import Loaders, UnregisteredPage

EN = Locale(pk=1, language_code="en")
ZH = Locale(pk=2, language_code="zh-hans")


def pages(*ids: int) -> list[Page]:
    return [Page(pk=pk, title=f"Page {pk}") for pk in ids]


def counting_fetch(calls: list):
    def fetch(batch, served):
        calls.append(([page.pk for page in batch], served.locale.language_code))
        return {page.pk: f"{page.pk}@{served.locale.language_code}" for page in batch}

    return fetch


def test_the_first_field_loads_for_every_page_registered_for_its_locale():
    loaders = Loaders()
    listed = loaders.register(pages(1, 2, 3), ZH, EN)
    other = loaders.register(pages(4), EN, EN)
    calls = []

    results = [loaders.load("titles", page, counting_fetch(calls)) for page in listed]

    assert calls == [([1, 2, 3], "zh-hans")]
    assert all(result[1] == "1@zh-hans" for result in results)
    assert loaders.load("titles", other[0], counting_fetch(calls))[4] == "4@en"
    assert calls[-1] == ([4], "en")


def test_pages_registered_later_are_loaded_together_on_the_next_miss():
    loaders = Loaders()
    first = loaders.register(pages(1, 2), ZH, EN)
    calls = []
    loaders.load("titles", first[0], counting_fetch(calls))
    later = loaders.register(pages(5, 6), ZH, EN)

    loaders.load("titles", later[1], counting_fetch(calls))
    loaders.load("titles", later[0], counting_fetch(calls))

    assert calls == [([1, 2], "zh-hans"), ([5, 6], "zh-hans")]


def test_a_page_never_registered_is_an_error_not_a_batch_of_its_own():
    loaders = Loaders()
    loaders.register(pages(1), ZH, EN)

    with pytest.raises(UnregisteredPage):
        loaders.served(pages(1)[0])  # the same row, but not the object that was served
    with pytest.raises(UnregisteredPage):
        loaders.load("titles", pages(7)[0], counting_fetch([]))


def test_a_preview_is_served_with_its_own_id():
    loaders = Loaders()
    draft = pages(3)[0]  # a draft of page 3

    loaders.register_preview(draft, ZH, EN, "preview-3")

    served = loaders.served(draft)
    assert served.is_preview
    assert served.preview_id == "preview-3"
    assert served.locale is ZH
    assert not loaders.served(loaders.register(pages(2), ZH, EN)[0]).is_preview
