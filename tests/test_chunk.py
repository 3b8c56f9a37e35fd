"""Golden clause splits per document, and properties of the parser."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyqa.chunk import clean_line, cn_to_int, int_to_cn, split_document
from policyqa.corpus import Corpus

ARTICLES = [f"第{int_to_cn(n)}条" for n in range(1, 29)]
FAQ_Q = ["一、", "二、", "三、", "四、", "五、"]

GOLDEN_KEYS = {
    "fengtai-zhizao": ["标题", *ARTICLES],
    "mentougou-gongye-faq": [
        "一、", "二、", "三、", "三、>一是", "三、>二是", "三、>三是", "三、>四是", "三、>五是", "四、", "五、",
        "五、>工业企业", "五、>制造业企业", "五、>企业技术中心", "五、>国家制造业单项冠军", "五、>北京市“隐形冠军”",
        "五、>北京市人民政府质量管理奖和北京市人民政府质量管理奖提名奖", "五、>国家智能制造标杆企业",
        "五、>智能制造示范工厂", "五、>世界灯塔工厂", "五、>绿色工厂", "五、>数字化达标", "五、>首台（套）",
        "五、>产业服务平台", "五、>国家授牌的小型微型企业创业创新示范基地", "五、>中小企业公共服务示范平台",
        "五、>创业孵化示范基地", "五、>科技企业孵化器", "五、>北京市试点园（人工智能领域）",
    ],
    "huairou-banfa-faq": [
        "一、", "二、", "三、", "三、#p2", "三、#p3", "三、#p4", "三、#p5", "三、#p6",
        "四、", "四、>（一）", "四、>（二）", "四、>（三）", "四、>（四）", "四、>（五）",
        "五、", "五、>（一）", "五、>（二）", "五、>（三）",
    ],
    "mentougou-shishi": [
        "标题", "序言", "一、", "二、", "三、", *[f"（{int_to_cn(n)}）" for n in range(1, 8)],
        "四、", "（八）", "（九）", "五、", "（十）", "（十一）", "（十二）", "（十三）",
        "六、", "（十四）", "（十五）", "（十六）", "（十七）", "（十八）", "七、", "（十九）", "（二十）",
        "八、", "（二十一）", "（二十二）", "九、", "（二十三）", "（二十四）", "（二十五）", "（二十六）",
    ],
    "jingkai-sida": [
        "文件头", "标题", "序言", "一、", "二、", "三、", *[f"三、({int_to_cn(n)})" for n in range(1, 7)],
        "四、", *[f"四、({int_to_cn(n)})" for n in range(1, 9)], "五、",
        *[k for s in "一二三四" for k in (f"五、({s})", *[f"五、({s}){i}" for i in range(1, 9)])],
        "六、", "六、(一)", "六、(二)", "六、(三)",
    ],
}


@pytest.mark.parametrize("doc_id", sorted(GOLDEN_KEYS))
def test_golden_clause_keys(corpus: Corpus, doc_id: str) -> None:
    keys = [c.clause_id.split("#", 1)[1] for c in corpus.clauses_of(doc_id)]
    assert keys == GOLDEN_KEYS[doc_id]


def test_article_path_and_locator(corpus: Corpus) -> None:
    clause = corpus.by_id["fengtai-zhizao#第十四条"]
    assert clause.locator == "第十四条"
    assert clause.heading_path == ("第二章 支持方向与内容", "（五）支持智能制造细分产业高质量发展")
    assert clause.text.startswith("第十四条  支持成套装备应用示范。")


def test_outline_locators_with_restarting_and_broken_numbering(corpus: Corpus) -> None:
    item = corpus.by_id["jingkai-sida#五、(二)3"]
    assert item.heading_path == ("五、出台四项“8条政策”", "(二)汽车产业8条政策")
    assert "最高给予5000万元资金支持" in item.text
    # 门头沟 draft writes 4、/5、/（15） where 四、/五、/（十五） are meant.
    assert corpus.by_id["mentougou-shishi#四、"].locator == "四、支持在区企业持续稳定发展"
    assert corpus.by_id["mentougou-shishi#（十五）"].locator == "（十五）优化各类资金支持机制"
    assert corpus.by_id["mentougou-shishi#（八）"].heading_path == ("四、支持在区企业持续稳定发展",)


def test_faq_terms_and_questions(corpus: Corpus) -> None:
    term = corpus.by_id["mentougou-gongye-faq#五、>首台（套）"]
    assert term.locator == "五、关键词诠释 > 首台（套）"
    assert term.text.startswith("首台（套）：是指经过创新")
    # A line without its own term continues the previous definition.
    base = corpus.by_id["mentougou-gongye-faq#五、>国家授牌的小型微型企业创业创新示范基地"]
    assert "北京市小型微型企业创业创新示范基地是指" in base.text


def test_long_passage_parts_keep_locator(corpus: Corpus) -> None:
    parts = [c for c in corpus.clauses_of("huairou-banfa-faq") if c.clause_id.startswith("huairou-banfa-faq#三、")]
    assert len({p.locator for p in parts}) == 1
    assert [p.part for p in parts] == list(range(1, len(parts) + 1))
    assert all(len(p.text) <= 400 for p in parts)
    assert any("支持游戏电竞产业发展。" in p.text for p in parts)


def test_artefacts_removed(corpus: Corpus) -> None:
    assert not any("[bookmark" in c.text or "_Toc" in c.text for c in corpus.clauses)
    assert clean_line(" [bookmark: _Toc87358687]一、总体要求 ") == "一、总体要求"


def test_clauses_cover_body_text(corpus: Corpus) -> None:
    """Every character of every manifest document's body is in a clause text or a heading, in order."""
    for doc_id in corpus.documents:
        _covers_body(corpus, doc_id)


def _covers_body(corpus: Corpus, doc_id: str) -> None:
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    clauses = corpus.clauses_of(doc_id)
    covered = squash("".join(c.text for c in clauses))
    headings = {squash(h) for c in clauses for h in c.heading_path}
    body = [squash(clean_line(line)) for line in corpus.texts[doc_id].splitlines()]
    pos = 0
    for line in filter(None, body):
        if line in headings and covered.find(line, pos) < 0:
            continue
        found = covered.find(line, pos)
        assert found >= 0, f"not covered: {line[:40]}"
        pos = found + len(line)
    assert pos == len(covered)


def test_parser_is_generic(corpus: Corpus) -> None:
    """An outline the corpus does not contain splits by the same rules."""
    doc = corpus.documents["jingkai-sida"]
    text = "一、总则\n正文甲。\n（一）第一节\n正文乙。\n1.要点\n正文丙。\n2、第二部分\n正文丁。"
    keys = [c.clause_id.split("#")[1] for c in split_document(doc, text)]
    assert keys == ["一、", "（一）", "（一）1", "二、"]


@given(st.integers(min_value=1, max_value=99))
def test_numeral_round_trip(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n


def test_article_parser_handles_parts_items_names_and_references(corpus: Corpus) -> None:
    """一、 parts above 第N条, enumerated （一） sentences inside an article, 【名称】 and cross-references."""
    doc = corpus.documents["jingkai-sida"]
    text = (
        "一、总则\n第一条 目的。\n第二条【落户奖】给予奖励：\n(一)最高2000万元落户奖励;\n(二)最高3000万元补助。\n"
        "第一条第(一)款规定的企业另行支持。\n二、附则\n第三条 本办法自发布之日起施行。\n附件：\n1.实施细则"
    )
    clauses = split_document(doc, text)
    keys = [c.clause_id.split("#")[1] for c in clauses]
    assert keys == ["第一条", "第二条", "第三条", "附件"]
    second = clauses[1]
    assert second.title == "落户奖" and second.heading_path == ("一、总则",)
    assert "(二)最高3000万元补助。" in second.text and "第一条第(一)款规定的企业" in second.text
    assert clauses[2].heading_path == ("二、附则",)


def test_outline_bracket_names_are_items(corpus: Corpus) -> None:
    doc = corpus.documents["jingkai-sida"]
    text = "一、人才支持\n【落户奖】对新落户企业给予10万元。\n【租房补贴】每人每月1000元。"
    keys = [c.clause_id.split("#")[1] for c in split_document(doc, text)]
    assert keys == ["一、", "一、【落户奖】", "一、【租房补贴】"]
