"""The claim store: claims followed across articles and days, in one SQLite file.

The store is the one place where cross-article state lives. ``track`` writes it; ``claims``,
the corpus graph and the web desk read it. Everything goes through :class:`ClaimStore`::

    with ClaimStore.open("claims.db") as store:
        store.add_analysis(result_dict)          # one analysed article (Analysis.to_dict())
        for cluster in store.clusters(status="confirmed"):
            print(cluster["id"], cluster["statement"])

* **Clusters.** Claims of different articles that state the same proposition (same signature
  predicate, shared arguments: :func:`claimtrack.claims.signature.compare`) are one cluster with every
  appearance. Candidates are found by blocking on ``predicate|argument`` keys, never by
  comparing every pair, so adding an article costs the same however large the store is.
* **Idempotent and resumable.** An article is added in one transaction; the same article again
  (same id, same text) changes nothing; a killed run loses at most the article in flight.
* **Status over time.** After each appearance the cluster's status is recomputed from all its
  appearances and links (:mod:`claimtrack.store.independence`); changes are kept as a timeline.

The schema is documented in ``docs/store.md``.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterator

from ..errors import InputError, OutputError
from .independence import cluster_status
from ..claims.signature import Signature, compare
from ..claims.timex import normalise
from ..claims.words import WITHHOLDING
from ..sources.resolve import part_of_walk

SCHEMA_VERSION = "1"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
    seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, sha TEXT NOT NULL,
    date TEXT, outlet TEXT, url TEXT, title TEXT);
CREATE TABLE IF NOT EXISTS outlets(name TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS clusters(
    seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, statement TEXT NOT NULL, kind TEXT NOT NULL,
    signature TEXT NOT NULL, status TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',
    timeline TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS appearances(
    seq INTEGER PRIMARY KEY, cluster TEXT NOT NULL, article TEXT NOT NULL, claim TEXT NOT NULL,
    attribution TEXT NOT NULL, date TEXT, outlet TEXT, source TEXT, source_key TEXT,
    hierarchy TEXT NOT NULL, via TEXT NOT NULL, credits TEXT NOT NULL, cue TEXT, class TEXT NOT NULL, text TEXT NOT NULL,
    statement TEXT NOT NULL, signature TEXT NOT NULL, UNIQUE(article, claim, attribution));
CREATE INDEX IF NOT EXISTS appearances_cluster ON appearances(cluster);
CREATE TABLE IF NOT EXISTS links(
    source TEXT NOT NULL, target TEXT NOT NULL, relation TEXT NOT NULL, evidence TEXT NOT NULL,
    article TEXT NOT NULL, date TEXT, PRIMARY KEY(source, target, relation));
CREATE INDEX IF NOT EXISTS links_target ON links(target);
CREATE TABLE IF NOT EXISTS blocks(key TEXT NOT NULL, cluster TEXT NOT NULL,
    PRIMARY KEY(key, cluster)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reviews(
    seq INTEGER PRIMARY KEY, cluster TEXT NOT NULL, rating TEXT NOT NULL, note TEXT NOT NULL,
    reviewer TEXT NOT NULL, at TEXT NOT NULL, value INTEGER);
CREATE INDEX IF NOT EXISTS reviews_cluster ON reviews(cluster);
CREATE TABLE IF NOT EXISTS documents(article TEXT PRIMARY KEY, text TEXT NOT NULL,
    analysis TEXT NOT NULL);
"""
FTS = "CREATE VIRTUAL TABLE IF NOT EXISTS statements USING fts5(cluster UNINDEXED, statement)"
MAX_CANDIDATES = 200   # a blocking key shared by more clusters than this is too common to block on
#: the clustering rules a store was built with; a store of other rules is rebuilt, never mixed
# /2: the matcher weighs words by their rarity in the store itself (ClaimStore.idf)
# /3: a negation contradicts only in the sentence that states what both claims share, over what
#     both share
# /4: contradictions only between claims about one thing (matcher.CONTRADICTS); "not just" and
#     the like deny nothing
MATCHER = "signature+check/4"
MATCH_SAME = 0.6   # the matcher's symmetric score for two statements to be one proposition


class ClaimStore:
    """An open claim store (see the module docstring). Use :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.compared = 0   # candidate clusters compared so far (the blocking's cost, for benchmarks)
        self._idf = None    # the store's own word rarity, read from its appearances when first needed

    @classmethod
    def open(cls, path: str | Path) -> "ClaimStore":
        """Open (creating if needed) the store at *path*, in WAL mode. A file that is not a
        claim store (random bytes, another program's database) or one written by a newer
        claimtrack is an :class:`~claimtrack.errors.OutputError` (exit 4) naming the file; an
        older one is migrated."""
        try:  # a missing directory or no permission: the file was never read, so say so
            conn = sqlite3.connect(str(path))
        except sqlite3.Error as exc:
            raise OutputError(f"{path}: cannot open the claim store ({exc})") from None
        try:
            _check_store(conn, path)
            return cls._ready(conn)
        except sqlite3.OperationalError as exc:
            if "unable to open" in str(exc):  # a missing directory, no permission: not the file's fault
                raise OutputError(f"{path}: cannot open the claim store ({exc})") from None
            raise OutputError(f"{path}: not a claim store ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise OutputError(f"{path}: not a claim store ({exc})") from None

    @classmethod
    def _ready(cls, conn: sqlite3.Connection) -> "ClaimStore":
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-32000")   # 32 MB of pages: the blocking index stays hot
        conn.executescript(SCHEMA)
        _migrate(conn)
        try:
            conn.execute(FTS)
            fts = True
        except sqlite3.OperationalError:   # an SQLite built without FTS5: -q falls back to LIKE
            fts = False
        conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        if conn.execute("SELECT 1 FROM clusters LIMIT 1").fetchone() is None:
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('matcher', ?)", (MATCHER,))
        conn.commit()
        store = cls(conn)
        store.fts = fts
        return store

    @property
    def matcher(self) -> str:
        """The clustering rules this store's clusters were made by ('' for the first rules)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'matcher'").fetchone()
        return row[0] if row else ""

    @property
    def stale(self) -> bool:
        """Clusters made by other rules than this claimtrack's: ``rebuild`` before adding."""
        return self.matcher != MATCHER

    def check_rules(self) -> None:
        """Refuse to mix clusters of two rule sets: an InputError saying how to rebuild."""
        if self.stale:
            raise InputError(f"the claim store's clusters were made by other rules ({self.matcher or 'the first'}"
                             f", not {MATCHER}): rebuild it first (claimtrack track --rebuild --db …)")

    @property
    def idf(self):
        """How rare each word is in this store: the shipped table grown by one document per
        article, the statements of its appearances (what the store keeps of every article,
        with or without its text), so "depot" in every article of a story weighs less than
        "diesel residue" in one. The same articles give the same weights however the store
        was filled (one by one, by ``track``, by ``rebuild``)."""
        if self._idf is None:
            from ..check.lexical import Idf

            base = Idf.default()
            self._idf = Idf(base.df.copy(), base.n)
            docs: dict[str, list[str]] = {}
            for r in self.conn.execute("SELECT article, statement FROM appearances ORDER BY rowid"):
                docs.setdefault(r[0], []).append(r[1])
            for statements in docs.values():
                self._idf.add(" ".join(statements))
        return self._idf

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "ClaimStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def has_article(self, id: str, sha: str) -> bool:
        """Whether this article, with this text, is already in the store."""
        row = self.conn.execute("SELECT sha FROM articles WHERE id = ?", (id,)).fetchone()
        return row is not None and row["sha"] == sha

    def add_analysis(self, d: dict, meta: dict | None = None) -> str:
        """Add one analysed article (``Analysis.to_dict()``); returns ``added``, ``unchanged``
        or ``replaced`` (the same id with another text: its old appearances are dropped)."""
        meta = {**(d.get("meta") or {}), **(meta or {})}
        if self.has_article(d["id"], d["text_sha256"]):
            return "unchanged"
        self.check_rules()
        try:
            with self.conn:   # one transaction: a kill leaves the article wholly in or out
                return self._add(d, meta)
        except BaseException:
            self._idf = None   # counted an article the rollback took out again
            raise

    def _add(self, d: dict, meta: dict) -> str:
        replaced = self._drop_article(d["id"])
        if replaced:   # the old version's words no longer count
            self._idf = None
        self.conn.execute(
            "INSERT INTO articles(id, sha, date, outlet, url, title) VALUES (?,?,?,?,?,?)",
            (d["id"], d["text_sha256"], meta.get("date"), outlet_of(meta), meta.get("url"), meta.get("title")))
        touched: set[str] = set()
        cluster_of: dict[str, str] = {}
        credited = self._credited_outlets(d)
        if outlet_of(meta):
            self.conn.execute("INSERT OR IGNORE INTO outlets VALUES (?)", (outlet_of(meta),))
        apps = list(appearances_of(d, meta))
        idf = self.idf   # read before this article's appearances are in the table
        idf.add(" ".join(app["statement"] for app in apps))   # this article counts for itself
        for app in apps:
            app["credits"] = sorted(set(app["credits"]) | credited)
            cid = self._place(app, touched)
            cluster_of[app["claim"]] = cid
        self._article_links(d, meta, cluster_of, touched)
        for cid in sorted(touched):
            self._restatus(cid)
        return "replaced" if replaced else "added"

    def rebuild(self) -> int:
        """Cluster and link every article again with this claimtrack's rules, from the texts
        and analyses the store kept, in one transaction; reviews follow their claims. Returns
        the number of articles; an article without its analysis kept is an InputError."""
        arts = self.articles()
        docs = {a["id"]: self.document(a["id"]) for a in arts}
        missing = [i for i, doc in docs.items() if doc is None]
        if missing:
            raise InputError(f"cannot rebuild: {len(missing)} article(s) have no kept analysis "
                             f"(first: {missing[0]}); track them again into a new store")
        reviewed = {r[0]: (r[1], r[2]) for r in self.conn.execute(
            "SELECT r.cluster, MIN(a.article), MIN(a.claim) FROM reviews r JOIN appearances a "
            "ON a.cluster = r.cluster GROUP BY r.cluster")}
        reviews = [(r[0], r[1]) for r in self.conn.execute("SELECT seq, cluster FROM reviews")]
        with self.conn:
            for table in ("appearances", "links", "blocks", "clusters", "articles"):
                self.conn.execute(f"DELETE FROM {table}")
            if self.fts:
                self.conn.execute("DELETE FROM statements")
            self._idf = None   # grown again article by article, as when they were first added
            for a in arts:
                meta = {k: a[k] for k in ("date", "outlet", "url", "title") if a.get(k)}
                self._add(docs[a["id"]]["analysis"], meta)
            for seq, old in reviews:   # by row: an old id may be another cluster's new one
                article, claim = reviewed.get(old, (None, None))
                row = self.conn.execute("SELECT cluster FROM appearances WHERE article = ? AND claim = ?",
                                        (article, claim)).fetchone()
                if row:
                    self.conn.execute("UPDATE reviews SET cluster = ? WHERE seq = ?", (row[0], seq))
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('matcher', ?)", (MATCHER,))
        return len(arts)

    def _credited_outlets(self, d: dict) -> set[str]:
        """Outlets already in the store that this article names ("…, Caucasus Wire reported"
        — even when the extractor kept the credit inside a content)."""
        said = " ".join([c.get("text", "") for c in d.get("claims", [])] +
                        [a["source"]["text"] for a in d.get("attributions", []) if a.get("source")]).lower()
        outlets = [r[0] for r in self.conn.execute("SELECT name FROM outlets")]
        return {o for o in outlets if o.lower() in said}

    def _drop_article(self, id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (id,)).fetchone()
        if row is None:
            return False
        gone = [r["cluster"] for r in self.conn.execute(
            "SELECT DISTINCT cluster FROM appearances WHERE article = ?", (id,))]
        self.conn.execute("DELETE FROM appearances WHERE article = ?", (id,))
        self.conn.execute("DELETE FROM links WHERE article = ?", (id,))
        self.conn.execute("DELETE FROM articles WHERE id = ?", (id,))
        for cid in gone:
            if self.conn.execute("SELECT 1 FROM appearances WHERE cluster = ?", (cid,)).fetchone():
                self._restatus(cid)
            else:
                for table in ("clusters WHERE id", "blocks WHERE cluster", "links WHERE source",
                              "links WHERE target"):
                    self.conn.execute(f"DELETE FROM {table} = ?", (cid,))
                if self.fts:
                    self.conn.execute("DELETE FROM statements WHERE cluster = ?", (cid,))
        return True

    def _candidates(self, sig: Signature, statement: str = "") -> list[sqlite3.Row]:
        keys = sig.blocking_keys() + matcher_keys(statement)
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        # the posting lists of the keys, then each candidate by its primary key: the cost
        # follows the candidates, not the size of the store
        ids = [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT cluster FROM blocks WHERE key IN ({marks}) LIMIT {MAX_CANDIDATES}", keys)]
        rows = [self.conn.execute("SELECT seq, id, signature, kind, statement FROM clusters WHERE id = ?",
                                  (i,)).fetchone() for i in ids]
        return sorted(rows, key=lambda r: r["seq"])

    def _place(self, app: dict, touched: set[str]) -> str:
        """Put one appearance in the cluster of its proposition (a new one if none matches)."""
        sig = Signature.from_dict(app["signature"])
        best, best_score, conflicts = None, -1, []
        for row in self._candidates(sig, app["statement"]):
            self.compared += 1
            other = Signature.from_dict(json.loads(row["signature"]))
            ev = compare(other, sig) or _paraphrase(row["statement"], app["statement"], self.idf)
            if ev is None or _times_differ(other, sig) or row["kind"] != app["kind"]:
                continue
            mine = [r[0] for r in self.conn.execute(
                "SELECT class FROM appearances WHERE cluster = ? AND article = ? AND claim != ?",
                (row["id"], app["article"], app["claim"]))]
            # the article's own grouping (claims.py) kept these two apart — unless one denies
            # what the other asserts ("X denied that …; Y confirmed that …"): one proposition
            if mine and not all((c == "deny") != (app["class"] == "deny") for c in mine):
                continue
            if ev["relation"] == "contradicts":
                conflicts.append((row["id"], ev))
                continue
            score = len(ev["arguments"]) + (ev["extent"] == "full") + (ev["predicate"] == sig.predicate)
            if score > best_score:
                best, best_score = row["id"], score
        cid = best or self._new_cluster(app, sig)
        self.conn.execute(
            "INSERT OR IGNORE INTO appearances(cluster, article, claim, attribution, date, outlet, "
            "source, source_key, hierarchy, via, credits, cue, class, text, statement, signature) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (cid, app["article"], app["claim"], app["attribution"], app["date"], app["outlet"],
             app["source"], app["source_key"], json.dumps(app["hierarchy"]), json.dumps(app["via"]),
             json.dumps(app["credits"]), app["cue"], app["class"], app["text"], app["statement"], json.dumps(app["signature"])))
        touched.add(cid)
        for other, ev in conflicts:
            self._link(cid, other, "contradicts", ev, app["article"], app["date"], touched)
        return cid

    def _new_cluster(self, app: dict, sig: Signature) -> str:
        seq = (self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM clusters").fetchone()[0]) + 1
        cid = f"k{seq}"
        self.conn.execute("INSERT INTO clusters(seq, id, statement, kind, signature) VALUES (?,?,?,?,?)",
                          (seq, cid, app["statement"], app["kind"], json.dumps(sig.to_dict())))
        self.conn.executemany("INSERT OR IGNORE INTO blocks VALUES (?, ?)",
                              [(k, cid) for k in sig.blocking_keys() + matcher_keys(app["statement"])])
        if self.fts:
            self.conn.execute("INSERT INTO statements VALUES (?, ?)", (cid, app["statement"]))
        return cid

    def _link(self, src: str, dst: str, relation: str, evidence: dict, article: str,
              date: str | None, touched: set[str]) -> None:
        if src == dst:
            return
        self.conn.execute("INSERT OR IGNORE INTO links VALUES (?,?,?,?,?,?)",
                          (src, dst, relation, json.dumps(evidence, sort_keys=True), article, date))
        touched.update((src, dst))

    def _article_links(self, d: dict, meta: dict, cluster_of: dict[str, str], touched: set[str]) -> None:
        """The article's own links (decided on signatures by claims.py) between clusters."""
        for link in d.get("links", []):
            a, b = cluster_of.get(link["from"]), cluster_of.get(link["to"])
            if a and b and a != b and link["relation"] in ("confirms", "contradicts", "elaborates"):
                self._link(a, b, link["relation"], link.get("evidence") or {}, d["id"],
                           meta.get("date"), touched)

    def _restatus(self, cid: str) -> None:
        c = self.cluster(cid, with_status=False)
        status, reason, timeline = cluster_status(c)
        self.conn.execute("UPDATE clusters SET status = ?, reason = ?, timeline = ? WHERE id = ?",
                          (status, reason, json.dumps(timeline), cid))

    def add_review(self, cluster: str, rating: str, note: str = "", reviewer: str = "",
                   at: str = "", value: int | None = None) -> None:
        """Record a fact-checker's verdict on a cluster (the desk writes these): *rating* is
        the verdict in words ("False", "Misleading"), *value* its place on a 1–5 scale."""
        with self.conn:
            self.conn.execute("INSERT INTO reviews(cluster, rating, note, reviewer, at, value) "
                              "VALUES (?,?,?,?,?,?)", (cluster, rating, note, reviewer, at, value))

    def save_document(self, article: str, text: str, analysis: dict) -> None:
        """Keep an article's text and analysis (``Analysis.to_dict()``), so the desk can show
        the article with its highlights later; ``track`` does not need them."""
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO documents VALUES (?,?,?)",
                              (article, text, json.dumps(analysis, ensure_ascii=False)))

    def document(self, article: str) -> dict | None:
        """``{"text", "analysis"}`` of an article kept by :meth:`save_document`, else None."""
        row = self.conn.execute("SELECT text, analysis FROM documents WHERE article = ?",
                                (article,)).fetchone()
        return None if row is None else {"text": row["text"], "analysis": json.loads(row["analysis"])}

    def analysis(self, article: str):
        """The :class:`~claimtrack.types.Analysis` of an article kept by :meth:`save_document`,
        with its text, else None."""
        from ..types import Analysis

        doc = self.document(article)
        return None if doc is None else Analysis.from_dict(doc["analysis"], text=doc["text"])

    def article_clusters(self, article: str) -> dict[str, str]:
        """The cluster of each claim of an article: ``{claim id: cluster id}``."""
        return {r["claim"]: r["cluster"] for r in self.conn.execute(
            "SELECT DISTINCT claim, cluster FROM appearances WHERE article = ? ORDER BY seq", (article,))}

    # -- reading ---------------------------------------------------------------------------

    def cluster(self, cid: str, with_status: bool = True) -> dict | None:
        """One cluster as the JSON the ``claims`` command prints (see docs/store.md)."""
        row = self.conn.execute("SELECT * FROM clusters WHERE id = ?", (cid,)).fetchone()
        if row is None:
            return None
        apps = [_appearance(r) for r in self.conn.execute(
            "SELECT a.*, ar.seq AS aseq FROM appearances a JOIN articles ar ON ar.id = a.article "
            "WHERE a.cluster = ? ORDER BY COALESCE(a.date, ''), ar.seq, a.seq", (cid,))]
        links = [{"relation": r["relation"], "target": r["target"], "evidence": json.loads(r["evidence"]),
                  "article": r["article"], "date": r["date"]}
                 for r in self.conn.execute("SELECT * FROM links WHERE source = ? "
                                            "ORDER BY target, relation", (cid,))]
        back = [{"relation": r["relation"], "source": r["source"], "evidence": json.loads(r["evidence"]),
                 "article": r["article"], "date": r["date"]}
                for r in self.conn.execute("SELECT * FROM links WHERE target = ? "
                                           "ORDER BY source, relation", (cid,))]
        reviews = [{"rating": r["rating"], "value": r["value"], "note": r["note"],
                    "reviewer": r["reviewer"], "at": r["at"]}
                   for r in self.conn.execute("SELECT * FROM reviews WHERE cluster = ? ORDER BY seq", (cid,))]
        first = apps[0] if apps else {}
        out = {"id": cid, "statement": row["statement"], "kind": row["kind"],
               "status": row["status"], "reason": row["reason"],
               "first_seen": {"article": first.get("article"), "date": first.get("date")},
               "appearances": apps, "links": links, "linked_from": back,
               "timeline": json.loads(row["timeline"]), "signature": json.loads(row["signature"]),
               "reviews": reviews,
               # the latest review decides: a desk may correct a verdict by reviewing again
               "verdict": reviews[-1]["rating"] if reviews else None, "reviewed": bool(reviews)}
        return out

    def clusters(self, source: str | None = None, status: str | None = None, kind: str | None = None,
                 since: str | None = None, until: str | None = None,
                 query: str | None = None, verdict: str | None = None,
                 reviewed: bool | None = None) -> Iterator[dict]:
        """Clusters matching every filter given, oldest first (see ``claimtrack claims``).

        *verdict* is the latest review's rating (any case); *reviewed* True/False keeps the
        clusters with/without a review, None all of them."""
        where, args = [], []
        if reviewed is not None:
            where.append(f"c.id {'' if reviewed else 'NOT '}IN (SELECT cluster FROM reviews)")
        if verdict:
            where.append("(SELECT lower(r.rating) FROM reviews r WHERE r.cluster = c.id "
                         "ORDER BY r.seq DESC LIMIT 1) = ?")
            args.append(verdict.strip().lower())
        if status:
            where.append("c.status = ?")
            args.append(status)
        if kind:
            where.append("c.kind = ?")
            args.append(kind)
        if source:
            where.append("c.id IN (SELECT cluster FROM appearances WHERE lower(source) LIKE ? "
                         "OR lower(source_key) LIKE ?)")
            args += [f"%{source.lower()}%"] * 2
        if since or until:
            where.append("c.id IN (SELECT cluster FROM appearances WHERE date >= ? AND date <= ?)")
            args += [since or "", (until or "9999") + "\uffff"]
        if query:
            if self.fts:
                where.append("c.id IN (SELECT cluster FROM statements WHERE statements MATCH ?)")
                args.append(query)
            else:
                where.append("lower(c.statement) LIKE ?")
                args.append(f"%{query.lower()}%")
        sql = "SELECT c.id FROM clusters c" + (" WHERE " + " AND ".join(where) if where else "")
        try:
            ids = self.conn.execute(sql + " ORDER BY c.seq", args).fetchall()
        except sqlite3.OperationalError as exc:
            if not query:
                raise
            raise InputError(f"-q {query!r}: not a valid full-text query ({exc})") from None
        for (cid,) in ids:
            yield self.cluster(cid)

    def verdicts(self) -> list[str]:
        """Every verdict a review has given, once each (in any case), alphabetically."""
        rows = self.conn.execute("SELECT min(rating) FROM reviews GROUP BY lower(rating) "
                                 "ORDER BY lower(rating)")
        return [r[0] for r in rows]

    def article(self, id: str) -> dict | None:
        """One article's metadata (as in :meth:`articles`), or None."""
        row = self.conn.execute("SELECT id, sha, date, outlet, url, title FROM articles WHERE id = ?",
                                (id,)).fetchone()
        return dict(row) if row else None

    def articles(self) -> list[dict]:
        """Every article in the store, in the order they were added."""
        return [dict(r) for r in self.conn.execute("SELECT id, sha, date, outlet, url, title "
                                                   "FROM articles ORDER BY seq")]


def matcher_keys(statement: str) -> list[str]:
    """Blocking keys of the claim matcher: a statement's rare content lemmas and, for each of
    its words in a paraphrase group or WordNet synset, the group ("blaze" meets "fire")."""
    if not statement:
        return []
    from ..check.features import Doc
    from ..check.lexical import Idf, wordnet

    idf, wn = Idf.default(), wordnet()
    keys = set()
    for lem in Doc.read(statement, split=False).lemmas:
        if idf(lem) >= 4.0:
            keys.add(f"m|{lem}")
        near = sorted(w for w, link in wn.neighbours(lem).items() if link == "synonym")
        if near:
            keys.add(f"m|{min([lem] + near)}")
    return sorted(keys)


def _paraphrase(a: str, b: str, idf) -> dict | None:
    from ..check.matcher import signature_evidence

    return signature_evidence(a, b, MATCH_SAME, idf)


def _check_store(conn: sqlite3.Connection, path) -> None:
    """Refuse an SQLite file that holds other tables and no claimtrack ``meta``, or a store
    whose schema is newer than this claimtrack's (reading the first page also refuses a file
    that is not SQLite at all)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if tables and "meta" not in tables:
        conn.close()
        raise OutputError(f"{path}: not a claim store (an SQLite database with other tables)")
    if "meta" in tables:
        row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row and not str(row[0]).isdigit() or row and int(row[0]) > int(SCHEMA_VERSION):
            conn.close()
            raise OutputError(f"{path}: a claim store of schema version {row[0]}, newer than "
                              f"this claimtrack's ({SCHEMA_VERSION}): upgrade claimtrack")


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring a store written by an older claimtrack up to the current tables (columns added
    since: ``reviews.value``, the reviewer's 1–5 rating)."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(reviews)")}
    if "value" not in columns:
        conn.execute("ALTER TABLE reviews ADD COLUMN value INTEGER")


def _appearance(r: sqlite3.Row) -> dict:
    return {"article": r["article"], "date": r["date"], "outlet": r["outlet"], "source": r["source"],
            "source_key": r["source_key"], "cue": r["cue"], "class": r["class"], "text": r["text"],
            "statement": r["statement"], "claim": r["claim"], "attribution": r["attribution"],
            "via": json.loads(r["via"]), "credits": json.loads(r["credits"]),
            "hierarchy": json.loads(r["hierarchy"])}


def _times_differ(a: Signature, b: Signature) -> bool:
    """Both name dates and none is shared: two events, however alike (dates never join claims)."""
    da, db = {t for t in a.times if t[:1].isdigit()}, {t for t in b.times if t[:1].isdigit()}
    return bool(da and db and not da & db)


def outlet_of(meta: dict) -> str:
    """The outlet: the record's ``outlet``, else the URL's host."""
    if meta.get("outlet"):
        return str(meta["outlet"])
    from urllib.parse import urlparse

    host = urlparse(meta.get("url") or "").hostname or ""
    return host.removeprefix("www.")


def appearances_of(d: dict, meta: dict) -> Iterator[dict]:
    """One appearance per claim and speaking source of an analysed article, with its signature's
    times resolved against the article's date."""
    date = meta.get("date")
    atts = {a["id"]: a for a in d.get("attributions", [])}
    sources = {s["id"]: s for s in d.get("sources", [])}
    keys = {s["id"]: s.get("key") or s["name"].lower() for s in d.get("sources", [])}
    # media the article credits ("…, Caucasus Wire reported"): it may be republishing their copy
    credits = sorted({s["name"] for s in d.get("sources", []) if s.get("type") == "media"})
    for c in d.get("claims", []):
        sig = dict(c.get("signature") or {})
        if not sig.get("predicate"):
            continue
        sig["times"] = [normalise(t, date) or t for t in sig.get("times", [])]
        ids = [a for a in c.get("attributions", []) if a in atts]
        parents = {atts[a].get("parent") for a in ids}
        primary = [a for a in ids if a not in parents] or [None]
        for aid in primary:
            a = atts.get(aid) if aid else None
            src = sources.get(a.get("source_id")) if a else None
            via = _relays(a, atts, sources)
            yield {"article": d["id"], "claim": c["id"], "attribution": aid or "", "date": date,
                   "outlet": outlet_of(meta),
                   "source": src["name"] if src else "", "source_key": keys.get(src["id"]) if src else "",
                   "hierarchy": _hierarchy(src, sources, keys) if src else [],
                   "via": via, "credits": credits, "cue": a["cue"]["text"] if a else "",
                   "class": _class(c, a), "text": c.get("text", ""),
                   "statement": c.get("statement") or c.get("text", ""), "kind": c.get("kind", "assertion"),
                   "signature": sig}


def _class(c: dict, a: dict | None) -> str:
    """How the appearance carries the claim: the claim's stance ("… is confirmed," said X is a
    confirmation), ``deny`` for a denial, ``withhold`` for "did not confirm"."""
    if a is None:
        return "unattributed"
    cue = a["cue"]
    if cue.get("negated") and cue.get("class") in WITHHOLDING:
        return "withhold"
    if cue.get("negated") and cue.get("class") == "deny":
        return "assert"
    return c.get("stance") or cue.get("class", "assert")


def _relays(a: dict | None, atts: dict, sources: dict) -> list[str]:
    out, seen = [], set()
    while a and a.get("parent") in atts and a["parent"] not in seen:
        seen.add(a["parent"])
        a = atts[a["parent"]]
        s = sources.get(a.get("source_id"))
        if s:
            out.append(s["name"])
    return out


def _hierarchy(src: dict, sources: dict, keys: dict) -> list[str]:
    """The source's key and the keys of everything it is (transitively) part of, one per key."""
    parents = {sid: s.get("part_of", []) for sid, s in sources.items()}
    walk = part_of_walk(src["id"], parents, key=lambda sid: keys.get(sid, ("absent", sid)))
    return [keys[sid] for sid in walk if sid in sources]
