"""Who confers a title, asked as yes/no against the definition that names the body: 「世界灯塔工厂…是国家部委评的吗」
against 「世界灯塔工厂由世界经济论坛与麦肯锡合作评选」 → 不是, and by whom, quoted."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa.tokenize import tokenize
from policyqa.types import Clause

_CONFER = r"评选|评定|认定|评审|颁发|授予|评"
# 「是国家部委评的吗」「是不是工信部认定的」「是市里评的吧」
_ASKED = re.compile(rf"(?<!不)是(?:不是)?([\u4e00-\u9fffA-Za-z]{{2,10}}?)(?:来|负责|组织)?(?:{_CONFER})的"
                    r"(?:吗|嘛|么|吧|[？?])")
_NAMED = re.compile(rf"由([\u4e00-\u9fffA-Za-z、与和及]{{2,30}}?)(?:合作|联合|共同|负责|组织)?(?:{_CONFER})")


def evaluator_said(question: str, clauses: Sequence[Clause], said: Sequence[str] = ()) -> list[str]:
    """「结论：不是/是…」 when the question names a body and a cited clause names who confers it — unless a
    correction of the body is already ``said`` (「国家级由工业和信息化部认定，不是经济和信息化局」)."""
    asked = _ASKED.search(question)
    if asked is None or re.search(r"哪|谁|什么|啥", asked[1]) or any(line.startswith("更正") for line in said):
        return []  # (「是哪个部门认定的」 asks who, answered by the definition itself)
    for i, clause in enumerate(clauses[:3], start=1):
        named = _NAMED.search(clause.text)
        if named is None:
            continue
        body = named[1]
        words = {t for t in tokenize(asked[1]) if len(t) >= 2}
        same = asked[1] in body or bool(words & {t for t in tokenize(body) if len(t) >= 2})
        verdict = "是" if same else "不是"
        return [f"结论：{verdict}。文件写明由{body}{named[0][len(body) + 1:]}。[{i}]"]
    return []
