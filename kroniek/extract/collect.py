"""Run the pipeline on articles and collect each Doc's records: the one place Doc -> records."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kroniek.errors import Msg
from kroniek.nlp.extensions import text_of
from kroniek.records import Article, ArticleRecords, RecordList, Sentence


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.article = article
    doc._.notes = []
    return doc


def analyse(nlp: Language, articles: Iterable[Article], batch_size: int = 32) -> Iterator[ArticleRecords]:
    """Analyse Dutch articles; others are passed through with a note and no records."""
    pending: list[Article] = []
    for article in articles:
        if article.language not in (None, nlp.lang):
            yield ArticleRecords(article=article, notes=[Msg.K201.format(language=article.language)])
            continue
        pending.append(article)
        if len(pending) >= batch_size:
            yield from _run(nlp, pending)
            pending = []
    if pending:
        yield from _run(nlp, pending)


def _run(nlp: Language, articles: list[Article]) -> Iterator[ArticleRecords]:
    docs = (make_doc(nlp, article) for article in articles)
    for doc in nlp.pipe(docs):
        yield records_from_doc(doc)


def analyse_isolating(
    nlp: Language, articles: list[Article]
) -> tuple[list[ArticleRecords], list[tuple[Article, Exception]]]:
    """Analyse a batch; if one article breaks the pipeline, retry each alone and return the ones
    that fail with their error, so that the caller records them and the others are kept."""
    try:
        return list(analyse(nlp, articles)), []
    except Exception:  # one bad article must not sink the batch: each is retried alone below
        pass
    results: list[ArticleRecords] = []
    failed: list[tuple[Article, Exception]] = []
    for article in articles:
        try:
            results += analyse(nlp, [article])
        except Exception as exc:
            failed.append((article, exc))
    return results, failed


def analyse_one(nlp: Language, article: Article) -> ArticleRecords:
    return records_from_doc(nlp(make_doc(nlp, article)))


def records_from_doc(doc: Doc) -> ArticleRecords:
    article: Article = doc._.article
    text = text_of(doc)
    sentences = (
        [
            Sentence(doc_id=article.id, index=i, start=start, end=end, text=text[start:end])
            for i, (start, end) in enumerate(sentence_bounds(doc))
        ]
        if doc.has_annotation("SENT_START")
        else []
    )
    return ArticleRecords(
        article=article,
        sentences=sentences,
        mentions=RecordList(doc._.mentions or []),
        actors=RecordList((doc._.actors or {}).values()),
        events=RecordList(doc._.events or []),
        quotes=RecordList(doc._.quotes or []),
        notes=list(doc._.notes or []),
    )


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the Doc's sentences, computed once per Doc (every record asks)."""
    bounds = doc.user_data.get("kroniek_sentence_bounds")
    if bounds is None:
        has_sents = doc.has_annotation("SENT_START")
        bounds = [(s.start_char, s.end_char) for s in doc.sents] if has_sents else [(0, len(text_of(doc)))]
        doc.user_data["kroniek_sentence_bounds"] = bounds
        doc.user_data["kroniek_sentence_starts"] = [start for start, _ in bounds]
    return bounds


def sentence_index(doc: Doc, char: int) -> int:
    """Index of the sentence containing character offset ``char`` (as in ``records_from_doc``)."""
    sentence_bounds(doc)
    return max(0, bisect.bisect_right(doc.user_data["kroniek_sentence_starts"], char) - 1)
