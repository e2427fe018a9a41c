"""Independence across articles: which appearances of a claim are independent support, and the
status that follows, day by day.

An appearance adds an independent *origin* unless an earlier appearance already speaks for it:

* **the same source again** (same entity key, in any article) — "says it again";
* **a reprint**: an article that credits the outlet of an earlier appearance ("…, Caucasus
  Wire reported"), the same words from the same source in another outlet (a wire story
  republished), or the same relay carrying it again;
* **the same hierarchy**: the FSB and Moscow, a ministry and its government
  (``part_of``, transitively, as resolved in each article);
* **no named source** (an unresolved "they"): it cannot be shown to be independent.

Status: :func:`claimtrack.claims.status.decide`, the ladder an article's claims get too, on
the store's evidence — ``disputed`` (asserted and denied, or another cluster contradicts it:
opposite polarity or a conflicting number), ``denied`` (only denials), ``confirmed`` (two or
more independent origins, or a cluster that confirms it in full from sources its article found
independent), ``partly-confirmed`` (such a cluster confirms part of it), ``reported`` (one
origin, relayed neutrally), ``claimed`` (one origin), ``unattributed`` (the outlets' own voice).

>>> a = {"article": "a1", "date": "2024-03-09", "outlet": "Wire", "source": "Police",
...      "source_key": "name:police", "hierarchy": ["name:police"], "via": [], "class": "assert",
...      "text": "two died", "cue": "said"}
>>> b = dict(a, article="a2", outlet="Daily", date="2024-03-10")
>>> cluster_status({"kind": "assertion", "appearances": [a, b], "links": [], "linked_from": []})[0]
'claimed'
"""
from __future__ import annotations

import re

from ..claims.kind import not_checkable_reason
from ..claims.status import Evidence, decide
from ..sources.resolve import surname

SUPPORT = {"assert", "confirm", "claim", "report", "warn", "believe", "evaluate", "intend", "ask"}


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _dependence(app: dict, earlier: list[dict]) -> str | None:
    """Why *app* adds no independent origin given the *earlier* supporting appearances."""
    for e in earlier:
        if e["article"] == app["article"] and e["source_key"] == app["source_key"]:
            return "same article"
        if e["article"] != app["article"] and e["outlet"] and \
                e["outlet"].lower() in {c.lower() for c in app.get("credits", [])}:
            return f"{app['outlet'] or app['article']} republishes {e['outlet']}'s story ({e['article']})"
        if app["via"] and set(app["via"]) & set(e["via"]):
            wire = sorted(set(app["via"]) & set(e["via"]))[0]
            return f"{app['outlet'] or app['article']} reprints {wire}'s story ({e['article']})"
        if _norm(app["text"]) == _norm(e["text"]) and _same_speaker(app, e) \
                and app["outlet"] != e["outlet"]:
            return (f"{app['outlet'] or app['article']} repeats {e['outlet'] or e['article']}'s "
                    f"copy word for word ({e['article']}), a reprint")
        if app["source_key"] and _same_speaker(app, e):
            return f"{app['source']} says it again ({app['article']}), which adds no independent support"
        common = set(app["hierarchy"]) & set(e["hierarchy"])
        if common:
            return (f"{app['source']} ({app['article']}) is not independent of {e['source']}: "
                    f"both speak for {sorted(common)[-1].split(':', 1)[-1]}")
    return None


def _same_speaker(a: dict, b: dict) -> bool:
    """One source: the same key, or a person's full name and their surname alone ("Gela
    Beridze" in the wire story, "Beridze" in the paper that reprinted it)."""
    ka, kb = a.get("source_key") or "", b.get("source_key") or ""
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    na, nb = ka.split(":", 1)[-1].split(), kb.split(":", 1)[-1].split()
    short, long = sorted((na, nb), key=len)
    return len(short) == 1 and len(long) > 1 and surname(" ".join(long)) == short[0] and short[0][:1].isalpha()


def _who(apps: list[dict]) -> str:
    names = []
    for a in apps:
        n = a["source"] or f"{a['outlet'] or a['article']} (own voice)"
        if n not in names:
            names.append(n)
    return " and ".join(names) or "no source"


def _when(a: dict) -> str:
    return f"{a['date'] or 'undated'}, {a['outlet'] or a['article']}"


def status_at(kind: str, apps: list[dict], contra: list[dict], confirms: list[dict] = ()) -> tuple[str, str]:
    """The status and reason of a cluster given its appearances so far, contradicting links and
    confirming links (another cluster that confirms it, in full or in part, from sources its
    article found independent); the status is :func:`claimtrack.claims.status.decide`'s, the
    same ladder an article's claims are given."""
    origins, notes, earlier, unnamed = [], [], [], []
    for a in apps:
        if a["class"] not in SUPPORT:
            continue
        if not a["source_key"]:   # an unresolved speaker cannot be shown to be independent
            unnamed.append(a)
            continue
        why = _dependence(a, earlier)
        if why is None:
            origins.append(a)
        elif why != "same article":
            notes.append(why)
        earlier.append(a)
    denials = [a for a in apps if a["class"] == "deny"]
    own = [a for a in apps if a["class"] == "unattributed"]
    if unnamed and origins:
        notes.append(f"an unnamed source ({_when(unnamed[0])}) is not counted as independent")
    free = [l for l in confirms if (l.get("evidence") or {}).get("independent")]
    full = [l for l in free if (l.get("evidence") or {}).get("extent") == "full"]
    status = decide(Evidence(
        kind, origins=len(origins) or int(bool(unnamed)), denied=bool(denials), contradicted=bool(contra),
        confirmed=bool(full), partly=bool(free), own_voice=bool(own),
        relayed=all(a["class"] == "report" for a in apps if a["class"] in SUPPORT)))
    return status, _reason(status, kind, apps, origins, unnamed, denials, own, contra, full or free, notes)


def _reason(status: str, kind: str, apps: list[dict], origins: list[dict], unnamed: list[dict],
            denials: list[dict], own: list[dict], contra: list[dict], confirms: list[dict],
            notes: list[str]) -> str:
    """A cluster's status in words: who said it when, and what backs or contradicts it."""
    tail = ("; " + "; ".join(dict.fromkeys(notes))) if notes else ""
    if status == "not-checkable":
        cue = next((a["cue"] for a in apps if a["cue"]), "")
        return f"{not_checkable_reason(kind, cue)}; said by {_who(origins or apps)}"
    if status == "disputed" and denials:
        return f"{_who(origins)} say it, but {_who(denials)} denies it ({_when(denials[0])}){tail}"
    if status == "denied":
        return f"{_who(denials)} denies it ({_when(denials[0])}){tail}"
    if status == "disputed":
        ids = ", ".join(sorted({l.get("target") or l.get("source") for l in contra}))
        ev = contra[0].get("evidence", {})
        nums = ev.get("conflicting_numbers") or []
        what = ("a conflicting number (" + ", ".join(f"{x} vs {y} {u}".strip() for x, y, u in nums) + ")"
                if nums else "the opposite")
        return f"{ids} says {what}; this rests on {_who(origins or apps)}{tail}"
    if status in ("confirmed", "partly-confirmed") and confirms:
        ids = " and ".join(sorted({l.get("source") or l.get("target") for l in confirms}))
        extent = "" if status == "confirmed" else "part of "
        return (f"{ids}, from sources independent of {_who(origins or unnamed)}, back{'s' * (' and ' not in ids)} "
                f"{extent}it ({confirms[0].get('date') or 'undated'}, {confirms[0].get('article')}){tail}")
    if status == "confirmed":
        first, rest = origins[0], origins[1:]
        verb = "confirms" if any(a["class"] == "confirm" for a in rest) else "asserts"
        return (f"first said by {first['source'] or first['outlet']} ({_when(first)}); "
                f"{_who(rest)}, independently, {verb} it ({_when(rest[0])}){tail}")
    if status == "unattributed":
        return f"stated in the outlets' own voice ({_who(own)}), with no source"
    if origins and status == "reported":
        return f"reported by {_who(origins[:1])} ('{origins[0]['cue']}'); no independent confirmation{tail}"
    if origins:
        return f"rests on {_who(origins[:1])} alone ({_when(origins[0])}){tail}"
    if unnamed:
        return f"rests on an unnamed source ({_when(unnamed[0])}){tail}"
    return "neither asserted nor denied (a source declined to confirm it)"


def cluster_status(c: dict) -> tuple[str, str, list[dict]]:
    """The cluster's status and reason now, and its timeline: one entry per change, as the
    appearances (and contradicting links) arrive in date order."""
    apps = c["appearances"]
    contra = [l for l in c["links"] + c["linked_from"] if l["relation"] == "contradicts"]
    # a confirmation backs both ends, as in the article: what is confirmed, and the confirming
    # claim, which the other asserts in part
    confirms = [l for l in c["links"] + c["linked_from"] if l["relation"] == "confirms"]
    steps = []
    for a in apps:
        if (a["date"], a["article"]) not in steps:
            steps.append((a["date"], a["article"]))
    for l in contra + confirms:
        if (l["date"], l["article"]) not in steps:
            steps.append((l["date"], l["article"]))
    steps.sort(key=lambda s: s[0] or "")
    timeline: list[dict] = []
    status, reason = "", ""
    for date, article in steps:
        seen = [a for a in apps if (a["date"] or "") <= (date or "")]
        upto = [l for l in contra if (l["date"] or "") <= (date or "")]
        backed = [l for l in confirms if (l["date"] or "") <= (date or "")]
        status, reason = status_at(c["kind"], seen or apps, upto, backed)
        if not timeline or timeline[-1]["status"] != status:
            timeline.append({"date": date, "article": article, "status": status})
    if not steps:
        status, reason = status_at(c["kind"], apps, contra, confirms)
    return status, reason, timeline
