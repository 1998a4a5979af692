"""Reading the actor word lists and the core knowledge base from ``kroniek/data/lexicons/<lang>/``.

All files are TSV with ``#`` comment lines and a header row; each is read once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kroniek.actors.keys import fold
from kroniek.nlp.lexicons import read_table


@dataclass(frozen=True)
class KBActor:
    """One row of ``actors_core.tsv``."""

    id: str
    canonical: str
    aliases: tuple[str, ...]
    kind: str
    code: str | None
    sector: str | None
    gender: str | None
    roles: tuple[str, ...] = ()
    valid_from: str | None = None
    valid_to: str | None = None
    place_aliases: frozenset[str] = field(default_factory=frozenset)

    @property
    def qid(self) -> str | None:
        return self.id if self.id.startswith("Q") and self.id[1:].isdigit() else None

    def holds(self, role: str, code: str | None, date: str | None) -> bool:
        """Whether the actor held ``role`` for country ``code`` on ``date`` (an ISO prefix or None)."""
        if role not in self.roles or code != self.code:
            return False
        if date is None:
            return True
        return (not self.valid_from or date >= self.valid_from[: len(date)]) and (
            not self.valid_to or date <= self.valid_to[: len(date)]
        )


@dataclass(frozen=True)
class Lexicons:
    """Everything the names and actors components look up, for one language."""

    kb: tuple[KBActor, ...]
    kb_by_alias: dict[str, KBActor]  # folded alias -> actor
    countries: dict[str, str]  # folded country name -> ISO-3
    nationalities: dict[str, str]  # lowercase adjective -> code
    roles: dict[tuple[str, ...], dict[str, str]]  # lowercase token tuple -> row
    first_names: dict[str, str]  # name -> gender
    hints: dict[str, str]  # word (as written, or lowercase for NONE) -> label
    pronouns: dict[str, frozenset[str]]  # lowercase form -> genders
    surname_gender: tuple[tuple[str, str], ...]  # (suffix, gender), longest suffix first


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


@lru_cache(maxsize=4)
def load(lang: str) -> Lexicons:
    kb = tuple(
        KBActor(
            id=row["id"],
            canonical=row["canonical"],
            aliases=(*_split(row["aliases"]), row["canonical"]),
            kind=row["kind"],
            code=row["code"] or None,
            sector=row["sector"] or None,
            gender=row["gender"] or None,
            roles=_split(row["roles"]),
            valid_from=row["valid_from"] or None,
            valid_to=row["valid_to"] or None,
            place_aliases=frozenset(fold(a) for a in _split(row["place_aliases"])),
        )
        for row in read_table(lang, "actors_core.tsv")
    )
    kb_by_alias: dict[str, KBActor] = {}
    for actor in kb:
        for alias in actor.aliases:
            kb_by_alias.setdefault(fold(alias), actor)
    countries = {
        fold(name): row["iso3"] for row in read_table(lang, "actor_countries.tsv") for name in _split(row["names"])
    }
    return Lexicons(
        kb=kb,
        kb_by_alias=kb_by_alias,
        countries=countries,
        nationalities={row["adjective"].lower(): row["code"] for row in read_table(lang, "nationalities.tsv")},
        roles={tuple(row["phrase"].split()): row for row in read_table(lang, "roles.tsv")},
        first_names={row["name"]: row["gender"] for row in read_table(lang, "first_names.tsv")},
        hints={row["word"]: row["label"] for row in read_table(lang, "name_hints.tsv")},
        pronouns={row["form"]: frozenset(_split(row["gender"])) for row in read_table(lang, "pronouns.tsv")},
        surname_gender=tuple(
            sorted(
                ((row["suffix"], row["gender"]) for row in read_table(lang, "surname_gender.tsv")),
                key=lambda pair: -len(pair[0]),
            )
        ),
    )
