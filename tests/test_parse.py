"""The parse layer: model resolution, the parse cache, NER-free operation."""
from __future__ import annotations

import pytest

from claimtrack.errors import ModelError
from claimtrack.parse.models import ENV_VAR, inspect_model_dir, resolve_model_dir
from claimtrack.parse.parser import Doc, Parser
from conftest import model_dir


def test_model_dir_resolution_order(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env"))
    assert resolve_model_dir(tmp_path / "opt") == tmp_path / "opt"
    assert resolve_model_dir(None) == tmp_path / "env"
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "stanza"))
    assert resolve_model_dir(None) == tmp_path / "stanza"


def test_mini_model_has_no_ner_and_still_works(analyzer):
    info = inspect_model_dir(model_dir())
    assert "depparse" in info.processors and "ner" not in info.processors
    assert analyzer.parser.has_ner is False
    doc = analyzer.parser.parse("Officials said the port was closed.")
    assert all(w.ner == "O" for s in doc.sentences for w in s.words)


def test_incomplete_model_dir_raises_model_error(tmp_path):
    (tmp_path / "resources.json").write_text('{"en": {}}')
    with pytest.raises(ModelError, match="lacks"):
        inspect_model_dir(tmp_path)


def test_parse_cache_skips_the_parser_and_gives_the_same_tree(analyzer, tmp_path, monkeypatch):
    text = "The mayor said the bridge would reopen on Friday."
    cached = Parser(model_dir(), cache_dir=tmp_path)
    cached._nlp = analyzer.parser.nlp  # share the loaded pipeline
    first = cached.parse(text)
    assert list(tmp_path.rglob("*.json.gz"))

    def boom(*a, **k):
        raise AssertionError("parser called despite the cache")

    fresh = Parser(model_dir(), cache_dir=tmp_path)
    fresh._nlp = boom
    second = fresh.parse(text)
    assert second.to_json() == first.to_json()
    assert isinstance(second, Doc) and second.text == text


def test_offsets_survive_unusual_whitespace_and_unicode(analyzer):
    text = "  Le ministre\u00a0said\t\u201cit\u2019s fine\u201d.\n\n\nKyiv\u2019s mayor denied it. 😀 Done."
    doc = analyzer.parser.parse(text)
    words = [w for s in doc.sentences for w in s.words]
    assert [w.start for w in words] == sorted(w.start for w in words)
    for w in words:
        assert 0 <= w.start < w.end <= len(text)
        if len(w.text) == w.end - w.start:  # not a multi-word token: the span is the word
            assert text[w.start:w.end].replace("\u2019", "'") == w.text.replace("\u2019", "'")


def test_articles_per_stanza_call_follow_the_device(analyzer):
    """On a GPU many articles share Stanza's batches (as ``Pipeline.stream`` sends them); on the
    CPU small calls keep the progress bar moving. Either way each article gets its own parse."""
    from claimtrack.parse.parser import GPU_CHUNK, PARSE_CHUNK, parse_chunk

    texts = [f"Officials in town {i} said the road would reopen on Friday." for i in range(9)]
    sizes: dict[str, list[int]] = {}
    docs = {}
    for device in ("cpu", "cuda"):
        calls: list[int] = []

        def recording(batch, _calls=calls):
            _calls.append(len(batch))
            return analyzer.parser.nlp(batch)

        p = Parser(model_dir(), threads=1)
        p._nlp, p.resolved_device = recording, device
        docs[device] = p.parse_many(texts)
        sizes[device] = calls
    assert parse_chunk("cpu") == PARSE_CHUNK < GPU_CHUNK == parse_chunk("cuda")
    assert sizes["cpu"] == [4, 4, 1] and sizes["cuda"] == [9]
    assert [d.to_json() for d in docs["cuda"]] == [d.to_json() for d in docs["cpu"]]
    assert [d.text for d in docs["cuda"]] == texts
