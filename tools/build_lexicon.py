#!/usr/bin/env python3
"""Rebuilds assets/lexicon/ambiguous_place_names.txt: city names from assets/geo/cities.tsv
that are also ordinary lower-case English words ("Mobile", "Nice", "Split"), so the extractor
only takes them for places with evidence ("in Nice", "Nice, France").

Needs the Debian word list: apt-get install wamerican (gives /usr/share/dict/american-english).
Run: python3 tools/build_lexicon.py
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORDS = pathlib.Path("/usr/share/dict/american-english")
OUT = ROOT / "assets/lexicon/ambiguous_place_names.txt"


def main() -> None:
    # Lower-case entries are ordinary words; capitalised ones are proper nouns.
    words = {
        w.strip()
        for w in WORDS.read_text(encoding="utf-8").splitlines()
        if w.strip() and w.strip().islower() and "'" not in w
    }
    names = set()
    lines = (ROOT / "assets/geo/cities.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        cols = line.split("\t")
        for name in [cols[1], cols[2], *cols[3].split("|")]:
            name = name.strip()
            if name and " " not in name and name.lower() in words and name[0].isupper():
                names.add(name)
    # Region names too ("Delta", "Unity", "Plateau").
    for line in (ROOT / "assets/geo/regions.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        for name in [cols[0], *cols[6].split("|")] if len(cols) > 6 else [cols[0]]:
            name = name.strip()
            if name and " " not in name and name.lower() in words and name[0].isupper():
                names.add(name)
    header = (
        "# City names that are also ordinary English words; built by tools/build_lexicon.py\n"
        "# from assets/geo/cities.tsv, regions.tsv and Debian's wamerican word list. Do not edit by hand.\n"
    )
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(names)} names")


if __name__ == "__main__":
    main()
