"""Pipeline assembly (``kroniek.nlp.pipeline.load_pipeline``), model loading and language profiles."""
