"""The domain: plain dataclasses that every stage reads and writes.

All offsets are character offsets into the *original* input text, end exclusive.

>>> role = Role.from_spans("Moscow claims", [(0, 6)])
>>> role.text
'Moscow'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

Span = tuple[int, int]


def merge_spans(spans: Iterable[Span], text: str | None = None) -> list[Span]:
    """Sort spans and merge those that overlap, touch, or (given *text*) are separated by spaces."""
    out: list[list[int]] = []
    for s, e in sorted(sp for sp in spans if sp[1] > sp[0]):
        if out and (s <= out[-1][1] or (text is not None and text[out[-1][1]:s].isspace())):
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def spans_text(text: str, spans: Sequence[Span]) -> str:
    """The text of *spans* joined by a space (the PolNeAR ``*_text`` convention)."""
    return " ".join(text[s:e] for s, e in spans)


def _spans(rows: Iterable[Sequence[int]]) -> list[Span]:
    """JSON's ``[[start, end], …]`` back to spans."""
    return [(s, e) for s, e in rows]


@dataclass
class Role:
    """A source, cue or content: its text and its (possibly discontinuous) spans."""

    text: str
    spans: list[Span] = field(default_factory=list)

    @classmethod
    def from_spans(cls, text: str, spans: Iterable[Span]) -> "Role":
        merged = merge_spans(spans, text)
        return cls(spans_text(text, merged), merged)

    def to_dict(self) -> dict:
        return {"text": self.text, "spans": [[s, e] for s, e in self.spans]}

    @classmethod
    def from_dict(cls, d: dict) -> "Role":
        """The inverse of :meth:`to_dict`."""
        return cls(d["text"], _spans(d.get("spans", [])))

    @property
    def start(self) -> int:
        return self.spans[0][0] if self.spans else -1


@dataclass
class Cue(Role):
    """The reporting words, with the lexicon's reading of them."""

    lemma: str = ""
    cls: str = "assert"
    negated: bool = False

    @classmethod
    def from_spans(cls, text: str, spans: Iterable[Span], lemma: str = "",  # type: ignore[override]
                   cue_cls: str = "assert", negated: bool = False) -> "Cue":
        merged = merge_spans(spans, text)
        return cls(spans_text(text, merged), merged, lemma, cue_cls, negated)

    def to_dict(self) -> dict:
        d = super().to_dict()
        d.update({"lemma": self.lemma, "class": self.cls, "negated": self.negated})
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Cue":
        """The inverse of :meth:`to_dict`."""
        return cls(d["text"], _spans(d.get("spans", [])), d.get("lemma", ""), d.get("class", "assert"),
                   d.get("negated", False))


@dataclass
class Attribution:
    """Who (source) is reported, by which words (cue), to have said what (content)."""

    id: str
    sentence: int
    type: str  # direct | indirect | mixed
    source: Role | None
    cue: Cue
    content: Role
    construction: str = ""
    source_id: str | None = None
    claim_id: str | None = None
    parent: str | None = None  # id of the attribution whose content holds this one

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "sentence": self.sentence,
            "type": self.type,
            "construction": self.construction,
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict(),
            "source_id": self.source_id,
            "claim_id": self.claim_id,
            "parent": self.parent,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Attribution":
        """The inverse of :meth:`to_dict`."""
        return cls(d["id"], d["sentence"], d["type"], Role.from_dict(d["source"]) if d.get("source") else None,
                   Cue.from_dict(d["cue"]), Role.from_dict(d["content"]), d.get("construction", ""),
                   d.get("source_id"), d.get("claim_id"), d.get("parent"))


@dataclass
class Source:
    """A source entity of an article: one name for all its mentions."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    type: str = "organisation"
    part_of: list[str] = field(default_factory=list)
    key: str = ""  # normalised name used to unify sources across articles

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "aliases": list(self.aliases),
                "type": self.type, "part_of": list(self.part_of), "key": self.key}

    @classmethod
    def from_dict(cls, d: dict) -> "Source":
        """The inverse of :meth:`to_dict`."""
        return cls(d["id"], d["name"], list(d.get("aliases", [])), d.get("type", "organisation"),
                   list(d.get("part_of", [])), d.get("key", ""))


@dataclass
class Claim:
    """One proposition, the attributions that carry it, and how well it is supported."""

    id: str
    text: str
    status: str
    reason: str
    attributions: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    sentence: int = -1
    statement: str = ""   # the content rewritten to read on its own (statement.py)
    kind: str = "assertion"  # assertion | prediction | advice | intention | opinion | question
    stance: str = "assert"   # the class that carries it, after quoted cues ("… is confirmed," said X)
    signature: dict = field(default_factory=dict)  # predicate, polarity, arguments… (signature.py)
    # the statement's pronouns: what replaced each (if its antecedent was certain) and the
    # candidates it may mean ({"pronoun", "span", "replaced_by", "candidates"})
    statement_resolutions: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "status": self.status, "reason": self.reason,
                "attributions": list(self.attributions),
                "spans": [[s, e] for s, e in self.spans], "sentence": self.sentence,
                "statement": self.statement, "kind": self.kind, "stance": self.stance,
                "signature": dict(self.signature),
                "statement_resolutions": [_resolution(r) for r in self.statement_resolutions]}

    @classmethod
    def from_dict(cls, d: dict) -> "Claim":
        """The inverse of :meth:`to_dict`."""
        return cls(d["id"], d["text"], d["status"], d.get("reason", ""), list(d.get("attributions", [])),
                   _spans(d.get("spans", [])), d.get("sentence", -1), d.get("statement", ""),
                   d.get("kind", "assertion"), d.get("stance", "assert"), dict(d.get("signature") or {}),
                   [_resolution(r) for r in d.get("statement_resolutions") or []])


def _resolution(r: dict) -> dict:
    """A statement resolution as JSON keeps it (lists, not tuples): to_dict and from_dict agree."""
    return {"pronoun": r["pronoun"], "span": [int(x) for x in r["span"]],
            "replaced_by": r.get("replaced_by", ""), "candidates": list(r.get("candidates", []))}


@dataclass
class Link:
    """A typed relation between two claims (confirms, contradicts, repeats, elaborates)."""

    source: str
    target: str
    relation: str
    reason: str = ""
    evidence: dict = field(default_factory=dict)  # what matched: predicate, arguments, numbers…

    def to_dict(self) -> dict:
        return {"from": self.source, "to": self.target, "relation": self.relation, "reason": self.reason,
                "evidence": dict(self.evidence)}

    @classmethod
    def from_dict(cls, d: dict) -> "Link":
        """The inverse of :meth:`to_dict` (``from``/``to`` are :attr:`source`/:attr:`target`)."""
        return cls(d["from"], d["to"], d["relation"], d.get("reason", ""), dict(d.get("evidence") or {}))


@dataclass
class Analysis:
    """Everything claimtrack found in one article; ``to_dict()`` is the JSON contract."""

    id: str
    text: str
    text_sha256: str
    attributions: list[Attribution] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    boilerplate: list[Span] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "text_sha256": self.text_sha256,
            "meta": dict(self.meta),
            "attributions": [a.to_dict() for a in self.attributions],
            "sources": [s.to_dict() for s in self.sources],
            "claims": [c.to_dict() for c in self.claims],
            "links": [link.to_dict() for link in self.links],
            "boilerplate": [[s, e] for s, e in self.boilerplate],
            "sentences": [[s, e] for s, e in self.sentences],
        }

    @classmethod
    def from_dict(cls, d: dict, text: str | None = None) -> "Analysis":
        """The inverse of :meth:`to_dict`. The text is not in the JSON: pass it as *text*, else it
        is ``meta["text"]`` (kept for HTML input, whose text is extracted) or empty."""
        meta = dict(d.get("meta") or {})
        return cls(
            id=d["id"], text=meta.get("text", "") if text is None else text,
            text_sha256=d.get("text_sha256", ""),
            attributions=[Attribution.from_dict(a) for a in d.get("attributions", [])],
            sources=[Source.from_dict(s) for s in d.get("sources", [])],
            claims=[Claim.from_dict(c) for c in d.get("claims", [])],
            links=[Link.from_dict(k) for k in d.get("links", [])],
            sentences=_spans(d.get("sentences", [])), boilerplate=_spans(d.get("boilerplate", [])),
            meta=meta)
