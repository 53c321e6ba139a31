"""`{% load tapestry_time %}`: `value|local_datetime` and `{% time_zone_label %}` (home/time.py)."""

from django import template

from home import time

register = template.Library()


@register.filter
def local_datetime(value):
    return time.datetime_label(value)


@register.simple_tag
def time_zone_label():
    return time.time_zone_label()
