"""Chinese amounts and ratios: real phrasings, bad input, and properties."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyqa.errors import InputError
from policyqa.numbers import find_amounts, format_wan, format_yuan, parse_amount, parse_ratio

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("1.5个亿", 150_000_000),
        ("八百万", 8_000_000),
        ("五百万", 5_000_000),
        ("1800万", 18_000_000),
        ("3.6个亿", 360_000_000),
        ("一千二百万", 12_000_000),
        ("12个亿", 1_200_000_000),
        ("5000万元", 50_000_000),
        ("1亿元", 100_000_000),
        ("17万", 170_000),
        ("16.5万元", 165_000),
        ("2000万元", 20_000_000),
        ("100亿元", 10_000_000_000),
        ("1,500,000元", 1_500_000),
        ("300万", 3_000_000),
        ("两个亿", 200_000_000),
        ("一点五亿", 150_000_000),
        ("3千万", 30_000_000),
        ("十二个亿", 1_200_000_000),
        ("１８００万", 18_000_000),
        ("1,500,000 元", 1_500_000),
        ("￥300", 300),
        ("8000", 8000),
    ],
)
def test_parse_amount_table(text: str, yuan: int) -> None:
    assert parse_amount(text) == Decimal(yuan)


@pytest.mark.parametrize(
    ("text", "ratio"),
    [
        ("30%", "0.3"),
        ("百分之二十", "0.2"),
        ("1.5%", "0.015"),
        ("0.5%", "0.005"),
        ("百分之一点五", "0.015"),
        ("１５％", "0.15"),
        ("100%", "1"),
    ],
)
def test_parse_ratio_table(text: str, ratio: str) -> None:
    assert parse_ratio(text) == Decimal(ratio)


@pytest.mark.parametrize(
    "text", ["", "abc", "-5万", "负五百万", "NaN", "inf", "1e30", "万元", "99999999亿", "五点", "1..5万"]
)
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(InputError) as err:
        parse_amount(text)
    message = str(err.value)
    assert CJK.search(message)
    assert text in message or not text  # names the bad value


@pytest.mark.parametrize("text", ["", "百分之二百", "-3%", "150%", "三成", "30"])
def test_parse_ratio_rejects(text: str) -> None:
    with pytest.raises(InputError, match="比例"):
        parse_ratio(text)


def test_non_string_rejected() -> None:
    with pytest.raises(InputError):
        parse_amount(5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("最高支持200万元", [("200万元", 2_000_000)]),
        ("补贴合计 1,500,000 元。", [("1,500,000 元", 1_500_000)]),
        ("按照不超过市级补贴资金的30%给予最高200万元支持", [("200万元", 2_000_000)]),
        ("有效期至2029年12月31日，第二十七条", []),
        (
            "给予最高100万元、50万元、30万元、20万元支持",
            [("100万元", 10**6), ("50万元", 5 * 10**5), ("30万元", 3 * 10**5), ("20万元", 2 * 10**5)],
        ),
        ("每年安排100亿元资金支持高精尖产业", [("100亿元", 10**10)]),
        ("获得市级补贴五百万，投了1.5个亿", [("五百万", 5 * 10**6), ("1.5个亿", 15 * 10**7)]),
        ("去年营收3个亿，今年做到3.6个亿", [("3个亿", 3 * 10**8), ("3.6个亿", 36 * 10**7)]),
        ("吸纳3万人就业，建设225平方公里，培育百亿级企业", []),
        ("支持10-20万元", [("10", 10**5), ("20万元", 2 * 10**5)]),
        ("按1%、1.5%、0.5%给予支持", []),
        ("依据GB/T4754-2017标准，5G芯片", []),
        ("签了1000万合同，每家最高5万元", [("1000万", 10**7), ("5万元", 5 * 10**4)]),
    ],
)
def test_find_amounts_sentences(text: str, expected: list[tuple[str, int]]) -> None:
    found = find_amounts(text)
    assert [(text[s:e], v) for v, s, e in found] == [(t, Decimal(v)) for t, v in expected]


@pytest.mark.parametrize("name", ["fengtai_smart_manufacturing_draft.txt", "yizhuang_four_industries.txt"])
def test_find_amounts_on_corpus_matches_independent_scan(name: str) -> None:
    """Every "N万元/N亿元/N元" in the real text is found, and nothing is found that is not money."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    simple = [(m.start(), m.end()) for m in re.finditer(r"\d+(?:\.\d+)?[万亿]?元", text)]
    found = find_amounts(text)
    spans = [(s, e) for _, s, e in found]
    for span in simple:
        assert span in spans, text[span[0] : span[1]]
    for value, s, e in found:
        piece = text[s:e]
        assert value > 0
        assert re.search(r"[元万亿]$", piece), piece
        assert not text[e:].startswith(("%", "年")), piece


# ─────────────── properties ───────────────

cents = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e13"), places=2, allow_nan=False)


@given(cents)
def test_round_trip_format_wan(d: Decimal) -> None:
    assert parse_amount(format_wan(d)) == d


@given(cents)
def test_round_trip_format_yuan(d: Decimal) -> None:
    assert parse_amount(format_yuan(d)) == d


@given(st.integers(1, 10**4), st.integers(1, 10**4), st.sampled_from(["元", "万", "万元", "亿元", "个亿"]))
def test_monotone_in_number(a: int, b: int, unit: str) -> None:
    lo, hi = sorted((a, b))
    pa, pb = parse_amount(f"{lo}{unit}"), parse_amount(f"{hi}{unit}")
    assert pa <= pb
    assert (pa < pb) == (lo < hi)


@given(st.integers(1, 9999), st.sampled_from(["万", "亿"]))
def test_chinese_numerals_agree_with_arabic(n: int, unit: str) -> None:
    assert parse_amount(cn2an.an2cn(n) + unit) == parse_amount(f"{n}{unit}")


@given(cents, st.integers(1990, 2099), st.integers(1, 99))
def test_find_amounts_in_answer_text(d: Decimal, year: int, pct: int) -> None:
    """Generated answer text: the amount is found exactly; the year and the percentage are not amounts."""
    sentence = f"依据第十四条，{year}年起按照{pct}%计算，最高支持{format_wan(d)}，即{format_yuan(d)}。"
    assert [v for v, _, _ in find_amounts(sentence)] == [d, d]


@pytest.mark.parametrize(
    ("text", "yuan"),
    [("5亿3千万", 530_000_000), ("1亿2千8", 128_000_000), ("1亿2", 120_000_000), ("2亿6千万元", 260_000_000),
     ("1亿2000万", 120_000_000), ("3个亿2千万", 320_000_000)],
)
def test_yi_then_the_rest_of_the_figure(text: str, yuan: int) -> None:
    assert parse_amount(text) == yuan
    assert [v for v, _, _ in find_amounts(f"营收{text}，增速不错")] == [yuan]


def test_yi_then_a_count_is_two_things() -> None:
    assert [v for v, _, _ in find_amounts("投了1亿2个项目")] == [100_000_000]
