"""Coding a whole document: sentences in order, with per-document memory."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.actors import ActorDictionary, default_dictionary
from eventwire.coder import roles
from eventwire.coder.candidates import (is_candidate, names_speaker, speech_forms, split_sentences,
                                        standalone, trigger_forms)
from eventwire.coder.decide import EventBuilder, ModelDecider, SentenceTrace
from eventwire.coder.discourse import SPEECH_LEMMAS, DocContext, resolve_token
from eventwire.coder.events import Anchor, build_event
from eventwire.coder.lexicon import Lexicon, load_lexicon
from eventwire.coder.quotes import QuoteSpan, according_to, quote_spans, speaker_token, speech_verb
from eventwire.coder.triggers import TriggerMatch, find_triggers
from eventwire.learn.model import LABELS, EventModel
from eventwire.learn.registry import load_model
from eventwire.nlp import load_nlp, model_label
from eventwire.records import Actor, CodedDocument, Document, Evidence, Event, Quote

CODER_NAME = "eventwire"
# 0.2.0: a learned event model decides categories and confidences; 0.1.12 (eventwire-rules): ranks and quotes keep sentences whole
CODER_VERSION = "0.2.0"
PARSE_BATCH = 64  # sentences per nlp.pipe batch


def coder_label(model: EventModel | None, nlp: Language) -> str:
    """What every coded event records of the coder that made it: the coder's
    version, the event model's (or ``rules``), the spaCy pipeline's. ``recode``
    codes again the documents whose label differs."""
    return f"{CODER_NAME}-{CODER_VERSION}/{model.label if model is not None else 'rules'}/{model_label(nlp)}"


def report_anchor(document: Document) -> Anchor:
    """The report's day: the dateline's, else the publication date (or range)."""
    if document.dateline_date:
        return Anchor(document.dateline_date, document.dateline_date)
    start = document.published_earliest or document.published
    return Anchor(start, document.published_latest or document.published)


INTENT_HEADS = {"willing", "ready", "prepared", "eager", "determined", "able", "want", "wish",
                "seek", "try", "strive", "hope", "aim", "intend", "plan", "study", "consider", "use",
                "need", "mean", "allow", "help", "continue"}


def _purpose(clause: Token) -> bool:
    """"summoned the envoy to protest": an infinitive of purpose."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def one_per_actor(events: list[Event]) -> list[Event]:
    """One event per category and actor in a sentence ("blocked and fired on", "fired…, killing")."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for event in events:
        key = (event.category, frozenset(a.code for a in event.actor), event.future, event.date)
        if key in seen:
            continue
        seen.add(key)
        kept.append(event)
    return kept


def embedded(match: TriggerMatch, trigger_verbs: set[int]) -> bool:
    """A trigger inside another trigger's complement ("urged X to meet") is content.

    So is one inside a clause that modifies a noun ("a plan to attack
    islands"), or an intention ("willing to cooperate").  A reporting verb
    ("said that X urged Y") ends the search: reported events are events.
    """
    current = match.verb
    for _ in range(8):
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN", "PRON") and \
                not (current.head.dep_ == "ROOT" and current.tag_ == "VBD"):
            return True
        if current.dep_ == "xcomp" and current.head.lemma_ in INTENT_HEADS and match.category != "AGREE":
            return True
        if current.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "pobj", "prep", "acomp"):
            return False
        if current.head == current:
            return False
        if current.dep_ == "advcl" and not _purpose(current):
            return False  # "…, accusing X", "after Y visited Z": acts of their own
        coordinated = current.dep_ == "conj"  # "visited A and signed B": two events
        current = current.head
        if current.lemma_ in SPEECH_LEMMAS:
            return False
        if not coordinated and current.i in trigger_verbs:
            return True
    return False


PROMISE_LEMMAS = {"vow", "pledge", "promise", "swear"}
FORCE_CATEGORIES = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "THREATEN"}


def promises_of_force(matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """"vowed to keep attacking ships" is a threat, not an agreement."""
    out = []
    for match in matches:
        if match.category == "AGREE" and match.verb.lemma_ in PROMISE_LEMMAS and any(
                other.category in FORCE_CATEGORIES and match.verb in other.verb.ancestors
                for other in matches):
            match = replace(match, category="THREATEN", mode="violence", rule=match.rule + " -> threat")
        out.append(match)
    return out


def sentence_speaker(sentence: Span, ctx: DocContext, quote: tuple[int, int] | None) -> tuple[Actor | None, Token | None]:
    """The speaker of a sentence's reporting verb, resolved, and the verb."""
    verb = speech_verb(sentence, outside=quote)
    token = speaker_token(verb) if verb is not None else according_to(sentence)
    if token is None:
        return None, verb
    actors = resolve_token(token, roles.phrase(token), ctx, ctx.last_speaker)
    return (actors[0] if actors else None), verb


@dataclass
class Sentence:
    """A sentence of the document: its place in the text and, if parsed, its Span.

    Candidate sentences are parsed on their own, so a Span's offsets are
    local; ``base`` turns them into offsets in the document text.  ``tokens``
    is the sentence in the tokenized document, which the parser starts from
    (the text is tokenized once).
    """

    index: int
    start: int
    end: int
    text: str
    span: Span | None = None
    candidate: bool = False
    tokens: Span | None = None
    #: the event model's reading of the words alone: P(event), P(category)
    text_event: float = 0.0
    text_categories: Any = None

    @property
    def base(self) -> int:
        return self.start - (self.span.start_char if self.span is not None else 0)


def _sentence_of(sentences: list[Sentence], offset: int) -> int:
    for index, sent in enumerate(sentences):
        if sent.start <= offset < sent.end + 1:
            return index
    return len(sentences) - 1


class DocumentCoder:
    """Codes documents with one spaCy pipeline, dictionary and lexicon.

    By default only candidate sentences (see ``candidates``) are parsed, in
    one ``nlp.pipe`` batch per document; ``parse_all=True`` parses every
    sentence (the slow baseline the benchmark compares against).
    """

    def __init__(self, nlp: Language | None = None, dictionary: ActorDictionary | None = None,
                 lexicon: Lexicon | None = None, *, parse_all: bool | None = None,
                 model: EventModel | str | None = None) -> None:
        if parse_all is None:  # the benchmark harness asks for the baseline this way
            parse_all = os.environ.get("EVENTWIRE_CODER_BASELINE") == "1"
        self.nlp = nlp or load_nlp(full=parse_all)
        self.dictionary = dictionary or default_dictionary()
        self.lexicon = lexicon or load_lexicon()
        self.parse_all = parse_all
        self.forms = trigger_forms(self.lexicon)
        self.speech = speech_forms(SPEECH_LEMMAS)
        self.model = model if isinstance(model, EventModel) else load_model(model)
        self.decider = ModelDecider(self.model, self.lexicon) if self.model is not None else None
        #: called with each parsed sentence and every event the rules found in
        #: it, negated or nameless ones too (training reads them)
        self.on_rule_events: Callable[[Sentence, list[Event]], None] | None = None
        self.label = coder_label(self.model, self.nlp)

    def code(self, document: Document) -> CodedDocument:
        """Events and quotes of one document."""
        return self.code_many([document])[0]

    def code_many(self, documents: Sequence[Document]) -> list[CodedDocument]:
        """Code several documents, their candidate sentences parsed in one batch."""
        split = [self.sentences(d.text) for d in documents]
        self._parse([s for sentences in split for s in sentences if s.span is None and s.candidate])
        return [self.code_sentences(d, sentences) for d, sentences in zip(documents, split)]

    def sentences(self, text: str) -> list[Sentence]:
        """The document's sentences, candidates marked (parsed at once when parse_all)."""
        if self.parse_all:
            doc = self.nlp(text)
            parsed = [Sentence(i, s.start_char, s.end_char, s.text, s, True) for i, s in enumerate(doc.sents)]
            self._score(parsed)  # the model still weighs every sentence
            return parsed
        spans = quote_spans(text)
        sentences = [Sentence(i, sent.start_char, sent.end_char, sent.text, tokens=sent)
                     for i, sent in enumerate(split_sentences(self.nlp.make_doc(text)))]
        if self.model is not None:
            # the model reads every sentence; those it may find an event in are parsed,
            # and those where the rules' triggers stand: the model weighs what they find
            # ("the next round of talks will be held" got P(event) 0.04 from its words)
            self._score(sentences)
            for s in sentences:
                s.candidate = self.model.parses(s.text_event, is_candidate(s.text, self.forms))
        else:
            for s in sentences:
                s.candidate = is_candidate(s.text, self.forms)
        for s in sentences:  # a quotation's speaker is found by parsing where it is named
            s.candidate = s.candidate or (
                any(s.start <= q.end <= s.end for q in spans) and names_speaker(s.text, self.speech))
        return sentences

    def _score(self, sentences: list[Sentence]) -> None:
        """The model's P(event) and category probabilities for each sentence, from its words."""
        if self.model is None:
            return
        events, categories = self.model.text_scores([s.text for s in sentences])
        for s, p, c in zip(sentences, events, categories):
            s.text_event, s.text_categories = float(p), c

    def _parse(self, sentences: list[Sentence]) -> None:
        docs = (standalone(s.tokens) if s.tokens is not None else s.text for s in sentences)
        for sentence, doc in zip(sentences, self.nlp.pipe(docs, batch_size=PARSE_BATCH)):
            sentence.span = doc[:]
            sentence.tokens = None  # the document's tokens are no longer needed

    def code_sentences(self, document: Document, sentences: list[Sentence]) -> CodedDocument:
        anchor = report_anchor(document)
        ctx = DocContext(dictionary=self.dictionary, on=anchor.start)
        spans = quote_spans(document.text)
        quote_speaker: dict[int, Actor | None] = {}
        events: list[Event] = []
        quotes: list[Quote] = []
        for index, sentence in enumerate(sentences):
            if sentence.span is None:
                ctx.observe_text(sentence.text)
                self._trace_unparsed(sentence)
            else:
                ctx.observe(sentence.span)
            # a quotation opening here, parsed or not ("“We are ready. We will not back down,” he said." spans two)
            for span in (s for s in spans if sentence.start <= s.start < sentence.end):
                quotes.append(self._open_quote(span, index, sentences, ctx, quote_speaker, document.id))
            if sentence.span is None:
                continue
            speaker = quote_speaker.get(index)
            if speaker is None:
                speaker, verb = sentence_speaker(sentence.span, ctx, None)
                if speaker is not None:
                    ctx.set_speaker(speaker)
                    reported = self._reported(verb, speaker, sentence, document.id, spans)
                    if reported is not None:
                        quotes.append(reported)
            events.extend(self._events(sentence, document.id, ctx, speaker, anchor))
        return CodedDocument(document=document, events=events, quotes=quotes, coder=self.label)

    def _trace_unparsed(self, sentence: Sentence) -> None:
        """Say why a sentence the model left unparsed got no event (``code --explain``)."""
        if self.decider is None or self.decider.traces is None or self.model is None:
            return
        categories = np.asarray(sentence.text_categories)
        top = np.argsort(-categories)[:3]
        self.decider.traces.append(SentenceTrace(
            text=sentence.text, parsed=False, index=sentence.index,
            text_event=round(sentence.text_event, 3),
            text_categories=[(LABELS[int(k)], round(float(categories[k]), 3)) for k in top],
            dropped=[f"not parsed: the words give P(event) {sentence.text_event:.2f}, below "
                     f"{self.model.parse_threshold:.2f} (below {self.model.trigger_floor:.2f} "
                     "where a rule's trigger stands)"]))

    def _open_quote(self, span: QuoteSpan, index: int, sentences: list[Sentence], ctx: DocContext,
                    quote_speaker: dict[int, Actor | None], doc_id: str) -> Quote:
        """A quotation opening in sentence ``index``, its speaker named where it ends
        ("…,” the minister said), where it opens, or else the last speaker."""
        sentence = sentences[index]
        last = _sentence_of(sentences, span.end)
        speaker, verb = self._speaker(sentences[last], ctx, span)
        if verb is None and last != index:
            speaker, verb = self._speaker(sentence, ctx, span)
        speaker = speaker or ctx.last_speaker
        if speaker is not None:
            ctx.set_speaker(speaker)
        for covered in range(index, last + 1):
            quote_speaker[covered] = speaker
        return self._quote(span, speaker, sentence, doc_id)

    @staticmethod
    def _speaker(sentence: Sentence, ctx: DocContext, quote: QuoteSpan) -> tuple[Actor | None, Token | None]:
        if sentence.span is None:
            return None, None
        return sentence_speaker(sentence.span, ctx, (quote.start - sentence.base, quote.end - sentence.base))

    def _events(self, sentence: Sentence, doc_id: str, ctx: DocContext,
                speaker: Actor | None, anchor: Anchor) -> list[Event]:
        assert sentence.span is not None
        matches = promises_of_force(find_triggers(sentence.span, self.lexicon))
        verbs = {m.verb.i for m in matches}
        events = [build_event(m, sentence.span, sentence.index, doc_id, ctx, speaker, self.lexicon,
                              anchor, self.label, base=sentence.base)
                  for m in matches if not embedded(m, verbs)]
        if self.on_rule_events is not None:
            self.on_rule_events(sentence, events)
        if self.decider is not None:
            return self.decider.decide(sentence, events, EventBuilder(
                sentence, doc_id, ctx, speaker, anchor, self.lexicon, self.label))
        # an event nobody can be named for says nothing an analyst can use
        return one_per_actor([e for e in events if e.actor or e.recipient])

    @staticmethod
    def _quote(span: QuoteSpan, speaker: Actor | None, sentence: Sentence, doc_id: str) -> Quote:
        evidence = Evidence(doc_id=doc_id, sentence_index=sentence.index, start=span.start, end=span.end,
                            sentence=sentence.text, rule="quote marks")
        return Quote(text=span.text, speaker=speaker, speaker_text=(speaker.text or "") if speaker else "",
                     evidence=evidence, kind="direct")

    @staticmethod
    def _reported(verb: Token | None, speaker: Actor, sentence: Sentence, doc_id: str,
                  spans: list[QuoteSpan]) -> Quote | None:
        """"He said the armies … maintained communication" as a reported quote."""
        if verb is None:
            return None
        clause = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")), None)
        if clause is None or any(sentence.start <= s.start < sentence.end for s in spans):
            return None
        tokens = sorted(clause.subtree, key=lambda t: t.i)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = verb.doc.text[start:end].strip(" ,")
        if len(text.split()) < MIN_REPORTED_WORDS:
            return None
        base = sentence.base
        evidence = Evidence(doc_id=doc_id, sentence_index=sentence.index, start=base + start,
                            end=base + end, sentence=sentence.text, trigger=verb.text,
                            trigger_start=base + verb.idx, rule="reported speech")
        return Quote(text=text, speaker=speaker, speaker_text=speaker.text or "",
                     evidence=evidence, kind="reported")


MIN_REPORTED_WORDS = 5
_default: DocumentCoder | None = None


def code_document(document: Document) -> CodedDocument:
    """Code one document with the default pipeline (loaded once per process)."""
    global _default
    if _default is None:
        _default = DocumentCoder()
    return _default.code(document)
