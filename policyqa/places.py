"""Which places the corpus covers, and which named places it has no document for.

Covered districts and their aliases come from ``manifest.toml`` (``[districts]``); every other place
comes from a gazetteer of China's administrative divisions (``data/divisions.tsv``: province,
prefecture and county level, 6-digit codes). Nothing here knows which districts the corpus holds.

A place is named by its full name (海淀区, 上海市, 滨海新区) or by its stem (海淀, 上海, 浦东). A
county-level stem counts only when jieba's dictionary does not know it as an ordinary word (和平,
开发 and 新华 are words; 海淀 and 浦东 are place names), so 「和平发展」 names no place.
A place is *uncovered* when it is neither a covered district, nor contains one (北京市 for
丰台区), nor lies inside one.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DIVISIONS = Path(__file__).resolve().parent / "data" / "divisions.tsv"
_SUFFIX = re.compile(
    r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|.{1,8}族自治[州县旗]|自治[州县旗]|新区|地区|林区|省|市|区|县|旗|盟)$"
)
_GENERIC_STEMS = frozenset({"城区", "郊区", "矿区", "新区", "市中", "市辖", "开发", "高新", "经济", "技术"})
_MAX_NAME = 12
# jieba tags of ordinary words (verbs, adjectives, numerals, times, other proper nouns such as 新华)
_WORD_TAGS = frozenset({"nz", "v", "vn", "vd", "a", "ad", "an", "m", "d", "t", "s", "c", "p", "f", "q", "r", "u"})


@dataclass(frozen=True, slots=True)
class Place:
    code: str  # 6-digit division code: 110108
    name: str  # full name: 海淀区

    @property
    def level(self) -> int:
        """1 province, 2 prefecture, 3 county."""
        return 1 if self.code.endswith("0000") else 2 if self.code.endswith("00") else 3

    def contains(self, other: Place) -> bool:
        prefix = self.code[: 2 * self.level]
        return other.code != self.code and other.code.startswith(prefix)


def stem(name: str) -> str:
    """海淀区 → 海淀, 浦东新区 → 浦东, 上海市 → 上海; the name itself when too short to strip."""
    short = _SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


@functools.lru_cache(maxsize=1)
def _jieba_words() -> dict[str, tuple[int, str]]:
    """jieba's main dictionary: word → (frequency, part-of-speech tag), read once (~0.3 s)."""
    import jieba

    words: dict[str, tuple[int, str]] = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def _names_a_place(short: str, words: dict[str, tuple[int, str]]) -> bool:
    """A county stem names the place unless jieba knows it as an ordinary word (和平, 复兴, 开发)."""
    if short not in words:
        return True
    freq, tag = words[short]
    if tag.startswith("ns"):
        return True
    return tag not in _WORD_TAGS and freq < 2000


@dataclass(frozen=True)
class Gazetteer:
    by_name: dict[str, tuple[Place, ...]]  # full names and usable stems → places

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls, path: Path = DIVISIONS) -> Gazetteer:
        words = _jieba_words()
        by_name: dict[str, list[Place]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            code, name = line.split("\t")
            place = Place(code, name)
            by_name.setdefault(name, []).append(place)
            short = stem(name)
            if short == name or short in _GENERIC_STEMS:
                continue
            # Province and prefecture stems (上海, 大连) always name the place; a county stem only when
            # it is not an ordinary word (和平, 新华, 开发 are words; 海淀, 浦东 are place names).
            if place.level < 3 or _names_a_place(short, words):
                by_name.setdefault(short, []).append(place)
        return cls({k: tuple(v) for k, v in by_name.items()})

    def find(self, text: str) -> list[tuple[str, Place]]:
        """(matched text, place) for every place named in ``text``, longest match first.

        A match must start and end where the policy tokenizer cuts words, so 灯塔 in 灯塔工厂 (a policy
        term) is not 灯塔市; a word made only of place names (上海浦东) is read as those places."""
        from policyqa.tokenize import cut

        pieces = cut(text)
        starts = [0]
        for piece in pieces:
            starts.append(starts[-1] + len(piece))
        bounds = set(starts)
        found: list[tuple[str, Place]] = []
        i = 0
        while i < len(text):
            for size in range(min(_MAX_NAME, len(text) - i), 1, -1):
                places = self.by_name.get(text[i : i + size])
                if places and i in bounds and i + size in bounds:
                    found += [(text[i : i + size], p) for p in places]
                    i += size
                    break
            else:
                i += 1
        # 「灯塔工厂…这个灯塔项目」: a name the text also uses inside a longer word (a policy term) is that term's
        # short form there too, not 灯塔市.
        found = [(m, p) for m, p in found if not any(len(w) > len(m) and w.startswith(m) for w in pieces)]
        matched = {m for m, _ in found}
        for piece in pieces:
            if len(piece) >= 4 and piece not in matched and not any(m in piece for m in matched):
                found += self._split_word(piece)
        return found

    def _split_word(self, word: str) -> list[tuple[str, Place]]:
        """上海浦东 → 上海 + 浦东 when the word is made of place names only; else []."""
        out: list[tuple[str, Place]] = []
        i = 0
        while i < len(word):
            for size in range(min(_MAX_NAME, len(word) - i), 1, -1):
                places = self.by_name.get(word[i : i + size])
                if places:
                    out += [(word[i : i + size], p) for p in places]
                    i += size
                    break
            else:
                return []
        return out

    def lookup(self, name: str) -> tuple[Place, ...]:
        return self.by_name.get(name, ()) or self.by_name.get(stem(name), ())


@dataclass(frozen=True)
class Coverage:
    """The covered districts (alias → canonical name, from the manifest) against the gazetteer."""

    aliases: Mapping[str, str]
    gazetteer: Gazetteer

    @functools.cached_property
    def _covered_places(self) -> tuple[Place, ...]:
        places: list[Place] = []
        for alias in self.aliases:
            places += self.gazetteer.lookup(alias)
        return tuple(places)

    def districts_in(self, text: str) -> list[str]:
        """Covered districts named in ``text`` (by name or alias), in order of first mention."""
        hits = sorted((text.find(a), d) for a, d in self.aliases.items() if a in text)
        return list(dict.fromkeys(d for _, d in hits))

    def is_covered(self, place: Place) -> bool:
        return any(place == c or place.contains(c) or c.contains(place) for c in self._covered_places)

    def uncovered_places(self, text: str) -> list[str]:
        """Full names of the places ``text`` names that no document covers (most specific first)."""
        covered_spans = [a for a in self.aliases if a in text]
        names: list[Place] = []
        for matched, place in self.gazetteer.find(text):
            if any(matched in a for a in covered_spans) or self.is_covered(place):
                continue
            # One name, several places (朝阳区 in Beijing and in Changchun): uncovered only if none is covered.
            if any(self.is_covered(p) for p in self.gazetteer.lookup(matched)):
                continue
            names.append(place)
        names.sort(key=lambda p: -p.level)
        return list(dict.fromkeys(p.name for p in names))

    def uncovered_place(self, text: str) -> str | None:
        """The place a text asks about that the corpus has no document for, when it names no covered one."""
        if self.districts_in(text):
            return None
        found = self.uncovered_places(text)
        return found[0] if found else None


def coverage(aliases: Mapping[str, str]) -> Coverage:
    """Coverage for a corpus's alias table (cached: the answer path asks once per question)."""
    return _coverage(tuple(sorted(aliases.items())))


@functools.lru_cache(maxsize=16)
def _coverage(items: tuple[tuple[str, str], ...]) -> Coverage:
    return Coverage(dict(items), Gazetteer.load())


@functools.lru_cache(maxsize=8)
def _manifest_aliases(corpus_dir: Path, stamp: float) -> dict[str, str]:
    from policyqa.corpus import load_manifest  # late: corpus imports the parser

    _, aliases = load_manifest(corpus_dir)
    return aliases


def corpus_coverage(corpus_dir: Path | None = None) -> Coverage:
    """Coverage of the corpus at ``corpus_dir`` (default: the configured one); re-read when the manifest changes."""
    from policyqa.settings import Settings

    root = corpus_dir or Settings.from_env().corpus_dir
    manifest = root / "manifest.toml"
    stamp = manifest.stat().st_mtime if manifest.is_file() else 0.0
    return coverage(_manifest_aliases(root, stamp))
