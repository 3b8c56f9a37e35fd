"""The web app's named API endpoints (/ask, /lookup, /award) through gradio_client, against the real server.

The index is built once per test session in a temporary directory (shared with test_browser.py through
``tmp_path_factory``'s base directory); feedback goes to a temporary data directory.
"""

import ast
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from servers import free_port, running_app

os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

ROOT = Path(__file__).resolve().parent.parent
FIRST_SET = "我们公司获得市级首台套项目补贴五百万，丰台区最多给多少配套？"
FENGTAI_TITLE = "丰台区促进智能制造产业高质量发展若干措施（征求意见稿）"
_CJK = re.compile(r"[\u4e00-\u9fff]")



@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from policyqa.engine import Engine
    from policyqa.settings import Settings

    base = tmp_path_factory.getbasetemp()
    settings = Settings.from_env(index_dir=base / "shared-index", data_dir=tmp_path_factory.mktemp("app-data"))
    return Engine.load(settings, build_if_missing=True)


@pytest.fixture(scope="session")
def server(engine: Any) -> Iterator[str]:
    with running_app(engine) as url:
        yield url


@pytest.fixture(scope="session")
def client(server: str) -> Any:
    from gradio_client import Client

    return Client(server, verbose=False)


# ---------------------------------------------------------------------- fast checks (no server)
def test_core_package_never_imports_gradio() -> None:
    for path in (ROOT / "policyqa").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] in ("gradio", "gradio_client", "app", "ui_format") for n in names), path


def test_escaping_makes_markup_inert() -> None:
    import ui_format
    from policyqa.types import Answer, Citation

    evil = '<script>alert("x")</script> [点我](http://evil.example) **粗体** $x$'
    assert "<" not in ui_format.esc(evil) and "](" not in ui_format.esc(evil) and "$" not in ui_format.esc(evil)
    citation = Citation(1, "d#第一条", "d", evil, "第一条", "征求意见稿", "有效期", evil)
    html = ui_format.answer_html(Answer(question=evil, text=evil, found=True, citations=(citation,)))
    assert "<script" not in html and "](" not in html and "**" not in html
    assert "征求意见稿" in html and "pq-badge-draft" in html


# ---------------------------------------------------------------------- the running server
@pytest.mark.slow
def test_named_endpoints_are_listed(client: Any) -> None:
    api = client.view_api(return_format="dict", print_info=False)["named_endpoints"]
    assert {"/ask", "/lookup", "/award"} <= set(api)
    assert [p["parameter_name"] for p in api["/ask"]["parameters"]] == ["question", "history"]


@pytest.mark.slow
def test_page_is_served(server: str) -> None:
    with urllib.request.urlopen(server, timeout=30) as response:
        assert response.status == 200
        page = response.read().decode("utf-8")
    assert "惠企政策问答" in page


@pytest.mark.slow
def test_ask_computes_first_set_subsidy(client: Any) -> None:
    result = client.predict(FIRST_SET, [], api_name="/ask")
    assert result["found"] is True
    assert result["calculations"][0]["amount_yuan"] == 1500000
    assert result["citations"][0]["locator"] == "第十四条"
    assert result["citations"][0]["status"] == "征求意见稿"
    assert set(result) >= {"id", "answer", "citations", "calculations", "amounts_yuan", "latency_ms"}


@pytest.mark.slow
def test_ask_follow_up_uses_history(client: Any) -> None:
    result = client.predict("那国家级智能工厂呢？", ["丰台区对灯塔工厂有什么支持？"], api_name="/ask")
    assert "第十一条" in [c["locator"] for c in result["citations"]]


@pytest.mark.slow
@pytest.mark.parametrize("question", ["<script>alert('x')</script>", "<script>document.cookie</script>？"])
def test_ask_script_gets_chinese_message(client: Any, question: str) -> None:
    result = client.predict(question, [], api_name="/ask")
    dumped = json.dumps(result, ensure_ascii=False)
    assert "Traceback" not in dumped and "Error" not in dumped
    assert result["found"] is False and result["citations"] == []
    assert _CJK.search(result["error"])


@pytest.mark.slow
def test_ask_too_long_gets_engine_message(client: Any, engine: Any) -> None:
    limit = engine.settings.max_question_chars
    result = client.predict("丰" * (limit + 1), [], api_name="/ask")
    assert result["error"] == f"问题过长（{limit + 1} 字），请精简到 {limit} 字以内"


@pytest.mark.slow
def test_lookup_by_locator(client: Any) -> None:
    rows = client.predict("丰台 第十四条", "", api_name="/lookup")
    assert len(rows) == 1
    assert "首台（套）" in rows[0]["text"]
    assert rows[0]["citation"] == f"《{FENGTAI_TITLE}》第十四条"
    assert rows[0]["status"] == "征求意见稿" and rows[0]["match"] == "locator"


@pytest.mark.slow
def test_lookup_list_item_locator(client: Any) -> None:
    rows = client.predict("经开区 五、(二)3", "", api_name="/lookup")
    assert [r["locator"] for r in rows] == ["五、(二)3"]
    assert rows[0]["doc_id"] == "jingkai-sida"


@pytest.mark.slow
def test_lookup_keywords_fall_back_to_search_within_district(client: Any) -> None:
    rows = client.predict("首台套", "丰台", api_name="/lookup")
    assert rows and rows[0]["locator"] == "第十四条" and rows[0]["match"] == "keyword"
    assert {r["doc_id"] for r in rows} == {"fengtai-zhizao"}
    rows = client.predict("小巨人", "丰台区", api_name="/lookup")
    assert "小巨人" in rows[0]["text"] and rows[0]["match"] == "keyword"
    assert {r["doc_id"] for r in rows} == {"fengtai-zhizao"}
    rows = client.predict("小巨人", "经开区", api_name="/lookup")  # the term is not in 经开区's document
    assert rows and {r["doc_id"] for r in rows} == {"jingkai-sida"}
    assert {r["match"] for r in rows} == {"related"}


@pytest.mark.slow
def test_lookup_errors_are_chinese(client: Any) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="请输入条款编号或关键词"):
        client.predict("", "", api_name="/lookup")
    with pytest.raises(AppError, match="未知的区「火星」"):
        client.predict("首台套", "火星", api_name="/lookup")


@pytest.mark.slow
def test_award_by_rule(client: Any, engine: Any) -> None:
    rule = next(r for r in engine.rules if r.clause_id == "fengtai-zhizao#第十四条" and r.kind == "rate_cap")
    result = client.predict(rule.rule_id, "5000000", "", "", api_name="/award")
    assert result["amount_yuan"] == 1500000
    assert result["clause"]["locator"] == "第十四条"
    assert result["citation"] == f"《{FENGTAI_TITLE}》第十四条"
    assert result["steps"]


@pytest.mark.slow
def test_award_by_question(client: Any) -> None:
    result = client.predict("获得市级首台套项目补贴500万，丰台最多配套多少？", "", "", "", api_name="/award")
    assert result["amount_yuan"] == 1500000


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("no-such-rule", "", "", ""), "未知的测算规则"),
        (("", "", "", ""), "请选择测算规则"),
        (("fengtai-14-first-set-subsidy", "很多钱", "", ""), "金额"),
        (("fengtai-14-first-set-subsidy", "", "", ""), "需要提供"),
        (("fengtai-14-first-set-subsidy", "100", "2.5", ""), "数量应为整数"),
    ],
)
def test_award_errors_are_chinese_objects(client: Any, args: tuple[str, ...], message: str) -> None:
    result = client.predict(*args, api_name="/award")
    assert set(result) == {"error"}
    assert message in result["error"]


@pytest.mark.slow
def test_serve_command_with_staff_login(engine: Any, tmp_path: Path) -> None:
    """`policyqa serve` (as `python -m policyqa serve`) with POLICYQA_AUTH_USER/PASSWORD requires a login."""
    from gradio_client import Client

    port = free_port()
    env = {**os.environ, "POLICYQA_INDEX_DIR": str(engine.settings.index_dir), "POLICYQA_DATA_DIR": str(tmp_path),
           "POLICYQA_AUTH_USER": "staff", "POLICYQA_AUTH_PASSWORD": "secret-pw"}
    cmd = [sys.executable, "-m", "policyqa", "serve", "--host", "127.0.0.1", "--port", str(port)]
    url = f"http://127.0.0.1:{port}/"
    with (tmp_path / "serve.log").open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 180
            while True:
                assert proc.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
                assert time.monotonic() < deadline, "server did not start"
                try:
                    urllib.request.urlopen(url + "config", timeout=2)
                except urllib.error.HTTPError as err:
                    assert err.code == 401  # up, and refusing anonymous access
                    break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    time.sleep(0.2)
                    continue
                pytest.fail("the app answered without a login")
            authed = Client(url, auth=("staff", "secret-pw"), verbose=False)
            rows = authed.predict("丰台 第十四条", "", api_name="/lookup")
            assert rows[0]["locator"] == "第十四条"
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def test_unverified_llm_draft_hides_figures() -> None:
    import app

    masked = app.mask_figures("可获得150万元支持，按30%计算，合计1,500,000 元[1]")
    assert "150" not in masked and "30%" not in masked and "1,500,000" not in masked
    assert masked.count("■") == 3 and masked.endswith("[1]")
