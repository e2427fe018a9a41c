"""Build claimtrack/data/given_names.json: the given names of the 1990 US Census, as the PyPI
package ``names`` (MIT) ships them, less the ones that are also ordinary English words.

A name run of two or more words that starts with one of them ("Kurt Volker", "Caitlyn Smith")
names a person, so a later "Volker said" is that person. Only ever the first word of a longer
run: a lone "Jordan" or "Georgia" is not made a person by this table. A name in only one of the
census's two lists, or 20 times as frequent in one ("Daniel", "Mary"), gives the gender of a full name it starts, so "she said"
never points back to Daniel Anthony; a name common in both ("Jordan", "Kelly") says nothing. Left out: words WordNet 3.0 knows as a verb, adjective or adverb ("Will", "Hope", "Rich",
"Mark"), as a place ("Jordan", "Georgia", "Dallas") or as a common noun that is no person's
("Liberty", "Art"), month and day names, and names of one or two letters. Same input, same bytes.

    pip download --no-deps --no-binary :all: names==0.3.0 -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python scripts/build_given_names.py --names /tmp/names/names-0.3.0/names [--wordnet /usr/share/wordnet]
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

FILES = ("dist.female.first", "dist.male.first")


def census_names(folder: Path) -> tuple[list[str], dict[str, str], dict[str, dict[str, float]]]:
    """Lower-cased given names of the census files, each file's sha256, and each file's names
    with their frequency (per cent of the people of that sex)."""
    names, digests, by_file = set(), {}, {}
    for name in FILES:
        raw = (folder / name).read_bytes()
        digests[name] = hashlib.sha256(raw).hexdigest()
        by_file[name] = {line.split()[0].lower(): float(line.split()[1])
                         for line in raw.decode("ascii").splitlines() if line.strip()}
        names |= set(by_file[name])
    return sorted(names), digests, by_file


def mostly(name: str, one: dict[str, float], other: dict[str, float]) -> bool:
    """Whether *name* is at least 20 times as frequent among one sex as among the other."""
    return name in one and one[name] >= 20 * other.get(name, 0.0)


def common_words(wordnet: Path) -> set[str]:
    """Single words WordNet lists as a verb, an adjective or an adverb."""
    out = set()
    for pos in ("verb", "adj", "adv"):
        for line in (wordnet / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if not line.startswith(" "):
                out.add(line.split(" ", 1)[0])
    return out


def places_and_things(wordnet: Path) -> set[str]:
    """Single nouns with a sense among WordNet's places (lexicographer file noun.location:
    "Jordan", "Georgia", "Dallas") and common nouns seen in its sense-tagged texts with no sense
    among its people (noun.person: "Liberty", "Art", but not "John" or "Hunter"): a name run
    they start is more often a place's or a thing's."""
    files = {}
    for line in (wordnet / "data.noun").read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            parts = line.split(" ", 2)
            files[parts[0]] = parts[1]
    out = set()
    for line in (wordnet / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        p_cnt = int(parts[3])
        tagged, senses = int(parts[5 + p_cnt]), [files.get(o) for o in parts[6 + p_cnt:]]
        if "15" in senses or (tagged > 0 and "18" not in senses):
            out.add(parts[0])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--names", required=True, help="the folder of the names package's dist.* files")
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "claimtrack" / "data"
                                         / "given_names.json"))
    args = ap.parse_args(argv)
    names, digests, by_file = census_names(Path(args.names))
    common = common_words(Path(args.wordnet)) | places_and_things(Path(args.wordnet))
    from claimtrack.extract.words import TIME_WORDS   # the lexicon's days, months …

    kept = [n for n in names if len(n) > 2 and n.isalpha() and n not in common and n not in TIME_WORDS]
    female, male = by_file["dist.female.first"], by_file["dist.male.first"]
    table = {"provenance": {
        "source": "the 1990 US Census given names (public domain) as shipped by the PyPI package "
                  "'names' 0.3.0 (MIT, Trey Hunner): names/dist.female.first, names/dist.male.first",
        "sha256": digests, "census_names": len(names), "kept": len(kept),
        "left_out": "words WordNet 3.0 lists as a verb, adjective or adverb, as a place (noun.location), or "
                    "as a common noun seen in its tagged texts with no sense among people (noun.person); "
                    "month and day names; names of one or two letters",
        "gender": "'female' or 'male': a name at least 20 times as frequent in that file as in the other "
                  "(the census lists 'Daniel' for a few women too); the rest say nothing",
        "command": "python scripts/build_given_names.py --names DIR"},
        "names": kept,
        "female": [n for n in kept if mostly(n, female, male)],
        "male": [n for n in kept if mostly(n, male, female)]}
    Path(args.out).write_text(json.dumps(table, indent=0, ensure_ascii=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(kept)} of {len(names)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
