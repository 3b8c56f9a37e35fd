"""Clause lookup by citation: "丰台 第十四条", "经开区 五、(二)3", "门头沟 关键词诠释 首台（套）"."""

from __future__ import annotations

import re
import unicodedata

from policyqa.chunk import int_to_cn
from policyqa.corpus import Corpus
from policyqa.errors import InputError, NotFoundError
from policyqa.types import Clause

_QUALIFIER = re.compile(r"\([^()]*\)$")


def norm_locator(text: str) -> str:
    """Comparable form: NFKC (full-width brackets → ASCII), no spaces, no path separators."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"第(\d{1,16})([条章])", lambda m: f"第{int_to_cn(int(m.group(1)))}{m.group(2)}", text)
    return re.sub(r"[\s>]+", "", text)


def _key(clause: Clause) -> str:
    return clause.clause_id.split("#")[1]


def parse_query(corpus: Corpus, query: str) -> tuple[list[str], str]:
    """Split a lookup query into the documents it names (district or title) and the locator."""
    query = query.strip()
    if not query:
        raise InputError("请输入要查询的条款，例如「丰台 第十四条」")
    doc_ids: list[str] = []
    rest = query
    # A leading district (or alias) or document short title scopes the lookup.
    head = rest.split()[0] if " " in rest else ""
    for district in corpus.districts_in(head or rest[:6]):
        doc_ids += corpus.doc_ids_of(district)
        for alias in sorted(corpus.district_aliases, key=len, reverse=True):
            if corpus.district_aliases[alias] == district and rest.startswith(alias):
                rest = rest[len(alias) :]
                break
    for doc in corpus.documents.values():
        if rest.startswith(doc.doc_id):
            doc_ids, rest = [doc.doc_id], rest[len(doc.doc_id) :]
    return doc_ids, rest.strip()


def lookup(corpus: Corpus, query: str) -> list[Clause]:
    """Clauses cited by ``query``; raises NotFoundError with a Chinese message if none."""
    doc_ids, locator = parse_query(corpus, query)
    if not locator:
        raise InputError(f"「{query}」中没有条款编号，例如「第十四条」或「五、(二)3」")
    scope = [c for c in corpus.clauses if not doc_ids or c.doc_id in doc_ids]
    found = _match(scope, locator)
    if not found and _QUALIFIER.search(norm_locator(locator)):
        found = _match(scope, _QUALIFIER.sub("", norm_locator(locator)))
    if not found:
        where = "、".join(corpus.documents[d].short_title for d in doc_ids) if doc_ids else "全部文件"
        raise NotFoundError(f"在{where}中找不到条款「{locator}」")
    return found


def _match(scope: list[Clause], locator: str) -> list[Clause]:
    target = norm_locator(locator)
    head, _, tail = (part.strip() for part in locator.partition(">"))
    exact, partial = [], []
    for clause in scope:
        forms = {norm_locator(clause.locator), norm_locator(_key(clause))}
        if target in forms:
            exact.append(clause)
        elif any(f.endswith(target) for f in forms):
            partial.append(clause)
        elif tail and norm_locator(head) in forms and norm_locator(tail) in norm_locator(clause.text):
            partial.append(clause)
    # An exact locator wins; a bare heading (a long FAQ answer split into parts) returns all its parts.
    return exact or partial
