"""Human-facing output of an analysis: rich terminal tables and a flat CSV of attributions."""
from __future__ import annotations

from typing import IO, Sequence

from ..io.csvout import write_csv as _write_csv
from ..io.safetext import visible
from ..types import Analysis

CSV_FIELDS = ["article", "id", "sentence", "type", "source", "source_id", "cue", "cue_lemma",
              "cue_class", "negated", "content", "claim_id", "source_spans", "cue_spans",
              "content_spans"]


def _spans(spans) -> str:
    return ";".join(f"{s}-{e}" for s, e in spans)


def write_csv(results: Sequence[Analysis], out: IO[str]) -> None:
    """One row per attribution, spans as ``start-end;start-end`` (cells guarded: csvout)."""
    _write_csv(out, CSV_FIELDS, _csv_rows(results))


def _csv_rows(results: Sequence[Analysis]):
    for r in results:
        for a in r.attributions:
            yield {
                "article": r.id, "id": a.id, "sentence": a.sentence, "type": a.type,
                "source": a.source.text if a.source else "", "source_id": a.source_id or "",
                "cue": a.cue.text, "cue_lemma": a.cue.lemma, "cue_class": a.cue.cls,
                "negated": str(a.cue.negated).lower(), "content": a.content.text,
                "claim_id": a.claim_id or "",
                "source_spans": _spans(a.source.spans) if a.source else "",
                "cue_spans": _spans(a.cue.spans), "content_spans": _spans(a.content.spans),
            }


def print_tables(results: Sequence[Analysis], out: IO[str]) -> None:
    """Readable tables: attributions, then sources and claims when the analysis has them."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    def esc(text: str) -> str:
        # article text may hold [brackets] (rich markup) and ESC sequences (terminal commands):
        # neither may reach the terminal as anything but text
        return escape(visible(text))

    console = Console(file=out, width=None if out.isatty() else 160, soft_wrap=False)
    for r in results:
        t = Table(title=f"{esc(r.id)}: {len(r.attributions)} attributions", show_lines=True,
                  title_justify="left")
        t.add_column("#", style="dim", no_wrap=True)
        t.add_column("source", style="bold cyan", max_width=28)
        t.add_column("cue [class]", style="magenta", max_width=22)
        t.add_column("content", max_width=90)
        t.add_column("type", style="dim", no_wrap=True)
        names = {s.id: s.name for s in r.sources}
        for a in r.attributions:
            src = a.source.text if a.source else "—"
            if a.source_id and names.get(a.source_id) and names[a.source_id] != src:
                src += f"\n→ {names[a.source_id]}"
            cue = f"{a.cue.text} [{a.cue.cls}{', negated' if a.cue.negated else ''}]"
            # a donation appeal or byline is not the article: shown, but greyed and said so
            aside = a.claim_id is None and any(s <= a.cue.start < e for s, e in r.boilerplate)
            t.add_row(a.id, esc(src), esc(cue), esc(a.content.text),
                      "not the article" if aside else a.type, style="dim" if aside else None)
        console.print(t)
        if r.sources:
            st = Table(title="sources", title_justify="left")
            for col in ("id", "name", "type", "part of", "aliases"):
                st.add_column(col)
            by_id = {s.id: s.name for s in r.sources}
            for s in r.sources:
                st.add_row(s.id, esc(s.name), esc(s.type), esc(", ".join(by_id.get(p, p) for p in s.part_of)),
                           esc("; ".join(s.aliases)))
            console.print(st)
        if r.claims:
            ct = Table(title="claims", title_justify="left", show_lines=True)
            for col, kw in (("id", {}), ("status", {"style": "bold"}), ("kind", {}),
                            ("statement", {"max_width": 70}), ("reason", {"max_width": 50})):
                ct.add_column(col, **kw)
            for c in r.claims:
                # the statement reads on its own ("two of Kazakhstan's citizens"); the text as
                # written is in the attributions table above
                ct.add_row(c.id, c.status, c.kind, esc(c.statement or c.text), esc(c.reason))
            console.print(ct)
