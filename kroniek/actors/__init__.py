"""Actors: names, roles and the knowledge base that says who they are.

``kroniek_names`` (names.py) finds names when no trained NER model is loaded; ``kroniek_actors``
(component.py) links names and roles to actors; ``keys`` folds spellings into stable ids.
"""
