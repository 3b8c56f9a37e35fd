"""Eligibility through a definition: the user names their kind (「我们是科技企业孵化器」), a definition lists
that kind under a term (「产业服务平台：包括…科技企业孵化器…」), and a scope sentence gives the articles
for the term (「第九条的支持范围为符合支持标准的产业服务平台」) → 可以申报 those articles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from policyqa import numbers
from policyqa.answer.library import Library
from policyqa.answer.scope import GRANTS
from policyqa.answer.sentences import glossary_entry
from policyqa.tokenize import nouns, tokenize
from policyqa.types import Clause
from policyqa.understand.frame import QuestionFrame
from policyqa.understand.vocab import EXCLUSIVE

DEFINITION = re.compile(r"^([^：:，。\s]{2,12})[：:]\s*(?:包括|是指|指)")
# 「我们是个众创空间，算不算」: the kind the user says they are, asked against a defined list.
_IS_KIND = re.compile(r"(?:是|属于)(?:个|一个|一家|家|一类)?([\u4e00-\u9fff（）()]{2,20}?)[，,]?(?:这|那|这个|它)?"
                      r"(?:算不算|算吗|能算吗|属不属于|是否属于|属于吗|在不在|包括吗|包不包括|能不能算|可以算"
                      r"|(?:应该|也|总|能)?算吧|(?:应该)?属于吧|(?:应该)?算在内吧"
                      # 「这算文件里说的“产业服务平台”吗」
                      r"|算[^，。？?]{0,16}?[“\"「][^”\"」]{2,12}[”\"」](?:吗|么|不))")
# 「…都包括啥？孵化器算不算」: the kind asked without 「我们是」.
_KIND_ASKED = re.compile(r"(?:^|[，,？?。])\s*([\u4e00-\u9fff（）()]{2,12}?)(?:这类|这种)?"
                         r"(?:算不算|算吗|能不能算|属不属于|包不包括)")
_ITEMS = re.compile(r"[、，,；;（）()。]|包括但不限于|包括|等")
_SCOPE = re.compile(r"((?:第[一二三四五六七八九十]+条、?)+)的支持范围为(?:符合支持标准的)?([^；;。]+)")
_ARTICLE = re.compile(r"第[一二三四五六七八九十]+条")
CODE = re.compile(r"(?:代码|行业大类|大类)(?:号)?(?:是|为|属于)?\s*(\d{2})(?!\d)")  # 「行业大类是36」
WHICH_ARTICLES = re.compile(r"哪[几些]条|哪一条|哪条|哪些条款|哪几项")
CODE_RANGE = re.compile(r"代码属于(\d{2})-(\d{2})的企业为([^。，；]+)")
_ASKS_IF = re.compile(r"可以吗|可以不|能不能|能否|可不可以|行不行|行吗|符合吗|够不够|在不在|属不属于|是否在|符不符合"
                      r"|在[^，。？?]{0,6}范围(?:内|里|之内)?(?:吗|嘛|(?<!什)么)"  # 「第五条、第六条我们在范围内吗」
                      r"|够得上|(?:能|可以)(?:申请|申报|报|享受)哪"  # 「第三条和第五条，我们能报哪个」
                      r"|(?:能|可以)[^，。？?]{0,10}(?:申请|申报|报|享受)[^，。？?]{0,10}(?:吗|嘛|(?<!什)么)")
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
        defined = DEFINITION.match(clause.text)
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


def code_definitions(lib: Library, frame: QuestionFrame, chosen: Sequence[Clause]) -> list[Clause]:
    """「代码27…第五条我们在范围内吗」: the definitions whose code range holds the user's code, cited beside the
    scope sentence, so the verdict shows why (制造业企业：…代码属于13-43的企业为制造业企业)."""
    code, docs = CODE.search(frame.text), lib.scope(frame.districts)
    if code and WHICH_ARTICLES.search(frame.text) and not any(_SCOPE.search(c.text) for c in chosen):
        # 「代码47，哪几条我们能申请」: the sentence giving each article its scope answers, beside the definitions.
        scoped = [c for c in lib.corpus.clauses if (docs is None or c.doc_id in docs) and _SCOPE.search(c.text)]
        return scoped[:1]
    if not code or not _ASKS_IF.search(frame.text) or not any(_SCOPE.search(c.text) for c in chosen):
        return []
    return [c for c in lib.corpus.clauses if (docs is None or c.doc_id in docs) and c not in chosen
            and any(int(lo) <= int(code[1]) <= int(hi) for lo, hi, _ in CODE_RANGE.findall(c.text))]


def articles_verdict(question: str, clauses: Sequence[Clause], definitions: Sequence[Clause] = ()) -> list[str]:
    """「代码47…哪几条我们能申请」: every article of the scope sentence, sorted by whether the kind the user's code
    makes them (工业企业 06-46, 制造业企业 13-43) is its scope."""
    code = CODE.search(question)
    if not code or _ARTICLE.search(question) or not WHICH_ARTICLES.search(question):
        return []
    ranges = {label: (lo, hi) for c in (*clauses, *definitions) for lo, hi, label in CODE_RANGE.findall(c.text)}
    kinds = {label for label, (lo, hi) in ranges.items() if int(lo) <= int(code[1]) <= int(hi)}
    scopes = [(i, m) for i, c in enumerate(clauses, start=1) for m in _SCOPE.finditer(c.text)]
    if not scopes or not ranges:
        return []
    marker = scopes[0][0]
    order = "一二三四五六七八九十"

    def sort(articles: list[str]) -> list[str]:
        return sorted(articles, key=lambda a: order.index(a[1]) if len(a) == 3 and a[1] in order else 99)

    # An article is theirs when a kind they are is named in its scope; one whose scope is a kind no code
    # defines (产业服务平台) is neither ruled in nor out by the code.
    theirs = [a for _, m in scopes if kinds & set(re.split(r"和|及|或|、", m[2].strip()))
              for a in _ARTICLE.findall(m[1])]
    undecided = [a for _, m in scopes if not any(label in m[2] for label in ranges) for a in _ARTICLE.findall(m[1])]
    others = [a for _, m in scopes for a in _ARTICLE.findall(m[1]) if a not in theirs and a not in undecided]
    said = f"行业大类代码{code[1]}" + (f"属于{'、'.join(sorted(kinds))}" if kinds else
                                   f"不属于{'、'.join(f'{k}（{lo}-{hi}）' for k, (lo, hi) in ranges.items())}")
    line = f"结论：按各条的支持范围[{marker}]，{said}"
    line += f"：可以申报{'、'.join(sort(theirs))}（还须符合支持标准）" if theirs else ""
    line += f"；不能申请{'、'.join(sort(others))}" if others else ""
    if undecided:
        aimed = "、".join(m[2] for _, m in scopes if _ARTICLE.findall(m[1])[0] in undecided)
        line += f"；{'、'.join(sort(undecided))}面向{aimed}，不按代码认定"
    # (the scope sentence itself, so the verdict can be checked without opening the clause)
    sentence = next((x for x in re.split(r"(?<=[。])", clauses[marker - 1].text) if _SCOPE.search(x)), scopes[0][1][0])
    return [f"{line}。原文：“{sentence.strip()}”[{marker}]"]


def scope_verdict(question: str, clauses: Sequence[Clause], definitions: Sequence[Clause] = ()) -> list[str]:
    """「代码27…第九条可以吗」: the kind the user's industry code makes them (制造业企业), against the kind the
    scope sentence gives the articles asked (第九条 → 产业服务平台) → 能/不能, and which articles are theirs."""
    code, asked = CODE.search(question), _ARTICLE.findall(question)
    if not code or not asked or not _ASKS_IF.search(question):
        return []
    # Every code range the district defines, cited or not: 36 is 制造业企业 (13-43) as well as 工业企业 (06-46).
    kinds = list(dict.fromkeys(label for c in (*clauses, *definitions) for lo, hi, label in CODE_RANGE.findall(c.text)
                               if int(lo) <= int(code[1]) <= int(hi)))
    scopes = [(i, m) for i, c in enumerate(clauses, start=1) for m in _SCOPE.finditer(c.text)]
    terms = {a: (i, m[2]) for i, m in scopes for a in _ARTICLE.findall(m[1])}
    if not kinds and any(a in terms for a in asked):
        # 代码65 is in no range the district defines: no article whose scope is a defined kind is theirs.
        ranges = {label: (lo, hi) for c in (*clauses, *definitions) for lo, hi, label in CODE_RANGE.findall(c.text)}
        lines = []
        for article in (a for a in asked if a in terms):
            marker, term = terms[article]
            bounds = next((f"（{label}为行业大类代码{lo}-{hi}的企业）" for label, (lo, hi) in ranges.items()
                           if label in term), "")
            if bounds:
                lines.append(f"结论：按您所述不能申请{article}：{article}的支持范围为{term}[{marker}]{bounds}，"
                             f"行业大类代码{code[1]}不在其中。")
        return lines
    if not kinds or not any(a in terms for a in asked):
        return []
    theirs = [a for i, m in scopes if set(kinds) & set(re.split(r"和|及|或|、", m[2].strip()))
              for a in _ARTICLE.findall(m[1])]
    owned = f"；行业大类代码{code[1]}属于{'、'.join(kinds)}，对应{'、'.join(theirs)}" if theirs else ""
    lines = []
    for article in (a for a in asked if a in terms):
        marker, term = terms[article]
        if any(k in term for k in kinds):
            lines.append(f"结论：可以申报{article}（还须符合支持标准）：{article}的支持范围为{term}[{marker}]，"
                         f"行业大类代码{code[1]}属于{'、'.join(_ranged(k, clauses) for k in kinds if k in term)}。")
        else:
            lines.append(f"结论：按您所述不能申请{article}：{article}的支持范围为{term}[{marker}]{owned}。")
    return lines


def _ranged(kind: str, clauses: Sequence[Clause]) -> str:
    """制造业企业（代码13-43）[2] when a cited definition gives the range; the bare kind otherwise."""
    for marker, clause in enumerate(clauses, start=1):
        for lo, hi, label in CODE_RANGE.findall(clause.text):
            if label == kind:
                return f"{kind}（行业大类代码{lo}-{hi}）[{marker}]"
    return kind


def asks_kind(text: str) -> bool:
    return bool(_IS_KIND.search(text) or _KIND_ASKED.search(text))


def listed_verdict(question: str, clauses: Sequence[Clause]) -> list[str]:
    """「我们是个众创空间，算不算（产业服务平台）」 against the definition's list: listed, or not listed — and when
    the list is 「包括但不限于」, that the documents leave the unlisted open, not closed."""
    said = _IS_KIND.search(question) or _KIND_ASKED.search(question)
    if not said:
        return []
    whole, kind = said[1], said[1].split("的")[-1]  # 「人社局认定的创业孵化示范基地」: the kind follows 的
    if re.search(r"谁|什么|哪|怎么|多少", kind) or len(kind) < 2:
        return []  # 「到底是谁评的」 run into the next part names no kind
    for marker, clause in enumerate(clauses, start=1):
        defined = DEFINITION.match(clause.text)
        if not defined or defined[1] not in question or kind == defined[1]:
            continue
        body = clause.text[defined.end():]
        items = [i.strip() for i in _ITEMS.split(body) if len(i.strip()) >= 4]
        # 国家级科技企业孵化器; 「试点园（人工智能领域）的运营方」 names the listed item before its 的
        # (「孵化器算不算」: the listed item that names it — 科技企业孵化器)
        item = next((i for i in items if kind in i), kind) if kind in body else \
            next((i for i in items if i in kind or i in whole), "")
        if item:
            which = "" if kind in item else f"，您所述「{whole}」属于其中"
            return [f"结论：算。{defined[1]}的定义列有“{item}”[{marker}]{which}。"]
        open_list = "但不限于" in body
        return [f"结论：{defined[1]}的定义未列明{kind}[{marker}]"
                + ("；定义为“包括但不限于”，未列明的是否属于，需向主管部门确认。" if open_list else "，按定义不属于。")]
    return []


_ONLY = re.compile(r"(?:仅|只)(?:支持|限于?|包括|用于|对)([^。；;，,]+)")
_ALSO_ASKED = re.compile(r"([\u4e00-\u9fff]{2,10}?)(?:能不能|能否|可不可以|可以|也能|能)(?:一起|一并|也|同时)?"
                         r"(?:补|报|算|支持|贴|申请|享受)")


def only_verdict(question: str, clauses: Sequence[Clause]) -> list[str]:
    """「手续费能不能一起补」 against 「仅支持首次贷款贴息及担保费」: a thing outside a closed list is not covered."""
    asked = _ALSO_ASKED.search(question)
    if not asked:
        return []
    words = [w for w in tokenize(asked[1]) if len(w) >= 2]
    if not words:
        return []
    thing = words[-1]
    if re.match(r"[这那哪此该本]", thing) or thing in ("我们", "公司", "企业", "项目") \
            or not any(thing in n for n in nouns(asked[1])):
        return []  # 「这笔能申请吗」「丰台和怀柔分别能享受什么」 name no item of a list
    for marker, clause in enumerate(clauses, start=1):
        for m in _ONLY.finditer(clause.text):
            # A thing in the list still has every other condition to meet: said as in, not as granted.
            if thing in m[1]:
                named = [w for w in words if w in m[1] and not any(w != o and w in o for o in words)]
                if any(w not in m[1] for w in words):
                    return []
                items = "、".join(named)
                return [f"结论：可以，{items}在支持范围内：条款规定“{m[0]}”[{marker}]（还须符合该项的其他条件）。"]
            return [f"结论：{thing}不在支持范围内：条款规定“{m[0]}”[{marker}]，未包括{thing}。"]
    return []


def coined_verdict(question: str, clauses: Sequence[Clause]) -> list[str]:
    """「“四大主导产业”是哪四个」 from the clause that coins it: 「新一代信息技术、…产业(以下简称“四大主导产业”)」."""
    for marker, clause in enumerate(clauses, start=1):
        for m in re.finditer(r"([\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+)+)[(（](?:以下简称|以下统称|简称|统称)"
                             r"[“\"「]([^”\"」]{2,12})[”\"」]", clause.text):
            if m[2] in question:  # quoted or not: 「亦庄的四大主导产业是哪四个」
                return [f"结论：“{m[2]}”指{m[1]}[{marker}]。"]
    return []


_TERM = re.compile(r"^([^：:，。\s]{2,12})[：:]")
_COUNTS_AS = re.compile(r"算不算|算吗|能算|属不属于|是否属于|属于吗|够不够|符不符合|是否符合|达不达标|是不是")


def subject_verdict(question: str, clauses: Sequence[Clause]) -> list[str]:
    """「我们是规模以下的…算不算“数字化达标”」 against 「数字化达标：规模以上制造业企业达到…」: what the
    user says they are contradicts what the definition requires of its subject (the pairs of vocab.EXCLUSIVE)."""
    if not _COUNTS_AS.search(question):
        return []
    for marker, clause in enumerate(clauses, start=1):
        term = _TERM.match(clause.text)
        if not term or term[1] not in question:
            continue
        for ruling, said in EXCLUSIVE:
            if (need := ruling.search(clause.text)) and (have := said.search(question)):
                return [f"结论：不算。{term[1]}的定义要求“{need[0]}”[{marker}]，您所述“{have[0]}”不符合这一条件。"]
    return []


def through_terms(lib: Library, clauses: Sequence[Clause]) -> list[Clause]:
    """「哪边对孵化器培育企业有奖励」: a glossary entry (科技企业孵化器) stands for a district only by its definition;
    when another definition there lists it under a term (产业服务平台：包括…科技企业孵化器) and a clause grants
    the term support (五是…产业服务平台给予资金奖励), that clause and the listing definition answer instead."""
    out: list[Clause] = []
    for clause in clauses:
        term = _TERM.match(clause.text)
        own = [c for c in lib.corpus.clauses if c.doc_id == clause.doc_id]
        listing = next((c for c in own if term and glossary_entry(clause) and c is not clause
                        and (d := DEFINITION.match(c.text)) and term[1] in c.text[d.end():]), None)
        named = DEFINITION.match(listing.text)[1] if listing is not None else ""
        grant = next((c for c in own if named and named in c.text and GRANTS.search(c.text)
                      and not glossary_entry(c)), None)
        out += [grant, listing] if grant is not None and listing is not None else [clause]
    return list(dict.fromkeys(out))
