"""Text no column can hold (NUL, unpaired surrogates) in any argument: a coded client error.

Every string argument of every query and every string input field of every mutation is tried,
so a new argument is covered the day it is added.
"""

import json

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLID,
    GraphQLString,
    get_named_type,
    is_list_type,
    is_non_null_type,
)

from communities.models import EventRegistration, Feedback, NoticeSubscription
from schema.schema import schema

pytestmark = pytest.mark.django_db

SCHEMA = schema.graphql_schema
UNSTORABLE = ["nul\x00here", "lone \ud800 surrogate"]


def _is_text(type_) -> bool:
    return get_named_type(type_) in (GraphQLString, GraphQLID)


def _sample(type_, value: str):
    """`value` in the shape `type_` takes: a list of it for a list type."""
    inner = type_.of_type if is_non_null_type(type_) else type_
    return [value] if is_list_type(inner) else value


def _clean(type_):
    """A harmless value for a required input the test does not aim at."""
    named = get_named_type(type_)
    if isinstance(named, GraphQLEnumType):
        return next(iter(named.values))
    if named.name == "Boolean":
        return True
    if named.name == "Int":
        return 1
    return _sample(type_, "x")


def _selection(type_) -> str:
    return "" if hasattr(get_named_type(type_), "serialize") else " { __typename }"


QUERY_CASES = [
    (field_name, argument_name)
    for field_name, field in SCHEMA.query_type.fields.items()
    for argument_name, argument in field.args.items()
    if _is_text(argument.type)
]
MUTATION_CASES = [
    (field_name, input_name)
    for field_name, field in SCHEMA.mutation_type.fields.items()
    for input_name, input_field in get_named_type(field.args["input"].type).fields.items()
    if _is_text(input_field.type)
]


def test_every_text_argument_is_covered():
    assert len(QUERY_CASES) >= 25
    assert ("page", "path") in QUERY_CASES
    assert ("search", "query") in QUERY_CASES
    assert ("preview", "token") in QUERY_CASES
    assert ("registerForEvent", "name") in MUTATION_CASES
    assert ("subscribe", "communities") in MUTATION_CASES


@pytest.mark.parametrize("text", UNSTORABLE, ids=["nul", "surrogate"])
@pytest.mark.parametrize(("field_name", "argument_name"), QUERY_CASES)
def test_unstorable_text_in_a_query_argument_is_invalid(gql, field_name, argument_name, text):
    field = SCHEMA.query_type.fields[field_name]
    declared, passed, variables = [], [], {}
    for name, argument in field.args.items():
        if name == argument_name:
            variables["v"] = _sample(argument.type, text)
            declared.append(f"$v: {argument.type}")
            passed.append(f"{name}: $v")
        elif is_non_null_type(argument.type):
            passed.append(f'{name}: "x"')
    query = (
        f"query({', '.join(declared)}) {{ {field_name}({', '.join(passed)})"
        f"{_selection(field.type)} }}"
    )

    errors = gql.errors(query, variables)

    assert [error["extensions"] for error in errors] == [
        {"code": "INVALID", "field": argument_name}
    ]
    assert errors[0]["path"] == [field_name]
    assert "cannot be stored" in errors[0]["message"]


def test_a_nul_written_in_the_document_is_invalid_too(gql):
    errors = gql.errors('{ community(slug: "huacao\\u0000town") { title } }')

    assert [error["extensions"] for error in errors] == [{"code": "INVALID", "field": "slug"}]


def test_a_nested_field_argument_is_checked_too(gql):
    query = (
        'query($t: String) { community(slug: "huacao-town") '
        "{ articles(topic: $t) { totalCount } } }"
    )

    errors = gql.errors(query, {"t": "visas\x00"})

    assert [error["extensions"] for error in errors] == [{"code": "INVALID", "field": "topic"}]
    assert errors[0]["path"] == ["community", "articles"]


def _rows() -> tuple[int, int, int]:
    return (
        EventRegistration.objects.count(),
        Feedback.objects.count(),
        NoticeSubscription.objects.count(),
    )


@pytest.mark.parametrize("text", UNSTORABLE, ids=["nul", "surrogate"])
@pytest.mark.parametrize(("mutation_name", "input_name"), MUTATION_CASES)
def test_unstorable_text_in_a_mutation_is_answered_in_its_errors(
    gql, mutation_name, input_name, text
):
    field = SCHEMA.mutation_type.fields[mutation_name]
    input_type = field.args["input"].type
    values = {
        name: _clean(input_field.type)
        for name, input_field in get_named_type(input_type).fields.items()
        if is_non_null_type(input_field.type)
    }
    values[input_name] = _sample(get_named_type(input_type).fields[input_name].type, text)
    before = _rows()

    data = gql.data(
        f"mutation($input: {input_type}) {{ {mutation_name}(input: $input) "
        "{ errors { field code message } } }",
        {"input": values},
    )

    errors = data[mutation_name]["errors"]
    assert [(error["field"], error["code"]) for error in errors] == [(input_name, "INVALID")]
    assert "cannot be stored" in errors[0]["message"]
    assert _rows() == before


def test_clean_text_still_reaches_the_resolver(gql):
    body = gql.client.post(
        "/graphql/",
        json.dumps({"query": '{ community(slug: "tab\\there") { title } }'}),
        content_type="application/json",
    ).json()

    assert body == {"data": {"community": None}}


def test_only_fields_with_arguments_pass_through_the_check():
    """The check wraps the resolvers of fields that take arguments, once: a field without any
    (most of an answer) runs its own resolver, not a middleware called for every field."""
    from graphql import GraphQLObjectType

    from schema.view import TapestryGraphQLView

    checked, unchecked = [], []
    for graphql_type in SCHEMA.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        for name, field in graphql_type.fields.items():
            wrapped = getattr(field.resolve, "unstorable_text_refused", False)
            (checked if wrapped else unchecked).append((graphql_type.name, name, bool(field.args)))

    assert ("Query", "community", True) in checked
    assert all(has_arguments for _type, _name, has_arguments in checked)
    assert not any(has_arguments for _type, _name, has_arguments in unchecked)
    assert not TapestryGraphQLView().get_middleware(None)
