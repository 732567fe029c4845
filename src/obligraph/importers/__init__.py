"""Importers: read raw source data from ``../shared/data`` and write Turtle to ``graph/generated``."""
