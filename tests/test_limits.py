"""Every input bounded before it is parsed (issue 15, cases 1, 2 and 5): fast, linear, a Chinese message.

Each case here failed on the code before the change: a 60,000-character numeral kept ``parse_amount`` busy for
minutes, a 1,000,000-digit base raised ``decimal.Overflow``, article 100 raised ``IndexError`` in ``int_to_cn``.
Timing is not asserted here (see ``benchmarks/fuzz.py``); the tests run the inputs that used to take minutes,
so a regression shows as a hung test (pytest-timeout).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from policyqa import limits, numbers
from policyqa.chunk import int_to_cn
from policyqa.errors import InputError, NotFoundError
from policyqa.lookup import lookup, norm_locator

CJK = re.compile(r"[\u4e00-\u9fff]")
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text", ["九" * 60_000 + "万", "9" * 1_000_000, "一" * 100_000, "1" * 5000 + "万元"])
def test_huge_amount_is_refused_before_parsing(text: str) -> None:
    with pytest.raises(InputError) as info:
        numbers.parse_amount(text)
    assert "过长" in str(info.value) and len(str(info.value)) < 120


@pytest.mark.parametrize("text", ["1" * 40, "9" * 39 + "亿", "九千九百九十九万亿亿亿亿亿亿亿亿亿亿"])
def test_long_but_allowed_amount_is_a_message_not_an_overflow(text: str) -> None:
    with pytest.raises(InputError) as info:  # 1e39 yuan: too large, never decimal.Overflow
        numbers.parse_amount(text)
    assert CJK.search(str(info.value))


def test_find_amounts_in_a_long_run_of_numerals_finds_no_piece_of_it() -> None:
    text = "我们拿到" + "九" * 60_000 + "万补贴，另有" + "9" * 50_000 + "元"
    assert numbers.find_amounts(text) == []
    text = "补贴" + "九" * 5000 + "万，丰台最多配套五百万"
    start = text.index("五百万")
    assert numbers.find_amounts(text) == [(Decimal(5_000_000), start, start + 3)]


def test_ordinary_amounts_still_parse() -> None:
    assert numbers.parse_amount("一千二百三十四万五千六百七十八元") == Decimal(12_345_678)
    assert numbers.parse_amount("1,500,000元") == Decimal(1_500_000)
    assert [a for a, *_ in numbers.find_amounts("10-20万元，最高200万元，1000元2")] == [
        Decimal(100_000), Decimal(200_000), Decimal(2_000_000), Decimal(1000)]


@pytest.mark.parametrize(("n", "cn"), [(1, "一"), (10, "十"), (15, "十五"), (99, "九十九"), (100, "一百"),
                                        (101, "一百零一"), (110, "一百一十"), (1000, "一千"), (10010, "一万零一十")])
def test_int_to_cn_any_article_number(n: int, cn: str) -> None:
    assert int_to_cn(n) == cn


def test_int_to_cn_out_of_range_is_digits_not_a_crash() -> None:
    assert int_to_cn(10**20) == str(10**20) and int_to_cn(-1) == "-1"


@pytest.mark.parametrize("query", ["丰台 第100条", "丰台 第110条", "第12345条", "丰台 第" + "9" * 5000 + "条"])
def test_lookup_of_a_large_article_number_is_not_found(corpus, query: str) -> None:
    with pytest.raises(NotFoundError) as info:
        lookup(corpus, query)
    assert "找不到条款" in str(info.value)


def test_norm_locator_reads_arabic_article_numbers() -> None:
    assert norm_locator("第100条") == "第一百条" and norm_locator("第14条") == "第十四条"


@pytest.mark.parametrize(("value", "expected"), [("3", 3), (7, 7), ("１２", 12), (" 5 ", 5), ("4.0", 4), (None, None),
                                                 ("", None)])
def test_count_accepts_small_integers(value: object, expected: int | None) -> None:
    assert limits.count(value) == expected


@pytest.mark.parametrize(("value", "fragment"), [
    ("9" * 2_000_000, "过长"), (10**100, "过大"), ("-3", "负数"), ("abc", "整数"), ("1e3", "整数"),
    ([1, 2], "整数"), ({"a": 1}, "整数"), (True, "整数"), ("2000000", "过大"), (float("nan"), "整数"),
])
def test_count_rejects_with_chinese_message(value: object, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        limits.count(value)
    assert fragment in str(info.value) and len(str(info.value)) < 100


@pytest.mark.parametrize("value", ["9" * 1_000_000, [500], {"x": 1}, 10**200])
def test_amount_field_is_bounded_and_typed(value: object) -> None:
    with pytest.raises(InputError) as info:
        limits.amount(value)
    assert CJK.search(str(info.value)) and len(str(info.value)) < 120


def test_turns_bound_type_count_and_length() -> None:
    assert limits.turns("问题", ["上一轮"]) == ("问题", ["上一轮"])
    assert limits.turns(["一", "二"], None) == ("二", ["一"])
    for bad, fragment in [(["丰台"] * 501, "轮数过多"), ({"q": 1}, "文字列表"), (42, "文字列表"),
                          ([1, 2], "应为文字"), ([["嵌套"]], "应为文字"), ("长" * 2001, "过长")]:
        with pytest.raises(InputError, match=fragment):
            limits.turns(bad, None)
    with pytest.raises(InputError, match="历史对话应为文字列表"):
        limits.turns("问题", "不是列表")


def test_text_rejects_wrong_types_with_the_field_name() -> None:
    with pytest.raises(InputError, match="查询应为文字，收到列表"):
        limits.text(["丰台 第十四条"], "查询", 100)
    assert limits.text("  丰台  ", "查询", 100) == "丰台"


@pytest.mark.parametrize("bad", ["\ud800", "首台套\udfff", "500万\ud83d"])
def test_a_lone_surrogate_is_refused_at_the_edge_with_a_message(bad: str) -> None:
    """Half an emoji cannot be encoded anywhere downstream (message, JSON, log): refused first, in Chinese."""
    from policyqa import limits
    from policyqa.errors import InputError

    for check in (lambda: limits.text(bad, "问题", 2000), lambda: limits.amount(bad),
                  lambda: limits.turns(bad), lambda: limits.optional_text(bad, "级别")):
        with pytest.raises(InputError, match="无法识别的字符"):
            check()
