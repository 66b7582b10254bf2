"""Fuzz: generated malformed workbooks, .xls, CSVs, texts, .docx and PDFs through the CLI in a
batch — no traceback, exit 0/1/2 only, one line naming each unreadable file, the other files
still checked. Bounded examples (FINCHECK_FUZZ_EXAMPLES, default 6) so CI stays fast; the deeper
sweep is scripts/fuzz_sweep.py."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzz_inputs import BUILDERS, GOOD_CSV, batch_problems, make, run_batch

FILES = st.lists(
    st.tuples(
        st.sampled_from(sorted(BUILDERS)),
        st.integers(0, 2**32 - 1),
        st.sampled_from(["keep", "keep", "truncate", "flip", "junk"]),
    ),
    min_size=2,
    max_size=5,
)


@settings(
    max_examples=int(os.environ.get("FINCHECK_FUZZ_EXAMPLES", "6")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(files=FILES)
def test_a_batch_of_malformed_inputs(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("fuzz")
    paths = []
    for i, (suffix, seed, how) in enumerate(files):
        p = folder / f"f{i}-{how}{suffix}"
        p.write_bytes(make(suffix, seed, how))
        paths.append(p)
    good = folder / "good.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    code, out, err = run_batch([*paths, good])
    assert batch_problems(code, out, err, str(good)) == [], (files, err)
