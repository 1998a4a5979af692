"""Time expressions in Dutch news text, resolved against the article's date.

Rules (hand-written, words from ``time_words.tsv``):

- The reference date is the article's published date at its precision (``doc._.ref_date``).
- **Narrowing.** When the article only has a month, an explicit full date of that same month in
  the text (an embedded tweet's "11 oktober 2020") gives a reference day: the latest such date.
  The article was written on or after that day and within its month, so a weekday then resolves
  to its occurrence **closest** to that day (within ±3 days; a week has no ties) that stays in
  the month. This is a guess about the writing week, said in ``doc._.notes``.
- **Weekday, day-precision reference** (the published day): the most recent such weekday on or
  before it ("zaterdag" in a Monday paper is two days back); "komende/volgende" looks forward,
  "vorige/afgelopen" goes strictly back.
- **Weekday, month-only reference without narrowing**: no day can be known, so the value is the
  month, precision month. A day is never invented.
- A bare month ("sinds mei") is the latest such month on or before the reference month, unless it
  is at most 3 months ahead (a coming event: "verkiezingen in december"). Seasons likewise.
- "vorige week" -> the month of that week's Thursday, precision month ("week" is no precision).
- "twee maanden geleden" -> reference minus two months, precision month; "dagen geleden" keeps
  day precision only with a day reference.

``date_for_span`` gives an extracted record its date: the nearest time expression in its sentence,
else the article's own published date (never the narrowed reference: an undated event in a
month-only article is dated to the month).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kroniek.errors import Msg
from kroniek.extract.collect import sentence_bounds, sentence_index
from kroniek.extract.numbers import parse_number_word
from kroniek.nlp.extensions import add_note, text_of
from kroniek.nlp.lexicons import read_rows
from kroniek.records import PRECISIONS

PUBLISHED_KEY = "kroniek_published"  # doc.user_data: the article's own (iso, precision)


@dataclass(slots=True)
class TimeExpression:
    start_char: int
    end_char: int
    text: str
    value: str | None
    precision: str | None
    sentence: int
    kind: str = "absolute"  # absolute | weekday | relative | month | season | year | range
    #: a range ("van 3 tot 5 oktober"): ``value`` is its first day, ``end`` its last, same precision
    end: str | None = None


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    days: dict[str, int]
    seasons: dict[str, int]
    units: dict[str, str]
    directions: dict[str, int]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    #: words that move the narrative in time ("daarna", "eerder"): a sentence with one does not
    #: take over the date of the sentence before it
    shifts: frozenset[str] = frozenset()


def _alt(words: object) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))  # type: ignore[attr-defined]


@lru_cache(maxsize=8)
def _words(lang: str) -> _Words:
    tables: dict[str, dict[str, str]] = {}
    for kind, word, value in read_rows(lang, "time_words.tsv"):
        tables.setdefault(kind, {})[word] = value
    months = {w: int(v) for w, v in tables["month"].items()}
    weekdays = {w: int(v) for w, v in tables["weekday"].items()}
    days = {w: int(v) for w, v in tables["day"].items()}
    seasons = {w: int(v) for w, v in tables["season"].items()}
    units = dict(tables["unit"])
    directions = {w: int(v) for w, v in tables["direction"].items()}
    mon, wd, dy, se, un, di = (_alt(t) for t in (months, weekdays, days, seasons, units, directions))
    b = r"(?<![\w-])"  # a word start that is not inside a compound
    e = r"(?![\w-])"
    patterns = (
        ("range", rf"{b}(?:van\s+)?(?P<d>\d{{1,2}})\s*(?:tot\s+en\s+met|t/m|tot|-|–)\s*(?P<d2>\d{{1,2}})\s+"
                  rf"(?P<m>{mon})\.?(?:\s+(?P<y>\d{{4}}))?{e}"),
        ("dmy", rf"{b}(?P<d>\d{{1,2}})\s+(?P<m>{mon})\.?\s+(?P<y>\d{{4}}){e}"),
        ("numeric", rf"{b}(?P<d>\d{{1,2}})[-/.](?P<m>\d{{1,2}})[-/.](?P<y>\d{{4}}){e}"),
        ("iso", rf"{b}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){e}"),
        ("dm", rf"{b}(?P<d>\d{{1,2}})\s+(?P<m>{mon}){e}"),
        ("my", rf"{b}(?P<m>{mon})\s+(?P<y>\d{{4}}){e}"),
        ("ago", rf"{b}(?P<n>\d+|[a-zé]+)\s+(?P<u>{un})\s+geleden{e}"),
        ("earlier_year", rf"{b}(?:eerder|later|begin|eind|medio)\s+dit\s+jaar{e}"),
        ("rel_period", rf"{b}(?P<dir>{di})\s+(?P<u>week|maand|jaar|weekend){e}"),
        ("season", rf"{b}(?:(?:in\s+)?(?:het|de|dit|deze|(?P<dir>{di}))\s+)?(?P<s>{se})"
                   rf"(?:\s+(?:van\s+)?(?P<y>\d{{4}}))?{e}"),
        ("weekday", rf"{b}(?:op\s+)?(?:(?P<dir>{di})\s+)?(?P<w>{wd})(?:avond|ochtend|middag|nacht|morgen)?{e}"),
        ("day", rf"{b}(?P<day>{dy}){e}"),
        ("month", rf"{b}(?:(?:sinds|vanaf|in|tot|begin|eind|half|medio|met|na|voor)\s+)?(?P<m>{mon}){e}"),
        ("year", rf"{b}(?:in|sinds|sedert|vanaf|tot|van|begin|eind|medio)\s+(?P<y>(?:19|20)\d\d){e}"),
    )  # fmt: skip
    compiled = tuple((name, re.compile(p, re.IGNORECASE)) for name, p in patterns)
    shifts = frozenset(tables.get("shift", {}))
    return _Words(months, weekdays, days, seasons, units, directions, compiled, shifts)


# ---------------------------------------------------------------------------------------------
# date arithmetic on (iso, precision)


def parse_iso(value: str | None, precision: str | None = None) -> tuple[dt.date, str] | None:
    """``"2020-10"`` -> (2020-10-01, "month"); the precision is taken from the shape when not given."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2][:2]) if len(parts) > 2 else 1
        date = dt.date(year, month, day)
    except (ValueError, IndexError):
        return None
    shape = {1: "year", 2: "month"}.get(len(parts), "day")
    if precision not in PRECISIONS:
        precision = shape
    if PRECISIONS.index(precision) < PRECISIONS.index(shape):
        precision = shape  # a precision finer than the value's shape would invent digits
    return date, precision


def format_date(date: dt.date, precision: str) -> str:
    if precision == "day":
        return date.isoformat()
    if precision in ("month", "season"):
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}"


def _add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(date: dt.date) -> dt.date:
    return _add_months(date, 1) - dt.timedelta(days=1)


def resolve_weekday(weekday: int, ref: dt.date, mode: str, direction: int | None = None) -> dt.date:
    """The date of ``weekday`` (0 = Monday) seen from ``ref``.

    mode "published": ``ref`` is the publication day: the latest such weekday on or before it
    (strictly before with direction -1; strictly after with direction 1).
    mode "anchor": ``ref`` is a day the article talks about and was written soon after: the
    occurrence closest to it (the distances are d and 7 - d, so there is never a tie).
    """
    back = (ref.weekday() - weekday) % 7
    if direction == 1:
        return ref + dt.timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    if direction == -1:
        return ref - dt.timedelta(days=back or 7)
    if mode == "anchor" and back > 3:
        return ref + dt.timedelta(days=7 - back)
    return ref - dt.timedelta(days=back)


# ---------------------------------------------------------------------------------------------


def _year_of_day(month: int, ref_date: dt.date) -> int:
    """The year of a day named without one ("op 14 oktober"): the reference's year, unless the
    month lies across the turn of the year close to it ("28 december" in an article of 5 January
    is last year's; "3 februari" in a December article next year's). News names coming dates
    months ahead (elections), so nothing else moves to another year."""
    diff = month - ref_date.month
    if diff > 9:
        return ref_date.year - 1
    if diff < -9:
        return ref_date.year + 1
    return ref_date.year


def _article_date(doc: Doc) -> tuple[str, str] | None:
    article = doc._.article
    if article is None or not article.published:
        return None
    parsed = parse_iso(article.published, article.date_precision)
    if parsed is None:
        return None
    date, precision = parsed
    return format_date(date, precision), precision


def find_time_expressions(text: str, lang: str = "nl") -> list[tuple[str, re.Match[str]]]:
    """Unresolved matches, longest-first without overlaps, in text order."""
    words = _words(lang)
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, re.Match[str]]] = []
    for name, pattern in words.patterns:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            if name == "day" and m.group("day").lower() == "morgen" and _is_morning(text, m.start()):
                continue
            if name == "month" and not _month_is_date(text, m):
                continue
            taken.append((m.start(), m.end()))
            found.append((name, m))
    found.sort(key=lambda item: item[1].start())
    return found


def _is_morning(text: str, start: int) -> bool:
    """ "'s morgens", "deze morgen", "die morgen": the morning, not tomorrow."""
    before = text[max(0, start - 6) : start].lower()
    return before.endswith(("'s ", "’s ", "deze ", "die ", "de ", "elke "))


def _month_is_date(text: str, m: re.Match[str]) -> bool:
    """ "mei" can be a name (Mei) and "mar"/"jan" abbreviations are names too: a bare month word
    counts only when lower case or after a preposition."""
    word = m.group("m")
    if m.group(0) != word:
        return True  # "sinds mei", "in oktober"
    return word.islower() and len(word) > 3


def _resolve(
    name: str, m: re.Match[str], ref: tuple[dt.date, str] | None, anchored: bool, words: _Words
) -> tuple[str | None, str | None]:
    g = m.groupdict()
    if name == "range":
        value, _ = _range(g, ref, words)
        return value, ("day" if value else None)
    if name in ("dmy", "numeric", "iso"):
        month = words.months[g["m"].lower()] if name == "dmy" else int(g["m"])
        try:
            return dt.date(int(g["y"]), month, int(g["d"])).isoformat(), "day"
        except ValueError:
            return None, None
    if name == "my":
        return f"{int(g['y']):04d}-{words.months[g['m'].lower()]:02d}", "month"
    if name == "year":
        return g["y"], "year"
    if ref is None:
        return None, None
    ref_date, ref_precision = ref
    day_ref = ref_precision == "day"
    if name == "dm":
        month = words.months[g["m"].lower()]
        try:
            return dt.date(_year_of_day(month, ref_date), month, int(g["d"])).isoformat(), "day"
        except ValueError:
            return None, None
    if name == "month":
        month = words.months[g["m"].lower()]
        year = ref_date.year if month <= ref_date.month + 3 else ref_date.year - 1
        return f"{year:04d}-{month:02d}", "month"
    if name == "season":
        start = words.seasons[g["s"].lower()]
        if g.get("y"):
            return f"{int(g['y']):04d}-{start:02d}", "season"
        direction = words.directions.get((g.get("dir") or "").lower())
        # the latest season start on or before the reference month; "komende" the next one
        year = ref_date.year if start <= ref_date.month else ref_date.year - 1
        if direction == 1:
            year = ref_date.year if start > ref_date.month else ref_date.year + 1
        elif direction == -1 and start <= ref_date.month < start + 3:
            year -= 1  # "vorige zomer" said in summer is last year's
        return f"{year:04d}-{start:02d}", "season"
    if name == "earlier_year":
        return f"{ref_date.year:04d}", "year"
    if name == "weekday":
        if not day_ref:
            # a weekday cannot give a day against a month: keep the month, never invent the day
            return format_date(ref_date, ref_precision), ref_precision
        direction = words.directions.get((g.get("dir") or "").lower())
        date = resolve_weekday(words.weekdays[g["w"].lower()], ref_date, "anchor" if anchored else "published",
                               direction or None)  # fmt: skip
        if anchored and date > _month_end(ref_date):
            date -= dt.timedelta(days=7)  # the article's month bounds its writing week
        return date.isoformat(), "day"
    if name == "day":
        offset = words.days[g["day"].lower()]
        if not day_ref:
            return format_date(ref_date, ref_precision), ref_precision
        return (ref_date + dt.timedelta(days=offset)).isoformat(), "day"
    if name == "rel_period":
        direction = words.directions[g["dir"].lower()]
        unit = g["u"].lower()
        if unit in ("week", "weekend"):
            if not day_ref:
                return format_date(ref_date, "month"), "month"
            thursday = ref_date - dt.timedelta(days=ref_date.weekday()) + dt.timedelta(days=3 + 7 * direction)
            if unit == "weekend":
                saturday = thursday + dt.timedelta(days=2)
                return saturday.isoformat(), "day"
            return format_date(thursday, "month"), "month"
        if unit == "maand":
            return format_date(_add_months(ref_date, direction), "month"), "month"
        return f"{ref_date.year + direction:04d}", "year"
    if name == "ago":
        n = parse_number_word(g["n"])
        if n is None:
            return None, None
        unit = words.units[g["u"].lower()]
        if unit == "day":
            if day_ref:
                return (ref_date - dt.timedelta(days=n)).isoformat(), "day"
            return format_date(ref_date, ref_precision), ref_precision
        if unit == "week":
            back = ref_date - dt.timedelta(days=7 * n)
            return format_date(back, "month"), "month"
        if unit == "month":
            return format_date(_add_months(ref_date, -n), "month"), "month"
        return f"{ref_date.year - n:04d}", "year"
    return None, None


def _range(g: dict, ref: tuple[dt.date, str] | None, words: _Words) -> tuple[str | None, str | None]:
    """(first day, last day) of "van 3 tot 5 oktober [2020]"; the year from the reference when absent."""
    year = int(g["y"]) if g.get("y") else (ref[0].year if ref else None)
    if year is None:
        return None, None
    month = words.months[g["m"].lower()]
    try:
        first, last = dt.date(year, month, int(g["d"])), dt.date(year, month, int(g["d2"]))
    except ValueError:
        return None, None
    return (first.isoformat(), last.isoformat()) if first <= last else (None, None)


def narrow_reference(ref: tuple[dt.date, str] | None, explicit: list[tuple[str | None, str | None]]) -> dt.date | None:
    """With a month-only reference: the latest explicit full date in that month, else None."""
    if ref is None or ref[1] != "month":
        return None
    same_month = []
    for value, precision in explicit:
        parsed = parse_iso(value, precision)
        if parsed and parsed[1] == "day" and (parsed[0].year, parsed[0].month) == (ref[0].year, ref[0].month):
            same_month.append(parsed[0])
    return max(same_month) if same_month else None


def extract_dates(doc: Doc, lang: str = "nl") -> Doc:
    words = _words(lang)
    published = _article_date(doc)
    doc.user_data[PUBLISHED_KEY] = published
    ref = parse_iso(*published) if published else None
    matches = find_time_expressions(text_of(doc), lang)
    anchored = False
    explicit = [_resolve(n, m, None, False, words) for n, m in matches if n in ("dmy", "numeric", "iso", "range")]
    narrowed = narrow_reference(ref, explicit)
    if narrowed is not None:
        ref = (narrowed, "day")
        anchored = True
        add_note(doc, Msg.K203.format(published=published[0] if published else "", day=narrowed.isoformat()))
    doc._.ref_date = (format_date(*ref), ref[1]) if ref else None
    out: list[TimeExpression] = []
    for name, m in matches:
        value, precision = _resolve(name, m, ref, anchored, words)
        if value is None:
            continue
        end = _range(m.groupdict(), ref, words)[1] if name == "range" else None
        kind = {"dmy": "absolute", "numeric": "absolute", "iso": "absolute", "my": "absolute",
                "year": "absolute", "dm": "absolute"}.get(name, name)  # fmt: skip
        out.append(
            TimeExpression(m.start(), m.end(), m.group(0), value, precision, sentence_index(doc, m.start()), kind, end)
        )
    doc._.dates = out
    return doc


#: Marks that end a clause strongly enough that a time expression beyond them dates another
#: happening ("een telefoongesprek … – ze hadden elkaar niet gesproken sinds mei"). A comma does
#: not: "Zondag, een dag na het gesprek, liet hij …" still dates the verb.
CLAUSE_BREAKS = ("–", "—", ";", "(", ")")


def date_for_span(doc: Doc, start_char: int, end_char: int) -> tuple[str | None, str | None]:
    """The date of a record at ``[start_char, end_char)``.

    In order: the nearest time expression in its own clause (before it wins a tie); when its
    sentence has no time expression at all, a day-precision one of the sentence before it in the
    same paragraph (news narrates in steps: "Zondag liet hij protesten neerslaan. In Minsk
    werden 700 mensen aangehouden."); else the article's own published date.
    """
    dates = doc._.dates or []
    if dates:
        bounds = sentence_bounds(doc)
        sent = sentence_index(doc, start_char)
        in_sentence = [e for e in dates if e.sentence == sent]
        own = [e for e in in_sentence if not _across_break(text_of(doc), e, start_char, end_char)]
        best = _nearest(own, start_char, end_char)
        if best is not None:
            return best.value, best.precision
        if not in_sentence and sent > 0:
            previous_start, previous_end = bounds[sent - 1]
            # a sentence's span keeps its trailing whitespace, where the paragraph break is
            previous_end = previous_start + len(text_of(doc)[previous_start:previous_end].rstrip())
            same_paragraph = "\n" not in text_of(doc)[previous_end : bounds[sent][0]]
            days = [e for e in dates if e.sentence == sent - 1 and e.precision == "day"]
            words = set(re.findall(r"\w+", text_of(doc)[bounds[sent][0] : bounds[sent][1]].lower()))
            moved = bool(words & _words(doc.lang_).shifts)
            if same_paragraph and days and not moved:
                return days[-1].value, days[-1].precision
    published = doc.user_data.get(PUBLISHED_KEY)
    if published is None and doc._.article is not None:
        published = _article_date(doc)
    return published if published else (None, None)


def _across_break(text: str, expr: TimeExpression, start_char: int, end_char: int) -> bool:
    between = text[expr.end_char : start_char] if expr.end_char <= start_char else text[end_char : expr.start_char]
    return any(mark in between for mark in CLAUSE_BREAKS)


def _nearest(exprs: list[TimeExpression], start_char: int, end_char: int) -> TimeExpression | None:
    best: tuple[int, int, TimeExpression] | None = None
    for expr in exprs:
        if expr.end_char <= start_char:
            distance, after = start_char - expr.end_char, 0
        elif expr.start_char >= end_char:
            distance, after = expr.start_char - end_char, 1
        else:
            distance, after = 0, 0
        if best is None or (distance, after) < best[:2]:
            best = (distance, after, expr)
    return best[2] if best else None


@Language.factory(
    "kroniek_dates",
    default_config={"lang": "nl"},
    assigns=["doc._.ref_date", "doc._.dates"],
)
def make_dates(nlp: Language, name: str, lang: str) -> DateComponent:
    return DateComponent(lang)


class DateComponent:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        _words(lang)  # load the lexicon now: a missing file fails at pipeline build, not mid-run

    def __call__(self, doc: Doc) -> Doc:
        return extract_dates(doc, self.lang)
