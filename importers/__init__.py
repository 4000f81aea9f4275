"""Importers of open data (Linked Events, Lipas) on one sync engine; every run is recorded as an ImportRun."""
