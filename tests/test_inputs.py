"""Reading articles: encodings, HTML, language, size and shape checks — one-line errors only."""
from __future__ import annotations

import codecs

import pytest
from click.testing import CliRunner

from claimtrack.cli.commands import main
from claimtrack.errors import InputError
from claimtrack.io.inputs import (MAX_SENTENCE_WORDS, decode_bytes, detect_language, extract_html,
                               load_article, longest_sentence_words, prepare_article)

from batchkit import FRENCH, HTML_PAGE, long_sentence

TEXT = "The café’s owner said the report was “false”, officials confirmed on Friday."


@pytest.mark.parametrize("data", [
    TEXT.encode("cp1252"), TEXT.encode("utf-8"), codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"), TEXT.encode("utf-16-le"), TEXT.encode("utf-16-be"), TEXT.encode("utf-32"),
], ids=["cp1252", "utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "utf16be-nobom", "utf32-bom"])
def test_decodes_common_encodings(data):
    assert decode_bytes(data, "x") == TEXT


def test_latin1_bytes_undefined_in_cp1252_still_decode():
    assert decode_bytes(b"caf\xe9 \x81", "x") == "café \x81"


@pytest.mark.parametrize("data,reason", [
    (b"", "the article is empty"),
    (b"  \n\t \r\n", "the article is empty"),
    (bytes(range(256)) * 4, "binary data"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary data"),
    (long_sentence().encode(), f"over the limit of {MAX_SENTENCE_WORDS}"),
    (FRENCH.encode(), "looks French (fr), not English"),
    ("Министерство иностранных дел подтвердило, что двое граждан были задержаны после атаки."
     .encode("utf-8"), "looks Russian (ru)"),
])
def test_bad_articles_are_refused_with_a_reason(data, reason):
    with pytest.raises(InputError) as exc:
        prepare_article(data, "bad.txt")
    assert reason in str(exc.value)
    assert "\n" not in str(exc.value) and str(exc.value).startswith("bad.txt: ")


def test_lang_option_skips_the_english_check():
    art = prepare_article(FRENCH.encode(), "fr.txt", lang="fr")
    assert art.text == FRENCH


def test_short_text_passes_the_language_check():
    assert prepare_article(b"Police denied it.", "x").text == "Police denied it."


def test_detect_language():
    assert detect_language(TEXT)[0] == "en"
    assert detect_language(FRENCH) == ("fr", pytest.approx(1.0, abs=0.01))


def test_max_chars():
    with pytest.raises(InputError, match="over the limit of 10"):
        prepare_article(TEXT.encode(), "x", max_chars=10)


def test_longest_sentence():
    assert longest_sentence_words("One two. Three four five!\nSix") == 3
    assert longest_sentence_words(long_sentence(600)) == 600


def test_html_extraction_keeps_metadata_and_offsets_refer_to_the_extracted_text():
    text, meta = extract_html(HTML_PAGE, "page.html")
    assert meta["format"] == "html"
    assert meta["title"] == "Kazakhstan confirms drone attack"
    assert meta["date"] == "2024-05-03"
    assert meta["url"] == "https://example.org/news/kaluga"
    assert meta["text"] == text
    assert "Subscribe" not in text and "tracking" not in text and "Home" not in text
    assert "The foreign ministry confirmed on Friday" in text
    assert "\n\n" in text  # paragraphs stay paragraphs


def test_html_without_article_text():
    with pytest.raises(InputError, match="no article text"):
        prepare_article(b"<html><body><script>x()</script></body></html>", "p.html", html=True)


def test_load_article_reads_html_files(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML_PAGE, encoding="utf-8")
    art = load_article(p)
    assert art.id == "page" and art.meta["title"] == "Kazakhstan confirms drone attack"
    assert art.text.startswith("Kazakhstan confirms drone attack")


def test_html_analysis_offsets_point_into_meta_text(analyzer, tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML_PAGE, encoding="utf-8")
    art = load_article(p)
    result = analyzer.analyze(art.text, art.id)
    assert result.attributions, "the page's attributions were found"
    for a in result.attributions:
        for s, e in a.cue.spans:
            assert art.meta["text"][s:e] == a.cue.text


@pytest.mark.parametrize("text", [
    '"He said it was over. "And then he left, officials said.',  # unbalanced
    'Officials said "the minister told us \'it was "fine"\' yesterday" on Monday.',  # nested
    '“Nobody was hurt,” a spokesman said. ”Really?“ he added. «Nothing happened», police said.',
], ids=["unbalanced", "nested", "mixed-marks"])
def test_odd_quotes_do_not_break_analysis(analyze_text, text):
    result = analyze_text(text)
    assert result.to_dict()["id"] == "t"
    assert any(a.cue.lemma == "say" for a in result.attributions)


def test_cli_bad_inputs_give_one_line_and_nonzero_exit(tmp_path, monkeypatch):
    files = {
        "empty.txt": b"",
        "blank.txt": b"   \n",
        "binary.bin": bytes(range(256)) * 8,
        "french.txt": FRENCH.encode(),
        "long.txt": long_sentence().encode(),
    }
    runner = CliRunner()
    monkeypatch.setenv("CLAIMTRACK_MODEL_DIR", str(tmp_path / "no-model"))  # never reached
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        res = runner.invoke(main, ["analyze", str(tmp_path / name)])
        assert res.exit_code == 2, (name, res.output)
        assert res.exception is None or isinstance(res.exception, SystemExit)
        lines = [ln for ln in res.output.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("claimtrack: error: "), (name, res.output)
    res = runner.invoke(main, ["analyze", "--max-chars", "5", str(tmp_path / "french.txt")])
    assert res.exit_code == 2 and "over the limit" in res.output and "--max-chars" in res.output
