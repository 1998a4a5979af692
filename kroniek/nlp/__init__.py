"""Pipeline assembly, model loading and language profiles."""

from kroniek.nlp.pipeline import load_pipeline

__all__ = ["load_pipeline"]
