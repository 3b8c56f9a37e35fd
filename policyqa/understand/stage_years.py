"""Which years of a multi-year condition the user says were met: 「当年和第二年营收增速都超过行业平均，第三年没达标」
→ {1: True, 2: True, 3: False}. Pure functions of the question text."""

from __future__ import annotations

import re

_YEAR = re.compile(r"当年|首年|头一年|次年|前年|去年|今年|明年|后年|第([一二三四五\d])年")
_LATER_YEARS = re.compile(r"(?:后面|之后|后续|接下来|随后|往后|再往后|后)(?:的)?([两二三四])年")
_STAGE_FAILED = r"(没|未|不|没有)(达标|达到|超过?|满足|跑赢|跑过|赶上)|赶不上|低于|跑输|落后|悬|够呛|没戏|不行|难说"
_SHORT_YEAR = r"(?<![\d第])(1[5-9]|2\d|3\d)\s*年(?!内|以|来|前|后|度)"  # 「23年」 = 2023年, not 「10年内」
_AGAINST_AVERAGE = re.compile(r"(\d+(?:\.\d+)?)\s*[%％][^，。；]*?平均[^\d，。；]{0,6}(\d+(?:\.\d+)?)\s*[%％]")
# 「去年首次认定…当年超过；今年没超过；明年估计能超」: counted from 去年 when the story starts there.
_FROM_LAST_YEAR = {"去年": 1, "今年": 2, "明年": 3, "后年": 4, "次年": 2}
_FROM_THIS_YEAR = {"次年": 2, "明年": 2, "后年": 3, "今年": 1, "去年": 0}
_FROM_YEAR_BEFORE = {"前年": 1, "去年": 2, "今年": 3, "明年": 4, "次年": 2}  # 「前年首次认定…去年…今年」


def stage_years(text: str) -> dict[int, bool]:
    """Years the user says were (True) or were not (False) 达标, read phrase by phrase:
    「当年和第二年营收增速都超过行业平均，第三年没达标」 → {1: True, 2: True, 3: False}."""
    out: dict[int, bool] = {}
    pending: list[int] = []
    calendar = sorted({int(y) for y in re.findall(r"(20\d\d)\s*年", text)})
    short = sorted({int(y) for y in re.findall(_SHORT_YEAR, text)})
    if len(calendar) < 2 and len(short) >= 2 and short[-1] - short[0] <= 5:  # 「23年…24年…25年」
        text = re.sub(_SHORT_YEAR, lambda m: f"20{m[1]}年", text)
        calendar = [2000 + y for y in short]
    relative = _FROM_YEAR_BEFORE if "前年" in text else _FROM_LAST_YEAR if "去年" in text else _FROM_THIS_YEAR
    # 「当年超过，认定后第一年也超了，第二年没超」: years counted after the year of recognition are one on.
    after = 1 if re.search(r"(?:认定|获评|纳入|入库|评上)(?:之)?后(?:的)?第|后续第", text) else 0
    for phrase in re.split(r"[，,。；;？?！!、\s]", text):  # 「当年达标、第二年没达标」, or typed with spaces
        if len(calendar) >= 2:  # 「2024年超过，2025年没超过，2026年又超过」: the first year named is 当年
            pending += [int(y) - calendar[0] + 1 for y in re.findall(r"(20\d\d)\s*年", phrase)]
        if later := _LATER_YEARS.search(phrase):  # 「后面两年都超过了」: the years after the last one named
            last = max([*out, *pending], default=1)
            pending += list(range(last + 1, last + 1 + "零一两三四五".index(later[1].replace("二", "两"))))
        for m in _YEAR.finditer(phrase):
            if not m[1]:
                year = relative.get(m[0], 1)
                if year and year not in pending:
                    pending.append(year)
            else:
                pending.append((int(m[1]) if m[1].isdigit() else "零一二三四五".index(m[1])) + after)
        if not pending:
            continue
        failed = re.search(_STAGE_FAILED, phrase)
        passed = re.search(r"达标|达到了?要求|满足了?条件|超过?|高于|跑赢|跑过", phrase)
        if (vs := _AGAINST_AVERAGE.search(phrase)) is not None:  # 「24年只有5%（行业平均9%）」: the figures decide
            failed = float(vs[1]) <= float(vs[2])
            passed = not failed
        if failed or passed:
            for year in pending:
                out[year] = not failed
            pending = []
    return out


def failed_stage(text: str) -> int | None:
    failed = [y for y, ok in stage_years(text).items() if not ok]
    return min(failed) if failed else None
