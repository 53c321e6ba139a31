"""GraphQL enums from model choices: UPPER_CASE names for the stored lower-case values."""

import graphene


def choices_enum(name: str, choices, description: str = "") -> type[graphene.Enum]:
    members = [(str(value).upper(), value) for value, _label in choices]
    labels = "; ".join(f"`{str(value).upper()}`: {label}" for value, label in choices)
    return graphene.Enum(name, members, description=f"{description} {labels}".strip())


def enum_value(value):
    """The stored value of an enum argument (graphene passes enum members)."""
    return getattr(value, "value", value)
