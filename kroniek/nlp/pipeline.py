"""Build the analysis pipeline for one language.

The trained model (``kroniek/models/<lang>``) when it is there, else spaCy's blank tokenizer
plus the rule-based fallbacks; then kroniek's own components in the profile's order. Each
component is a spaCy factory, so any of them can be switched off (``disable=``) or replaced
by another factory of the same name.
"""

from __future__ import annotations

import importlib
import logging
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from kroniek.errors import Msg
from kroniek.nlp import extensions  # noqa: F401  (registers Doc._.* attributes)
from kroniek.nlp.languages import profile_for, require_profile

log = logging.getLogger("kroniek")

#: Where each factory lives; importing the module registers it with spaCy.
COMPONENT_MODULES = {
    "kroniek_sentences": "kroniek.nlp.sentences",
    "kroniek_names": "kroniek.actors.names",
    "kroniek_dates": "kroniek.extract.dates",
    "kroniek_places": "kroniek.extract.places",
    "kroniek_actors": "kroniek.actors.component",
    "kroniek_events": "kroniek.extract.events",
    "kroniek_quotes": "kroniek.extract.quotes",
}

#: Fallback components that a trained model's own pipes make unnecessary.
REPLACED_BY_MODEL = {"kroniek_sentences": ("parser", "senter"), "kroniek_names": ("ner",)}


def load_model(path: str | Path, use_blis: bool = False) -> Language:
    """The trained spaCy pipeline at ``path``, its layers computing with numpy's BLAS.

    Why not blis, thinc's default: on the project's machines (x86-64, one thread per worker)
    numpy's OpenBLAS runs the whole pipeline about twice as fast with the same predictions
    (``benchmarks/nlp_speed.py --blis`` compares). ``use_blis=True`` keeps thinc's default.
    """
    from thinc.api import use_ops

    # The shipped model's own components (sentence hints, entity clean-up) must be registered first.
    importlib.import_module("kroniek.nlp.tokenizer")
    with use_ops("numpy", use_blis=use_blis):
        nlp = spacy.load(path)
    set_matrix_ops(nlp, use_blis)  # layers restored from disk may carry the default ops
    return nlp


def set_matrix_ops(nlp: Language, use_blis: bool = False) -> None:
    """Make every layer of ``nlp``'s trainable pipes multiply with blis or with numpy's BLAS."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=use_blis)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


def _base_pipeline(lang: str, use_model: bool) -> tuple[Language, list[str]]:
    profile = profile_for(lang)
    notes: list[str] = []
    if profile is not None and use_model and (profile.model_dir / "config.cfg").exists():
        return load_model(profile.model_dir), notes
    if profile is not None and use_model:
        notes.append(Msg.K301.format(path=profile.model_dir))
    return spacy.blank(lang), notes


@lru_cache(maxsize=4)
def load_pipeline(lang: str = "nl", use_model: bool = True, disable: tuple[str, ...] = ()) -> Language:
    """The pipeline for ``lang``, cached per process (models load once per worker)."""
    profile = require_profile(lang)
    nlp, notes = _base_pipeline(lang, use_model)
    for note in notes:
        log.warning(note)
    nlp.meta.setdefault("kroniek_notes", notes)
    for name in profile.components:
        if name in disable:
            continue
        if any(pipe in nlp.pipe_names for pipe in REPLACED_BY_MODEL.get(name, ())):
            continue
        importlib.import_module(COMPONENT_MODULES[name])
        nlp.add_pipe(name, config={"lang": lang} if _takes_lang(name) else {})
    return nlp


def _takes_lang(factory: str) -> bool:
    meta = Language.get_factory_meta(factory)
    return "lang" in meta.default_config
