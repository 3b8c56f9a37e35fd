"""Metadata a policy text states about itself: title, issuer, 文号, dates, validity, status, district.

Every field is read from the text (or the file format's own hints); a field the file does not carry
is ``None`` and listed in ``missing`` — nothing is filled in by guesswork. Related facts that are *not*
the field (a web page's publication date, the body that interprets the rules) are shown as notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from policyqa.chunk import RE_ARTICLE, cn_to_int
from policyqa.places import Gazetteer, stem

FIELDS = ("title", "issuer", "doc_number", "issued", "effective", "expires", "validity", "status", "district")
LABELS = {
    "title": "标题",
    "issuer": "发文机关",
    "doc_number": "文号",
    "issued": "印发日期",
    "effective": "施行日期",
    "expires": "失效日期",
    "validity": "有效期说明",
    "status": "状态",
    "district": "所属区",
}
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_DATE = re.compile(
    r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,16}\s*[〔［\[【（(]\s*(?:19|20)\d{2}\s*[〕］\]】）)]\s*第?\s*\d{1,4}\s*号")
_TITLE_END = re.compile(
    r"(办法|规定|措施|意见|细则|通知|方案|政策|条例|规划|决定|指引|清单|若干条)(（[^）]*）|\([^)]*\))?$"
)
_ORG_END = re.compile(r"(局|委|部|厅|办|政府|办公室|委员会|管委会|管理委员会|中心|院|会|处|署)$")
_NOTICE = re.compile(r"^关于印发.{4,80}的通知$")
_EFFECTIVE = re.compile(r"自\s*(?P<date>[^，。；,;]{6,16}?日)\s*起\s*(?:施行|实施|执行|生效)")
_FROM_ISSUE = re.compile(r"自\s*(?:发布|印发|公布)之日起\s*(?:施行|实施|执行|生效)")
_YEARS = re.compile(r"有效期\s*(?:为)?\s*(\d{1,2}|[一二三四五六七八九十两]{1,2})\s*年")
_UNTIL = re.compile(r"有效期\s*(?:至|到|截至)\s*(?P<date>[^，。；,;]{6,16}?日)")
_INTERPRET = re.compile(r"由\s*([^，。；]{2,40}?)\s*负责解释")
_DRAFT = "征求意见稿"


@dataclass
class Metadata:
    values: dict[str, str | None]
    notes: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # district aliases found in the text

    @property
    def missing(self) -> list[str]:
        return [f for f in FIELDS if not self.values.get(f)]


def parse_date(text: str) -> date | None:
    """2023年9月8日 / 二〇一八年一月一日 → date."""
    m = _DATE.search(text)
    if not m:
        return None
    y, mo, d = m.groups()
    year = int(y) if y.isdigit() else int("".join(str(_CN_DIGIT[c]) for c in y))
    try:
        return date(year, int(mo) if mo.isdigit() else cn_to_int(mo), int(d) if d.isdigit() else cn_to_int(d))
    except ValueError:
        return None


def add_years(start: date, years: int) -> date:
    """The last day of a validity of ``years`` from ``start``: 2023-09-08 + 3 年 → 2026-09-07."""
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    return end - timedelta(days=1)


def _header(lines: list[str]) -> list[str]:
    """Lines before the first article / numbered part: where 文号, issuer and issue date are printed."""
    for i, line in enumerate(lines):
        if RE_ARTICLE.match(line) or re.match(r"^(第[一二三四五六七八九十]+章|一、)", line):
            return lines[:i]
    return lines[:15]


def _title(lines: list[str], hints: dict[str, str]) -> str | None:
    if hints.get("title"):
        return hints["title"]
    for line in lines[:3]:
        if 6 <= len(line) <= 80 and "。" not in line and _TITLE_END.search(line) and not RE_ARTICLE.match(line):
            return line
    return None


def _doc_number(header: list[str]) -> str | None:
    for line in header:
        m = _DOC_NUMBER.search(line)
        # On a line of its own (or a short header line), not cited inside a sentence: 《…》(国发〔2017〕5号).
        if m and len(line) <= 40 and "《" not in line and not re.search(r"[（(]\s*$", line[: m.start()]):
            return re.sub(r"\s+", "", m.group())
    return None


def _issuer(header: list[str]) -> str | None:
    for i, line in enumerate(header):
        if _NOTICE.match(line) and i > 0:
            orgs = header[i - 1].split()
            if orgs and all(_ORG_END.search(o) for o in orgs):
                return "、".join(orgs)
    for i, line in enumerate(header):  # signature lines right above a date line
        if _DATE.fullmatch(line.strip()) and i > 0:
            orgs: list[str] = []
            j = i - 1
            while j >= 0 and len(header[j]) <= 30 and _ORG_END.search(header[j]) and "。" not in header[j]:
                orgs.insert(0, header[j])
                j -= 1
            if orgs:
                return "、".join(orgs)
    return None


def _issued(header: list[str], lines: list[str]) -> date | None:
    for line in header:
        if _DATE.fullmatch(line.strip()):
            return parse_date(line)
    for line in lines[-5:]:
        if re.fullmatch(rf"{_DATE.pattern}\s*印发", line.strip()):
            return parse_date(line)
    return None


def _validity(lines: list[str], issued: date | None) -> tuple[date | None, date | None, str | None, list[str]]:
    """(effective, expires, wording with its article, notes)."""
    effective = expires = None
    wording = None
    notes: list[str] = []
    for line in lines:
        eff = _EFFECTIVE.search(line)
        from_issue = _FROM_ISSUE.search(line)
        until = _UNTIL.search(line)
        years = _YEARS.search(line)
        if not (eff or from_issue or until or years):
            continue
        article = RE_ARTICLE.match(line)
        sentence = re.split(r"(?<=。)", line[article.end(1) :].strip() if article else line)
        stated = (_EFFECTIVE, _FROM_ISSUE, _UNTIL, _YEARS)
        wording = "".join(s for s in sentence if any(r.search(s) for r in stated)).strip() or line
        if article:
            wording = f"{wording}（{article.group(1)}）"
        if eff:
            effective = parse_date(eff.group("date"))
        elif from_issue and issued:
            effective = issued
            notes.append("施行日期：文件规定自发布之日起施行，取印发日期")
        if until:
            expires = parse_date(until.group("date"))
        elif years and effective:
            n = int(years.group(1)) if years.group(1).isdigit() else cn_to_int(years.group(1).replace("两", "二"))
            expires = add_years(effective, n)
        break
    return effective, expires, wording, notes


def _district(title: str | None, text: str, gazetteer: Gazetteer) -> tuple[str | None, list[str]]:
    """The county-level place the title names, else the one the text names most often."""
    for source in (title or "", text):
        counts: dict[str, int] = {}
        for _matched, place in gazetteer.find(source):
            if place.level == 3:
                counts[place.name] = counts.get(place.name, 0) + 1
        if counts:
            name = max(counts, key=lambda n: counts[n])
            short = stem(name)
            aliases = [short] if short != name else []
            aliases += sorted({m for m in re.findall(rf"{re.escape(short)}新区", text + (title or ""))})
            return name, aliases
    return None, []


def extract_metadata(text: str, hints: dict[str, str] | None = None) -> Metadata:
    """Read the metadata fields from a document's text (and its format's hints)."""
    hints = hints or {}
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    header = _header(lines)
    title = _title(lines, hints)
    issued = _issued(header, lines)
    effective, expires, wording, notes = _validity(lines, issued)
    body = "\n".join(lines)
    status = _DRAFT if _DRAFT in (title or "") or _DRAFT in "\n".join(header) else "已印发"
    district, aliases = _district(title, body, Gazetteer.load())
    if wording and not expires:
        wording = f"{wording}；未载明有效期截止日"
    values: dict[str, str | None] = {
        "title": title,
        "issuer": _issuer(header),
        "doc_number": _doc_number(header),
        "issued": issued.isoformat() if issued else None,
        "effective": effective.isoformat() if effective else None,
        "expires": expires.isoformat() if expires else None,
        "validity": wording,
        "status": status,
        "district": district,
    }
    if hints.get("published") and not issued:
        notes.append(f"网页发布日期 {hints['published'][:10]} 不一定是印发日期，未作为印发日期")
    if hints.get("source") and not values["issuer"]:
        notes.append(f"网页信息来源为「{hints['source']}」，不一定是发文机关，未作为发文机关")
    if (m := _INTERPRET.search(body)) and not values["issuer"]:
        notes.append(f"文中写明由「{m.group(1)}」负责解释（解释机关不一定是发文机关）")
    return Metadata(values, notes, aliases)
