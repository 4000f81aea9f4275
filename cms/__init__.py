"""Wagtail: the CMS for providers and moderators, and the public pages (issue 3 builds it out)."""
