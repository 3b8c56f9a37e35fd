"""Index build and answering with every non-loopback connection refused (no hub, telemetry or CDN)."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent

GUARD = textwrap.dedent(
    """
    import ipaddress, json, socket, sys
    attempts = []
    def _loopback(host):
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return host in ("localhost",)
    def _guard(original):
        def connect(self, address, *a):
            host = address[0] if isinstance(address, tuple) else str(address)
            if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(host):
                attempts.append(host)
                raise OSError("network blocked by test: " + host)
            return original(self, address, *a)
        return connect
    socket.socket.connect = _guard(socket.socket.connect)
    socket.socket.connect_ex = _guard(socket.socket.connect_ex)
    _gai = socket.getaddrinfo
    def getaddrinfo(host, *a, **k):
        if host and not _loopback(str(host)):
            attempts.append(str(host))
            raise socket.gaierror("name resolution blocked by test: " + str(host))
        return _gai(host, *a, **k)
    socket.getaddrinfo = getaddrinfo

    from policyqa.engine import Engine
    from policyqa.settings import Settings
    engine = Engine.load(Settings.from_env(index_dir=sys.argv[1]), build_if_missing=True)
    answer = engine.ask("我们公司获得市级首台套项目补贴五百万，丰台区最多给多少配套？")
    print(json.dumps({"attempts": attempts, "amount": str(answer.calculations[0].amount_yuan),
                      "citation": answer.citations[0].clause_id}))
    """
)


def test_build_and_answer_with_network_blocked(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env["ANONYMIZED_TELEMETRY"] = "True"  # prove the code itself turns Chroma telemetry off
    out = subprocess.run(
        [sys.executable, "-c", GUARD, str(tmp_path / "index")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=600,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["attempts"] == []
    assert result["amount"] == "1500000"
    assert result["citation"] == "fengtai-zhizao#第十四条"
