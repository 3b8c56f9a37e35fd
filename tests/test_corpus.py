"""Manifest validation and document metadata."""

from pathlib import Path

import pytest
from corpus_copy import manifest_copy

from policyqa.corpus import Corpus, load_corpus
from policyqa.errors import CorpusError

ROOT = Path(__file__).resolve().parent.parent


def _manifest_entries() -> list[dict[str, object]]:
    import tomllib

    return tomllib.loads((ROOT / "corpus" / "manifest.toml").read_text(encoding="utf-8"))["document"]


def test_every_manifest_document_is_loaded_with_clauses(corpus: Corpus) -> None:
    """Iterates over the manifest: a document added with `policyqa add` is covered without editing this test."""
    entries = _manifest_entries()
    assert [e["doc_id"] for e in entries] == list(corpus.documents)
    for entry in entries:
        doc = corpus.documents[str(entry["doc_id"])]
        assert corpus.clauses_of(doc.doc_id), doc.doc_id
        assert doc.district in corpus.districts() and doc.path.is_file()
        assert corpus.districts_in(doc.district) == [doc.district]


def test_documents_and_metadata(corpus: Corpus) -> None:
    fengtai = corpus.documents["fengtai-zhizao"]
    assert fengtai.is_draft and fengtai.expires is not None and fengtai.expires.isoformat() == "2029-12-31"
    jingkai = corpus.documents["jingkai-sida"]
    assert jingkai.doc_number == "京技管〔2020〕48号"
    assert jingkai.issued is not None and jingkai.issued.isoformat() == "2020-06-22"
    assert not jingkai.is_draft
    assert corpus.documents["mentougou-shishi"].status == "征求意见稿"


def test_corpus_files_are_the_seeds_unmodified(corpus: Corpus) -> None:
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds not beside the checkout")
    for doc in corpus.documents.values():
        assert doc.path.read_bytes() == (seeds / doc.source_file).read_bytes()


def test_district_aliases(corpus: Corpus) -> None:
    assert corpus.districts_in("亦庄的药企") == ["北京经济技术开发区"]
    assert corpus.districts_in("丰台和门头沟") == ["丰台区", "门头沟区"]
    assert corpus.districts_in("朝阳区") == []



@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('district = "丰台区"', 'district = "朝阳区"', "district"),
        ('expires = "2029-12-31"', 'expires = "2029-13-45"', "expires"),
        ('file = "fengtai_smart_manufacturing_draft.txt"', 'file = "missing.txt"', "file"),
        ('status = "征求意见稿"', 'status = "草稿"', "status"),
        ('issuer = "丰台区科学技术和信息化局"', 'issuer = ""', "issuer"),
    ],
)
def test_bad_manifest_names_the_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    with pytest.raises(CorpusError) as err:
        load_corpus(corpus_dir=manifest_copy(tmp_path, old, new))
    assert field in str(err.value)
