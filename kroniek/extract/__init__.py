"""Extractors: spaCy components that turn an annotated Doc into records."""
