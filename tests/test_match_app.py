"""`/match` through gradio_client against the real server: the hand-worked profiles give the same
outcomes as the engine and the CLI; bad input comes back as a Chinese error naming the field."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterator
from typing import Any

import pytest
from servers import running_app
from test_match import AS_OF, EXPECTED, PROFILES, expected_for

os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def match_engine(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from policyqa.engine import Engine
    from policyqa.settings import Settings

    base = tmp_path_factory.getbasetemp()  # the same index directory as test_app.py: built once per session
    settings = Settings.from_env(index_dir=base / "shared-index", data_dir=tmp_path_factory.mktemp("match-data"))
    return Engine.load(settings, build_if_missing=True)


@pytest.fixture(scope="module")
def client(match_engine: Any) -> Iterator[Any]:
    from gradio_client import Client

    with running_app(match_engine) as url:
        yield Client(url, verbose=False)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_profile_through_api(client: Any, name: str) -> None:
    data = tomllib.loads((PROFILES / f"{name}.toml").read_text(encoding="utf-8"))
    out = client.predict(json.dumps(data, ensure_ascii=False), "", AS_OF.isoformat(), api_name="/match")
    ids = [r["rule_id"] for r in out["results"]]
    assert len(ids) == len(set(ids)) == 42
    assert {r["rule_id"]: (r["outcome"], r["amount_yuan"]) for r in out["results"]} == expected_for(name, ids)


def test_text_through_api(client: Any) -> None:
    text = "丰台的工业企业，去年产值首次过5亿，研发费用比上年多了300万，增速高于全区平均，拿了市级首台套补贴500万"
    out = client.predict("", text, "2026-11-26", api_name="/match")
    assert out["total_yuan"] == 2_000_000 and out["profile"]["district"] == "丰台区"
    assert out["profile"]["awards"][0]["amount"] == 5_000_000


@pytest.mark.parametrize(
    ("profile", "words"),
    [
        ('{"district": "火星区"}', "district"),
        ('{"district": "丰台", "projects": {"设备和软件投入": "-5万"}}', "projects.设备和软件投入"),
        ('{"district": ', "JSON"),
        ("", "profile"),
        ('["丰台"]', "JSON 对象"),
    ],
)
def test_bad_input_through_api(client: Any, profile: str, words: str) -> None:
    out = client.predict(profile, "", "2026-11-26", api_name="/match")
    assert set(out) == {"error"} and words in out["error"]


def test_bad_date_through_api(client: Any) -> None:
    out = client.predict('{"district": "丰台"}', "", "明天", api_name="/match")
    assert "--as-of" in out["error"] or "体检日期" in out["error"]


def test_match_is_a_named_endpoint(client: Any) -> None:
    api = client.view_api(return_format="dict", print_info=False)["named_endpoints"]
    assert {"/ask", "/lookup", "/award", "/match"} <= set(api)
    assert [p["parameter_name"] for p in api["/match"]["parameters"]] == ["profile", "text", "as_of"]
