"""The shared tokenizer: policy terms stay whole, surface variants fold to one form."""

from __future__ import annotations

import threading

import pytest

from policyqa import tokenize as tok
from policyqa.tokenize import normalize, tokenize


@pytest.mark.parametrize(
    "term",
    [
        "专精特新",
        "小巨人",
        "首台套",
        "灯塔工厂",
        "升规纳统",
        "揭榜挂帅",
        "征求意见稿",
        "丰泽计划",
        "白菜心工程",
        "隐形冠军",
        "单项冠军",
        "数字化达标",
        "智能工厂",
        "首轮流片",
        "经开区",
        "亦庄",
        "门头沟",
        "丰台",
        "怀柔",
        "8条政策",
        "6688",
        "服务包",
        "一事一议",
    ],
)
def test_policy_terms_kept_whole(term: str) -> None:
    assert term in tokenize(f"关于{term}的支持政策")


def test_every_user_dictionary_term_survives_tokenization() -> None:
    for term in tok.user_terms():
        assert term in tokenize(term), term


def test_traditional_to_simplified() -> None:
    assert normalize("經開區的「白菜心工程」是哪個單位負責") == "经开区的「白菜心工程」是哪个单位负责"
    assert tokenize("門頭溝說的「數字化達標」") == tokenize("门头沟说的「数字化达标」")
    assert "门头沟" in tokenize("門頭溝")


def test_full_width_to_half_width_and_lower_case() -> None:
    assert normalize("ＡＢＣ１２３％（套）") == "abc123%(套)"
    assert tokenize("固定资产投资１８００万") == tokenize("固定资产投资1800万")
    assert "5g工厂" in tokenize("５Ｇ工厂")


def test_first_set_spellings_fold_to_one_token() -> None:
    for spelling in ("首台（套）", "首台(套)", "首台套", "首臺（套）"):
        assert "首台套" in tokenize(f"北京市{spelling}重大技术装备"), spelling


@pytest.mark.parametrize(
    ("typo", "fixed"),
    [("小钜人", "小巨人"), ("补帖", "补贴"), ("调式", "调试"), ("扶植", "扶持")],
)
def test_typos_mapped(typo: str, fixed: str) -> None:
    assert fixed in normalize(f"关于{typo}的问题")
    assert set(tokenize(f"企业{typo}")) >= set(tokenize(fixed))


def test_abbreviation_adds_full_form() -> None:
    tokens = tokenize("公司今年第一次进了工业规上")
    assert "规上" in tokens and "规模以上" in tokens
    assert "规模以上" in tokenize("首次纳入工业规模以上统计范围")


def test_stopwords_and_punctuation_dropped_numbers_kept() -> None:
    tokens = tokenize("我们的公司能拿多少钱？最高200万元，30%！")
    for dropped in ("我们", "的", "能", "多少", "？", "，", "！"):
        assert dropped not in tokens
    assert "200" in tokens and "30%" in tokens


def test_empty_and_whitespace() -> None:
    assert tokenize("") == []
    assert tokenize(" \n\t ") == []


def test_same_function_at_index_and_query_time_is_deterministic() -> None:
    text = "对获得市级首台（套）项目补贴的企业，按照不超过市级补贴资金的30%给予最高200万元支持。"
    assert tokenize(text) == tokenize(text)
    assert {"首台套", "市级补贴", "200", "30%"} <= set(tokenize(text))


def test_lazy_initialisation_is_thread_safe(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(tok, "_jieba", None)
    tok.configure(tmp_path / "jieba-cache")
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(tokenize("丰台区首台套补贴"))
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    tok.configure(None)
    assert not errors
    assert len({tuple(r) for r in results}) == 1
    assert any(p.name.startswith("jieba") for p in (tmp_path / "jieba-cache").iterdir())


def test_fingerprint_covers_the_data_files(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    before = tok.fingerprint()
    edited = tmp_path / "userdict.txt"
    edited.write_text(tok.USERDICT.read_text(encoding="utf-8") + "新词 100 n\n", encoding="utf-8")
    monkeypatch.setattr(tok, "USERDICT", edited)
    tok.fingerprint.cache_clear()
    try:
        assert tok.fingerprint() != before
    finally:
        monkeypatch.undo()
        tok.fingerprint.cache_clear()
    assert tok.fingerprint() == before
