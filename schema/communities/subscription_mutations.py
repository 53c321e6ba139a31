"""Notice subscriptions: subscribe (double opt-in), confirm, unsubscribe.

No payload ever carries the email address: a subscription is seen as its status, frequency and
locale only.
"""

import graphene

from communities.engagement import EngagementError, email_clean
from communities.models import NoticeSubscription
from communities.subscriptions.services import (
    subscription_confirm,
    subscription_subscribe,
    subscription_unsubscribe,
)
from schema.articles.types import ArticleKind
from schema.core.enums import choices_enum, enum_value
from schema.core.mutations import MutationError, error_list, honeypot_check, rate_limit

SubscriptionStatus = choices_enum(
    "SubscriptionStatus", NoticeSubscription.Status.choices, "Where a subscription stands."
)
SubscriptionFrequency = choices_enum(
    "SubscriptionFrequency",
    NoticeSubscription.Frequency.choices,
    "How often notices are mailed. Urgent notices always go out at once.",
)


class Subscription(graphene.ObjectType):
    """A notice subscription as its subscriber sees it: never the email address."""

    class Meta:
        # "Subscription" is GraphQL's name for the root type of subscription operations.
        name = "NoticeSubscription"

    status = graphene.Field(SubscriptionStatus, required=True)
    frequency = graphene.Field(SubscriptionFrequency, required=True)
    locale = graphene.String(required=True, description="The language of its mails.")

    @staticmethod
    def resolve_status(root, info):
        return str(root.status)

    @staticmethod
    def resolve_frequency(root, info):
        return str(root.frequency)


class SubscribeInput(graphene.InputObjectType):
    email = graphene.String(required=True)
    locale = graphene.String(description="The language for mails (default `en`).")
    communities = graphene.List(
        graphene.NonNull(graphene.String),
        description="Community slugs; omit or leave empty for all. City-wide content always "
        "counts.",
    )
    kinds = graphene.List(
        graphene.NonNull(ArticleKind), description="Article kinds; omit or leave empty for all."
    )
    topics = graphene.List(
        graphene.NonNull(graphene.String), description="Topic slugs; omit or leave empty for all."
    )
    frequency = SubscriptionFrequency(description="Default: IMMEDIATE.")
    website = graphene.String(description="Leave empty (a honeypot hidden from people).")


class SubscriptionPayload:
    subscription = graphene.Field(Subscription)
    errors = graphene.List(graphene.NonNull(MutationError), required=True)


class Subscribe(SubscriptionPayload, graphene.Mutation):
    """Ask for notices by mail. A confirmation mail follows; nothing is sent before its link is
    followed. The answer is the same whether or not the address is already subscribed."""

    class Arguments:
        input = SubscribeInput(required=True)

    @staticmethod
    def mutate(root, info, input):
        try:
            honeypot_check(input.get("website"))
            rate_limit(info, "subscribe", email=_email_or_none(input.get("email")))
            subscription = subscription_subscribe(
                email=input["email"],
                locale=input.get("locale"),
                communities=input.get("communities"),
                kinds=[enum_value(kind) for kind in input.get("kinds") or []],
                topics=input.get("topics"),
                frequency=enum_value(input.get("frequency")),
            )
        except EngagementError as error:
            return Subscribe(errors=error_list(error))
        return Subscribe(subscription=subscription, errors=[])


def _email_or_none(value):
    try:
        return email_clean(value)
    except EngagementError:
        return None  # the service reports it; the per-IP limit still counts


class ConfirmSubscriptionInput(graphene.InputObjectType):
    token = graphene.String(required=True, description="From the confirmation mail's link.")


class UnsubscribeInput(graphene.InputObjectType):
    token = graphene.String(required=True, description="From any mail's unsubscribe link.")


def _by_token(payload, info, action: str, change, token: str):
    """Apply `change` (a service taking the mail's token) under `action`'s rate limit."""
    try:
        rate_limit(info, action)
        subscription = change(token)
    except EngagementError as error:
        return payload(errors=error_list(error))
    return payload(subscription=subscription, errors=[])


class ConfirmSubscription(SubscriptionPayload, graphene.Mutation):
    """Follow the confirmation link's token: the subscription (or its change) becomes ACTIVE."""

    class Arguments:
        input = ConfirmSubscriptionInput(required=True)

    @staticmethod
    def mutate(root, info, input):
        return _by_token(
            ConfirmSubscription, info, "confirmSubscription", subscription_confirm, input["token"]
        )


class Unsubscribe(SubscriptionPayload, graphene.Mutation):
    """Stop all mails, with the token from any mail's unsubscribe link. Harmless to repeat."""

    class Arguments:
        input = UnsubscribeInput(required=True)

    @staticmethod
    def mutate(root, info, input):
        return _by_token(Unsubscribe, info, "unsubscribe", subscription_unsubscribe, input["token"])


class SubscriptionMutations(graphene.ObjectType):
    subscribe = Subscribe.Field()
    confirm_subscription = ConfirmSubscription.Field()
    unsubscribe = Unsubscribe.Field()
