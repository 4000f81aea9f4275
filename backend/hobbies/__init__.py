"""Providers and what they offer: municipalities, organizations, venues, categories, hobbies, sessions."""
