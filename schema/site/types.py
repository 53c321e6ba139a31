import graphene


class LocaleType(graphene.ObjectType):
    code = graphene.String(required=True, description="Language code, e.g. `zh-hans`.")
    name = graphene.String(required=True, description="The language's name in English.")
    local_name = graphene.String(required=True, description="The language's name in itself.")

    class Meta:
        name = "Locale"


class SiteType(graphene.ObjectType):
    name = graphene.String(required=True)
    default_locale = graphene.String(required=True)
    locales = graphene.List(graphene.NonNull(LocaleType), required=True)

    class Meta:
        name = "Site"
