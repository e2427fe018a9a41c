"""A small hand-built Analysis for the export tests (no parser needed).

Two sources, three attributions (one nested in another's content, one denial), two claims and a
link, plus text that needs escaping.
"""
from __future__ import annotations

from claimtrack.types import Analysis, Attribution, Claim, Cue, Link, Role, Source

TEXT = ('The FSB said that "two <militants> & a driver" were killed, which Kazakhstan confirmed. '
        "The KNB denied that any arrests were made.\n")


def span(sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return (start, start + len(sub))


def sample_analysis(meta: dict | None = None) -> Analysis:
    t = TEXT
    killed = span('"two <militants> & a driver" were killed')
    a1 = Attribution("a1", 0, "mixed", Role.from_spans(t, [span("The FSB")]),
                     Cue.from_spans(t, [span("said")], "say", "assert"),
                     Role.from_spans(t, [(span("that")[0], killed[1])]),
                     source_id="s1", claim_id="c1")
    # Kazakhstan confirmed the same content: "which" stands for it (a discontinuous content)
    a2 = Attribution("a2", 0, "indirect", Role.from_spans(t, [span("Kazakhstan")]),
                     Cue.from_spans(t, [span("confirmed")], "confirm", "confirm"),
                     Role.from_spans(t, [span("which"), killed]),
                     source_id="s2", claim_id="c1")
    a3 = Attribution("a3", 1, "indirect", Role.from_spans(t, [span("The KNB")]),
                     Cue.from_spans(t, [span("denied")], "deny", "deny"),
                     Role.from_spans(t, [span("that any arrests were made")]),
                     source_id="s3", claim_id="c2")
    first_end = t.index(". ") + 1
    return Analysis(
        id="sample", text=t, text_sha256="0" * 64,
        attributions=[a1, a2, a3],
        sources=[Source("s1", "FSB", ["The FSB"], "government", [], "fsb"),
                 Source("s2", "Kazakhstan", [], "country", [], "kazakhstan"),
                 Source("s3", "KNB", ["The KNB"], "government", ["s2"], "knb")],
        claims=[Claim("c1", 'two <militants> & a driver were killed', "confirmed",
                      "confirmed by Kazakhstan", ["a1", "a2"], [killed], 0),
                Claim("c2", "any arrests were made", "denied", "denied by its only source",
                      ["a3"], [span("any arrests were made")], 1)],
        links=[Link("c2", "c1", "elaborates", "same event")],
        sentences=[(0, first_end), (first_end + 1, len(t) - 1)],
        meta=dict(meta or {}),
    )
