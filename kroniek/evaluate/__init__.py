"""Evaluation of kroniek's models and extractors against held-out data."""
