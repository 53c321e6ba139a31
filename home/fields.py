"""Model fields and checks that several content types share."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


def latitude_field(verbose_name: str | None = None) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )


def longitude_field(verbose_name: str | None = None) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )


def coordinates_error(latitude, longitude) -> str | None:
    """A point needs both coordinates or neither."""
    if (latitude is None) != (longitude is None):
        return "Give both latitude and longitude, or neither."
    return None
