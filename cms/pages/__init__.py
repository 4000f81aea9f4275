"""Public Wagtail pages: the school intro page, info pages, the accessibility statement and privacy notice."""
