"""The writers every command shares: the CSV writer's guard, visible control characters,
whole-or-nothing output files. Properties checked with hypothesis over arbitrary text."""
from __future__ import annotations

import csv
import io
import os
import xml.etree.ElementTree as ET

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimtrack.io.csvout import FORMULA_START, unguard, write_csv
from claimtrack.errors import OutputError
from claimtrack.io.outputs import check_outdir, open_output
from claimtrack.io.safetext import visible

ANY_TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from(list("=+-@\t\r\n\x1b\x00\x0c'")),
                   max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(ANY_TEXT, min_size=1, max_size=5))
@example(["'@"])  # an apostrophe the writer did not put there
@example(["\r=1"])
def test_csv_cells_never_start_a_formula_and_read_back(cells):
    buf = io.StringIO()
    write_csv(buf, [f"c{i}" for i in range(len(cells))], [cells])
    row = list(csv.reader(io.StringIO(buf.getvalue())))[1]
    for written, original in zip(row, cells):
        assert not written.startswith(FORMULA_START)
        assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in written)
        assert unguard(written) == visible(original)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_visible_keeps_length_and_makes_text_xml_safe(text):
    out = visible(text)
    assert len(out) == len(text)  # offsets into the text stay valid
    assert [a == b for a, b in zip(out, text) if b in "\n\t"] == [True] * sum(b in "\n\t" for b in text)
    ET.fromstring(f"<a>{out.replace('&', '&amp;').replace('<', '&lt;')}</a>")  # XML 1.0 accepts it


def test_open_output_replaces_whole_or_leaves_the_old_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with open_output(target) as fh:
            fh.write("half")
            raise RuntimeError("bug mid-write")
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["out.txt"]
    with open_output(target) as fh:
        fh.write("new")
    umask = os.umask(0)
    os.umask(umask)
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # an ordinary file, not mkstemp's 0600


def test_open_output_writes_special_files_in_place(tmp_path):
    with open_output(os.devnull) as fh:  # a rename over /dev/null would be a disaster
        fh.write("x")
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_check_outdir_accepts_a_new_nested_directory_and_refuses_a_file(tmp_path):
    check_outdir(tmp_path / "a" / "b" / "c")
    (tmp_path / "f").write_text("")
    with pytest.raises(OutputError, match="not a directory"):
        check_outdir(tmp_path / "f" / "sub")
