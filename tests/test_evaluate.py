"""Scoring functions of policyqa.evaluate on small hand-made gold/answer pairs."""

import argparse
import json
from decimal import Decimal
from pathlib import Path

import pytest

from policyqa import eval_facts as ef
from policyqa import evaluate as ev
from policyqa.evaluate import Passage

ROOT = Path(__file__).resolve().parent.parent
FT = "001_e85723d668a01e1e.txt"  # 丰台 seed file
MTG = "003_ceac1541a3401484.txt"  # 门头沟 draft seed file
SOURCES = {"fengtai": FT, "mtg": MTG}
Q14 = "对获得市级首台（套）项目补贴的企业，按照不超过市级补贴资金的30%给予最高200万元支持。"
CLAUSE14 = "第十四条  支持成套装备应用示范。对入选北京市首台（套）重大技术装备目录的企业，给予最高30万元支持；" + Q14


def item(**kw):
    base = {"id": "t-1", "question": "问", "type": "clause_lookup", "gold_doc": FT, "gold_quote": Q14,
            "gold_locator": "第十四条", "must_include": [], "gold_number": None}
    return {**base, **kw}


def answer(text="", found=True, citations=(), calculations=(), latency_ms=10.0):
    return {"id": "t-1", "answer": text, "found": found, "citations": list(citations),
            "calculations": list(calculations), "amounts_yuan": [], "latency_ms": latency_ms}


def cite(text, doc_id="fengtai", locator="第十四条"):
    return {"clause_id": f"{doc_id}#{locator}", "doc_id": doc_id, "document": "文件", "locator": locator,
            "status": "征求意见稿", "text": text}


def calc(amount, base=None, cap=None, steps=()):
    return {"rule_id": "r", "clause_id": "fengtai#第十四条", "amount_yuan": amount, "base_yuan": base,
            "cap_yuan": cap, "steps": list(steps), "assumptions": []}


# ---------------------------------------------------------------- fabricated amounts


def test_amount_not_in_citation_or_calculation_is_fabricated():
    a = answer("最高可获得 300万元。", citations=[cite(CLAUSE14)])
    assert ev.fabricated_amounts(a) == [Decimal(3000000)]


def test_amounts_from_cited_clause_and_calculation_are_not_fabricated():
    a = answer("测算结果：150万元（1,500,000 元）。计算：5,000,000 × 30% = 1,500,000 ≤ 上限 2,000,000。最高200万元",
               citations=[cite(CLAUSE14)],
               calculations=[calc(1500000, 5000000, 2000000, ["5,000,000 × 30% = 1,500,000 元"])])
    assert ev.fabricated_amounts(a) == []


def test_fabricated_amount_fails_the_item_and_is_counted():
    row = ev.score_item(item(), answer(Q14 + "另有奖励50万元。", citations=[cite(CLAUSE14)]), [], SOURCES)
    assert not row["passed"]
    assert any("虚构金额" in r and "500,000" in r for r in row["reasons"])
    assert ev.aggregate([row])["fabricated_figures"] == 1


def test_amounts_of_related_clauses_do_not_license_a_figure():
    """A refusal has no citations: an amount in its text is fabricated even if a related clause holds it."""
    a = answer("文件未提及。一般给予最高200万元。", found=False)
    a["related"] = [cite(CLAUSE14)]
    assert ev.fabricated_amounts(a) == [Decimal(2000000)]


# ---------------------------------------------------------------- refusal


def test_refusal_on_out_of_scope_item_is_correct():
    oos = item(type="out_of_scope", gold_doc=None, gold_quote=None, gold_locator=None)
    row = ev.score_item(oos, answer("文件未提及：没有朝阳区的政策文件。", found=False), [])
    assert row["passed"] and row["refused"]
    metrics = ev.aggregate([row])
    assert metrics["refusal_accuracy"] == 1.0
    assert metrics["false_refusal_rate"] is None  # no in-scope item


def test_a_conversation_that_ends_outside_the_corpus_is_scored_as_out_of_scope():
    last_turn_elsewhere = item(type="multi_turn", gold_doc=None, gold_quote=None, gold_locator=None)
    refused = ev.score_item(last_turn_elsewhere, answer("文件未提及：没有上海浦东的政策文件。", found=False), [])
    answered = ev.score_item(last_turn_elsewhere, answer("浦东给予最高100万元。"), [])
    assert refused["passed"] and refused["out_of_scope"]
    assert not answered["passed"]


def test_answering_an_out_of_scope_item_fails():
    oos = item(type="out_of_scope", gold_doc=None, gold_quote=None, gold_locator=None)
    row = ev.score_item(oos, answer("朝阳区给予最高100万元。"), [])
    assert not row["passed"]
    assert ev.aggregate([row])["refusal_accuracy"] == 0.0


def test_refusal_with_fabricated_amount_is_not_a_correct_refusal():
    oos = item(type="out_of_scope", gold_doc=None, gold_quote=None, gold_locator=None)
    row = ev.score_item(oos, answer("文件未提及具体金额，通常为每平米每天3元。", found=False), [])
    assert row["refused"] and not row["passed"]
    assert ev.aggregate([row])["refusal_accuracy"] == 0.0


def test_an_error_is_neither_a_refusal_nor_a_pass():
    oos = item(type="out_of_scope", gold_doc=None, gold_quote=None, gold_locator=None)
    err = answer("", found=False)
    err["error"] = "问题为空"
    row = ev.score_item(oos, err, [])
    assert not row["refused"] and not row["passed"] and row["reasons"][0].startswith("出错")
    assert ev.aggregate([row])["refusal_accuracy"] == 0.0


def test_refusing_an_in_scope_item_is_a_false_refusal():
    row = ev.score_item(item(), answer("文件未提及：丰台区的文件中未提及「首台」。", found=False), [])
    assert not row["passed"]
    assert row["reasons"][0].startswith("误拒答")
    assert ev.aggregate([row])["false_refusal_rate"] == 1.0


# ---------------------------------------------------------------- citations and retrieval


def test_list_quotes_need_every_quote():
    q1 = "本措施中的财政支持政策条款与丰台区现行相关财政政策同类条款不能重复享受。"
    q2 = "本政策与怀柔区其他同类型政策原则上不重复支持。"
    gold = item(type="cross_document", gold_doc=[FT, "002_b6577d9982b2cb39.txt"], gold_quote=[q1, q2],
                gold_locator=["第二十四条", "（三）"])
    sources = {"fengtai": FT, "huairou": "002_b6577d9982b2cb39.txt"}
    one = ev.score_item(gold, answer(q1, citations=[cite("第二十四条  " + q1)]), [], sources)
    assert one["citation"]["recall"] == 0.5 and not one["passed"]
    assert "（三）" in one["reasons"][0]
    both = ev.score_item(gold, answer(q1 + q2, citations=[cite(q1), cite("（三）" + q2, "huairou", "（三）")]), [],
                         sources)
    assert both["citation"]["recall"] == 1.0 and both["passed"]


def test_quote_matches_across_line_breaks_but_only_in_the_gold_document():
    gold = item(gold_quote="（征求意见稿）", gold_locator="标题")
    broken = cite("丰台区促进智能制造产业高质量\n发展若干措施\n（征求意见稿 ）", locator="标题")
    assert ev.citation_scores(gold, answer(citations=[broken]), SOURCES)["recall"] == 1.0
    other_doc = cite("门头沟区…实施意见\n（征求意见稿）", doc_id="mtg", locator="标题")
    scores = ev.citation_scores(gold, answer(citations=[other_doc]), SOURCES)
    assert scores["recall"] == 0.0 and scores["n_correct"] == 0


def test_citation_precision_and_top_citation():
    wrong = cite("第十五条  其他内容。", locator="第十五条")
    row = ev.score_item(item(), answer(Q14, citations=[wrong, cite(CLAUSE14)]), [], SOURCES)
    assert row["passed"]  # the gold quote is cited, second
    metrics = ev.aggregate([row])
    assert metrics["citation_precision"] == 0.5
    assert metrics["top_citation_correct"] == 0.0
    assert metrics["mean_citations"] == 2.0


def test_retrieval_recall_and_reciprocal_rank():
    passages = [Passage(FT, "无关"), Passage(FT, "x"), Passage(FT, CLAUSE14)]
    scores = ev.retrieval_scores(item(), passages)
    assert scores["recall_at_1"] == 0.0 and scores["recall_at_5"] == 1.0
    assert scores["rr"] == pytest.approx(1 / 3)
    late = [Passage(FT, "无关")] * 5 + [Passage(FT, CLAUSE14)]
    assert ev.retrieval_scores(item(), late)["recall_at_5"] == 0.0
    assert ev.retrieval_scores(item(gold_quote=None), passages) is None


def test_retrieval_with_list_quotes_gives_partial_credit():
    gold = item(gold_doc=[FT, MTG], gold_quote=["（征求意见稿）", "（征求意见稿）"])
    only_fengtai = [Passage(FT, "丰台…（征求意见稿）")]
    assert ev.retrieval_scores(gold, only_fengtai)["recall_at_1"] == 0.5
    both = [Passage(MTG, "门头沟…（征求意见稿）"), Passage(FT, "丰台…（征求意见稿）")]
    assert ev.retrieval_scores(gold, both)["rr"] == pytest.approx(0.75)


# ---------------------------------------------------------------- numbers


def test_calculator_result_is_the_stated_amount():
    a = answer("测算结果：最高可获得 150万元。最高200万元", citations=[cite(CLAUSE14)],
               calculations=[calc(1500000, 5000000, 2000000)])
    assert ev.numeric_scores(item(gold_number=1500000), a)["exact"]
    assert not ev.numeric_scores(item(gold_number=2000000), a)["exact"]


def test_without_calculation_the_first_stated_amount_counts():
    text = "对获得市级智能工厂的企业给予最高50万元支持；对获得国家级智能工厂的企业给予最高300万元支持"
    scores = ev.numeric_scores(item(gold_number=3000000), answer(text))
    assert not scores["exact"] and scores["mentioned"]
    row = ev.score_item(item(gold_number=3000000), answer(text), [])
    assert any(r.startswith("金额不符：答 500,000 元，应为 3,000,000 元") for r in row["reasons"])


def test_no_amount_stated_is_not_exact():
    assert not ev.numeric_scores(item(gold_number=100000), answer("文件未提及。", found=False))["exact"]
    assert ev.numeric_scores(item(), answer("100万元")) is None


# ---------------------------------------------------------------- strict scorer: numbers, facts, headline, pass


@pytest.mark.parametrize("variants", [
    ("200万", "200万元", "2,000,000元", "200万元人民币", "两百万", "２００万元", "人民币200万元", "2000000元"),
    ("1亿", "1亿元", "10000万", "一亿元", "100,000,000元"),
    ("30%", "百分之三十", "３０％", "30 %"),
    ("0.5%", "百分之零点五"),
    ("16.5万元", "165,000元", "十六点五万元"),
    ("2029年12月31日", "2029-12-31", "２０２９年１２月３１日", "2029 年 12 月 31 日", "二〇二九年十二月三十一日"),
    ("资金支持和服务保障", "資金支持和服務保障", "资金支持、和 服务保障。"),
])
def test_canon_folds_every_variant_to_one_form(variants):
    assert len({ef.canon(v) for v in variants}) == 1, {v: ef.canon(v) for v in variants}


@pytest.mark.parametrize(("a", "b"), [("200万元", "20万元"), ("30%", "3%"), ("1亿", "1000万"),
                                      ("2029年12月31日", "2029年12月30日"), ("30%", "30万元")])
def test_canon_keeps_different_values_apart(a, b):
    assert ef.canon(a) != ef.canon(b)
    assert ef.canon(a) not in ef.canon(b) and ef.canon(b) not in ef.canon(a)


def kinds(fact, corpus=""):
    return [(p.kind, p.value) for p in ef.fact_parts(fact, corpus)]


def test_fact_parts_of_reviewer_phrasings():
    assert sorted(kinds("“丰泽计划”是丰台区的（不是门头沟区）")) == [
        ("district", "丰台区"), ("district", "门头沟区"), ("quoted", "丰泽计划")]
    assert kinds("征求意见稿（尚未正式发布）") == [("status", "征求意见稿")]
    assert sorted(kinds("有效期至2029年12月31日")) == [("date", "2029-12-31"), ("status", "有效")]
    assert kinds("上限200万元未触及") == [("amount", "2000000")]
    assert sorted(kinds("20%计算为3000万元，超过上限")) == [("amount", "30000000"), ("percent", "0.2")]
    assert kinds("前年的严重失信在三年内，不符合") == [("verdict", "不符合")]
    assert kinds("不能申请第一条") == [("verdict", "不能")]
    assert kinds("可以") == [("verdict", "可以")]
    assert kinds("《怀柔区促进区域经济高质量发展指导意见》") == [("quoted", "怀柔区促进区域经济高质量发展指导意见")]
    assert kinds("经开区：鼓励申报") == [("district", "北京经济技术开发区")]
    assert kinds("提名奖也在支持范围内") == []  # nothing a string check can hold on to
    assert kinds("科创智能、医药健康", corpus=ef.canon("以科创智能、医药健康为重点")) == [
        ("term", "科创智能"), ("term", "医药健康")]


def check(fact, text, corpus=""):
    return ef.check_fact(fact, ef.AnswerView.of(text), ef.canon(corpus) if corpus else "")


def test_check_fact_by_parts_and_phrase():
    fengze = "“丰泽计划”是丰台区的（不是门头沟区）"
    assert check(fengze, "「丰泽计划」出自丰台区的措施，并非门头沟的政策。")["status"] == "covered"
    missing = check(fengze, "“丰泽计划”出自丰台区的措施。")
    assert missing["status"] == "missing" and missing["missing"] == ["门头沟区"]
    assert check("征求意见稿（尚未正式发布）", "该文件为征求意见稿。")["status"] == "covered"
    assert check("征求意见稿（尚未正式发布）", "该文件已正式发布。")["status"] == "missing"
    assert check("有效期至2029年12月31日", "有效期到2029-12-31。")["status"] == "covered"
    assert check("有效期至2029年12月31日", "有效期至2028年12月31日。")["status"] == "missing"
    assert check("最高200万元", "最高可获得 2,000,000 元")["status"] == "covered"
    assert check("不超过市级补贴资金的30%", "按市级补贴的百分之三十")["status"] == "covered"
    assert check("不超过市级补贴资金的30%", "按市级补贴的20%")["status"] == "missing"
    assert check("对入选人才分层分类给予资金支持和服务保障", "對入選人才分層分類給予資金支持和服務保障")["how"] == "phrase"


def test_verdicts_are_not_satisfied_by_their_opposite():
    assert check("符合", "贵公司不符合条件。")["status"] == "missing"
    assert check("不符合", "贵公司不符合条件。")["status"] == "covered"
    assert check("可以", "不可以申请。")["status"] == "missing"
    assert check("可以", "可以申请，需纳入企业库。")["status"] == "covered"
    assert check("不能申请第一条", "无法申请第一条的支持。")["status"] == "covered"
    assert check("不能申请第一条", "第一条支持制造业企业。")["missing"] == ["不能"]
    assert check("能", "属于智能制造企业")["status"] == "missing"  # 智能 is not a verdict
    quoted = "第七条：“未达到“2000万元”门槛的，不予支持；不符合条件的不得申报。”[1]"
    assert check("不符合", quoted)["status"] == "missing"  # the clause's words, not the answer's verdict
    assert check("不符合", quoted + "\n判断：贵公司不符合该条件。")["status"] == "covered"


def test_phrase_of_the_documents_is_checked_and_paraphrase_is_unchecked():
    corpus = "对于伪造、提供虚假材料的项目申报主体，一经查实，应退回已获得的扶持资金。"
    assert check("应退回已获得的扶持资金", "一经查实应退回已获得的扶持资金。", corpus)["status"] == "covered"
    assert check("应退回已获得的扶持资金", "需要退还资金。", corpus)["status"] == "missing"
    assert check("提名奖也在支持范围内", "给予配套奖励。", corpus)["status"] == "unchecked"


def test_fact_scores_lists_covered_missing_and_unchecked():
    gold = item(must_include=["150万元", "上限200万元未触及", "提名奖也在支持范围内", "征求意见稿"])
    scores = ef.fact_scores(gold, "测算结果：1,500,000 元，上限 200万元。")
    assert scores["facts_covered"] == ["150万元", "上限200万元未触及"]
    assert scores["facts_missing"] == [{"fact": "征求意见稿", "parts": ["征求意见稿"]}]
    assert scores["facts_unchecked"] == ["提名奖也在支持范围内"]


GOLD_CALC = item(type="calculation", gold_number=1500000)


def test_headline_from_a_calculation_on_the_gold_clause():
    a = answer("测算结果：150万元。", citations=[cite(CLAUSE14)], calculations=[calc(1500000, 5000000, 2000000)])
    assert ev.headline_source(GOLD_CALC, a, SOURCES) == "calculator"
    row = ev.score_item(GOLD_CALC, a, [], SOURCES)
    assert row["headline_source"] == "calculator" and row["passed_strict"]


def test_headline_from_a_calculation_on_an_uncited_or_wrong_clause_has_no_source():
    uncited = answer("测算结果：150万元。最高200万元", citations=[cite(CLAUSE14)],
                     calculations=[{**calc(1500000), "clause_id": "fengtai#第十五条"}])
    assert ev.headline_source(GOLD_CALC, uncited, SOURCES) == "none"
    wrong = cite("第十五条  按30%给予最高200万元。", locator="第十五条")
    other = answer("测算结果：150万元。", citations=[wrong, cite(CLAUSE14)],
                   calculations=[{**calc(1500000), "clause_id": "fengtai#第十五条"}])
    assert ev.headline_source(GOLD_CALC, other, SOURCES) == "none"
    row = ev.score_item(GOLD_CALC, other, [], SOURCES)
    assert row["passed"] and not row["passed_strict"]  # exact and cited, but the figure has no gold source
    assert any(r.startswith("金额来源不明") for r in row["strict_reasons"])


def test_headline_from_the_gold_clause_text():
    gold = item(type="numeric_award", gold_number=2000000)
    a = answer("最高200万元。", citations=[cite(CLAUSE14)])
    assert ev.headline_source(gold, a, SOURCES) == "clause"
    short_quote = item(type="numeric_award", gold_number=2000000, gold_quote="按照不超过市级补贴资金的30%")
    in_words = answer("最高200万元。", citations=[cite("第十四条  " + Q14.replace("200万元", "二百万元"))])
    assert ev.headline_source(short_quote, in_words, SOURCES) == "clause"  # 二百万元 is 200万元 by value
    no_figure = answer("最高200万元。", citations=[cite("第十四条  按照不超过市级补贴资金的30%给予支持。")])
    assert ev.headline_source(short_quote, no_figure, SOURCES) == "none"  # the gold clause does not state it
    elsewhere = answer("最高200万元。", citations=[cite(CLAUSE14, doc_id="mtg")])  # right text, wrong document
    assert ev.headline_source(gold, elsewhere, SOURCES) == "none"
    assert ev.headline_source(gold, answer("最高30万元。", citations=[cite(CLAUSE14)]), SOURCES) == "clause"
    assert ev.headline_source(gold, answer("文件未提及。", found=False), SOURCES) == "none"


def test_strict_pass_needs_every_check():
    gold = item(type="numeric_award", gold_number=2000000, must_include=["最高200万元", "市级补贴资金的30%",
                                                                          "提名奖也在支持范围内"])
    good = ev.score_item(gold, answer("按市级补贴资金的30%，最高200万元。", citations=[cite(CLAUSE14)]), [], SOURCES,
                         CLAUSE14)
    assert good["passed"] and good["passed_strict"] and good["strict_reasons"] == []
    assert good["facts_unchecked"] == ["提名奖也在支持范围内"]  # unchecked counts as covered
    short = ev.score_item(gold, answer("最高200万元。", citations=[cite(CLAUSE14)]), [], SOURCES, CLAUSE14)
    assert short["passed"] and not short["passed_strict"]
    assert short["strict_reasons"] == ["缺少要点：市级补贴资金的30%（未见：30%、市级补贴资金）"]
    wrong = ev.score_item(gold, answer("最高30万元。", citations=[cite(CLAUSE14)]), [], SOURCES, CLAUSE14)
    assert not wrong["passed"] and not wrong["passed_strict"]
    assert wrong["strict_reasons"][: len(wrong["reasons"])] == wrong["reasons"]  # strict adds to lenient
    oos = item(type="out_of_scope", gold_doc=None, gold_quote=None, must_include=["现有文件不包含朝阳区政策"])
    refused = ev.score_item(oos, answer("文件未提及：没有朝阳区的政策文件。", found=False), [])
    assert refused["passed_strict"]
    vague = ev.score_item(oos, answer("文件未提及。", found=False), [])
    assert vague["passed"] and not vague["passed_strict"]
    metrics = ev.aggregate([good, short, wrong, refused, vague])
    assert metrics["strict_pass_rate"] == 0.4 and metrics["pass_rate"] == 0.8
    # facts: good 2/2, short 1/2, wrong 0/2 (30万 ≠ 200万, no 30%), refused 1/1, vague 0/1 → 4/8
    assert metrics["must_include_coverage"] == 0.5 and metrics["must_include_unchecked"] == 3
    assert metrics["numeric_sourced"] == 0.6667  # good and short (exact, from the clause); wrong is not exact


def test_evaluate_still_exports_the_scoring_functions():
    from policyqa import eval_score

    assert ev.score_item is eval_score.score_item and ev.Passage is eval_score.Passage
    assert ev.fact_scores is ef.fact_scores
    for name in ev.__all__:
        assert hasattr(ev, name), name


# ---------------------------------------------------------------- must_include, gate, helpers


def test_literal_facts_and_coverage():
    gold = item(must_include=["150万元", "市级补贴资金的30%", "上限200万元未触及"])
    facts = ev.literal_facts(gold, CLAUSE14)
    assert facts == ["150万元", "市级补贴资金的30%"]  # the reviewer-style fact is not checked literally
    assert ev.fact_covered("150万元", "测算结果：1,500,000 元")
    assert not ev.fact_covered("市级补贴资金的30%", "按市级补贴的三成")
    row = ev.score_item(gold, answer("最高可获得 150万元，按市级补贴资金的 30%"), [], source_text=CLAUSE14)
    assert (row["facts"], row["facts_hit"]) == (2, 2)


def test_gate_reports_floors_and_ceilings_in_chinese():
    gate = {"min": {"citation_recall": 0.85, "numeric_exact": 0.9, "mrr": 0.5}, "max": {"fabricated_figures": 0}}
    metrics = {"citation_recall": 0.8, "numeric_exact": 0.95, "mrr": None, "fabricated_figures": 2}
    failures = ev.check_gate(metrics, gate)
    assert len(failures) == 3
    assert any("引用召回率" in f and "低于下限 0.85" in f for f in failures)
    assert any("虚构金额数" in f and "高于上限 0" in f for f in failures)
    assert any("mrr" in f and "没有测得数值" in f for f in failures)
    assert ev.check_gate({"citation_recall": 0.9}, {"min": {"citation_recall": 0.85}}) == []


def test_percentile_and_breakdown():
    assert ev.percentile([10, 20, 30, 40], 50) == 25.0
    assert ev.percentile([5.0], 95) == 5.0
    assert ev.percentile([], 50) is None
    rows = [ev.score_item(item(id="a"), answer(Q14, citations=[cite(CLAUSE14)]), [], SOURCES),
            ev.score_item(item(id="b", type="out_of_scope", gold_doc=None, gold_quote=None),
                          answer("文件未提及", found=False), [])]
    parts = ev.breakdown(rows, {FT: "丰台"})
    assert set(parts["by_type"]) == {"clause_lookup", "out_of_scope"}
    assert parts["by_document"]["丰台"]["n"] == 1 and parts["by_document"]["（无金标文件）"]["n"] == 1


def test_gold_file_items_all_parse():
    items = ev.read_dataset(ROOT / "evals" / "dev.jsonl")
    assert len(items) == 60
    for it in items:
        pairs = ev.gold_pairs(it)
        assert (it["type"] == "out_of_scope") == (not pairs)
        assert all(doc for doc, _ in pairs)


# ---------------------------------------------------------------- end to end


KEYS = ("retrieval_recall_at_1", "retrieval_recall_at_5", "mrr", "citation_recall", "top_citation_correct",
        "numeric_exact", "fabricated_figures", "refusal_accuracy", "false_refusal_rate", "latency_p50_ms",
        "latency_p95_ms", "n", "citation_precision", "mean_citations", "must_include_literal", "pass_rate",
        "strict_pass_rate", "must_include_coverage", "must_include_unchecked", "numeric_sourced")


@pytest.mark.slow
def test_eval_command_on_five_items(tmp_path, capsys):
    from policyqa.settings import Settings

    lines = (ROOT / "evals" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    dataset = tmp_path / "five.jsonl"
    dataset.write_text("\n".join(lines[:5]) + "\n", encoding="utf-8")
    gate = tmp_path / "gate.toml"
    gate.write_text("[min]\nretrieval_recall_at_5 = 1.01\n[max]\nfabricated_figures = 0\n", encoding="utf-8")
    out = tmp_path / "run"
    args = argparse.Namespace(dataset=str(dataset), out=str(out), baseline=None, gate=str(gate), no_baselines=True)
    code = ev.run_cli(args, Settings.from_env())
    assert code == 1  # the floor above 1 cannot be met
    captured = capsys.readouterr()
    assert "门槛未通过" in captured.err and "检索召回率@5" in captured.err
    for name in ("metrics.json", "results.jsonl", "report.md", "chart.png", "breakdown.json"):
        assert (out / name).is_file(), name
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert set(KEYS) <= set(metrics) and metrics["n"] == 5
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["dev-001", "dev-002", "dev-003", "dev-004", "dev-005"]
    assert all("reasons" in r and "answer" in r for r in rows)
    for r in rows:
        assert {"passed_strict", "strict_reasons", "facts_covered", "facts_missing", "facts_unchecked",
                "headline_source"} <= set(r)
        assert r["passed_strict"] == (not r["strict_reasons"]) and set(r["reasons"]) <= set(r["strict_reasons"])
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## 按题型" in report and "严格通过" in report
    args.baseline, args.gate, args.out = str(out), None, str(tmp_path / "again")
    assert ev.run_cli(args, Settings.from_env()) == 0
    assert "| 变化 |" in (tmp_path / "again" / "report.md").read_text(encoding="utf-8")
