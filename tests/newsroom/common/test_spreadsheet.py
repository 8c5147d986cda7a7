"""Exports a spreadsheet opens as text: OWASP's rule against formula injection, on every cell."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsroom.common.spreadsheet import FORMULA_STARTS, SafeWriter, neutralise


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (" =1", "' =1"),
        ("Lễ hội hoa ban", "Lễ hội hoa ban"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (-3, -3),  # a real number stays a number
        (2.5, 2.5),
    ],
)
def test_neutralise_quotes_what_a_spreadsheet_would_run(cell, shown):
    assert neutralise(cell) == shown


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_no_cell_written_starts_like_a_formula(cells):
    buffer = io.StringIO()
    SafeWriter(buffer).writerow(cells)
    [row] = list(csv.reader(io.StringIO(buffer.getvalue())))
    for written, original in zip(row, cells, strict=True):
        assert not written.lstrip(" ").startswith(FORMULA_STARTS)
        assert written in (original, "'" + original) or "\r" in original  # csv folds lone CRs
