"""Django's zh_Hans formats, with the time zone named after every date and time."""

from django.conf.locale.zh_Hans import formats as django_formats

DATETIME_FORMAT = django_formats.DATETIME_FORMAT + " T"
SHORT_DATETIME_FORMAT = django_formats.SHORT_DATETIME_FORMAT + " T"
