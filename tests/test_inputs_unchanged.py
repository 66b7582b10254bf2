"""The session fixture that hashes the inputs sees a changed byte (so it can fail)."""

from __future__ import annotations

from .conftest import digests, input_folders


def test_the_hash_covers_the_examples_and_sees_a_change(tmp_path, inputs_unchanged):
    assert any("examples" in p for p in inputs_unchanged)
    assert all(p in inputs_unchanged for p in digests(input_folders()))
    (tmp_path / "a.csv").write_text("x", encoding="utf-8")
    first = digests([tmp_path])
    (tmp_path / "a.csv").write_text("y", encoding="utf-8")
    assert digests([tmp_path]) != first
