"""Award phrases of a clause → draft award rules (``reviewed = false``) and stacking limits.

Read sentence by sentence (。；; and line ends), each figure is given a role by the words around it:
a *threshold* (在600万元以上的, 达到200万元(含)以上), a *cap* (最高 / 不超过 …), a *rate* (…的30%),
a *unit* amount (每人每月3000元, 1000元/件, 每成功推荐1个…给予1万元) or a plain award. Then:

- 分别给予 A、B、C → one rule with levels (names from 国家级/省级/市级, quoted “…” names or the list before 分别);
  分别给予 70%、50% → one rate rule per rate;
- a rate → ``rate_cap`` (cap from the sentence or a cap-only sentence after it; ``threshold_rate_cap`` when the
  sentence sets a threshold first); a rate without any cap stays uncapped;
- a unit amount with a cap → ``per_unit``; without one, the unit amount itself (``fixed_cap``);
- 再给予 / 额外给予 after an award → ``staged``;
- any other award figure → ``fixed_cap``.
不重复 and 总额不超过 across the document's measures become ``limits``. Every rule quotes its sentence verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from policyqa.numbers import find_amounts, format_wan
from policyqa.tokenize import stopwords, tokenize
from policyqa.types import Clause

_SENTENCE = re.compile(r"[^。；;\n]+[。；;]?")
_RATE = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_CAP_BEFORE = re.compile(r"(最高|不超过|不高于|上限|封顶|最多)[^，,。；;、]{0,8}$")
_THRESHOLD_BEFORE = re.compile(r"((?<!不)超过|达到|(?<![不最])达|在|不少于|不低于|满)\s*$")
_THRESHOLD_AFTER = re.compile(r"^\s*(?:[（(]含[）)])?\s*(以上|及以上)")
_CONDITION_RATE_BEFORE = re.compile(r"(比例|占比|达|超过|不低于|增长|增速)[^，。；]{0,3}$")
_NOT_AWARD_BEFORE = re.compile(r"(规模|注册资本|贷款额度)[^，。；]{0,3}$")
_NOT_AWARD_AFTER = re.compile(r"^[^，。；]{0,2}(信用贷款|贷款|的南沙创业投资引导基金|基金)")
_UNIT_AFTER = re.compile(r"^\s*/\s*(件|家|人|项|个|台|套|平方米)")
_UNIT_BEFORE = re.compile(r"每(?:成功[^，。；]{0,8}?)?(?:\d+|一)?\s*(个|家|人|项|件|台|套|平方米|单位|机构)")
_STAGE_BEFORE = re.compile(r"(再给予|额外给予|另给予|再奖励)\s*(?:最高|不超过)?\s*$")
_LEVEL = re.compile(r"国家级|省级|市级|区级|国家|省|市")
_QUOTED = re.compile(r"[“\"「]([^”\"」]{1,16})[”\"」]")
_LIMIT = re.compile(r"不重复|就高不|不得重复|不叠加")
_DOC_LIMIT = re.compile(
    r"(单一|同一|每家|每个)?[^。；]{0,20}(本办法|本措施|本规定|各类)[^。；]{0,30}(总额|合计)[^。；]{0,6}不超过"
)


@dataclass
class _Figure:
    value: Decimal
    start: int
    end: int
    role: str  # award | cap | threshold | unit | skip
    unit: str = ""
    stage: bool = False


@dataclass
class Drafts:
    rules: list[dict[str, object]] = field(default_factory=list)
    limits: list[dict[str, object]] = field(default_factory=list)


def _yuan(d: Decimal) -> str:
    return format_wan(d).replace(",", "")


def _pct(rate: Decimal) -> str:
    return f"{format(rate.normalize(), 'f')}%"


def _figures(s: str) -> list[_Figure]:
    out = []
    for value, start, end in find_amounts(s):
        before, after = s[:start], s[end:]
        if _NOT_AWARD_BEFORE.search(before) or _NOT_AWARD_AFTER.match(after):
            role = "skip"
        elif _THRESHOLD_AFTER.match(after):
            role = "threshold"
        elif _CAP_BEFORE.search(before[-12:]) and not _UNIT_BEFORE.search(before[-10:]):
            role = "cap"
        elif _THRESHOLD_BEFORE.search(before):
            role = "threshold"
        else:
            role = "award"
        unit = ""
        if (m := _UNIT_AFTER.match(after)) or (m := _UNIT_BEFORE.search(before[-12:])):
            unit = m.group(1)
            role = "unit" if role in ("award", "cap") else role
        elif role == "award" and (m := _UNIT_BEFORE.search(before)):  # 每成功推荐1个…的，给予1万元
            unit, role = m.group(1), "unit"
        prev = out[-1] if out else None
        if prev is not None and re.fullmatch(r"\s*[、和及]\s*", s[prev.end : start]) and prev.role != "skip":
            role, unit = prev.role, prev.unit  # 达到10亿元、5亿元 / 最高100万元、50万元: a list keeps its role
        stage = role in ("award", "cap") and bool(_STAGE_BEFORE.search(before[-8:]))
        out.append(_Figure(value, start, end, "award" if stage else role, unit, stage))
    return out


def _rates(s: str) -> list[tuple[Decimal, int, int]]:
    out = []
    for m in _RATE.finditer(s):
        if _CONDITION_RATE_BEFORE.search(s[: m.start()]) or _THRESHOLD_AFTER.match(s[m.end() :]):
            continue
        out.append((Decimal(m.group(1)), m.start(), m.end()))  # percent
    return out


def _base_label(s: str, rate_start: int) -> str:
    before = s[:rate_start]
    m = re.search(r"(?:按照?|根据)其?([^，。；]{2,30}?)(?:的)?(?:给予|予以|对|$)", before)
    if m and m.group(1):
        return m.group(1).strip("的 ")
    m = re.search(r"([^，。；的]{2,20})的?(?:给予|予以)?(?:最高)?\s*$", before)
    return m.group(1).strip() if m else "申报金额"


_LEAD = re.compile(r"^(第[一二三四五六七八九十百]+条\s*|[（(][一二三四五六七八九十]+[）)]|对于?|经|在)")


def _strip_lead(text: str) -> str:
    while (m := _LEAD.match(text)) is not None:
        text = text[m.end() :]
    return text


def _subject(s: str) -> str:
    head = re.split(r"(?:给予|予以|资助|奖励|补贴|补助|按照|按)", _strip_lead(s.strip()), maxsplit=1)[0]
    return (head.strip("，, ") or s.strip())[:40]


def _keywords(s: str, df: dict[str, int], common: int) -> list[str]:
    """Quoted names, then the subject's words that few clauses of the document use (distinctive)."""
    stop = stopwords()
    words = list(_QUOTED.findall(s))
    # The subject's words unless most clauses use them; then the award's own distinctive words (租金补贴).
    subject = [(t, common * 5) for t in tokenize(_subject(s))]
    for tok, most in [*subject, *((t, common) for t in tokenize(s))]:
        if len(tok) >= 2 and tok not in stop and not re.search(r"\d", tok) and df.get(tok, 0) <= most:
            words.append(tok)
    words = list(dict.fromkeys(words))
    return sorted(words, key=len, reverse=True)[:10] or [_subject(s)[:8]]


def _labels(s: str, n: int) -> list[str]:
    """Names of the n alternatives of a 分别给予 sentence."""
    levels = list(dict.fromkeys(m.group() for m in _LEVEL.finditer(s.split("分别")[0])))
    if len(levels) == n and all(x.endswith("级") for x in levels):
        return levels
    quoted = _QUOTED.findall(s.split("分别")[0])
    if len(quoted) == n:
        return quoted
    before = re.split(r"[，,]", s.split("分别")[0].rstrip("，, "))[-1]
    before = re.sub(r"^(对于?|获得|被|经)+", "", before)
    before = re.sub(r"的?(项目|企业|单位|机构)?$", "", before)
    items = [x for x in re.split(r"[、和及与]", before) if x]
    if len(items) == n:
        return items
    return [f"第{i}档" for i in range(1, n + 1)]


class _Builder:
    def __init__(self, clause: Clause, prefix: str, df: dict[str, int], common: int) -> None:
        self.clause, self.prefix, self.df, self.common = clause, prefix, df, common
        self.rules: list[dict[str, object]] = []

    def add(self, quote: str, kind: str, **fields: object) -> dict[str, object]:
        rule: dict[str, object] = {
            "rule_id": f"{self.prefix}-{len(self.rules) + 1}",
            "clause_id": self.clause.clause_id,
            "subject": _subject(quote),
            "kind": kind,
            "quote": quote.strip(),
            **fields,
            "keywords": _keywords(quote, self.df, self.common),
            "reviewed": False,
        }
        self.rules.append(rule)
        return rule


def _sentences(text: str) -> list[str]:
    return [m.group() for m in _SENTENCE.finditer(text) if m.group().strip()]


def draft_clause(clause: Clause, prefix: str, df: dict[str, int] | None = None, common: int = 2) -> Drafts:
    """Draft rules (TOML-ready dicts) and stacking limits for one clause (``df``: token → clauses using it)."""
    b = _Builder(clause, prefix, df or {}, common)
    drafts = Drafts()
    sentences = _sentences(clause.text)
    pending_rates: list[dict[str, object]] = []  # rate rules waiting for a cap stated in a later sentence
    for i, s in enumerate(sentences):
        figs = _figures(s)
        rates = _rates(s)
        if _LIMIT.search(s):
            only_limit = not rates and not [f for f in figs if f.role in ("award", "unit")]
            cap = next((f.value for f in figs if f.role == "cap"), None) if only_limit else None
            entry: dict[str, object] = {"clause_id": clause.clause_id, "quote": s.strip()}
            if cap is not None:
                entry["cap"] = _yuan(cap)
            drafts.limits.append(entry)
            if only_limit:
                continue
        caps = [f for f in figs if f.role == "cap"]
        threshold = next((f for f in figs if f.role == "threshold"), None)
        if rates:
            if "分别" in s and len(rates) > 1:
                groups = [[r] for r in rates]
            else:
                groups = [[rates[0]]]
            for (rate, start, _), *_ in groups:
                cap = next((c for c in caps if c.start > start), caps[0] if caps else None)
                fields: dict[str, object] = {"rate": _pct(rate), "base_label": _base_label(s, start)}
                kind = "rate_cap"
                if cap is not None:
                    fields["cap"] = _yuan(cap.value)
                if threshold is not None and threshold.start < start and cap is not None:
                    kind = "threshold_rate_cap"
                    fields["threshold"] = _yuan(threshold.value)
                    label = re.sub(r"(在|达到|超过|达)$", "", _strip_lead(s[: threshold.start]).split("，")[-1])
                    fields["threshold_label"] = label or "门槛"
                    fields["threshold_inclusive"] = "超过" not in s[max(0, threshold.start - 4) : threshold.start]
                rule = b.add(s, kind, **fields)
                if cap is None:
                    pending_rates.append(rule)
            for f in figs:  # an award figure beside the rate in the same sentence (给予X万元, 再按Y%)
                if f.role == "award" and not f.stage and f.start < rates[0][1] - 30:
                    b.add(s, "fixed_cap", cap=_yuan(f.value))
            continue
        awards = [f for f in figs if f.role in ("award", "unit")]
        if not awards and caps and pending_rates and i > 0:
            for rule in pending_rates:  # 原则上单个项目最高配套额度为500万元: the cap of the rates before
                rule["cap"] = _yuan(caps[0].value)
                rule["reason"] = f"上限取自同条：{s.strip()}"
            pending_rates = []
            continue
        thresholds = [f for f in figs if f.role == "threshold"]
        paid = [f for f in figs if f.role in ("award", "cap") and not f.stage]
        if len(thresholds) >= 2 and len(paid) == len(thresholds) and thresholds[-1].end < paid[0].start:
            pairs = sorted(zip(thresholds, paid, strict=True), key=lambda tp: -tp[0].value)
            label = re.sub(r"(达到|超过|在|满)$", "", _strip_lead(s[: thresholds[0].start]).split("，")[-1])
            b.add(
                s, "tiers", tiers=[[_yuan(t.value), _yuan(a.value)] for t, a in pairs], threshold_label=label or "门槛"
            )
            continue
        if "分别" in s and len([f for f in awards if not f.stage]) > 1:
            values = [f for f in awards if not f.stage]
            labels = _labels(s, len(values))
            b.add(s, "fixed_cap", levels=[[lab, _yuan(f.value)] for lab, f in zip(labels, values, strict=True)])
            continue
        if not awards and caps:
            b.add(s, "fixed_cap", cap=_yuan(caps[0].value))
            continue
        for f in awards:
            if f.stage and b.rules:
                _stage(b, clause.text, s, f)
                continue
            if f.role == "unit" and caps:
                b.add(s, "per_unit", unit=_yuan(f.value), unit_label=f.unit, annual_cap=_yuan(caps[0].value))
            elif f.role == "unit" and (head := _clause_cap(clause.text)) is not None:
                b.add(s, "per_unit", unit=_yuan(f.value), unit_label=f.unit, annual_cap=_yuan(head))
            else:
                b.add(s, "fixed_cap", cap=_yuan(f.value))
    drafts.rules = b.rules
    if _DOC_LIMIT.search(clause.text) and not any(_DOC_LIMIT.search(str(x["quote"])) for x in drafts.limits):
        m = _DOC_LIMIT.search(clause.text)
        assert m is not None
        sentence = next(s for s in sentences if m.group() in s or s in m.group())
        drafts.limits.append({"clause_id": clause.clause_id, "quote": sentence.strip()})
    return drafts


def _clause_cap(text: str) -> Decimal | None:
    """A cap stated before a colon that lists per-unit amounts: 年资助总额不超过300万元：其中，…"""
    head = text.split("：", 1)[0] if "：" in text else ""
    if not head or "其中" not in text[len(head) : len(head) + 6]:
        return None
    caps = [f for f in _figures(head) if f.role == "cap"]
    return caps[0].value if caps else None


def _stage(b: _Builder, text: str, s: str, f: _Figure) -> None:
    """再给予 X: the previous award of this clause becomes the first stage of a staged rule."""
    prev = b.rules[-1]
    label = _subject(s[: f.start]) or "后续阶段"
    if prev["kind"] == "staged":
        prev["stages"] = [*prev["stages"], [label, _yuan(f.value)]]  # type: ignore[misc]
    elif prev["kind"] == "fixed_cap" and "cap" in prev:
        first = str(prev["quote"])
        prev["kind"] = "staged"
        prev["stages"] = [[_subject(first) or "首次", prev.pop("cap")], [label, _yuan(f.value)]]
    else:
        b.add(s, "fixed_cap", cap=_yuan(f.value))
        return
    start = text.find(str(prev["quote"]))
    end = text.find(s.strip(), max(start, 0))
    if start >= 0 and end >= 0:
        prev["quote"] = text[start : end + len(s.strip())]


def draft_rules(clauses: list[Clause], doc_id: str) -> Drafts:
    """Drafts for every clause of a document; rule ids are ``{doc_id}-{locator}-{n}``."""
    out = Drafts()
    df: dict[str, int] = {}
    for clause in clauses:
        for tok in set(tokenize(clause.text)):
            df[tok] = df.get(tok, 0) + 1
    common = max(2, len(clauses) // 10)
    for clause in clauses:
        if clause.locator in ("标题", "文件头"):
            continue
        prefix = f"{doc_id}-{clause.locator.split(' ')[0]}".replace("、", "")
        got = draft_clause(clause, prefix, df, common)
        out.rules += got.rules
        out.limits += got.limits
    return out
