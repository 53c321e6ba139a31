"""Residents' mutations. Each takes one `input` and returns its object and `errors`."""

import graphene

from communities.engagement import EngagementError
from communities.models import EventRegistration
from communities.registrations.selectors import waitlist_position
from communities.registrations.services import registration_cancel, registration_create
from schema.articles.types import Event
from schema.core.enums import choices_enum
from schema.core.loaders import loaders_of
from schema.core.locales import locale_get, source_get
from schema.core.mutations import MutationError, error_list, honeypot_check, rate_limit

RegistrationStatus = choices_enum("RegistrationStatus", EventRegistration.Status.choices)


class Registration(graphene.ObjectType):
    """A registration as its resident sees it: no name or email is ever served."""

    status = graphene.Field(RegistrationStatus, required=True)
    party_size = graphene.Int(required=True)
    event = graphene.Field(Event, required=True)
    waitlist_position = graphene.Int(description="1 for the head of the waitlist; null otherwise.")

    @staticmethod
    def resolve_status(root, info):
        return str(root.status)

    @staticmethod
    def resolve_event(root, info):
        return root.event

    @staticmethod
    def resolve_waitlist_position(root, info):
        if root.status != EventRegistration.Status.WAITLISTED:
            return None
        return waitlist_position(root)


class RegisterForEventInput(graphene.InputObjectType):
    event_id = graphene.ID(required=True, description="The event's `id`, in any locale.")
    name = graphene.String(required=True)
    email = graphene.String(required=True)
    party_size = graphene.Int(default_value=1)
    locale = graphene.String(description="The language for mails (default `en`).")
    website = graphene.String(description="Leave empty (a honeypot hidden from people).")


class RegisterForEvent(graphene.Mutation):
    """Seats while they last (CONFIRMED), then the waitlist (WAITLISTED). A confirmation mail
    with an .ics file and a cancel link follows."""

    class Arguments:
        input = RegisterForEventInput(required=True)

    registration = graphene.Field(Registration)
    cancel_token = graphene.String(description="Keep it: `cancelRegistration` takes it.")
    errors = graphene.List(graphene.NonNull(MutationError), required=True)

    @staticmethod
    def mutate(root, info, input):
        try:
            honeypot_check(input.get("website"))
            rate_limit(info, "registerForEvent", email=input.get("email"))
            registered = registration_create(
                event_id=input["event_id"],
                name=input["name"],
                email=input["email"],
                party_size=input.get("party_size"),
                locale=input.get("locale"),
            )
        except EngagementError as error:
            return RegisterForEvent(errors=error_list(error))
        registration = registered.registration
        _serve_event(info, registration, input.get("locale"))
        return RegisterForEvent(
            registration=registration, cancel_token=registered.cancel_token, errors=[]
        )


class CancelRegistrationInput(graphene.InputObjectType):
    token = graphene.String(required=True)


class CancelRegistration(graphene.Mutation):
    """Give the seats back; the waitlist moves up in order (and is told by mail)."""

    class Arguments:
        input = CancelRegistrationInput(required=True)

    registration = graphene.Field(Registration)
    errors = graphene.List(graphene.NonNull(MutationError), required=True)

    @staticmethod
    def mutate(root, info, input):
        try:
            rate_limit(info, "cancelRegistration")
            registration = registration_cancel(input["token"])
        except EngagementError as error:
            return CancelRegistration(errors=error_list(error))
        _serve_event(info, registration, registration.locale)
        return CancelRegistration(registration=registration, errors=[])


def _serve_event(info, registration, code):
    try:
        requested = locale_get(info, code)
    except Exception:  # the service already checked it; serve the source when in doubt
        requested = source_get(info)
    loaders_of(info).register([registration.event], requested, source_get(info))


class CommunityMutations(graphene.ObjectType):
    register_for_event = RegisterForEvent.Field()
    cancel_registration = CancelRegistration.Field()
