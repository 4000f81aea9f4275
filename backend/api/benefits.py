"""Benefits near the teenager and redeeming them (never oversold)."""

import graphene


class BenefitQuery(graphene.ObjectType):
    pass


class BenefitMutation(graphene.ObjectType):
    pass
