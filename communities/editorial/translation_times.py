"""The translation editor's "Translated manually on ..." in the reader's zone, with the zone named.

wagtail-localize 1.14 writes that comment from the UTC timestamp (`updated_at.strftime`), so a
string saved at 07:00 in Shanghai reads as the previous day. The comment reaches the editor both
in its first props and in each save's answer, through `StringTranslation.get_comment`: installed
once from `CommunitiesConfig.ready`.
"""

from django.utils.translation import gettext as _
from wagtail_localize.models import StringTranslation

from home.time import datetime_label

DATE_TIME = "%-d %B %Y, %H:%M"


def string_translation_comment(string_translation: StringTranslation) -> str | None:
    when = datetime_label(string_translation.updated_at, DATE_TIME)
    if string_translation.tool_name:
        return _("Translated with {tool_name} on {date}").format(
            tool_name=string_translation.tool_name, date=when
        )
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL:
        return _("Translated manually on {date}").format(date=when)
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=when)
    return None


def install() -> None:
    StringTranslation.get_comment = string_translation_comment
