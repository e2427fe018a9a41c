"""A self-contained HTML report: the article with its attributions highlighted, a claims table
and the claim graph drawn as inline SVG.

One file, no network: CSS, JavaScript and SVG are inline, and a Content-Security-Policy forbids
loading anything. Every piece of article text is escaped.

Highlighting works on character spans, which may be discontinuous and may overlap or nest
between attributions (a claim inside another claim's content). The text is cut at every span
boundary into pieces; each piece knows every (attribution, role) that covers it and is drawn
by the strongest role (cue > source > content) of the innermost attribution, with content
shading deepening with nesting.

>>> from claimtrack.types import Analysis, Attribution, Cue, Role
>>> text = "Police said two men were held."
>>> a = Attribution("a1", 0, "indirect", Role.from_spans(text, [(0, 6)]),
...                 Cue.from_spans(text, [(7, 11)], "say"), Role.from_spans(text, [(12, 29)]))
>>> html = render_html([Analysis("t", text, "0" * 64, attributions=[a])])
>>> 'class="hl role-cue"' in html and "<svg" in html
True
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..io.safetext import web_url
from .svg_layout import lay_out_arcs
from ..types import Analysis, Attribution, Claim

# --- colours ------------------------------------------------------------------------------------

_STATUS_FAMILIES: list[tuple[tuple[str, ...], str]] = [
    (("retract", "withdrawn"), "#7b1fa2"),
    (("partly", "partial"), "#689f38"),
    (("disput", "contest"), "#e65100"),
    (("unconfirm", "unverif", "uncorrob", "single", "alleg", "claim", "assert", "unsupport",
      "contested-by-none"), "#e08a00"),
    (("confirm", "verified", "corroborat", "support", "true"), "#2e7d32"),
    (("deni", "deny", "contradict", "disput", "contest", "refut", "reject", "false"), "#c62828"),
    (("repeat", "report", "echo", "relay", "cite"), "#1565c0"),
]
NO_CLAIM = "no claim"  # an attribution the claims stage made no claim of
_NEUTRAL = "#78909c"
_NO_CLAIM_COLOR = "#a1887f"


def status_color(status: str | None) -> str:
    """A colour for a claim status, by family (confirmed green, partly confirmed olive,
    denied red, disputed orange, reported/repeated blue, claimed/unverified amber, anything
    else, e.g. unattributed, slate).

    >>> status_color("confirmed"), status_color("denied"), status_color("mystery")
    ('#2e7d32', '#c62828', '#78909c')
    """
    s = (status or "").lower()
    if s == NO_CLAIM:
        return _NO_CLAIM_COLOR
    for prefixes, color in _STATUS_FAMILIES:
        if any(p in s for p in prefixes):
            return color
    return _NEUTRAL


_CUE_COLORS = {"confirm": "#2e7d32", "deny": "#c62828", "report": "#1565c0", "repeat": "#1565c0"}
_RELATION_COLORS = {"confirms": "#2e7d32", "contradicts": "#c62828", "denies": "#c62828",
                    "repeats": "#1565c0", "elaborates": "#6d4c41"}
_SOURCE_FILLS = [(("person",), "#e3f2fd"), (("gov", "state", "country", "authorit"), "#ede7f6"),
                 (("media", "news", "press"), "#fff3e0")]


def _source_fill(stype: str) -> str:
    t = (stype or "").lower()
    for prefixes, fill in _SOURCE_FILLS:
        if t.startswith(prefixes):
            return fill
    return "#eceff1"


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:.2f})"


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _short(s: str, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


_NEGATION = re.compile(r"\b(not|never|no|neither|nor)\b|n't\b", re.I)


def cue_label(cue) -> str:
    """The cue as a label: its text, with "not " only when the text does not say it already.

    >>> from claimtrack.types import Cue
    >>> cue_label(Cue("did not confirm", [(0, 15)], "confirm", "confirm", True))
    'did not confirm'
    >>> cue_label(Cue("confirmed", [(0, 9)], "confirm", "confirm", True))
    'not confirmed'
    """
    text = cue.text
    return text if not cue.negated or _NEGATION.search(text) else "not " + text


# --- the article with highlights ----------------------------------------------------------------

ROLE_RANK = {"cue": 0, "source": 1, "content": 2}


@dataclass(frozen=True)
class Mark:
    """One fragment of one role of one attribution (or a boilerplate stretch)."""

    start: int
    end: int
    role: str  # source | cue | content | boilerplate
    attr: str = ""
    order: int = 0  # the attribution's position, for stable ties
    extent: int = 0  # the role's total length: smaller means more deeply nested


def segments(length: int, marks: Sequence[Mark]) -> list[tuple[int, int, list[Mark]]]:
    """Cut ``[0, length)`` at every mark boundary: ``(start, end, marks covering it)`` pieces.

    >>> [(s, e, [m.role for m in ms]) for s, e, ms in
    ...  segments(10, [Mark(0, 6, "content"), Mark(4, 8, "cue")])]
    [(0, 4, ['content']), (4, 6, ['content', 'cue']), (6, 8, ['cue']), (8, 10, [])]
    """
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    points = {0, length}
    for i, m in enumerate(marks):
        s, e = max(0, min(m.start, length)), max(0, min(m.end, length))
        if e <= s:
            continue
        starts[s].append(i)
        ends[e].append(i)
        points.update((s, e))
    ordered = sorted(points)
    active: set[int] = set()
    out = []
    for p, q in zip(ordered, ordered[1:]):
        active.difference_update(ends.get(p, ()))
        active.update(starts.get(p, ()))
        out.append((p, q, [marks[i] for i in sorted(active)]))
    return out


def _marks(analysis: Analysis) -> list[Mark]:
    marks: list[Mark] = []
    for k, a in enumerate(analysis.attributions):
        for role, r in (("source", a.source), ("cue", a.cue), ("content", a.content)):
            if r is None:
                continue
            extent = sum(e - s for s, e in r.spans)
            marks.extend(Mark(s, e, role, a.id, k, extent) for s, e in r.spans)
    # claims in the article's own voice have no attribution: highlight their own spans
    for c in analysis.claims:
        if not c.attributions:
            marks.extend(Mark(s, e, "content", c.id, len(analysis.attributions),
                              sum(e2 - s2 for s2, e2 in c.spans)) for s, e in c.spans)
    marks.extend(Mark(s, e, "boilerplate") for s, e in analysis.boilerplate)
    return marks


class _View:
    """Look-ups shared by the article, the tables and the graph of one analysis."""

    def __init__(self, analysis: Analysis, prefix: str):
        self.a = analysis
        self.prefix = prefix
        self.attrs = {x.id: x for x in analysis.attributions}
        self.sources = {s.id: s for s in analysis.sources}
        self.claims = {c.id: c for c in analysis.claims}
        self.claim_of: dict[str, Claim] = {}
        for c in analysis.claims:
            for aid in c.attributions:
                self.claim_of.setdefault(aid, c)
        for x in analysis.attributions:
            if x.claim_id in self.claims:
                self.claim_of[x.id] = self.claims[x.claim_id]

    def status(self, attr_id: str) -> str:
        c = self.claim_of.get(attr_id) or self.claims.get(attr_id)
        return c.status if c else NO_CLAIM

    def source_name(self, x: Attribution) -> str:
        s = self.sources.get(x.source_id or "")
        return s.name if s else (x.source.text if x.source else "(no source)")

    def describe(self, attr_id: str) -> str:
        if attr_id not in self.attrs:  # an unattributed claim
            c = self.claims[attr_id]
            return f"{c.id} [{c.status}]: {c.reason}"
        x = self.attrs[attr_id]
        c = self.claim_of.get(attr_id)
        claim = f" → {c.id} [{c.status}]" if c else ""
        return f"{x.id}: {self.source_name(x)} — {cue_label(x.cue)} ({x.cue.cls}){claim}"

    def anchor(self, ident: str) -> str:
        return f"{self.prefix}-{ident}"


def _article_html(view: _View) -> str:
    text = view.a.text
    marks = _marks(view.a)
    first_start: dict[int, list[str]] = defaultdict(list)
    for x in view.a.attributions:
        starts = [s for r in (x.source, x.cue, x.content) if r for s, _ in r.spans]
        if starts:
            first_start[max(0, min(min(starts), len(text)))].append(x.id)
    for c in view.a.claims:
        if not c.attributions and c.spans:
            first_start[max(0, min(c.spans[0][0], len(text)))].append("t" + c.id)
    parts: list[str] = []
    for s, e, covering in segments(len(text), marks):
        for aid in first_start.pop(s, ()):
            parts.append(f'<a class="anchor" id="{_e(view.anchor(aid))}"></a>')
        piece = _e(text[s:e])
        boiler = any(m.role == "boilerplate" for m in covering)
        roles = [m for m in covering if m.role in ROLE_RANK]
        if not roles:
            parts.append(f'<span class="boiler">{piece}</span>' if boiler else piece)
            continue
        best = min(roles, key=lambda m: (ROLE_RANK[m.role], m.extent, m.order))
        depth = sum(1 for m in roles if m.role == "content")
        color = status_color(view.status(best.attr))
        if best.role == "content":
            style = f"background:{_rgba(color, min(0.16 * depth, 0.5))}"
        elif best.role == "source":
            style = f"background:{_rgba(color, 0.32)};border-bottom-color:{color}"
        else:
            style = f"outline-color:{color};color:{color}"
            if depth:
                style += f";background:{_rgba(color, min(0.16 * depth, 0.5))}"
        ids = sorted({m.attr for m in roles}, key=lambda i: (len(i), i))
        title = "\n".join(view.describe(i) for i in ids)
        cls = f"hl role-{best.role}" + (" boiler" if boiler else "")
        parts.append(f'<span class="{cls}" data-a="{_e(" ".join(ids))}" data-main="{_e(best.attr)}"'
                     f' style="{style}" title="{_e(title)}">{piece}</span>')
    return "".join(parts)


# --- tables -------------------------------------------------------------------------------------

def _badge(status: str) -> str:
    color = status_color(status)
    return (f'<span class="badge" style="background:{_rgba(color, 0.15)};color:{color};'
            f'border-color:{color}">{_e(status)}</span>')


def _statement_cell(c) -> str:
    """The claim as a statement that reads on its own, and the words the article used when
    they differ ("to have put an end to …" is the content, not what is claimed)."""
    statement = c.statement or c.text
    if statement == c.text:
        return _e(statement)
    return f'{_e(statement)}<span class="as-written">as written: {_e(c.text)}</span>'


def _claims_table(view: _View) -> str:
    a = view.a
    if not a.claims:
        return '<p class="empty">No claims: the claims stage produced none for this article.</p>'
    links_out: dict[str, list[str]] = defaultdict(list)
    for link in a.links:
        # the evidence in words ("speaks of the same operation (predicate occur; …)"): a link
        # a reviewer cannot check is no help
        why = f' <span class="why">{_e(link.reason)}</span>' if link.reason else ""
        links_out[link.source].append(f"{_e(link.relation)} "
                                      f'<a href="#{_e(view.anchor(link.target))}">{_e(link.target)}</a>{why}')
        links_out[link.target].append(f'<a href="#{_e(view.anchor(link.source))}">{_e(link.source)}</a>'
                                      f" {_e(link.relation)} this")
    rows = []
    for c in a.claims:
        first = c.attributions[0] if c.attributions else "t" + c.id
        said = []
        for aid in c.attributions:
            x = view.attrs.get(aid)
            if x is None:
                continue
            s = view.sources.get(x.source_id or "")
            stype = f' <span class="stype">{_e(s.type)}</span>' if s else ""
            said.append(f'<a href="#{_e(view.anchor(aid))}">{_e(view.source_name(x))}</a>{stype} '
                        f'<span class="cue">{_e(cue_label(x.cue))}</span>')
        rows.append(
            f'<tr id="{_e(view.anchor(c.id))}" data-a="{_e(" ".join(c.attributions or [c.id]))}">'
            f'<td><a href="#{_e(view.anchor(first))}">{_e(c.id)}</a></td>'
            f"<td>{_badge(c.status)}</td><td>{_statement_cell(c)}</td>"
            f"<td>{'<br>'.join(said)}</td><td>{_e(c.reason)}</td>"
            f"<td>{'<br>'.join(links_out.get(c.id, []))}</td></tr>")
    return ('<table class="claims"><thead><tr><th>#</th><th>status</th><th>claim</th>'
            '<th>said by</th><th>reason</th><th>links</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _attributions_table(view: _View) -> str:
    rows = []
    for x in view.a.attributions:
        c = view.claim_of.get(x.id)
        rows.append(
            f'<tr data-a="{_e(x.id)}"><td><a href="#{_e(view.anchor(x.id))}">{_e(x.id)}</a></td>'
            f"<td>{_e(view.source_name(x))}</td><td>{_e(cue_label(x.cue))} "
            f'<span class="stype">{_e(x.cue.cls)}</span></td><td>{_e(x.content.text)}</td>'
            f"<td>{_e(x.type)}</td><td>{_e(c.id) if c else ''}</td></tr>")
    open_ = "" if view.a.claims else " open"
    return (f"<details{open_}><summary>{len(view.a.attributions)} attributions</summary>"
            '<table class="attrs"><thead><tr><th>#</th><th>source</th><th>cue</th><th>content</th>'
            "<th>type</th><th>claim</th></tr></thead><tbody>" + "".join(rows)
            + "</tbody></table></details>")


def _hierarchy(view: _View, sid: str) -> list[str]:
    """The names up a source's ``part_of`` chain (FSB → Russia), each once."""
    chain: list[str] = []
    seen = {sid}
    todo = list(view.sources[sid].part_of) if sid in view.sources else []
    while todo:
        p = todo.pop(0)
        if p in seen or p not in view.sources:
            continue
        seen.add(p)
        chain.append(view.sources[p].name)
        todo.extend(view.sources[p].part_of)
    return chain


def _sources_table(view: _View) -> str:
    """Every resolved source: its type, the names it goes by and the hierarchy it speaks for."""
    if not view.a.sources:
        return ""
    said: dict[str, int] = defaultdict(int)
    for x in view.a.attributions:
        if x.source_id:
            said[x.source_id] += 1
    rows = []
    for src in view.a.sources:
        aliases = [a for a in src.aliases if a and a != src.name]
        up = " → ".join(_e(n) for n in _hierarchy(view, src.id))
        rows.append(f'<tr><td>{_e(src.name)}</td><td><span class="stype">{_e(src.type)}</span></td>'
                    f"<td>{_e('; '.join(aliases))}</td><td>{up}</td><td>{said[src.id]}</td></tr>")
    return ('<h3>Sources</h3><table class="sources"><thead><tr><th>source</th><th>type</th>'
            '<th>also called</th><th>part of</th><th>attributions</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


# --- the claim graph as SVG ---------------------------------------------------------------------

@dataclass
class _Node:
    key: str
    label: str
    kind: str  # source | claim
    color: str
    fill: str
    title: str
    attrs: list[str]
    order: float = 0.0
    y: float = 0.0


def _graph_model(view: _View):
    """Source nodes, claim nodes, source→claim edges (one per attribution) and claim links."""
    a = view.a
    claims: dict[str, _Node] = {}
    if a.claims:
        for c in a.claims:
            claims[c.id] = _Node(c.id, f"{c.id} · {c.text}", "claim", status_color(c.status),
                                 _rgba(status_color(c.status), 0.14),
                                 f"{c.id} [{c.status}] {c.text}\n{c.reason}",
                                 list(c.attributions or [c.id]))
    else:  # before the claims stage: each attribution's content stands for a claim
        for x in a.attributions:
            claims[x.id] = _Node(x.id, f"{x.id} · {x.content.text}", "claim", _NEUTRAL,
                                 _rgba(_NEUTRAL, 0.12), x.content.text, [x.id])
    sources: dict[str, _Node] = {}
    edges = []
    for x in a.attributions:
        c = view.claim_of.get(x.id)
        ckey = x.id if not a.claims else c.id if c else ""
        if ckey not in claims:  # an attribution the claims stage set aside
            continue
        s = view.sources.get(x.source_id or "")
        if s is not None:
            skey = "s:" + s.id
            label, stype, title = s.name, s.type, f"{s.name} ({s.type})"
            if s.aliases:
                title += "\naka " + "; ".join(s.aliases)
        else:
            label = x.source.text if x.source else "(no source)"
            skey, stype, title = "t:" + label.lower(), "", label
        if skey not in sources:
            sources[skey] = _Node(skey, label, "source", "#455a64", _source_fill(stype), title, [])
        sources[skey].attrs.append(x.id)
        edges.append((skey, ckey, x))
    links = [(lk.source, lk.target, lk.relation) for lk in a.links
             if lk.source in claims and lk.target in claims]
    return sources, claims, edges, links


def _place(nodes: list[_Node], gap: float, top: float) -> None:
    """Put nodes at their wished y (``order``), no closer than *gap*, as little moved as can be."""
    y = top
    for n in nodes:  # forward pass: push down
        n.y = max(n.order, y)
        y = n.y + gap
    for i in range(len(nodes) - 2, -1, -1):  # backward pass: pull up what was pushed too far
        nodes[i].y = min(nodes[i].y, nodes[i + 1].y - gap)
    shift = top - min((n.y for n in nodes), default=top)
    if shift > 0:
        for n in nodes:
            n.y += shift


def _graph_svg(view: _View) -> str:
    sources, claims, edges, links = _graph_model(view)
    if not claims:
        return '<p class="empty">No attributions, so no graph.</p>'
    g = _Geometry()
    claim_list = list(claims.values())  # reading order
    for i, n in enumerate(claim_list):
        n.y = g.top + i * g.row
    targets: dict[str, list[float]] = defaultdict(list)
    for skey, ckey, _ in edges:
        targets[skey].append(claims[ckey].y)
    src_list = list(sources.values())
    for j, n in enumerate(src_list):
        n.order = sum(targets[n.key]) / len(targets[n.key]) if targets[n.key] else g.top + j * g.row
    src_list.sort(key=lambda n: n.order)
    _place(src_list, g.row, g.top)
    arcs = lay_out_arcs([(claims[s].y + g.box_h / 2, claims[t].y + g.box_h / 2) for s, t, _ in links],
                        label_gap=14.0)
    lanes = max((a.lane for a in arcs), default=-1) + 1
    longest = max([len(rel) for _, _, rel in links] + [0])
    height = max([n.y for n in claim_list + src_list] + [a.label_y for a in arcs] + [g.top]) + g.box_h + 20
    width = g.cx + g.cw + (0.75 * lanes * g.lane + 16 + 7 * longest if links else 10)
    out = [f'<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
           f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
           f'aria-label="claim graph">', _svg_markers(view.prefix),
           f'<text class="colhead" x="{g.sx}" y="16">sources</text>'
           f'<text class="colhead" x="{g.cx}" y="16">claims</text>']
    # edges first, so boxes sit on top
    out += _svg_source_edges(view, g, sources, claims, edges)
    out += _svg_links(view.prefix, g, links, arcs, lanes)
    for n, x, w, chars in ([(n, g.sx, g.sw, 44) for n in src_list] + [(n, g.cx, g.cw, 76) for n in claim_list]):
        out.append(f'<g class="node {n.kind}" data-a="{_e(" ".join(n.attrs))}"><title>{_e(n.title)}</title>'
                   f'<rect x="{x:.1f}" y="{n.y:.1f}" width="{w:.1f}" height="{g.box_h:.1f}" rx="6" '
                   f'fill="{n.fill}" stroke="{n.color}" stroke-width="1.4"/>'
                   f'<text x="{x + 8:.1f}" y="{n.y + g.box_h / 2 + 4:.1f}">{_e(_short(n.label, chars))}</text></g>')
    out.append("</svg>")
    return "".join(out)


@dataclass
class _Geometry:
    row: float = 40.0     # distance between claim boxes
    box_h: float = 28.0
    top: float = 30.0
    sx: float = 10.0      # sources column: x and width
    sw: float = 290.0
    cx: float = 520.0     # claims column: x and width
    cw: float = 500.0
    lane: float = 26.0    # width of one lane of claim-to-claim arcs


def _svg_markers(p: str) -> str:
    colors = {status_color("")} | {c for c in _CUE_COLORS.values()} | set(_RELATION_COLORS.values())
    colors.add("#546e7a")
    return "<defs>" + "".join(
        f'<marker id="{p}-arrow-{col[1:]}" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{col}"/></marker>' for col in sorted(colors)) + "</defs>"


def _svg_source_edges(view: _View, g: _Geometry, sources: dict, claims: dict, edges: list) -> list[str]:
    """Source → claim edges, their ends spread where several share a node so that labels and
    arrows do not pile up."""
    out_of: dict[str, list[int]] = defaultdict(list)
    into: dict[str, list[int]] = defaultdict(list)
    for i, (skey, ckey, _) in enumerate(edges):
        out_of[skey].append(i)
        into[ckey].append(i)
    offset: dict[tuple[str, int], float] = {}
    for ends, other in ((out_of, lambda i: claims[edges[i][1]].y),
                        (into, lambda i: sources[edges[i][0]].y)):
        for key, idx in ends.items():
            idx.sort(key=lambda i: (other(i), i))
            step = min(12.0, (g.box_h - 6) / max(1, len(idx) - 1))
            for k, i in enumerate(idx):
                offset[(key, i)] = (k - (len(idx) - 1) / 2) * step
    out = []
    for i, (skey, ckey, x) in enumerate(edges):
        ys = sources[skey].y + g.box_h / 2 + offset[(skey, i)]
        yc = claims[ckey].y + g.box_h / 2 + offset[(ckey, i)]
        x0, x1 = g.sx + g.sw, g.cx
        mx = (x0 + x1) / 2
        col = _CUE_COLORS.get(x.cue.cls, "#546e7a")
        dash = ' stroke-dasharray="5 3"' if x.cue.negated else ""
        cue = ("not " if x.cue.negated else "") + (x.cue.lemma or x.cue.text)
        out.append(f'<g class="edge" data-a="{_e(x.id)}"><title>{_e(view.describe(x.id))}</title>'
                   f'<path d="M{x0:.1f},{ys:.1f} C{mx:.1f},{ys:.1f} {mx:.1f},{yc:.1f} {x1 - 2:.1f},{yc:.1f}" '
                   f'stroke="{col}" fill="none" stroke-width="1.6"{dash} '
                   f'marker-end="url(#{view.prefix}-arrow-{col[1:]})"/>'
                   f'<text class="elabel" x="{x1 - 12:.1f}" y="{yc - 3:.1f}" text-anchor="end" '
                   f'fill="{col}">{_e(_short(cue, 18))}</text></g>')
    return out


def _svg_links(p: str, g: _Geometry, links: list, arcs: list, lanes: int) -> list[str]:
    """Claim → claim links as arcs in lanes (svg_layout), each label by its arc's outer edge at a
    height the layout keeps a line away from every other label."""
    out = []
    x0 = g.cx + g.cw
    for (s, t_, rel), arc in zip(links, arcs):
        d = (arc.lane + 1) * g.lane
        col = _RELATION_COLORS.get(rel, "#546e7a")
        out.append(f'<g class="link"><title>{_e(f"{s} {rel} {t_}")}</title>'
                   f'<path d="M{x0:.1f},{arc.y1:.1f} C{x0 + d:.1f},{arc.y1:.1f} {x0 + d:.1f},{arc.y2:.1f} '
                   f'{x0 + 2:.1f},{arc.y2:.1f}" stroke="{col}" fill="none" stroke-width="1.4" '
                   f'marker-end="url(#{p}-arrow-{col[1:]})"/>'
                   f'<text class="elabel" x="{x0 + 0.75 * d + 4:.1f}" y="{arc.label_y + 4:.1f}" '
                   f'fill="{col}">{_e(rel)}</text></g>')
    return out


# --- the page -----------------------------------------------------------------------------------

_CSS = """
:root{--ink:#1f2933;--muted:#607080;--line:#d9dee3}
*{box-sizing:border-box}
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);
 margin:0;background:#f6f7f9}
header.top{background:#1f2933;color:#fff;padding:14px 28px}
header.top h1{font-size:20px;margin:0}
header.top p{margin:2px 0 0;color:#c9d2db;font-size:13px}
main{max-width:1320px;margin:0 auto;padding:8px 28px 40px}
section.article{background:#fff;border:1px solid var(--line);border-radius:8px;padding:6px 24px 20px;margin:18px 0}
h2{font-size:18px;margin:14px 0 2px} h3{font-size:15px;margin:20px 0 8px;color:#33414e}
.meta{color:var(--muted);font-size:13px;margin:0 0 8px}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:12.5px;color:#33414e;margin:8px 0 4px}
.legend .sw{display:inline-block;width:12px;height:12px;border-radius:3px;vertical-align:-1px;margin-right:4px}
.text{white-space:pre-wrap;font:15.5px/1.75 Georgia,"DejaVu Serif",serif;border-left:3px solid var(--line);padding:4px 0 4px 16px}
.hl{border-radius:2px;cursor:pointer}
.role-source{font-weight:600;border-bottom:2px solid}
.role-cue{outline:1.5px solid;outline-offset:-1px;font-style:italic;font-weight:600;padding:0 1px}
.boiler{color:#9aa5b1}
.hl.focus{box-shadow:0 0 0 2px #1f2933;}
tr.focus td{background:#fff8d6}
g.focus rect{stroke-width:3} g.focus path{stroke-width:3}
table{border-collapse:collapse;width:100%;font-size:13.5px;background:#fff}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4;font-weight:600}
.badge{display:inline-block;border:1px solid;border-radius:10px;padding:0 8px;font-size:12px;white-space:nowrap}
.stype{color:var(--muted);font-size:11.5px}
.cue{font-style:italic}
details summary{cursor:pointer;color:#33414e;margin:14px 0 6px;font-weight:600}
.as-written{display:block;color:#607080;font-size:11px;margin-top:2px}
.graphbox{overflow-x:auto;border:1px solid var(--line);border-radius:6px;background:#fcfcfd}
svg.graph{font:12px system-ui,"DejaVu Sans",sans-serif;display:block}
svg.graph .colhead{font-weight:600;fill:#607080}
svg.graph .elabel{font-size:11px;paint-order:stroke;stroke:#fcfcfd;stroke-width:3px}
svg.graph g.node{cursor:pointer} svg.graph text{fill:#1f2933}
.empty{color:var(--muted);font-style:italic}
a{color:#1565c0}
.why { display: block; color: #5f6b76; font-size: 0.85em; }
"""

_JS = """
(function(){
  function focus(section, ids, on){
    ids.forEach(function(id){
      section.querySelectorAll('[data-a~="'+id.replace(/"/g,'')+'"]').forEach(function(el){
        el.classList.toggle('focus', on);});});
  }
  document.querySelectorAll('section.article').forEach(function(section){
    section.addEventListener('mouseover', function(ev){
      var el = ev.target.closest('[data-a]'); if(!el) return;
      var ids = (el.getAttribute('data-main') || el.getAttribute('data-a')).split(' ');
      focus(section, ids, true);
      el.addEventListener('mouseout', function out(){ focus(section, ids, false);
        el.removeEventListener('mouseout', out); });
    });
  });
  document.body.classList.add('js-ready');
})();
"""


def _legend(analyses: Sequence[Analysis]) -> str:
    statuses: list[str] = []
    for a in analyses:
        for c in a.claims:
            if c.status not in statuses:
                statuses.append(c.status)
    if any(x.claim_id is None and not any(x.id in c.attributions for c in a.claims)
           for a in analyses for x in a.attributions):
        statuses.append(NO_CLAIM)
    items = [f'<span><span class="sw" style="background:{status_color(s)}"></span>{_e(s)}</span>'
             for s in statuses]
    items += ['<span><b style="border-bottom:2px solid #555">source</b></span>',
              '<span><i style="outline:1.5px solid #555;font-weight:600">cue</i></span>',
              '<span><span style="background:rgba(96,112,128,.18)">content</span> '
              '(deeper shade = nested)</span>',
              '<span class="boiler">grey: boilerplate</span>']
    return '<div class="legend">' + "".join(items) + "</div>"


def _article_section(analysis: Analysis, k: int) -> str:
    view = _View(analysis, f"r{k}")
    meta = analysis.meta or {}
    title = meta.get("title") or analysis.id
    bits = []
    if meta.get("date"):
        bits.append(_e(meta["date"]))
    url = web_url(meta.get("url"))
    if url:  # a javascript: "URL" from a hostile page is never made a link
        bits.append(f'<a href="{_e(url)}" rel="noreferrer">{_e(url)}</a>')
    bits.append(f"{len(analysis.attributions)} attributions · {len(analysis.sources)} sources · "
                f"{len(analysis.claims)} claims")
    return (f'<section class="article" id="{_e(view.prefix)}" data-article="{_e(analysis.id)}">'
            f"<h2>{_e(title)}</h2><p class=\"meta\">{' · '.join(bits)}</p>"
            f"{_legend([analysis])}"
            f'<div class="text">{_article_html(view)}</div>'
            f'<h3>Claim graph</h3><div class="graphbox">{_graph_svg(view)}</div>'
            f"<h3>Claims</h3>{_claims_table(view)}"
            f"{_sources_table(view)}"
            f"{_attributions_table(view)}"
            "</section>")


def article_fragment(analysis: Analysis, k: int = 0) -> str:
    """One article's section of the report, for pages that bring their own ``<head>`` (the
    desk serves :data:`CSS` and :data:`SCRIPT` as files, so its pages need no inline script)."""
    return _article_section(analysis, k)


def _script_hash(js: str) -> str:
    """The CSP source for one inline script: ``sha256-`` and the base64 digest of its text."""
    import base64
    import hashlib

    return "sha256-" + base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")


def render_html(analyses: Sequence[Analysis], title: str | None = None) -> str:
    """The whole report as one HTML string (one section per article)."""
    from .. import __version__

    if title is None:
        title = ((analyses[0].meta or {}).get("title") or analyses[0].id) if len(analyses) == 1 \
            else f"{len(analyses)} articles"
    toc = ""
    if len(analyses) > 1:
        toc = "<nav><ul>" + "".join(
            f'<li><a href="#r{k}">{_e((a.meta or {}).get("title") or a.id)}</a></li>'
            for k, a in enumerate(analyses)) + "</ul></nav>"
    # the report's own script by its hash, nothing else: no inline event handler and no
    # javascript: link can run, even if one ever slipped through the escaping
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{_script_hash(_JS)}'; "
           "img-src data:")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>claimtrack: {_e(title)}</title><style>{_CSS}</style></head><body>"
            f'<header class="top"><h1>claimtrack report: {_e(title)}</h1>'
            f"<p>Who claims what, and who confirmed, denied or repeated it. Machine output of "
            f"claimtrack {_e(__version__)}: hover a highlight to see its attribution.</p></header>"
            f"<main>{toc}"
            + "".join(_article_section(a, k) for k, a in enumerate(analyses))
            + f"</main><script>{_JS}</script></body></html>\n")


def write_html(analyses: Sequence[Analysis], path: str | os.PathLike,
               title: str | None = None) -> None:
    """Write the report to *path*, whole or not at all (:func:`claimtrack.io.outputs.open_output`)."""
    from ..io.outputs import open_output

    html_text = render_html(analyses, title)
    with open_output(path) as fh:
        fh.write(html_text)


CSS, SCRIPT = _CSS, _JS  # the report's style and script, for the desk's static files


# --- looking at it in a real browser ------------------------------------------------------------

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The path of a Chromium/Chrome binary on PATH, or None."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium(html_path: str | os.PathLike, *, screenshot: str | os.PathLike | None = None,
             dump_dom: bool = False, size: tuple[int, int] = (1400, 2000),
             binary: str | None = None, timeout: float = 120) -> str:
    """Open *html_path* in headless Chromium: write a PNG screenshot and/or return the DOM
    after scripts ran. Nothing is fetched: networking features are switched off."""
    binary = binary or find_chromium()
    if binary is None:
        raise FileNotFoundError("no chromium binary on PATH (Debian: apt-get install chromium)")
    url = Path(html_path).resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="claimtrack-chromium-") as profile:
        cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-extensions", "--hide-scrollbars",
               "--disable-dev-shm-usage", f"--user-data-dir={profile}",
               f"--window-size={size[0]},{size[1]}"]
        if screenshot is not None:
            cmd.append(f"--screenshot={Path(screenshot).resolve()}")
        if dump_dom:
            cmd.append("--dump-dom")
        cmd.append(url)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "HOME": profile})
    if proc.returncode != 0:
        raise RuntimeError(f"chromium exited {proc.returncode}: {proc.stderr[-2000:]}")
    return proc.stdout
