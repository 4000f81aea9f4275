"""Read-only queries behind the usage reports."""
