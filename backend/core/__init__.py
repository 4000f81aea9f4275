"""Shared building blocks: translated fields, the health check, the landing page."""
