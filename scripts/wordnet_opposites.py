"""Writes rag/wordnet_opposites.tsv: the antonym pairs of WordNet 3.0, with the forms a news
sentence writes them in, for the grounding check's opposites (rag/lexicon.py).

Reads the WordNet database that Debian's ``wordnet-base`` package installs
(``apt-get install wordnet-base``; files under /usr/share/wordnet). Run it again only to
regenerate the table; nothing reads WordNet at run time.

Pair rows: the part of speech, then for each word its sense rank (0 = the word's most frequent
sense, by WordNet's index order) and its lemma; form rows ("~"): a lemma and its irregular
inflections, then (a column of its own) an adjective's regular comparative and
superlative. ``rows`` says which pairs and forms are kept.

    python scripts/wordnet_opposites.py [/usr/share/wordnet] > rag/wordnet_opposites.tsv
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# The pairs kept: both words in one of their two most frequent senses.
MAX_RANK = 1
_VOWEL = set("aeiou")
POS = {"adj": "adj", "verb": "verb", "adv": "adv", "noun": "noun"}
_TARGET_FILE = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}

NOTICE = """\
# Antonym pairs taken from WordNet 3.0 by scripts/wordnet_opposites.py.
# pair rows: pos, rank_a, lemma_a, rank_b, lemma_b (rank 0 = the lemma's most frequent sense);
# form rows ("~"): a lemma and its irregular inflections, then its regular comparative and
# superlative (adjectives)
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
#
# Permission to use, copy, modify and distribute this software and database and its
# documentation for any purpose and without fee or royalty is hereby granted, provided that you
# agree to comply with the following copyright notice and statements, including the
# disclaimer, and that the same appear on ALL copies of the software, database and
# documentation, including modifications that you make for internal use or for distribution.
#
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS
# FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS.
#
# The name of Princeton University or Princeton may not be used in advertising or publicity
# pertaining to distribution of the software and/or database. Title to copyright in this
# software, database and any associated documentation shall at all times remain with
# Princeton University and LICENSEE agrees to preserve same.
"""


def _synsets(root: Path, pos: str) -> dict[str, tuple[list[str], list[tuple[str, str, str, str]]]]:
    """offset -> (words, pointers) of data.<pos>."""
    found = {}
    for line in (root / f"data.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue  # the licence header
        fields = line.partition("|")[0].split()
        count = int(fields[3], 16)
        words = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(count)]
        i = 4 + 2 * count
        pointers = []
        for _ in range(int(fields[i])):
            pointers.append(tuple(fields[i + 1:i + 5]))
            i += 4
        found[fields[0]] = (words, pointers)
    return found


def _index(root: Path, pos: str) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """(lemma, offset) -> the sense's rank among the lemma's senses (index.<pos> order), and
    lemma -> its number of senses in this part of speech."""
    ranks, senses = {}, {}
    for line in (root / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        count = int(fields[2])
        senses[fields[0]] = count
        for rank, offset in enumerate(fields[-count:]):
            ranks[(fields[0], offset)] = rank
    return ranks, senses


def _tagged(root: Path) -> dict[tuple[str, str], int]:
    """(lemma, part of speech) -> how often the SemCor corpus tags it so (cntlist.rev)."""
    parts = {"1": "noun", "2": "verb", "3": "adj", "4": "adv", "5": "adj"}
    counts: dict[tuple[str, str], int] = {}
    for line in (root / "cntlist.rev").read_text(encoding="latin-1").splitlines():
        key, _sense, count = line.split()
        lemma, _, rest = key.partition("%")
        pos = parts[rest[0]]
        counts[(lemma, pos)] = counts.get((lemma, pos), 0) + int(count)
    return counts


def _exceptions(root: Path, pos: str) -> dict[str, set[str]]:
    """lemma -> its irregular forms (<pos>.exc)."""
    forms: dict[str, set[str]] = {}
    for line in (root / f"{pos}.exc").read_text(encoding="latin-1").splitlines():
        inflected, *bases = line.split()
        for base in bases:
            forms.setdefault(base, set()).add(inflected)
    return forms


def _graded(adjective: str) -> list[str]:
    """The regular comparative and superlative: "calmer", "windier", "bigger"."""
    if adjective.endswith("e"):
        return [adjective + "r", adjective + "st"]
    if adjective.endswith("y") and len(adjective) > 2 and adjective[-2] not in _VOWEL:
        return [adjective[:-1] + "ier", adjective[:-1] + "iest"]
    if (len(adjective) >= 3 and adjective[-1] not in _VOWEL | {"w", "x", "y"}
            and adjective[-2] in _VOWEL and adjective[-3] not in _VOWEL):
        return [adjective + adjective[-1] + "er", adjective + adjective[-1] + "est"]
    return [adjective + "er", adjective + "est"]


def rows(
    root: Path,
) -> tuple[list[tuple[str, int, str, int, str]], dict[str, tuple[str, str]]]:
    """The pairs of words WordNet makes opposites, one row each, and the forms of each lemma
    that has more than one.

    A pair: the words of two synsets joined by an antonym pointer ("increase" / "decrease,
    diminish, lessen, fall"), and an adjective satellite against the other head (the indirect
    antonyms: "windy", similar to "stormy", against "calm"); each word's rank is that of the
    sense the pair holds in. Kept where both ranks are within ``MAX_RANK`` and the pair's part
    of speech is each word's main one (tagged in WordNet's SemCor counts at least as often as
    any other, an irregular form counting as its lemma: "left" is "leave" before it is the
    adjective, "advance" a verb before it is "early").

    Forms: irregular inflections, and an adjective's regular comparative and superlative,
    unless WordNet has that word as a word of its own ("later", "porter"). Not its adverbs:
    "highly selective" says nothing of "high" or "highest"."""
    data = {pos: _synsets(root, pos) for pos in POS}
    index = {pos: _index(root, pos) for pos in POS}
    irregular = {pos: _exceptions(root, pos) for pos in POS}
    tagged = _tagged(root)
    readings: dict[str, dict[str, int]] = {}  # word -> part of speech -> times tagged
    for pos in POS:
        for lemma in index[pos][1]:
            readings.setdefault(lemma, {})[pos] = tagged.get((lemma, pos), 0)
        for lemma, forms in irregular[pos].items():
            for form in forms:
                old = readings.setdefault(form, {}).get(pos, 0)
                readings[form][pos] = max(old, tagged.get((lemma, pos), 0))
    satellites: dict[str, list[str]] = {}
    for offset, (_words, pointers) in data["adj"].items():
        for symbol, target, _target_pos, _st in pointers:
            if symbol == "&":
                satellites.setdefault(offset, []).append(target)
    def main_sense(word: str, pos: str) -> bool:
        counts = readings.get(word, {})
        return counts.get(pos, 0) >= max(counts.values(), default=0)

    def members(pos: str, offset: str) -> list[tuple[str, int]]:
        return [(word, index[pos][0].get((word, offset), 99)) for word in data[pos][offset][0]
                if word.isalpha() and main_sense(word, pos)]

    best: dict[tuple[str, str, str, str], tuple[int, int]] = {}
    for pos in POS:
        for offset, (_words, pointers) in data[pos].items():
            for symbol, target, target_pos, _st in pointers:
                if symbol != "!":
                    continue
                other_pos = _TARGET_FILE[target_pos]
                for near in [offset, *(satellites.get(offset, []) if pos == "adj" else [])]:
                    for word, rank in members(pos, near):
                        for other, other_rank in members(other_pos, target):
                            if word == other:
                                continue
                            key = (pos, word, other_pos, other)
                            if key[1] > key[3]:
                                key = (other_pos, other, pos, word)
                                rank, other_rank = other_rank, rank
                            old = best.get(key)
                            if old is None or max(rank, other_rank) < max(old):
                                best[key] = (rank, other_rank)
    pairs = [(pos, rank, word, other_rank, other)
             for (pos, word, _other_pos, other), (rank, other_rank) in sorted(best.items())
             if max(rank, other_rank) <= MAX_RANK]
    forms: dict[str, tuple[str, str]] = {}
    for pos, _rank, word, _other_rank, other in pairs:
        for lemma in (word, other):
            inflected = [lemma, *sorted(irregular[pos].get(lemma, ()))]
            if pos == "noun" and lemma.endswith("man"):
                inflected.append(lemma[:-3] + "men")  # morphy's rule: "women" for "woman"
            graded = []
            if pos == "adj" and not irregular[pos].get(lemma):
                graded = [g for g in _graded(lemma) if g not in readings]
            if len(inflected) > 1 or graded:
                forms.setdefault(lemma, (" ".join(dict.fromkeys(inflected)), " ".join(graded)))
    return pairs, forms


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    sys.stdout.write(NOTICE)
    pairs, forms = rows(root)
    for pos, rank_a, lemma_a, rank_b, lemma_b in pairs:
        sys.stdout.write(f"{pos}\t{rank_a}\t{lemma_a}\t{rank_b}\t{lemma_b}\n")
    for lemma in sorted(forms):
        inflected, graded = forms[lemma]
        sys.stdout.write(f"~\t{inflected}\t{graded}\n")


if __name__ == "__main__":
    main()
