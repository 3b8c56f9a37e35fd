"""Which stated figure is a rule's base (or the level it tests): the figure's own words
matched against the rule's label — 「市里给了450万」 is a 市级补贴资金, 「研发投入500万」 is not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from policyqa.numbers import format_wan
from policyqa.types import AwardRule
from policyqa.understand.facts import Fact, Facts, expand_cues, when

# Figures listed as separate items: 一个500万一个800万, 分别, 两个榜, 另一笔.
_PARALLEL = re.compile(
    r"一个[^，。？]{0,12}?一个|一笔[^，。？]{0,12}?一笔|一项[^，。？]{0,12}?一项|分别|另一个|另一笔|还有一个|还有一笔"
    r"|[两二三四五六几多]\s*(?:个|笔|份|款|项|台|套)"
)
_SPENDING = frozenset({"投资", "投入"})
_TOTAL = re.compile(r"一共|合计|总共|加起来|总额|总计|共计")
# Cues that only say "money": they support a match but never decide one.
GENERIC = frozenset({"资金", "支持", "补贴", "奖励", "投入"})


@dataclass(frozen=True, slots=True)
class Binding:
    value: Decimal
    facts: tuple[Fact, ...]
    assumption: str = ""  # said when the figure's words did not name the label
    derivation: str = ""  # e.g. "3.6亿元 − 3亿元 = 6000万元" for an increment from two levels

    @property
    def approximate(self) -> bool:
        return any(f.approximate for f in self.facts)


def label_cues(label: str) -> frozenset[str]:
    return expand_cues(label)


def _score(fact: Fact, wanted: frozenset[str]) -> float:
    distinct = fact.cues - GENERIC
    want = wanted - GENERIC
    if distinct and want and not distinct & want:
        return -1.0  # the figure is named as something else (研发投入 against 市级补贴资金)
    return 2.0 * len(distinct & want) + 0.5 * len(fact.cues & wanted & GENERIC)


def bind(label: str, facts: Facts, *, reached: bool = False, hints: tuple[str, ...] = ()) -> Binding | None:
    """The figure that is ``label`` (a base such as 市级补贴资金, or with ``reached`` a level
    such as 工业产值首次达到); None when no stated figure can be it.

    ``hints`` are the rule's own words (首批次, 流片): a figure whose phrase names the award the rule
    tops up (「拿到北京市重点新材料首批次应用示范奖励560万元」) is that award's money."""
    wanted = label_cues(label)
    increment = "增量" in label
    pool = [f for f in facts.money if not f.negated and not f.received]

    def score(fact: Fact) -> float:
        base = _score(fact, wanted)
        named = any(len(h) >= 2 and h in fact.phrase for h in hints)
        return max(base, 2.0) if named and not fact.increment and not increment else base

    scored = sorted(((score(f), f) for f in pool), key=lambda t: (-t[0], t[1].order))
    named = [f for s, f in scored if s >= 2.0]
    if increment:
        unnamed = [f for s, f in scored if s >= 0 and f.increment and not f.cues - GENERIC]
        inc = [f for f in named if f.increment] or unnamed
        if inc:
            return Binding(inc[0].value, (inc[0],))
        levels = [f for f in named if not f.increment]
        if len(levels) == 1:  # 「去年营收3个亿，今年做到3.6个亿」: the second figure is named by the first
            # (「去年研发费用5亿3千万，今年投了6个亿」: spending said with a verb is the same 费用, year against year)
            spent = {"投入", "投资"} if "费用" in label and when(levels[0]) == "then" else set()
            levels += [f for s, f in scored if not f.increment and f not in levels and (
                (s >= 0 and not f.cues - GENERIC) or (spent and when(f) == "now" and not f.cues - GENERIC - spent))]
        if len(levels) >= 2:
            return _difference(label, levels)
        return None
    named = [f for f in named if not f.increment] or named
    joint = _joint(label, pool)
    if joint is not None and not reached:
        return joint
    if reached:
        # A level reached is this year's: 「去年产值4.2个亿，今年干到6个多亿」 is at 6亿 (named by the
        # figure before it), not 4.2亿.
        if named:
            named += [f for s, f in scored if s >= 0 and f not in named and not f.cues - GENERIC
                      and (f.reached or when(f) == "now")]
        named = [f for f in named if when(f) != "then"] or named
        named = sorted(named, key=lambda f: (when(f) != "now" and not f.reached, not f.reached))
    if named:
        return Binding(named[0].value, (named[0],))
    # One unnamed figure and nothing else: it is the base, said as an assumption.
    # 「投了400万」 names spending, no more: for a spending label (设备和软件投入) it is that spending.
    loose = GENERIC | (_SPENDING if _SPENDING & wanted or "投" in label else frozenset())
    bare = [f for s, f in scored if (s >= 0 or loose != GENERIC) and not f.cues - loose and not f.increment]
    if len(pool) == 1 and bare:
        f = bare[0]
        return Binding(f.value, (f,), assumption=f"假设：您所说的{format_wan(f.value)}即为{label}")
    return None


def _joint(label: str, pool: list[Fact]) -> Binding | None:
    """A label that joins two things (设备和软件投入) given as two figures (「设备花了180万，软件60万」): their
    sum; a figure named as neither (厂房装修) is not part of it."""
    if "和" not in label:
        return None
    parts = [expand_cues(p) - GENERIC for p in label.split("和")]
    if len(parts) != 2 or not all(parts):
        return None
    picked = []
    for mine, other in ((parts[0], parts[1]), (parts[1], parts[0])):
        own = [f for f in pool if f.cues & mine and not f.cues & other and not f.increment]
        if len(own) != 1:
            return None
        picked.append(own[0])
    total = picked[0].value + picked[1].value
    terms = [f"{'、'.join(sorted(f.cues & p))}{format_wan(f.value)}" for f, p in zip(picked, parts, strict=True)]
    derivation = f"{label} = {' + '.join(terms)} = {format_wan(total)}"
    left = [f for f in pool if f not in picked and not f.increment]
    if left:
        derivation += f"（所述{'、'.join(format_wan(f.value) for f in left)}不属于{label}，不计入）"
    return Binding(total, tuple(picked), derivation=derivation)


def _difference(label: str, levels: list[Fact]) -> Binding | None:
    now = next((f for f in levels if when(f) == "now"), None)
    bar = now if now is not None and now.reached else None
    if now is not None and now.reached:
        # 「今年头一回过20个亿，做到22亿」: the bar crossed, then the level reached — the level is this year's.
        now = max((f for f in levels if f.order > now.order and not when(f) and f.value > now.value),
                  key=lambda f: f.value, default=now)
    earlier = [f for f in levels if when(f) == "then" and f is not now]
    # 「前年10亿，去年11亿，今年16亿」: this year's increment is over last year's, not the year before's.
    # A bar crossed (头一回过10亿) is no level when the year's own figure (10.5亿) is said beside it.
    then = min(earlier, key=lambda f: ("前年" in f.before[-6:], f.reached, -f.order), default=None)
    if then is None and bar is not None:
        # 「今年营收第一次冲过30个亿（大概32亿）」: a bar crossed and the level reached, both this year — no
        # earlier year's figure, so no increment.
        return None
    if now is None or then is None:
        then, now = sorted(levels[:2], key=lambda f: f.order)
    diff = now.value - then.value
    text = f"{format_wan(now.value)} − {format_wan(then.value)} = {format_wan(diff)}"
    if then.value > 0:  # the growth rate too: the clauses test it against the district's average
        text += f"（同比增长{(diff / then.value * 100).quantize(Decimal('0.1'))}%）"
    return Binding(diff, (then, now), derivation=f"{label} = {text}")


def several(label: str, facts: Facts, hints: tuple[str, ...] = ()) -> tuple[Fact, ...]:
    """Two or more figures that are each a ``label`` — separate items, computed one by one
    (「合同一个500万一个800万」, 「两款产品…一个400W一个500W」); () for a series over time (去年/今年),
    parts of a whole (其中), figures of different roles, or figures not listed as items."""
    pool = [f for f in facts.money if not f.negated and not f.received and not f.increment and not f.reached]
    if len(pool) < 2 or "其中" in facts.text or not _PARALLEL.search(facts.text):
        return ()
    if len({when(f) for f in pool}) > 1:
        return ()  # 去年…今年…: a series over time, not items
    wanted = label_cues(label)
    named = [f for f in pool if _score(f, wanted) >= 2.0 or any(len(h) >= 2 and h in f.phrase for h in hints)]
    unnamed = [f for f in pool if not f.cues - GENERIC]
    # 「一个市里补了400万，一个补了300万」: an item with no name of its own shares its neighbour's.
    items = [*named, *unnamed] if named and len(named) + len(unnamed) == len(pool) else []
    items.sort(key=lambda f: f.order)
    if not items and len(unnamed) == len(pool):
        items = unnamed
    total = sum((f.value for f in items), Decimal(0))
    # 「一共1300万，一个500万一个800万」: a figure said as the total of the others is not an item.
    items = [f for f in items if not (f.value * 2 == total and _TOTAL.search(f.before))]
    return tuple(items) if len(items) >= 2 else ()


def growth_rule(rule: AwardRule) -> bool:
    """The rule pays on a change (营业收入增量): a year's base is its increment, not its level."""
    return "增量" in rule.base_label
