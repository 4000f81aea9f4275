"""The anonymous device: registration, profile, favourites, interactions, feedback, my data, forgetting."""

import graphene


class DeviceQuery(graphene.ObjectType):
    pass


class DeviceMutation(graphene.ObjectType):
    pass
