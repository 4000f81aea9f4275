"""The CMS pages the app shows: school intro, info, accessibility statement, privacy notice."""

import graphene


class PageQuery(graphene.ObjectType):
    pass
