"""Model fields and checks that several content types share."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


def _coordinate_field(verbose_name: str | None, bound: int) -> models.DecimalField:
    """An optional coordinate in degrees, between -bound and bound."""
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-bound)), MaxValueValidator(Decimal(bound))],
    )


def latitude_field(verbose_name: str | None = None) -> models.DecimalField:
    return _coordinate_field(verbose_name, 90)


def longitude_field(verbose_name: str | None = None) -> models.DecimalField:
    return _coordinate_field(verbose_name, 180)


def coordinates_error(latitude, longitude) -> str | None:
    """A point needs both coordinates or neither."""
    if (latitude is None) != (longitude is None):
        return "Give both latitude and longitude, or neither."
    return None
