"""Ingestion against the hand answer key: text, metadata, articles, award phrases → draft rules."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest

from policyqa import award_table, awards
from policyqa.chunk import split_document
from policyqa.errors import InputError
from policyqa.ingest.drafts import draft_rules
from policyqa.ingest.extract import extract
from policyqa.ingest.meta import add_years, extract_metadata, parse_date
from policyqa.ingest.structure import structure_report
from policyqa.numbers import parse_amount
from policyqa.types import AwardRule, Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "newdocs"
KEY = tomllib.loads((FIXTURES / "answer_key.toml").read_text(encoding="utf-8"))["doc"]
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _doc(key: dict[str, Any], title: str) -> Document:
    return Document(
        key["slug"], title, "", key["district"], (), "", None, "正文", "已印发", None, None, None, "", "", FIXTURES
    )


def _parsed(key: dict[str, Any]) -> tuple[str, Any, list[Any]]:
    extracted = extract(FIXTURES / key["file"])
    meta = extract_metadata(extracted.text, extracted.hints)
    title = meta.values["title"] or key["slug"]
    return extracted.text, meta, split_document(_doc(key, title), extracted.text)


@pytest.mark.parametrize("key", KEY, ids=[k["slug"] for k in KEY])
def test_extracted_text_matches_the_reference_text(key: dict[str, Any]) -> None:
    """The article body of the page / Word file, not the portal's navigation: every reference line is there."""
    text = _squash(extract(FIXTURES / key["file"]).text)
    reference = (FIXTURES / key["file"]).with_suffix(".txt").read_text(encoding="utf-8").splitlines()
    missing = [ln for ln in reference[1:] if _squash(ln) and _squash(ln) not in text]
    assert missing == []
    assert "您现在的位置" not in text and "浏览字号" not in text


@pytest.mark.parametrize("key", KEY, ids=[k["slug"] for k in KEY])
def test_metadata_against_the_key(key: dict[str, Any]) -> None:
    _, meta, _ = _parsed(key)
    expected = key["meta"]
    for name, value in expected.items():
        if name != "missing":
            assert meta.values[name] == value, name
    for name in expected["missing"]:
        assert meta.values[name] is None, f"{name} was filled in: {meta.values[name]}"
    assert set(expected["missing"]) <= set(meta.missing)
    assert meta.values["district"] == key["district"]


@pytest.mark.parametrize("key", KEY, ids=[k["slug"] for k in KEY])
def test_every_article_found_once(key: dict[str, Any]) -> None:
    from policyqa.chunk import int_to_cn

    _, _, clauses = _parsed(key)
    articles = [c.locator for c in clauses if re.fullmatch(r"第[一二三四五六七八九十]+条", c.locator)]
    assert articles == [f"第{int_to_cn(n)}条" for n in range(1, key["articles"] + 1)]
    report = structure_report(clauses)
    assert report.counts["条"] == key["articles"] and report.warnings == []


def _matches(rule: AwardRule, award: dict[str, Any]) -> bool:
    if rule.clause_id.split("#", 1)[1] != award["locator"]:
        return False
    quote, phrase = _squash(rule.quote), _squash(award["phrase"])
    if SequenceMatcher(None, quote, phrase).find_longest_match(0, len(quote), 0, len(phrase)).size < min(
        len(phrase), 8
    ):
        return False
    try:
        if "levels" in award:
            return [a for _, a in rule.levels] == [parse_amount(x) for x in award["levels"]]
        if "base" in award:
            got = awards.calculate(rule, base_yuan=parse_amount(award["base"])).amount_yuan
        elif "count" in award:
            got = awards.calculate(rule, count=award["count"]).amount_yuan
        else:
            got = awards.cap_result(rule).amount_yuan
    except InputError:
        return False
    return got == parse_amount(award["expect"])


def measure() -> tuple[int, int, list[str]]:
    """(matched, total, misses) of the key's award phrases by the drafted rules."""
    matched, total, misses = 0, 0, []
    for key in KEY:
        _, _, clauses = _parsed(key)
        drafts = draft_rules(clauses, key["slug"])
        rules = [award_table.build_rule(dict(r), i) for i, r in enumerate(drafts.rules, start=1)]
        for award in key["award"]:
            total += 1
            if any(_matches(r, award) for r in rules):
                matched += 1
            else:
                misses.append(f"{key['slug']} {award['locator']} {award['phrase']}")
    return matched, total, misses


def test_award_phrases_become_rules_that_compute_like_the_key() -> None:
    matched, total, misses = measure()
    assert total == 85
    assert matched / total >= 0.9, misses


@pytest.mark.parametrize("key", KEY, ids=[k["slug"] for k in KEY])
def test_drafts_are_marked_quote_their_clause_and_load(key: dict[str, Any], tmp_path: Path) -> None:
    _, _, clauses = _parsed(key)
    drafts = draft_rules(clauses, key["slug"])
    texts = {c.clause_id: c.text for c in clauses}
    for entry in drafts.rules:
        rule = award_table.build_rule(dict(entry), 1)
        assert rule.reviewed is False and rule.quote in texts[rule.clause_id]
        assert award_table.DRAFT_NOTE in awards.cap_result(rule).assumptions if rule.kind == "fixed_cap" else True
    limits = {x["clause_id"].split("#")[1] for x in drafts.limits}
    assert {x["locator"] for x in key.get("limit", [])} <= limits


def test_validity_arithmetic() -> None:
    assert parse_date("自2023年9月8日起施行") is not None
    assert add_years(parse_date("2023年9月8日"), 3).isoformat() == "2026-09-07"  # type: ignore[arg-type]
    assert add_years(parse_date("2017年1月1日"), 5).isoformat() == "2021-12-31"  # type: ignore[arg-type]
    assert parse_date("二〇一八年一月一日").isoformat() == "2018-01-01"  # type: ignore[union-attr]
    meta = extract_metadata("某区扶持办法（征求意见稿）\n第一条 本办法自发布之日起施行。")
    assert meta.values["status"] == "征求意见稿" and meta.values["effective"] is None


def test_docx_numbering_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("第一条 对新落户企业给予奖励，标准如下：")
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "级别", (0, 1): "奖励", (1, 0): "国家级", (1, 1): "100万元"}.items():
        table.cell(r, c).text = text
    path = tmp_path / "t.docx"
    document.save(str(path))
    text = extract(path).text
    assert "第一条 对新落户企业给予奖励，标准如下：\n级别｜奖励\n国家级｜100万元" in text


def _pdf(path: Path, lines: list[str]) -> None:
    import matplotlib

    matplotlib.use("pdf")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    matplotlib.rcParams["pdf.fonttype"] = 42
    prop = font_manager.FontProperties(fname=str(CJK_FONT))
    fig = plt.figure(figsize=(8.3, 11.7))
    for i, line in enumerate(lines):
        fig.text(0.1, 0.9 - i * 0.05, line, fontproperties=prop, fontsize=12)
    fig.savefig(str(path))
    plt.close(fig)


@pytest.mark.skipif(not CJK_FONT.is_file(), reason="needs fonts-noto-cjk to draw a Chinese PDF")
def test_text_pdf_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    _pdf(
        path,
        [
            "测试区促进产业发展办法",
            "第一条 对新落户企业给予最高50万元奖励。",
            "第二条 本办法自2024年1月1日起施行，有效期3年。",
        ],
    )
    meta = extract_metadata(extract(path).text)
    assert meta.values["title"] == "测试区促进产业发展办法" and meta.values["expires"] == "2026-12-31"


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "policyqa", *args],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})}, timeout=120,
    )  # fmt: skip


def test_bad_files_get_chinese_errors_and_exit_2(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    scan = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with scan.open("wb") as f:
        writer.write(f)
    (tmp_path / "a.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    env = {"POLICYQA_CORPUS_DIR": str(tmp_path / "nocorpus"), "POLICYQA_INDEX_DIR": str(tmp_path / "i")}
    shutil.copytree(ROOT / "corpus", tmp_path / "nocorpus")
    before = sorted(p.name for p in (tmp_path / "nocorpus").iterdir())
    for path, message in [
        (scan, "OCR"),
        (tmp_path / "a.doc", "不支持的文件类型"),
        (tmp_path / "none.docx", "找不到文件"),
    ]:
        result = _cli("add", str(path), "--yes", env=env)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "nocorpus").iterdir()) == before


def test_missing_title_is_asked_not_invented(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    before = (corpus / "manifest.toml").read_text("utf-8")
    env = {"POLICYQA_CORPUS_DIR": str(corpus), "POLICYQA_INDEX_DIR": str(tmp_path / "i")}
    docx_file = str(FIXTURES / "ganjingzi_keji_chuangxin_guiding.docx")
    result = _cli("add", docx_file, "--yes", "--no-index", env=env)
    assert result.returncode == 2 and "缺少标题" in result.stderr
    assert (corpus / "manifest.toml").read_text("utf-8") == before
    # Interactive: the title is typed in, every other field kept as found (Enter).
    answers = "甘井子区支持科技创新若干规定\n" + "\n" * 8
    done = subprocess.run(
        [sys.executable, "-m", "policyqa", "add", docx_file, "--no-index"],
        input=answers, capture_output=True, text=True, cwd=ROOT, env={**__import__("os").environ, **env}, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    manifest = tomllib.loads((corpus / "manifest.toml").read_text("utf-8"))
    entry = manifest["document"][-1]
    assert entry["title"] == "甘井子区支持科技创新若干规定" and entry["issuer"] == "" and "issuer" in entry["missing"]
    assert manifest["districts"]["甘井子区"] == ["甘井子"]
    assert (corpus / f"{entry['doc_id']}.original.docx").read_bytes() == Path(docx_file).read_bytes()
    review = _cli("awards", "review", "--doc", entry["doc_id"], env=env)
    assert review.returncode == 0 and "共 12 条规则草稿" in review.stdout and "待核对" in review.stdout


def test_html_body_not_navigation_and_tables_as_rows(tmp_path: Path) -> None:
    page = """<html><head><meta name="ArticleTitle" content="某区人才扶持办法"><title>门户</title></head><body>
    <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zc">政策文件</a></li></ul></div>
    <div class="content"><p>第一条 为吸引人才，制定本办法。</p><p>第二条 标准如下：</p>
    <table><tr><td>类别</td><td>补贴</td></tr><tr><td>博士</td><td>每人每月3000元</td></tr></table>
    <p>第三条 本办法自2024年1月1日起施行。</p></div><div class="footer"><p>网站地图</p></div></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    extracted = extract(path)
    assert extracted.hints["title"] == "某区人才扶持办法"
    assert "首页" not in extracted.text and "网站地图" not in extracted.text
    assert "类别｜补贴\n博士｜每人每月3000元" in extracted.text


def test_structure_report_warns_on_gaps_and_duplicates() -> None:
    doc = _doc(KEY[0], "某办法")
    text = "某办法\n第一章 总则\n第一条 甲。\n第二条 乙。\n第三章 附则\n第四条 丙。\n第四条 丁。"
    report = structure_report(split_document(doc, text))
    assert report.counts["条"] == 4 and report.counts["章"] == 2
    assert "章编号缺少：第2章" in report.warnings and "条编号重复：第4条" in report.warnings
    assert "条编号缺少：第3条" in report.warnings


def test_a_batch_with_a_bad_file_writes_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    before = sorted(p.name for p in corpus.rglob("*"))
    env = {"POLICYQA_CORPUS_DIR": str(corpus), "POLICYQA_INDEX_DIR": str(tmp_path / "i")}
    files = [
        str(FIXTURES / "tianhe_gangao_qingnian_banfa.html"),
        str(FIXTURES / "ganjingzi_keji_chuangxin_guiding.docx"),
    ]
    result = _cli("add", *files, "--yes", "--no-index", env=env)
    assert result.returncode == 2 and "缺少标题" in result.stderr
    assert sorted(p.name for p in corpus.rglob("*")) == before


def test_drafts_reproduce_most_hand_reviewed_seed_rules(corpus: Any) -> None:
    """A check on documents the key did not cover: drafts of the five seed documents against the 42 reviewed
    rules of corpus/awards.toml (32/42 when first measured, 35/42 after the tiers and 再给予最高 fixes)."""
    from policyqa.award_table import load_rules
    from policyqa.awards import cap_of

    def same(seed: AwardRule, draft: AwardRule) -> bool:
        if draft.clause_id.split("#")[:2] != seed.clause_id.split("#")[:2]:  # a long clause's parts: #p2
            return False
        if seed.levels:
            return sorted(a for _, a in seed.levels) == sorted(a for _, a in draft.levels)
        if seed.rate is not None:
            return (draft.rate, draft.cap_yuan) == (seed.rate, seed.cap_yuan)
        if seed.kind == "per_unit":
            return draft.unit_yuan == seed.unit_yuan
        if seed.kind == "staged":
            return [a for _, a in draft.stages] == [a for _, a in seed.stages]
        return cap_of(draft) == cap_of(seed)

    drafts = [
        award_table.build_rule(dict(e), i)
        for doc_id in corpus.documents
        for i, e in enumerate(draft_rules(corpus.clauses_of(doc_id), doc_id).rules, start=1)
    ]
    seed = load_rules(ROOT / "corpus" / "awards.toml")
    assert sum(any(same(r, d) for d in drafts) for r in seed) >= 35
