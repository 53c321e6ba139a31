"""Times for people: in the active time zone (the admin user's, Asia/Shanghai unless they chose
another; TIME_ZONE elsewhere), always with the zone named, e.g. "2026-03-01 09:30 CST (UTC+8)"."""

from datetime import datetime, timedelta

from django.utils import timezone


def utc_offset_label(offset: timedelta | None) -> str:
    """ "UTC+8", "UTC+5:30", "UTC-3", "UTC"."""
    minutes = int((offset or timedelta()).total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_abbreviation(local: datetime) -> str:
    """The zone's short name at that moment, and its offset: "CST (UTC+8)"; "UTC" for UTC."""
    offset = utc_offset_label(local.utcoffset())
    name = local.tzname() or ""
    if not name or name == offset or name.startswith(("+", "-")):
        return offset
    return f"{name} ({offset})"


def time_zone_label(now: datetime | None = None) -> str:
    """The active zone, as a form shows it next to a time field: "Asia/Shanghai, CST (UTC+8)"."""
    local = timezone.localtime(now or timezone.now())
    return f"{timezone.get_current_timezone_name()}, {zone_abbreviation(local)}"


def datetime_label(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """`value` in the active zone with the zone named; "" for None."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local.strftime(fmt)} {zone_abbreviation(local)}"
