"""Money as people type it → one canonical written form, so ``numbers.find_amounts`` reads it.

1200W / 1200w → 1200万; 300来万 / 三百来万 → 300万 (marked approximate); 5亿3千万 → 5.3亿;
1.2千万 stays (find_amounts reads 千万). Rewrites keep to the figure itself, so the words
around a figure (its role cues) are unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from policyqa import numbers

_CN = "零〇一二两三四五六七八九十百千"
# 800W, 1200w: W/w after a number is 万 (as in 月薪20w); not inside a Latin word.
_W = re.compile(r"(?<![A-Za-z])(\d+(?:\.\d+)?)\s*[Ww](?![A-Za-z])")
# 300来万, 三百多万, 五十余万, 6个多亿: an approximate figure; the number before 来/多/余 is kept.
_APPROX = re.compile(rf"(\d+|[{_CN}]+)个?(来|多|余)(?=个?[万亿])")  # 6个多亿 too
# 5亿3千万, 1亿2000万: a compound of 亿 and 万 parts.
_COMPOUND = re.compile(rf"(\d+(?:\.\d+)?|[{_CN}]+)亿(?:零)?(\d+(?:\.\d+)?[千百]?|[{_CN}]+)万")


# 6千8百万, 3千5百万, 1千2百5十万, 5百8十万: digits with 千/百/十 before 万, as people type them → 6800万.
_THOUSANDS = re.compile(r"(?<![\d.])(?:(\d)千(?:(\d)百)?|(?P<h>\d)百)(?:(\d)十)?万")


@dataclass(frozen=True, slots=True)
class Figure:
    """A money figure in the canonical text: value in yuan, span, and whether it was approximate."""

    value: Decimal
    start: int
    end: int
    approximate: bool = False


# 过亿 / 破十亿 / 上千万: a round level named by its unit alone.
_BREAK = re.compile(r"(?<=[破过上])(十亿|百亿|千万|亿)")
_BREAK_VALUE = {"十亿": "10亿", "百亿": "100亿", "千万": "1000万", "亿": "1亿"}


# 3亿5 / 1个亿2: one digit after 亿 is tenths of a 亿 (as 3块5 is 3.5元), when nothing follows it.
_YI_TENTHS = re.compile(r"(\d+)个?亿([1-9])(?![\d.万千百亿元])")


# Financial numerals (壹佰万元, 伍拾萬): read as the plain ones, only in a run that is an amount — 队伍 stays.
_CAPITALS = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億圆", "一二二三三四五六六七八九十百千万亿元")
_NUMERAL = "零〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟一二两三四五六七八九十百千\\d."
_CAPITAL_RUN = re.compile(rf"[{_NUMERAL}]*[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億][{_NUMERAL}]*[万亿元萬億圆]"
                          rf"|[{_NUMERAL}]+[萬億]")


def canonical(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with money forms rewritten, and the spans (in the new text) of approximate figures."""
    text = _CAPITAL_RUN.sub(lambda m: m[0].translate(_CAPITALS), text)
    text = _W.sub(lambda m: f"{m[1]}万", text)
    text = _YI_TENTHS.sub(lambda m: f"{m[1]}.{m[2]}亿", text)
    text = _BREAK.sub(lambda m: _BREAK_VALUE[m[1]], text)
    text = _THOUSANDS.sub(lambda m: f"{int(m[1] or 0) * 1000 + int(m[2] or m['h'] or 0) * 100 + int(m[4] or 0) * 10}万",
                          text)
    text = _COMPOUND.sub(_merge_compound, text)
    approx: list[tuple[int, int]] = []
    out: list[str] = []
    last = 0
    for m in _APPROX.finditer(text):
        out.append(text[last : m.start()])
        start = sum(len(p) for p in out)
        out.append(m[1])
        approx.append((start, start + len(m[1]) + 1))
        last = m.end()
    out.append(text[last:])
    return "".join(out), approx


def _merge_compound(m: re.Match[str]) -> str:
    try:
        yi = numbers.parse_amount(f"{m[1]}亿")
        wan = numbers.parse_amount(f"{m[2]}万")
    except Exception:  # not a pair of numbers after all: leave the text as typed
        return m[0]
    if wan >= Decimal(10**8):
        return m[0]
    total = (yi + wan) / Decimal(10**8)
    return f"{format(total.normalize(), 'f')}亿"


def read_figures(text: str) -> tuple[str, list[Figure]]:
    """Canonical text and its money figures (approximate ones flagged)."""
    canon, approx = canonical(text)
    found = []
    for value, start, end in numbers.find_amounts(canon):
        near = any(a <= start < b + 2 for a, b in approx)
        found.append(Figure(value, start, end, near))
    return canon, found
