"""Chinese money amounts and percentages ↔ ``Decimal`` yuan.

All money is ``Decimal`` yuan; a ratio is a ``Decimal`` fraction (30% → 0.3).
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext

import cn2an

from policyqa.errors import InputError

MAX_YUAN = Decimal("1e13")  # 10万亿: larger figures are typos or garbage, not policy money
MAX_AMOUNT_CHARS = 40  # checked before any parsing: numeral parsing is super-linear in the length
MAX_NUMERAL_CHARS = 24  # one numeral inside free text (一千二百三十四万五千六百七十八 has 15)
# Arithmetic on amounts: enough digits for any figure up to MAX_YUAN with cents, small exponents,
# every condition an error (never a silently rounded or infinite amount).
AMOUNT_CONTEXT = Context(prec=34, Emax=40, Emin=-40, traps=[InvalidOperation, Overflow, DivisionByZero])

_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
# Full-width digits/punctuation map one-to-one, so spans found in the mapped text hold for the original.
_WIDTH = str.maketrans("０１２３４５６７８９．％，　", "0123456789.%, ")
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUM = "零〇一二两三四五六七八九十百千万亿点"

# Bounded repetitions: a run of 10,000 digits or numerals is read as short pieces (then skipped as
# parts of a longer number), so scanning stays linear and no parser sees a long numeral.
_AR = r"\d{1,3}(?:,\d{3}){1,6}(?:\.\d{1,12})?|\d{1,20}(?:\.\d{1,12})?"
# A Chinese numeral must start with a digit word or 十, so 千万/百亿级 in prose are not read as amounts.
_CN = rf"[{_CN_DIGITS}十](?:[{_CN_DIGITS}十百千万亿]|点(?=[{_CN_DIGITS}])){{0,{MAX_NUMERAL_CHARS - 1}}}"
_AMOUNT_RE = re.compile(
    rf"(?P<pre>[¥￥]\s*)?"
    rf"(?:(?P<lo>{_AR})\s*(?:[-~～—–至到]|－)\s*)?"
    rf"(?P<num>{_AR}|{_CN})"
    rf"\s*(?P<ge>个)?(?P<unit>[十百千]?万亿?|[十百千]?亿)?\s*(?P<yuan>元|块钱?)?"
)
# Words that make "3万" a count of people, square metres … rather than money.
_NOT_MONEY_AFTER = (*"人名家户个台套辆件项次吨亩米平册张只位条级倍度批所栋", "千瓦", "公里", "平方")


def _clean(text: str) -> str:
    return text.translate(_WIDTH).strip()


def _to_decimal(number: str) -> Decimal:
    """Arabic or Chinese numeral (no money unit) → Decimal."""
    number = number.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", number):
        return Decimal(number)
    try:
        value = cn2an.cn2an(number, "normal")
    except Exception as err:  # cn2an raises assorted types for malformed numerals
        raise ValueError(str(err)) from None
    return Decimal(str(value))


def _unit_factor(unit: str) -> Decimal:
    factor = Decimal(1)
    for ch in unit:
        factor *= _UNIT[ch]
    return factor


def _check(value: Decimal, text: str) -> Decimal:
    if not value.is_finite():
        raise InputError(f"金额「{text}」不是有效数字")
    if value < 0:
        raise InputError(f"金额不能为负数：「{text}」")
    if value > MAX_YUAN:
        raise InputError(f"金额「{text}」过大（超过10万亿元），请检查输入")
    return value


def _value(num: str, unit: str) -> Decimal:
    """Value of ``num`` followed by money ``unit`` (e.g. 1800 + 万, 八百万 + '', 一点五 + 亿)."""
    if re.fullmatch(_AR, num):
        value = _to_decimal(num) * _unit_factor(unit)
    else:
        try:
            value = _to_decimal(num + unit)
        except ValueError:
            # cn2an rejects 一点五亿; the number part alone parses, so scale it by the trailing units.
            cn = re.fullmatch(r"(.+?)([万亿]*)", num + unit)
            assert cn is not None
            value = _to_decimal(cn[1]) * _unit_factor(cn[2])
    # Keep integral values free of a trailing ".0" so they print and compare cleanly.
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


# 「5亿3千万」「1亿2千8」「1亿2000万」「1亿2」: 亿 and the rest of the figure after it, as people type it.
_MIXED = re.compile(
    r"(?<![\d.])(?P<yi>\d{1,4}(?:\.\d{1,4})?)\s*个?亿(?:"
    r"(?P<q>\d)千(?:(?P<b>\d)百?)?万?"
    r"|(?P<w>\d{1,4})万"
    r"|(?P<d>\d)(?![\d.%％个亿万千百])"
    r")\s*(?:元|块钱?)?"
)


# 「一亿五」「两个亿三」: the spoken form, a digit word after 亿 being its tenths (1.5亿, 2.3亿).
_CN_MIXED = re.compile(r"(?<![零〇一二两三四五六七八九十百千万亿点\d])(?P<yi>[一二两三四五六七八九十]{1,3})\s*个?亿"
                       r"(?P<d>[一二两三四五六七八九])(?![零〇一二两三四五六七八九十百千万亿点\d个%％])\s*(?:元|块钱?)?")


# 「4百50万」「3千5百万」「1千2百万」: Arabic digits with 千/百/十 between, then 万 or 亿.
# (not after 亿: 「1亿2千5百万」 is one figure, read by _MIXED)
_DIGIT_UNITS = re.compile(r"(?<![\d.亿])(?P<run>\d[千百十](?:\d[千百十]?){1,3})\s*(?P<big>万|亿)(?:元|块钱?)?")


# 「一个半亿」「两个半亿」「半个亿」「3个半亿」: a whole and a half of 亿 (or 万).
_HALF = re.compile(r"(?<![零〇一二两三四五六七八九十百千万亿点\d.])(?:(?P<n>[一二两三四五六七八九十]|\d{1,3})个半|半个)"
                   r"(?P<big>万|亿)(?:元|块钱?)?")


def _digit_units(run: str) -> Decimal:
    total, last = 0, 1
    for digits, unit in re.findall(r"(\d+)([千百十]?)", run):
        if unit:
            total, last = total + int(digits) * _UNIT[unit], _UNIT[unit]
        else:  # a bare tail: 3千5 is 3500 (the next unit down), 4百50 is 450 (the digits as they stand)
            total += int(digits) * (last // 10) if len(digits) == 1 else int(digits)
    return Decimal(total)


def _mixed(m: re.Match[str]) -> Decimal:
    if m.re is _HALF:
        return ((_to_decimal(m["n"]) if m["n"] else Decimal(0)) * 2 + 1) * _UNIT[m["big"]] / 2
    if m.re is _DIGIT_UNITS:
        return _digit_units(m["run"]) * _UNIT[m["big"]]
    if m.re is _CN_MIXED:
        return _to_decimal(m["yi"]) * 10**8 + _to_decimal(m["d"]) * 10**7
    value = Decimal(m["yi"]) * 10**8
    if m["q"]:
        value += Decimal(m["q"]) * 10**7 + Decimal(m["b"] or 0) * 10**6
    elif m["w"]:
        value += Decimal(m["w"]) * 10**4
    else:
        value += Decimal(m["d"]) * 10**7
    return value


def parse_amount(text: str) -> Decimal:
    """Parse one amount such as "1.5个亿", "八百万", "16.5万元", "1,500,000元" into yuan."""
    if not isinstance(text, str):
        raise InputError(f"金额应为文字，收到：{type(text).__name__}")
    if len(text) > MAX_AMOUNT_CHARS:
        raise InputError(f"金额「{text[:20]}…」过长（{len(text)} 字），请输入不超过 {MAX_AMOUNT_CHARS} 字的金额")
    raw = _clean(text)
    s = re.sub(r"\s+", "", raw)
    if s.lower() in {"nan", "inf", "-inf", "+inf", "infinity"}:
        raise InputError(f"金额「{text}」不是有效数字")
    if s.startswith(("-", "负", "－")):
        raise InputError(f"金额不能为负数：「{text}」")
    s = re.sub(r"^(?:人民币|[¥￥])", "", s)
    s = re.sub(r"(?:元|块钱?|人民币)$", "", s)
    if (mixed := _MIXED.fullmatch(s) or _CN_MIXED.fullmatch(s) or _DIGIT_UNITS.fullmatch(s)) is not None:
        return _check(_mixed(mixed), text)
    m = re.fullmatch(rf"(?P<num>{_AR}|{_CN})(?:个)?(?P<unit>[十百千万亿]*)", s)
    if not m or not s:
        raise InputError(f"无法识别的金额：「{text}」")
    num, unit = m["num"], m["unit"]
    if not re.fullmatch(_AR, num):
        num, unit = num + unit, ""
    try:
        with localcontext(AMOUNT_CONTEXT):
            value = _value(num, unit)
    except (ValueError, KeyError, IndexError, ArithmeticError):
        raise InputError(f"无法识别的金额：「{text}」") from None
    return _check(value, text)


def parse_ratio(text: str) -> Decimal:
    """Parse "30%", "百分之二十", "1.5%" into a fraction (0.3, 0.2, 0.015)."""
    if not isinstance(text, str):
        raise InputError(f"比例应为文字，收到：{type(text).__name__}")
    if len(text) > MAX_AMOUNT_CHARS:
        raise InputError(f"比例「{text[:20]}…」过长（{len(text)} 字）")
    s = re.sub(r"\s+", "", _clean(text))
    if s.startswith(("-", "负")):
        raise InputError(f"比例不能为负数：「{text}」")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)%", s) or re.fullmatch(rf"百分之([{_CN_NUM}]+|\d+(?:\.\d+)?)", s)
    if not m:
        raise InputError(f"无法识别的比例：「{text}」")
    try:
        with localcontext(AMOUNT_CONTEXT):
            percent = _to_decimal(m[1])
    except (ValueError, KeyError, IndexError, ArithmeticError):
        raise InputError(f"无法识别的比例：「{text}」") from None
    if not percent.is_finite() or percent > 100:
        raise InputError(f"比例「{text}」超出 0%–100% 的范围")
    return percent / 100


def _is_money(text: str, m: re.Match[str]) -> bool:
    if m["yuan"] and m["yuan"].startswith("块") and not m["unit"] and not m["pre"] and (
        text[m.start() - 1 : m.start()] in tuple("加放合搁凑在到算") or text[m.end() : m.end() + 1] == "儿"
    ):
        return False  # 「加一块最多多少」「放一块儿算」: together, not one yuan
    if m["pre"] or m["yuan"]:
        return True
    scale = (m["unit"] or "") + ("" if re.fullmatch(_AR, m["num"]) else m["num"])
    if "万" not in scale and "亿" not in scale:
        return False  # bare numbers, years (2029年), percentages are not amounts
    rest = text[m.end() :].lstrip("余多")
    return not rest.startswith(_NOT_MONEY_AFTER)


def _cut_short(text: str, m: re.Match[str]) -> bool:
    """True when the numeral stopped at its length bound, inside a longer run of digits or numerals."""
    end = m.end("num")
    if end >= len(text):
        return False
    if re.fullmatch(_AR, m["num"]):
        return text[end].isdigit()
    return text[end] in _CN_NUM and text[end] != "点"


def find_amounts(text: str) -> list[tuple[Decimal, int, int]]:
    """Every money amount stated in ``text`` as (yuan, start, end), in order of appearance.

    Needs a money unit (元/万/亿, 个亿, or a ¥ sign); "10-20万元" yields both ends.
    """
    mapped = text.translate(_WIDTH)
    found: list[tuple[Decimal, int, int]] = []
    spoken = [*_MIXED.finditer(mapped), *_CN_MIXED.finditer(mapped), *_DIGIT_UNITS.finditer(mapped),
              *_HALF.finditer(mapped)]
    mixed = [(m.start(), m.end()) for m in spoken]
    found += [(_mixed(m), m.start(), m.end()) for m in spoken]
    for m in _AMOUNT_RE.finditer(mapped):
        start = m.start()
        if any(a <= start < b for a, b in mixed):
            continue  # read above as one figure
        if start > 0 and re.match(r"[\w.]", mapped[start - 1]) and not re.match(r"[^\x00-\x7f]", mapped[start - 1]):
            continue  # part of a code like GB/T4754 or v1.5
        if start > 0 and mapped[start - 1] in _CN_NUM and not m["lo"]:
            continue
        end = m.end()
        while end > start and mapped[end - 1] == " ":
            end -= 1
        if not _is_money(mapped, m) or mapped[m.end() : m.end() + 1] == "%":
            continue
        unit = m["unit"] or ""
        if _cut_short(mapped, m):
            continue  # a piece of a longer number (the repetitions are bounded), not an amount
        try:
            with localcontext(AMOUNT_CONTEXT):
                values = [_value(m["num"], unit)]
                if m["lo"]:
                    values.insert(0, _value(m["lo"], unit))
        except (ValueError, KeyError, IndexError, ArithmeticError):
            continue
        if any(v > MAX_YUAN for v in values):
            continue
        if m["lo"]:
            found.append((values[0], start, start + len(m["lo"])))
            found.append((values[1], m.start("num"), end))
        else:
            found.append((values[0], start, end))
    return sorted(found, key=lambda f: f[1])


def _plain(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def format_yuan(d: Decimal) -> str:
    """1500000 → "1,500,000 元" (cents shown only when present)."""
    d = Decimal(d)
    cents = d.quantize(Decimal("0.01"))
    if cents == cents.to_integral_value():
        return f"{int(cents):,} 元"
    return f"{cents:,.2f} 元"


def format_wan(d: Decimal) -> str:
    """1500000 → "150万元", 100000000 → "1亿元", 50000000 → "5000万元", 800 → "800元"."""
    d = Decimal(d)
    if abs(d) >= Decimal(10**8):
        return f"{_plain(d / 10**8)}亿元"
    if abs(d) >= Decimal(10**4):
        return f"{_plain(d / 10**4)}万元"
    return f"{_plain(d)}元"


def percent(ratio: Decimal) -> str:
    """0.3 → "30%", 0.015 → "1.5%"."""
    return f"{_plain(Decimal(ratio) * 100)}%"
