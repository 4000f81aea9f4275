from .categories import Category, CategoryMapping
from .hobby import Hobby, Session
from .providers import Municipality, Organization, Venue

__all__ = ["Category", "CategoryMapping", "Hobby", "Municipality", "Organization", "Session", "Venue"]
