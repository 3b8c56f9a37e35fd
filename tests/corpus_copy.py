"""A copy of the repository's corpus with one manifest line changed (for tests of bad manifests)."""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manifest_copy(tmp_path: Path, old: str, new: str) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", target)
    manifest = target / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    assert old in text
    manifest.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target
