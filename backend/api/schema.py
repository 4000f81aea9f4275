"""The root GraphQL schema. Each domain module contributes Query/Mutation mixins; this module only combines them."""

import graphene

from .benefits import BenefitMutation, BenefitQuery
from .catalogue import CatalogueQuery
from .devices import DeviceMutation, DeviceQuery
from .hobbies import HobbyQuery
from .notifications import NotificationMutation, NotificationQuery
from .pages import PageQuery
from .recommendations import RecommendationQuery


class Query(
    HobbyQuery,
    RecommendationQuery,
    CatalogueQuery,
    BenefitQuery,
    DeviceQuery,
    PageQuery,
    NotificationQuery,
    graphene.ObjectType,
):
    pass


class Mutation(DeviceMutation, BenefitMutation, NotificationMutation, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
