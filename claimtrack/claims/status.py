"""The one ladder of claim statuses: an article's claims (:mod:`.group`) and the store's clusters
(:mod:`claimtrack.store.independence`) both describe what they know as :class:`Evidence` and
let :func:`decide` name the status, so the article page and the store give the same status for
the same evidence. Each side words its own reason (an article names its claims, the store its
dates and outlets).

First that applies: ``not-checkable`` (advice, intention, opinion, question, topic, reference,
hypothetical), ``reported`` (only "did not confirm": neither asserted nor denied), ``denied``
(only denials) or ``disputed`` (asserted and denied), ``disputed`` (another claim contradicts
it), ``confirmed`` (two independent origins, or an independent confirmation in full),
``partly-confirmed`` (an independent confirmation of part of it), ``unattributed`` (only the
writer's own voice), ``reported`` (only neutral relays: report, announce, according to),
``claimed`` (one origin).

>>> decide(Evidence("assertion", origins=1, partly=True))
'partly-confirmed'
>>> decide(Evidence("assertion", origins=1, denied=True)), decide(Evidence("advice", origins=2))
('disputed', 'not-checkable')
"""
from __future__ import annotations

from dataclasses import dataclass

from .kind import CHECKABLE


@dataclass
class Evidence:
    """What is known of a claim, wherever it was gathered (one article, or the whole store)."""

    kind: str
    origins: int = 0            # independent sources that assert it (an unnamed one counts once)
    denied: bool = False        # a denial among its own attributions
    contradicted: bool = False  # another claim says the opposite or a conflicting number
    confirmed: bool = False     # an independent confirmation of all of it
    partly: bool = False        # an independent confirmation of part of it
    relayed: bool = False       # its sources only relay it (report, announce, according to)
    withheld: bool = False      # its sources only declined to confirm it ("did not confirm")
    own_voice: bool = False     # stated by the writer, with no source


def decide(e: Evidence) -> str:
    """The status that *e* supports (see the module docstring for the ladder)."""
    if e.kind not in CHECKABLE:
        return "not-checkable"
    if e.withheld and not (e.origins or e.denied or e.contradicted or e.confirmed or e.partly):
        return "reported"
    if e.denied:
        return "disputed" if e.origins else "denied"
    if e.contradicted:
        return "disputed"
    if e.confirmed or e.origins >= 2:
        return "confirmed"
    if e.partly:
        return "partly-confirmed"
    if not e.origins and e.own_voice:
        return "unattributed"
    if e.relayed:
        return "reported"
    return "claimed" if e.origins else "reported"
