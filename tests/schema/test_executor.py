"""The executor takes every field's value as it is, never as something to await
(`schema.view.never_awaitable`): that holds while no resolver of the schema is asynchronous."""

import inspect

import graphene
from graphql import GraphQLObjectType

from schema.schema import schema


def asynchronous_resolvers(graphql_schema) -> list[str]:
    found = []
    for graphql_type in graphql_schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        for name, field in graphql_type.fields.items():
            resolve = inspect.unwrap(field.resolve) if field.resolve is not None else None
            if inspect.iscoroutinefunction(resolve) or inspect.isasyncgenfunction(resolve):
                found.append(f"{graphql_type.name}.{name}")
    return found


def test_no_resolver_is_asynchronous():
    assert asynchronous_resolvers(schema.graphql_schema) == []


def test_an_asynchronous_resolver_is_found():
    class Query(graphene.ObjectType):
        hello = graphene.String()

        @staticmethod
        async def resolve_hello(root, info):
            return "hello"

    assert asynchronous_resolvers(graphene.Schema(query=Query).graphql_schema) == ["Query.hello"]
