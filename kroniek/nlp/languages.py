"""Language plug-ins: what kroniek needs to analyse one language.

A new language is a new profile (a trained model directory, a lexicon directory and the list of
components to run), not new code in the components: every component reads its words from
``kroniek/data/lexicons/<code>/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kroniek.errors import KroniekError, Msg

PACKAGE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class LanguageProfile:
    code: str
    name: str
    #: kroniek components run after the tokenizer (and the trained model, when there is one).
    components: tuple[str, ...]

    @property
    def model_dir(self) -> Path:
        return PACKAGE_DIR / "models" / self.code

    @property
    def lexicon_dir(self) -> Path:
        return PACKAGE_DIR / "data" / "lexicons" / self.code


DUTCH = LanguageProfile(
    code="nl",
    name="Dutch",
    components=(
        "kroniek_sentences",
        "kroniek_names",
        "kroniek_dates",
        "kroniek_places",
        "kroniek_actors",
        "kroniek_events",
        "kroniek_quotes",
    ),
)

PROFILES: dict[str, LanguageProfile] = {DUTCH.code: DUTCH}


def profile_for(code: str) -> LanguageProfile | None:
    return PROFILES.get(code)


def require_profile(code: str) -> LanguageProfile:
    """The profile of ``code``, or a numbered error naming the languages kroniek knows."""
    profile = PROFILES.get(code)
    if profile is None:
        raise KroniekError(Msg.K006, lang=code, known=", ".join(sorted(PROFILES)))
    return profile
