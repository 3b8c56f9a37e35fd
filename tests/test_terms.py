"""Programme names are learned from the corpus texts, so a new document's names need no dictionary edit."""

from policyqa import tokenize as tok
from policyqa.corpus import Corpus
from policyqa.terms import corpus_terms


def test_terms_come_from_the_texts(corpus: Corpus) -> None:
    assert {"丰泽计划", "白菜心工程", "灯塔工厂"} <= set(corpus.terms)
    text = "（一）落户补贴。对在“天英汇国际创新创业大赛”获奖的企业给予奖励。\n【人才安居奖】每人每月1500元。"
    learned = corpus_terms({"x": text}, [])
    assert {"落户补贴", "天英汇国际创新创业大赛", "人才安居奖"} <= set(learned)


def test_learned_terms_stay_whole_and_change_the_fingerprint() -> None:
    name = "青榕星火计划"
    assert name not in tok.tokenize(f"{name}支持多少")
    tok.learn([name])
    assert name in tok.tokenize(f"{name}支持多少") and name in tok.user_terms()
    assert tok.corpus_fingerprint([name]) != tok.corpus_fingerprint([]) == tok.fingerprint()
