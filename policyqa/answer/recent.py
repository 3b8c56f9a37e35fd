"""A record the clause bars within a look-back window (「近三年以来没有严重失信记录」) against what the user reports
(「前年上过一次严重失信名单」): an event inside the window fails the condition, whatever followed it."""

from __future__ import annotations

import re
from collections.abc import Sequence

import cn2an

# 「近三年以来没有严重失信记录」「近3年内未发生重大安全事故」: the window (group 1) and what it bars (group 2).
_WINDOW = re.compile(r"近([一二两三四五六七八九十\d]+)年(?:以来|来|内)?[，,]?"
                     r"(?:没有|无|未发生|未出现|未有)([^，。；;、]{2,12})")
# When the user says it happened, in years before now (今年 0, 去年 1, 前年 2, 3年前 3).
_AGO = re.compile(r"今年|去年|上年|上一年|前年|大前年|([一二两三四五六七八九十\d]+)年前")
_YEARS_AGO = {"今年": 0, "去年": 1, "上年": 1, "上一年": 1, "前年": 2, "大前年": 3}
_UNDONE = re.compile(r"修复|移出|撤销|撤掉|删除|摘掉|摘除|解除")
_DENIED = re.compile(r"(?:没有|没|无|未|从未|从没)[^，。；;]{0,4}$")


def _number(text: str) -> int | None:
    try:
        return int(text) if text.isdigit() else int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError):
        return None


def _years_ago(said: re.Match[str]) -> int | None:
    return _number(said[1]) if said[1] else _YEARS_AGO.get(said[0])


def within_window(question: str, sentences: Sequence[str]) -> list[str]:
    """Conclusion lines (不能 + the requirement + the event and when), or []."""
    for sentence in sentences:
        for bar in _WINDOW.finditer(sentence):
            window = _number(bar[1])
            keys = [k for k in re.findall(r"[\u4e00-\u9fff]{2}", bar[2]) if k in question and k not in ("记录",)]
            if window is None or not keys:
                continue
            for part in re.split(r"[。；;！!？?]", question):
                key = next((k for k in keys if k in part), None)
                said = _AGO.search(part)
                if key is None or said is None or _DENIED.search(part[: part.find(key)]):
                    continue
                ago = _years_ago(said)
                if ago is None or ago >= window:
                    continue
                undone = "文件未说明事后修复或移出是否视为没有该记录，请向主管部门核实。" \
                    if _UNDONE.search(question) else ""
                had = bar[2].removesuffix("的企业").removesuffix("的")
                return [f"结论：按您所述不符合条件，不能享受：条款要求“{sentence.strip()}”，而您所述{said[0]}有{had}"
                        f"（在近{bar[1]}年之内）。{undone}"]
    return []
