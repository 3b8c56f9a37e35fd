"""Scoring functions of policyqa.evaluate on small hand-made gold/answer pairs."""

import argparse
import json
from decimal import Decimal
from pathlib import Path

import pytest

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
        "latency_p95_ms", "n", "citation_precision", "mean_citations", "must_include_literal")


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
    assert "## 按题型" in (out / "report.md").read_text(encoding="utf-8")
    args.baseline, args.gate, args.out = str(out), None, str(tmp_path / "again")
    assert ev.run_cli(args, Settings.from_env()) == 0
    assert "| 变化 |" in (tmp_path / "again" / "report.md").read_text(encoding="utf-8")
