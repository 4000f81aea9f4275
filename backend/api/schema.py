"""The root GraphQL schema. Each domain contributes a Query mixin; this module only combines them."""

import graphene

from .catalogue import CatalogueQuery


class Query(CatalogueQuery, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query)
