"""Build claimtrack/data/wordnet.json: a compact predicate-paraphrase table from WordNet 3.0.

Reads the WordNet database files (Debian's ``wordnet-base`` puts them under /usr/share/wordnet)
and keeps what the claim matcher compares: for each single-word verb, noun and adjective that
the sense-tagged corpora saw at least once, its most frequent senses (synset numbers: two words
sharing one are synonyms), each kept synset's direct hypernyms, the antonym pairs, and the
irregular inflections ("held" -> "hold"); and the nouns of people (``people``: single words
whose most frequent sense is a kind of person, for the statements' pronouns: "he", "she" or
"they" may point back to "the bartender", "it" may not); and the places of two words or more
(``places``: "San Diego" names no person). Same input, same bytes.

    python scripts/build_wordnet_table.py [--wordnet /usr/share/wordnet] [--out claimtrack/data/wordnet.json]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

POS = {"v": "verb", "n": "noun", "a": "adj"}
SENSES = {"v": 3, "n": 2, "a": 2}  # most frequent senses kept per word: the rest is noise here
MIN_TAGGED = {"v": 1, "n": 2, "a": 2}  # sense-tagged occurrences a word needs to be kept

LICENCE = ("WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. "
           "Permission to use, copy, modify and distribute this software and database and its "
           "documentation for any purpose and without fee or royalty is hereby granted, provided "
           "that you agree to comply with the copyright notice and statements, including the "
           "disclaimer (THIS SOFTWARE AND DATABASE IS PROVIDED \"AS IS\"...), and that the same "
           "appear on ALL copies. The name of Princeton University may not be used in advertising "
           "or publicity pertaining to distribution of the software and/or database.")


def read_index(path: Path, pos: str) -> dict[str, list[str]]:
    """word -> its kept synset offsets, most frequent first."""
    out = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        word, p_cnt = parts[0], int(parts[3])
        tagged = int(parts[5 + p_cnt])
        offsets = parts[6 + p_cnt:]
        if "_" in word or not word.isalpha() or tagged < MIN_TAGGED[pos]:
            continue
        out[word] = offsets[: SENSES[pos]]
    return out


def read_data(path: Path) -> dict[str, tuple[list[str], list[tuple[str, str, str, str]]]]:
    """offset -> (member words, pointers (symbol, offset, pos, source/target))."""
    out = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split(" | ")[0].split()
        n = int(parts[3], 16)
        words = [parts[4 + 2 * i].lower() for i in range(n)]
        i = 4 + 2 * n
        ptrs = [tuple(parts[i + 1 + 4 * k: i + 5 + 4 * k]) for k in range(int(parts[i]))]
        out[parts[0]] = (words, ptrs)
    return out


PERSON = "00007846"  # person.n.01's offset in data.noun


def read_people(wordnet: Path) -> list[str]:
    """Single-word nouns whose first (most frequent) sense is a person (hypernyms, not
    instances: no named people), the corpora having seen the word once, or all its senses
    being people. A word whose first sense is a thing ("fan", "driver") is left out."""
    data = read_data(wordnet / "data.noun")
    memo: dict[str, bool] = {PERSON: True}

    def person(off: str) -> bool:
        if off not in memo:
            memo[off] = False   # a cycle reaches no person
            memo[off] = any(sym == "@" and tpos == "n" and person(t) for sym, t, tpos, _ in data[off][1])
        return memo[off]

    out = []
    for line in (wordnet / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        word, p_cnt = parts[0], int(parts[3])
        tagged, offsets = int(parts[5 + p_cnt]), parts[6 + p_cnt:]
        if "_" in word or not word.isalpha() or not person(offsets[0]):
            continue
        if tagged >= 1 or all(person(o) for o in offsets):
            out.append(word)
    return sorted(out)


def read_places(wordnet: Path) -> list[str]:
    """Names of places of two words or more, as written capitalised in WordNet's places
    (lexicographer file noun.location: "San Diego", "Los Angeles", "Hong Kong"), lower-cased:
    a run of capitalised words that is one of them names no person."""
    out = set()
    for line in (wordnet / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split(" | ")[0].split()
        if parts[1] != "15":
            continue
        for k in range(int(parts[3], 16)):
            word = parts[4 + 2 * k].split("(")[0]
            names = word.split("_")
            if len(names) >= 2 and all(n[:1].isupper() for n in names if n.isalpha() and len(n) > 3):
                out.add(" ".join(names).lower())
    return sorted(out)


def read_exceptions(wordnet: Path) -> dict[str, str]:
    exc = {}
    for pos in ("verb", "noun", "adj"):
        for line in (wordnet / f"{pos}.exc").read_text(encoding="latin-1").splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0].isalpha() and parts[1].isalpha():
                exc.setdefault(parts[0], parts[1])
    return exc


def build(wordnet: Path) -> dict:
    """The table as a JSON-ready dict."""
    ids: dict[tuple[str, str], int] = {}
    lemmas, hyper, antonyms = {}, {}, set()
    for pos, name in POS.items():
        index = read_index(wordnet / f"index.{name}", pos)
        data = read_data(wordnet / f"data.{name}")
        table = {}
        for word in sorted(index):
            table[word] = [ids.setdefault((pos, off), len(ids)) for off in index[word]]
            for off in index[word]:
                words, ptrs = data[off]
                for sym, target, tpos, st in ptrs:
                    if sym in ("@", "@i") and pos in "vn" and tpos == pos:
                        hyper.setdefault(ids[(pos, off)], set()).add(ids.setdefault((pos, target), len(ids)))
                    elif sym == "!" and st != "0000":
                        src = words[int(st[:2], 16) - 1]
                        dst = data.get(target, ([], []))[0] if tpos == pos else []
                        k = int(st[2:], 16) - 1
                        if src == word and 0 <= k < len(dst) and dst[k].isalpha():
                            antonyms.add(tuple(sorted((word, dst[k]))))
        lemmas[pos] = table
    kept = {i for table in lemmas.values() for senses in table.values() for i in senses}
    hyper = {str(k): sorted(v & kept) for k, v in sorted(hyper.items()) if v & kept}
    return {"format": "claimtrack-wordnet/1", "source": "WordNet 3.0 (Princeton University)",
            "licence": LICENCE, "senses": SENSES, "lemmas": lemmas, "hypernyms": hyper,
            "antonyms": sorted(list(a) for a in antonyms), "exceptions": read_exceptions(wordnet),
            "people": read_people(wordnet), "places": read_places(wordnet)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "claimtrack/data/wordnet.json"))
    args = ap.parse_args()
    table = build(Path(args.wordnet))
    text = json.dumps(table, sort_keys=True, separators=(",", ":"), ensure_ascii=True) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(text):,} bytes; "
          + ", ".join(f"{pos} {len(t):,}" for pos, t in table["lemmas"].items())
          + f"; {len(table['antonyms']):,} antonym pairs; {len(table['people']):,} people nouns"
          + f"; {len(table['places']):,} places")


if __name__ == "__main__":
    main()
