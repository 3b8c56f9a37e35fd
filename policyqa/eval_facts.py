"""Checking a gold item's ``must_include`` facts against an answer text (the strict scorer's part).

Both sides are folded the same way (:func:`canon`): NFKC width folding, lower case,
traditional → simplified, whitespace and punctuation dropped, and every amount, percentage
and date replaced by its value (200万 = 200万元 = 2,000,000元 = 200万元人民币 = 两百万;
1亿 = 10000万; 30% = 百分之三十; 2029年12月31日 = 2029-12-31). A fact is *covered* when

1. its folded text occurs in the folded answer, or else
2. it has key parts (:func:`fact_parts`: amounts, percentages, dates, district names,
   document status words, verdict words, quoted names) and every one occurs in the answer —
   so a reviewer's phrasing such as "“丰泽计划”是丰台区的（不是门头沟区）" is checked by
   丰泽计划 + 丰台区 + 门头沟区; or else
3. it has no key part but is a phrase of the documents (folded), which must then occur as is.

A fact that is none of these (a reviewer's paraphrase with nothing checkable,
"提名奖也在支持范围内") is *unchecked*: it counts as covered and is listed for a person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from policyqa.errors import InputError
from policyqa.numbers import find_amounts, parse_ratio
from policyqa.tokenize import _t2s

# District names and the shorter forms that name the same place (longest first when found in a fact).
DISTRICTS: tuple[tuple[str, ...], ...] = (
    ("丰台区", "丰台"), ("门头沟区", "门头沟"), ("怀柔区", "怀柔"), ("亦庄新城",),
    ("北京经济技术开发区", "经济技术开发区", "经开区", "亦庄"),
    ("朝阳区", "朝阳"), ("海淀区", "海淀"), ("东城区", "东城"), ("西城区", "西城"), ("石景山区", "石景山"),
    ("通州区", "通州"), ("顺义区", "顺义"), ("昌平区", "昌平"), ("大兴区", "大兴"), ("房山区", "房山"),
    ("平谷区", "平谷"), ("密云区", "密云"), ("延庆区", "延庆"),
)
# Document status words and the words an answer may use for them.
STATUSES: tuple[tuple[str, ...], ...] = (
    ("征求意见稿", "征求意见"), ("已印发", "印发"), ("到期", "过期", "届满", "失效"), ("有效",),
)
# Verdict words (a fact part that is, or starts with, one) → the pattern an answer must hold.
_NEG = r"不能|不可以|不可|无法|不得|不予"
VERDICTS: dict[str, str] = {
    "不可以": _NEG, "不能": _NEG, "不符合": r"不符合|不满足|不具备",
    "符合": r"(?<!不)(?:符合|满足)", "可以": r"(?<!不)(?:可以|能够|可申请|可享受|可获得)",
    "能": r"(?<![不智功效性])(?:能够|能申请|能享受|能获得|能拿|可以)",
}
_QUOTED = re.compile(r"“([^”]+)”|「([^」]+)」|《([^》]+)》|『([^』]+)』|\"([^\"]+)\"|‘([^’]+)’")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%|百分之([零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?)")
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_DATE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?"
    r"|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"
    r"|([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?"
)
TERM_MIN = 4  # shorter pieces (给予, 支持) occur in any text
_SPLIT = re.compile(r"[\s\W_]+|是|的")


def fold(text: str) -> str:
    """NFKC (full-width → half-width), lower case, traditional → simplified."""
    return _t2s()(unicodedata.normalize("NFKC", str(text)).lower())


def _cn_small(number: str) -> int:
    """一 … 三十一 (a month or a day)."""
    if "十" not in number:
        return int(_CN_DIGIT[number])
    tens, _, ones = number.partition("十")
    return int(_CN_DIGIT.get(tens, "1")) * 10 + (int(_CN_DIGIT[ones]) if ones else 0)


@dataclass(frozen=True, slots=True)
class Token:
    """A value found in folded text: ``kind`` is "date", "percent" or "amount"; ``value`` its canonical form."""

    kind: str
    value: str
    start: int
    end: int


def _date_value(m: re.Match[str]) -> str:
    if m[1]:
        y, mo, d = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
    elif m[4]:
        y, mo, d = int(m[4]), int(m[5]), int(m[6])
    else:
        y = int("".join(_CN_DIGIT[c] for c in m[7]))
        mo, d = _cn_small(m[8]), _cn_small(m[9]) if m[9] else None
    return f"{y:04d}-{mo:02d}" + (f"-{d:02d}" if d else "")


def _percent_value(m: re.Match[str]) -> str | None:
    try:
        ratio = parse_ratio(m[0])
    except InputError:
        return None
    return format(ratio.normalize(), "f")


def tokens(folded: str) -> list[Token]:
    """Dates, percentages and amounts (yuan, ``numbers.find_amounts``) of folded text, non-overlapping, in order."""
    found: list[Token] = [Token("date", _date_value(m), m.start(), m.end()) for m in _DATE.finditer(folded)]
    for m in _PERCENT.finditer(folded):
        value = _percent_value(m)
        if value is not None:
            found.append(Token("percent", value, m.start(), m.end()))
    for value, start, end in find_amounts(folded):
        start -= 3 if folded[max(0, start - 3):start] == "人民币" else 0
        end += 3 if folded[end:end + 3] == "人民币" else 0  # 200万元人民币 = 200万元
        found.append(Token("amount", format(Decimal(value).normalize(), "f"), start, end))
    kept: list[Token] = []
    for tok in sorted(found, key=lambda t: (t.start, -(t.end - t.start))):
        if not kept or tok.start >= kept[-1].end:
            kept.append(tok)
    return kept


def _strip(text: str) -> str:
    """Letters, digits and CJK only: whitespace, punctuation and symbols dropped."""
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith(("P", "S", "Z", "C")))


def canon(text: str) -> str:
    """The form phrases are compared in: folded, values replaced by ⟨kind:value⟩, punctuation dropped."""
    folded = fold(text)
    out, pos = [], 0
    for tok in tokens(folded):
        out += [_strip(folded[pos:tok.start]), f"⟨{tok.kind}:{tok.value}⟩"]
        pos = tok.end
    out.append(_strip(folded[pos:]))
    return "".join(out)


# --------------------------------------------------------------------------- key parts of a fact


@dataclass(frozen=True, slots=True)
class Part:
    """A key part of a fact: ``kind`` in amount/percent/date/district/status/verdict/quoted/term; ``text`` as
    written."""

    kind: str
    text: str
    value: str  # canonical value (amount/percent/date), group key (district/status/verdict), folded name (quoted)


def _group_hits(text: str, groups: Sequence[tuple[str, ...]], kind: str) -> tuple[list[Part], str]:
    """Parts for every group name in ``text`` (longest first, spans consumed), and the rest of the text."""
    names = sorted(((name, group[0]) for group in groups for name in group), key=lambda x: -len(x[0]))
    parts: list[Part] = []
    for name, key in names:
        while name in text:
            parts.append(Part(kind, name, key))
            text = text.replace(name, "\0", 1)
    return parts, text


def fact_parts(fact: str, corpus_canon: str = "") -> list[Part]:
    """The checkable parts of a must_include fact, in kind order (quoted, values, districts, statuses,
    verdicts, terms). A *term* is a piece of at least 4 characters between the other parts and the
    splitting marks that occurs as is in the documents (``corpus_canon``), e.g. 科创智能."""
    text = fold(fact)
    parts: list[Part] = []
    for m in _QUOTED.finditer(text):
        name = next(g for g in m.groups() if g)
        parts.append(Part("quoted", name, canon(name)))
    text = _QUOTED.sub("\0", text)
    rest, pos = [], 0
    for tok in tokens(text):
        parts.append(Part(tok.kind, text[tok.start:tok.end], tok.value))
        rest.append(text[pos:tok.start])
        pos = tok.end
    text = "\0".join([*rest, text[pos:]])
    for groups, kind in ((DISTRICTS, "district"), (STATUSES, "status")):
        found, text = _group_hits(text, groups, kind)
        parts += found
    for piece in _SPLIT.split(text):
        verdict = next((v for v in sorted(VERDICTS, key=len, reverse=True)
                        if piece == v or (len(v) > 1 and piece.startswith(v))), None)
        if verdict:
            parts.append(Part("verdict", verdict, verdict))
        elif corpus_canon and len(piece) >= TERM_MIN and canon(piece) in corpus_canon:
            parts.append(Part("term", piece, canon(piece)))
    return parts


@dataclass(frozen=True, slots=True)
class AnswerView:
    """What the fact checks read from an answer text, computed once per answer."""

    canon: str
    own: str  # folded, whitespace and “quoted clause text” dropped: where a verdict must be stated
    values: frozenset[tuple[str, str]]  # (kind, value) of its dates, percentages, amounts

    @classmethod
    def of(cls, text: str) -> AnswerView:
        folded = fold(text)
        return cls(canon(text), "".join(unquoted(folded).split()),
                   frozenset((t.kind, t.value) for t in tokens(folded)))


def unquoted(text: str) -> str:
    """``text`` without what stands inside “…” (nested quotes included): a clause quoted in an answer
    may say 不符合 about someone else; the answer's own verdict is outside the quotes."""
    out, depth = [], 0
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def part_present(part: Part, view: AnswerView) -> bool:
    if part.kind in ("amount", "percent", "date"):
        return (part.kind, part.value) in view.values
    if part.kind in ("quoted", "term"):
        return part.value in view.canon
    if part.kind in ("district", "status"):
        group = next(g for g in (DISTRICTS if part.kind == "district" else STATUSES) if g[0] == part.value)
        return any(name in view.canon for name in group)
    return re.search(VERDICTS[part.value], view.own) is not None


def check_fact(fact: str, view: AnswerView, corpus_canon: str = "") -> dict[str, Any]:
    """``status`` covered / missing / unchecked, ``how`` (phrase / parts / none) and the ``missing`` parts."""
    parts = fact_parts(fact, corpus_canon)
    verdicts_hold = all(part_present(p, view) for p in parts if p.kind == "verdict")  # 符合 ⊄ 不符合
    if canon(fact) in view.canon and verdicts_hold:
        return {"fact": fact, "status": "covered", "how": "phrase", "missing": []}
    if parts:
        missing = [p.text for p in parts if not part_present(p, view)]
        return {"fact": fact, "status": "missing" if missing else "covered", "how": "parts", "missing": missing}
    if corpus_canon and canon(fact) in corpus_canon:
        return {"fact": fact, "status": "missing", "how": "phrase", "missing": [fact]}
    return {"fact": fact, "status": "unchecked", "how": "none", "missing": []}


def fact_scores(item: Mapping[str, Any], answer_text: str, corpus_canon: str = "") -> dict[str, Any]:
    """Per item: ``facts_covered``, ``facts_missing`` (with the parts not found), ``facts_unchecked``.

    ``corpus_canon`` is ``canon`` of the corpus text (so a phrase of the documents is checkable)."""
    view = AnswerView.of(answer_text)
    checks = [check_fact(f, view, corpus_canon) for f in item.get("must_include") or []]
    return {
        "facts_covered": [c["fact"] for c in checks if c["status"] == "covered"],
        "facts_missing": [{"fact": c["fact"], "parts": c["missing"]} for c in checks if c["status"] == "missing"],
        "facts_unchecked": [c["fact"] for c in checks if c["status"] == "unchecked"],
    }
