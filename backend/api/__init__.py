"""The GraphQL API at /graphql: one module per domain, combined in schema.py."""
