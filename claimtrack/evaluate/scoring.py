"""Scoring attribution predictions against a gold corpus (the PolNeAR JSONL format).

This is the reference scorer's algorithm (``shared/bench/score.py``) as an importable module, so
``claimtrack eval`` prints the same numbers; ``tests/test_evaluate.py`` checks that they agree.
Overlap is counted in word tokens (``\\w+``); matching is one-to-one and greedy.

>>> gold = {"d": {"id": "d", "text": "Bob said it rained.", "attributions": [
...     {"source": [[0, 3]], "cue": [[4, 8]], "content": [[9, 18]]}]}}
>>> score(gold, gold)["attributions"]["attr"]["f1"]
1.0
"""
from __future__ import annotations

import bisect
import json
import re
from collections import defaultdict

from ..errors import InputError
from ..io.safetext import utf8_safe

ROLES = ("source", "cue", "content")
WORD_RE = re.compile(r"\w+")
TEXT_JOINER = " "  # *_text = TEXT_JOINER.join(text[s:e] for s, e in spans)


# --------------------------------------------------------------------------
# loading and validation
# --------------------------------------------------------------------------

def load_jsonl(path, require_text=False, texts=None):
    """Return {id: doc}; an InputError (one line, exit code 2) names the first bad line:
    not UTF-8, not a JSON object, no usable 'id', a duplicate id, or (*require_text*, for
    gold files) no 'text' string. Then every attribution is checked (:func:`attribution_problems`)
    against the document's text (gold) or *texts* (``{id: gold text}``, for a prediction file),
    and all problems are reported at once with their line numbers."""
    docs, problems = {}, []
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    with fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            doc = _json_line(raw, f"{path}:{n}")
            if not isinstance(doc.get("id"), (str, int)) or isinstance(doc.get("id"), bool):
                raise InputError(f"{path}:{n}: no 'id' (a string or a number)")
            if require_text and not isinstance(doc.get("text"), str):
                raise InputError(f"{path}:{n}: no 'text' string")
            if doc["id"] in docs:
                raise InputError(f"{path}:{n}: duplicate id {doc['id']!r}")
            docs[doc["id"]] = doc
            text = doc.get("text") if require_text else (texts or {}).get(doc["id"])
            problems += [f"line {n}: {p}" for p in attribution_problems(doc, text, gold=require_text)]
    if problems:
        more = f"; … and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise InputError(f"{path}: {len(problems)} problem(s): {'; '.join(problems[:5])}{more}")
    return docs


def attribution_problems(doc, text=None, gold=True):
    """What is wrong with *doc*'s attributions: not a list of objects, (in gold) a missing cue
    or content, a role that is not a list of ``[start, end]`` integer pairs, a span without
    ``start < end``, or (when *text* is known) a span that reaches outside it."""
    atts = doc.get("attributions", [])
    if atts is None:
        return []
    if not isinstance(atts, list):
        return ["'attributions' is not a list"]
    problems = []
    for i, att in enumerate(atts):
        if not isinstance(att, dict):
            problems.append(f"attribution {i}: not an object")
            continue
        # a prediction may lack a role (the scorer counts it as a miss); gold may not
        required = ("cue", "content") if gold else ()
        for role in ROLES:
            if not att.get(role):
                if role in required:
                    problems.append(f"attribution {i}: no {role}")
                continue
            try:
                spans = coerce_spans(att[role])
            except (ValueError, TypeError, IndexError, KeyError):
                problems.append(f"attribution {i}: {role} is not a list of [start, end] pairs")
                continue
            for s, e in spans:
                if s >= e:
                    problems.append(f"attribution {i}: {role} span [{s}, {e}] does not have start < end")
                elif text is not None and not (0 <= s and e <= len(text)):
                    problems.append(f"attribution {i}: {role} span [{s}, {e}] is outside the text "
                                    f"({len(text)} characters)")
    return problems


def _json_line(raw, where):
    """One JSONL line as a dict, or an InputError saying why not."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON ({exc})") from None
    except RecursionError:  # [[[[… nested deeper than the parser's stack
        raise InputError(f"{where}: JSON nested too deeply") from None
    if not isinstance(doc, dict):
        raise InputError(f"{where}: not a JSON object")
    if isinstance(doc.get("text"), str):  # a lone surrogate ("\ud800") cannot be written back
        doc["text"] = utf8_safe(doc["text"])
    return doc


def coerce_spans(value):
    """Accept [[s,e],...], a single [s,e], None or [] and return a list of (s, e)."""
    if not value:
        return []
    if not isinstance(value, (list, tuple)):  # a string cue ("said") is no span list
        raise ValueError(f"bad spans {value!r}")
    if isinstance(value[0], int):
        value = [value]
    out = []
    for pair in value:
        if (not isinstance(pair, (list, tuple)) or len(pair) != 2
                or not all(isinstance(x, int) for x in pair)):
            raise ValueError(f"bad span {pair!r}")
        out.append((pair[0], pair[1]))
    return out


def span_text(text, spans):
    return TEXT_JOINER.join(text[s:e] for s, e in spans)


def validate_doc(doc):
    """Return a list of problems in a gold-format document (empty if fine)."""
    problems = []
    text = doc.get("text")
    if not isinstance(text, str):
        return [f"{doc.get('id')}: no text"]
    for i, att in enumerate(doc.get("attributions", [])):
        for role in ROLES:
            try:
                spans = coerce_spans(att.get(role))
            except ValueError as exc:
                problems.append(f"{doc['id']}#{i} {role}: {exc}")
                continue
            for s, e in spans:
                if not (0 <= s < e <= len(text)):
                    problems.append(f"{doc['id']}#{i} {role}: span {s},{e} out of range")
            key = role + "_text"
            if key in att and att[key] != span_text(text, spans):
                problems.append(f"{doc['id']}#{i} {key} != text at its spans")
        if not att.get("cue") or not att.get("content"):
            problems.append(f"{doc['id']}#{i}: attribution without cue or content")
        if att.get("direct") not in (True, False, None):
            problems.append(f"{doc['id']}#{i}: direct must be bool or null")
    return problems


# --------------------------------------------------------------------------
# spans and units
# --------------------------------------------------------------------------

def normalize_spans(spans, text):
    """Trim whitespace, sort, merge overlapping / touching / whitespace-separated fragments."""
    frags = []
    for s, e in spans:
        s = max(0, s)
        e = min(len(text), e)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            frags.append((s, e))
    frags.sort()
    merged = []
    for s, e in frags:
        if merged and (s <= merged[-1][1] or text[merged[-1][1]:s].isspace()):
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return tuple(merged)


class DocIndex:
    """Word-token index of one document text."""

    def __init__(self, text):
        self.text = text
        self.starts = []
        self.ends = []
        for m in WORD_RE.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def units(self, spans):
        """Frozen set of units (token indices, or ('c', pos) if no token) covered by spans."""
        out = set()
        for s, e in spans:
            i = bisect.bisect_right(self.ends, s)
            while i < len(self.starts) and self.starts[i] < e:
                out.add(i)
                i += 1
        if not out:
            for s, e in spans:
                out.update(("c", p) for p in range(s, e) if not self.text[p].isspace())
        return frozenset(out)


def inside(spans, regions):
    """True if every fragment of spans lies inside one of regions."""
    return bool(spans) and all(any(rs <= s and e <= re_ for rs, re_ in regions) for s, e in spans)


# --------------------------------------------------------------------------
# per-document preparation
# --------------------------------------------------------------------------

class PreparedAttr:
    __slots__ = ("spans", "units", "direct", "quote_type", "pos")

    def __init__(self, att, text, index):
        self.spans = {}
        self.units = {}
        for role in ROLES:
            spans = normalize_spans(coerce_spans(att.get(role)), text)
            self.spans[role] = spans
            self.units[role] = index.units(spans) if spans else frozenset()
        self.direct = att.get("direct")
        self.quote_type = att.get("quote_type")
        firsts = [sp[0][0] for sp in self.spans.values() if sp]
        self.pos = min(firsts) if firsts else -1


def prepare(doc_atts, text, index, ignore=(), warn=None, label=""):
    out = []
    for k, att in enumerate(doc_atts or []):
        try:
            pa = PreparedAttr(att, text, index)
        except (ValueError, TypeError, IndexError, AttributeError) as exc:  # not a span list / dict
            if warn:
                warn(f"{label}#{k}: dropped ({exc})")
            continue
        if ignore and pa.spans["cue"] and inside(pa.spans["cue"], ignore):
            continue
        out.append(pa)
    return out


# --------------------------------------------------------------------------
# counting
# --------------------------------------------------------------------------

def jaccard(a, b):
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def greedy_match(gold, pred, eligible, score):
    """One-to-one greedy matching; returns list of (gi, pi)."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if eligible(g, p):
                cands.append((-score(g, p), gi, pi))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def _attr_score(g, p):
    return sum(jaccard(g.units[r], p.units[r]) for r in ROLES) + 1e-9 * (1.0 / (1 + abs(g.pos - p.pos)))


def _share(a, b):
    return bool(a & b)


RULES = {
    "attr": lambda g, p: _share(g.units["cue"], p.units["cue"]) and _share(g.units["content"], p.units["content"]),
    "attr+src": lambda g, p: (_share(g.units["cue"], p.units["cue"])
                              and _share(g.units["content"], p.units["content"])
                              and ((not g.units["source"] and not p.units["source"])
                                   or _share(g.units["source"], p.units["source"]))),
    "attr_exact": lambda g, p: all(g.spans[r] == p.spans[r] for r in ROLES),
    "content_only": lambda g, p: _share(g.units["content"], p.units["content"]),
}


def token_prf(g, p):
    if not g and not p:
        return 1.0
    if not g or not p:
        return 0.0
    inter = len(g & p)
    if not inter:
        return 0.0
    prec, rec = inter / len(p), inter / len(g)
    return 2 * prec * rec / (prec + rec)


class Counts:
    """Accumulates raw counts; see finish() for the metrics."""

    def __init__(self):
        self.c = defaultdict(float)

    def add(self, key, value=1.0):
        self.c[key] += value

    def update_doc(self, gold, pred, index, ignore):
        c = self.c
        # span level
        for role in ROLES:
            gs = sorted({a.spans[role] for a in gold if a.spans[role]})
            ps = sorted({a.spans[role] for a in pred if a.spans[role]})
            if ignore:
                ps = [sp for sp in ps if not inside(sp, ignore)]
            c[f"span.{role}.gold"] += len(gs)
            c[f"span.{role}.pred"] += len(ps)
            c[f"span.{role}.exact_tp"] += len(set(gs) & set(ps))
            gu = [index.units(sp) for sp in gs]
            pu = [index.units(sp) for sp in ps]
            cands = sorted((-len(g & p), gi, pi) for gi, g in enumerate(gu)
                           for pi, p in enumerate(pu) if g & p)
            ug, up = set(), set()
            for _, gi, pi in cands:
                if gi not in ug and pi not in up:
                    ug.add(gi)
                    up.add(pi)
            c[f"span.{role}.any_tp"] += len(ug)
            gall = frozenset().union(*gu) if gu else frozenset()
            pall = frozenset().union(*pu) if pu else frozenset()
            c[f"span.{role}.tok_rec_sum"] += sum(len(g & pall) / len(g) for g in gu if g)
            c[f"span.{role}.tok_prec_sum"] += sum(len(p & gall) / len(p) for p in pu if p)
        # attribution level
        c["attr.gold"] += len(gold)
        c["attr.pred"] += len(pred)
        for name, rule in RULES.items():
            pairs = greedy_match(gold, pred, rule, _attr_score)
            c[f"{name}.tp"] += len(pairs)
            if name != "attr":
                continue
            matched_g = {gi for gi, _ in pairs}
            for gi, g in enumerate(gold):
                qt = g.quote_type or ("direct" if g.direct is True else "indirect" if g.direct is False else "unknown")
                c[f"attr.by_type.{qt}.gold"] += 1
                c[f"attr.by_type.{qt}.tp"] += gi in matched_g
                src = "with_source" if g.spans["source"] else "no_source"
                c[f"attr.by_source.{src}.gold"] += 1
                c[f"attr.by_source.{src}.tp"] += gi in matched_g
            for gi, pi in pairs:
                g, p = gold[gi], pred[pi]
                for role in ROLES:
                    c[f"matched.{role}.tokf1_sum"] += token_prf(g.units[role], p.units[role])
                    c[f"matched.{role}.exact"] += g.spans[role] == p.spans[role]
                c["matched.n"] += 1
                if isinstance(g.direct, bool) and isinstance(p.direct, bool):
                    c["matched.direct.n"] += 1
                    c["matched.direct.correct"] += g.direct == p.direct
                    c["matched.direct.tp"] += g.direct and p.direct
                    c["matched.direct.gold_pos"] += g.direct
                    c["matched.direct.pred_pos"] += p.direct

    def finish(self):
        c = self.c
        res = {"counts": {"documents": int(c["docs"]), "gold_attributions": int(c["attr.gold"]),
                          "pred_attributions": int(c["attr.pred"])}}
        spans = {}
        for role in ROLES:
            g, p = c[f"span.{role}.gold"], c[f"span.{role}.pred"]
            r = {"gold": int(g), "pred": int(p)}
            r["exact"] = prf(c[f"span.{role}.exact_tp"], p, g)
            r["any"] = prf(c[f"span.{role}.any_tp"], p, g)
            prec = c[f"span.{role}.tok_prec_sum"] / p if p else 0.0
            rec = c[f"span.{role}.tok_rec_sum"] / g if g else 0.0
            r["token"] = {"p": prec, "r": rec, "f1": f1(prec, rec)}
            spans[role] = r
        res["spans"] = spans
        attrs = {}
        for name in RULES:
            d = prf(c[f"{name}.tp"], c["attr.pred"], c["attr.gold"])
            attrs[name] = d
        res["attributions"] = attrs
        n = c["matched.n"]
        res["matched"] = {
            "pairs": int(n),
            **{f"{role}_token_f1": (c[f"matched.{role}.tokf1_sum"] / n if n else 0.0) for role in ROLES},
            **{f"{role}_exact": (c[f"matched.{role}.exact"] / n if n else 0.0) for role in ROLES},
        }
        dn = c["matched.direct.n"]
        res["matched"]["direct"] = {
            "pairs_with_flag": int(dn),
            "accuracy": c["matched.direct.correct"] / dn if dn else None,
            **prf(c["matched.direct.tp"], c["matched.direct.pred_pos"], c["matched.direct.gold_pos"]),
        }
        by = {}
        for key in sorted(c):
            m = re.match(r"attr\.(by_type|by_source)\.([^.]+)\.gold$", key)
            if m:
                kind, val = m.groups()
                gold_n = c[key]
                tp = c[f"attr.{kind}.{val}.tp"]
                by.setdefault(kind, {})[val] = {"gold": int(gold_n), "recall": tp / gold_n if gold_n else 0.0}
        res["attr_recall_breakdown"] = by
        return res


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return {"tp": int(tp), "p": p, "r": r, "f1": f1(p, r)}


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------

def score(gold_docs, pred_docs, use_ignore=True, warn=None, per_doc=False):
    """Score pred_docs ({id: doc}) against gold_docs ({id: doc}); returns a result dict."""
    total = Counts()
    per = {}
    missing = [i for i in gold_docs if i not in pred_docs]
    extra = [i for i in pred_docs if i not in gold_docs]
    if warn and missing:
        warn(f"{len(missing)} gold document(s) have no prediction line (scored as empty)")
    if warn and extra:
        warn(f"{len(extra)} predicted document(s) are not in gold (ignored)")
    for doc_id, gdoc in gold_docs.items():
        text = gdoc["text"]
        index = DocIndex(text)
        ignore = []
        if use_ignore:
            ignore = [tuple(x) for x in (gdoc.get("meta") or {}).get("ignore_spans", [])]
        gold = prepare(gdoc.get("attributions"), text, index)
        pdoc = pred_docs.get(doc_id) or {}
        pred = prepare(pdoc.get("attributions"), text, index, ignore, warn, doc_id)
        total.add("docs")
        total.update_doc(gold, pred, index, ignore)
        if per_doc:
            one = Counts()
            one.add("docs")
            one.update_doc(gold, pred, index, ignore)
            per[doc_id] = one.finish()
    res = total.finish()
    res["settings"] = {"ignore_spans": use_ignore, "unit": "word tokens (\\w+)",
                       "missing_pred_docs": len(missing), "extra_pred_docs": len(extra)}
    if per_doc:
        res["per_doc"] = per
    return res


def format_table(res):
    out = []
    cnt = res["counts"]
    out.append(f"documents {cnt['documents']}   gold attributions {cnt['gold_attributions']}   "
               f"predicted attributions {cnt['pred_attributions']}")
    out.append("")
    out.append("Span level (distinct spans per document and role; micro-averaged)")
    out.append(f"{'role':<8} {'gold':>6} {'pred':>6} | {'exact P':>7} {'R':>6} {'F1':>6} | "
               f"{'any P':>6} {'R':>6} {'F1':>6} | {'token P':>7} {'R':>6} {'F1':>6}")
    for role in ROLES:
        r = res["spans"][role]
        out.append(f"{role:<8} {r['gold']:>6} {r['pred']:>6} | "
                   f"{r['exact']['p']:>7.3f} {r['exact']['r']:>6.3f} {r['exact']['f1']:>6.3f} | "
                   f"{r['any']['p']:>6.3f} {r['any']['r']:>6.3f} {r['any']['f1']:>6.3f} | "
                   f"{r['token']['p']:>7.3f} {r['token']['r']:>6.3f} {r['token']['f1']:>6.3f}")
    out.append("")
    out.append("Attribution level (one-to-one matching)")
    labels = {"attr": "attr (cue & content overlap)", "attr+src": "attr+src (+ source overlap/both empty)",
              "attr_exact": "attr_exact (all three exact)", "content_only": "content_only (content overlap)"}
    for name, lab in labels.items():
        a = res["attributions"][name]
        out.append(f"  {lab:<40} P {a['p']:.3f}  R {a['r']:.3f}  F1 {a['f1']:.3f}  (tp {a['tp']})")
    m = res["matched"]
    out.append("")
    out.append(f"Matched pairs under 'attr': {m['pairs']}; mean token-F1 source {m['source_token_f1']:.3f} "
               f"cue {m['cue_token_f1']:.3f} content {m['content_token_f1']:.3f}; exact rate source "
               f"{m['source_exact']:.3f} cue {m['cue_exact']:.3f} content {m['content_exact']:.3f}")
    d = m["direct"]
    if d["pairs_with_flag"]:
        out.append(f"direct flag on matched pairs: accuracy {d['accuracy']:.3f} over {d['pairs_with_flag']}; "
                   f"direct-class P {d['p']:.3f} R {d['r']:.3f} F1 {d['f1']:.3f}")
    for kind, vals in res.get("attr_recall_breakdown", {}).items():
        parts = ", ".join(f"{k} {v['recall']:.3f} (n={v['gold']})" for k, v in vals.items())
        out.append(f"attr recall {kind}: {parts}")
    return "\n".join(out)
