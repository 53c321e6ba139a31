"""Residents' feedback: `submitFeedback` and the private `feedbackStatus(token)`."""

import graphene

from communities.engagement import EngagementError
from communities.feedback.services import feedback_by_token, feedback_submit
from communities.models import Feedback
from schema.core.enums import choices_enum
from schema.core.errors import InputError
from schema.core.mutations import MutationError, error_list, honeypot_check, rate_limit
from schema.core.pages import local

FeedbackCategory = choices_enum("FeedbackCategory", Feedback.Category.choices)
FeedbackStatusValue = choices_enum("FeedbackStatus", Feedback.Status.choices)


class FeedbackType(graphene.ObjectType):
    """Feedback as its author sees it. The message and email are never served."""

    reference = graphene.String(required=True, description="Quote it when contacting staff.")
    category = graphene.Field(FeedbackCategory, required=True)
    status = graphene.Field(FeedbackStatusValue, required=True)
    community = graphene.String(required=True, description="The community's name.")
    submitted_at = graphene.DateTime(required=True)
    public_response = graphene.String(description="The staff's answer, once there is one.")
    answered_at = graphene.DateTime()

    class Meta:
        name = "Feedback"

    @staticmethod
    def resolve_category(root, info):
        return str(root.category)

    @staticmethod
    def resolve_status(root, info):
        return str(root.status)

    @staticmethod
    def resolve_community(root, info):
        return root.community.title

    @staticmethod
    def resolve_submitted_at(root, info):
        return local(root.created_at)

    @staticmethod
    def resolve_public_response(root, info):
        return root.public_response or None

    @staticmethod
    def resolve_answered_at(root, info):
        return local(root.answered_at)


class SubmitFeedbackInput(graphene.InputObjectType):
    community = graphene.String(required=True, description="The community's slug.")
    category = graphene.Argument(FeedbackCategory, required=True)
    message = graphene.String(required=True, description="At most 5,000 characters.")
    page_id = graphene.ID(description="The page the resident was reading, if any.")
    locale = graphene.String(description="The language of the message (default `en`).")
    email = graphene.String(description="Optional, to be told of the answer; needs `consent`.")
    consent = graphene.Boolean(default_value=False)
    website = graphene.String(description="Leave empty (a honeypot hidden from people).")


class SubmitFeedback(graphene.Mutation):
    """Send feedback to a community's staff. Keep `statusToken`: `feedbackStatus` takes it."""

    class Arguments:
        input = SubmitFeedbackInput(required=True)

    feedback = graphene.Field(FeedbackType)
    status_token = graphene.String()
    errors = graphene.List(graphene.NonNull(MutationError), required=True)

    @staticmethod
    def mutate(root, info, input):
        try:
            honeypot_check(input.get("website"))
            rate_limit(info, "submitFeedback", email=input.get("email"))
            submitted = feedback_submit(
                community=input["community"],
                category=getattr(input["category"], "value", input["category"]),
                message=input["message"],
                page_id=input.get("page_id"),
                locale=input.get("locale"),
                email=input.get("email"),
                consent=bool(input.get("consent")),
            )
        except EngagementError as error:
            return SubmitFeedback(errors=error_list(error))
        return SubmitFeedback(
            feedback=submitted.feedback, status_token=submitted.status_token, errors=[]
        )


class FeedbackMutations(graphene.ObjectType):
    submit_feedback = SubmitFeedback.Field()


class FeedbackQueries(graphene.ObjectType):
    feedback_status = graphene.Field(
        FeedbackType,
        token=graphene.String(required=True),
        required=True,
        description="The status of one's own feedback, by the token `submitFeedback` returned.",
    )

    @staticmethod
    def resolve_feedback_status(root, info, token):
        try:
            rate_limit(info, "feedbackStatus")
        except EngagementError as error:
            raise InputError(error.message, code=error.code) from None
        feedback = feedback_by_token(token)
        if feedback is None:
            raise InputError("This status token is not valid.", field="token", code="INVALID_TOKEN")
        return feedback
