"""Layout for the report's claim graph: arcs between claims in lanes, labels that never overlap.

Claims stand in one column; an arc joins two of them on the column's right. Arcs whose spans
overlap go into different lanes (interval-graph colouring, the first free lane from the
inside), so no two arcs of one lane cross or touch; each label stands by its own arc, as near
its middle as the others let it, and never closer than a line to any other label.

>>> arcs = [(0.0, 100.0), (40.0, 60.0), (120.0, 160.0)]
>>> [a.lane for a in lay_out_arcs(arcs, label_gap=14.0)]
[1, 0, 0]
>>> [round(a.label_y) for a in lay_out_arcs([(0.0, 10.0), (2.0, 12.0)], label_gap=14.0)]
[5, 19]
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Arc:
    """One arc: its ends (y), its lane (0 = innermost) and where its label sits (y)."""

    y1: float
    y2: float
    lane: int = 0
    label_y: float = 0.0

    @property
    def low(self) -> float:
        return min(self.y1, self.y2)

    @property
    def high(self) -> float:
        return max(self.y1, self.y2)


def lay_out_arcs(ends: list[tuple[float, float]], label_gap: float) -> list[Arc]:
    """Arcs for *ends* (in the given order) with lanes and label positions."""
    arcs = [Arc(y1, y2) for y1, y2 in ends]
    lanes: list[list[Arc]] = []
    # shortest first: short arcs take the inner lanes, long ones go round them
    for arc in sorted(arcs, key=lambda a: (a.high - a.low, a.low)):
        for k, lane in enumerate(lanes):
            if all(arc.high < other.low or arc.low > other.high for other in lane):
                lane.append(arc)
                arc.lane = k
                break
        else:
            arc.lane = len(lanes)
            lanes.append([arc])
    # labels of neighbouring lanes are wider than a lane: spread them all apart, not per lane
    _spread_labels(sorted(arcs, key=lambda a: (a.low + a.high) / 2), label_gap)
    return arcs


def _spread_labels(lane: list[Arc], gap: float) -> None:
    """Labels at their arcs' middles, pushed apart to at least *gap* (two passes)."""
    y = float("-inf")
    for arc in lane:
        arc.label_y = max((arc.low + arc.high) / 2, y)
        y = arc.label_y + gap
    for i in range(len(lane) - 2, -1, -1):
        lane[i].label_y = min(lane[i].label_y, lane[i + 1].label_y - gap)
