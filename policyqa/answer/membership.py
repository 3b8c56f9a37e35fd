"""Eligibility through a definition: the user names their kind (「我们是科技企业孵化器」), a definition lists
that kind under a term (「产业服务平台：包括…科技企业孵化器…」), and a scope sentence gives the articles
for the term (「第九条的支持范围为符合支持标准的产业服务平台」) → 可以申报 those articles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policyqa import numbers
from policyqa.answer.library import Library
from policyqa.types import Clause
from policyqa.understand.frame import QuestionFrame

_DEFINITION = re.compile(r"^([^：:，。\s]{2,12})[：:]\s*(?:包括|是指|指)")
_ITEMS = re.compile(r"[、，,；;（）()。]|包括但不限于|包括|等")
_SCOPE = re.compile(r"((?:第[一二三四五六七八九十]+条、?)+)的支持范围为(?:符合支持标准的)?([^；;。]+)")
_ARTICLE = re.compile(r"第[一二三四五六七八九十]+条")
_BASIC = re.compile(r"登记注册|独立法人|失信")
_GRANT = re.compile(r"给予[^。；]{0,12}(奖励|支持|补贴|资助)")


@dataclass(frozen=True, slots=True)
class Membership:
    kind: str  # as the definition lists it (科技企业孵化器)
    term: str  # the defined term (产业服务平台)
    articles: tuple[str, ...]  # the articles whose scope is the term (第九条)
    definition: Clause
    scope: Clause
    grant: Clause | None = None  # what the term is given, and on what condition (五是…给予资金奖励)

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return (self.definition, self.scope, *((self.grant,) if self.grant else ()))


def membership(lib: Library, frame: QuestionFrame) -> Membership | None:
    docs = lib.scope(frame.districts)
    pool = [c for c in lib.corpus.clauses if docs is None or c.doc_id in docs]
    for clause in pool:
        defined = _DEFINITION.match(clause.text)
        if not defined:
            continue
        items = [i.strip() for i in _ITEMS.split(clause.text[defined.end():]) if len(i.strip()) >= 4]
        kind = next((i for i in items if i in frame.text), None)
        if kind is None or kind == defined[1]:
            continue
        for scope in pool:
            for m in _SCOPE.finditer(scope.text):
                if defined[1] in m[2] and len(m[2]) <= len(defined[1]) + 4:
                    articles = tuple(_ARTICLE.findall(m[1]))
                    grant = next((c for c in pool if c not in (clause, scope) and defined[1] in c.text
                                  and _GRANT.search(c.text)), None)
                    return Membership(kind, defined[1], articles, clause, scope, grant)
    return None


def membership_line(found: Membership, asked: list[str], markers: dict[str, int]) -> str:
    """The conclusion: 可以申报 (the articles asked, or all of the term's), why, and what still applies:
    the condition the grant sets, and that it names no amount when it names none."""
    def_marker, scope_marker = markers[found.definition.clause_id], markers[found.scope.clause_id]
    named = [a for a in asked if a in found.articles]
    if asked and not named:
        return (f"结论：按您所述不属于{'、'.join(asked)}的支持范围：您所述的{found.kind}属于{found.term}"
                f"[{def_marker}]，{found.term}对应的是{'、'.join(found.articles)}[{scope_marker}]。")
    articles = "、".join(named or found.articles)
    line = (f"结论：可以申报{articles}（还须符合支持标准）：{found.kind}属于{found.term}[{def_marker}]，"
            f"而{articles}的支持范围为符合支持标准的{found.term}[{scope_marker}]。")
    # The scope clause opens with what every applicant must be (在门头沟区登记注册…没有严重失信记录).
    basic = next((s.strip() for s in re.split(r"(?<=[。？?])|\n", found.scope.text) if _BASIC.search(s)), "")
    if basic:
        line += f"申报主体的基本条件：“{basic}”[{scope_marker}]"
    if found.grant is not None:
        sentence = next(s for s in re.split(r"(?<=[。；])", found.grant.text) if found.term in s)
        amount = "" if numbers.find_amounts(sentence) else "文件未写明具体金额。"
        line += f"支持内容与条件：“{sentence.strip()}”[{markers[found.grant.clause_id]}]{amount}"
    return line
